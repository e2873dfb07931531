//! Character classes for the tokenizer: a byte table for ASCII and a generated two-level table
//! ([`super::tables`]) for everything else — two array reads per character, no search.

use super::tables::{BLOCK, CLASS_BLOCKS, CLASS_INDEX};

/// What a character is, as far as token boundaries are concerned. The discriminants are the
/// indices the generated table stores (same order as `CLASSES` in the generator).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum UClass {
    /// Control characters, private use, surrogates, unassigned code points.
    Other,
    /// Whitespace as Python's `str.isspace()` sees it (Unicode White_Space plus U+001C..U+001F).
    Space,
    /// Letters of any script (general category L*, and Nl).
    Letter,
    /// Decimal digits of any script (Nd).
    Digit,
    /// Combining marks (M*), including variation selectors: they stay with the character before.
    Mark,
    /// U+200D ZERO WIDTH JOINER, which glues emoji into one sequence.
    Join,
    /// Other format characters (Cf): soft hyphen, tags, bidi marks. They stay with the character before.
    Format,
    /// Punctuation (P*).
    Punct,
    /// Symbols (S*) and other numbers (No) that are not emoji.
    Symbol,
    /// Emoji: Extended_Pictographic characters with the Emoji property.
    Emoji,
    /// Regional indicator letters, which pair up into flags.
    RegionalIndicator,
    /// Skin-tone modifiers U+1F3FB..U+1F3FF.
    EmojiModifier,
}

impl UClass {
    /// Characters that never start a token of their own when something precedes them:
    /// UAX #29 rule WB4 (Extend, Format, ZWJ) plus emoji modifiers.
    pub(crate) fn attaches(self) -> bool {
        matches!(
            self,
            UClass::Mark | UClass::Join | UClass::Format | UClass::EmojiModifier
        )
    }

    /// Characters that continue a word (with marks and joiners between them).
    pub(crate) fn is_word(self) -> bool {
        matches!(self, UClass::Letter | UClass::Digit)
    }
}

/// Bit flags of the ASCII byte table.
pub(crate) const WS: u8 = 1;
pub(crate) const UPPER: u8 = 2;
pub(crate) const LOWER: u8 = 4;
pub(crate) const DIGIT: u8 = 8;
pub(crate) const PUNCT: u8 = 16;
pub(crate) const SYMBOL: u8 = 32;
pub(crate) const CONTROL: u8 = 64;
pub(crate) const HIGH: u8 = 128;
pub(crate) const ALPHA: u8 = UPPER | LOWER;
pub(crate) const ALNUM: u8 = UPPER | LOWER | DIGIT;

/// Bytes that continue an ASCII word: letters, digits and `_` (UAX #29 ExtendNumLet).
pub(crate) static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    t
};

/// One lookup per byte on the hot path instead of a chain of comparisons.
pub(crate) static BYTE_CLASS: [u8; 256] = build_byte_class();

const fn build_byte_class() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0usize;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            HIGH
        } else if matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0x1C..=0x1F | b' ') {
            WS
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_lowercase() {
            LOWER
        } else if c.is_ascii_digit() {
            DIGIT
        } else if matches!(
            c,
            b'$' | b'+' | b'<' | b'=' | b'>' | b'^' | b'`' | b'|' | b'~'
        ) {
            // The ASCII characters Unicode files under Sc, Sm and Sk.
            SYMBOL
        } else if c.is_ascii_punctuation() {
            PUNCT
        } else {
            CONTROL
        };
        b += 1;
    }
    t
}

/// Table index → class, in discriminant order.
const BY_INDEX: [UClass; 12] = [
    UClass::Other,
    UClass::Space,
    UClass::Letter,
    UClass::Digit,
    UClass::Mark,
    UClass::Join,
    UClass::Format,
    UClass::Punct,
    UClass::Symbol,
    UClass::Emoji,
    UClass::RegionalIndicator,
    UClass::EmojiModifier,
];

/// The classes of the ASCII characters, from [`BYTE_CLASS`].
static ASCII_CLASS: [UClass; 128] = build_ascii_class();

const fn build_ascii_class() -> [UClass; 128] {
    let mut t = [UClass::Other; 128];
    let mut b = 0;
    while b < 128 {
        let k = BYTE_CLASS[b];
        t[b] = if k & WS != 0 {
            UClass::Space
        } else if k & ALPHA != 0 {
            UClass::Letter
        } else if k & DIGIT != 0 {
            UClass::Digit
        } else if k & PUNCT != 0 {
            UClass::Punct
        } else if k & SYMBOL != 0 {
            UClass::Symbol
        } else {
            UClass::Other
        };
        b += 1;
    }
    t
}

/// The class of any character.
#[inline]
pub(crate) fn class_of(c: char) -> UClass {
    let cp = c as usize;
    if cp < 0x80 {
        return ASCII_CLASS[cp];
    }
    let block = CLASS_INDEX[cp / BLOCK] as usize;
    BY_INDEX[CLASS_BLOCKS[block][cp % BLOCK] as usize]
}

/// Whether `c` is whitespace in Python's sense (`str.isspace()`), the separator of VADER's words.
pub fn is_python_space(c: char) -> bool {
    class_of(c) == UClass::Space
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_representative_characters() {
        // One row per class, ASCII and not.
        let rows = [
            ('a', UClass::Letter),
            ('É', UClass::Letter),
            ('ж', UClass::Letter),
            ('日', UClass::Letter),
            ('7', UClass::Digit),
            ('٣', UClass::Digit),
            ('\u{301}', UClass::Mark),
            ('\u{FE0F}', UClass::Mark),
            ('\u{200D}', UClass::Join),
            ('\u{AD}', UClass::Format),
            ('\u{E0067}', UClass::Format),
            ('!', UClass::Punct),
            ('’', UClass::Punct),
            ('…', UClass::Punct),
            ('$', UClass::Symbol),
            ('€', UClass::Symbol),
            ('©', UClass::Symbol),
            ('😀', UClass::Emoji),
            ('❤', UClass::Emoji),
            ('☺', UClass::Emoji),
            ('🇯', UClass::RegionalIndicator),
            ('🏽', UClass::EmojiModifier),
            ('\u{1F}', UClass::Space),
            ('\u{A0}', UClass::Space),
            ('\u{3000}', UClass::Space),
            ('\u{200B}', UClass::Format),
            ('\0', UClass::Other),
            ('\u{E000}', UClass::Other),
        ];
        for (c, want) in rows {
            assert_eq!(class_of(c), want, "class of {c:?} (U+{:04X})", c as u32);
        }
    }

    #[test]
    fn python_space_matches_str_isspace() {
        // Python: ''.join(chr(c) for c in range(0x110000) if chr(c).isspace())
        let python: Vec<u32> = [9, 10, 11, 12, 13, 28, 29, 30, 31, 32, 0x85, 0xA0, 0x1680]
            .into_iter()
            .chain(0x2000..=0x200A)
            .chain([0x2028, 0x2029, 0x202F, 0x205F, 0x3000])
            .collect();
        for cp in 0..0x11_0000u32 {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(is_python_space(c), python.contains(&cp), "U+{cp:04X}");
            }
        }
    }
}
