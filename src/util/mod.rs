//! Small pieces every stage uses, below all of them: the hasher of the lookup tables, the
//! per-thread working buffers, the one rounding rule of serialized numbers and the shared
//! [`Name`] of results. Nothing here knows about sentiment or categories.

mod buffers;
mod name;
mod round;

pub(crate) use buffers::in_thread_buffers;
pub use name::Name;
pub(crate) use round::{
    COMPOUND_DECIMALS, SCORE_DECIMALS, round_half_even, rounded, serialize_compound,
    serialize_score,
};

/// The hasher of every lookup table in the crate: foldhash with a fixed seed — about 2.7× faster
/// than std's SipHash on lexicon lookups (`cargo bench --bench lexicon`), and deterministic.
pub(crate) type FastHash = foldhash::fast::FixedState;

/// The next state of a xorshift64 generator: the seeded randomness of the unit tests that check
/// a fast path against a plain one on generated inputs (no dependency, the same on every run).
#[cfg(test)]
pub(crate) fn xorshift64(mut state: u64) -> u64 {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    state
}
