//! Cue patterns: the phrase syntax (see the [module docs](super#cue-patterns)) compiled into
//! small token programs, and an index that finds, for each token of a text, the patterns that
//! can start there.
//!
//! Why not one regex set over the text: with several hundred patterns of whole-token
//! alternatives and wildcards, `regex::RegexSet` measured 0.6 MB/s here (its lazy DFA keeps
//! rebuilding states); indexing patterns by their first token and checking the few candidates
//! is linear in the text and orders of magnitude faster (both measured on `data/posts.txt`).

use crate::read::{NO_WORD, Vocabulary, Word, pair};
use crate::tokenizer::tokenize;

/// A test on one token (lower-cased).
#[derive(Clone, Debug, PartialEq)]
pub(super) enum WordTest {
    /// Exactly this token.
    Literal(Box<str>),
    /// A token starting with this.
    Prefix(Box<str>),
    /// Any token.
    Any,
    /// A name: a capitalised word that is not a common English word ("Lidl", "Monzo").
    Name,
}

/// One step of a pattern.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Step {
    Word(WordTest),
    Group(Group),
    /// Zero to two tokens.
    Gap,
}

/// `(a|b c|d*)`: alternatives of token sequences, maybe optional.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Group {
    pub alternatives: Vec<Vec<WordTest>>,
    pub optional: bool,
}

/// A compiled pattern.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Pattern {
    /// Only matches at the first token.
    pub anchored: bool,
    pub steps: Vec<Step>,
}

/// One item of a parsed pattern.
enum Item {
    /// One token: a literal (maybe ending in `*`) or `_`.
    Word(String),
    /// `(a b|c|d*)`, or `(…)?` when optional: alternatives of word sequences.
    Group(Vec<Vec<String>>, bool),
    /// `..`: zero to two tokens.
    Gap,
}

