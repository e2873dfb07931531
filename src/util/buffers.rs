//! Per-thread working buffers, kept between calls but never at the size of a huge text.

use std::cell::RefCell;

/// Per-thread buffers are kept after texts up to this long and freed after longer ones, so a
/// thread that once scored a huge text does not hold buffers its size (tens of bytes per
/// byte of text) for the rest of its life.
const KEPT_BUFFERS_MAX_TEXT: usize = 64 * 1024;

/// Runs `work` on `text` in this thread's buffers kept in `buffers`, freeing them afterwards
/// if `text` is over [`KEPT_BUFFERS_MAX_TEXT`]. Should work re-enter itself on this thread
/// (the buffers already borrowed), it runs in fresh buffers instead, still correct.
pub(crate) fn in_thread_buffers<T: Default, R>(
    buffers: &'static std::thread::LocalKey<RefCell<T>>,
    text: &str,
    work: impl FnOnce(&mut T) -> R,
) -> R {
    buffers.with(|cell| match cell.try_borrow_mut() {
        Ok(mut kept) => {
            let result = work(&mut kept);
            if text.len() > KEPT_BUFFERS_MAX_TEXT {
                *kept = T::default();
            }
            result
        }
        Err(_) => work(&mut T::default()),
    })
}
