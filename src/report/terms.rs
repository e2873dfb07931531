//! Terms: the words and two-word phrases of a post that the report counts, capped tables of
//! them, and the statistics that rank them (Dunning's log-likelihood ratio G²).
//!
//! A post's terms are its content words (lower-cased, at least two characters with a letter,
//! not a stop word), its hashtags, and each pair of content words that follow each other with
//! only whitespace between them ("battery life", "login loop"). Mentions, links, numbers, emoji
//! and punctuation are not terms and break a pair. Each term counts once per post (document
//! frequency): a post that repeats a word a hundred times is one post using it. A post gives at
//! most [`MAX_TERMS_PER_POST`] terms (the first ones), so that one huge post costs its reading
//! and no more.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use crate::tokenizer::{TokenKind, tokenize};
use crate::util::FastHash;

use super::tally::{Count, PERIOD_UNITS, Recent};

/// Terms taken from one post at most.
pub(crate) const MAX_TERMS_PER_POST: usize = 512;
/// Bytes of a term at most (longer words are cut at a character boundary).
pub(crate) const MAX_TERM_BYTES: usize = 64;

/// Function words and chat filler that say nothing about what a post is about (English).
const STOP_WORDS: &str = "a about above after again against all also am an and any are aren't as \
    at be because been before being below between both but by can can't cannot could couldn't \
    did didn't do does doesn't doing don't down during each even ever every few for from further \
    get gets got had hadn't has hasn't have haven't having he he'd he'll he's her here here's \
    hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its \
    itself just let's like me more most much must mustn't my myself no nor not now of off on \
    once one only or other ought our ours ourselves out over own really same shan't she she'd \
    she'll she's should shouldn't so some such than that that's the their theirs them \
    themselves then there there's these they they'd they'll they're they've this those though \
    through to too under until up upon us very was wasn't we we'd we'll we're we've were weren't \
    what what's when when's where where's which while who who's whom why why's will with won't \
    would wouldn't yet you you'd you'll you're you've your yours yourself yourselves im ive dont \
    cant wont didnt doesnt isnt wasnt thats theres youre u ur ok okay yes yeah oh lol pls please \
    thanks thank hi hey hello still already back go going gonna make made way thing things \
    something anything everything lot lots well much many day today time times via amp rt";

static STOP: LazyLock<std::collections::HashSet<&'static str, FastHash>> =
    LazyLock::new(|| STOP_WORDS.split_whitespace().collect());

/// Whether a lower-cased word is a stop word.
pub(crate) fn is_stop_word(word: &str) -> bool {
    STOP.contains(word)
}

