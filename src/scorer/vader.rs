//! The VADER rules, ported from vaderSentiment 3.3.2
//! (`SentimentIntensityAnalyzer.polarity_scores`), quirks included.
//!
//! VADER's rules are defined over its own word view: the text (with each emoji replaced by its
//! description) split on whitespace, leading and trailing ASCII punctuation stripped from each
//! piece unless that leaves two characters or fewer. The tokenizer's coarse layer,
//! [`pieces`](crate::tokenizer::pieces), is exactly that split (a piece is a maximal run of
//! tokens with no whitespace between them), and reading it directly, rather than producing the
//! fine tokens first, keeps this preset several times faster than its peers.
//!
//! Each word is looked up once ([`TermTable`]) and reduced to a small record ([`VWord`]); the
//! rules then run over those records, looking back at most three words, so the cost is linear.
//!
//! Quirks of vaderSentiment 3.3.2 reproduced on purpose (the README lists them):
//! * lexicon terms with capitals (`:D`, `:P`) or spaces (`fed up`) never match;
//! * emoji are looked up one code point at a time, so ZWJ sequences, flags and skin tones become
//!   several descriptions, and a description glues onto the text right after the emoji
//!   (`😀great` → `grinning facegreat`);
//! * negation needs a straight apostrophe (`wasn't`, not `wasn’t`);
//! * ALL-CAPS emphasis only when the text mixes case; a caps word with valence 0 gets −0.733;
//! * the "but" rule finds each sentiment's position with `list.index`, i.e. the first equal
//!   value, so equal sentiments before "but" can be scaled twice and later ones not at all;
//! * `!` inside an emoji description (`🔛` "ON! arrow") counts as an exclamation mark.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use super::terms::{BOOSTER_BIGRAMS, C_INCR, Kw, N_SCALAR, SPECIAL_CASES, TermInfo, TermTable};
use super::{Rules, Sentiment};
use crate::read::KeyBytes;
use crate::tokenizer::pieces;
use crate::util::FastHash;
use crate::util::round_half_even;

/// Every rule this preset can note on a word.
pub(crate) const RULES: Rules = Rules::BOOSTER
    .union(Rules::DAMPENER)
    .union(Rules::CAPS)
    .union(Rules::NEGATION)
    .union(Rules::NO_AS_NEGATION)
    .union(Rules::NEVER_SO)
    .union(Rules::IDIOM)
    .union(Rules::LEAST)
    .union(Rules::BEFORE_BUT)
    .union(Rules::AFTER_BUT);

/// Above this many non-zero sentiments, the "but" rule switches from a scan to an ordered index
/// so that it stays O(n log n) on huge inputs; below it the scan allocates nothing.
const BUT_SCAN_LIMIT: usize = 64;

/// One of VADER's words, reduced to what the rules need.
#[derive(Clone, Copy, Debug)]
pub(crate) struct VWord {
    /// Byte span in the text (for an emoji description: the span of the emoji's piece).
    pub start: usize,
    pub end: usize,
    pub info: TermInfo,
    /// VADER's `negated([word])`: in the negation list, or contains `n't`.
    pub negated: bool,
    /// Python's `word.isupper()`.
    pub upper: bool,
}

/// Buffers reused from one text to the next.
#[derive(Clone, Debug, Default)]
pub(crate) struct VaderScratch {
    pub words: Vec<VWord>,
    pub sentiments: Vec<f64>,
    pub rules: Vec<Rules>,
    expanded: String,
    /// Per character of `expanded`, or per emoji description: where it starts in `expanded`,
    /// and the span of the source character it came from.
    segments: Vec<(usize, (usize, usize))>,
    lower: String,
    nonzero: Vec<usize>,
}

/// VADER's emoji lexicon, single code points only: the only entries `polarity_scores` can hit.
static EMOJI: LazyLock<HashMap<char, &'static str, FastHash>> = LazyLock::new(|| {
    crate::lexicon::vader_emoji()
        .filter_map(|(e, d)| {
            let mut chars = e.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some((c, d)),
                _ => None,
            }
        })
        .collect()
});

