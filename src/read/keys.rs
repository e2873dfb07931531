//! Word keys: a word of up to [`SHORT`] bytes held as two machine words, so that a table
//! lookup hashes it with one multiplication and compares it with two, where a map keyed by
//! strings hashes it byte by byte and compares it through a call to `memcmp`. Nearly every
//! word of a text is that short; longer words go to an ordinary map beside the table.
//!
//! A key is the word's bytes as two little-endian words — bytes 0..8 and 8..15, zero-padded —
//! with the length in the top byte of the second. Reading them takes at most four loads
//! (overlapping reads from both ends, shifted into place), and ASCII lower-casing and
//! byte-class tests work on the two words directly ([`KeyBytes`]).

use std::borrow::Cow;
use std::collections::HashMap;

use crate::util::FastHash;

/// The longest word a [`WordKey`] holds, in bytes.
pub(crate) const SHORT: usize = 15;

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// A word of 1 to [`SHORT`] bytes as two machine words: its bytes zero-padded, its length in
/// the top byte of `y`. Equal words have equal keys and different words different ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub(crate) struct WordKey {
    x: u64,
    y: u64,
}

/// A word's bytes as two zero-padded little-endian words (see [`KeyBytes::of`]), before the
/// length is added: what byte-class tests and lower-casing read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct KeyBytes {
    /// Bytes 0..8.
    pub x: u64,
    /// Bytes 8..15.
    pub y: u64,
    /// The length, 1 to [`SHORT`].
    pub len: usize,
}

impl KeyBytes {
    /// The bytes of `word` as two words, if it has 1 to [`SHORT`] bytes.
    #[inline(always)]
    pub(crate) fn of(word: &[u8]) -> Option<KeyBytes> {
        let n = word.len();
        let u64_at = |i: usize| u64::from_le_bytes(word[i..i + 8].try_into().unwrap_or_default());
        let u32_at =
            |i: usize| u32::from_le_bytes(word[i..i + 4].try_into().unwrap_or_default()) as u64;
        let (x, y) = match n {
            // The last eight bytes, shifted down so that bytes 8.. land at the bottom.
            9..=SHORT => (u64_at(0), u64_at(n - 8) >> (8 * (16 - n))),
            8 => (u64_at(0), 0),
            4..=7 => (u32_at(0) | (u32_at(n - 4) >> (8 * (8 - n))) << 32, 0),
            1..=3 => {
                let last = (word[n - 1] as u64) << (8 * (n - 1));
                let middle = (word[n / 2] as u64) << (8 * (n / 2));
                (word[0] as u64 | middle | last, 0)
            }
            _ => return None,
        };
        Some(KeyBytes { x, y, len: n })
    }

    /// Whether every byte is ASCII.
    #[inline(always)]
    pub(crate) fn is_ascii(&self) -> bool {
        (self.x | self.y) & HIGH == 0
    }

    /// Whether some byte is in `lo..=hi` (all bytes ASCII, `lo` ≥ 1).
    #[inline(always)]
    pub(crate) fn any_in(&self, lo: u8, hi: u8) -> bool {
        (in_range(self.x, lo, hi) | in_range(self.y, lo, hi)) != 0
    }

    /// Whether some byte is `b` (all bytes ASCII, `b` ≠ 0).
    #[inline(always)]
    pub(crate) fn any_is(&self, b: u8) -> bool {
        let has = |w: u64| {
            let v = w ^ (ONES * b as u64);
            v.wrapping_sub(ONES) & !v & HIGH
        };
        // Padding bytes are 0, never `b`; a borrow out of a byte equal to `b` can make the
        // byte above it look equal too, but only above a real match, so "any" is exact.
        (has(self.x) | has(self.y)) != 0
    }

    /// The bytes with ASCII capitals lower-cased (all bytes ASCII).
    #[inline(always)]
    pub(crate) fn ascii_lowercase(self) -> KeyBytes {
        KeyBytes {
            x: self.x | in_range(self.x, b'A', b'Z') >> 2,
            y: self.y | in_range(self.y, b'A', b'Z') >> 2,
            len: self.len,
        }
    }