/// Splits a pattern into items; groups may hold spaces and several words per alternative.
fn parse(pattern: &str) -> Result<(bool, Vec<Item>), String> {
    let mut items = Vec::new();
    let mut rest = pattern.trim();
    let mut anchored = false;
    if let Some(r) = rest.strip_prefix('^') {
        anchored = true;
        rest = r;
    }
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        if let Some(inner) = rest.strip_prefix('(') {
            let close = inner
                .find(')')
                .ok_or_else(|| format!("unclosed group in {pattern:?}"))?;
            let body = &inner[..close];
            if body.contains('(') {
                return Err(format!("groups cannot nest: {pattern:?}"));
            }
            rest = &inner[close + 1..];
            let optional = match rest.strip_prefix('?') {
                Some(r) if r.is_empty() || r.starts_with(char::is_whitespace) => {
                    rest = r;
                    true
                }
                _ => false,
            };
            if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
                return Err(format!(
                    "a group must stand alone, as in (a|b c): {pattern:?}"
                ));
            }
            let alternatives: Vec<Vec<String>> = body
                .split('|')
                .map(|alt| {
                    alt.split_whitespace()
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .collect();
            if alternatives.iter().any(Vec::is_empty) {
                return Err(format!("empty alternative in {pattern:?}"));
            }
            items.push(Item::Group(alternatives, optional));
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        rest = &rest[end..];
        if word.contains(['(', ')', '|']) && !word.contains('\\') {
            return Err(format!("a group must stand alone, as in (a|b): {word:?}"));
        }
        items.push(if word == ".." {
            Item::Gap
        } else {
            Item::Word(word.to_string())
        });
    }
    Ok((anchored, items))
}

/// Compiles `pattern` (the phrase syntax) into a token program.
pub(super) fn compile(pattern: &str) -> Result<Pattern, String> {
    let (anchored, items) = parse(pattern)?;
    if items.is_empty() {
        return Err(if anchored {
            "nothing after ^".into()
        } else {
            "empty pattern".into()
        });
    }
    let mut steps = Vec::new();
    let mut required = false;
    for item in items {
        match item {
            Item::Gap => {
                if steps.last() == Some(&Step::Gap) {
                    return Err("two gaps (..) in a row".into());
                }
                steps.push(Step::Gap);
            }
            Item::Word(word) => {
                steps.push(Step::Word(word_test(&word)?));
                required = true;
            }
            Item::Group(alternatives, optional) => {
                let alts = alternatives
                    .iter()
                    .map(|words| {
                        words
                            .iter()
                            .map(|w| word_test(w))
                            .collect::<Result<Vec<_>, _>>()
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                steps.push(Step::Group(Group {
                    alternatives: alts,
                    optional,
                }));
                required |= !optional;
            }
        }
    }
    if steps.last() == Some(&Step::Gap) {
        return Err("a pattern cannot end with a gap (..)".into());
    }
    if !required {
        return Err("a pattern needs at least one word that is not optional".into());
    }
    Ok(Pattern { anchored, steps })
}

/// One word of a pattern: `_`, `<name>`, `word*`, or a literal (with `\` escaping),
/// lower-cased.
fn word_test(word: &str) -> Result<WordTest, String> {
    if word == "_" {
        return Ok(WordTest::Any);
    }
    if word == "<name>" {
        return Ok(WordTest::Name);
    }
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars().peekable();
    let mut prefix = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(escaped) => out.extend(escaped.to_lowercase()),
                None => return Err(format!("a lone \\ ends {word:?}")),
            },
            '*' if chars.peek().is_none() => prefix = true,
            '*' => return Err(format!("* may only end a word: {word:?}")),
            '’' | '‘' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
    if out.is_empty() {
        return Err(format!("{word:?} matches nothing"));
    }
    Ok(if prefix {
        WordTest::Prefix(out.into())
    } else {
        WordTest::Literal(out.into())
    })
}

/// A pattern matching the name `name` (a competitor or product) as written, whatever its
/// characters; a one-word name also matches as a @mention or #hashtag.
pub(super) fn literal_phrase(name: &str) -> Option<String> {
    let tokens: Vec<String> = tokenize(name).map(|t| escape(t.text)).collect();
    match tokens.len() {
        0 => None,
        1 => {
            let bare = tokens[0].trim_start_matches(['@', '#']);
            Some(format!("({bare}|@{bare}|#{bare})"))
        }
        _ => Some(tokens.join(" ")),
    }
}

/// `text` with the phrase syntax's special characters escaped.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '(' | ')' | '|' | '_' | '^' | '.' | '?') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A compiled test on one token.
#[derive(Clone, Debug)]
enum Test {
    /// The token is this word of the vocabulary.
    Word(u32),
    /// The token starts with this.
    Prefix(Box<str>),
    Any,
    Name,
}

/// A set of vocabulary ids as a bitset: membership is one load and a shift, whatever the size
/// of the set, with no branch to mispredict ([`NO_WORD`] is in no set).
#[derive(Clone, Debug, Default, PartialEq)]
struct WordSet(Box<[u64]>);

impl WordSet {
    fn new(ids: &[u32]) -> WordSet {
        let len = ids
            .iter()
            .map(|&id| id as usize / 64 + 1)
            .max()
            .unwrap_or(0);
        let mut bits = vec![0u64; len];
        for &id in ids {
            bits[id as usize / 64] |= 1 << (id % 64);
        }
        WordSet(bits.into())
    }

    #[inline]
    fn contains(&self, id: u32) -> bool {
        self.0
            .get(id as usize / 64)
            .is_some_and(|bits| bits >> (id % 64) & 1 != 0)
    }

    /// The ids in the set, in increasing order.
    fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.0.len() * 64)
            .map(|id| id as u32)
            .filter(|&id| self.contains(id))
    }
}

/// A compiled group: single words as a set of ids (one test however long the group), prefixes,
/// and the rest (several tokens, `_`, `<name>`) tried one by one.
#[derive(Clone, Debug)]
struct Alternatives {
    words: WordSet,
    prefixes: Box<[Box<str>]>,
    sequences: Box<[Box<[Test]>]>,
    optional: bool,
}

impl Alternatives {
    /// Whether token `i` is one of the single-token alternatives.
    #[inline]
    fn matches_one(&self, tokens: &TokenView<'_>, i: usize) -> bool {
        i < tokens.len()
            && (self.words.contains(tokens.word(i))
                || self
                    .prefixes
                    .iter()
                    .any(|p| tokens.get(i).starts_with(p.as_bytes())))
    }
}

#[derive(Clone, Debug)]
enum Op {
    Test(Test),
    Group(Alternatives),
    Gap,
}

