//! Memory kept after the calls that return: results hold their results, not working buffers,
//! and the per-thread working buffers behind `sentiment` and `analyze` do not stay at the size
//! of the largest text a thread ever saw (issue 7: nothing kept between calls that grows).
//!
//! A global allocator wraps `std::alloc::System` and keeps the bytes in use. This file holds a
//! single test, so it runs alone in its own process and the count is its own.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use earshot::{Analysis, Analyzer};

static IN_USE: AtomicUsize = AtomicUsize::new(0);

struct Measuring;

// `unsafe` is needed here and only here: a global allocator must implement the unsafe trait
// `GlobalAlloc`. The crate keeps `#![forbid(unsafe_code)]` (it covers the library only; each
// file in `tests/` is its own crate). Every method forwards to `System` unchanged, with the
// caller's own safety obligations, after updating the count.
unsafe impl GlobalAlloc for Measuring {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        IN_USE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded unchanged; the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        IN_USE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        IN_USE.fetch_add(new_size, Ordering::Relaxed);
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded unchanged; `ptr` and `layout` come from this allocator, which
        // allocated them with `System`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded unchanged; `ptr` was allocated by `System` with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Measuring = Measuring;

fn in_use() -> usize {
    IN_USE.load(Ordering::Relaxed)
}

#[test]
fn calls_keep_results_not_working_buffers() {
    let posts: Vec<&str> = include_str!("../data/posts.txt").lines().collect();
    let default = Analyzer::default();
    let vader = Analyzer::vader();
    // Warm: the built-in tables, and this thread's working buffers at the size these posts
    // need (what they grow by is not what the results hold).
    for a in [&default, &vader] {
        for p in &posts {
            let _ = a.sentiment(p);
            let _ = a.analyze(p);
        }
    }

    // 1. Collected results hold their results: the sentiment, the categories with their
    //    evidence. Measured against the bytes of those results themselves.
    let before = in_use();
    let results: Vec<Analysis> = posts.iter().map(|p| default.analyze(p)).collect();
    let held = in_use() - before;
    let needed: usize = results.capacity() * std::mem::size_of::<Analysis>()
        + results
            .iter()
            .flat_map(|a| &a.categories)
            .map(|c| {
                c.label.capacity()
                    + c.evidence.capacity() * std::mem::size_of::<earshot::classifier::Evidence>()
                    + c.evidence.iter().map(|e| e.text.capacity()).sum::<usize>()
            })
            .sum::<usize>()
        + results
            .iter()
            .map(|a| a.categories.capacity() * std::mem::size_of::<earshot::classifier::Category>())
            .sum::<usize>();
    assert!(
        held <= needed,
        "{} results hold {held} bytes of heap; their contents need {needed}",
        results.len()
    );
    drop(results);

    // 2. A huge text once does not leave a thread holding buffers its size.
    let huge = posts.join(" ").repeat(40); // about 1 MiB
    assert!(huge.len() > 1 << 20);
    for (name, analyzer) in [("default", &default), ("vader", &vader)] {
        let before = in_use();
        let _ = analyzer.sentiment(&huge);
        let a = analyzer.analyze(&huge);
        drop(a);
        let _ = analyzer.sentiment(posts[1]);
        let _ = analyzer.analyze(posts[1]);
        let kept = in_use().saturating_sub(before);
        assert!(
            kept < 256 * 1024,
            "{name}: {kept} bytes still held after scoring a {} byte text",
            huge.len()
        );
    }
}