/// Scores `text` with VADER's rules.
pub(crate) fn score(
    text: &str,
    table: &TermTable,
    scratch: &mut VaderScratch,
    explain: bool,
) -> Sentiment {
    let extra_bangs = build_words(text, table, scratch);
    let words = &scratch.words;
    let n = words.len();
    let cap_diff = {
        let caps = words.iter().filter(|w| w.upper).count();
        caps > 0 && caps < n
    };
    let sentiments = &mut scratch.sentiments;
    let rules = &mut scratch.rules;
    // Every word starts at 0 (and no rule), which most words keep: only the words with a
    // valence are scored.
    sentiments.clear();
    sentiments.resize(n, 0.0);
    rules.clear();
    if explain {
        rules.resize(n, Rules::EMPTY);
    }
    for (i, w) in words.iter().enumerate() {
        if w.info.valence().is_none()
            // A booster or dampener carries no valence of its own.
            || w.info.booster().is_some()
            // "kind" in "kind of" is a dampener, not the lexicon's "kind" (+2.4).
            || (w.info.kw == Kw::Kind && words.get(i + 1).is_some_and(|n| n.info.kw == Kw::Of))
        {
            continue;
        }
        let mut applied = Rules::EMPTY;
        let v = sentiment_valence(words, i, cap_diff, &mut applied);
        if let Some(s) = sentiments.get_mut(i) {
            *s = v;
        }
        if let Some(r) = rules.get_mut(i) {
            *r = applied;
        }
    }
    if let Some(bi) = words.iter().position(|w| w.info.kw == Kw::But) {
        but_check(
            sentiments,
            bi,
            &mut scratch.nonzero,
            explain.then_some(&mut *rules),
        );
    }
    let (bangs, questions) = count_bangs_and_questions(text.as_bytes());
    score_valence(sentiments, extra_bangs + bangs, questions)
}

/// How many `!` and `?` bytes `text` holds. Counted in byte-sized tallies per block of 255
/// bytes, which the compiler turns into vector code: this pass over the whole text costs a
/// fraction of a cycle per byte.
fn count_bangs_and_questions(text: &[u8]) -> (usize, usize) {
    let (mut bangs, mut questions) = (0, 0);
    for block in text.chunks(255) {
        let (mut b, mut q) = (0u8, 0u8);
        for &c in block {
            b += (c == b'!') as u8;
            q += (c == b'?') as u8;
        }
        bangs += b as usize;
        questions += q as usize;
    }
    (bangs, questions)
}

/// Builds VADER's word list from the text's pieces; returns the number of `!` inside the emoji
/// descriptions that were substituted.
fn build_words(text: &str, table: &TermTable, scratch: &mut VaderScratch) -> usize {
    let VaderScratch {
        words,
        expanded,
        segments,
        lower,
        ..
    } = scratch;
    words.clear();
    let mut extra_bangs = 0;
    for piece in pieces(text) {
        let (start, raw) = (piece.start, piece.text);
        if raw.is_ascii() || !raw.chars().any(|c| EMOJI.contains_key(&c)) {
            push_word(raw, |lo, hi| (start + lo, start + hi), table, lower, words);
            continue;
        }
        // polarity_scores replaces each emoji code point by its description, with a space
        // before it (within a piece the previous character is never a space) and none after.
        // Each character of the expanded piece remembers the source character it came from, so
        // that a word's span is the text it was read from (an emoji's description words: the
        // emoji), never the whole piece.
        expanded.clear();
        segments.clear();
        for (offset, c) in raw.char_indices() {
            let source = (start + offset, start + offset + c.len_utf8());
            match EMOJI.get(&c) {
                Some(desc) => {
                    if !expanded.is_empty() {
                        expanded.push(' ');
                    }
                    segments.push((expanded.len(), source));
                    expanded.push_str(desc);
                    extra_bangs += desc.bytes().filter(|&b| b == b'!').count();
                }
                None => {
                    segments.push((expanded.len(), source));
                    expanded.push(c);
                }
            }
        }
        // The source character of expanded byte `at`.
        let source_of = |at: usize| segments[segments.partition_point(|s| s.0 <= at) - 1].1;
        let mut offset = 0;
        for part in expanded.split(' ') {
            let at = offset;
            offset += part.len() + 1;
            if !part.is_empty() {
                let span = |lo, hi| (source_of(at + lo).0, source_of(at + hi - 1).1);
                push_word(part, span, table, lower, words);
            }
        }
    }
    extra_bangs
}

