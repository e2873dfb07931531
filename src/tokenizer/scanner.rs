//! The scanner behind [`super::tokenize`]: one pass over the bytes, an ASCII fast path, and a
//! Unicode path (UAX #29 via `unicode-segmentation`) only for words that contain non-ASCII.

use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

use super::emoticon;
use super::unicode::{
    ALNUM, ALPHA, BYTE_CLASS, DIGIT, HIGH, LOWER, UClass, UPPER, WORD_BYTE, WS, class_of,
};
use super::{Flags, Token, TokenKind};

/// Iterator over the tokens of a text; see [`super::tokenize`].
///
/// ```
/// let mut tokens = earshot::tokenizer::tokenize("hi :)");
/// assert_eq!(tokens.next().unwrap().text, "hi");
/// assert_eq!(tokens.next().unwrap().text, ":)");
/// assert!(tokens.next().is_none());
/// ```
#[derive(Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
    /// End of the previous token (`usize::MAX` before the first), for [`Flags::JOINED`].
    last_end: usize,
    /// E-mail and bare-domain detection is not retried before this offset: a failed attempt
    /// already looked at everything up to here, so retrying would make the scan quadratic.
    no_address_before: usize,
    /// The rest of a non-ASCII word run being split by UAX #29.
    segments: Option<(usize, UWordBoundIndices<'a>)>,
}

impl std::fmt::Debug for Tokens<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens")
            .field("pos", &self.pos)
            .finish_non_exhaustive()
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        if let Some((base, iter)) = &mut self.segments {
            if let Some((offset, segment)) = iter.next() {
                let start = *base + offset;
                return Some(self.segment(start, segment));
            }
            self.segments = None;
        }
        let start = self.skip_space()?;
        Some(self.scan(start))
    }
}

impl std::iter::FusedIterator for Tokens<'_> {}

/// Letter statistics gathered while scanning a word, turned into [`Flags`] at the end.
#[derive(Default)]
struct Shape {
    upper: usize,
    lower: usize,
    first_upper: Option<bool>,
    last_letter: Option<char>,
    repeat: u32,
    elongated: bool,
    apostrophe: bool,
}

impl Shape {
    #[inline]
    fn push_ascii(&mut self, b: u8) {
        let k = BYTE_CLASS[b as usize];
        if k & ALPHA == 0 {
            self.last_letter = None;
            self.first_upper.get_or_insert(false);
            return;
        }
        let is_upper = k & UPPER != 0;
        self.upper += is_upper as usize;
        self.lower += (k & LOWER != 0) as usize;
        self.first_upper.get_or_insert(is_upper);
        self.letter((b | 0x20) as char);
    }

    fn push_char(&mut self, c: char) {
        if c == '\'' || c == '’' {
            self.apostrophe = true;
            self.last_letter = None;
            return;
        }
        if c.is_ascii() {
            return self.push_ascii(c as u8);
        }
        match class_of(c) {
            UClass::Letter => {
                let is_upper = c.is_uppercase();
                self.upper += is_upper as usize;
                self.lower += c.is_lowercase() as usize;
                self.first_upper.get_or_insert(is_upper);
                // Compare case-insensitively without allocating: first char of the lowercase.
                self.letter(c.to_lowercase().next().unwrap_or(c));
            }
            // Marks and joiners belong to the letter before; they neither break nor extend a run.
            UClass::Mark | UClass::Join | UClass::Format => {}
            _ => {
                self.last_letter = None;
                self.first_upper.get_or_insert(false);
            }
        }
    }

    #[inline]
    fn letter(&mut self, lower: char) {
        if self.last_letter == Some(lower) {
            self.repeat = self.repeat.saturating_add(1);
            if self.repeat >= 3 {
                self.elongated = true;
            }
        } else {
            self.last_letter = Some(lower);
            self.repeat = 1;
        }
    }

    fn flags(&self) -> Flags {
        let mut f = Flags::EMPTY;
        if self.upper >= 2 && self.lower == 0 {
            f |= Flags::CAPS;
        }
        if self.elongated {
            f |= Flags::ELONGATED;
        }
        if self.apostrophe {
            f |= Flags::CONTRACTION;
        }
        if self.first_upper == Some(true) && self.lower > 0 {
            f |= Flags::CAPITALIZED;
        }
        f
    }
}

