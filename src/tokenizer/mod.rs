//! Stage 1: a social-media aware, zero-copy tokenizer.
//!
//! [`tokenize`] walks a text once and yields [`Token`]s that borrow their text from the input
//! and carry their byte span, a [`TokenKind`] and [`Flags`]. Nothing is allocated per token.
//!
//! ```
//! use earshot::tokenizer::{tokenize, TokenKind, Flags};
//!
//! let tokens: Vec<_> = tokenize("@AcmeHelp soooo SLOW today :( #fail 👍🏽").collect();
//! let kinds: Vec<_> = tokens.iter().map(|t| t.kind).collect();
//! assert_eq!(kinds, [
//!     TokenKind::Mention, TokenKind::Word, TokenKind::Word, TokenKind::Word,
//!     TokenKind::Emoticon, TokenKind::Hashtag, TokenKind::Emoji,
//! ]);
//! assert!(tokens[1].flags.contains(Flags::ELONGATED));
//! assert!(tokens[2].flags.contains(Flags::CAPS));
//! assert_eq!(tokens[6].text, "👍🏽");
//! ```
//!
//! # What is a token
//!
//! * **Whitespace** separates tokens and is never part of one. It is Python's `str.isspace()`
//!   set (Unicode White_Space plus U+001C..U+001F), the same separator VADER splits on, so every
//!   character that is not whitespace belongs to exactly one token.
//! * **Words** follow UAX #29: accents, combining marks and joiners stay with their base letter,
//!   Greek, Cyrillic and Hangul words stay whole, and CJK ideographs are one word each. Two
//!   deliberate differences for social text: an apostrophe (`'` or `’`) joins letters
//!   (`don't`, `can’t`) as in UAX #29, but `.` and `:` between letters split (`great.thanks` is
//!   two words, because people skip the space after a full stop). A word that starts with
//!   digits and goes on with letters (`3rd`, `24hrs`) is a word.
//! * **Numbers**: digits with `.`, `,` or `:` between digits and an optional `%`:
//!   `4.5`, `1,000`, `10:30`, `50%`.
//! * **Emoji**: a whole emoji sequence is one token: ZWJ sequences (👩‍💻), skin tones (👍🏽),
//!   flags (🇯🇵), keycaps (1️⃣), tag sequences and variation selectors.
//! * **Emoticons**: `:)`, `:-(`, `:'(`, `:D`, `D:`, `;)`, `:P`, `xD`, `<3`, `</3`, `:/`, `^_^`,
//!   `-_-` and about a hundred others, never inside times (`10:30`) or URLs.
//! * **Social**: `#hashtags`, `@mentions`, URLs with a scheme or `www.` or a bare domain with a
//!   well-known top-level domain (`example.com/help`), and e-mail addresses.
//! * **Punctuation and symbols**: a run of `!` and `?` is one token (`!!!`, `?!?`), as is a run of
//!   any other repeated punctuation or symbol character (`...`, `$$$`); anything else is one
//!   character per token. An HTML character reference left by a web API (`&amp;`, `&gt;`,
//!   `&#39;`) is one symbol token.
//!
//! Cost is linear in the length of the input and no input panics.
//!
//! # Two layers
//!
//! Beside the tokens, [`pieces`] gives the coarse layer: the whitespace-separated pieces of the
//! text, which is what VADER's rules read as words. Each piece is exactly a maximal run of tokens
//! with no whitespace between them (tokens with [`Flags::JOINED`] continue a piece).

mod emoticon;
mod pieces;
mod scanner;
mod tables;
mod unicode;

pub(crate) use pieces::PlainPiece;
pub use pieces::{Piece, Pieces, pieces};

pub use scanner::Tokens;
pub use unicode::is_python_space;
pub(crate) use unicode::{UClass as CharClass, class_of as char_class};

use std::fmt;
use std::ops::Range;

/// Splits `text` into tokens, lazily and without allocating.
///
/// ```
/// use earshot::tokenizer::{tokenize, TokenKind};
///
/// let t: Vec<_> = tokenize("Can’t log in!!! https://acme.example/status").collect();
/// assert_eq!(t[0].text, "Can’t");
/// assert_eq!(t[3].kind, TokenKind::Punct);
/// assert_eq!(t[3].text, "!!!");
/// assert_eq!(t[4].kind, TokenKind::Url);
/// ```
pub fn tokenize(text: &str) -> Tokens<'_> {
    Tokens::new(text)
}

/// One token: a slice of the input with its byte span, kind and flags.
///
/// `text == &input[start..end]` always holds.
///
/// ```
/// use earshot::tokenizer::tokenize;
///
/// let input = "ok 👍🏽";
/// let t = tokenize(input).nth(1).unwrap();
/// assert_eq!(&input[t.start..t.end], t.text);
/// assert_eq!(t.span(), 3..11);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token<'a> {
    /// The token's text, borrowed from the input.
    pub text: &'a str,
    /// Byte offset of the first byte of the token in the input.
    pub start: usize,
    /// Byte offset one past the last byte of the token in the input.
    pub end: usize,
    /// What the token is.
    pub kind: TokenKind,
    /// Shape and context flags.
    pub flags: Flags,
}

