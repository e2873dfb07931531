//! Every pattern of a stage compiled into small token programs, and an index that finds, for
//! each word of a text, the patterns that can start there.
//!
//! Why not one regex set over the text: with several hundred patterns of whole-token
//! alternatives and wildcards, `regex::RegexSet` measured 0.6 MB/s here (its lazy DFA keeps
//! rebuilding states); indexing patterns by their first token and checking the few candidates
//! is linear in the text and orders of magnitude faster (both measured on `data/posts.txt`).

use super::syntax::{Alternative, Ending, Group, Pattern, Step, WordTest};
use crate::read::Sentence;
use crate::util::FastHash;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::read::{NO_WORD, Vocabulary, Word, pair};
use crate::tokenizer::TokenKind;

/// A compiled test on one token.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
enum Test {
    /// The token is this word of the vocabulary.
    Word(u32),
    /// The token starts with this.
    /// Boxed: a thin pointer keeps a test, and an [`Op`], at 16 bytes (thousands of ops are
    /// kept; prefix tests are rare).
    Prefix(Box<Prefix>),
    Any,
    Name,
}

/// A set of vocabulary ids: a bitset over the range of ids it holds, or the sorted ids when
/// they lie far apart.
///
/// As a bitset, membership is a subtraction, one load and a shift, whatever the size of the
/// set, with no branch to mispredict ([`NO_WORD`] is in no set). Only the range is stored: a
/// group's words are mostly interned together, so its ids lie close however large the
/// vocabulary before them. A group that mixes common words (interned early, by the first
/// stage) with words only a late stage knows would span most of the vocabulary, several KB
/// for a few words: it keeps its sorted ids instead (4 bytes each; membership a binary search).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
enum WordSet {
    Bits {
        /// The first 64-id block stored.
        first_block: u32,
        #[serde(with = "crate::util::flat")]
        bits: Box<[u64]>,
    },
    Sorted {
        /// The [`bloom_bit`]s of the ids: most tokens tested are not in the set, and most of
        /// those are turned away by this, held in the set itself, before the ids are loaded.
        bloom: u32,
        #[serde(with = "crate::util::flat")]
        ids: Box<[u32]>,
    },
}

/// An id's bit in a [`WordSet::Sorted`]'s bloom: bits of a product, not the id's low bits,
/// which [`signature_bit`] uses (a filter's words pass that test already).
#[inline]
fn bloom_bit(id: u32) -> u32 {
    1 << (id.wrapping_mul(0x9E37_79B1) >> 27)
}

impl Default for WordSet {
    fn default() -> WordSet {
        WordSet::Sorted {
            bloom: 0,
            ids: Box::default(),
        }
    }
}

impl WordSet {
    fn new(ids: &[u32]) -> WordSet {
        let Some(first_block) = ids.iter().map(|&id| id / 64).min() else {
            return WordSet::default();
        };
        let last_block = ids.iter().map(|&id| id / 64).max().unwrap_or(first_block);
        let blocks = (last_block - first_block) as usize + 1;
        // A bitset while it takes no more room than the sorted ids (or one cache line).
        if blocks * 8 > 64.max(ids.len() * 4) {
            let mut sorted = ids.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            return WordSet::Sorted {
                bloom: sorted.iter().fold(0, |bloom, &id| bloom | bloom_bit(id)),
                ids: sorted.into(),
            };
        }
        let mut bits = vec![0u64; blocks];
        for &id in ids {
            bits[(id / 64 - first_block) as usize] |= 1 << (id % 64);
        }
        WordSet::Bits {
            first_block,
            bits: bits.into(),
        }
    }

    #[inline(always)]
    fn contains(&self, id: u32) -> bool {
        match self {
            // Below the range, the subtraction wraps past the end: no block.
            WordSet::Bits { first_block, bits } => bits
                .get((id / 64).wrapping_sub(*first_block) as usize)
                .is_some_and(|bits| bits >> (id % 64) & 1 != 0),
            WordSet::Sorted { bloom, ids } => {
                bloom & bloom_bit(id) != 0 && ids.binary_search(&id).is_ok()
            }
        }
    }

    /// The ids in the set, in increasing order.
    fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        // One iterator type for both forms (a boxed one cost an allocation per call, and the
        // index asks for thousands while it is built).
        let (first, bits, sorted): (u32, &[u64], &[u32]) = match self {
            WordSet::Bits { first_block, bits } => (*first_block, bits, &[]),
            WordSet::Sorted { ids, .. } => (0, &[], ids),
        };
        // Set bit by set bit: the sets are sparse over a vocabulary of thousands.
        let from_bits = bits.iter().enumerate().flat_map(move |(k, &bits)| {
            let mut rest = bits;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros();
                    rest &= rest - 1;
                    (first + k as u32) * 64 + bit
                })
            })
        });
        from_bits.chain(sorted.iter().copied())
    }
}

/// A compiled group: single words as a set of ids (one test however long the group), prefixes,
/// and the rest (several tokens, `_`, `<name>`) tried one by one.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct Alternatives {
    words: WordSet,
    prefixes: Box<[Prefix]>,
    sequences: Box<[Box<[Test]>]>,
    /// The word each sequence starts with ([`NO_WORD`] if it starts with something else): a
    /// sequence whose first word is not the token is passed over with one comparison.
    #[serde(with = "crate::util::flat")]
    sequence_firsts: Box<[u32]>,
    optional: bool,
}

impl Alternatives {
    /// Whether token `i` is one of the single-token alternatives.
    #[inline(always)]
    fn matches_one(&self, tokens: &TokenView<'_>, i: usize) -> bool {
        i < tokens.len()
            && (self.words.contains(tokens.word(i))
                || (!self.prefixes.is_empty() && {
                    let token = tokens.get(i);
                    let head = head_bytes(token);
                    self.prefixes.iter().any(|p| p.starts(token, head))
                }))
    }
}

#[derive(Clone, Debug)]
enum Op {
    Test(Test),
    /// A group that takes exactly one token (no alternative of several tokens, not
    /// optional), told apart here so that matching it reads the group's words and prefixes
    /// only: the fields that say what kind of group it is lie a cache line further on (perf:
    /// loading them was 3% of `analyze`'s samples).
    OneOf(Arc<Alternatives>),
    /// Any other group. Groups are shared: the variants of one pattern share its groups.
    Group(Arc<Alternatives>),
    Gap,
    /// The end of a sentence, punctuation aside (`$`).
    End,
    /// The end of the text, its sign-off tail aside (`$$`).
    TextEnd,
}

impl Op {
    /// The op of `group`: [`Op::OneOf`] when it takes exactly one token.
    fn group(group: Arc<Alternatives>) -> Op {
        if group.sequences.is_empty() && !group.optional {
            Op::OneOf(group)
        } else {
            Op::Group(group)
        }
    }

    /// Whether the step takes exactly one token (a test, or a group of single tokens that is
    /// not optional).
    fn takes_one_token(&self) -> bool {
        match self {
            Op::Test(_) | Op::OneOf(_) => true,
            Op::Group(_) | Op::Gap | Op::End | Op::TextEnd => false,
        }
    }

    /// For a step that takes exactly one token: whether token `i` passes it.
    #[inline]
    fn passes_one(&self, tokens: &TokenView<'_>, i: usize) -> Option<bool> {
        match self {
            Op::Test(t) => Some(tokens.passes(t, i)),
            Op::OneOf(g) => Some(g.matches_one(tokens, i)),
            _ => None,
        }
    }
}

/// Marks a start in the index whose first step the indexed token passes by itself: matching
/// begins at the second step. Pattern ids stay below 2³¹ (checked in [`Index::new`]).
const SKIP_FIRST: u32 = 1 << 31;