/// The shape flags of an ASCII word (apostrophes included, which break letter runs).
fn ascii_shape(word: &[u8]) -> Flags {
    let mut upper = 0usize;
    let mut classes = 0u8;
    // The two previous bytes lower-cased, 0 after a non-letter: three equal letters in a row
    // make the word elongated.
    let (mut p1, mut p2, mut elongated) = (0u8, 0u8, false);
    for &b in word {
        let k = BYTE_CLASS[b as usize];
        classes |= k;
        upper += (k & UPPER != 0) as usize;
        let l = if k & ALPHA != 0 { b | 0x20 } else { 0 };
        elongated |= l != 0 && l == p1 && l == p2;
        p2 = p1;
        p1 = l;
    }
    let mut f = Flags::EMPTY;
    let has_lower = classes & LOWER != 0;
    if upper >= 2 && !has_lower {
        f |= Flags::CAPS;
    }
    if elongated {
        f |= Flags::ELONGATED;
    }
    if has_lower
        && word
            .first()
            .is_some_and(|&b| BYTE_CLASS[b as usize] & UPPER != 0)
    {
        f |= Flags::CAPITALIZED;
    }
    f
}

/// Top-level domains accepted for a bare domain without scheme (`example.com/help`): the common
/// generic ones and the country codes most often seen in English-language customer posts.
const BARE_TLDS: &[&str] = &[
    "com", "org", "net", "io", "co", "ly", "gov", "edu", "app", "dev", "ai", "info", "biz", "me",
    "tv", "us", "uk", "ca", "au", "de", "fr", "in", "ie", "nz", "es", "it", "nl", "jp", "gl",
];