/// The key of a term in the tables: a 64-bit hash of its text (foldhash, fixed seed). Two
/// terms share a key with probability about n²/2⁶⁵ for n distinct terms (under 10⁻⁸ for a
/// million): a collision would count them as one.
pub(crate) fn term_key(term: &str) -> u64 {
    FastHash::default().hash_one(term)
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Not used by u64 keys; folded in case a caller hashes bytes.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

/// A map keyed by term keys (already hashes).
pub(crate) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// The terms of one post: their keys (sorted, each once) and their text. Reused from post to
/// post, so that reading a warm post allocates nothing.
#[derive(Clone, Debug, Default)]
pub(crate) struct PostTerms {
    /// (key, start, end) of each term in `text`, sorted by key, duplicates removed.
    terms: Vec<(u64, u32, u32)>,
    text: String,
    word: String,
}

impl PostTerms {
    /// Reads the terms of `post`.
    pub fn read(&mut self, post: &str) {
        self.terms.clear();
        self.text.clear();
        // The previous content word, when it can start a pair: its range in `text`.
        let mut previous: Option<(u32, u32)> = None;
        let mut previous_end = usize::MAX;
        for token in tokenize(post) {
            if self.terms.len() >= MAX_TERMS_PER_POST {
                break;
            }
            let adjacent = post
                .get(previous_end..token.start)
                .is_some_and(|gap| gap.chars().all(char::is_whitespace));
            previous_end = token.end;
            let term = match token.kind {
                TokenKind::Word => lower(token.text, &mut self.word, false),
                TokenKind::Hashtag => lower(token.text, &mut self.word, true),
                _ => None,
            };
            let Some(term) = term else {
                previous = None;
                continue;
            };
            let hashtag = token.kind == TokenKind::Hashtag;
            if !hashtag && is_stop_word(term) {
                previous = None;
                continue;
            }
            let start = self.text.len() as u32;
            self.text.push_str(term);
            let end = self.text.len() as u32;
            self.terms.push((term_key(term), start, end));
            // A pair of words (never with a hashtag: "#fail battery" is not a phrase; never a
            // word twice: "very very" says nothing the word does not).
            let repeated = |&(ps, pe): &(u32, u32)| self.text[ps as usize..pe as usize] == *term;
            if let Some((ps, pe)) = previous.filter(|p| adjacent && !hashtag && !repeated(p))
                && self.terms.len() < MAX_TERMS_PER_POST
            {
                let pair_start = self.text.len();
                self.text.extend_from_within(ps as usize..pe as usize);
                self.text.push(' ');
                self.text.extend_from_within(start as usize..end as usize);
                let pair = &self.text[pair_start..];
                self.terms
                    .push((term_key(pair), pair_start as u32, self.text.len() as u32));
            }
            previous = (!hashtag).then_some((start, end));
        }
        self.terms.sort_unstable_by_key(|t| t.0);
        self.terms.dedup_by_key(|t| t.0);
    }

    /// Each term once: (key, text).
    pub fn iter(&self) -> impl Iterator<Item = (u64, &str)> + '_ {
        self.terms
            .iter()
            .map(|&(key, s, e)| (key, &self.text[s as usize..e as usize]))
    }

    /// How many terms the post has.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.terms.len()
    }
}

/// `word` lower-cased into `buf` (’ read as '), cut at [`MAX_TERM_BYTES`]; `None` when it is
/// not a term (one character, or no letter). A hashtag keeps its `#`.
fn lower<'b>(word: &str, buf: &'b mut String, hashtag: bool) -> Option<&'b str> {
    buf.clear();
    let mut letters = 0usize;
    let mut chars = 0usize;
    for c in word.chars() {
        if buf.len() + c.len_utf8() > MAX_TERM_BYTES {
            break;
        }
        chars += 1;
        if c.is_alphabetic() {
            letters += 1;
        }
        if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else if c == '’' {
            buf.push('\'');
        } else {
            buf.extend(c.to_lowercase());
        }
    }
    let min_chars = if hashtag { 3 } else { 2 };
    (letters > 0 && chars >= min_chars).then_some(buf.as_str())
}

/// What a term table counts per term: posts, and for the trend table the recent buckets too.
pub(crate) trait TermValue: Clone + Default {
    /// Posts using the term (the pruning order).
    fn posts(&self) -> u64;
    fn merge(&mut self, other: &Self);
}

impl TermValue for u64 {
    fn posts(&self) -> u64 {
        *self
    }
    fn merge(&mut self, other: &u64) {
        Count::add(self, other);
    }
}

/// A term's posts and its recent buckets (for emerging terms).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Trend {
    pub posts: u64,
    pub recent: Recent<u32>,
}

impl TermValue for Trend {
    fn posts(&self) -> u64 {
        self.posts
    }
    fn merge(&mut self, other: &Trend) {
        Count::add(&mut self.posts, &other.posts);
        self.recent.merge(&other.recent);
    }
}

/// One term of a table: its counts, and where its text is in the table's arena.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Slot<V> {
    pub value: V,
    text: (u32, u32),
}