    /// The key of these bytes.
    #[inline(always)]
    pub(crate) fn key(&self) -> WordKey {
        WordKey {
            x: self.x,
            y: self.y | (self.len as u64) << 56,
        }
    }
}

/// 0x80 in each byte of `w` that is in `lo..=hi`, 0 elsewhere (every byte of `w` below 0x80,
/// `lo` ≥ 1): adding 0x80 − lo sets a byte's top bit exactly when the byte is at least lo, and
/// no carry crosses into the next byte.
#[inline(always)]
fn in_range(w: u64, lo: u8, hi: u8) -> u64 {
    w.wrapping_add(ONES * (0x80 - lo as u64))
        & !w.wrapping_add(ONES * (0x80 - hi as u64 - 1))
        & HIGH
}

impl WordKey {
    /// The key of `word`, if it has 1 to [`SHORT`] bytes.
    #[inline]
    pub(crate) fn of(word: &str) -> Option<WordKey> {
        KeyBytes::of(word.as_bytes()).map(|b| b.key())
    }

    /// The word's bytes (the inverse of [`WordKey::of`]).
    pub(crate) fn bytes(&self) -> Vec<u8> {
        let mut bytes = [self.x.to_le_bytes(), self.y.to_le_bytes()].concat();
        bytes.truncate((self.y >> 56) as usize);
        bytes
    }

    /// A 64-bit hash: one folded multiplication of the two words (with fixed seeds).
    #[inline(always)]
    fn hash(self) -> u64 {
        let p = (self.x ^ 0x243F_6A88_85A3_08D3) as u128 * (self.y ^ 0x1319_8A2E_0370_7344) as u128;
        (p as u64) ^ (p >> 64) as u64
    }
}

/// One place of a [`KeyTable`]: a key and its value (a key of 0: empty; a word's key never is).
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    key: WordKey,
    value: u32,
}

/// Words → `u32` values: the short words in an open-addressing table of [`WordKey`]s (linear
/// probing, at most half full), the longer ones in a map beside it.
#[derive(Clone, Debug)]
pub(crate) struct KeyTable {
    slots: Vec<Slot>,
    /// `slots.len() - 1` (a power of two minus one).
    mask: usize,
    /// How many slots are taken.
    short: usize,
    long: HashMap<Cow<'static, str>, u32, FastHash>,
}

/// A table is written as its words and values in value order (the VADER preset's table is
/// never in a snapshot, but the type of the scorer that holds it must be serializable).
impl serde::Serialize for KeyTable {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut entries: Vec<(Cow<'_, str>, u32)> = self.entries().collect();
        entries.sort_unstable_by_key(|&(_, v)| v);
        s.collect_seq(entries)
    }
}

impl<'de> serde::Deserialize<'de> for KeyTable {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<KeyTable, D::Error> {
        let entries: Vec<(String, u32)> = serde::Deserialize::deserialize(d)?;
        let mut table = KeyTable::with_capacity(entries.len());
        for (word, value) in entries {
            table.get_or_insert(Cow::Owned(word), value);
        }
        Ok(table)
    }
}

impl Default for KeyTable {
    fn default() -> Self {
        KeyTable::new()
    }
}

impl KeyTable {
    /// An empty table.
    pub(crate) fn new() -> KeyTable {
        KeyTable {
            slots: vec![Slot::default(); 16],
            mask: 15,
            short: 0,
            long: HashMap::default(),
        }
    }

    /// An empty table with room for `words` words before it grows.
    pub(crate) fn with_capacity(words: usize) -> KeyTable {
        let size = (words * 2).next_power_of_two().max(16);
        KeyTable {
            slots: vec![Slot::default(); size],
            mask: size - 1,
            short: 0,
            long: HashMap::default(),
        }
    }