/// Where a pattern may start, as the index keeps it: the pattern (with [`SKIP_FIRST`]) and a
/// filter: the set (in [`Index::filters`]) of the words the next steps can begin with, looked
/// for among the next `window` tokens (1, or more when steps that words cannot describe come
/// first: a gap, `_`, a name). Most candidates fail there, and the filter turns them away
/// without running the pattern. [`NO_FILTER`] when the next steps cannot be described by words.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Start {
    pattern: u32,
    filter: u32,
    window: u8,
    /// The filter's words' [`signature_bit`]s: most tokens are turned away by this, in the
    /// start itself, before the filter's bitset is loaded.
    signature: u32,
}

const NO_FILTER: u32 = u32::MAX;

/// A prefix (`cancel*`), kept inline: its first eight bytes are one integer, so testing a
/// token is a load, a mask and a comparison, not a call to compare bytes behind a pointer (on
/// the posts, the index's prefix tests were 13,000 such calls a pass).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Prefix {
    /// The first eight bytes (fewer, zero-padded), little-endian, and which of them count.
    head: u64,
    mask: u64,
    len: usize,
    /// The bytes after the eighth, for long prefixes (rare).
    tail: Box<[u8]>,
}

impl Prefix {
    fn new(prefix: &[u8]) -> Prefix {
        let n = prefix.len().min(8);
        Prefix {
            head: head_bytes(prefix),
            mask: if n == 8 { u64::MAX } else { (1 << (8 * n)) - 1 },
            len: prefix.len(),
            tail: prefix.get(8..).unwrap_or_default().into(),
        }
    }

    /// The first two bytes' [`pair`]s of the tokens it can match (see [`prefix_pairs_of`]).
    fn pairs(&self) -> Vec<u16> {
        prefix_pairs_of(&self.head.to_le_bytes()[..self.len.min(8)])
    }

    /// Whether `token` (whose [`head_bytes`] are `head`) starts with the prefix.
    #[inline]
    fn starts(&self, token: &[u8], head: u64) -> bool {
        token.len() >= self.len
            && (head ^ self.head) & self.mask == 0
            && (self.tail.is_empty() || token[8..].starts_with(&self.tail))
    }

    /// Whether `token` starts with the prefix.
    #[inline]
    fn matches(&self, token: &[u8]) -> bool {
        self.starts(token, head_bytes(token))
    }
}

/// A pattern that can start with a [`Prefix`], as the index keeps it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct PrefixStart {
    prefix: Prefix,
    start: Start,
}

/// The first eight bytes of `bytes` (fewer, zero-padded) as a little-endian integer.
#[inline]
fn head_bytes(bytes: &[u8]) -> u64 {
    match bytes.first_chunk::<8>() {
        Some(head) => u64::from_le_bytes(*head),
        // Byte by byte (at most seven): copying a slice of unknown length is a call.
        None => bytes
            .iter()
            .enumerate()
            .fold(0, |head, (k, &b)| head | (b as u64) << (8 * k)),
    }
}

/// One bit standing for word `id` in a [`Start::signature`]: its low five bits, so several
/// words share each bit ([`NO_WORD`] shares the top one; 32 bits keep a start at 16 bytes). The signature only turns tokens away
/// early: a token that passes it is then looked up in the filter, which holds no `NO_WORD`.
#[inline]
fn signature_bit(id: u32) -> u32 {
    1 << (id & 31)
}

impl Start {
    /// Whether the start is at its second step and its filter looks at the next token only:
    /// then the word that found it and the next word form a pair of [`Index::pairs`].
    fn paired(&self) -> bool {
        self.pattern & SKIP_FIRST != 0 && self.window == 1 && self.filter != NO_FILTER
    }
}

/// The size of [`Index::pairs`], in bits: 32 KiB, about ten times the number of word pairs
/// of the built-in stages' paired starts, so that most tokens find their pair's bit clear and
/// skip the bucket. (At 4 KiB two thirds of the bits were set, and most tokens scanned a
/// bucket: cachegrind counted 4% more mispredicted branches and 3% more L1 misses for
/// `analyze`.)
const PAIR_BITS: usize = 1 << 18;

/// The number of buckets of [`Index::pair_buckets`]: the low bits of a [`pair_hash`]. A
/// bucket holds a few paired starts (about 32,000 of the built-in stages in 4,096 buckets),
/// and is only read when [`Index::pairs`] has the pair's bit (more buckets measured no better).
const PAIR_BUCKETS: usize = 1 << 12;

/// A paired start under one word pair (a word and one word of the start's filter) that can
/// begin it: the pair's [`pair_check`] and the program. Eight bytes, not the pair itself: the
/// program runs from its first step, so a pair that only shares the check with the token's
/// (about one in 2³² of a bucket's pairs) is turned away by the program, not matched.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
struct PairStart {
    check: u32,
    /// The program, run from its first step.
    program: u32,
}

impl crate::util::flat::Flat for Start {
    const SIZE: usize = 13;
    fn put(&self, out: &mut Vec<u8>) {
        for field in [self.pattern, self.filter, self.signature] {
            field.put(out);
        }
        out.push(self.window);
    }
    fn get(bytes: &[u8]) -> Start {
        let field = |k: usize| u32::get(&bytes[4 * k..]);
        Start {
            pattern: field(0),
            filter: field(1),
            signature: field(2),
            window: bytes[12],
        }
    }
}

impl crate::util::flat::Flat for PairStart {
    const SIZE: usize = 8;
    fn put(&self, out: &mut Vec<u8>) {
        (self.check, self.program).put(out);
    }
    fn get(bytes: &[u8]) -> PairStart {
        let (check, program) = <(u32, u32)>::get(bytes);
        PairStart { check, program }
    }
}

