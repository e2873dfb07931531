//! The columnar batch allocates nothing once warm on one thread, and on several threads only
//! what starting each thread costs (a fixed number of allocations, whatever the texts): every
//! column group (sentiment, categories, risk, aspects) included.
//!
//! A counting global allocator wraps `std::alloc::System` and counts on every thread, so this
//! file holds a single test: it runs alone in its own process, and the count is its own.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use earshot::{Analyzer, Columns, Texts};

static COUNT: AtomicUsize = AtomicUsize::new(0);

struct Counting;

// `unsafe` is needed here and only here: a global allocator must implement the unsafe trait
// `GlobalAlloc`. The crate keeps `#![forbid(unsafe_code)]` (it covers the library only; each
// file in `tests/` is its own crate). Every method forwards to `System` unchanged, with the
// caller's own safety obligations, after counting.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        COUNT.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded unchanged; the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        COUNT.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        COUNT.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as for `alloc`; `ptr` and `layout` come from the caller unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as for `alloc`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn a_warm_columnar_batch_allocates_nothing_per_text() {
    let analyzer = Analyzer::default();
    let mut data = Vec::new();
    let mut offsets = vec![0i32];
    for line in include_str!("../data/posts.txt")
        .lines()
        .chain(include_str!("../data/reviews.txt").lines())
    {
        data.extend_from_slice(line.as_bytes());
        offsets.push(data.len() as i32);
    }
    let texts = Texts::new(&data, &offsets).unwrap();
    let mut columns = Columns::new();
    for (threads, sentiment) in [(1, false), (1, true), (2, false), (2, true)] {
        let mut run = || {
            let before = COUNT.load(Ordering::Relaxed);
            if sentiment {
                analyzer.sentiment_columns_with_threads(&texts, &mut columns, threads)
            } else {
                analyzer.analyze_columns_with_threads(&texts, &mut columns, threads)
            }
            .unwrap();
            COUNT.load(Ordering::Relaxed) - before
        };
        // Warm: each shard's workspace has met every text, the columns hold a batch.
        run();
        run();
        let warm = run();
        let what = if sentiment { "sentiment" } else { "analysis" };
        if !sentiment {
            // Every column group was filled (labels moved in, evidence copied), so the count
            // covers them all: categories, risk flags and routes, aspects.
            let (risk, aspects) = (columns.risk(), columns.aspects());
            assert!(columns.categories().label().len() > 100);
            assert!(risk.flags().label().len() > 10 && risk.route().len() > 10);
            assert!(aspects.label().len() > 100 && aspects.evidence().len() > 100);
        }
        if threads == 1 {
            assert_eq!(warm, 0, "{what} on one thread: {warm} allocations");
        } else {
            // Starting a scoped thread allocates its handle, its name and its result slot;
            // nothing depends on the number of texts (about 380 here).
            assert!(warm <= 10 * threads, "{what} on {threads} threads: {warm}");
        }
    }
}