    /// Every word and its value, in no order (the short words' strings rebuilt from their
    /// keys).
    pub(crate) fn entries(&self) -> impl Iterator<Item = (Cow<'_, str>, u32)> {
        let short = self.slots.iter().filter(|s| s.key.y != 0).map(|s| {
            let word = String::from_utf8(s.key.bytes()).expect("a key is a word's bytes");
            (Cow::Owned(word), s.value)
        });
        let long = self.long.iter().map(|(w, &v)| (Cow::Borrowed(&**w), v));
        short.chain(long)
    }

    /// How many words it holds.
    pub(crate) fn len(&self) -> usize {
        self.short + self.long.len()
    }

    /// The value of `key`, if present.
    #[inline(always)]
    pub(crate) fn get_key(&self, key: WordKey) -> Option<u32> {
        let mut i = (key.hash() >> 32) as usize;
        loop {
            let slot = self.slots.get(i & self.mask)?;
            if slot.key == key {
                return Some(slot.value);
            }
            if slot.key.y == 0 {
                return None;
            }
            i = (i & self.mask) + 1;
        }
    }

    /// The value of `word`, if present.
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<u32> {
        match WordKey::of(word) {
            Some(key) => self.get_key(key),
            None => self.get_long(word),
        }
    }

    /// The value of `word`, if present, for a word of no [`WordKey`] (empty or long).
    #[cold]
    #[inline(never)]
    pub(crate) fn get_long(&self, word: &str) -> Option<u32> {
        self.long.get(word).copied()
    }

    /// The value of `word`, inserted as `value` if absent; and whether it was absent.
    pub(crate) fn get_or_insert(&mut self, word: Cow<'static, str>, value: u32) -> (u32, bool) {
        let Some(key) = WordKey::of(&word) else {
            return match self.long.entry(word) {
                std::collections::hash_map::Entry::Occupied(e) => (*e.get(), false),
                std::collections::hash_map::Entry::Vacant(e) => (*e.insert(value), true),
            };
        };
        if let Some(known) = self.get_key(key) {
            return (known, false);
        }
        if (self.short + 1) * 2 > self.slots.len() {
            self.grow();
        }
        self.place(key, value);
        self.short += 1;
        (value, true)
    }

    /// Puts `key` (absent) in its first free slot.
    fn place(&mut self, key: WordKey, value: u32) {
        let mut i = (key.hash() >> 32) as usize & self.mask;
        while self.slots[i].key.y != 0 {
            i = (i + 1) & self.mask;
        }
        self.slots[i] = Slot { key, value };
    }

    /// Doubles the slots.
    fn grow(&mut self) {
        self.resize(self.slots.len() * 2);
    }

    /// Gives back room: the slots shrink to the smallest power of two at least twice the
    /// words held, the long words' map to fit.
    pub(crate) fn shrink_to_fit(&mut self) {
        let want = (self.short * 2).next_power_of_two().max(16);
        if want < self.slots.len() {
            self.resize(want);
        }
        self.long.shrink_to_fit();
    }