/// The pair of words `first`, `next`, mixed: its top 32 bits are its [`pair_check`].
#[inline]
fn pair_key(first: u32, next: u32) -> u64 {
    ((first as u64) << 32 | next as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// What tells the pairs of one bucket apart: the top half of the [`pair_key`] (a product's
/// low half would depend on the second word only). Its low bits are the pair's [`pair_hash`],
/// so that an index can be rebuilt from its [`PairStart`]s (see [`Index::merge`]).
#[inline]
fn pair_check(key: u64) -> u32 {
    (key >> 32) as u32
}

/// Where the pair whose [`pair_check`] is `check` falls in [`Index::pairs`] (and, by its low
/// bits, in [`Index::pair_buckets`]).
#[inline]
fn pair_hash(check: u32) -> usize {
    check as usize & (PAIR_BITS - 1)
}

/// The most tokens a filter looks at: beyond this the filter turns too little away.
const MAX_WINDOW: usize = 8;

/// The most tokens `op` can take, when words cannot describe its first token (so a filter
/// must look past it); `None` when they can.
fn skipped_length(op: &Op) -> Option<usize> {
    match op {
        Op::Gap => Some(2),
        Op::End | Op::TextEnd => Some(0),
        Op::Test(Test::Word(_)) => None,
        Op::Test(_) => Some(1),
        Op::OneOf(g) | Op::Group(g) => {
            let mut words = Vec::new();
            if first_words(std::slice::from_ref(op), &mut words) && !g.optional {
                return None;
            }
            Some(
                g.sequences
                    .iter()
                    .map(|s| s.len())
                    .max()
                    .unwrap_or(1)
                    .max(1),
            )
        }
    }
}

/// Adds to `out` the ids of the words `ops` can begin with; false if it can begin with
/// something other than a literal word (or is empty: the pattern has matched).
fn first_words(ops: &[Op], out: &mut Vec<u32>) -> bool {
    match ops.split_first() {
        Some((Op::Test(Test::Word(w)), _)) => {
            out.push(*w);
            true
        }
        Some((Op::OneOf(g) | Op::Group(g), rest)) if g.prefixes.is_empty() => {
            out.extend(g.words.ids());
            for seq in &g.sequences {
                match seq.first() {
                    Some(Test::Word(w)) => out.push(*w),
                    _ => return false,
                }
            }
            !g.optional || first_words(rest, out)
        }
        _ => false,
    }
}

/// For `words` sorted (equal ones together), the range of each word's entries: entry `w` is
/// `(from, to)` with `words[from..to]` all `w`, for every `w` up to the largest, then one
/// empty entry for every word beyond (look a word up as `ranges[w.min(ranges.len() - 1)]`).
fn ranges_by_word(words: impl Iterator<Item = u32>) -> Vec<(u32, u32)> {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    let mut k = 0u32;
    for w in words {
        let w = w as usize;
        debug_assert!(w + 1 >= ranges.len(), "words are sorted");
        while ranges.len() <= w {
            ranges.push((k, k));
        }
        ranges[w].1 = k + 1;
        k += 1;
    }
    ranges.push((k, k));
    ranges
}

/// Word `w`'s range in `ranges`, a table [`ranges_by_word`] made: its last entry for a word
/// past the table (and an empty range for an empty table, an index never built).
#[inline]
fn range_of(ranges: &[(u32, u32)], w: u32) -> (u32, u32) {
    let last = ranges.len().saturating_sub(1);
    ranges
        .get((w as usize).min(last))
        .copied()
        .unwrap_or_default()
}

/// The number of buckets of [`Index::by_prefix`]: a few times the built-in stages' distinct
/// prefix pairs (73), so that most buckets hold one pair's prefixes.
const PREFIX_BUCKETS: usize = 256;

/// The bucket of [`Index::by_prefix`] of the tokens whose first two bytes are `pair`: the top
/// bits of a product, which mixes both bytes.
#[inline]
fn prefix_bucket(pair: u16) -> usize {
    ((pair as u32).wrapping_mul(0x9E37_79B1) >> 24) as usize
}

/// The [`pair`]s of the tokens that can start with `prefix` (non-empty).
fn prefix_pairs_of(prefix: &[u8]) -> Vec<u16> {
    match prefix {
        [first] => (0..=255)
            .map(|second| (*first as u16) << 8 | second)
            .collect(),
        _ => vec![pair(prefix)],
    }
}

/// A fixed-size bitset of `WORDS` 64-bit words: a test is a load and a shift, with no bounds
/// to check once the index is known to be in range (a [`pair`] for the 8 KiB set of
/// [`Index::prefix_pairs`], a [`pair_hash`] for [`Index::pairs`]).
#[derive(Clone, Debug)]
struct FixedBits<const WORDS: usize>(Box<[u64; WORDS]>);

impl<const WORDS: usize> Default for FixedBits<WORDS> {
    fn default() -> Self {
        FixedBits(Box::new([0; WORDS]))
    }
}

impl<const WORDS: usize> FixedBits<WORDS> {
    fn new(bits: impl IntoIterator<Item = usize>) -> Self {
        let mut set = Self::default();
        for b in bits {
            set.0[b / 64] |= 1 << (b % 64);
        }
        set
    }

    #[inline]
    fn contains(&self, b: usize) -> bool {
        (self.0[b / 64] >> (b % 64)) & 1 != 0
    }
}

/// A set of [`pair`]s (every `u16`).
type PairSet = FixedBits<{ (u16::MAX as usize + 1) / 64 }>;

/// Programs of ops, one after another in one vector: a box per program would cost its
/// pointer and the allocator's header again for each of thousands of short programs.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(into = "ProgramsForm", from = "ProgramsForm")]
struct Programs {
    ops: Vec<Op>,
    /// Program `k` is `ops[starts[k]..starts[k + 1]]`.
    starts: Vec<u32>,
}

impl Default for Programs {
    fn default() -> Programs {
        Programs {
            ops: Vec::new(),
            starts: vec![0],
        }
    }
}

impl Programs {
    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    fn push(&mut self, program: impl IntoIterator<Item = Op>) {
        self.ops.extend(program);
        self.starts
            .push(u32::try_from(self.ops.len()).expect("too many ops"));
    }

    #[inline]
    fn get(&self, k: usize) -> &[Op] {
        &self.ops[self.starts[k] as usize..self.starts[k + 1] as usize]
    }

    fn iter(&self) -> impl Iterator<Item = &[Op]> {
        (0..self.len()).map(|k| self.get(k))
    }
}

/// [`Programs`] as a snapshot holds them: each group and each prefix once, in the order first
/// used, and the ops as records naming them by position (a run of bytes, see
/// [`crate::util::flat`]), so that the loaded programs share their groups as the compiled ones
/// do.
#[derive(serde::Serialize, serde::Deserialize)]
struct ProgramsForm {
    groups: Vec<Alternatives>,
    prefixes: Vec<Prefix>,
    #[serde(with = "crate::util::flat")]
    ops: Vec<OpRecord>,
    #[serde(with = "crate::util::flat")]
    starts: Vec<u32>,
}

/// An [`Op`] as a record: what it is and a word id or a position in
/// [`ProgramsForm::groups`] or [`ProgramsForm::prefixes`].
#[derive(Clone, Copy)]
struct OpRecord {
    kind: u8,
    value: u32,
}

impl OpRecord {
    const WORD: u8 = 0;
    const PREFIX: u8 = 1;
    const ANY: u8 = 2;
    const NAME: u8 = 3;
    const GROUP: u8 = 4;
    const GAP: u8 = 5;
    const END: u8 = 6;
    const TEXT_END: u8 = 7;

    fn new(kind: u8, value: u32) -> OpRecord {
        OpRecord { kind, value }
    }
}

impl crate::util::flat::Flat for OpRecord {
    const SIZE: usize = 5;
    fn put(&self, out: &mut Vec<u8>) {
        out.push(self.kind);
        self.value.put(out);
    }
    fn get(bytes: &[u8]) -> OpRecord {
        OpRecord::new(bytes[0], u32::get(&bytes[1..]))
    }
}

impl From<Programs> for ProgramsForm {
    fn from(programs: Programs) -> ProgramsForm {
        let mut positions: HashMap<*const Alternatives, u32, FastHash> = HashMap::default();
        let (mut groups, mut prefixes) = (Vec::new(), Vec::new());
        let ops = programs
            .ops
            .into_iter()
            .map(|op| match op {
                Op::Test(Test::Word(w)) => OpRecord::new(OpRecord::WORD, w),
                Op::Test(Test::Prefix(p)) => {
                    prefixes.push(*p);
                    OpRecord::new(OpRecord::PREFIX, prefixes.len() as u32 - 1)
                }
                Op::Test(Test::Any) => OpRecord::new(OpRecord::ANY, 0),
                Op::Test(Test::Name) => OpRecord::new(OpRecord::NAME, 0),
                Op::OneOf(g) | Op::Group(g) => {
                    let k = *positions.entry(Arc::as_ptr(&g)).or_insert_with(|| {
                        groups.push(Alternatives::clone(&g));
                        groups.len() as u32 - 1
                    });
                    OpRecord::new(OpRecord::GROUP, k)
                }
                Op::Gap => OpRecord::new(OpRecord::GAP, 0),
                Op::End => OpRecord::new(OpRecord::END, 0),
                Op::TextEnd => OpRecord::new(OpRecord::TEXT_END, 0),
            })
            .collect();
        ProgramsForm {
            groups,
            prefixes,
            ops,
            starts: programs.starts,
        }
    }
}

impl From<ProgramsForm> for Programs {
    fn from(form: ProgramsForm) -> Programs {
        let groups: Vec<Arc<Alternatives>> = form.groups.into_iter().map(Arc::new).collect();
        // A record that names nothing is a corrupt snapshot, which its test catches: the op
        // then matches nothing rather than panicking.
        let nothing = Op::Test(Test::Word(NO_WORD));
        let ops = form
            .ops
            .into_iter()
            .map(|op| match op.kind {
                OpRecord::WORD => Op::Test(Test::Word(op.value)),
                OpRecord::PREFIX => form
                    .prefixes
                    .get(op.value as usize)
                    .map_or(nothing.clone(), |p| {
                        Op::Test(Test::Prefix(Box::new(p.clone())))
                    }),
                OpRecord::ANY => Op::Test(Test::Any),
                OpRecord::NAME => Op::Test(Test::Name),
                OpRecord::GROUP => groups
                    .get(op.value as usize)
                    .map_or(nothing.clone(), |g| Op::group(Arc::clone(g))),
                OpRecord::GAP => Op::Gap,
                OpRecord::END => Op::End,
                OpRecord::TEXT_END => Op::TextEnd,
                _ => nothing.clone(),
            })
            .collect();
        Programs {
            ops,
            starts: form.starts,
        }
    }
}

impl<const WORDS: usize> serde::Serialize for FixedBits<WORDS> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::util::flat::serialize(&self.0.as_slice(), s)
    }
}