/// Adds one whitespace-separated piece (of the text, or of an emoji expansion) as a VADER word;
/// `span` maps the byte range of the word's item (the piece stripped as VADER strips it) to its
/// span in the text.
fn push_word(
    raw: &str,
    span: impl Fn(usize, usize) -> (usize, usize),
    table: &TermTable,
    lower_buf: &mut String,
    words: &mut Vec<VWord>,
) {
    // SentiText._strip_punc_if_word: strip string.punctuation from both ends unless that
    // leaves two characters or fewer ("emoticons"). ASCII punctuation bytes never occur inside
    // a multi-byte UTF-8 character, so trimming bytes is trimming characters.
    let (item_lo, item_hi) = item_span(raw.as_bytes());
    let item = &raw[item_lo..item_hi];
    let (info, upper, negated) = match KeyBytes::of(item.as_bytes()) {
        // Most words: short ASCII without an apostrophe (so without "n't"), lower-cased and
        // looked up as the two words of their key.
        Some(b) if b.is_ascii() && !b.any_is(b'\'') => {
            let any_upper = b.any_in(b'A', b'Z');
            let upper = any_upper && !b.any_in(b'a', b'z');
            let lower = if any_upper { b.ascii_lowercase() } else { b };
            let info = table.get_key(lower.key());
            (info, upper, info.negation())
        }
        _ => {
            let (lower, upper, apostrophe) = lower_and_upper(item, lower_buf);
            let info = table.get(lower);
            let negated = info.negation() || (apostrophe && lower.contains("n't"));
            (info, upper, negated)
        }
    };
    let (s, e) = span(item_lo, item_hi);
    words.push(VWord {
        start: s,
        end: e,
        info,
        negated,
        upper,
    });
}

/// The byte range of the item VADER reads from a piece: the piece with leading and trailing
/// ASCII punctuation stripped, unless that leaves two characters or fewer.
#[inline(always)]
fn item_span(bytes: &[u8]) -> (usize, usize) {
    match (bytes.first(), bytes.last()) {
        // Most pieces: nothing to strip, the item is the piece.
        (Some(first), Some(last))
            if !first.is_ascii_punctuation() && !last.is_ascii_punctuation() =>
        {
            (0, bytes.len())
        }
        _ => stripped_span(bytes),
    }
}

/// [`item_span`] for a piece that begins or ends with punctuation.
#[inline(always)]
fn stripped_span(bytes: &[u8]) -> (usize, usize) {
    let lo = bytes
        .iter()
        .position(|b| !b.is_ascii_punctuation())
        .unwrap_or(bytes.len());
    let hi = bytes
        .iter()
        .rposition(|b| !b.is_ascii_punctuation())
        .map_or(lo, |i| i + 1);
    if char_len_at_most_2(&bytes[lo..hi]) {
        (0, bytes.len())
    } else {
        (lo, hi)
    }
}

/// Whether UTF-8 `bytes` hold at most two characters.
fn char_len_at_most_2(bytes: &[u8]) -> bool {
    // Three ASCII bytes first are three characters: most words stop there, uncounted.
    bytes.len() <= 2
        || (bytes.len() <= 8
            && !bytes[..3].is_ascii()
            && bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count() <= 2)
}

/// Python's `s.lower()` and `s.isupper()`, and whether `s` has an apostrophe. The lower-cased
/// text is `s` itself when nothing changes, else it is written to `buf`. (The ASCII path is
/// inlined into the word loop; the Unicode one, rare, is a call.)
#[inline(always)]
fn lower_and_upper<'a>(s: &'a str, buf: &'a mut String) -> (&'a str, bool, bool) {
    let (any_upper, any_lower, apostrophe, non_ascii) = byte_classes(s.as_bytes());
    if !non_ascii {
        if !any_upper {
            return (s, false, apostrophe);
        }
        buf.clear();
        buf.push_str(s);
        buf.make_ascii_lowercase();
        return (buf.as_str(), !any_lower, apostrophe);
    }
    lower_and_upper_unicode(s, buf)
}

/// [`lower_and_upper`] for text that is not all ASCII.
#[cold]
#[inline(never)]
fn lower_and_upper_unicode<'a>(s: &'a str, buf: &'a mut String) -> (&'a str, bool, bool) {
    let apostrophe = s.contains('\'');
    let mut cased = false;
    let mut has_lower_or_title = false;
    buf.clear();
    for (i, c) in s.char_indices() {
        if c.is_ascii() {
            has_lower_or_title |= c.is_ascii_lowercase();
            cased |= c.is_ascii_uppercase();
            buf.push(c.to_ascii_lowercase());
            continue;
        }
        let title = is_titlecase(c);
        let upper = !title && c.is_uppercase();
        if title || c.is_lowercase() {
            has_lower_or_title = true;
        } else if upper {
            cased = true;
        }
        if c == 'Σ' {
            // Python (like Unicode's Final_Sigma condition) lower-cases a capital sigma that
            // ends a word to 'ς'.
            buf.push(if is_final_sigma(s, i) { 'ς' } else { 'σ' });
        } else if upper || title {
            buf.extend(c.to_lowercase());
        } else {
            // Only capitals and titlecase letters change when lower-cased (tested on every
            // character): emoji, marks and small letters are copied without the case table.
            buf.push(c);
        }
    }
    (buf.as_str(), cased && !has_lower_or_title, apostrophe)
}