/// Terms and their counts, at most `2 × cap` of them: past that the table keeps its `cap`
/// most used terms (ties broken by key, so the choice does not depend on arrival order) and
/// adds the largest count it dropped to `error`. A kept count is then a lower bound, at most
/// `error` below the truth (a term dropped and seen again lost at most what it had each time it
/// was dropped); while nothing has been dropped (`error == 0`) every count is exact, and
/// merging tables gives exactly the table of one pass over all posts.
///
/// A table made [`with_texts`](Self::with_texts) keeps each term's text in one arena string
/// (compacted when it prunes), so that a new term costs no allocation of its own; the phrase
/// tables keep keys only and take their texts from the report's term table when finished.
#[derive(Clone, Debug)]
pub(crate) struct TermTable<V> {
    entries: KeyMap<Slot<V>>,
    /// The texts of the terms, when kept.
    arena: Option<String>,
    cap: usize,
    pub error: u64,
}

impl<V: TermValue> TermTable<V> {
    /// A table of keys and counts.
    pub fn new(cap: usize) -> TermTable<V> {
        TermTable {
            entries: KeyMap::default(),
            arena: None,
            cap: cap.max(1),
            error: 0,
        }
    }

    /// A table that keeps the terms' texts too.
    pub fn with_texts(cap: usize) -> TermTable<V> {
        TermTable {
            arena: Some(String::new()),
            ..TermTable::new(cap)
        }
    }

    /// The entry of `key` (created with `term` if new), after pruning if the table is full.
    pub fn entry(&mut self, key: u64, term: &str) -> &mut V {
        if self.entries.len() >= 2 * self.cap && !self.entries.contains_key(&key) {
            self.prune();
        }
        let arena = &mut self.arena;
        &mut self
            .entries
            .entry(key)
            .or_insert_with(|| Slot {
                value: V::default(),
                text: push_text(arena, term),
            })
            .value
    }

    /// Adds `other`'s terms.
    pub fn merge(&mut self, other: &TermTable<V>) {
        self.error = self.error.saturating_add(other.error);
        for (key, slot) in &other.entries {
            match self.entries.get_mut(key) {
                Some(mine) => mine.value.merge(&slot.value),
                None => {
                    let text = push_text(&mut self.arena, other.text_of(slot));
                    self.entries.insert(
                        *key,
                        Slot {
                            value: slot.value.clone(),
                            text,
                        },
                    );
                }
            }
        }
        if self.entries.len() > 2 * self.cap {
            self.prune();
        }
    }

    /// Keeps the `cap` most used terms, in a new map (and arena): removing half of a hash
    /// map's entries in place leaves tombstones that every later miss must probe past.
    fn prune(&mut self) {
        if self.entries.len() <= self.cap {
            return;
        }
        // Most used first, then by key: a total order, whatever the arrival order.
        let rank = |posts: u64, key: u64| (std::cmp::Reverse(posts), key);
        let mut order: Vec<(std::cmp::Reverse<u64>, u64)> = self
            .entries
            .iter()
            .map(|(key, slot)| rank(slot.value.posts(), *key))
            .collect();
        let (_, first_dropped, dropped) = order.select_nth_unstable(self.cap);
        let first_dropped = *first_dropped;
        let dropped_max = dropped
            .iter()
            .map(|o| o.0.0)
            .max()
            .unwrap_or(0)
            .max(first_dropped.0.0);
        let mut kept = KeyMap::with_capacity_and_hasher(2 * self.cap + 1, Default::default());
        let old_arena = self.arena.as_mut().map(std::mem::take);
        for (key, mut slot) in self.entries.drain() {
            if rank(slot.value.posts(), key) < first_dropped {
                if let Some(old) = &old_arena {
                    let (s, e) = slot.text;
                    slot.text = push_text(&mut self.arena, &old[s as usize..e as usize]);
                }
                kept.insert(key, slot);
            }
        }
        self.entries = kept;
        self.error = self.error.saturating_add(dropped_max);
    }

    /// The most terms it keeps after a pruning (it holds up to twice as many).
    pub fn cap(&self) -> usize {
        self.cap
    }

    /// Sets the value of a term not yet held (its text is kept only when the table keeps
    /// texts); `false`, changing nothing, when the term is already held or the table holds
    /// `2 × cap` terms. Restores a table from its parts without pruning.
    pub fn restore(&mut self, key: u64, term: &str, value: V) -> bool {
        if self.entries.len() >= 2 * self.cap || self.entries.contains_key(&key) {
            return false;
        }
        let text = push_text(&mut self.arena, term);
        self.entries.insert(key, Slot { value, text });
        true
    }

