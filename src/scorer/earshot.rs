//! earshot's default rules: VADER's approach — a lexicon plus rules, explainable word by word —
//! with the fixes customer and social text needs. Each fix is a named step below and has a
//! golden test (`tests/default_preset.rs`) that says which rule it pins.
//!
//! * **Reading tokens right.** @mentions, URLs and e-mail addresses carry no sentiment (VADER
//!   scores "@united" as "united", +1.8); hashtags are split (`#NotHappy` → not happy,
//!   `#usairsucks` → usair sucks); emoji have direct valences; both apostrophes negate
//!   (`wasn’t`); elongated words are looked up without the elongation (`goooood` → good) and
//!   count as emphasis; VADER's terms with capitals (`:D`) match.
//! * **Vocabulary.** A domain lexicon for product, service and support feedback, with
//!   multi-word expressions ("on hold", "took forever", "works like a charm") that replace the
//!   valences of their words, and neutralised senses of words VADER over-rates ("help",
//!   "please", company names).
//! * **Negation with a scope**: to the end of its clause, before a subordinate clause, up to
//!   [`NEGATION_SCOPE`] words for positive words and [`NEGATION_SCOPE_NEGATIVE`] for negative
//!   ones; "hard to like", "too slow to enjoy" negate; "not only", "couldn't be better" and
//!   "how can you not love it" do not; a negated negative is only faintly positive; a negation
//!   with nothing to negate ("it doesn't load") leans negative.
//! * **Contrast** per sentence: "but", "however", "except", "nevertheless" make what follows
//!   count more; "although", "though", "despite" make their own clause count less.
//! * **Sarcasm**: a sentence-final "not" ("funny... not"), "yeah right", and a lone positive
//!   word ("Lovely.") in an otherwise negative text.
//! * **Word senses**: "like" counts only as a verb, "pretty"/"super"/"incredible" before a
//!   sentiment word are boosters, "well" opening a clause is a discourse marker, capitalised
//!   words next to each other are names ("Blue Devil"), words of a long hashtag count half.
//! * **Texts**: questions dampen praise, a link or the absence of any sign of the writer makes
//!   a text read as a report, an exclamation with no sentiment word leans positive, long texts
//!   are the mean of their sentences, and weak evidence stays inside the neutral band
//!   ([`calibrate`]).
//!
//! The text is read in one pass over its whitespace-separated pieces: a piece that is one plain
//! word with plain punctuation around it (most pieces) is read directly, any other piece is
//! tokenized. The rules then run in a few passes over compact per-word records.

use std::collections::HashMap;

use super::terms::{B_DECR, Kw, TermInfo, WordTable};
use super::vader::{normalize, punctuation_emphasis};
use super::{Rules, Sentiment};
use crate::lexicon::{Lexicon, is_emoji_modifier};
use crate::read::{Vocabulary, WordId, Words};
use crate::tokenizer::{Flags, TokenKind};
use crate::util::FastHash;

/// VADER's scalars, kept: caps emphasis and the negation factor.
const C_INCR: f64 = 0.733;
const N_SCALAR: f64 = -0.74;
/// A negated negative word is only faintly positive ("not bad", "don't kill it"), where VADER
/// makes it nearly as positive as the word was negative.
const N_SCALAR_NEGATIVE: f64 = -0.3;
/// Elongation ("goooood") emphasises like a booster.
const ELONGATION_INCR: f64 = 0.293;
/// How many words after a negation it can reach, within its clause and before a subordinate
/// clause starts: further for positive words ("I don't think this is good") than for negative
/// ones, where a distant "not" rarely means the writer approves ("not even mentioning how rude").
pub(crate) const NEGATION_SCOPE: usize = 7;
pub(crate) const NEGATION_SCOPE_NEGATIVE: usize = 2;
/// The valence of a negation that negates no sentiment word.
const NEGATION_LEAN: f64 = -0.5;
/// Contrast weights: the weak and the strong side (VADER's values for "but").
const WEAK_SIDE: f64 = 0.5;
const STRONG_SIDE: f64 = 1.5;
/// Positive words in a question count this much.
const QUESTION_POSITIVE: f64 = 0.3;
/// A text with a URL has its compound scaled by this much.
const URL_DAMPING: f64 = 0.5;
/// A text without any sign of its writer (see [`TextCues::subjective`]) is scaled by this.
const REPORT_DAMPING: f64 = 0.6;
/// The weight of a word that looks like part of a name or title.
const NAME_WEIGHT: f64 = 0.0;
/// The weight of a word of a multi-word hashtag.
const HASHTAG_PART: f64 = 0.5;
/// The valence of a sentence with no sentiment word that has an exclamation mark.
const BANG_LEAN: f64 = 0.3;
/// The compound of a text with words but no sentiment evidence at all: a faint negative lean,
/// far inside the neutral band.
const ZERO_EVIDENCE_LEAN: f64 = -0.001;
/// |compound| below these is weak evidence, mapped inside the neutral band (sign kept):
/// positive evidence needs more than negative, because praise words are far more often used
/// loosely ("like", "love to know") than blame words.
const NEUTRAL_THRESHOLD_POSITIVE: f64 = 0.1;
const NEUTRAL_THRESHOLD_NEGATIVE: f64 = 0.03;
/// Texts of up to this many sentences are read as one sum (as VADER does); longer ones as the
/// mean of their sentences, where a single sum would saturate.
const SHORT_TEXT_SENTENCES: usize = 3;
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
    lo: usize,
    hi: usize,
    pub kind: UnitKind,
    pub info: TermInfo,
    /// The valence this unit starts from (lexicon, or a phrase's on its first word).
    pub base: f64,
    clause: u32,
    sentence: u32,
    caps: bool,
    capitalized: bool,
    elongated: bool,
    negator: bool,
    /// A negation that negated a sentiment word.
    negation_used: bool,
    /// Part of a phrase whose valence sits on its first word.
    in_phrase: bool,
    /// The first word of a matched phrase: its valence is the phrase's, whatever the word is.
    phrase_start: bool,
    /// A word of a hashtag split into several words.
    multi_part: bool,
}