/// Whether `bytes` hold an ASCII capital, an ASCII small letter, an apostrophe, a non-ASCII
/// byte. Words of up to 16 bytes (nearly all) are read as two 64-bit words and tested a whole
/// word at a time, without a loop whose end the CPU must guess.
#[inline]
fn byte_classes(bytes: &[u8]) -> (bool, bool, bool, bool) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let n = bytes.len();
    if n > 16 || n == 0 {
        let (mut upper, mut lower, mut apostrophe, mut high) = (false, false, false, 0u8);
        for &b in bytes {
            upper |= b.is_ascii_uppercase();
            lower |= b.is_ascii_lowercase();
            apostrophe |= b == b'\'';
            high |= b;
        }
        return (upper, lower, apostrophe, high >= 0x80);
    }
    // Every byte lands in at least one of the two words (some in both, which "any" tests do
    // not mind): overlapping reads from both ends.
    let u64_at = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or_default());
    let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().unwrap_or_default());
    let [x, y] = if n >= 8 {
        [u64_at(0), u64_at(n - 8)]
    } else if n >= 4 {
        let w = u32_at(0) as u64 | (u32_at(n - 4) as u64) << 32;
        [w, w]
    } else {
        let w = (bytes[0] as u64) | (bytes[n / 2] as u64) << 8 | (bytes[n - 1] as u64) << 16;
        let w = w | w << 24 | (bytes[0] as u64) << 48 | (bytes[0] as u64) << 56;
        [w, w]
    };
    if (x | y) & HIGH != 0 {
        // Non-ASCII: the caller takes the Unicode path, which does not use the other answers.
        return (false, false, false, true);
    }
    // With every byte below 0x80, adding 0x80 - lo sets a byte's top bit exactly when the
    // byte is at least lo, and no carry crosses into the next byte.
    let in_range = |w: u64, lo: u8, hi: u8| {
        (w.wrapping_add(ONES * (0x80 - lo as u64)) & !w.wrapping_add(ONES * (0x80 - hi as u64 - 1)))
            & HIGH
            != 0
    };
    let has_byte = |w: u64, b: u8| {
        let v = w ^ (ONES * b as u64);
        v.wrapping_sub(ONES) & !v & HIGH != 0
    };
    (
        in_range(x, b'A', b'Z') || in_range(y, b'A', b'Z'),
        in_range(x, b'a', b'z') || in_range(y, b'a', b'z'),
        has_byte(x, b'\'') || has_byte(y, b'\''),
        false,
    )
}

/// Unicode's Final_Sigma: a cased letter before (skipping case-ignorable characters) and none
/// after.
fn is_final_sigma(s: &str, at: usize) -> bool {
    let cased = |c: char| c.is_lowercase() || c.is_uppercase() || is_titlecase(c);
    let ignorable = |c: char| {
        matches!(c, '\'' | '.' | ':' | '’' | '·' | '\u{AD}')
            || matches!(
                crate::tokenizer::char_class(c),
                crate::tokenizer::CharClass::Mark | crate::tokenizer::CharClass::Format
            )
    };
    let before = s[..at]
        .chars()
        .rev()
        .find(|&c| !ignorable(c))
        .is_some_and(cased);
    let after = s[at + 'Σ'.len_utf8()..]
        .chars()
        .find(|&c| !ignorable(c))
        .is_some_and(cased);
    before && !after
}

/// The titlecase letters (general category Lt), which make Python's `isupper()` false.
fn is_titlecase(c: char) -> bool {
    matches!(c, '\u{1C5}' | '\u{1C8}' | '\u{1CB}' | '\u{1F2}' | '\u{1F88}'..='\u{1F8F}'
        | '\u{1F98}'..='\u{1F9F}' | '\u{1FA8}'..='\u{1FAF}' | '\u{1FBC}' | '\u{1FCC}' | '\u{1FFC}')
}

