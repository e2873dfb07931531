//! Small pieces every stage uses, below all of them: the hasher of the lookup tables, the
//! per-thread working buffers, the one rounding rule of serialized numbers and the shared
//! [`Name`] of results. Nothing here knows about sentiment or categories.

mod buffers;
pub(crate) mod flat;
mod name;
mod round;

pub(crate) use buffers::in_thread_buffers;
pub use name::Name;
pub(crate) use round::{
    COMPOUND_DECIMALS, SCORE_DECIMALS, round_half_even, rounded, serialize_compound,
    serialize_score,
};

/// `text.trim()`, without the trim's scan for Unicode whitespace when both ends are visible
/// ASCII, as nearly every built-in lexicon value and aspect pattern is (read at every first
/// build).
pub(crate) fn trim_fast(text: &str) -> &str {
    match text.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        [only] if only.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

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

#[cfg(test)]
mod tests {
    /// [`trim_fast`](super::trim_fast) is `str::trim`: visible ASCII ends, one byte, none, and
    /// ends of ASCII, Unicode and mixed whitespace.
    #[test]
    fn trim_fast_is_trim() {
        for text in [
            " 1",
            "1 ",
            "\u{3000}1\u{3000}",
            "x",
            "",
            "ab",
            " ",
            "-1.5",
            "\t(a|b) ",
            "a b",
            "é",
            " é",
            "crash*",
            "\u{85}x",
        ] {
            assert_eq!(super::trim_fast(text), text.trim(), "{text:?}");
        }
    }
}