impl<'de, const WORDS: usize> serde::Deserialize<'de> for FixedBits<WORDS> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let bits: Box<[u64]> = crate::util::flat::deserialize(d)?;
        let len = bits.len();
        bits.try_into()
            .map(FixedBits)
            .map_err(|_| serde::de::Error::invalid_length(len, &"a fixed-size bitset"))
    }
}

/// Every pattern compiled against one vocabulary, indexed by what its first token can be.
///
/// Matching a text costs no lookup: the reading stage gave each word its id; a literal is an
/// integer comparison and a group a bit test, and only the patterns that can start at a word
/// are tried there.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Index {
    /// The number of patterns.
    patterns: u32,
    /// The compiled programs: one per pattern, or one per way it can begin.
    programs: Programs,
    /// The pattern of each program.
    #[serde(with = "crate::util::flat")]
    program_pattern: Vec<u32>,
    /// Shared by an analyzer's stages: a snapshot holds it once, and gives it back on loading.
    #[serde(skip, default = "Vocabulary::unset")]
    vocabulary: Arc<Vocabulary>,
    /// The patterns whose first token can be word `w` and that are not paired (see
    /// [`Start::paired`]): `word_starts[from..to]` for `(from, to) = word_ranges[w]`, one flat
    /// table, up to the last word that starts something; the last entry, empty, is for every
    /// word after it and for the tokens that are no word.
    #[serde(with = "crate::util::flat")]
    word_ranges: Vec<(u32, u32)>,
    #[serde(with = "crate::util::flat")]
    word_starts: Vec<Start>,
    /// A bitset over [`pair_hash`]es of the word pairs of [`Index::pair_starts`]. A token
    /// whose pair with the next token is not in it starts no paired pattern: most tokens do
    /// not, and one branch that is mostly taken costs less than looking in a bucket.
    pairs: FixedBits<{ PAIR_BITS / 64 }>,
    /// The paired starts by exact word pair: those of bucket `b` (the pair's hash's low bits)
    /// are `pair_starts[pair_buckets[b]..pair_buckets[b + 1]]`, in the order of their
    /// programs. A paired start needs one word of its filter at the very next token, so only
    /// the starts of the token's pair with its next token are tried: most paired starts of a
    /// common first word ("i", "the") would fail their filter there.
    #[serde(with = "crate::util::flat")]
    pair_buckets: Box<[u32]>,
    #[serde(with = "crate::util::flat")]
    pair_starts: Box<[PairStart]>,
    /// The prefixes patterns can start with, and the pattern, in [`PREFIX_BUCKETS`] buckets
    /// by the [`prefix_bucket`] of the first two bytes of the tokens they can match: a token
    /// tries the prefixes of its own first two bytes, not every prefix of its first letter
    /// (12.8 prefix tests per token that reached them on the posts, 2.5 now).
    by_prefix: Vec<Vec<PrefixStart>>,
    /// The first two bytes (see [`pair`]) of the tokens some prefix can match: most tokens
    /// are turned away here, without comparing any prefix.
    prefix_pairs: PairSet,
    /// Patterns that can start with a name.
    #[serde(with = "crate::util::flat")]
    by_name: Vec<Start>,
    /// Unanchored patterns that can start with any token (`_`, or a leading gap).
    #[serde(with = "crate::util::flat")]
    any: Vec<Start>,
    /// Anchored patterns that begin with a word: `(word, start)` sorted by word, tried at the
    /// first word of each sentence that is that word.
    #[serde(with = "crate::util::flat")]
    anchored_words: Vec<(u32, Start)>,
    /// Where each word's anchored starts are in [`Index::anchored_words`]: `anchored_ranges[w]`
    /// for a word `w` below its length less one, the last entry (empty) for every other word.
    /// One load a sentence, where a binary search over the words cost a chain of dependent
    /// loads (perf: 1.5% of `analyze`'s time).
    #[serde(with = "crate::util::flat")]
    anchored_ranges: Vec<(u32, u32)>,
    /// The other anchored patterns: tried at the first word of each sentence.
    #[serde(with = "crate::util::flat")]
    anchored: Vec<Start>,
    /// Whether each program is anchored.
    #[serde(with = "crate::util::flat")]
    program_anchored: Vec<bool>,
    /// The starts' filters.
    filters: Vec<WordSet>,
    /// While the index is built: the filters by content, so that equal ones are stored once.
    #[serde(skip)]
    built_filters: Option<HashMap<Vec<u32>, u32, FastHash>>,
    /// While the index is built: the words a start's filter is made of.
    #[serde(skip)]
    start_words: Vec<u32>,
}

/// The groups [`Index::new`] has compiled, by their text and whether optional (borrowed from
/// the patterns), so that groups written alike are compiled and stored once (patterns repeat
/// groups like `(i|we)`).
type GroupCache<'p> = HashMap<(&'p str, bool), Arc<Alternatives>, FastHash>;

/// What a pattern's first token can be.
#[derive(Default)]
struct Firsts<'s, 'a> {
    tests: Vec<&'s WordTest<'a>>,
    any: bool,
}

/// Adds to `firsts` what the first token of `steps` can be (through optional groups).
fn firsts<'s, 'a>(steps: &'s [Step<'a>], out: &mut Firsts<'s, 'a>) {
    match steps.split_first() {
        None => {}
        Some((Step::Word(t), _)) => out.tests.push(t),
        Some((Step::Gap, _)) => out.any = true,
        Some((Step::Group(g), rest)) => {
            out.tests
                .extend(g.alternatives.iter().map(|a| &a.words()[0]));
            if g.optional {
                firsts(rest, out);
            }
        }
    }
}

/// The most programs one pattern is split into.
const MAX_VARIANTS: usize = 64;

/// The ways `steps` (a pattern, after its `^`) can begin, each as a pattern of its own whose first
/// step takes one token: a first group with several-word alternatives or an optional one would
/// otherwise be tried, whole, at every token that can begin any of its alternatives (and the
/// filter of what follows could not turn those tokens away). `(a|b c|d)? e` becomes `(a|d) e`,
/// `b c e` and `e`. A pattern whose variants would begin with a gap or any token, or would be
/// too many, stays whole. Each variant is `(head, k)`: its own first steps, then the pattern's
/// steps from `k` on (shared by the variants, compiled once).
fn variants<'a>(steps: &[Step<'a>]) -> Vec<(Vec<Step<'a>>, usize)> {
    fn split<'a>(steps: &[Step<'a>], at: usize, out: &mut Vec<(Vec<Step<'a>>, usize)>) -> bool {
        match steps[at..].first() {
            Some(Step::Group(g))
                if g.optional || g.alternatives.iter().any(Alternative::is_several) =>
            {
                let singles: Vec<Alternative<'a>> = g
                    .alternatives
                    .iter()
                    .filter(|a| !a.is_several())
                    .cloned()
                    .collect();
                if !singles.is_empty() {
                    let head = vec![Step::Group(super::syntax::Group {
                        source: "".into(),
                        alternatives: singles,
                        optional: false,
                    })];
                    out.push((head, at + 1));
                }
                for alt in g.alternatives.iter().filter(|a| a.is_several()) {
                    out.push((
                        alt.words().iter().cloned().map(Step::Word).collect(),
                        at + 1,
                    ));
                }
                !g.optional || split(steps, at + 1, out)
            }
            Some(Step::Gap) | Some(Step::Word(WordTest::Any)) | None => false,
            Some(_) => {
                out.push((Vec::new(), at));
                true
            }
        }
    }
    let mut out = Vec::new();
    let splittable = matches!(steps.first(), Some(Step::Group(g)) if g.optional || g.alternatives.iter().any(Alternative::is_several));
    if !splittable || !split(steps, 0, &mut out) || out.len() > MAX_VARIANTS {
        return vec![(Vec::new(), 0)];
    }
    out
}

