//! Memory of the built-in data: building both presets for the first time in a process (the
//! lexicons parsed, the rule tables and the classifier's patterns compiled, the shared caches
//! filled) leaves less than 5 MB of heap in use (issue 6). The compiled-in text the tables are
//! parsed from adds about 235 KB to the binary.
//!
//! A global allocator wraps `std::alloc::System` and keeps the bytes in use. This file holds a
//! single test, so it runs alone in its own process and nothing was built before it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use earshot::Analyzer;

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

#[test]
fn built_in_data_takes_under_5_mb() {
    let before = IN_USE.load(Ordering::Relaxed);
    let default = Analyzer::default();
    let vader = Analyzer::vader();
    // Both work (and a first call may fill a lazily built table too).
    assert!(
        default
            .analyze("Great app 👍 but it crashed")
            .sentiment
            .compound
            != 0.0
    );
    assert!(vader.sentiment("great").compound > 0.0);
    let used = IN_USE.load(Ordering::Relaxed).saturating_sub(before);
    eprintln!("built-in data, both presets: {used} bytes of heap");
    assert!(used < 5_000_000, "{used} bytes");
    // Not nothing either: the measurement sees the tables (the lexicon alone has 7,500 terms).
    assert!(
        used > 200_000,
        "{used} bytes: the allocator did not see the build"
    );
    // A second analyzer of each preset shares the built-in tables: it costs a small fraction.
    let again = IN_USE.load(Ordering::Relaxed);
    let (d2, v2) = (Analyzer::default(), Analyzer::vader());
    let more = IN_USE.load(Ordering::Relaxed).saturating_sub(again);
    eprintln!("a second pair of analyzers: {more} bytes");
    drop((d2, v2));
}
