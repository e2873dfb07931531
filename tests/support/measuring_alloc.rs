//! A global allocator that keeps the bytes of heap in use and their peak, for the tests that
//! measure memory (`tests/memory.rs`, `tests/retained_memory.rs`, `tests/report_memory.rs`). Each of those files holds a single test, so
//! it runs alone in its own process and the count is its own.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

pub static IN_USE: AtomicUsize = AtomicUsize::new(0);
/// The most bytes in use at once since the last `reset_peak`.
pub static PEAK: AtomicUsize = AtomicUsize::new(0);

/// Counts `size` more bytes in use and raises the peak.
fn grow(size: usize) {
    let now = IN_USE.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

struct Measuring;

// `unsafe` is needed here and only here: a global allocator must implement the unsafe trait
// `GlobalAlloc`. The crate keeps `#![forbid(unsafe_code)]` (it covers the library only; each
// file in `tests/` is its own crate). Every method forwards to `System` unchanged, with the
// caller's own safety obligations, after updating the count.
unsafe impl GlobalAlloc for Measuring {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        // SAFETY: forwarded unchanged; the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        grow(new_size);
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

/// Bytes of heap in use now.
pub fn in_use() -> usize {
    IN_USE.load(Ordering::Relaxed)
}

/// The peak since the last reset.
#[allow(dead_code)] // not every test that includes this file reads the peak
pub fn peak() -> usize {
    PEAK.load(Ordering::Relaxed)
}

/// Starts a new peak from the bytes in use now.
#[allow(dead_code)]
pub fn reset_peak() {
    PEAK.store(in_use(), Ordering::Relaxed);
}
