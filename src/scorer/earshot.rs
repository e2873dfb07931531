//! earshot's default rules: VADER's approach — a lexicon plus rules, explainable word by word —
//! over the tokenizer's fine tokens, with the fixes customer and social text needs:
//!
//! * tokens VADER misreads are skipped or read properly: @mentions and URLs carry no sentiment
//!   (VADER scores "@united" as "united", +1.8); hashtags are split (`#NotHappy` → not happy);
//!   emoji have direct valences; both apostrophes negate (`wasn’t`); elongated words are looked
//!   up without the elongation (`goooood` → good) and count as emphasis;
//! * multi-word expressions from the domain lexicon ("on hold", "works like a charm") replace
//!   the valences of their words;
//! * negation reaches to the end of its clause (up to [`NEGATION_SCOPE`] words), not three words;
//! * contrast ("but", "however", "although", "though", "except") is applied per sentence, and a
//!   contrast with a positive first half and no sentiment words after it reads as a complaint;
//! * sarcasm markers: a sentence-final "not" ("funny... not"), "yeah right", and a lone positive
//!   word ("Lovely.") in an otherwise negative text;
//! * polysemous words: "like" counts only as a verb, "pretty"/"super" before a sentiment word
//!   are boosters, "well" opening a clause is a discourse marker;
//! * long texts are scored sentence by sentence and the sentences averaged, where VADER's single
//!   sum saturates;
//! * weak evidence stays inside the neutral band (see [`calibrate`]).

use std::collections::HashMap;

use super::terms::{Kw, TermInfo, TermTable};
use super::vader::normalize;
use super::{Rules, Sentiment, TokenRec};
use crate::lexicon::{FastHash, Lexicon};
use crate::tokenizer::{Flags, TokenKind};

/// VADER's scalars, kept: booster step, caps emphasis, negation factor.
const C_INCR: f64 = 0.733;
const N_SCALAR: f64 = -0.74;
/// Elongation ("goooood") emphasises like a booster.
const ELONGATION_INCR: f64 = 0.293;
/// How many words after a negation it can reach, within its clause and before a subordinate
/// clause starts: further for positive words ("I don't think this is good") than for negative
/// ones, where a distant "not" rarely means the writer approves ("not even mentioning how rude").
pub(crate) const NEGATION_SCOPE: usize = 5;
const NEGATION_SCOPE_NEGATIVE: usize = 2;
/// Positive words in a question count this much.
const QUESTION_POSITIVE: f64 = 0.3;
/// A text with a URL has its compound scaled by this much.
const URL_DAMPING: f64 = 0.5;
/// A text without any sign of its writer (see [`subjective`]) has its compound scaled by this.
const OBJECTIVE_DAMPING: f64 = 0.5;
/// The valence of a negation that negates no sentiment word.
const NEGATION_LEAN: f64 = -0.3;
/// Contrast weights: before and after "but" (VADER's values).
const BEFORE_CONTRAST: f64 = 0.5;
const AFTER_CONTRAST: f64 = 1.5;
/// |compound| below these is weak evidence, mapped inside the neutral band (sign kept):
/// positive evidence needs more than negative, because praise words are far more often used
/// loosely ("like", "love to know") than blame words.
const NEUTRAL_THRESHOLD_POSITIVE: f64 = 0.1;
const NEUTRAL_THRESHOLD_NEGATIVE: f64 = 0.03;
/// Lexicon phrases are at most this many words long (longer ones are never matched).
pub(crate) const MAX_PHRASE: usize = 6;

/// Which part of a token a unit came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Word,
    Number,
    Emoji,
    Emoticon,
    /// A word of a split hashtag.
    Hashtag,
}

/// One scorable unit: a word, number, emoji, emoticon or hashtag part.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Unit {
    pub start: usize,
    pub end: usize,
    /// The lower-cased text, as a range of the scratch buffer.
    lo: u32,
    hi: u32,
    pub kind: UnitKind,
    pub info: TermInfo,
    /// The valence this unit starts from (lexicon, or a phrase's on its first word).
    pub base: f64,
    caps: bool,
    elongated: bool,
    negator: bool,
    /// Part of a phrase whose valence sits on its first word.
    in_phrase: bool,
    /// The first word of a matched phrase: its valence is the phrase's, whatever the word is.
    phrase_start: bool,
    clause: u32,
    sentence: u32,
}