    fn text_of(&self, slot: &Slot<V>) -> &str {
        let (s, e) = slot.text;
        self.arena
            .as_deref()
            .and_then(|a| a.get(s as usize..e as usize))
            .unwrap_or("")
    }

    /// The text of `key`, when the table keeps texts and has the term.
    pub fn text(&self, key: u64) -> Option<&str> {
        self.arena.as_ref()?;
        self.entries.get(&key).map(|slot| self.text_of(slot))
    }

    /// The posts counted for `key` (0 when absent).
    pub fn posts(&self, key: u64) -> u64 {
        self.entries.get(&key).map_or(0, |e| e.value.posts())
    }

    /// Each term: key, text ("" when the table keeps no texts) and value.
    pub fn iter(&self) -> impl Iterator<Item = (u64, &str, &V)> + '_ {
        self.entries
            .iter()
            .map(|(key, slot)| (*key, self.text_of(slot), &slot.value))
    }
}

/// Appends `term` to the arena (when there is one); its range there.
fn push_text(arena: &mut Option<String>, term: &str) -> (u32, u32) {
    match arena {
        Some(arena) => {
            let start = arena.len() as u32;
            arena.push_str(term);
            (start, arena.len() as u32)
        }
        None => (0, 0),
    }
}

impl TermTable<Trend> {
    /// Counts a post's terms at `buckets` (`None`: a post without a time, totals only).
    pub fn add_post(&mut self, terms: &PostTerms, buckets: Option<&[i64; PERIOD_UNITS]>) {
        for (key, term) in terms.iter() {
            let trend = self.entry(key, term);
            trend.posts += 1;
            if let Some(buckets) = buckets {
                trend.recent.add(buckets, &1);
            }
        }
    }
}

impl TermTable<u64> {
    /// Counts a post's terms.
    pub fn add_post(&mut self, terms: &PostTerms) {
        for (key, term) in terms.iter() {
            *self.entry(key, term) += 1;
        }
    }
}

/// `x ln x`, 0 at 0.
fn xlnx(x: f64) -> f64 {
    if x > 0.0 { x * x.ln() } else { 0.0 }
}

/// Dunning's log-likelihood ratio G² of a 2×2 table: `k1` of `n1` posts in one group use a
/// term, `k2` of `n2` in the other. G² = 2 Σ O ln(O/E) over the four cells; under the null
/// hypothesis (the same rate in both groups) it follows χ² with one degree of freedom.
/// Returns 0 for an empty or degenerate table.
pub fn log_likelihood_ratio(k1: u64, n1: u64, k2: u64, n2: u64) -> f64 {
    let (k1, n1, k2, n2) = (k1 as f64, n1 as f64, k2 as f64, n2 as f64);
    if n1 <= 0.0 || n2 <= 0.0 || k1 > n1 || k2 > n2 {
        return 0.0;
    }
    let n = n1 + n2;
    let k = k1 + k2;
    // 2 [Σ O ln O − Σ row ln row − Σ col ln col + N ln N], the usual entropy form.
    let cells = xlnx(k1) + xlnx(n1 - k1) + xlnx(k2) + xlnx(n2 - k2);
    let rows = xlnx(n1) + xlnx(n2);
    let cols = xlnx(k) + xlnx(n - k);
    (2.0 * (cells - rows - cols + xlnx(n))).max(0.0)
}