/// `sentiment_valence` for a word that is not a booster: its lexicon valence modified by "no",
/// caps, up to three preceding boosters and negations, idioms and "least".
fn sentiment_valence(words: &[VWord], i: usize, cap_diff: bool, applied: &mut Rules) -> f64 {
    let w = &words[i];
    let Some(lex) = w.info.valence() else {
        return 0.0;
    };
    let n = words.len();
    let kw = |j: usize| words[j].info.kw;
    let mut v = lex;
    // "no" before a lexicon word is a negation, not the lexicon's "no" (−1.2).
    if w.info.kw == Kw::No && i != n - 1 && words[i + 1].info.valence().is_some() {
        v = 0.0;
        *applied |= Rules::NO_AS_NEGATION;
    }
    if (i > 0 && kw(i - 1) == Kw::No)
        || (i > 1 && kw(i - 2) == Kw::No)
        || (i > 2 && kw(i - 3) == Kw::No && matches!(kw(i - 1), Kw::Or | Kw::Nor))
    {
        v = lex * N_SCALAR;
        *applied |= Rules::NEGATION;
    }
    if w.upper && cap_diff {
        v += if v > 0.0 { C_INCR } else { -C_INCR };
        *applied |= Rules::CAPS;
    }
    for start_i in 0..3 {
        if i <= start_i || words[i - (start_i + 1)].info.valence().is_some() {
            continue;
        }
        let mut s = scalar_inc_dec(&words[i - (start_i + 1)], v, cap_diff);
        if s != 0.0 {
            // A modifier further away counts for less.
            s *= [1.0, 0.95, 0.9][start_i];
            *applied |= if words[i - (start_i + 1)].info.booster().unwrap_or(0.0) > 0.0 {
                Rules::BOOSTER
            } else {
                Rules::DAMPENER
            };
        }
        v += s;
        v = negation_check(v, words, start_i, i, applied);
        if start_i == 2 {
            v = special_idioms_check(v, words, i, applied);
        }
    }
    least_check(v, words, i, applied)
}

/// `scalar_inc_dec`: the increment a preceding booster or dampener adds.
fn scalar_inc_dec(word: &VWord, valence: f64, cap_diff: bool) -> f64 {
    let Some(b) = word.info.booster() else {
        return 0.0;
    };
    let mut scalar = if valence < 0.0 { -b } else { b };
    if word.upper && cap_diff {
        scalar += if valence > 0.0 { C_INCR } else { -C_INCR };
    }
    scalar
}

/// `_negation_check`, for the word `start_i + 1` places before word `i`.
fn negation_check(v: f64, words: &[VWord], start_i: usize, i: usize, applied: &mut Rules) -> f64 {
    let kw = |j: usize| words[j].info.kw;
    let so_or_this = |j: usize| matches!(kw(j), Kw::So | Kw::This);
    let negate = |applied: &mut Rules| {
        *applied |= Rules::NEGATION;
        v * N_SCALAR
    };
    match start_i {
        0 if words[i - 1].negated => negate(applied),
        1 if kw(i - 2) == Kw::Never && so_or_this(i - 1) => {
            *applied |= Rules::NEVER_SO;
            v * 1.25
        }
        1 if kw(i - 2) == Kw::Without && kw(i - 1) == Kw::Doubt => v,
        1 if words[i - 2].negated => negate(applied),
        // Quirk kept: Python's `a and b or c` makes "so"/"this" right before the word enough.
        2 if (kw(i - 3) == Kw::Never && so_or_this(i - 2)) || so_or_this(i - 1) => {
            *applied |= Rules::NEVER_SO;
            v * 1.25
        }
        2 if kw(i - 3) == Kw::Without && (kw(i - 2) == Kw::Doubt || kw(i - 1) == Kw::Doubt) => v,
        2 if words[i - 3].negated => negate(applied),
        _ => v,
    }
}