#[derive(Clone, Copy, Debug, Default)]
struct Sentence {
    first: usize,
    end: usize,
    bangs: u32,
    questions: u32,
    /// The first contrast word ("but", "although", ...) of the sentence, if any.
    contrast: Option<usize>,
}

/// Facts about the whole text gathered while reading it.
#[derive(Clone, Copy, Debug, Default)]
struct TextCues {
    /// The text links out: it is more often sharing news than judging.
    url: bool,
    /// The text shows its writer: a first- or second-person pronoun, an emoji or emoticon, an
    /// exclamation mark, shouting, elongation, "lol". A text with none of these reads as a
    /// report (a headline, a news tweet) whose words describe events, not feelings.
    subjective: bool,
    /// Word units, and how many of them are capitalised (to tell a title-case headline).
    words: usize,
    capitalised: usize,
    /// Some word has a lower-case letter: ALL-CAPS words then stand out as shouting.
    has_lower: bool,
}

/// Buffers reused from one text to the next.
#[derive(Clone, Debug, Default)]
pub(crate) struct EarshotScratch {
    pub units: Vec<Unit>,
    pub sentiments: Vec<f64>,
    /// Per unit, the rules applied; only filled when explaining.
    pub rules: Vec<Rules>,
    lower: String,
    sentences: Vec<Sentence>,
    /// The units that are negations, and those that may start a phrase.
    negators: Vec<usize>,
    phrase_starts: Vec<usize>,
    cues: TextCues,
}

/// A multi-word term without its first word: the other words, and the term's valence.
type PhraseTail = (Vec<Box<str>>, f64);

/// The default preset's tables.
#[derive(Clone, Debug)]
pub(crate) struct Tables {
    pub table: WordTable,
    /// Multi-word lexicon terms, by first word: (the other words, valence), longest first.
    pub phrases: HashMap<Box<str>, Vec<PhraseTail>, FastHash>,
}