/// The upper tail of χ² with one degree of freedom at `g2`: `erfc(√(g2/2))`, the p-value of a
/// G² test. `erfc` is the Chebyshev fit of Numerical Recipes (`erfcc`), fractional error below
/// 1.2 × 10⁻⁷ everywhere.
pub fn chi2_1_upper_tail(g2: f64) -> f64 {
    // Also NaN: no evidence.
    if g2.is_nan() || g2 <= 0.0 {
        return 1.0;
    }
    let z = (g2 / 2.0).sqrt();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    (t * poly.exp()).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms_of(text: &str) -> Vec<String> {
        let mut terms = PostTerms::default();
        terms.read(text);
        let mut out: Vec<String> = terms.iter().map(|(_, t)| t.to_string()).collect();
        out.sort();
        out
    }

    #[test]
    fn terms_are_content_words_hashtags_and_adjacent_pairs() {
        let cases: &[(&str, &[&str])] = &[
            (
                "The battery life is AWFUL",
                &["awful", "battery", "battery life", "life"],
            ),
            // A stop word, punctuation or a mention breaks a pair.
            ("battery of phone", &["battery", "phone"]),
            ("battery, phone", &["battery", "phone"]),
            ("battery @acme phone", &["battery", "phone"]),
            // Hashtags are terms and pair with nothing; links and numbers are not terms.
            ("#LoginLoop again https://x.example 404", &["#loginloop"]),
            // Once per post; the curly apostrophe is read as the straight one.
            ("crash crash CRASH", &["crash"]),
            ("Tom’s diner", &["diner", "tom's", "tom's diner"]),
            // One letter, no letter: not terms.
            ("x 42 :) 🙂", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(terms_of(text), *want, "{text:?}");
        }
    }

    #[test]
    fn a_huge_post_gives_a_bounded_number_of_terms() {
        let text: String = (0..10_000).map(|i| format!("w{i}x ")).collect();
        let mut terms = PostTerms::default();
        terms.read(&text);
        assert!(terms.len() <= MAX_TERMS_PER_POST);
        let long_word = "a".repeat(10_000);
        terms.read(&long_word);
        assert!(terms.iter().all(|(_, t)| t.len() <= MAX_TERM_BYTES));
    }

    #[test]
    fn g2_matches_hand_computed_values() {
        // Equal rates: nothing.
        assert!(log_likelihood_ratio(10, 100, 20, 200) < 1e-9);
        // 2·Σ O ln(O/E) for [[30, 70], [10, 90]]: E = [[20, 80], [20, 80]].
        let want = 2.0
            * (30.0 * (30.0f64 / 20.0).ln()
                + 70.0 * (70.0f64 / 80.0).ln()
                + 10.0 * (10.0f64 / 20.0).ln()
                + 90.0 * (90.0f64 / 80.0).ln());
        assert!((log_likelihood_ratio(30, 100, 10, 100) - want).abs() < 1e-9);
        // Degenerate tables.
        assert_eq!(log_likelihood_ratio(0, 0, 5, 10), 0.0);
        assert_eq!(log_likelihood_ratio(11, 10, 5, 10), 0.0);
    }

    #[test]
    fn chi2_tail_matches_tables() {
        // χ²(1) critical values: 3.841 → 0.05, 6.635 → 0.01, 10.828 → 0.001.
        for (x, p) in [(3.841, 0.05), (6.635, 0.01), (10.828, 0.001), (0.0, 1.0)] {
            let got = chi2_1_upper_tail(x);
            assert!((got - p).abs() / p < 1e-3, "{x}: {got}");
        }
        assert!(chi2_1_upper_tail(2000.0) >= 0.0);
        assert_eq!(chi2_1_upper_tail(f64::NAN), 1.0);
    }

    #[test]
    fn tables_keep_the_most_used_terms_and_say_how_far_off_they_may_be() {
        let mut table = TermTable::<u64>::with_texts(2);
        for (term, n) in [("a", 9), ("b", 8), ("c", 3), ("d", 2), ("e", 1)] {
            for _ in 0..n {
                *table.entry(term_key(term), term) += 1;
            }
        }
        // "e" arrived with 4 terms held (2 × cap): the two least used were dropped.
        assert_eq!(table.posts(term_key("a")), 9);
        assert_eq!(table.posts(term_key("b")), 8);
        assert_eq!(table.posts(term_key("c")), 0);
        assert_eq!(table.error, 3);
        assert_eq!(table.posts(term_key("e")), 1);
        assert_eq!(table.text(term_key("b")), Some("b"));
        assert_eq!(table.text(term_key("c")), None);
    }
}
