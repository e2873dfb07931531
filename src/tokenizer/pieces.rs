//! The coarse layer of the tokenizer: whitespace-separated pieces, the units VADER calls
//! words. A piece is exactly a maximal run of tokens with no whitespace between them (both
//! layers use Python's `str.isspace()` set), so scoring can work on pieces without producing
//! the fine tokens, at several times the speed.

use super::unicode::{ALPHA, BYTE_CLASS, LOWER, UClass, UPPER, WORD_BYTE, WS, class_of};
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
    /// The next piece, and whether it is a [`PlainPiece`]. (Always inlined: it is the loop
    /// head of every reading pass, and a call per piece costs more than its body.)
    #[inline(always)]
    pub(crate) fn next_classified(&mut self) -> Option<(Piece<'a>, Option<PlainPiece>)> {
        let piece = self.next()?;
        Some((piece, plain_piece(piece.text)))
    }
}

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    // Always inlined: every reading pass calls it once a piece, and the call (registers saved
    // and restored) cost a fifth of its body.
    #[inline(always)]
    fn next(&mut self) -> Option<Piece<'a>> {
        let len = self.text.len();
        let bytes = self.text.as_bytes();
        let mut i = self.pos;
        // Whitespace before the piece: ASCII is tested here, the rest by `space_at`. (The
        // piece before skipped the whitespace byte that ended it.)
        while i < len {
            let b = bytes[i];
            if b < 0x80 {
                if BYTE_CLASS[b as usize] & WS == 0 {
                    break;
                }
                i += 1;
            } else {
                match self.space_at(i) {
                    Some(n) => i += n,
                    None => break,
                }
            }
        }
        if i >= len {
            self.pos = len;
            return None;
        }
        let start = i;
        // Where the next piece's search for its start begins: past the whitespace byte that
        // ends this one, when an ASCII one does.
        let mut next = len;
        while i < len {
            // Eight bytes at a time while they are all printable ASCII: the lowest byte that is
            // not (≤ 0x20, where the whitespace is, or ≥ 0x80) is found exactly, because the
            // subtraction borrows only out of such a byte, and the bytes below it have none.
            if let Some(chunk) = bytes.get(i..i + 8) {
                let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
                let special = (x.wrapping_sub(0x2121_2121_2121_2121) | x) & 0x8080_8080_8080_8080;
                if special == 0 {
                    i += 8;
                    continue;
                }
                i += (special.trailing_zeros() / 8) as usize;
            }
            let b = bytes[i];
            if b < 0x80 {
                if BYTE_CLASS[b as usize] & WS != 0 {
                    next = i + 1;
                    break;
                }
                i += 1;
            } else if self.space_at(i).is_some() {
                next = i;
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
        self.pos = next;
        Some(Piece {
            text: &self.text[start..i],
            start,
        })
    }
}

impl std::iter::FusedIterator for Pieces<'_> {}

/// A piece that is one plain ASCII word with plain punctuation around it — "good", "(see",
/// "delayed!!!", "don't," — the large majority of pieces in posts. For such a piece the
/// tokenizer would produce exactly: punctuation tokens, one word token, punctuation tokens, so a
/// caller that only needs those can skip it (the tests check that they agree).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PlainPiece {
    /// Byte range of the word inside the piece.
    pub word_start: usize,
    pub word_end: usize,
    /// The word's flags, except [`Flags::JOINED`] and [`Flags::ELONGATED`] (which is left to
    /// callers that need it: few words are elongated, and checking costs a pass).
    pub flags: Flags,
    /// The word has an upper-case letter.
    pub has_upper: bool,
}

