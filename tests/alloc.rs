//! Allocation tests: once warm, `Analyzer::sentiment` (both presets),
//! `Analyzer::analyze_into` with a reused `Analysis` (aspects included) and
//! `Analyzer::sentiment_toward` make no heap allocation per call, and a batch with warm results
//! allocates nothing per text.
//!
//! A counting global allocator wraps `std::alloc::System`. It counts only on the thread that
//! switched counting on (a thread-local flag and counter), so the test harness's other threads
//! (other tests, output capture) cannot disturb a count. Each test warms up by analysing every
//! line of both corpora (`data/posts.txt`, `data/reviews.txt`) once, then counts over a second
//! pass of every line; a failure names the texts that allocated and the size of each allocation.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::Mutex;

use earshot::{Analysis, Analyzer};

const POSTS: &str = include_str!("../data/posts.txt");
const REVIEWS: &str = include_str!("../data/reviews.txt");

/// Sizes recorded per counted pass, for the failure message (a fixed array: recording must
/// not allocate).
const RECORDED: usize = 16;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
    static SIZES: Cell<[usize; RECORDED]> = const { Cell::new([0; RECORDED]) };
}

fn record(size: usize) {
    // `try_with`: the allocator also runs while thread-locals are being destroyed.
    let _ = COUNTING.try_with(|counting| {
        if counting.get() {
            let n = COUNT.get();
            if n < RECORDED {
                let mut sizes = SIZES.get();
                sizes[n] = size;
                SIZES.set(sizes);
            }
            COUNT.set(n + 1);
        }
    });
}

struct Counting;

// `unsafe` is needed here and only here: a global allocator must implement the unsafe trait
// `GlobalAlloc`. The crate keeps `#![forbid(unsafe_code)]`; that attribute covers the library
// crate only, and each file in `tests/` is a separate crate. Every method forwards to `System`
// unchanged, with the caller's own safety obligations, after counting on the current thread.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: forwarded unchanged; the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(new_size);
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

/// Runs `f` and returns how many allocations (including reallocations) it made on this thread,
/// with the sizes of the first few.
fn allocations<R>(f: impl FnOnce() -> R) -> (R, usize, Vec<usize>) {
    COUNT.set(0);
    COUNTING.set(true);
    let r = f();
    COUNTING.set(false);
    let n = COUNT.get();
    let sizes = SIZES.get()[..n.min(RECORDED)].to_vec();
    (r, n, sizes)
}

/// The tests could not disturb each other's counts anyway (counting is per thread); they run
/// one at a time so that what one test's failure reports is that test's alone.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn texts() -> Vec<&'static str> {
    POSTS.lines().chain(REVIEWS.lines()).collect()
}

/// The counter must see allocations, or every test below would pass vacuously.
fn check_counter_works() {
    let (v, n, sizes) = allocations(|| Vec::<u64>::with_capacity(100));
    assert_eq!(
        (n, sizes),
        (1, vec![800]),
        "the counting allocator does not count"
    );
    drop(v);
    let (_, n, _) = allocations(|| std::hint::black_box(1 + 1));
    assert_eq!(n, 0, "the counting allocator counts what it should not");
}

/// Warms up with `call` on every text, then counts the allocations of a second pass and fails
/// naming each text that allocated.
fn assert_no_allocations(what: &str, mut call: impl FnMut(&str)) {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    check_counter_works();
    let texts = texts();
    for text in &texts {
        call(text);
    }
    let mut offenders = Vec::new();
    let mut total = 0;
    for text in &texts {
        let ((), n, sizes) = allocations(|| call(text));
        if n > 0 {
            total += n;
            offenders.push((n, sizes, *text));
        }
    }
    if !offenders.is_empty() {
        let mut report = format!(
            "{what}: {total} allocations in {} of {} warm calls; per text (count, sizes in bytes):\n",
            offenders.len(),
            texts.len()
        );
        for (n, sizes, text) in offenders.iter().take(20) {
            report += &format!("  {n} {sizes:?} {text:?}\n");
        }
        panic!("{report}");
    }
}

