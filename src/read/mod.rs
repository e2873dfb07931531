//! Stage 1b: reading. A text becomes its words — every token the [tokenizer](crate::tokenizer)
//! finds, with its span, kind, flags, lower-cased form and one id from the analyzer's
//! [`Vocabulary`] — in one pass. Every later stage reads these words: the default scorer maps
//! ids to valence information, cue matching (categories) maps them to pattern starts, and a new
//! stage maps them to whatever it needs, without looking a word up again.
//!
//! The pass goes over whitespace-separated pieces: a piece that is one plain ASCII word with
//! plain punctuation around it (most pieces in posts) is read from the piece scan directly;
//! any other piece is tokenized. Both give exactly the tokenizer's tokens (tested below).
//!
//! Lower-cased forms: letters lower-cased, `’` and `‘` read as `'`; a URL reads as `<url>`, an
//! e-mail address as `<email>`, a run of punctuation as its first character (or `?` if it has
//! one: `?!?` reads as `?`).

mod keys;
mod names;
mod sentences;
mod vocabulary;

pub(crate) use keys::{KeyBytes, KeyTable, WordKey};
pub(crate) use sentences::{Sentence, find_sentences};
pub(crate) use vocabulary::{NO_WORD, Vocabulary, WordId};

use crate::tokenizer::{Flags, PlainPiece, TokenKind, pieces, tokenize};

/// One word of a text as the stages read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    /// Its span in the text.
    pub start: usize,
    pub end: usize,
    /// Its lower-cased form in [`Words`]' buffer, when that differs from the text's span (most
    /// words are lower case already and are read from the text itself).
    pub lowered: Option<(u32, u32)>,
    /// Its id in the vocabulary, or [`NO_WORD`].
    pub id: WordId,
    pub kind: TokenKind,
    /// The tokenizer's flags, but [`Flags::ELONGATED`], which a word read from a plain piece
    /// does not get (testing for it costs a pass over every word, and the rule that needs it,
    /// the default preset's elongation, tests the words it needs itself).
    pub flags: Flags,
    /// The first two bytes of the lower-cased form (see [`pair`]), for prefix tests.
    pub pair: u16,
    /// Written like a name (see `names.rs`).
    pub name: bool,
    /// Read from a plain piece (a plain word or the punctuation around it) without
    /// tokenizing it.
    pub plain: bool,
}

/// The words of one text; reused from text to text, so reading a warm text allocates nothing.
#[derive(Clone, Debug, Default)]
pub(crate) struct Words {
    /// The lower-cased forms that differ from the text.
    lower: String,
    words: Vec<Word>,
    /// The text's sentences, once [`find_sentences`](Self::find_sentences) has found them
    /// for this reading (`sentences_found`): found once, read by every stage.
    sentences: Vec<Sentence>,
    sentences_found: bool,
}

/// A token's first two bytes as a number (the second 0 for a one-byte token, and 0 for an
/// empty one).
#[inline]
pub(crate) fn pair(token: &[u8]) -> u16 {
    (token.first().copied().unwrap_or(0) as u16) << 8 | token.get(1).copied().unwrap_or(0) as u16
}

impl Words {
    /// The words, in text order.
    #[inline]
    pub(crate) fn as_slice(&self) -> &[Word] {
        &self.words
    }

    /// The buffer of lower-cased forms that differ from the text.
    #[inline]
    pub(crate) fn lower_buffer(&self) -> &str {
        &self.lower
    }

    /// The lower-cased form of `word`, a word of this reading of `source`.
    #[inline]
    pub(crate) fn lower<'a>(&'a self, source: &'a str, word: &Word) -> &'a str {
        match word.lowered {
            Some((a, b)) => &self.lower[a as usize..b as usize],
            None => &source[word.start..word.end],
        }
    }

    /// Reads `text`: its words replace the previous text's (and its sentences are forgotten).
    pub(crate) fn read(&mut self, text: &str, vocabulary: &Vocabulary) {
        let Words {
            lower,
            words,
            sentences_found,
            ..
        } = self;
        lower.clear();
        words.clear();
        *sentences_found = false;
        read_each(text, vocabulary, lower, |word, _| words.push(*word));
    }

    /// Finds the sentences of `text` (the text this reading was read from), unless found
    /// already for this reading; [`sentences`](Self::sentences) then gives them.
    pub(crate) fn find_sentences(&mut self, text: &str) {
        if !self.sentences_found {
            find_sentences(text, &self.lower, &self.words, &mut self.sentences);
            self.sentences_found = true;
        }
    }

    /// The sentences, if [`find_sentences`](Self::find_sentences) found them for this
    /// reading; a stage given words without them finds its own.
    #[inline]
    pub(crate) fn sentences(&self) -> Option<&[Sentence]> {
        self.sentences_found.then_some(self.sentences.as_slice())
    }
}