impl Op {
    /// For a step that takes exactly one token: whether token `i` passes it.
    #[inline]
    fn passes_one(&self, tokens: &TokenView<'_>, i: usize) -> Option<bool> {
        match self {
            Op::Test(t) => Some(tokens.passes(t, i)),
            Op::Group(g) if g.sequences.is_empty() && !g.optional => Some(g.matches_one(tokens, i)),
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
#[derive(Clone, Copy, Debug, PartialEq)]
struct Start {
    pattern: u32,
    filter: u32,
    window: u8,
    /// The filter's words' [`signature_bit`]s: most tokens are turned away by this, in the
    /// start itself, before the filter's bitset is loaded.
    signature: u64,
}

const NO_FILTER: u32 = u32::MAX;

/// One bit standing for word `id` in a [`Start::signature`]: several words share each of the
/// low 63 bits; the top bit stands for [`NO_WORD`], and is in no signature.
#[inline]
fn signature_bit(id: u32) -> u64 {
    // A select, not a branch: whether the token is a word is as good as random.
    1 << std::hint::select_unpredictable(id == NO_WORD, 63, id % 63)
}

impl Start {
    /// Whether the start is at its second step and its filter looks at the next token only:
    /// then the word that found it and the next word form a pair of [`Index::pairs`].
    fn paired(&self) -> bool {
        self.pattern & SKIP_FIRST != 0 && self.window == 1 && self.filter != NO_FILTER
    }
}

/// The size of [`Index::pairs`], in bits: 4 KiB, sixteen times the number of pairs of the
/// built-in categories (about 2,000), so that few other pairs share their bits.
const PAIR_BITS: usize = 1 << 15;

/// Where the pair of words `first`, `next` falls in [`Index::pairs`].
#[inline]
fn pair_hash(first: u32, next: u32) -> usize {
    ((((first as u64) << 32 | next as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize)
        & (PAIR_BITS - 1)
}

/// The most tokens a filter looks at: beyond this the filter turns too little away.
const MAX_WINDOW: usize = 8;

/// The most tokens `op` can take, when words cannot describe its first token (so a filter
/// must look past it); `None` when they can.
fn skipped_length(op: &Op) -> Option<usize> {
    match op {
        Op::Gap => Some(2),
        Op::Test(Test::Word(_)) => None,
        Op::Test(_) => Some(1),
        Op::Group(g) => {
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
        Some((Op::Group(g), rest)) if g.prefixes.is_empty() => {
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

/// Every pattern compiled against one vocabulary, indexed by what its first token can be.
///
/// Matching a text costs one vocabulary lookup per token (in [`Index::word_id`]); after that
/// a literal is an integer comparison and a group a binary search, and only the patterns that
/// can start at a token are tried there.
#[derive(Clone, Debug, Default)]
pub(super) struct Index {
    programs: Vec<Box<[Op]>>,
    pub(crate) vocabulary: Vocabulary,
    /// The patterns whose first token can be word `w`: `word_starts[from..to]` for
    /// `(from, paired, to) = word_ranges[w]`, one flat table. Those in `from..paired` need a
    /// word of their filter at the very next token (see [`Index::pairs`]). The last entry,
    /// empty, is for the tokens that are no word.
    word_ranges: Vec<(u32, u32, u32)>,
    word_starts: Vec<Start>,
    /// A bitset over [`pair_hash`]es of the word pairs that can begin the starts in
    /// `from..paired` (a word and a word of a filter of one of its starts). A token whose
    /// pair with the next token is not in it skips all those starts at once: most tokens do,
    /// and one branch that is mostly taken costs less than testing each start's filter.
    pairs: FixedBits<{ PAIR_BITS / 64 }>,
    /// Per first byte: the prefixes patterns can start with, and the pattern.
    by_prefix: Vec<Vec<(Box<str>, Start)>>,
    /// The first two bytes (see [`pair`]) of the tokens some prefix can match: most tokens
    /// are turned away here, without comparing any prefix.
    prefix_pairs: PairSet,
    /// Patterns that can start with a name.
    by_name: Vec<Start>,
    /// Unanchored patterns that can start with any token (`_`, or a leading gap).
    any: Vec<Start>,
    /// Anchored patterns: tried at the first token only.
    anchored: Vec<Start>,
    /// The starts' filters.
    filters: Vec<WordSet>,
}

/// What a pattern's first token can be.
#[derive(Default)]
struct Firsts<'a> {
    tests: Vec<&'a WordTest>,
    any: bool,
}

/// Adds to `firsts` what the first token of `steps` can be (through optional groups).
fn firsts<'a>(steps: &'a [Step], out: &mut Firsts<'a>) {
    match steps.split_first() {
        None => {}
        Some((Step::Word(t), _)) => out.tests.push(t),
        Some((Step::Gap, _)) => out.any = true,
        Some((Step::Group(g), rest)) => {
            out.tests.extend(g.alternatives.iter().map(|a| &a[0]));
            if g.optional {
                firsts(rest, out);
            }
        }
    }
}

impl Index {
    pub(super) fn new(patterns: Vec<Pattern>) -> Index {
        let mut index = Index {
            by_prefix: vec![Vec::new(); 256],
            ..Index::default()
        };
        assert!(patterns.len() < SKIP_FIRST as usize, "too many patterns");
        let mut prefix_pairs = Vec::new();
        let mut by_word: Vec<(u32, Start)> = Vec::new();
        for (id, p) in patterns.iter().enumerate() {
            let id = id as u32;
            let program: Box<[Op]> = p.steps.iter().map(|s| index.op(s)).collect();
            index.programs.push(program);
            if p.anchored {
                let start = index.start(id, false);
                index.anchored.push(start);
                continue;
            }
            let mut first = Firsts::default();
            firsts(&p.steps, &mut first);
            if first.any || first.tests.iter().any(|t| matches!(t, WordTest::Any)) {
                let start = index.start(id, false);
                index.any.push(start);
                continue;
            }
            // When the first step is one token and every start comes from it, the token that
            // found the pattern has passed that step already.
            let one_token_first = match &index.programs[id as usize][0] {
                Op::Test(_) => true,
                Op::Group(g) => g.sequences.is_empty() && !g.optional,
                Op::Gap => false,
            };
            let start = index.start(id, one_token_first);
            for t in first.tests {
                match t {
                    WordTest::Literal(w) => by_word.push((index.intern(w), start)),
                    WordTest::Prefix(p) => {
                        index.by_prefix[p.as_bytes()[0] as usize].push((p.clone(), start));
                        prefix_pairs.extend(prefix_pairs_of(p.as_bytes()));
                    }
                    WordTest::Name => index.by_name.push(start),
                    WordTest::Any => {}
                }
            }
        }
        index.prefix_pairs = PairSet::new(prefix_pairs.into_iter().map(usize::from));
        // Each word's paired starts first; stable, so that each part stays in pattern order.
        by_word.sort_by_key(|&(w, start)| (w, !start.paired()));
        by_word.dedup();
        index.pairs = FixedBits::new(by_word.iter().filter(|(_, start)| start.paired()).flat_map(
            |&(w, start)| {
                let filter = &index.filters[start.filter as usize];
                filter.ids().map(move |next| pair_hash(w, next))
            },
        ));
        let words = index.vocabulary.len() as u32;
        let mut k = 0;
        for w in 0..words {
            let from = k;
            while k < by_word.len() && by_word[k].0 == w && by_word[k].1.paired() {
                k += 1;
            }
            let paired = k;
            while k < by_word.len() && by_word[k].0 == w {
                k += 1;
            }
            index
                .word_ranges
                .push((from as u32, paired as u32, k as u32));
        }
        index.word_ranges.push((k as u32, k as u32, k as u32));
        index.word_starts = by_word.into_iter().map(|(_, start)| start).collect();
        for list in &mut index.by_prefix {
            list.dedup();
        }
        index.by_name.dedup();
        index
    }

    /// The start of pattern `id` (at its second step with `skip_first`), with the filter of
    /// what comes next.
    fn start(&mut self, id: u32, skip_first: bool) -> Start {
        let mut ops = &self.programs[id as usize][skip_first as usize..];
        let mut window = 1;
        while let Some(skipped) = ops.first().and_then(skipped_length) {
            window += skipped;
            ops = &ops[1..];
        }
        let mut words = Vec::new();
        let (filter, signature) = if window <= MAX_WINDOW && first_words(ops, &mut words) {
            self.filters.push(WordSet::new(&words));
            let signature = words.iter().fold(0, |s, &w| s | signature_bit(w));
            ((self.filters.len() - 1) as u32, signature)
        } else {
            (NO_FILTER, 0)
        };
        Start {
            pattern: if skip_first { id | SKIP_FIRST } else { id },
            filter,
            window: window as u8,
            signature,
        }
    }

    /// The id of `word`, added to the vocabulary if new.
    fn intern(&mut self, word: &str) -> u32 {
        self.vocabulary.intern(word.to_string().into())
    }

    fn test(&mut self, t: &WordTest) -> Test {
        match t {
            WordTest::Literal(w) => Test::Word(self.intern(w)),
            WordTest::Prefix(p) => Test::Prefix(p.clone()),
            WordTest::Any => Test::Any,
            WordTest::Name => Test::Name,
        }
    }

    fn op(&mut self, step: &Step) -> Op {
        match step {
            Step::Word(t) => Op::Test(self.test(t)),
            Step::Gap => Op::Gap,
            Step::Group(g) => {
                let mut words = Vec::new();
                let mut prefixes = Vec::new();
                let mut sequences = Vec::new();
                for alt in &g.alternatives {
                    match alt.as_slice() {
                        [WordTest::Literal(w)] => words.push(self.intern(w)),
                        [WordTest::Prefix(p)] => prefixes.push(p.clone()),
                        _ => sequences.push(alt.iter().map(|t| self.test(t)).collect()),
                    }
                }
                Op::Group(Alternatives {
                    words: WordSet::new(&words),
                    prefixes: prefixes.into(),
                    sequences: sequences.into(),
                    optional: g.optional,
                })
            }
        }
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
        let id = start.pattern & !SKIP_FIRST;
        let skip = (start.pattern >> 31) as usize;
        if let Some(filter) = self.filters.get(start.filter as usize) {
            let from = (i + skip).min(tokens.len());
            let to = (i + skip + start.window as usize).min(tokens.len());
            let next = &tokens.tokens[from..to];
            if !next
                .iter()
                .any(|t| start.signature & signature_bit(t.id) != 0 && filter.contains(t.id))
            {
                return;
            }
        }
        if let Some(end) = match_ops(&self.programs[id as usize][skip..], tokens, i + skip)
            && end > i
        {
            found(id, i, end);
        }
    }

    /// Calls `found(pattern, first token, end token)` for every match (the first way each
    /// pattern matches at each start).
    pub(super) fn find_all(
        &self,
        tokens: &TokenView<'_>,
        mut found: impl FnMut(u32, usize, usize),
    ) {
        let mut try_at = |start: Start, i: usize| self.try_start(start, tokens, i, &mut found);
        if !tokens.tokens.is_empty() {
            for &start in &self.anchored {
                try_at(start, 0);
            }
        }
        let no_word = self.word_ranges.len().saturating_sub(1);
        for (i, token) in tokens.tokens.iter().enumerate() {
            // Whether anything can start here, in one branch: most tokens start nothing, and
            // which do is as good as random, so a branch per test would mostly mispredict.
            let Some(&(from, paired, to)) = self.word_ranges.get((token.id as usize).min(no_word))
            else {
                return;
            };
            let next = tokens.tokens.get(i + 1).map_or(NO_WORD, |t| t.id);
            let pair_hit = self.pairs.contains(pair_hash(token.id, next));
            let prefix_hit = self.prefix_pairs.contains(token.pair.into());
            let paired_hit = pair_hit & (from < paired);
            if !(paired_hit | (paired < to) | prefix_hit | token.name | !self.any.is_empty()) {
                continue;
            }
            if paired_hit {
                for &start in &self.word_starts[from as usize..paired as usize] {
                    try_at(start, i);
                }
            }
            for &start in &self.word_starts[paired as usize..to as usize] {
                try_at(start, i);
            }
            if prefix_hit {
                let text = tokens.get(i);
                for (prefix, start) in &self.by_prefix[(token.pair >> 8) as usize] {
                    if text.starts_with(prefix.as_bytes()) {
                        try_at(*start, i);
                    }
                }
            }
            if token.name {
                for &start in &self.by_name {
                    try_at(start, i);
                }
            }
            for &start in &self.any {
                try_at(start, i);
            }
        }
    }
}

#[cfg(test)]
impl Index {
    /// [`find_all`](Self::find_all) without the index: every pattern tried at every token
    /// (anchored ones at the first), for tests of the index against it.
    pub(super) fn find_all_slowly(
        &self,
        tokens: &TokenView<'_>,
        mut found: impl FnMut(u32, usize, usize),
    ) {
        for (id, program) in self.programs.iter().enumerate() {
            let anchored = self.anchored.iter().any(|s| s.pattern == id as u32);
            for i in 0..if anchored { 1 } else { tokens.len() } {
                if let Some(end) = match_ops(program, tokens, i)
                    && end > i
                {
                    found(id as u32, i, end);
                }
            }
        }
    }
}

/// A text's tokens as patterns see them.
pub(super) struct TokenView<'a> {
    /// The text.
    pub source: &'a str,
    /// Lower-cased forms of the tokens that needed them.
    pub lower: &'a str,
    pub tokens: &'a [Word],
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
                Test::Prefix(p) => self.get(i).starts_with(p.as_bytes()),
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
            Op::Group(group) if group.sequences.is_empty() && !group.optional => {
                if !group.matches_one(tokens, i) {
                    return None;
                }
            }
            Op::Group(group) => {
                for alt in &group.sequences {
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
        }
        ops = rest;
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `pattern` matches somewhere in `text`, with the text prepared exactly as
    /// the classifier prepares it.
    fn matches(pattern: &str, text: &str) -> bool {
        let index = Index::new(vec![compile(pattern).unwrap()]);
        let mut words = crate::read::Words::default();
        words.read(text, &index.vocabulary);
        let view = TokenView {
            source: text,
            lower: words.lower_buffer(),
            tokens: words.as_slice(),
        };
        let mut hit = false;
        index.find_all(&view, |_, _, _| hit = true);
        hit
    }

    #[test]
    fn phrase_syntax() {
        // Words match whole tokens only.
        assert!(matches("keeps crashing", "it keeps crashing!"));
        assert!(!matches("crash", "crashes"));
        assert!(matches("crash*", "crashes"));
        // Groups of alternatives.
        assert!(matches("(can't|cannot) log in", "I can’t log in"));
        // Gaps of zero to two tokens.
        assert!(matches("please .. add", "please add"));
        assert!(matches("please .. add", "please just quickly add"));
        assert!(!matches("please .. add", "please, if you can, add"));
        // Any one token.
        assert!(matches("the _ broke", "the screen broke"));
        // Multi-word alternatives and optional groups.
        assert!(matches("(unable to|can't) open", "unable to open"));
        assert!(matches("every (single)? time", "every time"));
        assert!(matches("every (single)? time", "every single time"));
        assert!(!matches("every (single)? time", "every other time"));
        // Anchoring.
        assert!(matches("^ how", "How do I"));
        assert!(!matches("^ how", "tell me how"));
        assert!(matches("^ .. why", "so why"));
        // Punctuation tokens.
        assert!(matches("tip :", "Pro tip: hold it"));
        assert!(matches("?", "why?"));
    }

    #[test]
    fn bad_patterns_say_why() {
        for (pattern, why) in [
            ("", "empty"),
            ("(a|b", "unclosed"),
            ("a*b", "may only end"),
            ("foo ..", "end with a gap"),
            (".. .. x", "two gaps"),
            ("(a||b)", "empty alternative"),
            ("^", "nothing after"),
            ("((a))", "nest"),
            ("(a)b", "stand alone"),
            ("x(a)", "stand alone"),
            ("(a)?", "not optional"),
            ("a\\", "lone"),
        ] {
            let err = compile(pattern).unwrap_err();
            assert!(err.contains(why), "{pattern:?}: {err}");
        }
    }

    #[test]
    fn names_are_literal() {
        let p = literal_phrase("AT&T").unwrap();
        assert!(matches(&p, "switching to at&t"));
        let p = literal_phrase("Globex").unwrap();
        assert!(matches(&p, "@Globex is better"));
        assert!(matches(&p, "#globex"));
        let p = literal_phrase("Foo (Bar)*").unwrap();
        assert!(matches(&p, "foo (bar)*"));
        assert!(literal_phrase("   ").is_none());
    }

    #[test]
    fn name_atom_matches_capitalised_uncommon_words() {
        // A capitalised brand or a short all-caps one is a name...
        assert!(matches(
            "switched to <name>",
            "I switched to Monzo last week"
        ));
        assert!(matches("switched to <name>", "switched to EE"));
        // ...a lower-case word, a sentence-opening common word or "I" is not.
        assert!(!matches("switched to <name>", "switched to monzo"));
        assert!(!matches("to <name>", "went to The shop"));
        assert!(!matches("<name> said", "I said"));
        // In groups, beside literal alternatives.
        assert!(matches("(at|from) (<name>|home)", "bought it at Lidl"));
        assert!(matches("(at|from) (<name>|home)", "bought it at home"));
    }
}