impl Index {
    /// Compiles `patterns` (pattern ids are their positions), interning their words into
    /// `vocabulary` (which may hold other stages' words already: their ids are kept).
    pub(crate) fn new(patterns: Vec<Pattern<'_>>, vocabulary: Vocabulary) -> Index {
        let mut index = Index {
            by_prefix: vec![Vec::new(); PREFIX_BUCKETS],
            vocabulary: Arc::new(vocabulary),
            built_filters: Some(HashMap::default()),
            ..Index::default()
        };
        let mut groups = GroupCache::default();
        index.patterns = u32::try_from(patterns.len()).expect("too many patterns");
        let mut prefix_pairs = Vec::new();
        let mut by_word: Vec<(u32, Start)> = Vec::new();
        // Each pattern becomes one program, or one per way it can begin (see `variants`); the
        // steps the variants share are compiled once (a group's alternatives are shared). Each
        // program goes straight into the flat store, and is indexed by what it can begin with.
        for (pattern, p) in patterns.iter().enumerate() {
            let ops: Vec<Op> = p.steps.iter().map(|s| index.op(s, &mut groups)).collect();
            for (head, k) in variants(&p.steps) {
                // A variant's own first steps are not cached: they are few, and borrowed from
                // no pattern.
                let head_ops: Vec<Op> = head
                    .iter()
                    .map(|s| index.op(s, &mut GroupCache::default()))
                    .collect();
                let id = index.programs.len() as u32;
                assert!(id < SKIP_FIRST, "too many patterns");
                index
                    .programs
                    .push(head_ops.into_iter().chain(ops[k..].iter().cloned()).chain(
                        match p.ends {
                            Ending::Anywhere => None,
                            Ending::Sentence => Some(Op::End),
                            Ending::Text => Some(Op::TextEnd),
                        },
                    ));
                index.program_pattern.push(pattern as u32);
                index.program_anchored.push(p.anchored);
                // What the variant can begin with, for the index.
                let mut first = Firsts::default();
                firsts(
                    if head.is_empty() {
                        &p.steps[k..]
                    } else {
                        &head
                    },
                    &mut first,
                );
                index.add_start(id, p.anchored, first, &mut by_word, &mut prefix_pairs);
            }
        }
        index.prefix_pairs = PairSet::new(prefix_pairs.into_iter().map(usize::from));
        index
            .anchored_words
            .sort_by_key(|&(w, start)| (w, start.pattern & !SKIP_FIRST));
        // Stable, so that each word's starts stay in pattern order.
        by_word.sort_by_key(|&(w, _)| w);
        by_word.dedup();
        let (paired, by_word): (Vec<_>, Vec<_>) =
            by_word.into_iter().partition(|(_, start)| start.paired());
        let pair_starts: Vec<PairStart> = paired
            .iter()
            .flat_map(|&(first, start)| {
                index.filters[start.filter as usize]
                    .ids()
                    .map(move |next| PairStart {
                        check: pair_check(pair_key(first, next)),
                        program: start.pattern & !SKIP_FIRST,
                    })
            })
            .collect();
        index.set_pair_starts(pair_starts);
        index.set_word_starts(by_word);
        for list in &mut index.by_prefix {
            list.dedup();
        }
        index.by_name.dedup();
        index.finish();
        index
    }

    /// Indexes program `id` (anchored or not) under what it can begin with, `first`: by word
    /// (into `by_word`, sorted and paired later), by prefix (adding the prefixes' pairs to
    /// `prefix_pairs`), by name, or among those tried everywhere.
    fn add_start(
        &mut self,
        id: u32,
        anchored: bool,
        first: Firsts<'_, '_>,
        by_word: &mut Vec<(u32, Start)>,
        prefix_pairs: &mut Vec<u16>,
    ) {
        if anchored {
            // By first word, when every way it begins is a word.
            let words: Option<Vec<&str>> = first
                .tests
                .iter()
                .map(|t| match t {
                    WordTest::Literal(w) => Some(&**w),
                    _ => None,
                })
                .collect();
            match words {
                Some(words) if !first.any => {
                    let one_token_first = self.programs.get(id as usize)[0].takes_one_token();
                    let start = self.start(id, one_token_first);
                    for w in words {
                        let w = self.intern(w);
                        self.anchored_words.push((w, start));
                    }
                }
                _ => {
                    let start = self.start(id, false);
                    self.anchored.push(start);
                }
            }
            return;
        }
        if first.any || first.tests.iter().any(|t| matches!(t, WordTest::Any)) {
            let start = self.start(id, false);
            self.any.push(start);
            return;
        }
        // When the first step is one token and every start comes from it, the token that
        // found the pattern has passed that step already.
        let one_token_first = self.programs.get(id as usize)[0].takes_one_token();
        let start = self.start(id, one_token_first);
        for t in first.tests {
            match t {
                WordTest::Literal(w) => by_word.push((self.intern(w), start)),
                WordTest::Prefix(p) => {
                    let prefix = Prefix::new(p.as_bytes());
                    let pairs = prefix.pairs();
                    for &pair in &pairs {
                        let bucket = &mut self.by_prefix[prefix_bucket(pair)];
                        // A one-byte prefix has 256 pairs, and some share a bucket.
                        if bucket
                            .last()
                            .is_none_or(|last| last.prefix != prefix || last.start != start)
                        {
                            bucket.push(PrefixStart {
                                prefix: prefix.clone(),
                                start,
                            });
                        }
                    }
                    prefix_pairs.extend(pairs);
                }
                WordTest::Name => self.by_name.push(start),
                WordTest::Any => {}
            }
        }
    }

    /// Drops what was kept while building, and the room the tables grew into: the index is
    /// built once and kept for good.
    fn finish(&mut self) {
        self.built_filters = None;
        self.start_words = Vec::new();
        self.programs.ops.shrink_to_fit();
        self.programs.starts.shrink_to_fit();
        self.program_pattern.shrink_to_fit();
        self.program_anchored.shrink_to_fit();
        self.filters.shrink_to_fit();
        self.word_ranges.shrink_to_fit();
        self.anchored_words.shrink_to_fit();
        self.anchored_ranges = ranges_by_word(self.anchored_words.iter().map(|&(w, _)| w));
        self.anchored.shrink_to_fit();
        self.any.shrink_to_fit();
        self.by_name.shrink_to_fit();
        for list in &mut self.by_prefix {
            list.shrink_to_fit();
        }
    }

    /// Keeps `pair_starts` (any order) by hash bucket, each bucket in the order of its pairs
    /// and their programs: the order in which the programs of one pair are tried.
    fn set_pair_starts(&mut self, pair_starts: Vec<PairStart>) {
        let bucket = |p: &PairStart| pair_hash(p.check) & (PAIR_BUCKETS - 1);
        self.pairs = FixedBits::new(pair_starts.iter().map(|p| pair_hash(p.check)));
        // Placed by bucket (a counting sort), then each small bucket in order: within a
        // bucket only the starts of one pair need an order (their programs'), but a whole
        // order keeps the index deterministic.
        let mut ends = vec![0u32; PAIR_BUCKETS + 1];
        for p in &pair_starts {
            ends[bucket(p) + 1] += 1;
        }
        for b in 0..PAIR_BUCKETS {
            ends[b + 1] += ends[b];
        }
        let mut placed = vec![PairStart::default(); pair_starts.len()];
        let mut next = ends.clone();
        for p in pair_starts {
            let at = &mut next[bucket(&p)];
            placed[*at as usize] = p;
            *at += 1;
        }
        // Each bucket sorted and without repeats, moved down over the repeats dropped.
        let mut kept = 0;
        let mut buckets = vec![0u32; PAIR_BUCKETS + 1];
        for b in 0..PAIR_BUCKETS {
            let (from, to) = (ends[b] as usize, ends[b + 1] as usize);
            placed[from..to].sort_unstable();
            for k in from..to {
                if k == from || placed[k] != placed[k - 1] {
                    placed[kept] = placed[k];
                    kept += 1;
                }
            }
            buckets[b + 1] = kept as u32;
        }
        placed.truncate(kept);
        self.pair_buckets = buckets.into();
        self.pair_starts = placed.into();
    }