impl Tables {
    /// The tables for `lexicon` with the default preset's word lists, their words interned into
    /// `vocabulary` (which may hold other stages' words already). The single-word table flags
    /// each phrase's first word, so matching consults the phrase index only where a phrase can
    /// start.
    pub(crate) fn new(
        vocabulary: Vocabulary,
        lexicon: &Lexicon,
        boosters: &[(&'static str, f64)],
        negations: &[&'static str],
    ) -> Tables {
        let mut phrases: HashMap<Box<str>, Vec<PhraseTail>, FastHash> = HashMap::default();
        for (term, v) in lexicon.iter_unordered() {
            // Most terms are single words: skip them before splitting into a vector.
            if !term.as_bytes().contains(&b' ') {
                continue;
            }
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
        let table = WordTable::new(
            vocabulary,
            lexicon,
            boosters,
            negations,
            phrases.keys().map(|k| &**k),
        );
        Tables { table, phrases }
    }
}

/// Sets `rule` on unit `j` when explaining (the list is empty otherwise).
#[inline]
fn note(rules: &mut [Rules], j: usize, rule: Rules) {
    if let Some(r) = rules.get_mut(j) {
        *r |= rule;
    }
}

/// Scores `text`, whose words (read with the vocabulary of `tables`) are `words`.
pub(crate) fn score(
    text: &str,
    words: &Words,
    tables: &Tables,
    scratch: &mut EarshotScratch,
    explain: bool,
) -> Sentiment {
    read_units(text, words, tables, scratch);
    match_phrases(tables, scratch);
    let EarshotScratch {
        units,
        sentiments,
        rules,
        lower,
        sentences,
        negators,
        cues,
        ..
    } = scratch;
    let lower = lower.as_str();
    let cues = *cues;
    sentiments.clear();
    rules.clear();
    if explain {
        rules.resize(units.len(), Rules::EMPTY);
    }
    let text_has_lower = cues.has_lower;
    let headline = cues.capitalised * 2 > cues.words;
    for i in 0..units.len() {
        let mut applied = Rules::EMPTY;
        let ctx = Context {
            units,
            lower,
            sentences,
            text_has_lower,
            headline,
        };
        let (v, negated_by) = valence(&ctx, i, &mut applied);
        if let Some(j) = negated_by {
            units[j].negation_used = true;
        }
        sentiments.push(v);
        note(rules, i, applied);
    }
    // A negation with nothing to negate still says something is missing or wrong ("my order
    // still hasn't arrived", "the app doesn't open"): it leans the text negative.
    for &j in negators.iter() {
        let u = &units[j];
        if !u.negation_used && !u.in_phrase && sentiments[j] == 0.0 {
            sentiments[j] = NEGATION_LEAN;
            note(rules, j, Rules::NEGATED_STATEMENT);
        }
    }
    for s in sentences.iter() {
        if let Some(ci) = s.contrast {
            contrast(units, sentiments, rules, s, ci);
        }
    }
    sarcasm(units, sentiments, rules, sentences);
    // Questions are rarely praise ("Can you help me?", "Is it good?"): their positive words
    // count less.
    for s in sentences.iter().filter(|s| s.questions > 0) {
        for v in &mut sentiments[s.first..s.end] {
            if *v > 0.0 {
                *v *= QUESTION_POSITIVE;
            }
        }
    }
    let mut damp = if cues.url { URL_DAMPING } else { 1.0 };
    if !cues.subjective {
        damp *= REPORT_DAMPING;
    }
    aggregate(sentiments, sentences, damp)
}

fn text_of<'a>(lower: &'a str, u: &Unit) -> &'a str {
    &lower[u.lo..u.hi]
}

/// Reads the text's words into units, punctuation into clause and sentence boundaries, and the
/// [`TextCues`]. The punctuation before or after a plain word (`(`, `.!`, `)!`) is one run of
/// marks: its `!` and `?` count for the sentence it ends. (Elsewhere each punctuation token is
/// read alone, so `...??` between two words gives its `??` to the sentence that follows.)
fn read_units(text: &str, words: &Words, tables: &Tables, scratch: &mut EarshotScratch) {
    let EarshotScratch {
        units,
        lower,
        sentences,
        negators,
        phrase_starts,
        cues,
        ..
    } = scratch;
    units.clear();
    lower.clear();
    sentences.clear();
    negators.clear();
    phrase_starts.clear();
    let mut r = Reader {
        tables,
        units,
        lower,
        sentences,
        negators,
        phrase_starts,
        cues: TextCues::default(),
        clause: 0,
        sentence: Sentence::default(),
    };
    let all = words.as_slice();
    let mut k = 0;
    while k < all.len() {
        let w = &all[k];
        let raw = &text[w.start..w.end];
        k += 1;
        match w.kind {
            TokenKind::Word | TokenKind::Number => {
                let kind = if w.kind == TokenKind::Word {
                    UnitKind::Word
                } else {
                    UnitKind::Number
                };
                r.unit(
                    raw,
                    w.start,
                    kind,
                    w.flags,
                    Some((words.lower(text, w), w.id)),
                );
            }
            TokenKind::Emoji => {
                // The emoji as written (lower-casing leaves emoji alone, but look up what is
                // written).
                let id = w.lowered.is_none().then_some(w.id);
                r.emoji(raw, w.start, id);
            }
            // "&lt;3" is "<3" escaped by a web API.
            TokenKind::Emoticon => match raw {
                "&lt;3" => r.unit("<3", w.start, UnitKind::Emoticon, Flags::EMPTY, None),
                "&lt;/3" => r.unit("</3", w.start, UnitKind::Emoticon, Flags::EMPTY, None),
                _ => r.unit(
                    raw,
                    w.start,
                    UnitKind::Emoticon,
                    Flags::EMPTY,
                    Some((words.lower(text, w), w.id)),
                ),
            },
            TokenKind::Hashtag => r.hashtag(&raw[1..], w.start + 1),
            TokenKind::Punct => {
                let mut end = w.end;
                while let Some(next) = all.get(k)
                    && w.plain
                    && next.plain
                    && next.kind == TokenKind::Punct
                    && next.flags.contains(Flags::JOINED)
                {
                    end = next.end;
                    k += 1;
                }
                r.punct(&text[w.start..end]);
            }
            TokenKind::Url => r.cues.url = true,
            // Mentions, e-mail addresses and symbols say nothing about sentiment.
            TokenKind::Mention | TokenKind::Email | TokenKind::Symbol => {}
        }
    }
    r.finish();
    *cues = r.cues;
}

/// The state of [`read_units`].
struct Reader<'a> {
    tables: &'a Tables,
    units: &'a mut Vec<Unit>,
    lower: &'a mut String,
    sentences: &'a mut Vec<Sentence>,
    negators: &'a mut Vec<usize>,
    phrase_starts: &'a mut Vec<usize>,
    cues: TextCues,
    clause: u32,
    sentence: Sentence,
}

impl Reader<'_> {
    /// A word, number, emoticon or hashtag part, written `raw` at byte `start` of the text.
    /// `read` is its lower-cased form and id when the reading stage has them (a hashtag's parts
    /// and an unescaped emoticon are lower-cased and looked up here).
    fn unit(
        &mut self,
        raw: &str,
        start: usize,
        kind: UnitKind,
        flags: Flags,
        read: Option<(&str, WordId)>,
    ) {
        let lower = &mut *self.lower;
        let lo = lower.len();
        let looked_up = match read {
            Some((text, id)) => {
                lower.push_str(text);
                Some(self.tables.table.info(id))
            }
            None if raw.is_ascii() => {
                lower.push_str(raw);
                lower[lo..].make_ascii_lowercase();
                None
            }
            None => {
                for c in raw.chars() {
                    match c {
                        // Both apostrophes read the same: "wasn’t" negates like "wasn't".
                        '’' | '‘' => lower.push('\''),
                        c => lower.extend(c.to_lowercase()),
                    }
                }
                None
            }
        };
        let mut info = looked_up.unwrap_or_else(|| self.tables.table.get(&lower[lo..]));
        // An unknown word with a letter three times in a row may be elongated: "goooood" →
        // "good", "soooo" → "so" (runs cut to two letters, then to one; the first known wins).
        // It counts as emphasis either way.
        let elongated = !info.is_known() && has_letter_run(&lower[lo..]);
        if elongated {
            let hi = lower.len();
            for keep in [2, 1] {
                // The collapsed form is built after the word in the same buffer: no allocation.
                collapse_runs_after(lower, lo..hi, keep);
                let found = self.tables.table.get(&lower[hi..]);
                if found.is_known() {
                    lower.drain(lo..hi);
                    info = found;
                    break;
                }
                lower.truncate(hi);
            }
        }
        let word = &lower[lo..];
        // Only a word with an apostrophe can hold "n't" (a word's flags say; a hashtag part or
        // emoticon is tested).
        let apostrophe = match kind {
            UnitKind::Word => flags.contains(Flags::CONTRACTION),
            _ => word.as_bytes().contains(&b'\''),
        };
        let negator = info.negation || (apostrophe && word.contains("n't"));
        let caps = flags.contains(Flags::CAPS);
        let capitalized = flags.contains(Flags::CAPITALIZED);
        // A word has lower case unless it is all capitals (its lower-cased form differs from it
        // wherever it has upper case); the exact test only runs for words with upper case.
        if !self.cues.has_lower {
            self.cues.has_lower = raw.chars().any(char::is_lowercase);
        }
        if kind == UnitKind::Word {
            self.cues.words += 1;
            self.cues.capitalised += capitalized as usize;
        }
        if caps
            || elongated
            || matches!(info.kw, Kw::Person | Kw::Interjection)
            || kind == UnitKind::Emoticon
        {
            self.cues.subjective = true;
        }
        let index = self.units.len();
        if negator {
            self.negators.push(index);
        }
        if info.phrase {
            self.phrase_starts.push(index);
        }
        if self.sentence.contrast.is_none() && info.kw.is_contrast() {
            self.sentence.contrast = Some(index);
        }
        let hi = lower.len();
        self.push(Unit {
            start,
            end: start + raw.len(),
            lo,
            hi,
            kind,
            info,
            base: info.valence.unwrap_or(0.0),
            clause: self.clause,
            sentence: 0,
            caps,
            capitalized,
            elongated,
            negator,
            negation_used: false,
            in_phrase: false,
            phrase_start: false,
            multi_part: false,
        });
    }