#[derive(Clone, Copy, Debug, Default)]
struct Sentence {
    first: usize,
    end: usize,
    bangs: u32,
    questions: u32,
}

/// Buffers reused from one text to the next.
#[derive(Clone, Debug, Default)]
pub(crate) struct EarshotScratch {
    pub units: Vec<Unit>,
    pub sentiments: Vec<f64>,
    pub rules: Vec<Rules>,
    lower: String,
    sentences: Vec<Sentence>,
    /// Per unit: a negation that negated something.
    used: Vec<bool>,
    /// The text links out (a URL): it is more often sharing news than judging.
    has_url: bool,
}

/// A multi-word term without its first word: the other words, and the term's valence.
type PhraseTail = (Vec<Box<str>>, f64);

/// The default preset's tables.
#[derive(Clone, Debug)]
pub(crate) struct Tables {
    pub table: TermTable,
    /// Multi-word lexicon terms, by first word: (the other words, valence), longest first.
    pub phrases: HashMap<Box<str>, Vec<PhraseTail>, FastHash>,
}

impl Tables {
    /// The tables for `table` (single words) and the multi-word terms of `lexicon`.
    pub(crate) fn new(table: TermTable, lexicon: &Lexicon) -> Tables {
        let mut phrases: HashMap<Box<str>, Vec<PhraseTail>, FastHash> = HashMap::default();
        for (term, v) in lexicon.iter_unordered() {
            let words: Vec<&str> = term.split(' ').collect();
            if words.len() < 2 || words.len() > MAX_PHRASE {
                continue;
            }
            phrases
                .entry(words[0].into())
                .or_default()
                .push((words[1..].iter().map(|w| (*w).into()).collect(), v));
        }
        for candidates in phrases.values_mut() {
            // Longest first; ties in a fixed order so matching never depends on hash order.
            candidates.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        Tables { table, phrases }
    }
}

/// Scores `text`, whose tokens are `tokens`.
pub(crate) fn score(
    text: &str,
    tokens: &[TokenRec],
    tables: &Tables,
    scratch: &mut EarshotScratch,
    explain: bool,
) -> Sentiment {
    build_units(text, tokens, tables, scratch);
    match_phrases(tables, scratch);
    let EarshotScratch {
        units,
        sentiments,
        rules,
        lower,
        sentences,
        used,
        has_url,
    } = scratch;
    let lower = lower.as_str();
    sentiments.clear();
    rules.clear();
    let has_lower = text.bytes().any(|b| b.is_ascii_lowercase());
    used.clear();
    used.resize(units.len(), false);
    for i in 0..units.len() {
        let mut applied = Rules::EMPTY;
        let mut negated_by = None;
        let v = valence(units, lower, i, has_lower, &mut applied, &mut negated_by);
        if let Some(j) = negated_by {
            used[j] = true;
        }
        sentiments.push(v);
        rules.push(applied);
    }
    // A negation with nothing to negate still says something is missing or wrong ("my order
    // still hasn't arrived", "the app doesn't open"): it leans the text negative.
    let lean = param("LEAN", NEGATION_LEAN);
    for j in 0..units.len() {
        if units[j].negator && !used[j] && sentiments[j] == 0.0 && !units[j].in_phrase {
            sentiments[j] = lean;
            rules[j] |= Rules::NEGATED_STATEMENT;
        }
    }
    for s in sentences.iter() {
        contrast(units, sentiments, rules, s.first, s.end);
    }
    sarcasm(units, lower, sentiments, rules, sentences);
    // Questions are rarely praise ("Can you help me?", "Is it good?"): their positive words
    // count less.
    let q = param("QPOS", QUESTION_POSITIVE);
    for s in sentences.iter().filter(|s| s.questions > 0) {
        for j in s.first..s.end {
            if sentiments[j] > 0.0 {
                sentiments[j] *= q;
            }
        }
    }
    if !explain {
        rules.clear();
    }
    let mut damp = if *has_url {
        param("URLD", URL_DAMPING)
    } else {
        1.0
    };
    if !subjective(units, lower, sentences) {
        damp *= param("OBJ", OBJECTIVE_DAMPING);
    }
    aggregate(sentiments, sentences, damp)
}

fn text_of<'a>(lower: &'a str, u: &Unit) -> &'a str {
    &lower[u.lo as usize..u.hi as usize]
}

