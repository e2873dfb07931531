//! The coarse layer of the tokenizer: whitespace-separated pieces, the units VADER calls
//! words. A piece is exactly a maximal run of tokens with no whitespace between them (both
//! layers use Python's `str.isspace()` set), so scoring can work on pieces without producing
//! the fine tokens, at several times the speed.

use super::scanner::ShapeCounter;
use super::unicode::{ALPHA, BYTE_CLASS, UClass, WORD_BYTE, WS, class_of};
use super::{Flags, emoticon};

/// Splits `text` on whitespace (Python's `str.split()` with no argument), with byte offsets.
///
/// ```
/// use earshot::tokenizer::pieces;
///
/// let p: Vec<(usize, &str)> = pieces("so  good!!\u{A0}:)").map(|p| (p.start, p.text)).collect();
/// assert_eq!(p, [(0, "so"), (4, "good!!"), (12, ":)")]);
/// ```
pub fn pieces(text: &str) -> Pieces<'_> {
    Pieces { text, pos: 0 }
}

/// A whitespace-separated piece of text; see [`pieces`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Piece<'a> {
    /// The piece's text, borrowed from the input.
    pub text: &'a str,
    /// Byte offset of the piece in the input.
    pub start: usize,
}

/// Iterator over the [`Piece`]s of a text.
#[derive(Clone, Debug)]
pub struct Pieces<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Pieces<'a> {
    /// The length of the whitespace character at byte `i`, if there is one. Only the lead
    /// bytes C2, E1, E2 and E3 can begin a non-ASCII whitespace character.
    #[inline]
    fn space_at(&self, i: usize) -> Option<usize> {
        let b = self.text.as_bytes()[i];
        if b < 0x80 {
            return (BYTE_CLASS[b as usize] & WS != 0).then_some(1);
        }
        if !matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
            return None;
        }
        let c = self.text[i..].chars().next()?;
        (class_of(c) == UClass::Space).then(|| c.len_utf8())
    }
}

impl<'a> Pieces<'a> {
    /// The next piece, and whether it is a [`PlainPiece`] — found in the same pass over its
    /// bytes.
    pub(crate) fn next_classified(&mut self) -> Option<(Piece<'a>, Option<PlainPiece>)> {
        self.scan::<true>()
    }

    /// Finds the next piece; with `CLASSIFY`, also runs the plain-piece recogniser on its bytes.
    #[inline(always)]
    fn scan<const CLASSIFY: bool>(&mut self) -> Option<(Piece<'a>, Option<PlainPiece>)> {
        let len = self.text.len();
        let mut i = self.pos;
        while i < len {
            match self.space_at(i) {
                Some(n) => i += n,
                None => break,
            }
        }
        if i >= len {
            self.pos = len;
            return None;
        }
        let start = i;
        let bytes = self.text.as_bytes();
        let mut plain = PlainScanner::default();
        while i < len {
            let b = bytes[i];
            if b < 0x80 {
                if BYTE_CLASS[b as usize] & WS != 0 {
                    break;
                }
                if CLASSIFY {
                    plain.push(b, i - start);
                }
                i += 1;
            } else if self.space_at(i).is_some() {
                break;
            } else {
                if CLASSIFY {
                    plain.reject();
                }
                // Skip the whole character (its lead byte tells its length).
                i += match b {
                    0xF0..=0xFF => 4,
                    0xE0..=0xEF => 3,
                    _ => 2,
                };
            }
        }
        self.pos = i;
        let text = &self.text[start..i];
        let plain = if CLASSIFY {
            plain.finish(text.as_bytes())
        } else {
            None
        };
        Some((Piece { text, start }, plain))
    }
}

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        self.scan::<false>().map(|(piece, _)| piece)
    }
}

impl std::iter::FusedIterator for Pieces<'_> {}

/// A piece that is one plain ASCII word with plain punctuation around it — "good", "(see",
/// "delayed!!!", "don't," — the large majority of pieces in posts. For such a piece the
/// tokenizer would produce exactly: punctuation tokens, one word token, punctuation tokens, so a
/// caller that only needs those can skip it (the property tests check that it agrees).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PlainPiece {
    /// Byte range of the word inside the piece.
    pub word_start: usize,
    pub word_end: usize,
    /// The word's flags (without [`Flags::JOINED`]).
    pub flags: Flags,
}

/// Recognises a [`PlainPiece`]: optional leading `(` or `"`, a word of ASCII letters, digits,
/// `_` and inner apostrophes that starts with a letter and is no emoticon (`xD`), then only
/// `.`, `,`, `!`, `?`, `"` or `)`.
#[cfg(test)]
fn plain_piece(piece: &str) -> Option<PlainPiece> {
    let mut plain = PlainScanner::default();
    for (i, &b) in piece.as_bytes().iter().enumerate() {
        plain.push(b, i);
    }
    plain.finish(piece.as_bytes())
}

/// Where [`PlainScanner`] is in a piece.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum PlainState {
    /// Before the word: `(` and `"` only.
    #[default]
    Lead,
    Word,
    /// Right after an apostrophe inside the word: a letter must follow.
    Apostrophe,
    /// After the word: `.`, `,`, `!`, `?`, `"`, `)` only.
    Trail,
    /// Not a plain piece.
    Rejected,
}