    /// An emoji: looked up whole, then without variation selectors and skin tones, then by its
    /// first character ("👩‍💻" → "👩").
    fn emoji(&mut self, raw: &str, start: usize, id: Option<WordId>) {
        let lower = &mut *self.lower;
        let lo = lower.len();
        let mut info = match id {
            Some(id) => self.tables.table.info(id),
            None => self.tables.table.get(raw),
        };
        if info.valence.is_none() {
            lower.extend(raw.chars().filter(|c| !is_emoji_modifier(*c)));
            info = self.tables.table.get(&lower[lo..]);
            if info.valence.is_none()
                && let Some(first) = raw.chars().next()
            {
                let mut buf = [0u8; 4];
                info = self.tables.table.get(first.encode_utf8(&mut buf));
            }
            lower.truncate(lo);
        }
        lower.push_str(raw);
        self.cues.subjective = true;
        let hi = lower.len();
        self.push(Unit {
            start,
            end: start + raw.len(),
            lo,
            hi,
            kind: UnitKind::Emoji,
            info,
            base: info.valence.unwrap_or(0.0),
            clause: self.clause,
            sentence: 0,
            caps: false,
            capitalized: false,
            elongated: false,
            negator: false,
            negation_used: false,
            in_phrase: false,
            phrase_start: false,
            multi_part: false,
        });
    }

    fn push(&mut self, unit: Unit) {
        self.units.push(unit);
    }