    /// Moves the words into `size` slots (a power of two, more than twice the words).
    fn resize(&mut self, size: usize) {
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        self.mask = size - 1;
        for slot in old.into_iter().filter(|s| s.key.y != 0) {
            self.place(slot.key, slot.value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word of `len` bytes of `alphabet`, chosen by the bits of `state` (a generator's draw).
    fn word_from(state: u64, alphabet: &[u8], len: usize) -> Vec<u8> {
        let n = alphabet.len() as u64;
        let mut r = state >> 5;
        (0..len)
            .map(|_| {
                let b = alphabet[(r % n) as usize];
                r = (r / n) ^ state.rotate_left(13);
                b
            })
            .collect()
    }

    /// The key is exact: equal for equal words, different for different ones, across every
    /// length up to and past [`SHORT`], with zero bytes and bytes that differ only in one
    /// place (the near misses of a bad encoding).
    #[test]
    fn keys_tell_words_apart() {
        let mut seen: HashMap<WordKey, Vec<u8>> = HashMap::new();
        let alphabet = [0u8, b'a', b'b', b'A', 0x7F, 0xC3, 0xA9];
        let mut state = 0x4B45_5953_u64;
        for _ in 0..200_000 {
            state = crate::util::xorshift64(state);
            let len = (state % 18) as usize;
            let word = word_from(state, &alphabet, len);
            let bytes = KeyBytes::of(&word);
            assert_eq!(bytes.is_some(), (1..=SHORT).contains(&len), "{word:?}");
            let Some(bytes) = bytes else { continue };
            // The two words are the zero-padded bytes.
            let mut padded = [0u8; 16];
            padded[..len].copy_from_slice(&word);
            assert_eq!(bytes.x, u64::from_le_bytes(padded[..8].try_into().unwrap()));
            assert_eq!(bytes.y, u64::from_le_bytes(padded[8..].try_into().unwrap()));
            let key = bytes.key();
            let before = seen.entry(key).or_insert_with(|| word.clone());
            assert_eq!(*before, word, "two words share a key");
        }
    }

    /// The byte tests and lower-casing agree with byte-by-byte loops, on words of every short
    /// length with the bytes on both sides of each range (`@` and `[` around the capitals,
    /// `&` and `(` around the apostrophe).
    #[test]
    fn byte_tests_agree_with_plain_loops() {
        let alphabet = *b"AZMazm@[`{'&(0\x7F";
        let mut state = 0x000B_17E5_u64;
        for _ in 0..100_000 {
            state = crate::util::xorshift64(state);
            let len = 1 + (state % SHORT as u64) as usize;
            let word = word_from(state, &alphabet, len);
            let bytes = KeyBytes::of(&word).unwrap();
            assert!(bytes.is_ascii());
            assert_eq!(
                bytes.any_in(b'A', b'Z'),
                word.iter().any(u8::is_ascii_uppercase),
                "{word:?}"
            );
            assert_eq!(
                bytes.any_in(b'a', b'z'),
                word.iter().any(u8::is_ascii_lowercase),
                "{word:?}"
            );
            assert_eq!(bytes.any_is(b'\''), word.contains(&b'\''), "{word:?}");
            assert_eq!(
                bytes.ascii_lowercase(),
                KeyBytes::of(&word.to_ascii_lowercase()).unwrap(),
                "{word:?}"
            );
        }
        assert!(!KeyBytes::of("é".as_bytes()).unwrap().is_ascii());
        assert!(
            !KeyBytes::of("abcdefghijklmé".as_bytes())
                .unwrap()
                .is_ascii()
        );
    }

    /// The table is a map: what was inserted is found, what was not is not, short and long
    /// words alike, through growth and shrinking.
    #[test]
    fn the_table_is_a_map() {
        let mut table = KeyTable::new();
        let words: Vec<String> = (0..3000)
            .map(|i| match i % 4 {
                0 => format!("w{i}"),
                1 => format!("a much longer word {i}"),
                2 => format!("x{}", "y".repeat(i % 20)),
                _ => format!("{i}"),
            })
            .collect();
        let mut expected: HashMap<&str, u32> = HashMap::new();
        for (i, w) in words.iter().enumerate() {
            let next = expected.len() as u32;
            let (v, new) = table.get_or_insert(Cow::Owned(w.clone()), next);
            assert_eq!(new, !expected.contains_key(w.as_str()), "{w}");
            let want = *expected.entry(w).or_insert(next);
            assert_eq!(v, want, "{w} at {i}");
        }
        assert_eq!(table.len(), expected.len());
        table.shrink_to_fit();
        for (w, v) in &expected {
            assert_eq!(table.get(w), Some(*v), "{w}");
        }
        for miss in [
            "",
            "w1x",
            "x",
            "a much longer word",
            "9999",
            "xyyyyyyyyyyyyyyyyyyyyyyy",
        ] {
            assert_eq!(table.get(miss), expected.get(miss).copied(), "{miss}");
        }
    }
}
