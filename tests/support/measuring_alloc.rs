//! A global allocator that keeps the bytes of heap in use, for the tests that measure memory
//! (`tests/memory.rs`, `tests/retained_memory.rs`). Each of those files holds a single test, so
//! it runs alone in its own process and the count is its own.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

pub static IN_USE: AtomicUsize = AtomicUsize::new(0);

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

/// Bytes of heap in use now.
pub fn in_use() -> usize {
    IN_USE.load(Ordering::Relaxed)
}