/// Reads `text` word by word without keeping the words: `each` gets every word and its
/// lower-cased form, in text order. The lower-cased forms that differ from the text are
/// appended to `lower` (where [`Word::lowered`] points). [`Words::read`] keeps the words; a
/// stage that is the only reader can take them as they come.
pub(crate) fn read_each(
    text: &str,
    vocabulary: &Vocabulary,
    lower: &mut String,
    each: impl FnMut(&Word, &str),
) {
    let mut reader = Reader {
        vocabulary,
        lower,
        each,
    };
    let mut all = pieces(text);
    while let Some((piece, plain)) = all.next_classified() {
        match plain {
            Some(p) => reader.push_plain(piece.text, piece.start, &p),
            None => {
                for t in tokenize(piece.text) {
                    reader.push(t.text, piece.start + t.start, t.kind, t.flags);
                }
            }
        }
    }
}

/// The state of [`read_each`].
struct Reader<'a, F> {
    vocabulary: &'a Vocabulary,
    lower: &'a mut String,
    each: F,
}

impl<F: FnMut(&Word, &str)> Reader<'_, F> {
    /// Adds the token `raw` of kind `kind`, found at byte `start` of the text.
    fn push(&mut self, raw: &str, start: usize, kind: TokenKind, flags: Flags) {
        let vocabulary = self.vocabulary;
        let lower = &mut *self.lower;
        let from = lower.len();
        let same = match kind {
            TokenKind::Url => {
                lower.push_str("<url>");
                false
            }
            TokenKind::Email => {
                lower.push_str("<email>");
                false
            }
            TokenKind::Punct => {
                let c = if raw.contains('?') {
                    '?'
                } else {
                    raw.chars().next().unwrap_or(' ')
                };
                if raw.len() == 1 && c.is_ascii() {
                    true
                } else {
                    lower.push(if matches!(c, '’' | '‘') { '\'' } else { c });
                    false
                }
            }
            _ if raw.is_ascii() => {
                if raw.bytes().any(|b| b.is_ascii_uppercase()) {
                    lower.push_str(raw);
                    lower[from..].make_ascii_lowercase();
                    false
                } else {
                    true
                }
            }
            _ => {
                for c in raw.chars() {
                    match c {
                        '’' | '‘' => lower.push('\''),
                        c => lower.extend(c.to_lowercase()),
                    }
                }
                false
            }
        };
        let (lowered, text) = if same {
            (None, raw)
        } else {
            (Some((from as u32, lower.len() as u32)), &lower[from..])
        };
        let id = vocabulary.id(text);
        let name = kind == TokenKind::Word && names::name_shaped(raw) && !vocabulary.is_common(id);
        let word = Word {
            start,
            end: start + raw.len(),
            lowered,
            id,
            kind,
            flags,
            pair: pair(text.as_bytes()),
            name,
            plain: false,
        };
        (self.each)(&word, text);
    }

    /// Adds the words of a plain piece (one ASCII word with plain punctuation around it, at byte
    /// `start` of the text) from what the piece scan found: the same words as tokenizing it.
    fn push_plain(&mut self, piece: &str, start: usize, plain: &PlainPiece) {
        let vocabulary = self.vocabulary;
        let (before, after) = (plain.word_start, plain.word_end);
        if before > 0 {
            self.push_punct_runs(&piece[..before], start, false);
        }
        let raw = &piece[before..after];
        let lower = &mut *self.lower;
        let from = lower.len();
        let lowered = plain.has_upper.then(|| {
            lower.push_str(raw);
            lower[from..].make_ascii_lowercase();
            (from as u32, lower.len() as u32)
        });
        let text = lowered.map_or(raw, |(a, b)| &lower[a as usize..b as usize]);
        // The word is ASCII: a short one is lower-cased and looked up as its key's two words.
        let id = match KeyBytes::of(raw.as_bytes()) {
            Some(b) if plain.has_upper => vocabulary.id_of_key(b.ascii_lowercase().key()),
            Some(b) => vocabulary.id_of_key(b.key()),
            None => vocabulary.id(text),
        };
        let name = names::plain_name_shaped(raw, plain.flags.contains(Flags::CAPITALIZED))
            && !vocabulary.is_common(id);
        let joined = if before > 0 {
            Flags::JOINED
        } else {
            Flags::EMPTY
        };
        let word = Word {
            start: start + before,
            end: start + after,
            lowered,
            id,
            kind: TokenKind::Word,
            flags: plain.flags | joined,
            pair: pair(text.as_bytes()),
            name,
            plain: true,
        };
        (self.each)(&word, text);
        if after < piece.len() {
            self.push_punct_runs(&piece[after..], start + after, true);
        }
    }

    /// Adds ASCII punctuation as the tokenizer splits it: runs of one character, `!` and `?`
    /// mixed. `joined`: the first run follows a token without whitespace between.
    fn push_punct_runs(&mut self, text: &str, start: usize, joined: bool) {
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let bang = matches!(b[i], b'!' | b'?');
            let mut j = i + 1;
            while j < b.len() && (b[j] == b[i] || (bang && matches!(b[j], b'!' | b'?'))) {
                j += 1;
            }
            // What `push` makes of an ASCII punctuation run, without its general steps: the
            // run reads as its first character, or `?` if it has one.
            let c = if bang && b[i..j].contains(&b'?') {
                b'?'
            } else {
                b[i]
            };
            let from = self.lower.len() as u32;
            let lowered = (j - i > 1).then(|| {
                self.lower.push(c as char);
                (from, from + 1)
            });
            let flags = if joined || i > 0 {
                Flags::JOINED
            } else {
                Flags::EMPTY
            };
            // `c` is ASCII punctuation: its one-byte string, without a UTF-8 check.
            let mut one = [0u8; 4];
            let form: &str = char::from(c).encode_utf8(&mut one);
            let word = Word {
                start: start + i,
                end: start + j,
                lowered,
                id: self.vocabulary.id(form),
                kind: TokenKind::Punct,
                flags,
                pair: (c as u16) << 8,
                name: false,
                plain: true,
            };
            (self.each)(&word, form);
            i = j;
        }
    }
}

