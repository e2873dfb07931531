//! Allocation test for texts with their context: once warm, `Analyzer::analyze_feedback_with`
//! (a title read into the workspace, a rating) makes no heap allocation per call, like
//! `analyze_into` (tests/alloc.rs, whose counting allocator this file repeats: a global
//! allocator is per test crate).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use earshot::{Analysis, Analyzer, Feedback, Workspace};

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

fn record() {
    // `try_with`: the allocator also runs while thread-locals are being destroyed.
    let _ = COUNTING.try_with(|counting| {
        if counting.get() {
            COUNT.set(COUNT.get() + 1);
        }
    });
}

struct Counting;

// `unsafe` is needed here and only here: a global allocator must implement the unsafe trait
// `GlobalAlloc` (the crate itself forbids unsafe code; each file in `tests/` is its own crate).
// Every method forwards to `System` unchanged, after counting on the current thread.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record();
        // SAFETY: forwarded unchanged; the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record();
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record();
        // SAFETY: forwarded unchanged; `ptr` and `layout` come from this allocator, which
        // allocated them with `System`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged; `ptr` was allocated by `System` with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` and returns how many allocations it made on this thread.
fn allocations(f: impl FnOnce()) -> usize {
    COUNT.set(0);
    COUNTING.set(true);
    f();
    COUNTING.set(false);
    COUNT.get()
}

#[test]
fn analyze_feedback_with_allocates_nothing_once_warm() {
    assert_eq!(allocations(|| drop(Vec::<u8>::with_capacity(8))), 1);
    let analyzer = Analyzer::default();
    let reviews = include_str!("../data/reviews.txt");
    let posts = include_str!("../data/posts.txt");
    // Each review with a post as its title and a rating from 1 to 5.
    let items: Vec<Feedback> = reviews
        .lines()
        .zip(posts.lines().cycle())
        .enumerate()
        .map(|(k, (text, title))| {
            Feedback::new(text)
                .with_title(title)
                .with_rating((k % 5 + 1) as f64, 5.0)
        })
        .collect();
    let (mut workspace, mut out) = (Workspace::new(), Analysis::default());
    let mut from_titles = 0;
    for item in &items {
        analyzer.analyze_feedback_with(item, &mut workspace, &mut out);
    }
    let mut offenders = Vec::new();
    for item in &items {
        let n = allocations(|| analyzer.analyze_feedback_with(item, &mut workspace, &mut out));
        from_titles += out
            .categories
            .iter()
            .flat_map(|c| c.evidence.iter())
            .filter(|e| e.part == earshot::classifier::Part::Title)
            .count();
        if n > 0 {
            offenders.push((n, item.text));
        }
    }
    assert!(offenders.is_empty(), "{offenders:?}");
    assert!(
        from_titles > 0,
        "no evidence from titles: the test would prove nothing"
    );
}