    fn hashtag(&mut self, body: &str, start: usize) {
        if let Some((left, right)) = split_compound(body, self.tables) {
            // "#nothappy", "#usairsucks": a known word at the end, maybe a negation before.
            self.unit(left, start, UnitKind::Hashtag, Flags::EMPTY, None);
            self.unit(
                right,
                start + left.len(),
                UnitKind::Hashtag,
                Flags::EMPTY,
                None,
            );
            return;
        }
        let first_part = self.units.len();
        for (off, part) in HashtagWords::new(body) {
            let flags = if part.len() > 1 && part.bytes().all(|b| b.is_ascii_uppercase()) {
                Flags::CAPS
            } else {
                Flags::EMPTY
            };
            self.unit(part, start + off, UnitKind::Hashtag, flags, None);
        }
        if self.units.len() - first_part > 1 {
            for u in &mut self.units[first_part..] {
                u.multi_part = true;
            }
        }
    }

    /// Punctuation: counts `!` and `?`, ends clauses and sentences.
    fn punct(&mut self, raw: &str) {
        let (mut ends_sentence, mut ends_clause) = (false, false);
        for c in raw.chars() {
            match c {
                '!' => {
                    self.sentence.bangs = self.sentence.bangs.saturating_add(1);
                    self.cues.subjective = true;
                    ends_sentence = true;
                }
                '?' => {
                    self.sentence.questions = self.sentence.questions.saturating_add(1);
                    ends_sentence = true;
                }
                '.' | '…' | '。' => ends_sentence = true,
                ',' | ';' | ':' | '(' | ')' | '[' | ']' | '-' | '–' | '—' | '"' | '“' | '”' => {
                    ends_clause = true
                }
                _ => {}
            }
        }
        if ends_sentence || ends_clause {
            self.clause = self.clause.wrapping_add(1);
        }
        if ends_sentence && self.units.len() > self.sentence.first {
            self.end_sentence();
        }
    }

    fn end_sentence(&mut self) {
        let index = self.sentences.len() as u32;
        self.sentence.end = self.units.len();
        for u in &mut self.units[self.sentence.first..] {
            u.sentence = index;
        }
        self.sentences.push(self.sentence);
        self.sentence = Sentence {
            first: self.units.len(),
            ..Sentence::default()
        };
    }

    fn finish(&mut self) {
        if self.units.len() > self.sentence.first || self.sentences.is_empty() {
            self.end_sentence();
        } else if let Some(last) = self.sentences.last_mut() {
            // Trailing punctuation after the last sentence still counts for its emphasis.
            last.bangs = last.bangs.saturating_add(self.sentence.bangs);
            last.questions = last.questions.saturating_add(self.sentence.questions);
        }
    }
}

/// Whether `word` has one letter three times in a row (the tokenizer's elongation).
fn has_letter_run(word: &str) -> bool {
    let mut prev = (None, 0);
    for c in word.chars() {
        prev = if prev.0 == Some(c) {
            (prev.0, prev.1 + 1)
        } else {
            (Some(c), 1)
        };
        if prev.1 >= 3 && c.is_alphabetic() {
            return true;
        }
    }
    false
}

/// Appends to `buffer` its `word` range with every run of more than `keep` equal characters
/// cut to `keep`.
fn collapse_runs_after(buffer: &mut String, word: std::ops::Range<usize>, keep: usize) {
    let mut prev = None;
    let mut run = 0;
    let mut pos = word.start;
    while pos < word.end {
        let Some(c) = buffer[pos..].chars().next() else {
            break;
        };
        pos += c.len_utf8();
        run = if Some(c) == prev { run + 1 } else { 1 };
        prev = Some(c);
        if run <= keep {
            buffer.push(c);
        }
    }
}

/// The words of a hashtag body: cut at lower→upper case changes, letter↔digit changes and
/// underscores (`NotHappy` → `Not` `Happy`, `WorstServiceEver` → three words, `fail` → `fail`).
struct HashtagWords<'a> {
    body: &'a str,
    pos: usize,
}

impl<'a> HashtagWords<'a> {
    fn new(body: &'a str) -> Self {
        HashtagWords { body, pos: 0 }
    }
}

impl<'a> Iterator for HashtagWords<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        loop {
            let rest = &self.body[self.pos..];
            let start = self.pos + (rest.len() - rest.trim_start_matches('_').len());
            if start >= self.body.len() {
                return None;
            }
            let mut prev: Option<char> = None;
            let mut end = self.body.len();
            for (i, c) in self.body[start..].char_indices() {
                if let Some(p) = prev {
                    let case_change = p.is_lowercase() && c.is_uppercase();
                    let digit_change = p.is_ascii_digit() != c.is_ascii_digit();
                    if case_change || digit_change || c == '_' {
                        end = start + i;
                        break;
                    }
                }
                prev = Some(c);
            }
            self.pos = end;
            if end > start {
                return Some((start, &self.body[start..end]));
            }
        }
    }
}