/// Whether `word` has one letter three times in a row (the tokenizer's elongation).
pub(crate) fn has_letter_run(word: &str) -> bool {
    if word.is_ascii() {
        // Most words: three equal bytes, the last a letter (so all three are).
        return word
            .as_bytes()
            .windows(3)
            .any(|w| w[0] == w[1] && w[1] == w[2] && w[2].is_ascii_alphabetic());
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Reading gives exactly the tokenizer's tokens (spans, kinds, flags), with the lower-cased
    /// forms, ids and name shapes of reading each token alone: the plain-piece shortcut agrees
    /// with tokenizing. Checked on the sample corpora and on generated texts of words glued to
    /// punctuation runs.
    #[test]
    fn reading_gives_the_tokenizers_tokens() {
        let mut vocabulary = Vocabulary::new();
        for w in [
            "crash", "good", "!", "?", ".", "(", ":", "it's", "<url>", "lidl",
        ] {
            vocabulary.intern(w.into());
        }
        let mut texts: Vec<String> = include_str!("../../data/posts.txt")
            .lines()
            .chain(include_str!("../../data/reviews.txt").lines())
            .map(str::to_string)
            .collect();
        let parts = [
            "Lidl", "IKEA", "The", "so", "TV", "x", "it's", "(", "((", "\"", ")", ".", "..", ",",
            "!", "!?!", "??", "?", ":", "D", "xD", "3", "_", "'", "’", "é", "#", "@", " ", " ",
            "Goooood", "crash",
        ];
        let mut state = 0x5C0_12E5_u64;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..12 {
                state = crate::util::xorshift64(state);
                text.push_str(parts[(state % parts.len() as u64) as usize]);
            }
            texts.push(text);
        }
        let (mut words, mut alone) = (Words::default(), Words::default());
        for text in &texts {
            words.read(text, &vocabulary);
            alone.lower.clear();
            alone.words.clear();
            {
                let Words {
                    lower: alone_lower,
                    words: alone_words,
                    ..
                } = &mut alone;
                let mut reader = Reader {
                    vocabulary: &vocabulary,
                    lower: alone_lower,
                    each: |w: &Word, _: &str| alone_words.push(*w),
                };
                for t in tokenize(text) {
                    reader.push(t.text, t.start, t.kind, t.flags);
                }
            }
            assert_eq!(words.words.len(), alone.words.len(), "{text:?}");
            for (a, b) in words.words.iter().zip(&alone.words) {
                // Words read from plain pieces lack ELONGATED (see `Word::flags`).
                let unset = if a.plain { Flags::ELONGATED.bits() } else { 0 };
                assert_eq!(a.flags.bits(), b.flags.bits() & !unset, "{text:?}: {a:?}");
                let same = Word {
                    lowered: a.lowered.map(|_| (0, 0)),
                    plain: false,
                    flags: Flags::EMPTY,
                    ..*a
                } == Word {
                    lowered: b.lowered.map(|_| (0, 0)),
                    flags: Flags::EMPTY,
                    ..*b
                };
                assert!(same, "{text:?}: {a:?} vs {b:?}");
                assert_eq!(words.lower(text, a), alone.lower(text, b), "{text:?}");
            }
        }
    }

    /// Sentences are found once per reading and forgotten by the next: none before
    /// `find_sentences`, then exactly what finding them directly gives, none again after the
    /// next text is read (a stale list would put `^` patterns at the old text's sentences).
    #[test]
    fn sentences_are_found_once_per_reading() {
        let vocabulary = Vocabulary::new();
        let mut words = Words::default();
        let first = "It broke. Please fix it!\nThanks";
        words.read(first, &vocabulary);
        assert_eq!(words.sentences(), None);
        words.find_sentences(first);
        let mut direct = Vec::new();
        find_sentences(first, words.lower_buffer(), words.as_slice(), &mut direct);
        assert_eq!(direct.len(), 3, "three sentences: {direct:?}");
        assert_eq!(words.sentences(), Some(direct.as_slice()));
        let second = "one sentence only";
        words.read(second, &vocabulary);
        assert_eq!(words.sentences(), None);
        words.find_sentences(second);
        assert_eq!(words.sentences().map(<[Sentence]>::len), Some(1));
    }
}