/// `_special_idioms_check` (called with `i >= 3`): idioms replace the valence; "kind of",
/// "sort of", "just enough" right before the word dampen it.
fn special_idioms_check(mut v: f64, words: &[VWord], i: usize, applied: &mut Rules) -> f64 {
    let n = words.len();
    let kw = |j: usize| words[j].info.kw;
    let special = |seq: &[usize]| {
        SPECIAL_CASES
            .iter()
            .find(|(kws, _)| {
                kws.len() == seq.len()
                    && kws
                        .iter()
                        .zip(seq)
                        .all(|(k, &j)| kw(j) == *k && *k != Kw::None)
            })
            .map(|&(_, value)| value)
    };
    // onezero, twoonezero, twoone, threetwoone, threetwo: the first that is an idiom wins.
    let before: [&[usize]; 5] = [
        &[i - 1, i],
        &[i - 2, i - 1, i],
        &[i - 2, i - 1],
        &[i - 3, i - 2, i - 1],
        &[i - 3, i - 2],
    ];
    if let Some(value) = before.iter().find_map(|seq| special(seq)) {
        v = value;
        *applied |= Rules::IDIOM;
    }
    if n - 1 > i
        && let Some(value) = special(&[i, i + 1])
    {
        v = value;
        *applied |= Rules::IDIOM;
    }
    if n - 1 > i + 1
        && let Some(value) = special(&[i, i + 1, i + 2])
    {
        v = value;
        *applied |= Rules::IDIOM;
    }
    // threetwoone can never be a two-word booster; threetwo and twoone can.
    for (a, b) in [(i - 3, i - 2), (i - 2, i - 1)] {
        if let Some(&(_, inc)) = BOOSTER_BIGRAMS
            .iter()
            .find(|(kws, _)| kws[0] == kw(a) && kws[1] == kw(b))
        {
            v += inc;
            *applied |= Rules::DAMPENER;
        }
    }
    v
}

/// `_least_check`: "least" before a word negates it, except in "at least" and "very least".
fn least_check(v: f64, words: &[VWord], i: usize, applied: &mut Rules) -> f64 {
    let is_least = |j: usize| words[j].info.valence().is_none() && words[j].info.kw == Kw::Least;
    if i > 1 && is_least(i - 1) {
        if !matches!(words[i - 2].info.kw, Kw::At | Kw::Very) {
            *applied |= Rules::LEAST;
            return v * N_SCALAR;
        }
    } else if i > 0 && is_least(i - 1) {
        *applied |= Rules::LEAST;
        return v * N_SCALAR;
    }
    v
}

/// `_but_check`: sentiments before the first "but" are halved, after it multiplied by 1.5 —
/// as Python does it, by looking each value up with `list.index` (the first equal value).
fn but_check(
    s: &mut [f64],
    bi: usize,
    nonzero: &mut Vec<usize>,
    mut rules: Option<&mut Vec<Rules>>,
) {
    let mark = |j: usize, rules: &mut Option<&mut Vec<Rules>>| {
        if let Some(r) = rules.as_deref_mut() {
            r[j] |= if j < bi {
                Rules::BEFORE_BUT
            } else {
                Rules::AFTER_BUT
            };
        }
    };
    let factor = |j: usize| if j < bi { 0.5 } else { 1.5 };
    // Zeros stay zero whatever is multiplied, so only non-zero positions matter.
    nonzero.clear();
    nonzero.extend((0..s.len()).filter(|&j| s[j] != 0.0));
    if nonzero.len() <= BUT_SCAN_LIMIT {
        for (rank, &k) in nonzero.iter().enumerate() {
            let v = s[k];
            // The first position holding v; position k itself holds it at the latest.
            let si = nonzero[..=rank]
                .iter()
                .copied()
                .find(|&j| s[j] == v)
                .unwrap_or(k);
            if si != bi {
                s[si] = v * factor(si);
                mark(si, &mut rules);
            }
        }
        return;
    }
    // Same computation with an ordered index from value to the positions holding it.
    let mut holders: HashMap<u64, BTreeSet<usize>, FastHash> = HashMap::default();
    for &k in nonzero.iter() {
        let v = s[k];
        holders.entry(v.to_bits()).or_default().insert(k);
        let si = holders
            .get(&v.to_bits())
            .and_then(|set| set.first().copied())
            .unwrap_or(k);
        if si != bi {
            let new = v * factor(si);
            if let Some(set) = holders.get_mut(&v.to_bits()) {
                set.remove(&si);
            }
            s[si] = new;
            if new != 0.0 {
                holders.entry(new.to_bits()).or_default().insert(si);
            }
            mark(si, &mut rules);
        }
    }
}