    /// Keeps the unpaired starts `by_word`, sorted by first word, in [`Index::word_ranges`]
    /// and [`Index::word_starts`].
    fn set_word_starts(&mut self, by_word: Vec<(u32, Start)>) {
        debug_assert!(by_word.is_sorted_by_key(|&(w, _)| w));
        self.word_ranges = ranges_by_word(by_word.iter().map(|&(w, _)| w));
        self.word_starts = by_word.into_iter().map(|(_, start)| start).collect();
    }

    /// The number of patterns compiled (pattern ids are below it).
    pub(crate) fn patterns(&self) -> u32 {
        self.patterns
    }

    /// An empty index, in place of the shared one until a loaded stage is given it.
    pub(crate) fn unset() -> Arc<Index> {
        Arc::default()
    }

    /// One index for the patterns of several stages: of each `(index, patterns)` part, the
    /// patterns in `patterns`, numbered on from the part before (the first part's first
    /// pattern is 0). The parts must read one vocabulary's ids, as the stages of an analyzer's
    /// chain do (the longest vocabulary is kept). Each part's matches are found in the order
    /// that part's own index finds them.
    pub(crate) fn merge(parts: &[(&Index, Range<u32>)]) -> Index {
        let mut merged = Index {
            by_prefix: vec![Vec::new(); PREFIX_BUCKETS],
            built_filters: Some(HashMap::default()),
            ..Index::default()
        };
        let (mut by_word, mut pair_starts, mut prefix_pairs) = (Vec::new(), Vec::new(), Vec::new());
        for (part, patterns) in parts {
            if part.vocabulary.len() > merged.vocabulary.len() {
                merged.vocabulary = Arc::clone(&part.vocabulary);
            }
            // The part's program ids in the merged index (`u32::MAX`: a program left out).
            let mut program_ids = vec![u32::MAX; part.programs.len()];
            for (id, program) in part.programs.iter().enumerate() {
                let pattern = part.program_pattern[id];
                if patterns.contains(&pattern) {
                    program_ids[id] = merged.programs.len() as u32;
                    merged.programs.push(program.iter().cloned());
                    merged
                        .program_pattern
                        .push(merged.patterns + pattern - patterns.start);
                    merged.program_anchored.push(part.program_anchored[id]);
                }
            }
            merged.patterns += patterns.end - patterns.start;
            let mut filter_ids = vec![u32::MAX; part.filters.len()];
            let mut remap = |merged: &mut Index, start: Start| -> Option<Start> {
                let program = program_ids[(start.pattern & !SKIP_FIRST) as usize];
                if program == u32::MAX {
                    return None;
                }
                let filter = match filter_ids.get_mut(start.filter as usize) {
                    None => NO_FILTER,
                    Some(&mut known) if known != u32::MAX => known,
                    Some(id) => {
                        *id = merged.filter(
                            &part.filters[start.filter as usize]
                                .ids()
                                .collect::<Vec<_>>(),
                        );
                        *id
                    }
                };
                Some(Start {
                    pattern: program | (start.pattern & SKIP_FIRST),
                    filter,
                    ..start
                })
            };
            for (w, &(from, to)) in part.word_ranges.iter().enumerate() {
                for &start in &part.word_starts[from as usize..to as usize] {
                    by_word.extend(remap(&mut merged, start).map(|start| (w as u32, start)));
                }
            }
            for p in part.pair_starts.iter() {
                let program = program_ids[p.program as usize];
                if program != u32::MAX {
                    pair_starts.push(PairStart { program, ..*p });
                }
            }
            for (bucket, list) in part.by_prefix.iter().enumerate() {
                for PrefixStart { prefix, start } in list {
                    if let Some(start) = remap(&mut merged, *start) {
                        prefix_pairs.extend(prefix.pairs());
                        merged.by_prefix[bucket].push(PrefixStart {
                            prefix: prefix.clone(),
                            start,
                        });
                    }
                }
            }
            for &(w, start) in &part.anchored_words {
                if let Some(start) = remap(&mut merged, start) {
                    merged.anchored_words.push((w, start));
                }
            }
            let mut remap_all = |merged: &mut Index, starts: &[Start]| -> Vec<Start> {
                starts.iter().filter_map(|&s| remap(merged, s)).collect()
            };
            let by_name = remap_all(&mut merged, &part.by_name);
            merged.by_name.extend(by_name);
            let any = remap_all(&mut merged, &part.any);
            merged.any.extend(any);
            let anchored = remap_all(&mut merged, &part.anchored);
            merged.anchored.extend(anchored);
        }
        merged.prefix_pairs = PairSet::new(prefix_pairs.into_iter().map(usize::from));
        merged
            .anchored_words
            .sort_by_key(|&(w, start)| (w, start.pattern & !SKIP_FIRST));
        merged.set_pair_starts(pair_starts);
        // Stable: each word's starts, part after part, each part's in its order.
        by_word.sort_by_key(|&(w, _)| w);
        merged.set_word_starts(by_word);
        merged.finish();
        merged
    }

    /// The vocabulary the patterns are compiled against: every word read with it has the ids
    /// the patterns test.
    pub(crate) fn vocabulary(&self) -> &Arc<Vocabulary> {
        &self.vocabulary
    }

    /// The vocabulary, moved out when nothing else holds it (else `None`, nothing changes): the
    /// next stage of a chain extends it rather than a copy, and this index then reads with the
    /// chain's last one ([`share_vocabulary`](Self::share_vocabulary)).
    pub(crate) fn take_vocabulary(&mut self) -> Option<Vocabulary> {
        match Arc::try_unwrap(std::mem::take(&mut self.vocabulary)) {
            Ok(vocabulary) => Some(vocabulary),
            Err(shared) => {
                self.vocabulary = shared;
                None
            }
        }
    }

    /// Reads with `vocabulary`, which extends the one the patterns were compiled against (the
    /// last of an analyzer's chain), instead of keeping a copy of its own: words it does not
    /// know start nothing here.
    pub(crate) fn share_vocabulary(&mut self, vocabulary: &Arc<Vocabulary>) {
        debug_assert!(vocabulary.len() >= self.vocabulary.len());
        self.vocabulary = Arc::clone(vocabulary);
    }

    /// The start of pattern `id` (at its second step with `skip_first`), with the filter of
    /// what comes next.
    fn start(&mut self, id: u32, skip_first: bool) -> Start {
        let mut ops = &self.programs.get(id as usize)[skip_first as usize..];
        let mut window = 1;
        while let Some(skipped) = ops.first().and_then(skipped_length) {
            window += skipped;
            ops = &ops[1..];
        }
        // One buffer for every start's words: most filters are known already, and their words
        // need no list of their own.
        let mut words = std::mem::take(&mut self.start_words);
        words.clear();
        let (filter, signature) = if window <= MAX_WINDOW && first_words(ops, &mut words) {
            words.sort_unstable();
            words.dedup();
            let signature = words.iter().fold(0, |s, &w| s | signature_bit(w));
            (self.filter(&words), signature)
        } else {
            (NO_FILTER, 0)
        };
        self.start_words = words;
        Start {
            pattern: if skip_first { id | SKIP_FIRST } else { id },
            filter,
            window: window as u8,
            signature,
        }
    }