/// Splits a one-case hashtag body that is not a known word into a prefix and a known
/// sentiment word of three letters or more (`nothappy` → `not` `happy`, `usairsucks` → `usair`
/// `sucks`): the longest such suffix wins.
fn split_compound<'a>(body: &'a str, tables: &Tables) -> Option<(&'a str, &'a str)> {
    if body.len() > 40
        || !body.bytes().all(|b| b.is_ascii_lowercase())
        || tables.table.get(body).is_known()
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
    let EarshotScratch {
        units,
        lower,
        phrase_starts,
        ..
    } = scratch;
    let mut covered_until = 0;
    for &i in phrase_starts.iter() {
        if i < covered_until {
            continue;
        }
        let Some(candidates) = tables.phrases.get(text_of(lower, &units[i])) else {
            continue;
        };
        for (rest, valence) in candidates {
            let fits = i + rest.len() < units.len()
                && rest.iter().enumerate().all(|(k, w)| {
                    let u = &units[i + 1 + k];
                    u.clause == units[i].clause && text_of(lower, u) == &**w
                });
            if fits {
                let head = &mut units[i];
                head.base = *valence;
                head.info.valence = Some(*valence);
                head.negator = false;
                head.phrase_start = true;
                for u in &mut units[i + 1..=i + rest.len()] {
                    u.in_phrase = true;
                    u.negator = false;
                    u.base = 0.0;
                }
                covered_until = i + 1 + rest.len();
                break;
            }
        }
    }
}

/// What [`valence`] reads besides the unit itself.
struct Context<'a> {
    units: &'a [Unit],
    lower: &'a str,
    sentences: &'a [Sentence],
    text_has_lower: bool,
    /// Most words are capitalised: capitals say nothing about names.
    headline: bool,
}

impl Context<'_> {
    fn text(&self, j: usize) -> &str {
        text_of(self.lower, &self.units[j])
    }

    /// Whether unit `i` looks like part of a name or title: capitalised (or a short all-caps
    /// word, like initials) next to another such word, not opening its sentence — "my favorite
    /// Blue Devil", "JJ Redick".
    fn is_name(&self, i: usize) -> bool {
        let units = self.units;
        let shaped = |u: &Unit| {
            u.kind == UnitKind::Word && (u.capitalized || (u.caps && u.end - u.start <= 3))
        };
        if self.headline
            || !shaped(&units[i])
            || self.sentences[units[i].sentence as usize].first == i
        {
            return false;
        }
        let beside = |j: usize| {
            units
                .get(j)
                .is_some_and(|n| n.clause == units[i].clause && shaped(n))
        };
        (i > 0 && beside(i - 1)) || beside(i + 1)
    }
}

