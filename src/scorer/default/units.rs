//! Reading the text's words into the units the rules score: words, numbers, emoji, emoticons
//! and the words of hashtags, each with what the word table knows about it; punctuation into
//! clause and sentence boundaries; and the facts about the whole text ([`TextCues`]).
//!
//! What this step decides: @mentions, URLs, e-mail addresses and symbols carry no sentiment
//! (VADER scores "@united" as "united", +1.8); hashtags are split into words (`#NotHappy` →
//! not happy, `#usairsucks` → usair sucks); an emoji is looked up whole, then without skin
//! tones and variation selectors, then by its first character; an unknown word with a letter
//! three times in a row is looked up without the elongation (`goooood` → good).

use super::{DefaultScratch, Tables};
use crate::lexicon::is_emoji_modifier;
use crate::read::{Word, WordId, Words, has_letter_run, read_each};
use crate::scorer::terms::{Kw, TermInfo};
use crate::tokenizer::{Flags, TokenKind};

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
    /// The vocabulary id of its lower-cased form (without the elongation, when that made it a
    /// known word), for phrases.
    pub id: WordId,
    pub kind: UnitKind,
    pub info: TermInfo,
    /// The valence this unit starts from (lexicon, or a phrase's on its first word).
    pub base: f64,
    pub clause: u32,
    pub sentence: u32,
    pub caps: bool,
    pub capitalized: bool,
    pub elongated: bool,
    pub negator: bool,
    /// A negation that negated a sentiment word.
    pub negation_used: bool,
    /// Part of a phrase whose valence sits on its first word.
    pub in_phrase: bool,
    /// The first word of a matched phrase: its valence is the phrase's, whatever the word is.
    pub phrase_start: bool,
    /// A word of a hashtag split into several words.
    pub multi_part: bool,
}

/// A sentence: its units `first..end`, its `!` and `?`, and where its contrast is.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Sentence {
    pub first: usize,
    pub end: usize,
    pub bangs: u32,
    pub questions: u32,
    /// The first contrast word ("but", "although", ...) of the sentence, if any.
    pub contrast: Option<usize>,
}

/// Facts about the whole text gathered while reading it.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TextCues {
    /// The text links out: it is more often sharing news than judging.
    pub url: bool,
    /// The text shows its writer: a first- or second-person pronoun, an emoji or emoticon, an
    /// exclamation mark, shouting, elongation, "lol". A text with none of these reads as a
    /// report (a headline, a news tweet) whose words describe events, not feelings.
    pub subjective: bool,
    /// Word units, and how many of them are capitalised (to tell a title-case headline).
    pub words: usize,
    pub capitalised: usize,
    /// Some word has a lower-case letter: ALL-CAPS words then stand out as shouting.
    pub has_lower: bool,
}

/// Reads the text's words — `words` when the analyzer has read them for every stage, else
/// read here as they come — into units, punctuation into clause and sentence boundaries, and
/// the [`TextCues`]. The punctuation before or after a plain word (`(`, `.!`, `)!`) is one run
/// of marks: its `!` and `?` count for the sentence it ends. (Elsewhere each punctuation token
/// is read alone, so `...??` between two words gives its `??` to the sentence that follows.)
pub(super) fn read(
    text: &str,
    words: Option<&Words>,
    tables: &Tables,
    scratch: &mut DefaultScratch,
) {
    let DefaultScratch {
        units,
        sentences,
        negators,
        phrase_starts,
        cues,
        buffer,
        shorter,
        read_lower,
        ..
    } = scratch;
    units.clear();
    sentences.clear();
    negators.clear();
    phrase_starts.clear();
    let mut r = Reader {
        tables,
        units,
        buffer,
        shorter,
        sentences,
        negators,
        phrase_starts,
        cues: TextCues::default(),
        clause: 0,
        sentence: Sentence::default(),
        pending_punct: None,
    };
    match words {
        Some(words) => {
            for w in words.as_slice() {
                r.word(text, w, words.lower(text, w));
            }
        }
        None => {
            read_lower.clear();
            read_each(text, tables.table.vocabulary(), read_lower, |w, lower| {
                r.word(text, w, lower)
            });
        }
    }
    r.flush_punct(text);
    r.finish();
    *cues = r.cues;
}