/// Turns tokens into units, and punctuation into clause and sentence boundaries.
fn build_units(text: &str, tokens: &[TokenRec], tables: &Tables, scratch: &mut EarshotScratch) {
    let EarshotScratch {
        units,
        lower,
        sentences,
        has_url,
        ..
    } = scratch;
    units.clear();
    lower.clear();
    sentences.clear();
    *has_url = false;
    let mut clause = 0u32;
    let mut sentence = Sentence::default();
    for t in tokens {
        let raw = &text[t.start..t.end];
        match t.kind {
            TokenKind::Word | TokenKind::Number => {
                let kind = if t.kind == TokenKind::Word {
                    UnitKind::Word
                } else {
                    UnitKind::Number
                };
                push_unit(
                    units,
                    lower,
                    tables,
                    raw,
                    t.start,
                    t.end,
                    kind,
                    t.flags,
                    clause,
                    sentences.len(),
                );
            }
            TokenKind::Emoji => {
                push_emoji(units, lower, tables, raw, t.start, clause, sentences.len())
            }
            TokenKind::Emoticon => push_unit(
                units,
                lower,
                tables,
                raw,
                t.start,
                t.end,
                UnitKind::Emoticon,
                Flags::EMPTY,
                clause,
                sentences.len(),
            ),
            TokenKind::Hashtag => {
                let body = &raw[1..];
                if let Some((left, right)) = split_compound(body, tables) {
                    // "#nothappy", "#usairsucks": a known word at the end, maybe a negation before.
                    for (off, part) in [(0, left), (left.len(), right)] {
                        let s = t.start + 1 + off;
                        push_unit(
                            units,
                            lower,
                            tables,
                            part,
                            s,
                            s + part.len(),
                            UnitKind::Hashtag,
                            Flags::EMPTY,
                            clause,
                            sentences.len(),
                        );
                    }
                    continue;
                }
                for (off, part) in hashtag_words(body) {
                    let s = t.start + 1 + off;
                    let flags = if part.len() > 1 && part.bytes().all(|b| b.is_ascii_uppercase()) {
                        Flags::CAPS
                    } else {
                        Flags::EMPTY
                    };
                    push_unit(
                        units,
                        lower,
                        tables,
                        part,
                        s,
                        s + part.len(),
                        UnitKind::Hashtag,
                        flags,
                        clause,
                        sentences.len(),
                    );
                }
            }
            TokenKind::Punct => {
                let (mut ends_sentence, mut ends_clause) = (false, false);
                for c in raw.chars() {
                    match c {
                        '!' => {
                            sentence.bangs += 1;
                            ends_sentence = true;
                        }
                        '?' => {
                            sentence.questions += 1;
                            ends_sentence = true;
                        }
                        '.' | '…' | '。' => ends_sentence = true,
                        ',' | ';' | ':' | '(' | ')' | '[' | ']' | '-' | '–' | '—' | '"' | '“'
                        | '”' => ends_clause = true,
                        _ => {}
                    }
                }
                if ends_sentence || ends_clause {
                    clause += 1;
                }
                if ends_sentence && units.len() > sentence.first {
                    sentence.end = units.len();
                    sentences.push(sentence);
                    sentence = Sentence {
                        first: units.len(),
                        ..Sentence::default()
                    };
                }
            }
            TokenKind::Url => *has_url = true,
            // Mentions, e-mail addresses and symbols say nothing about sentiment.
            TokenKind::Mention | TokenKind::Email | TokenKind::Symbol => {}
        }
    }
    sentence.end = units.len();
    if sentence.end > sentence.first || sentences.is_empty() {
        sentences.push(sentence);
    } else if let Some(last) = sentences.last_mut() {
        // Trailing punctuation after the last sentence still counts for its emphasis.
        last.bangs += sentence.bangs;
        last.questions += sentence.questions;
    }
    // Units were stamped with the sentence count at the time; fix sentence indices so that a
    // unit's sentence is the one whose range holds it.
    for (k, s) in sentences.iter().enumerate() {
        for u in &mut units[s.first..s.end] {
            u.sentence = k as u32;
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn push_unit(
    units: &mut Vec<Unit>,
    lower: &mut String,
    tables: &Tables,
    raw: &str,
    start: usize,
    end: usize,
    kind: UnitKind,
    flags: Flags,
    clause: u32,
    sentence: usize,
) {
    let lo = lower.len();
    for c in raw.chars() {
        match c {
            // Both apostrophes read the same: "wasn’t" negates like "wasn't".
            '’' | '‘' | '`' => lower.push('\''),
            c if c.is_ascii() => lower.push(c.to_ascii_lowercase()),
            c => lower.extend(c.to_lowercase()),
        }
    }
    let mut info = tables.table.get(&lower[lo..]);
    let elongated = flags.contains(Flags::ELONGATED);
    if elongated && info == TermInfo::default() {
        // "goooood" → "good", "soooo" → "so": collapse runs of three or more letters to two,
        // then to one, and take the first that is known.
        for keep in [2, 1] {
            let collapsed = collapse_runs(&lower[lo..], keep);
            let found = tables.table.get(&collapsed);
            if found != TermInfo::default() {
                lower.truncate(lo);
                lower.push_str(&collapsed);
                info = found;
                break;
            }
        }
    }
    let word = &lower[lo..];
    let negator = info.negation || word.contains("n't");
    units.push(Unit {
        start,
        end,
        lo: lo as u32,
        hi: lower.len() as u32,
        kind,
        info,
        base: info.valence.unwrap_or(0.0),
        caps: flags.contains(Flags::CAPS),
        elongated,
        negator,
        in_phrase: false,
        phrase_start: false,
        clause,
        sentence: sentence as u32,
    });
}

fn push_emoji(
    units: &mut Vec<Unit>,
    lower: &mut String,
    tables: &Tables,
    raw: &str,
    start: usize,
    clause: u32,
    sentence: usize,
) {
    // Look the sequence up whole, then without variation selectors and skin tones, then by
    // its first character ("👩‍💻" → "👩").
    let lo = lower.len();
    let mut info = tables.table.get(raw);
    if info.valence.is_none() {
        lower.extend(
            raw.chars()
                .filter(|c| !matches!(c, '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}')),
        );
        info = tables.table.get(&lower[lo..]);
        if info.valence.is_none()
            && let Some(first) = raw.chars().next()
        {
            let mut buf = [0u8; 4];
            info = tables.table.get(first.encode_utf8(&mut buf));
        }
        lower.truncate(lo);
    }
    lower.push_str(raw);
    units.push(Unit {
        start,
        end: start + raw.len(),
        lo: lo as u32,
        hi: lower.len() as u32,
        kind: UnitKind::Emoji,
        info,
        base: info.valence.unwrap_or(0.0),
        caps: false,
        elongated: false,
        negator: false,
        in_phrase: false,
        phrase_start: false,
        clause,
        sentence: sentence as u32,
    });
}

/// `word` with every run of more than `keep` equal characters cut to `keep`.
fn collapse_runs(word: &str, keep: usize) -> String {
    let mut out = String::with_capacity(word.len());
    let mut prev = None;
    let mut run = 0;
    for c in word.chars() {
        run = if Some(c) == prev { run + 1 } else { 1 };
        prev = Some(c);
        if run <= keep {
            out.push(c);
        }
    }
    out
}

/// The words of a hashtag body: split at lower→upper case changes and letter↔digit changes
/// (`NotHappy` → `Not` `Happy`, `fail` → `fail`, `WorstServiceEver` → three words). A body in
/// one case is one word.
fn hashtag_words(body: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut cuts = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in body.char_indices() {
        if let Some(p) = prev {
            let case_change = p.is_lowercase() && c.is_uppercase();
            let digit_change = p.is_ascii_digit() != c.is_ascii_digit();
            if case_change || digit_change || c == '_' {
                cuts.push(i);
            }
        }
        prev = Some(c);
    }
    cuts.push(body.len());
    let mut from = 0;
    cuts.into_iter().filter_map(move |to| {
        let part = body[from..to].trim_matches('_');
        let off = from + body[from..to].find(part).unwrap_or(0);
        from = to;
        (!part.is_empty()).then_some((off, part))
    })
}

/// Splits a one-case hashtag body that is not a known word into a prefix and a known
/// sentiment word of three letters or more (`nothappy` → `not` `happy`, `usairsucks` → `usair`
/// `sucks`): the longest such suffix wins.
fn split_compound<'a>(body: &'a str, tables: &Tables) -> Option<(&'a str, &'a str)> {
    if body.len() > 40
        || !body.bytes().all(|b| b.is_ascii_lowercase())
        || tables.table.get(body) != TermInfo::default()
    {
        return None;
    }
    (1..body.len().saturating_sub(2))
        .map(|i| (&body[..i], &body[i..]))
        .find(|(_, right)| tables.table.get(right).valence.is_some_and(|v| v != 0.0))
}

/// Finds lexicon phrases over consecutive units of one clause; the phrase's valence goes on its
/// first unit, the other units are marked as inside it.
fn match_phrases(tables: &Tables, scratch: &mut EarshotScratch) {
    if tables.phrases.is_empty() {
        return;
    }
    let EarshotScratch { units, lower, .. } = scratch;
    let mut i = 0;
    while i < units.len() {
        let first = text_of(lower, &units[i]);
        let mut matched = 0;
        if let Some(candidates) = tables.phrases.get(first) {
            for (rest, valence) in candidates {
                let fits = i + rest.len() < units.len()
                    && rest.iter().enumerate().all(|(k, w)| {
                        let u = &units[i + 1 + k];
                        u.clause == units[i].clause && text_of(lower, u) == &**w
                    });
                if fits {
                    units[i].base = *valence;
                    units[i].info.valence = Some(*valence);
                    units[i].negator = false;
                    units[i].phrase_start = true;
                    for u in &mut units[i + 1..=i + rest.len()] {
                        u.in_phrase = true;
                        u.negator = false;
                        u.base = 0.0;
                    }
                    matched = rest.len();
                    break;
                }
            }
        }
        i += 1 + matched;
    }
}

/// The valence of unit `i` after emphasis, boosters, negation and "least".
fn valence(
    units: &[Unit],
    lower: &str,
    i: usize,
    text_has_lower: bool,
    applied: &mut Rules,
    negated_by: &mut Option<usize>,
) -> f64 {
    let u = &units[i];
    if u.in_phrase || u.info.valence.is_none() {
        return 0.0;
    }
    let next_has_valence = |j: usize| {
        units.get(j).is_some_and(|n| {
            n.clause == u.clause
                && n.info.valence.is_some_and(|v| v != 0.0)
                && n.info.booster.is_none()
        })
    };
    // A booster carries no valence of its own, except a word that is both (pretty, super,
    // incredible) when no sentiment word follows it: then it is the adjective.
    let word_rules = !u.phrase_start;
    if word_rules
        && u.info.booster.is_some()
        && (u.info.valence.is_none() || next_has_valence(i + 1))
    {
        return 0.0;
    }
    // "kind of" is a dampener.
    if word_rules && u.info.kw == Kw::Kind && units.get(i + 1).is_some_and(|n| n.info.kw == Kw::Of)
    {
        return 0.0;
    }
    // "like" is positive only as a verb: after a subject or an adverb, not as a preposition
    // ("looks like", "like 3 hours").
    if word_rules && u.info.kw == Kw::Like {
        let verb = i > 0
            && units[i - 1].clause == u.clause
            && matches!(
                text_of(lower, &units[i - 1]),
                "i" | "we"
                    | "you"
                    | "they"
                    | "really"
                    | "totally"
                    | "do"
                    | "did"
                    | "just"
                    | "also"
                    | "still"
                    | "i'd"
                    | "would"
            );
        if !verb {
            return 0.0;
        }
    }
    // "Well," opening a clause is a discourse marker.
    if word_rules && u.info.kw == Kw::Well && (i == 0 || units[i - 1].clause != u.clause) {
        return 0.0;
    }
    // "no" right before a sentiment word is a negation, not the answer "no".
    if word_rules && u.info.kw == Kw::No && next_has_valence(i + 1) {
        return 0.0;
    }
    let mut v = u.base;
    if v == 0.0 {
        return 0.0;
    }
    if u.caps && text_has_lower {
        v += C_INCR.copysign(v);
        *applied |= Rules::CAPS;
    }
    if u.elongated {
        v += ELONGATION_INCR.copysign(v);
        *applied |= Rules::BOOSTER;
    }
    // Boosters and dampeners up to three units back, in the same clause, weaker with distance.
    for (back, decay) in [(1, 1.0), (2, 0.95), (3, 0.9)] {
        if i < back {
            break;
        }
        let m = &units[i - back];
        if m.clause != u.clause {
            break;
        }
        // A word that is both booster and adjective boosts only the word right after it.
        if let Some(b) = m.info.booster
            && (m.info.valence.is_none() || back == 1)
        {
            let mut s = if v < 0.0 { -b } else { b };
            if m.caps && text_has_lower {
                s += C_INCR.copysign(v);
            }
            v += s * decay;
            *applied |= if b > 0.0 {
                Rules::BOOSTER
            } else {
                Rules::DAMPENER
            };
        }
    }
    // Negation: the nearest negation word before the unit in its clause, within the scope.
    // Emoji and emoticons say how the writer feels whatever the words around them.
    let mut negated = false;
    let scope = if v < 0.0 {
        param("NSN", NEGATION_SCOPE_NEGATIVE as f64) as usize
    } else {
        param("NSP", NEGATION_SCOPE as f64) as usize
    };
    let negatable = matches!(u.kind, UnitKind::Word | UnitKind::Hashtag);
    for back in 1..=scope.min(i) {
        if !negatable {
            break;
        }
        let m = &units[i - back];
        if m.clause != u.clause
            || matches!(
                m.info.kw,
                Kw::But | Kw::However | Kw::Although | Kw::Though | Kw::Except | Kw::Subordinator
            )
        {
            break;
        }
        // "hard to like", "fails to impress", "too formulaic to thrill": an infinitive after
        // these negates what it governs.
        if u.info.valence.is_some_and(|v| v > 0.0)
            && text_of(lower, m) == "to"
            && negating_infinitive(units, lower, i - back)
        {
            negated = true;
            break;
        }
        if m.negator {
            // "not only", "no doubt ... good": no negation. "couldn't be better": the negated
            // comparative is a superlative.
            let only = units
                .get(i - back + 1)
                .is_some_and(|n| n.info.kw == Kw::Only);
            let be_comparative =
                back == 2 && units[i - 1].info.kw == Kw::Be && is_comparative(text_of(lower, u));
            negated = !(only || be_comparative);
            if negated {
                *negated_by = Some(i - back);
            }
            break;
        }
    }
    if negated {
        v *= if v > 0.0 {
            N_SCALAR
        } else {
            param("NNEG", N_SCALAR)
        };
        *applied |= Rules::NEGATION;
    }
    // "least" before the unit negates it, except in "at least" / "very least" (VADER's rule).
    if i > 0 && units[i - 1].info.kw == Kw::Least && units[i - 1].clause == u.clause {
        let at = i > 1 && matches!(units[i - 2].info.kw, Kw::At | Kw::Very);
        if !at {
            v *= N_SCALAR;
            *applied |= Rules::LEAST;
        }
    }
    v
}

/// Whether the "to" at `k` opens an infinitive that negates: after "hard", "difficult",
/// "impossible", "unable", "fail(s/ed)", "refuse(s/d)", or with "too" earlier in its clause.
fn negating_infinitive(units: &[Unit], lower: &str, k: usize) -> bool {
    if k == 0 || units[k - 1].clause != units[k].clause {
        return false;
    }
    let head = text_of(lower, &units[k - 1]);
    if matches!(
        head,
        "hard"
            | "difficult"
            | "impossible"
            | "unable"
            | "fail"
            | "fails"
            | "failed"
            | "refuse"
            | "refuses"
            | "refused"
    ) {
        return true;
    }
    (k.saturating_sub(4)..k)
        .any(|j| units[j].clause == units[k].clause && text_of(lower, &units[j]) == "too")
}

fn is_comparative(word: &str) -> bool {
    matches!(
        word,
        "better" | "happier" | "more" | "greater" | "nicer" | "easier" | "faster"
    )
}

/// Contrast inside one sentence: units before the first contrast word count half, after it one
/// and a half. "although"/"though" opening a sentence make their own clause the weak part. When
/// the part before is positive and the part after has no sentiment word ("The staff were
/// helpful, but the refund took three weeks"), the contrast itself is the complaint: the first
/// part is reversed.
fn contrast(units: &[Unit], sentiments: &mut [f64], rules: &mut [Rules], first: usize, end: usize) {
    let Some(ci) = (first..end).find(|&j| {
        matches!(
            units[j].info.kw,
            Kw::But
                | Kw::However
                | Kw::Although
                | Kw::Though
                | Kw::Except
                | Kw::Nevertheless
                | Kw::Despite
        )
    }) else {
        return;
    };
    // "not only X but (also) Y" adds, it does not contrast.
    let not_only = (first..ci)
        .any(|j| units[j].negator && units.get(j + 1).is_some_and(|n| n.info.kw == Kw::Only));
    if not_only {
        return;
    }
    // "despite X, Y" concedes like "although X, Y".
    let kw = match units[ci].info.kw {
        Kw::Despite => Kw::Although,
        kw => kw,
    };
    // "Although X, Y": X is the concession (weak), Y the point (strong).
    let concession_first = matches!(kw, Kw::Although | Kw::Though) && ci == first;
    let (weak, strong): (Vec<usize>, Vec<usize>) = if concession_first {
        let clause = units[ci].clause;
        (first..end)
            .filter(|&j| j != ci)
            .partition(|&j| units[j].clause == clause)
    } else if matches!(kw, Kw::Although | Kw::Though) {
        // "Y, although X": the part after is the concession.
        ((ci + 1..end).collect(), (first..ci).collect())
    } else {
        ((first..ci).collect(), (ci + 1..end).collect())
    };
    let weak_sum: f64 = weak.iter().map(|&j| sentiments[j]).sum();
    let strong_sum: f64 = strong.iter().map(|&j| sentiments[j]).sum();
    let silent_complaint = param("SILENT", 1.0) > 0.5
        && !concession_first
        && !matches!(kw, Kw::Although | Kw::Though)
        && weak_sum > 0.0
        && strong_sum == 0.0
        && strong
            .iter()
            .filter(|&&j| units[j].kind == UnitKind::Word)
            .count()
            >= 2;
    for &j in &weak {
        if sentiments[j] != 0.0 {
            sentiments[j] *= if silent_complaint {
                -BEFORE_CONTRAST
            } else {
                BEFORE_CONTRAST
            };
            rules[j] |= Rules::BEFORE_BUT;
        }
    }
    for &j in &strong {
        if sentiments[j] != 0.0 {
            sentiments[j] *= AFTER_CONTRAST;
            rules[j] |= Rules::AFTER_BUT;
        }
    }
}

/// Sarcasm markers that reverse what the words say.
fn sarcasm(
    units: &[Unit],
    lower: &str,
    sentiments: &mut [f64],
    rules: &mut [Rules],
    sentences: &[Sentence],
) {
    for (k, s) in sentences.iter().enumerate() {
        if s.end == s.first {
            continue;
        }
        let words = &units[s.first..s.end];
        // "The movie was funny... not." — a sentence that is just "not" reverses the one before;
        // a "not" closing a sentence after a comma or ellipsis reverses its own sentence.
        let lone_not = words.len() == 1 && text_of(lower, &words[0]) == "not";
        if lone_not && k > 0 {
            let prev = &sentences[k - 1];
            for j in prev.first..prev.end {
                if sentiments[j] > 0.0 {
                    sentiments[j] *= N_SCALAR;
                    rules[j] |= Rules::NEGATION;
                }
            }
        }
        // "Yeah right, great service." — "yeah right" / "yea right" opening a sentence turns its
        // praise into blame.
        if words.len() >= 2
            && matches!(text_of(lower, &words[0]), "yeah" | "yea" | "ya")
            && text_of(lower, &words[1]) == "right"
        {
            sentiments[s.first] = -1.0;
            rules[s.first] |= Rules::IDIOM;
            for j in s.first + 2..s.end {
                if sentiments[j] > 0.0 {
                    sentiments[j] *= N_SCALAR;
                    rules[j] |= Rules::NEGATION;
                }
            }
        }
    }
    // "Lovely." / "Great, another outage." — a clause made only of one positive word (perhaps
    // after "oh", "just", "how", "so"), in a text that is otherwise negative.
    let total: f64 = sentiments.iter().sum();
    for i in 0..units.len() {
        if sentiments[i] <= 0.0 {
            continue;
        }
        let clause = units[i].clause;
        let alone = units.iter().filter(|u| u.clause == clause).all(|u| {
            std::ptr::eq(u, &units[i])
                || matches!(text_of(lower, u), "oh" | "just" | "how" | "so" | "really")
        });
        let rest = total - sentiments[i];
        if alone && rest < 0.0 && units[i].kind == UnitKind::Word {
            sentiments[i] *= N_SCALAR;
            rules[i] |= Rules::NEGATION;
        }
    }
}

/// Whether the text shows its writer: a first- or second-person pronoun, an emoji or
/// emoticon, an exclamation mark, shouting or elongation. A text with none of these reads as a
/// report (a headline, a news tweet), whose negative or positive words describe events rather
/// than the writer's feelings.
fn subjective(units: &[Unit], lower: &str, sentences: &[Sentence]) -> bool {
    sentences.iter().any(|s| s.bangs > 0)
        || units.iter().any(|u| {
            matches!(u.kind, UnitKind::Emoji | UnitKind::Emoticon)
                || u.caps
                || u.elongated
                || matches!(
                    text_of(lower, u),
                    "i" | "me"
                        | "my"
                        | "mine"
                        | "myself"
                        | "i'm"
                        | "im"
                        | "i've"
                        | "ive"
                        | "i'd"
                        | "i'll"
                        | "we"
                        | "us"
                        | "our"
                        | "ours"
                        | "we're"
                        | "you"
                        | "your"
                        | "yours"
                        | "u"
                        | "ur"
                        | "you're"
                        | "youre"
                        | "ya"
                        | "lol"
                        | "lmao"
                        | "omg"
                )
        })
}

/// Sums per sentence (with VADER's punctuation emphasis), averages the sentences of long texts,
/// and calibrates.
fn aggregate(sentiments: &[f64], sentences: &[Sentence], damp: f64) -> Sentiment {
    if sentiments.is_empty() {
        return Sentiment::ZERO;
    }
    let mut sums = 0.0;
    let mut weight = 0.0f64;
    let mut total_emphasis = 0.0;
    let mut whole = 0.0;
    for s in sentences {
        let mut sum: f64 = sentiments[s.first..s.end].iter().sum();
        let emphasis = punctuation_emphasis(s.bangs as usize, s.questions as usize);
        if sum > 0.0 {
            sum += emphasis;
        } else if sum < 0.0 {
            sum -= emphasis;
        }
        total_emphasis += emphasis;
        whole += sum;
        let c = normalize(sum);
        sums += c;
        // Sentences without sentiment count half: they dilute, but less than a sentiment.
        weight += if sum == 0.0 { 0.5 } else { 1.0 };
    }
    // Short texts (up to three sentences) are read as one, as VADER does; longer ones as the
    // mean of their sentences.
    let compound = damp
        * if sentences.len() <= 3 {
            normalize(whole)
        } else {
            sums / weight.max(1.0)
        };
    let (mut pos, mut neg, mut neu) = (0.0f64, 0.0f64, 0usize);
    for &s in sentiments {
        if s > 0.0 {
            pos += s + 1.0;
        } else if s < 0.0 {
            neg += s - 1.0;
        } else {
            neu += 1;
        }
    }
    let emphasis = total_emphasis.min(punctuation_emphasis(4, 4));
    if pos > neg.abs() {
        pos += emphasis;
    } else if pos < neg.abs() {
        neg -= emphasis;
    }
    let total = pos + neg.abs() + neu as f64;
    Sentiment {
        compound: calibrate(compound),
        positive: (pos / total).abs(),
        negative: (neg / total).abs(),
        neutral: neu as f64 / total,
    }
}

/// VADER's `_amplify_ep` + `_amplify_qm`.
fn punctuation_emphasis(bangs: usize, questions: usize) -> f64 {
    let ep = bangs.min(4) as f64 * 0.292;
    let qm = match questions {
        0 | 1 => 0.0,
        2 | 3 => questions as f64 * 0.18,
        _ => 0.96,
    };
    ep + qm
}

/// The neutral band, calibrated: a compound weaker than the thresholds above is evidence too
/// thin to call, so it is mapped inside VADER's ±0.05 band (keeping its sign, which binary uses
/// of the score still read); stronger ones are stretched to fill the rest of the scale.
pub(crate) fn calibrate(c: f64) -> f64 {
    let threshold = if c > 0.0 {
        param("TP", NEUTRAL_THRESHOLD_POSITIVE)
    } else {
        param("TN", NEUTRAL_THRESHOLD_NEGATIVE)
    };
    let a = c.abs();
    let mapped = if a < threshold {
        a / threshold * 0.0499
    } else {
        0.05 + (a - threshold) / (1.0 - threshold) * 0.95
    };
    mapped.copysign(c)
}

/// EXPERIMENT ONLY: parameter overrides from the environment while tuning.
pub(crate) fn param(name: &str, default: f64) -> f64 {
    use std::sync::OnceLock;
    static PARAMS: OnceLock<Vec<(String, f64)>> = OnceLock::new();
    let params = PARAMS.get_or_init(|| {
        std::env::vars()
            .filter_map(|(k, v)| Some((k.strip_prefix("EARSHOT_")?.to_string(), v.parse().ok()?)))
            .collect()
    });
    params
        .iter()
        .find(|(k, _)| k == name)
        .map_or(default, |(_, v)| *v)
}