/// Recognises a [`PlainPiece`]: optional leading `(` or `"`, a word of ASCII letters, digits,
/// `_` and inner apostrophes that starts with a letter and is no emoticon (`xD`), then only
/// `.`, `,`, `!`, `?`, `"` or `)`.
#[inline(always)]
pub(crate) fn plain_piece(piece: &str) -> Option<PlainPiece> {
    let b = piece.as_bytes();
    let mut i = 0;
    while i < b.len() && matches!(b[i], b'(' | b'"') {
        i += 1;
    }
    let word_start = i;
    let first = *b.get(i)?;
    if BYTE_CLASS[first as usize] & ALPHA == 0 {
        return None;
    }
    // The word: the union of its bytes' classes is all the shape flags need (but CAPS, which
    // counts capitals when there is no lower case, rarely).
    let mut classes = 0u8;
    let mut apostrophe = false;
    while i < b.len() {
        let c = b[i];
        if WORD_BYTE[c as usize] {
            classes |= BYTE_CLASS[c as usize];
        } else if c == b'\''
            && b.get(i + 1)
                .is_some_and(|&n| BYTE_CLASS[n as usize] & ALPHA != 0)
        {
            apostrophe = true;
        } else {
            break;
        }
        i += 1;
    }
    let word_end = i;
    if !b[i..]
        .iter()
        .all(|c| matches!(c, b'.' | b',' | b'!' | b'?' | b'"' | b')'))
    {
        return None;
    }
    // Letter emoticons ("xD", "o_O") never go on with a lower-case letter, except "xd".
    let next_lower = b
        .get(word_start + 1)
        .is_some_and(|n| n.is_ascii_lowercase());
    if emoticon::can_start(first)
        && (!next_lower || first == b'x')
        && emoticon::match_at(b, word_start).is_some()
    {
        return None;
    }
    let has_upper = classes & UPPER != 0;
    let has_lower = classes & LOWER != 0;
    let mut flags = Flags::EMPTY;
    if has_upper
        && !has_lower
        && b[word_start..word_end]
            .iter()
            .filter(|c| c.is_ascii_uppercase())
            .count()
            >= 2
    {
        flags |= Flags::CAPS;
    }
    if has_lower && first.is_ascii_uppercase() {
        flags |= Flags::CAPITALIZED;
    }
    if apostrophe {
        flags |= Flags::CONTRACTION;
    }
    Some(PlainPiece {
        word_start,
        word_end,
        flags,
        has_upper,
    })
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
        // JOINED depends on what precedes and ELONGATED is left to the caller.
        let flags = Flags(w.flags.0 & !(Flags::JOINED.0 | Flags::ELONGATED.0));
        assert_eq!(w.start > 0, w.flags.contains(Flags::JOINED), "{piece:?}");
        assert_eq!(flags, p.flags, "{piece:?}");
        assert_eq!(
            p.has_upper,
            w.text.bytes().any(|b| b.is_ascii_uppercase()),
            "{piece:?}"
        );
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

    /// The eight-bytes-at-a-time scan finds exactly the boundaries a character-by-character
    /// split on Python's whitespace finds, wherever the whitespace, control and non-ASCII
    /// characters fall relative to the 8-byte chunks.
    #[test]
    fn pieces_agree_with_a_plain_split_on_generated_texts() {
        let alphabet = [
            "a",
            "Z",
            "~",
            "!",
            "0",
            " ",
            "\t",
            "\n",
            "\r",
            "\x0B",
            "\x0C",
            "\x1C",
            "\x1F",
            "\x01",
            "\x7F",
            "\u{85}",
            "\u{A0}",
            "\u{1680}",
            "\u{2003}",
            "\u{2028}",
            "\u{3000}",
            "é",
            "😀",
            "\u{200B}",
            "abcdefgh",
            "abcdefghijklmnopq",
        ];
        let mut state = 0x0DDB_1A5E_5BAD_5EEDu64;
        for _ in 0..50_000 {
            state = crate::util::xorshift64(state);
            let mut text = String::new();
            let mut r = state;
            for _ in 0..1 + (state % 12) as usize {
                text.push_str(alphabet[(r % alphabet.len() as u64) as usize]);
                r = r.rotate_right(5);
            }
            let fast: Vec<(usize, &str)> = pieces(&text).map(|p| (p.start, p.text)).collect();
            let mut plain = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
                match (crate::tokenizer::is_python_space(c), start) {
                    (true, Some(s)) => {
                        plain.push((s, &text[s..i]));
                        start = None;
                    }
                    (false, None) => start = Some(i),
                    _ => {}
                }
            }
            assert_eq!(fast, plain, "{text:?}");
        }
    }

    #[test]
    fn plain_piece_agrees_on_generated_pieces() {
        let alphabet = [
            "a", "Z", "x", "D", "o", "O", "T", "B", "8", "3", "'", "(", ")", "\"", ".", ",", "!",
            "?", ":", ";", "_", "-", "=", "<", "/", "w", "h", "@", "#",
        ];
        let mut state = 0x1234_5678_9ABC_DEF0u64;
        for _ in 0..200_000 {
            state = crate::util::xorshift64(state);
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