/// A run of punctuation words not yet read: its span, and whether it began in a plain piece.
#[derive(Clone, Copy)]
struct PendingPunct {
    start: usize,
    end: usize,
    plain: bool,
}

/// The state of [`read`].
struct Reader<'a> {
    tables: &'a Tables,
    units: &'a mut Vec<Unit>,
    buffer: &'a mut String,
    shorter: &'a mut String,
    sentences: &'a mut Vec<Sentence>,
    negators: &'a mut Vec<usize>,
    phrase_starts: &'a mut Vec<usize>,
    cues: TextCues,
    clause: u32,
    sentence: Sentence,
    pending_punct: Option<PendingPunct>,
}

impl Reader<'_> {
    /// One word of the text (`lower`: its lower-cased form).
    #[inline(always)]
    fn word(&mut self, text: &str, w: &Word, lower: &str) {
        if w.kind == TokenKind::Punct {
            if let Some(run) = &mut self.pending_punct
                && run.plain
                && w.plain
                && w.flags.contains(Flags::JOINED)
            {
                run.end = w.end;
                return;
            }
            self.flush_punct(text);
            self.pending_punct = Some(PendingPunct {
                start: w.start,
                end: w.end,
                plain: w.plain,
            });
            return;
        }
        self.flush_punct(text);
        let raw = &text[w.start..w.end];
        match w.kind {
            TokenKind::Word => {
                self.unit(raw, w.start, UnitKind::Word, w.flags, Some((lower, w.id)));
            }
            TokenKind::Number => {
                self.unit(raw, w.start, UnitKind::Number, w.flags, Some((lower, w.id)));
            }
            // The emoji as written (lower-casing leaves emoji alone, but look up what is
            // written).
            TokenKind::Emoji => self.emoji(raw, w.start, w.lowered.is_none().then_some(w.id)),
            // "&lt;3" is "<3" escaped by a web API: read as "<3", spanning what is written.
            TokenKind::Emoticon => match raw {
                "&lt;3" | "&lt;/3" => {
                    let unescaped = if raw == "&lt;3" { "<3" } else { "</3" };
                    self.unit(unescaped, w.start, UnitKind::Emoticon, Flags::EMPTY, None);
                    if let Some(u) = self.units.last_mut() {
                        u.end = w.end;
                    }
                }
                _ => {
                    let read = Some((lower, w.id));
                    self.unit(raw, w.start, UnitKind::Emoticon, Flags::EMPTY, read);
                }
            },
            TokenKind::Hashtag => self.hashtag(&raw[1..], w.start + 1),
            TokenKind::Url => self.cues.url = true,
            // Mentions, e-mail addresses and symbols say nothing about sentiment.
            TokenKind::Mention | TokenKind::Email | TokenKind::Symbol | TokenKind::Punct => {}
        }
    }

    /// Reads the pending run of punctuation, if any.
    #[inline(always)]
    fn flush_punct(&mut self, text: &str) {
        if let Some(run) = self.pending_punct.take() {
            self.punct(&text[run.start..run.end]);
        }
    }

    /// A word, number, emoticon or hashtag part, written `raw` at byte `start` of the text.
    /// `read` is its lower-cased form and id when the reading stage has them (a hashtag's parts
    /// and an unescaped emoticon are lower-cased and looked up here).
    #[inline(always)]
    fn unit(
        &mut self,
        raw: &str,
        start: usize,
        kind: UnitKind,
        flags: Flags,
        read: Option<(&str, WordId)>,
    ) {
        let table = &self.tables.table;
        let buffer = &mut *self.buffer;
        let (lower, mut id) = match read {
            Some(read) => read,
            None => {
                buffer.clear();
                for c in raw.chars() {
                    match c {
                        // Both apostrophes read the same: "wasn’t" negates like "wasn't".
                        '’' | '‘' => buffer.push('\''),
                        c => buffer.extend(c.to_lowercase()),
                    }
                }
                (&buffer[..], table.vocabulary().id(buffer))
            }
        };
        let mut info = table.info(id);
        // Only a word with an apostrophe can hold "n't" (a word's flags say; a hashtag part or
        // an emoticon is tested).
        let apostrophe = match kind {
            UnitKind::Word => flags.contains(Flags::CONTRACTION),
            _ => lower.as_bytes().contains(&b'\''),
        };
        let mut negator = info.negation() || (apostrophe && lower.contains("n't"));
        // An unknown word with a letter three times in a row may be elongated: "goooood" →
        // "good", "soooo" → "so" (runs cut to two letters, then to one; the first known wins).
        // It counts as emphasis either way.
        let elongated = !info.is_known()
            && table
                .vocabulary()
                .letter_run(id)
                .unwrap_or_else(|| has_letter_run(lower));
        if elongated {
            let shorter = &mut *self.shorter;
            for keep in [2, 1] {
                collapse_runs(lower, keep, shorter);
                let found = table.vocabulary().id(shorter);
                if table.info(found).is_known() {
                    id = found;
                    info = table.info(found);
                    negator = info.negation() || shorter.contains("n't");
                    break;
                }
            }
        }
        let caps = flags.contains(Flags::CAPS);
        let capitalized = flags.contains(Flags::CAPITALIZED);
        // A word has lower case unless it is all capitals; the test stops mattering once one
        // word has it.
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
        if info.phrase() {
            self.phrase_starts.push(index);
        }
        if self.sentence.contrast.is_none() && info.kw.is_contrast() {
            self.sentence.contrast = Some(index);
        }
        self.units.push(Unit {
            start,
            end: start + raw.len(),
            id,
            kind,
            info,
            base: info.valence().unwrap_or(0.0),
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
    /// first character ("👩‍💻" → "👩"). `id`: the reading stage's id of `raw`, if it has it.
    fn emoji(&mut self, raw: &str, start: usize, id: Option<WordId>) {
        let table = &self.tables.table;
        let id = id.unwrap_or_else(|| table.vocabulary().id(raw));
        let mut info = table.info(id);
        if info.valence().is_none() {
            let buffer = &mut *self.buffer;
            buffer.clear();
            buffer.extend(raw.chars().filter(|c| !is_emoji_modifier(*c)));
            info = table.get(buffer);
            if info.valence().is_none()
                && let Some(first) = raw.chars().next()
            {
                let mut utf8 = [0u8; 4];
                info = table.get(first.encode_utf8(&mut utf8));
            }
        }
        self.cues.subjective = true;
        self.units.push(Unit {
            start,
            end: start + raw.len(),
            id,
            kind: UnitKind::Emoji,
            info,
            base: info.valence().unwrap_or(0.0),
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

    /// A hashtag's body (after `#`), at byte `start`.
    fn hashtag(&mut self, body: &str, start: usize) {
        if let Some((left, right)) = split_compound(body, self.tables) {
            // "#nothappy", "#usairsucks": a known word at the end, maybe a negation before.
            self.unit(left, start, UnitKind::Hashtag, Flags::EMPTY, None);
            let right_start = start + left.len();
            self.unit(right, right_start, UnitKind::Hashtag, Flags::EMPTY, None);
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

/// `word` with every run of more than `keep` equal characters cut to `keep`, into `out`.
fn collapse_runs(word: &str, keep: usize, out: &mut String) {
    out.clear();
    let mut prev = None;
    let mut run = 0;
    for c in word.chars() {
        run = if Some(c) == prev { run + 1 } else { 1 };
        prev = Some(c);
        if run <= keep {
            out.push(c);
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
        .find(|(_, right)| tables.table.get(right).valence().is_some_and(|v| v != 0.0))
}

#[cfg(test)]
mod tests {
    use crate::read::has_letter_run;

    /// Elongation is one letter three times in a row: rows for ASCII and not, with the near
    /// misses (two in a row, three of a non-letter, a run broken by another letter).
    #[test]
    fn a_letter_run_is_three_of_one_letter() {
        let rows = [
            ("sooo", true),
            ("noooooo", true),
            ("zzz", true),
            ("yesss", true),
            ("soo", false),
            ("sosos", false),
            ("!!!", false),
            ("111", false),
            ("aab", false),
            ("ab", false),
            ("", false),
            ("ñññ", true),
            ("ññ", false),
            ("pequeñooo", true),
        ];
        for (word, expected) in rows {
            assert_eq!(has_letter_run(word), expected, "{word:?}");
        }
    }
}
