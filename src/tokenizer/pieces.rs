//! The coarse layer of the tokenizer: whitespace-separated pieces, the units VADER calls
//! words. A piece is exactly a maximal run of tokens with no whitespace between them (both
//! layers use Python's `str.isspace()` set), so scoring can work on pieces without producing
//! the fine tokens, at several times the speed.

use super::unicode::{BYTE_CLASS, UClass, WS, class_of};

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

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
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
        while i < len {
            let b = bytes[i];
            if b < 0x80 {
                if BYTE_CLASS[b as usize] & WS != 0 {
                    break;
                }
                i += 1;
            } else if self.space_at(i).is_some() {
                break;
            } else {
                // Skip the whole character (its lead byte tells its length).
                i += match b {
                    0xF0..=0xFF => 4,
                    0xE0..=0xEF => 3,
                    _ => 2,
                };
            }
        }
        self.pos = i;
        Some(Piece {
            text: &self.text[start..i],
            start,
        })
    }
}

impl std::iter::FusedIterator for Pieces<'_> {}