#[test]
fn sentiment_vader_allocates_nothing_once_warm() {
    let analyzer = Analyzer::vader();
    let mut sum = 0.0;
    assert_no_allocations("Analyzer::vader().sentiment", |text| {
        sum += analyzer.sentiment(text).compound;
    });
    assert!(sum != 0.0);
}

#[test]
fn sentiment_default_allocates_nothing_once_warm() {
    let analyzer = Analyzer::default();
    let mut sum = 0.0;
    assert_no_allocations("Analyzer::default().sentiment", |text| {
        sum += analyzer.sentiment(text).compound;
    });
    assert!(sum != 0.0);
}

#[test]
fn analyze_into_allocates_nothing_with_a_warm_analysis() {
    let analyzer = Analyzer::default();
    let mut analysis = Analysis::default();
    let (mut categories, mut aspects) = (0, 0);
    assert_no_allocations("Analyzer::default().analyze_into", |text| {
        analyzer.analyze_into(text, &mut analysis);
        categories += analysis.categories.len();
        aspects += analysis.aspects.len();
    });
    assert!(
        categories > 0 && aspects > 0,
        "no categories or no aspects found: the test would prove nothing"
    );
}

/// The sentiment toward a target (the middle third of each text) allocates nothing once warm.
#[test]
fn sentiment_toward_allocates_nothing_once_warm() {
    let analyzer = Analyzer::default();
    let mut judged = 0;
    assert_no_allocations("Analyzer::default().sentiment_toward", |text| {
        let (mut a, mut b) = (text.len() / 3, 2 * text.len() / 3);
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        judged += (analyzer.sentiment_toward(text, a..b).sentiment.compound != 0.0) as usize;
    });
    assert!(judged > 0, "no target judged: the test would prove nothing");
}

/// A warm batch allocates its scratch space once, not anything per text: on one thread, the
/// second pass over a batch makes as many allocations as the second pass over a batch three
/// times as long (copying results out by cloning them would allocate per category).
#[test]
fn warm_batch_allocates_nothing_per_text() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    check_counter_works();
    let analyzer = Analyzer::default();
    let once = texts();
    let thrice: Vec<&str> = once.iter().chain(&once).chain(&once).copied().collect();
    let count = |batch: &[&str]| {
        let mut out = Vec::new();
        analyzer.analyze_batch_with_threads(batch, &mut out, 1);
        let ((), n, sizes) =
            allocations(|| analyzer.analyze_batch_with_threads(batch, &mut out, 1));
        let categories: usize = out.iter().map(|a| a.categories.len()).sum();
        assert!(
            categories > batch.len() / 4,
            "too few categories to prove anything"
        );
        (n, sizes)
    };
    let (n_once, sizes_once) = count(&once);
    let (n_thrice, sizes_thrice) = count(&thrice);
    assert_eq!(
        n_once,
        n_thrice,
        "allocations grow with the batch: {} texts {sizes_once:?}, {} texts {sizes_thrice:?}",
        once.len(),
        thrice.len()
    );
}

/// Adding a post to a warm report allocates nothing: its terms, labels, source and time bucket
/// are already in the tables, and an equal post does not displace a kept item (the post's terms
/// are read into the report's own reused buffer).
#[test]
fn report_add_allocates_nothing_when_warm() {
    use earshot::report::{Post, Report};
    let analyzer = Analyzer::default();
    let analyses: std::collections::HashMap<&str, Analysis> = texts()
        .into_iter()
        .map(|t| (t, analyzer.analyze(t)))
        .collect();
    let mut report = Report::new();
    assert_no_allocations("Report::add", |text| {
        let post = Post {
            time: Some(1_795_392_000),
            source: Some("twitter"),
            author: Some("ann"),
            ..Post::new(text)
        };
        report.add(&post, &analyses[text]);
    });
}