/// The valence of unit `i` after word senses, emphasis, boosters, negation and "least"; and
/// the negation that negated it, if one did.
fn valence(ctx: &Context<'_>, i: usize, applied: &mut Rules) -> (f64, Option<usize>) {
    let units = ctx.units;
    let u = &units[i];
    if u.in_phrase || u.info.valence.is_none() {
        return (0.0, None);
    }
    let next_has_valence = |j: usize| {
        units.get(j).is_some_and(|n| {
            n.clause == u.clause
                && n.info.valence.is_some_and(|v| v != 0.0)
                && n.info.booster.is_none()
        })
    };
    if !u.phrase_start {
        // A booster carries no valence of its own, except a word that is both (pretty, super,
        // incredible) when no sentiment word follows it: then it is the adjective.
        if u.info.booster.is_some() && (u.info.valence.is_none() || next_has_valence(i + 1)) {
            return (0.0, None);
        }
        let silent = match u.info.kw {
            // "kind of" is a dampener.
            Kw::Kind => units.get(i + 1).is_some_and(|n| n.info.kw == Kw::Of),
            // "like" is positive only as a verb, after a subject or an adverb — not as a
            // preposition ("looks like", "like 3 hours").
            Kw::Like => {
                !(i > 0
                    && units[i - 1].clause == u.clause
                    && (units[i - 1].info.kw == Kw::Person
                        || matches!(
                            ctx.text(i - 1),
                            "they"
                                | "really"
                                | "totally"
                                | "do"
                                | "did"
                                | "just"
                                | "also"
                                | "still"
                                | "would"
                        )))
            }
            // "Well," opening a clause is a discourse marker.
            Kw::Well => i == 0 || units[i - 1].clause != u.clause,
            // "no" right before a sentiment word is a negation, not the answer "no".
            Kw::No => next_has_valence(i + 1),
            _ => false,
        };
        if silent {
            return (0.0, None);
        }
    }
    let mut v = u.base;
    if v == 0.0 {
        return (0.0, None);
    }
    if ctx.is_name(i) {
        v *= NAME_WEIGHT;
        if v == 0.0 {
            return (0.0, None);
        }
    }
    // A word of a multi-word hashtag is usually a name or a topic ("#TheWalkingDead"), so it
    // counts less than a one-word hashtag ("#fail") or a word of the text.
    if u.kind == UnitKind::Hashtag && u.multi_part {
        v *= HASHTAG_PART;
    }
    if u.caps && ctx.text_has_lower {
        v += C_INCR.copysign(v);
        *applied |= Rules::CAPS;
    }
    if u.elongated {
        v += ELONGATION_INCR.copysign(v);
        *applied |= Rules::BOOSTER;
    }
    // Boosters and dampeners up to three units back, in the same clause, weaker with distance
    // (VADER's decay); a word that is both booster and adjective boosts only the next word.
    for (back, decay) in [(1, 1.0), (2, 0.95), (3, 0.9)] {
        if i < back || units[i - back].clause != u.clause {
            break;
        }
        let m = &units[i - back];
        // "kind of" / "sort of" dampen like VADER's two-word dampeners.
        let two_word = (m.info.kw == Kw::Of
            && i > back
            && matches!(units[i - back - 1].info.kw, Kw::Kind | Kw::Sort))
        .then_some(B_DECR);
        if let Some(b) = m.info.booster.or(two_word)
            && (m.info.valence.is_none() || back == 1)
        {
            let mut s = if v < 0.0 { -b } else { b };
            if m.caps && ctx.text_has_lower {
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
    let negated_by = negation(ctx, i, v);
    if negated_by.is_some() {
        v *= if v > 0.0 { N_SCALAR } else { N_SCALAR_NEGATIVE };
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
    (v, negated_by)
}

/// The unit that negates unit `i` (whose valence is now `v`), if any: the nearest negation
/// before it in its clause, within the scope, not past a subordinate clause or a contrast.
/// `Some(i)` (the unit itself) stands for a negating infinitive ("hard to like").
fn negation(ctx: &Context<'_>, i: usize, v: f64) -> Option<usize> {
    let units = ctx.units;
    let u = &units[i];
    // Emoji, emoticons and interjections say how the writer feels whatever the words around.
    if !matches!(u.kind, UnitKind::Word | UnitKind::Hashtag) || u.info.kw == Kw::Interjection {
        return None;
    }
    let scope = if v < 0.0 {
        NEGATION_SCOPE_NEGATIVE
    } else {
        NEGATION_SCOPE
    };
    for back in 1..=scope.min(i) {
        let k = i - back;
        let m = &units[k];
        // "not what I expected" negates the what-clause; other subordinate clauses stop it.
        let negated_what = k > 0 && units[k - 1].negator && ctx.text(k) == "what";
        if m.clause != u.clause
            || m.info.kw.is_contrast()
            || (m.info.kw == Kw::Subordinator && !negated_what)
        {
            return None;
        }
        // "hard to like", "fails to impress", "too formulaic to thrill": an infinitive after
        // these negates what it governs.
        if v > 0.0 && m.info.kw == Kw::To && negating_infinitive(ctx, k) {
            return Some(i);
        }
        if m.negator {
            // "how can you not love it?": a rhetorical question affirms.
            let rhetorical = k >= 3
                && ctx.text(k - 3) == "how"
                && units[k - 2].info.kw == Kw::Can
                && matches!(ctx.text(k - 1), "you" | "anyone" | "one" | "i");
            // "not only" adds; "couldn't be better" is a superlative.
            let only = units[k + 1].info.kw == Kw::Only;
            let be_comparative =
                back == 2 && units[i - 1].info.kw == Kw::Be && is_comparative(ctx.text(i));
            return (!(rhetorical || only || be_comparative)).then_some(k);
        }
    }
    None
}

/// Whether the "to" at `k` opens an infinitive that negates: after "hard", "difficult",
/// "impossible", "unable", "fail(s/ed)", "refuse(s/d)", or with "too" earlier in its clause.
fn negating_infinitive(ctx: &Context<'_>, k: usize) -> bool {
    let units = ctx.units;
    if k == 0 || units[k - 1].clause != units[k].clause {
        return false;
    }
    let head = ctx.text(k - 1);
    matches!(
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
    ) || (k.saturating_sub(4)..k)
        .any(|j| units[j].clause == units[k].clause && units[j].info.kw == Kw::Too)
}

fn is_comparative(word: &str) -> bool {
    matches!(
        word,
        "better" | "happier" | "more" | "greater" | "nicer" | "easier" | "faster"
    )
}

/// Contrast inside one sentence, at its first contrast word `ci`: with "but", "however",
/// "except", "nevertheless", what comes before counts half and what follows one and a half.
/// "Although X, Y" (also "though", "despite") makes X the weak side; "Y, although X" makes the
/// part after the word weak. "not only X but Y" adds rather than contrasts.
fn contrast(units: &[Unit], sentiments: &mut [f64], rules: &mut [Rules], s: &Sentence, ci: usize) {
    let not_only = (s.first..ci).any(|j| units[j].negator && units[j + 1].info.kw == Kw::Only);
    if not_only {
        return;
    }
    let concessive = matches!(units[ci].info.kw, Kw::Although | Kw::Though | Kw::Despite);
    let clause = units[ci].clause;
    for j in s.first..s.end {
        if j == ci || sentiments[j] == 0.0 {
            continue;
        }
        let weak = match (concessive, ci == s.first) {
            // "Although X, Y": the concession's own clause is weak.
            (true, true) => units[j].clause == clause,
            // "Y, although X": what follows the word is weak.
            (true, false) => j > ci,
            // "X but Y": what precedes is weak.
            (false, _) => j < ci,
        };
        if weak {
            sentiments[j] *= WEAK_SIDE;
            note(rules, j, Rules::BEFORE_BUT);
        } else {
            sentiments[j] *= STRONG_SIDE;
            note(rules, j, Rules::AFTER_BUT);
        }
    }
}

/// Sarcasm markers that reverse what the words say.
fn sarcasm(units: &[Unit], sentiments: &mut [f64], rules: &mut [Rules], sentences: &[Sentence]) {
    let reverse_praise =
        |sentiments: &mut [f64], rules: &mut [Rules], range: std::ops::Range<usize>| {
            for j in range {
                if sentiments[j] > 0.0 {
                    sentiments[j] *= N_SCALAR;
                    note(rules, j, Rules::NEGATION);
                }
            }
        };
    for (k, s) in sentences.iter().enumerate() {
        let words = &units[s.first..s.end];
        // "The movie was funny... not." — a sentence that is just "not" reverses the one before.
        if k > 0 && words.len() == 1 && words[0].info.kw == Kw::Not {
            let prev = &sentences[k - 1];
            reverse_praise(sentiments, rules, prev.first..prev.end);
        }
        // "Yeah right, great service." — "yeah right" opening a sentence turns its praise into
        // blame.
        if words.len() >= 2
            && matches!(words[0].info.kw, Kw::Yeah | Kw::Yea)
            && words[1].info.kw == Kw::Right
        {
            sentiments[s.first] = -1.0;
            note(rules, s.first, Rules::IDIOM);
            reverse_praise(sentiments, rules, s.first + 2..s.end);
        }
    }
    // "Lovely." / "Great, another outage." — a clause made only of one positive word (perhaps
    // after "oh", "just", "so", a booster), in a text that is otherwise negative. Clauses are
    // runs of consecutive units, so one pass finds each clause's extent.
    if !sentiments.iter().any(|&v| v < 0.0) {
        return;
    }
    let total: f64 = sentiments.iter().sum();
    let filler = |u: &Unit| {
        matches!(u.info.kw, Kw::Oh | Kw::Just | Kw::Subordinator | Kw::So)
            || u.info.booster.is_some()
    };
    let mut start = 0;
    while start < units.len() {
        let clause = units[start].clause;
        let mut end = start;
        let (mut count, mut only) = (0, start);
        while end < units.len() && units[end].clause == clause {
            if !filler(&units[end]) {
                count += 1;
                only = end;
            }
            end += 1;
        }
        let v = sentiments[only];
        if count == 1 && v > 0.0 && units[only].kind == UnitKind::Word && total - v < 0.0 {
            sentiments[only] *= N_SCALAR;
            note(rules, only, Rules::NEGATION);
        }
        start = end;
    }
}

/// Sums per sentence (with VADER's punctuation emphasis), reads short texts as one sum and long
/// ones as the mean of their sentences, applies `damp`, and calibrates.
fn aggregate(sentiments: &[f64], sentences: &[Sentence], damp: f64) -> Sentiment {
    if sentiments.is_empty() {
        return Sentiment::ZERO;
    }
    let (mut mean_sum, mut weight, mut whole, mut total_emphasis) = (0.0, 0.0f64, 0.0, 0.0);
    for s in sentences {
        let mut sum: f64 = sentiments[s.first..s.end].iter().sum();
        // An exclamation with no sentiment word is mostly enthusiasm ("See you there!").
        if sum == 0.0 && s.end > s.first && s.bangs > 0 {
            sum = BANG_LEAN;
        }
        let emphasis = punctuation_emphasis(s.bangs as usize, s.questions as usize);
        if sum > 0.0 {
            sum += emphasis;
        } else if sum < 0.0 {
            sum -= emphasis;
        }
        total_emphasis += emphasis;
        whole += sum;
        mean_sum += normalize(sum);
        // Sentences without sentiment count half: they dilute, but less than a sentiment.
        weight += if sum == 0.0 { 0.5 } else { 1.0 };
    }
    let raw = if sentences.len() <= SHORT_TEXT_SENTENCES {
        normalize(whole)
    } else {
        mean_sum / weight.max(1.0)
    };
    // No evidence at all still leans, faintly: a customer who writes without a single
    // sentiment word is more often reporting a problem than praising (the lean stays far inside
    // the neutral band; only a binary reading of the sign sees it).
    let compound = if raw == 0.0 {
        ZERO_EVIDENCE_LEAN
    } else {
        raw * damp
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
        positive: pos / total,
        negative: neg.abs() / total,
        neutral: neu as f64 / total,
    }
}

/// The neutral band, calibrated: a compound weaker than the thresholds above is evidence too
/// thin to call, so it is mapped inside VADER's ±0.05 band (keeping its sign, which a binary
/// reading of the score still uses); stronger ones are stretched to fill the rest of the scale.
pub(crate) fn calibrate(c: f64) -> f64 {
    let threshold = if c > 0.0 {
        NEUTRAL_THRESHOLD_POSITIVE
    } else {
        NEUTRAL_THRESHOLD_NEGATIVE
    };
    let a = c.abs();
    let mapped = if a < threshold {
        a / threshold * 0.0499
    } else {
        0.05 + (a - threshold) / (1.0 - threshold) * 0.95
    };
    mapped.copysign(c)
}