/// `score_valence`: sum, punctuation emphasis, normalisation and the three proportions, rounded
/// as vaderSentiment rounds them (compound to 4 decimals, proportions to 3).
fn score_valence(sentiments: &[f64], bangs: usize, questions: usize) -> Sentiment {
    if sentiments.is_empty() {
        return Sentiment::ZERO;
    }
    // One pass: the sum (from −0.0, as `Iterator::sum` starts) and the three tallies.
    let (mut sum, mut pos, mut neg, mut neu) = (-0.0f64, 0.0f64, 0.0f64, 0usize);
    for &s in sentiments {
        sum += s;
        if s > 0.0 {
            pos += s + 1.0;
        } else if s < 0.0 {
            neg += s - 1.0;
        } else if s == 0.0 {
            neu += 1;
        }
    }
    let emphasis = punctuation_emphasis(bangs, questions);
    if sum > 0.0 {
        sum += emphasis;
    } else if sum < 0.0 {
        sum -= emphasis;
    }
    let compound = normalize(sum);
    if pos > neg.abs() {
        pos += emphasis;
    } else if pos < neg.abs() {
        neg -= emphasis;
    }
    let total = pos + neg.abs() + neu as f64;
    Sentiment::new(
        round_half_even(compound, 4),
        round_half_even((pos / total).abs(), 3),
        round_half_even((neg / total).abs(), 3),
        round_half_even((neu as f64 / total).abs(), 3),
    )
}

/// `_amplify_ep` + `_amplify_qm`.
pub(crate) fn punctuation_emphasis(bangs: usize, questions: usize) -> f64 {
    let ep = bangs.min(4) as f64 * 0.292;
    let qm = match questions {
        0 | 1 => 0.0,
        2 | 3 => questions as f64 * 0.18,
        _ => 0.96,
    };
    ep + qm
}