    /// The id of `word`, added to the vocabulary if new.
    fn intern(&mut self, word: &str) -> u32 {
        // Most words recur across patterns: a lookup, and a copy only for a new one.
        match self.vocabulary.id(word) {
            NO_WORD => Arc::make_mut(&mut self.vocabulary).intern(word.to_string().into()),
            id => id,
        }
    }

    fn test(&mut self, t: &WordTest<'_>) -> Test {
        match t {
            WordTest::Literal(w) => Test::Word(self.intern(w)),
            WordTest::Prefix(p) => Test::Prefix(Box::new(Prefix::new(p.as_bytes()))),
            WordTest::Any => Test::Any,
            WordTest::Name => Test::Name,
        }
    }

    /// The filter of `words` (sorted, distinct): an equal one already stored, or a new one.
    fn filter(&mut self, words: &[u32]) -> u32 {
        let next = self.filters.len() as u32;
        let built = self.built_filters.get_or_insert_default();
        if let Some(&known) = built.get(words) {
            return known;
        }
        self.filters.push(WordSet::new(words));
        built.insert(words.to_vec(), next);
        next
    }

    fn op<'p>(&mut self, step: &'p Step<'p>, groups: &mut GroupCache<'p>) -> Op {
        match step {
            Step::Word(t) => Op::Test(self.test(t)),
            Step::Gap => Op::Gap,
            Step::Group(g) => {
                if g.source.is_empty() {
                    // Made while compiling, not written: nothing to share it with.
                    return Op::group(self.group(g));
                }
                let key = (&*g.source, g.optional);
                if let Some(known) = groups.get(&key) {
                    return Op::group(Arc::clone(known));
                }
                let group = self.group(g);
                groups.insert(key, Arc::clone(&group));
                Op::group(group)
            }
        }
    }

    /// Compiles a group of the syntax.
    fn group(&mut self, g: &Group<'_>) -> Arc<Alternatives> {
        let mut words = Vec::with_capacity(g.alternatives.len());
        let mut prefixes = Vec::new();
        let mut sequences: Vec<Box<[Test]>> = Vec::new();
        for alt in &g.alternatives {
            match alt.words() {
                [WordTest::Literal(w)] => words.push(self.intern(w)),
                [WordTest::Prefix(p)] => prefixes.push(Prefix::new(p.as_bytes())),
                several => sequences.push(several.iter().map(|t| self.test(t)).collect()),
            }
        }
        let sequence_firsts = sequences
            .iter()
            .map(|s| match s.first() {
                Some(Test::Word(w)) => *w,
                _ => NO_WORD,
            })
            .collect();
        Arc::new(Alternatives {
            words: WordSet::new(&words),
            prefixes: prefixes.into(),
            sequences: sequences.into(),
            sequence_firsts,
            optional: g.optional,
        })
    }

    /// Tries `start` at token `i`: its filter, then its pattern.
    #[inline(always)]
    fn try_start(
        &self,
        start: Start,
        tokens: &TokenView<'_>,
        i: usize,
        found: &mut impl FnMut(u32, usize, usize),
    ) {
        let skip = (start.pattern >> 31) as usize;
        if let Some(filter) = self.filters.get(start.filter as usize) {
            let from = (i + skip).min(tokens.len());
            let to = (i + skip + start.window as usize).min(tokens.len());
            // A loop, not `Iterator::any`: the compiler kept `any` as a call of its own in
            // some of this function's inlined copies (perf: 6% of `analyze`'s samples).
            let mut passed = false;
            for t in &tokens.tokens[from..to] {
                if start.signature & signature_bit(t.id) != 0 && filter.contains(t.id) {
                    passed = true;
                    break;
                }
            }
            if !passed {
                return;
            }
        }
        self.run_program(start.pattern, tokens, i, found);
    }

    /// Runs program `program` (with [`SKIP_FIRST`] when token `i` passed its first step) at
    /// token `i`, its filter passed.
    #[inline(always)]
    fn run_program(
        &self,
        program: u32,
        tokens: &TokenView<'_>,
        i: usize,
        found: &mut impl FnMut(u32, usize, usize),
    ) {
        let id = (program & !SKIP_FIRST) as usize;
        let skip = (program >> 31) as usize;
        if let Some(end) = match_ops(&self.programs.get(id)[skip..], tokens, i + skip)
            && end > i
        {
            found(self.program_pattern[id], i, end);
        }
    }

    /// Calls `found(pattern, first token, end token)` for every match (the first way each of
    /// the pattern's [variants] matches at each start: a pattern may match twice at one start,
    /// with different ends, when two of the ways it can begin fit there).
    pub(crate) fn find_all(
        &self,
        tokens: &TokenView<'_>,
        mut found: impl FnMut(u32, usize, usize),
    ) {
        for sentence in tokens.sentences {
            if sentence.anchor < sentence.end {
                let i = sentence.anchor as usize;
                let (from, to) = range_of(&self.anchored_ranges, tokens.tokens[i].id);
                for &(_, start) in &self.anchored_words[from as usize..to as usize] {
                    self.try_start(start, tokens, i, &mut found);
                }
                for &start in &self.anchored {
                    self.try_start(start, tokens, i, &mut found);
                }
            }
        }
        for (i, token) in tokens.tokens.iter().enumerate() {
            // Whether anything can start here, in one branch: most tokens start nothing, and
            // which do is as good as random, so a branch per test would mostly mispredict.
            let (from, to) = range_of(&self.word_ranges, token.id);
            let next = tokens.tokens.get(i + 1).map_or(NO_WORD, |t| t.id);
            let check = pair_check(pair_key(token.id, next));
            let hash = pair_hash(check);
            let pair_hit = self.pairs.contains(hash);
            let prefix_hit = self.prefix_pairs.contains(token.pair.into());
            if !(pair_hit | (from < to) | prefix_hit | token.name | !self.any.is_empty()) {
                continue;
            }
            if pair_hit {
                let bucket = hash & (PAIR_BUCKETS - 1);
                let (a, b) = (self.pair_buckets[bucket], self.pair_buckets[bucket + 1]);
                for p in &self.pair_starts[a as usize..b as usize] {
                    if p.check == check {
                        self.run_program(p.program, tokens, i, &mut found);
                    }
                }
            }
            for &start in &self.word_starts[from as usize..to as usize] {
                self.try_start(start, tokens, i, &mut found);
            }
            if prefix_hit {
                let text = tokens.get(i);
                let head = head_bytes(text);
                for PrefixStart { prefix, start } in &self.by_prefix[prefix_bucket(token.pair)] {
                    if prefix.starts(text, head) {
                        self.try_start(*start, tokens, i, &mut found);
                    }
                }
            }
            if token.name {
                for &start in &self.by_name {
                    self.try_start(start, tokens, i, &mut found);
                }
            }
            for &start in &self.any {
                self.try_start(start, tokens, i, &mut found);
            }
        }
    }
}

#[cfg(test)]
impl Index {
    /// [`find_all`](Self::find_all) without the index: every pattern tried at every token
    /// (anchored ones at each sentence's first word), for tests of the index against it.
    pub(crate) fn find_all_slowly(
        &self,
        tokens: &TokenView<'_>,
        mut found: impl FnMut(u32, usize, usize),
    ) {
        for (id, program) in self.programs.iter().enumerate() {
            let anchored = self.program_anchored[id];
            let pattern = self.program_pattern[id];
            for i in 0..tokens.len() {
                let anchor = tokens
                    .sentences
                    .iter()
                    .any(|s| s.anchor as usize == i && s.anchor < s.end);
                if anchored && !anchor {
                    continue;
                }
                if let Some(end) = match_ops(program, tokens, i)
                    && end > i
                {
                    found(pattern, i, end);
                }
            }
        }
    }
}