/// The plain-piece recogniser, fed one byte at a time so that it can run inside the piece
/// scan.
#[derive(Default)]
struct PlainScanner {
    state: PlainState,
    word_start: usize,
    word_end: usize,
    apostrophe: bool,
    shape: ShapeCounter,
}

impl PlainScanner {
    /// Feeds the ASCII byte `b` at offset `i` of the piece.
    #[inline(always)]
    fn push(&mut self, b: u8, i: usize) {
        let class = BYTE_CLASS[b as usize];
        match self.state {
            PlainState::Lead => {
                if class & ALPHA != 0 {
                    self.state = PlainState::Word;
                    self.word_start = i;
                    self.shape.push(b);
                } else if !matches!(b, b'(' | b'"') {
                    self.state = PlainState::Rejected;
                }
            }
            PlainState::Word => {
                if WORD_BYTE[b as usize] {
                    self.shape.push(b);
                } else if b == b'\'' {
                    self.state = PlainState::Apostrophe;
                    self.shape.push(b);
                } else if matches!(b, b'.' | b',' | b'!' | b'?' | b'"' | b')') {
                    self.state = PlainState::Trail;
                    self.word_end = i;
                } else {
                    self.state = PlainState::Rejected;
                }
            }
            PlainState::Apostrophe => {
                if class & ALPHA != 0 {
                    self.state = PlainState::Word;
                    self.apostrophe = true;
                    self.shape.push(b);
                } else {
                    self.state = PlainState::Rejected;
                }
            }
            PlainState::Trail => {
                if !matches!(b, b'.' | b',' | b'!' | b'?' | b'"' | b')') {
                    self.state = PlainState::Rejected;
                }
            }
            PlainState::Rejected => {}
        }
    }

    /// A non-ASCII character: no plain piece has one.
    fn reject(&mut self) {
        self.state = PlainState::Rejected;
    }

    /// The result for the whole piece `bytes`.
    fn finish(self, bytes: &[u8]) -> Option<PlainPiece> {
        let word_end = match self.state {
            PlainState::Word => bytes.len(),
            PlainState::Trail => self.word_end,
            _ => return None,
        };
        let first = bytes[self.word_start];
        // Letter emoticons ("xD", "o_O") never go on with a lower-case letter, except "xd".
        let next_lower = bytes
            .get(self.word_start + 1)
            .is_some_and(|n| n.is_ascii_lowercase());
        if emoticon::can_start(first)
            && (!next_lower || first == b'x')
            && emoticon::match_at(bytes, self.word_start).is_some()
        {
            return None;
        }
        let mut flags = self.shape.flags(first);
        if self.apostrophe {
            flags |= Flags::CONTRACTION;
        }
        Some(PlainPiece {
            word_start: self.word_start,
            word_end,
            flags,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenizer::{TokenKind, tokenize};

    /// The shortcut agrees with the tokenizer: punctuation tokens, then exactly the word, then
    /// punctuation tokens.
    fn agrees(piece: &str) {
        let Some(p) = plain_piece(piece) else { return };
        let tokens: Vec<_> = tokenize(piece).collect();
        let words: Vec<_> = tokens
            .iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .collect();
        assert_eq!(words.len(), 1, "{piece:?}: {tokens:?}");
        let w = words[0];
        assert_eq!(
            (w.kind, w.start, w.end),
            (TokenKind::Word, p.word_start, p.word_end),
            "{piece:?}"
        );
        let mut flags = w.flags;
        if w.start > 0 {
            // JOINED depends on what precedes; the shortcut leaves it to the caller.
            assert!(flags.contains(Flags::JOINED));
            flags = Flags(flags.0 & !Flags::JOINED.0);
        }
        assert_eq!(flags, p.flags, "{piece:?}");
    }

    #[test]
    fn plain_piece_agrees_with_the_tokenizer() {
        for piece in [
            "good",
            "(see",
            "\"quoted\"",
            "delayed!!!",
            "don't,",
            "GOOD.",
            "soooo?!",
            "x)",
            "(hi)",
            "3rd",
            "xD",
            "D:",
            "e.g.",
            "www.acme.com",
            "http://x",
            "can’t",
            "#tag",
            "@me",
            "ok:)",
            "wow;)",
            "it's",
            "'cause",
            "end'",
            "a_b",
            "Tom",
            "To",
            "o.O",
            "T_T",
            "hello...",
            "x",
        ] {
            agrees(piece);
        }
        // Spot checks that the shortcut declines what it must.
        for piece in [
            "xD",
            "D:",
            "e.g.",
            "www.acme.com",
            "can’t",
            "#tag",
            "ok:)",
            "3rd",
            "'cause",
        ] {
            assert_eq!(plain_piece(piece), None, "{piece:?}");
        }
        assert!(plain_piece("delayed!!!").is_some());
    }

    #[test]
    fn plain_piece_agrees_on_generated_pieces() {
        let alphabet = [
            "a", "Z", "x", "D", "o", "O", "T", "B", "8", "3", "'", "(", ")", "\"", ".", ",", "!",
            "?", ":", ";", "_", "-", "=", "<", "/", "w", "h", "@", "#",
        ];
        let mut state = 0x1234_5678_9ABC_DEF0u64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = 1 + (state % 7) as usize;
            let mut piece = String::new();
            let mut r = state;
            for _ in 0..len {
                piece.push_str(alphabet[(r % alphabet.len() as u64) as usize]);
                r /= alphabet.len() as u64;
            }
            agrees(&piece);
        }
    }
}