/// `normalize(score, alpha=15)`.
pub(crate) fn normalize(score: f64) -> f64 {
    (score / (score * score + 15.0).sqrt()).clamp(-1.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-at-a-time byte tests agree with a byte-by-byte loop, for every length up to
    /// and past 16 and for the bytes on both sides of each range (`@` and `[` around the
    /// capitals, `` ` `` and `{` around the small letters, `&` and `(` around the apostrophe).
    #[test]
    fn byte_classes_agree_with_a_plain_loop() {
        let alphabet: [&[u8]; 16] = [
            b"A",
            b"Z",
            b"M",
            b"a",
            b"z",
            b"m",
            b"@",
            b"[",
            b"`",
            b"{",
            b"'",
            b"&",
            b"(",
            b"0",
            b"\x7F",
            "é".as_bytes(),
        ];
        let mut state = 0x000B_17E5_u64;
        for _ in 0..100_000 {
            state = crate::util::xorshift64(state);
            let mut word = Vec::new();
            let mut r = state;
            for _ in 0..(state % 21) {
                word.extend_from_slice(alphabet[(r % 16) as usize]);
                r /= 16;
                if r == 0 {
                    r = state.rotate_left(17);
                }
            }
            let plain = (
                word.iter().any(u8::is_ascii_uppercase),
                word.iter().any(u8::is_ascii_lowercase),
                word.contains(&b'\''),
                !word.is_ascii(),
            );
            let fast = byte_classes(&word);
            if plain.3 {
                assert!(fast.3, "{word:?}");
            } else {
                assert_eq!(fast, plain, "{:?}", String::from_utf8_lossy(&word));
            }
        }
    }

    /// The shortcut of [`lower_and_upper_unicode`]: a character that is neither a capital
    /// nor a titlecase letter lower-cases to itself, for every character.
    #[test]
    fn only_capitals_and_titlecase_letters_change_when_lower_cased() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if !c.is_uppercase() && !is_titlecase(c) {
                let mut lower = c.to_lowercase();
                assert_eq!((lower.next(), lower.next()), (Some(c), None), "{c:?}");
            }
        }
    }

    /// [`lower_and_upper`] is Python's `lower()` and `isupper()` on rows of mixed text:
    /// ASCII, accented capitals and small letters, titlecase, sigma at the end and inside,
    /// emoji, and the near misses of each.
    #[test]
    fn lower_and_upper_on_mixed_words() {
        let rows = [
            ("Müller", "müller", false, false),
            ("MÜLLER", "müller", true, false),
            ("café", "café", false, false),
            ("CAFÉ", "café", true, false),
            ("ÉTÉ!", "été!", true, false),
            ("\u{1C5}A", "\u{1C6}a", false, false),
            ("ΟΔΟΣ", "οδο\u{3C2}", true, false),
            ("ΣΑ", "σα", true, false),
            ("😀A", "😀a", true, false),
            ("😀", "😀", false, false),
            ("isn\u{2019}t", "isn\u{2019}t", false, false),
            ("ISN'T…", "isn't…", true, true),
            ("Ⅻ", "ⅻ", true, false),
            ("ß", "ß", false, false),
            ("İ", "i\u{307}", true, false),
        ];
        let mut buf = String::new();
        for (word, lower, upper, apostrophe) in rows {
            let got = lower_and_upper(word, &mut buf);
            assert_eq!(got, (lower, upper, apostrophe), "{word:?}");
        }
    }

    /// The item of a piece is `_strip_punc_if_word`'s: Python's `strip(string.punctuation)`,
    /// unless that leaves two characters or fewer. Checked on rows (nothing to strip, both
    /// ends, two characters left, three left, all punctuation, non-ASCII) and on generated
    /// pieces.
    #[test]
    fn the_item_is_the_piece_stripped_unless_two_characters_are_left() {
        fn python(piece: &str) -> &str {
            let stripped = piece.trim_matches(|c: char| c.is_ascii_punctuation());
            if stripped.chars().count() <= 2 {
                piece
            } else {
                stripped
            }
        }
        fn item(piece: &str) -> &str {
            let (lo, hi) = item_span(piece.as_bytes());
            &piece[lo..hi]
        }
        let rows = [
            ("good", "good"),
            ("good!!", "good"),
            ("(good)", "good"),
            ("ok!", "ok!"),
            ("ok!!!", "ok!!!"),
            ("yes.", "yes"),
            (":)", ":)"),
            (":-)", ":-)"),
            ("!!!", "!!!"),
            ("é!", "é!"),
            ("éé!", "éé!"),
            ("ééé!", "ééé"),
            ("\"café\"", "café"),
            ("a.b", "a.b"),
            ("...a.b...", "a.b"),
        ];
        for (piece, want) in rows {
            assert_eq!(item(piece), want, "{piece:?}");
            assert_eq!(python(piece), want, "{piece:?}");
        }
        let alphabet = ["a", "B", "!", ".", "(", "'", "é", "😀", "-", "9"];
        let mut state = 0x5712_1BE5_u64;
        for _ in 0..100_000 {
            state = crate::util::xorshift64(state);
            let mut r = state;
            let piece: String = (0..1 + state % 7)
                .map(|_| {
                    let part = alphabet[(r % alphabet.len() as u64) as usize];
                    r /= alphabet.len() as u64;
                    part
                })
                .collect();
            assert_eq!(item(&piece), python(&piece), "{piece:?}");
        }
    }

    #[test]
    fn bangs_and_questions_are_counted_across_blocks() {
        let text = "!?".repeat(300) + "x!";
        assert_eq!(count_bangs_and_questions(text.as_bytes()), (301, 300));
        assert_eq!(count_bangs_and_questions(b""), (0, 0));
    }

    /// Python's `_but_check`, transcribed literally (quadratic): the oracle for [`but_check`].
    fn python_but_check(s: &mut [f64], bi: usize) {
        for k in 0..s.len() {
            let v = s[k];
            let si = s.iter().position(|&x| x == v).unwrap();
            if si < bi {
                s[si] = v * 0.5;
            } else if si > bi {
                s[si] = v * 1.5;
            }
        }
    }

    #[test]
    fn but_check_matches_python_on_both_paths() {
        // Few distinct values, so equal values (the quirk) are common; lengths on both sides of
        // BUT_SCAN_LIMIT so both the scan and the ordered index are checked.
        let values = [
            0.0, 0.0, 1.0, 2.0, 0.5, 1.5, 3.0, -1.0, -0.5, -1.5, 0.75, 2.25,
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| {
            state = crate::util::xorshift64(state);
            (state % n as u64) as usize
        };
        let mut nonzero = Vec::new();
        for case in 0..3000 {
            let len = 1 + next(if case % 3 == 0 { 300 } else { 40 });
            let mut s: Vec<f64> = (0..len).map(|_| values[next(values.len())]).collect();
            let bi = next(len);
            let mut want = s.clone();
            python_but_check(&mut want, bi);
            but_check(&mut s, bi, &mut nonzero, None);
            assert_eq!(s, want, "case {case}, but at {bi}");
        }
    }

    #[test]
    fn normalize_is_bounded() {
        assert_eq!(normalize(0.0), 0.0);
        assert!((normalize(1.9) - 0.4404).abs() < 1e-4);
        assert!(normalize(1e300) <= 1.0 && normalize(-1e300) >= -1.0);
    }
}