impl<'a> Tokens<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Tokens {
            text,
            pos: 0,
            last_end: usize::MAX,
            no_address_before: 0,
            segments: None,
        }
    }

    #[inline]
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The character starting at byte `i` (which must be a char boundary inside the text).
    #[inline]
    fn char_at(&self, i: usize) -> char {
        self.text[i..].chars().next().unwrap_or('\u{FFFD}')
    }

    /// The class of the character at byte `i`, or `None` at the end of the text.
    #[inline]
    fn class_at(&self, i: usize) -> Option<(UClass, usize)> {
        let b = *self.bytes().get(i)?;
        if b < 0x80 {
            return Some((class_of(b as char), 1));
        }
        let c = self.char_at(i);
        Some((class_of(c), c.len_utf8()))
    }

    /// Whether a letter (of any script) starts at byte `i`.
    #[inline]
    fn letter_at(&self, i: usize) -> bool {
        match self.bytes().get(i) {
            Some(&b) if b < 0x80 => BYTE_CLASS[b as usize] & ALPHA != 0,
            Some(_) => class_of(self.char_at(i)) == UClass::Letter,
            None => false,
        }
    }

    /// Skips whitespace; returns the start of the next token.
    fn skip_space(&mut self) -> Option<usize> {
        let bytes = self.bytes();
        let mut i = self.pos;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if BYTE_CLASS[b as usize] & WS == 0 {
                    break;
                }
                i += 1;
            } else {
                let c = self.char_at(i);
                if class_of(c) != UClass::Space {
                    break;
                }
                i += c.len_utf8();
            }
        }
        self.pos = i;
        (i < bytes.len()).then_some(i)
    }

    #[inline]
    fn token(&mut self, start: usize, end: usize, kind: TokenKind, mut flags: Flags) -> Token<'a> {
        if start == self.last_end {
            flags |= Flags::JOINED;
        }
        let text = &self.text[start..end];
        self.last_end = end;
        self.pos = end;
        Token {
            text,
            start,
            end,
            kind,
            flags,
        }
    }

    /// Extends `end` over marks, joiners and format characters, which never start a token when
    /// something precedes them (UAX #29 WB4).
    #[inline]
    fn absorb_attached(&self, mut end: usize) -> usize {
        while let Some(&b) = self.bytes().get(end) {
            if b < 0x80 {
                break;
            }
            let c = self.char_at(end);
            if !class_of(c).attaches() {
                break;
            }
            end += c.len_utf8();
        }
        end
    }

    /// Scans the token starting at `start` (not whitespace).
    fn scan(&mut self, start: usize) -> Token<'a> {
        let bytes = self.bytes();
        let b = bytes[start];
        let class = BYTE_CLASS[b as usize];
        if class & ALPHA != 0 {
            // No emoticon starting with a letter goes on with a lower-case letter but "xd".
            let next_lower = bytes
                .get(start + 1)
                .is_some_and(|&n| BYTE_CLASS[n as usize] & LOWER != 0);
            if emoticon::can_start(b)
                && (!next_lower || b == b'x')
                && let Some(end) = emoticon::match_at(bytes, start)
            {
                return self.token(start, end, TokenKind::Emoticon, Flags::EMPTY);
            }
            if matches!(b, b'h' | b'H' | b'w' | b'W')
                && let Some(end) = self.url_with_prefix(start)
            {
                return self.token(start, end, TokenKind::Url, Flags::EMPTY);
            }
            return self.word(start);
        }
        if class & DIGIT != 0 {
            if let Some(end) = self.keycap(start) {
                return self.token(start, end, TokenKind::Emoji, Flags::EMPTY);
            }
            if emoticon::can_start(b)
                && let Some(end) = emoticon::match_at(bytes, start)
            {
                return self.token(start, end, TokenKind::Emoticon, Flags::EMPTY);
            }
            return self.number(start);
        }
        if class & HIGH != 0 {
            return self.non_ascii(start);
        }
        match b {
            b'#' => {
                if let Some(end) = self.keycap(start) {
                    return self.token(start, end, TokenKind::Emoji, Flags::EMPTY);
                }
                if let Some((end, shape)) = self.hashtag(start) {
                    return self.token(start, end, TokenKind::Hashtag, shape.flags());
                }
            }
            b'*' => {
                if let Some(end) = self.keycap(start) {
                    return self.token(start, end, TokenKind::Emoji, Flags::EMPTY);
                }
            }
            b'@' => {
                if let Some(end) = self.mention(start) {
                    return self.token(start, end, TokenKind::Mention, Flags::EMPTY);
                }
            }
            b'&' => {
                // "&lt;3" is a heart whose "<" a web API escaped.
                for heart in ["&lt;3", "&lt;/3"] {
                    if bytes[start..].starts_with(heart.as_bytes())
                        && !bytes
                            .get(start + heart.len())
                            .is_some_and(|b| b.is_ascii_alphanumeric())
                    {
                        return self.token(
                            start,
                            start + heart.len(),
                            TokenKind::Emoticon,
                            Flags::EMPTY,
                        );
                    }
                }
                if let Some(end) = self.html_entity(start) {
                    return self.token(start, end, TokenKind::Symbol, Flags::EMPTY);
                }
            }
            _ => {}
        }
        if emoticon::can_start(b)
            && let Some(end) = emoticon::match_at(bytes, start)
        {
            return self.token(start, end, TokenKind::Emoticon, Flags::EMPTY);
        }
        let kind = if class & super::unicode::PUNCT != 0 {
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
        // Control characters stay single; punctuation and symbols form runs.
        let end = if class & super::unicode::CONTROL != 0 {
            start + 1
        } else {
            self.run(start, b)
        };
        let end = self.absorb_attached(end);
        self.token(start, end, kind, Flags::EMPTY)
    }

    /// The end of a run of the ASCII byte `b`; `!` and `?` mix in one run.
    fn run(&self, start: usize, b: u8) -> usize {
        let bytes = self.bytes();
        let bang = matches!(b, b'!' | b'?');
        let mut end = start + 1;
        while end < bytes.len() && (bytes[end] == b || (bang && matches!(bytes[end], b'!' | b'?')))
        {
            end += 1;
        }
        end
    }

    /// A word starting with an ASCII letter (or a number that goes on with letters).
    #[inline]
    fn word(&mut self, start: usize) -> Token<'a> {
        let bytes = self.bytes();
        let mut i = start;
        let mut apostrophe = false;
        loop {
            while i < bytes.len() && WORD_BYTE[bytes[i] as usize] {
                i += 1;
            }
            let Some(&b) = bytes.get(i) else { break };
            if b == b'\'' && self.letter_at(i + 1) {
                apostrophe = true;
                i += 1;
            } else if b == 0xE2 && bytes[i..].starts_with("’".as_bytes()) && self.letter_at(i + 3)
            {
                apostrophe = true;
                i += 3;
            } else if b >= 0x80
                && matches!(
                    class_of(self.char_at(i)),
                    UClass::Letter | UClass::Digit | UClass::Mark | UClass::Join | UClass::Format
                )
            {
                return self.unicode_word(start);
            } else {
                break;
            }
        }
        // Only a word followed by '@', or by '.', '-', '+', '%' and more of the same run, can
        // be the start of an e-mail address or a bare domain.
        if i + 1 < bytes.len()
            && (bytes[i] == b'@'
                || (matches!(bytes[i], b'.' | b'-' | b'+' | b'%')
                    && WORD_BYTE[bytes[i + 1] as usize]))
            && let Some((end, kind)) = self.address(start)
        {
            return self.token(start, end, kind, Flags::EMPTY);
        }
        let mut flags = ascii_shape(&bytes[start..i]);
        if apostrophe {
            flags |= Flags::CONTRACTION;
        }
        self.token(start, i, TokenKind::Word, flags)
    }

    /// A number: digits, `.`/`,`/`:` between digits, an optional `%`.
    fn number(&mut self, start: usize) -> Token<'a> {
        let bytes = self.bytes();
        let digit = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_digit());
        let mut i = start;
        while digit(i) {
            i += 1;
        }
        // Digits going on with letters make a word: "3rd", "24hrs", "4ever".
        if i < bytes.len() && (bytes[i] == b'_' || self.letter_at(i)) {
            return self.word(start);
        }
        if i < bytes.len() && bytes[i] >= 0x80 && class_of(self.char_at(i)).is_word() {
            return self.unicode_word(start);
        }
        while i + 1 < bytes.len() && matches!(bytes[i], b'.' | b',' | b':') && digit(i + 1) {
            i += 1;
            while digit(i) {
                i += 1;
            }
        }
        if bytes.get(i) == Some(&b'%') {
            i += 1;
        }
        let end = self.absorb_attached(i);
        self.token(start, end, TokenKind::Number, Flags::EMPTY)
    }

    /// A word run containing non-ASCII characters, split by UAX #29. Returns the first segment
    /// and keeps the rest in `self.segments`.
    fn unicode_word(&mut self, start: usize) -> Token<'a> {
        let bytes = self.bytes();
        let mut i = start;
        let mut prev_word = false;
        let mut prev_digit = false;
        while let Some((class, len)) = self.class_at(i) {
            let b = bytes[i];
            match class {
                UClass::Letter | UClass::Digit => {
                    prev_word = true;
                    prev_digit = class == UClass::Digit;
                }
                UClass::Mark | UClass::Join | UClass::Format => {}
                _ if b == b'_' => {
                    prev_word = true;
                    prev_digit = false;
                }
                _ if prev_word && (b == b'\'' || bytes[i..].starts_with("’".as_bytes())) => {
                    if !self.letter_at(i + len) {
                        break;
                    }
                    prev_word = false;
                }
                _ if prev_digit && matches!(b, b'.' | b',') => {
                    if !matches!(self.class_at(i + 1), Some((UClass::Digit, _))) {
                        break;
                    }
                    prev_word = false;
                }
                _ => break,
            }
            i += len;
        }
        let mut iter = self.text[start..i].split_word_bound_indices();
        // The run is non-empty: it starts with a letter or digit.
        let (_, first) = iter.next().unwrap_or((0, &self.text[start..i]));
        self.segments = Some((start, iter));
        self.segment(start, first)
    }

    /// One UAX #29 segment of a word run.
    fn segment(&mut self, start: usize, segment: &str) -> Token<'a> {
        let mut shape = Shape::default();
        let mut letters = false;
        let mut digits = false;
        for c in segment.chars() {
            shape.push_char(c);
            match class_of(c) {
                UClass::Letter => letters = true,
                UClass::Digit => digits = true,
                _ if c == '_' => letters = true,
                _ => {}
            }
        }
        let kind = if letters {
            TokenKind::Word
        } else if digits {
            TokenKind::Number
        } else if segment.starts_with(['\'', '’', '.', ',']) {
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
        let flags = if kind == TokenKind::Word {
            shape.flags()
        } else {
            Flags::EMPTY
        };
        self.token(start, start + segment.len(), kind, flags)
    }

    /// A token starting with a non-ASCII character.
    fn non_ascii(&mut self, start: usize) -> Token<'a> {
        let c = self.char_at(start);
        let len = c.len_utf8();
        match class_of(c) {
            UClass::Letter | UClass::Digit => self.unicode_word(start),
            UClass::Emoji | UClass::EmojiModifier => {
                let end = self.emoji_sequence(start + len);
                self.token(start, end, TokenKind::Emoji, Flags::EMPTY)
            }
            UClass::RegionalIndicator => {
                let mut end = start + len;
                if let Some((UClass::RegionalIndicator, l)) = self.class_at(end) {
                    end += l;
                }
                let end = self.absorb_attached(end);
                self.token(start, end, TokenKind::Emoji, Flags::EMPTY)
            }
            class => {
                // Runs of the same punctuation or symbol character ("……", "€€").
                let mut end = start + len;
                if matches!(class, UClass::Punct | UClass::Symbol) {
                    while self.text[end..].starts_with(c) {
                        end += len;
                    }
                }
                let end = self.absorb_attached(end);
                let kind = if class == UClass::Punct {
                    TokenKind::Punct
                } else {
                    TokenKind::Symbol
                };
                self.token(start, end, kind, Flags::EMPTY)
            }
        }
    }

    /// Extends an emoji over modifiers, variation selectors, tags and ZWJ-joined emoji.
    fn emoji_sequence(&self, mut end: usize) -> usize {
        loop {
            end = self.absorb_attached_no_join(end);
            // A joiner only continues the sequence when an emoji follows it.
            if self.bytes()[end..].starts_with("\u{200D}".as_bytes())
                && let Some((UClass::Emoji, len)) = self.class_at(end + 3)
            {
                end += 3 + len;
                continue;
            }
            return self.absorb_attached(end);
        }
    }

    fn absorb_attached_no_join(&self, mut end: usize) -> usize {
        while let Some((class, len)) = self.class_at(end) {
            if class == UClass::Join || !class.attaches() {
                break;
            }
            end += len;
        }
        end
    }

    /// A keycap emoji: `[0-9#*]`, an optional U+FE0F, then U+20E3.
    fn keycap(&self, start: usize) -> Option<usize> {
        let rest = &self.bytes()[start + 1..];
        let rest_after_vs = rest.strip_prefix("\u{FE0F}".as_bytes()).unwrap_or(rest);
        if rest_after_vs.starts_with("\u{20E3}".as_bytes()) {
            let end = start + 1 + (rest.len() - rest_after_vs.len()) + 3;
            return Some(self.absorb_attached(end));
        }
        None
    }

    /// Whether the byte before `start` lets a hashtag or mention begin here.
    fn after_boundary(&self, start: usize) -> bool {
        start == 0 || {
            let p = self.bytes()[start - 1];
            !(BYTE_CLASS[p as usize] & ALNUM != 0 || matches!(p, b'_' | b'&' | b'#' | b'@'))
                && (p < 0x80
                    || !class_of(self.text[..start].chars().next_back().unwrap_or(' ')).is_word())
        }
    }

    /// `#` followed by a word with at least one letter.
    fn hashtag(&self, start: usize) -> Option<(usize, Shape)> {
        if !self.after_boundary(start) {
            return None;
        }
        let mut shape = Shape::default();
        let mut letters = false;
        let mut i = start + 1;
        while let Some((class, len)) = self.class_at(i) {
            match class {
                UClass::Letter => letters = true,
                UClass::Digit => {}
                UClass::Mark | UClass::Join | UClass::Format if i > start + 1 => {}
                _ if self.bytes()[i] == b'_' => {}
                _ => break,
            }
            shape.push_char(self.char_at(i));
            i += len;
        }
        letters.then_some((i, shape))
    }

    /// An HTML character reference left in the text by a web API: `&amp;`, `&gt;`, `&#39;`.
    /// One symbol token, so "gt" and "amp" are not read as words.
    fn html_entity(&self, start: usize) -> Option<usize> {
        let body = &self.bytes()[start + 1..];
        let len = body.iter().take(10).position(|&b| b == b';')?;
        let name = &body[..len];
        let ok = match name {
            [b'#', b'x' | b'X', hex @ ..] => {
                !hex.is_empty() && hex.iter().all(u8::is_ascii_hexdigit)
            }
            [b'#', digits @ ..] => !digits.is_empty() && digits.iter().all(u8::is_ascii_digit),
            _ => name.len() >= 2 && name.iter().all(u8::is_ascii_alphanumeric),
        };
        ok.then_some(start + len + 2)
    }

    /// `@` followed by a handle of ASCII letters, digits and underscores.
    fn mention(&self, start: usize) -> Option<usize> {
        if !self.after_boundary(start) {
            return None;
        }
        let bytes = self.bytes();
        let mut i = start + 1;
        while i < bytes.len() && (BYTE_CLASS[bytes[i] as usize] & ALNUM != 0 || bytes[i] == b'_') {
            i += 1;
        }
        (i > start + 1).then_some(i)
    }

    /// A URL starting with `http://`, `https://` or `www.` (any case) at a word start.
    fn url_with_prefix(&self, start: usize) -> Option<usize> {
        let rest = &self.bytes()[start..];
        let prefix_len = [&b"https://"[..], b"http://", b"www."]
            .into_iter()
            .find(|p| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p))?
            .len();
        if start > 0 && BYTE_CLASS[self.bytes()[start - 1] as usize] & ALNUM != 0 {
            return None;
        }
        let end = self.url_end(start + prefix_len);
        (end > start + prefix_len).then_some(end)
    }

    /// The end of a URL body starting at `from`: up to whitespace, a quote or angle bracket, or
    /// a non-ASCII character that is not a letter, digit or mark; then trailing punctuation that
    /// more likely ends the sentence is given back.
    fn url_end(&self, from: usize) -> usize {
        let bytes = self.bytes();
        let mut end = from;
        let mut open_parens = 0i32;
        while let Some((class, len)) = self.class_at(end) {
            let b = bytes[end];
            let stop = if b < 0x80 {
                class == UClass::Space
                    || matches!(class, UClass::Other)
                    || matches!(
                        b,
                        b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | b'|' | b'\\' | b'^'
                    )
            } else {
                !matches!(class, UClass::Letter | UClass::Digit | UClass::Mark)
            };
            if stop {
                break;
            }
            open_parens += (b == b'(') as i32;
            end += len;
        }
        while end > from {
            let last = bytes[end - 1];
            let trailing = matches!(last, b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'*')
                || (last == b')' && open_parens == 0);
            if !trailing {
                break;
            }
            end -= 1;
        }
        end
    }

    /// An e-mail address or a bare domain (`example.com/help`) starting at `start`, where a word
    /// was followed by `.`, `@`, `-`, `+` or `%`.
    fn address(&mut self, start: usize) -> Option<(usize, TokenKind)> {
        if start < self.no_address_before {
            return None;
        }
        if start > 0 {
            let p = self.bytes()[start - 1];
            let open = BYTE_CLASS[p as usize] & WS != 0
                || matches!(p, b'(' | b'[' | b'<' | b'"' | b'\'' | b',' | b';' | b':');
            if !open {
                return None;
            }
        }
        let bytes = self.bytes();
        let local_char = |b: u8| {
            BYTE_CLASS[b as usize] & ALNUM != 0 || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
        };
        let domain_char = |b: u8| BYTE_CLASS[b as usize] & ALNUM != 0 || matches!(b, b'.' | b'-');
        let mut j = start;
        while j < bytes.len() && local_char(bytes[j]) {
            j += 1;
        }
        if bytes.get(j) == Some(&b'@') {
            let mut k = j + 1;
            while k < bytes.len() && domain_char(bytes[k]) {
                k += 1;
            }
            let mut end = k;
            while end > j + 1 && matches!(bytes[end - 1], b'.' | b'-') {
                end -= 1;
            }
            if valid_domain(&self.text[j + 1..end], false) && bytes[j - 1] != b'.' {
                return Some((end, TokenKind::Email));
            }
            self.no_address_before = k;
            return None;
        }
        let mut end = j;
        while end > start && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        if valid_domain(&self.text[start..end], true) {
            let end = if bytes.get(end) == Some(&b'/') {
                self.url_end(end)
            } else {
                end
            };
            return Some((end, TokenKind::Url));
        }
        self.no_address_before = j;
        None
    }
}

/// `label(.label)+` where labels are ASCII letters, digits and inner hyphens, and the last label
/// is alphabetic with two or more letters (and, for a bare domain, a well-known TLD).
fn valid_domain(domain: &str, bare: bool) -> bool {
    let mut labels = domain.split('.');
    let Some(tld) = labels.next_back() else {
        return false;
    };
    let mut count = 1;
    for label in labels {
        count += 1;
        let ok = !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !ok {
            return false;
        }
    }
    count >= 2
        && tld.len() >= 2
        && tld.bytes().all(|b| b.is_ascii_alphabetic())
        && (!bare || BARE_TLDS.iter().any(|t| t.eq_ignore_ascii_case(tld)))
}