/// A text's tokens as patterns see them.
pub(crate) struct TokenView<'a> {
    /// The text.
    pub source: &'a str,
    /// Lower-cased forms of the tokens that needed them.
    pub lower: &'a str,
    pub tokens: &'a [Word],
    /// The text's sentences (see [`find_sentences`](super::find_sentences)): `^` patterns are tried at each one's
    /// first word.
    pub sentences: &'a [Sentence],
    /// Where the text's sign-off tail begins (see [`is_tail`]): a `$$` pattern may end from
    /// there on. Found once per text, from the end, so that any number of `$$` tries stays
    /// linear in the text's length.
    tail_start: usize,
}

/// Whether a token can be part of the sign-off tail a text may end with after its last word:
/// punctuation, emoji, emoticons, @mentions, #hashtags and links.
fn is_tail(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Punct
            | TokenKind::Emoji
            | TokenKind::Emoticon
            | TokenKind::Mention
            | TokenKind::Hashtag
            | TokenKind::Url
    )
}

impl<'a> TokenView<'a> {
    /// The words of `source` as read into `words`, in the `sentences` that
    /// [`find_sentences`](super::find_sentences) found in them.
    pub(crate) fn new(
        source: &'a str,
        words: &'a crate::read::Words,
        sentences: &'a [Sentence],
    ) -> TokenView<'a> {
        let tokens = words.as_slice();
        let tail = tokens.iter().rev().take_while(|t| is_tail(t.kind)).count();
        TokenView {
            source,
            lower: words.lower_buffer(),
            tokens,
            sentences,
            tail_start: tokens.len() - tail,
        }
    }
}

impl TokenView<'_> {
    #[inline]
    fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Token `i`, lower-cased, as bytes (prefix tests compare bytes; slicing bytes skips the
    /// character-boundary checks of slicing a `str`).
    #[inline]
    fn get(&self, i: usize) -> &[u8] {
        let t = &self.tokens[i];
        match t.lowered {
            Some((a, b)) => &self.lower.as_bytes()[a as usize..b as usize],
            None => &self.source.as_bytes()[t.start..t.end],
        }
    }

    /// Whether only punctuation comes from token `i` to the end of its sentence (or of the
    /// text): where a `$` pattern may end.
    fn ends_sentence_at(&self, i: usize) -> bool {
        let starts_sentence = |k: usize| {
            self.sentences
                .binary_search_by_key(&(k as u32), |s| s.first)
                .is_ok()
        };
        for k in i..self.len() {
            if starts_sentence(k) {
                return true;
            }
            if self.tokens[k].kind != TokenKind::Punct {
                return false;
            }
        }
        true
    }

    /// Whether only a sign-off tail comes from token `i` to the end of the text: punctuation,
    /// emoji, emoticons, @mentions, #hashtags and links (where a `$$` pattern may end).
    #[inline]
    fn ends_text_at(&self, i: usize) -> bool {
        i >= self.tail_start
    }

    #[inline]
    fn word(&self, i: usize) -> u32 {
        self.tokens[i].id
    }

    /// Whether token `i` exists and passes `test`.
    #[inline]
    fn passes(&self, test: &Test, i: usize) -> bool {
        i < self.len()
            && match test {
                Test::Word(w) => self.tokens[i].id == *w,
                Test::Prefix(p) => p.matches(self.get(i)),
                Test::Any => true,
                Test::Name => self.tokens[i].name,
            }
    }
}

/// Where `ops` matched from token `i` end (exclusive), trying alternatives, optional groups
/// and gap lengths in order and taking the first that completes. Patterns are short and gaps
/// at most two tokens, so the search is bounded.
fn match_ops(mut ops: &[Op], tokens: &TokenView<'_>, mut i: usize) -> Option<usize> {
    // Steps that match exactly one token or fail are walked in a loop; only gaps, optional
    // groups and groups with several-token alternatives branch (and recurse).
    loop {
        let Some((op, rest)) = ops.split_first() else {
            return Some(i);
        };
        match op {
            Op::Test(test) => {
                if !tokens.passes(test, i) {
                    return None;
                }
            }
            Op::OneOf(group) => {
                if !group.matches_one(tokens, i) {
                    return None;
                }
            }
            Op::Group(group) => {
                let id = tokens.tokens.get(i).map_or(NO_WORD, |t| t.id);
                for (alt, &first) in group.sequences.iter().zip(&group.sequence_firsts) {
                    // A sequence that starts with another word cannot fit (NO_WORD, which
                    // no token has, marks one that starts with something else: test it).
                    if first != NO_WORD && first != id {
                        continue;
                    }
                    let fits = alt.iter().enumerate().all(|(k, t)| tokens.passes(t, i + k));
                    if fits && let Some(end) = match_ops(rest, tokens, i + alt.len()) {
                        return Some(end);
                    }
                }
                if group.matches_one(tokens, i)
                    && let Some(end) = match_ops(rest, tokens, i + 1)
                {
                    return Some(end);
                }
                return if group.optional {
                    match_ops(rest, tokens, i)
                } else {
                    None
                };
            }
            Op::Gap => {
                // The step after a gap is tried in place at each gap length, so that most
                // failures cost a comparison, not a call.
                for skip in 0..=2 {
                    let j = i + skip;
                    if j > tokens.len() {
                        break;
                    }
                    let found = match rest.first().and_then(|op| op.passes_one(tokens, j)) {
                        Some(true) => match_ops(&rest[1..], tokens, j + 1),
                        Some(false) => None,
                        None => match_ops(rest, tokens, j),
                    };
                    if found.is_some() {
                        return found;
                    }
                }
                return None;
            }
            Op::End => {
                return tokens.ends_sentence_at(i).then_some(i);
            }
            Op::TextEnd => {
                return tokens.ends_text_at(i).then_some(i);
            }
        }
        ops = rest;
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each row's set holds exactly its ids, whichever form it takes: close ids as a bitset,
    /// ids far apart as a sorted list with its bloom (which must turn away no member). Every
    /// id around and between the members is a near miss, and [`NO_WORD`] is in no set.
    #[test]
    fn word_sets_hold_exactly_their_ids() {
        let rows: [(&[u32], bool); 6] = [
            (&[], false),
            (&[5], true),
            (&[64, 65, 127, 128], true),
            (&[3, 9_000], false),
            (&[0, 31, 32, 63, 4_096, 7_000, 7_001, 13_999], false),
            (&[13_999, 2, 2, 700], false),
        ];
        for (ids, bits) in rows {
            let set = WordSet::new(ids);
            assert_eq!(matches!(set, WordSet::Bits { .. }), bits, "{ids:?}");
            for id in (0..14_100).chain([NO_WORD, NO_WORD - 1]) {
                assert_eq!(set.contains(id), ids.contains(&id), "{id} in {ids:?}");
            }
            let mut sorted = ids.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(set.ids().collect::<Vec<_>>(), sorted);
        }
    }

    /// Each word's range covers exactly its entries; words between and past them get empty
    /// ranges, the last entry standing for every word beyond the largest.
    #[test]
    fn ranges_by_word_cover_each_words_entries() {
        assert_eq!(ranges_by_word([].into_iter()), [(0, 0)]);
        assert_eq!(
            ranges_by_word([1, 1, 3].into_iter()),
            [(0, 0), (0, 2), (2, 2), (2, 3), (3, 3)]
        );
        assert_eq!(ranges_by_word([0].into_iter()), [(0, 1), (1, 1)]);
        // Looked up: a word's own range, the last entry past the table, nothing in no table.
        let ranges = ranges_by_word([1, 1, 3].into_iter());
        assert_eq!(range_of(&ranges, 1), (0, 2));
        assert_eq!(range_of(&ranges, 2), (2, 2));
        assert_eq!(range_of(&ranges, 3), (2, 3));
        assert_eq!(range_of(&ranges, 9), (3, 3));
        assert_eq!(range_of(&ranges, NO_WORD), (3, 3));
        assert_eq!(range_of(&[], 0), (0, 0));
    }
}
