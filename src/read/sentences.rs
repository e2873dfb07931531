//! Sentences: where a text's sentences begin, in its words. Patterns anchored with `^` are
//! tried at each sentence's first word, and the classifier scores each sentence alone. Found
//! once per text ([`Words::find_sentences`](super::Words::find_sentences)) for every stage
//! that reads them.

use crate::read::Word;
use crate::tokenizer::{Flags, TokenKind};

/// One sentence of a text, as indices into its words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Sentence {
    /// Its first word (maybe punctuation: an opening quote or bracket, a bullet).
    pub first: u32,
    /// Its first word that is neither punctuation nor an @mention, where `^` patterns are
    /// tried (`end` if it has none).
    pub anchor: u32,
    /// One past its last word.
    pub end: u32,
}

/// Whether the punctuation `word` (lower-cased as reading gives it: a run reads as its first
/// character, or `?`) ends a sentence: `.`, `!`, `?`, `…` and their CJK forms. A colon or a
/// semicolon does not: what follows usually belongs to what came before ("Tip: hold it").
#[inline]
fn ends_sentence(word: &Word, lower: &[u8]) -> bool {
    // "…", "。", "！", "？" in UTF-8.
    word.kind == TokenKind::Punct
        && matches!(
            lower,
            b"." | b"!"
                | b"?"
                | [0xE2, 0x80, 0xA6]
                | [0xE3, 0x80, 0x82]
                | [0xEF, 0xBC, 0x81]
                | [0xEF, 0xBC, 0x9F]
        )
}

/// Fills `out` with the sentences of `words` (read from `source`, lower-cased forms in
/// `lower`): a sentence ends after sentence-ending punctuation (with the closing quotes and
/// brackets written right after it: `"Click OK."`) or at a line break. A text with words has
/// at least one sentence; an empty one has none.
pub(crate) fn find_sentences(source: &str, lower: &str, words: &[Word], out: &mut Vec<Sentence>) {
    out.clear();
    let mut open: Option<Sentence> = None;
    // Whether the open sentence has ended, but may still take joined punctuation.
    let mut ended = false;
    let mut previous_end = 0;
    for (i, word) in words.iter().enumerate() {
        let i = i as u32;
        // A line break between two words ends a sentence too (lists, titles on their own line).
        let line_break = source
            .as_bytes()
            .get(previous_end..word.start)
            .is_some_and(|gap| gap.contains(&b'\n'));
        previous_end = word.end;
        let is_punct = word.kind == TokenKind::Punct;
        let closing = ended && is_punct && word.flags.contains(Flags::JOINED) && !line_break;
        if (line_break || (ended && !closing))
            && let Some(done) = open.take()
        {
            out.push(done.ending_at(i));
            ended = false;
        }
        let sentence = open.get_or_insert(Sentence {
            first: i,
            anchor: u32::MAX,
            end: u32::MAX,
        });
        if !is_punct {
            // A sentence opens with its first word, after the @mentions that address it.
            if word.kind != TokenKind::Mention {
                sentence.anchor = sentence.anchor.min(i);
            }
        } else if !ended {
            let text = match word.lowered {
                Some((a, b)) => &lower.as_bytes()[a as usize..b as usize],
                None => &source.as_bytes()[word.start..word.end],
            };
            ended = ends_sentence(word, text);
        }
    }
    if let Some(last) = open {
        out.push(last.ending_at(words.len() as u32));
    }
}

impl Sentence {
    /// The sentence, ended before word `end`.
    fn ending_at(self, end: u32) -> Sentence {
        Sentence {
            anchor: self.anchor.min(end),
            end,
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Vocabulary, Words};

    /// The text of each sentence's anchor word, or "" for a sentence of punctuation only.
    fn anchors(text: &str) -> Vec<String> {
        let mut words = Words::default();
        words.read(text, &Vocabulary::new());
        let mut out = Vec::new();
        find_sentences(text, words.lower_buffer(), words.as_slice(), &mut out);
        let w = words.as_slice();
        // Sentences cover the words in order, without gaps.
        let mut expected_first = 0;
        for s in &out {
            assert!(s.first == expected_first && s.first <= s.anchor && s.anchor <= s.end);
            assert!(s.first < s.end, "{text:?}: {out:?}");
            expected_first = s.end;
        }
        assert_eq!(expected_first as usize, w.len(), "{text:?}");
        out.iter()
            .map(|s| match w.get(s.anchor as usize) {
                Some(x) if s.anchor < s.end => text[x.start..x.end].to_string(),
                _ => String::new(),
            })
            .collect()
    }

    #[test]
    fn sentences_end_at_stops_and_line_breaks() {
        for (text, expected) in [
            ("", &[][..]),
            ("Try it. It works!", &["Try", "It"][..]),
            ("Why?! Because... it does", &["Why", "Because", "it"]),
            ("Tip: hold it; then let go", &["Tip"]),
            ("\"Click OK.\" (Then restart.)", &["Click", "Then"]),
            ("Done!) ok", &["Done", "ok"]),
            ("2. Click Preferences", &["2", "Click"]),
            ("Step one\nStep two", &["Step", "Step"]),
            ("!!! wow", &["", "wow"]),
            ("it costs 4.5 dollars", &["it"]),
            ("終わり。次", &["終", "次"]),
            ("@acme @help why? @acme", &["why", ""]),
        ] {
            assert_eq!(anchors(text), expected, "{text:?}");
        }
    }
}