impl Token<'_> {
    /// The byte range of the token in the input.
    ///
    /// ```
    /// let t = earshot::tokenizer::tokenize("hi there").nth(1).unwrap();
    /// assert_eq!(t.span(), 3..8);
    /// ```
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The number of characters (Unicode scalar values) in the token: the length of a
    /// punctuation run such as `!!!`.
    ///
    /// ```
    /// let t = earshot::tokenizer::tokenize("why?!?").nth(1).unwrap();
    /// assert_eq!(t.char_len(), 3);
    /// ```
    pub fn char_len(&self) -> usize {
        if self.text.is_ascii() {
            self.text.len()
        } else {
            self.text.chars().count()
        }
    }
}

/// The kind of a [`Token`].
///
/// ```
/// use earshot::tokenizer::TokenKind;
/// assert_eq!(TokenKind::Hashtag.as_str(), "hashtag");
/// ```
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Letters (with digits, marks and inner apostrophes): `hello`, `don't`, `café`, `3rd`.
    Word,
    /// `42`, `4.5`, `1,000`, `10:30`, `50%`.
    Number,
    /// One emoji or emoji sequence: `😀`, `👍🏽`, `👩‍💻`, `🇯🇵`, `1️⃣`.
    Emoji,
    /// An ASCII emoticon: `:)`, `:'(`, `<3`, `^_^`.
    Emoticon,
    /// `#NotHappy`.
    Hashtag,
    /// `@support`.
    Mention,
    /// `https://example.com/x`, `www.example.com`, `example.com/help`.
    Url,
    /// `help@example.com`.
    Email,
    /// Punctuation, or a run of it: `,`, `!!!`, `?!`, `...`, `“`.
    Punct,
    /// Anything else: currency and math symbols, control characters, stray marks.
    Symbol,
}

impl TokenKind {
    /// All kinds, in declaration order.
    pub const ALL: [TokenKind; 10] = [
        TokenKind::Word,
        TokenKind::Number,
        TokenKind::Emoji,
        TokenKind::Emoticon,
        TokenKind::Hashtag,
        TokenKind::Mention,
        TokenKind::Url,
        TokenKind::Email,
        TokenKind::Punct,
        TokenKind::Symbol,
    ];

    /// The kind's name in lower case, as it appears in JSON output.
    ///
    /// ```
    /// assert_eq!(earshot::tokenizer::TokenKind::Emoticon.as_str(), "emoticon");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Emoji => "emoji",
            TokenKind::Emoticon => "emoticon",
            TokenKind::Hashtag => "hashtag",
            TokenKind::Mention => "mention",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
            TokenKind::Punct => "punct",
            TokenKind::Symbol => "symbol",
        }
    }
}

impl fmt::Display for TokenKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of token flags (a bit set; combine with `|`).
///
/// ```
/// use earshot::tokenizer::{tokenize, Flags};
///
/// let t = tokenize("NOOOO").next().unwrap();
/// assert_eq!(t.flags, Flags::CAPS | Flags::ELONGATED);
/// assert_eq!(t.flags.names().collect::<Vec<_>>(), ["caps", "elongated"]);
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Flags(u16);

impl Flags {
    /// No flag set.
    pub const EMPTY: Flags = Flags(0);
    /// A word (or hashtag body) of two or more letters, all capitals: `GOOD`, `#FAIL`.
    pub const CAPS: Flags = Flags(1);
    /// A letter repeated three or more times in a row: `soooo`, `noooo`, `#yesss`.
    pub const ELONGATED: Flags = Flags(1 << 1);
    /// A word with an inner apostrophe, straight or curly: `don't`, `can’t`.
    pub const CONTRACTION: Flags = Flags(1 << 2);
    /// A capital letter followed by lower case: `Great`, `#NotHappy`.
    pub const CAPITALIZED: Flags = Flags(1 << 3);
    /// No whitespace between this token and the previous one: the `!` in `good!`.
    pub const JOINED: Flags = Flags(1 << 4);

    const NAMES: [(Flags, &'static str); 5] = [
        (Flags::CAPS, "caps"),
        (Flags::ELONGATED, "elongated"),
        (Flags::CONTRACTION, "contraction"),
        (Flags::CAPITALIZED, "capitalized"),
        (Flags::JOINED, "joined"),
    ];

    /// Whether every flag in `other` is set.
    pub const fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether no flag is set.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The names of the set flags, in a fixed order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        Flags::NAMES
            .into_iter()
            .filter(move |(f, _)| self.contains(*f))
            .map(|(_, name)| name)
    }

    /// The raw bits.
    pub const fn bits(self) -> u16 {
        self.0
    }
}

impl std::ops::BitOr for Flags {
    type Output = Flags;
    fn bitor(self, rhs: Flags) -> Flags {
        Flags(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for Flags {
    fn bitor_assign(&mut self, rhs: Flags) {
        self.0 |= rhs.0;
    }
}

impl fmt::Debug for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.names()).finish()
    }
}

impl serde::Serialize for Flags {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.names())
    }
}

impl serde::Serialize for Token<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Token", 5)?;
        st.serialize_field("text", self.text)?;
        st.serialize_field("kind", &self.kind)?;
        st.serialize_field("start", &self.start)?;
        st.serialize_field("end", &self.end)?;
        st.serialize_field("flags", &self.flags)?;
        st.end()
    }
}
