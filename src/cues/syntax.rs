//! The phrase syntax of cue patterns (see the [module docs](super)), parsed and checked.

use crate::tokenizer::tokenize;
use std::borrow::Cow;

/// A test on one token (lower-cased). Its word is borrowed from the pattern's text when the
/// pattern wrote it lower-cased and plain, as nearly every word is: compiling thousands of
/// patterns copies almost none of their words (the index interns them anyway).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum WordTest<'a> {
    /// Exactly this token.
    Literal(Cow<'a, str>),
    /// A token starting with this.
    Prefix(Cow<'a, str>),
    /// Any token.
    Any,
    /// A name: a capitalised word that is not a common English word ("Lidl", "Monzo").
    Name,
}

/// One step of a pattern.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Step<'a> {
    Word(WordTest<'a>),
    Group(Group<'a>),
    /// Zero to two tokens.
    Gap,
}

/// One alternative of a [`Group`]: one word (nearly all of them, kept without a list of
/// its own), or a sequence of several.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Alternative<'a> {
    One(WordTest<'a>),
    /// Two words or more.
    Several(Vec<WordTest<'a>>),
}

impl<'a> Alternative<'a> {
    /// Whether it is a sequence of several words.
    pub(crate) fn is_several(&self) -> bool {
        matches!(self, Alternative::Several(_))
    }

    /// Its words, in order.
    pub(crate) fn words(&self) -> &[WordTest<'a>] {
        match self {
            Alternative::One(w) => std::slice::from_ref(w),
            Alternative::Several(words) => words,
        }
    }
}

/// `(a|b c|d*)`: alternatives of token sequences, maybe optional.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Group<'a> {
    /// The text between the parentheses (empty for a group made while compiling): groups
    /// written alike are alike, so an index compiles each text once, keyed by it (cheaper to
    /// hash than the parsed words).
    pub source: Cow<'a, str>,
    pub alternatives: Vec<Alternative<'a>>,
    pub optional: bool,
}

/// Where a pattern may end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ending {
    /// Anywhere.
    Anywhere,
    /// At the end of a sentence, punctuation aside (`$`).
    Sentence,
    /// At the end of the text, punctuation, emoji, emoticons, @mentions, #hashtags and links
    /// aside (`$$`): the tail a post signs off with does not change what it ends on.
    Text,
}

/// A compiled pattern.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Pattern<'a> {
    /// Only matches at the first word of a sentence.
    pub anchored: bool,
    /// Where the pattern must end: anywhere, at the end of a sentence or of the text.
    pub ends: Ending,
    pub steps: Vec<Step<'a>>,
}

impl Pattern<'_> {
    /// The pattern with its words copied, for a pattern whose text does not outlive it.
    pub(crate) fn into_owned(self) -> Pattern<'static> {
        let word = |t: WordTest<'_>| match t {
            WordTest::Literal(w) => WordTest::Literal(Cow::Owned(w.into_owned())),
            WordTest::Prefix(p) => WordTest::Prefix(Cow::Owned(p.into_owned())),
            WordTest::Any => WordTest::Any,
            WordTest::Name => WordTest::Name,
        };
        Pattern {
            anchored: self.anchored,
            ends: self.ends,
            steps: self
                .steps
                .into_iter()
                .map(|step| match step {
                    Step::Word(t) => Step::Word(word(t)),
                    Step::Gap => Step::Gap,
                    Step::Group(g) => Step::Group(Group {
                        source: Cow::Owned(g.source.into_owned()),
                        alternatives: g
                            .alternatives
                            .into_iter()
                            .map(|alt| match alt {
                                Alternative::One(w) => Alternative::One(word(w)),
                                Alternative::Several(words) => {
                                    Alternative::Several(words.into_iter().map(word).collect())
                                }
                            })
                            .collect(),
                        optional: g.optional,
                    }),
                })
                .collect(),
        }
    }
}

/// One item of a parsed pattern (its words borrowed from the pattern).
enum Item<'a> {
    /// One token: a literal (maybe ending in `*`) or `_`.
    Word(&'a str),
    /// `(a b|c|d*)`, or `(…)?` when optional: alternatives of word sequences, kept as the
    /// group's body (`a b|c|d*`, every alternative checked non-empty) and split once, as they
    /// are compiled: no list of lists to build and free for each group.
    Group(&'a str, bool),
    /// `..`: zero to two tokens.
    Gap,
}

/// Splits a pattern into items; groups may hold spaces and several words per alternative.
/// Returns whether it is anchored at a sentence's start (`^` first), and where it ends (`$`
/// or `$$` last).
fn parse(pattern: &str) -> Result<(bool, Ending, Vec<Item<'_>>), String> {
    // Sized once for nearly every pattern (few have more than eight items).
    let mut items = Vec::with_capacity(8);
    let mut rest = pattern.trim();
    let mut anchored = false;
    if let Some(r) = rest.strip_prefix('^') {
        anchored = true;
        rest = r;
    }
    // A `$` or `$$` standing alone last, after something (`\$`, or a pattern that is only
    // `$`, is the character).
    let mut ends = Ending::Anywhere;
    for (anchor, ending) in [("$$", Ending::Text), ("$", Ending::Sentence)] {
        if let Some(r) = rest.strip_suffix(anchor)
            && !r.trim().is_empty()
            && r.ends_with(char::is_whitespace)
        {
            ends = ending;
            rest = r;
            break;
        }
    }
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        if let Some(inner) = rest.strip_prefix('(') {
            let close = inner
                .find(')')
                .ok_or_else(|| format!("unclosed group in {pattern:?}"))?;
            let body = &inner[..close];
            if body.contains('(') {
                return Err(format!("groups cannot nest: {pattern:?}"));
            }
            rest = &inner[close + 1..];
            let optional = match rest.strip_prefix('?') {
                Some(r) if r.is_empty() || r.starts_with(char::is_whitespace) => {
                    rest = r;
                    true
                }
                _ => false,
            };
            if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
                return Err(format!(
                    "a group must stand alone, as in (a|b c): {pattern:?}"
                ));
            }
            items.push(Item::Group(body, optional));
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        rest = &rest[end..];
        if word.contains(['(', ')', '|']) && !word.contains('\\') {
            return Err(format!("a group must stand alone, as in (a|b): {word:?}"));
        }
        items.push(if word == ".." {
            Item::Gap
        } else {
            Item::Word(word)
        });
    }
    Ok((anchored, ends, items))
}

/// Compiles `pattern` (the phrase syntax) into a token program.
pub(crate) fn compile(pattern: &str) -> Result<Pattern<'_>, String> {
    let (anchored, ends, items) = parse(pattern)?;
    if items.is_empty() {
        return Err(if anchored {
            "nothing after ^".into()
        } else {
            "empty pattern".into()
        });
    }
    // Sized once: nearly every item is one step.
    let mut steps = Vec::with_capacity(items.len());
    let mut required = false;
    for item in items {
        match item {
            Item::Gap => {
                if steps.last() == Some(&Step::Gap) {
                    return Err("two gaps (..) in a row".into());
                }
                steps.push(Step::Gap);
            }
            Item::Word(word) => {
                for part in apostrophe_split(word) {
                    steps.push(Step::Word(word_test(part)?));
                }
                required = true;
            }
            Item::Group(body, optional) => {
                // Sized once: groups of dozens of words are common.
                let mut alts = Vec::with_capacity(body.bytes().filter(|&b| b == b'|').count() + 1);
                for (words, plain) in alternatives(body) {
                    if plain {
                        alts.push(Alternative::One(WordTest::Literal(Cow::Borrowed(words))));
                        continue;
                    }
                    let mut each = words.split_whitespace();
                    let Some(first) = each.next() else {
                        return Err(format!("empty alternative in {pattern:?}"));
                    };
                    // A word that begins with an apostrophe ("'ll") is read as two tokens.
                    if words.bytes().any(|b| b == b'\'' || b == 0xE2) {
                        let tests = words
                            .split_whitespace()
                            .flat_map(apostrophe_split)
                            .map(word_test)
                            .collect::<Result<Vec<_>, _>>()?;
                        alts.push(match <[_; 1]>::try_from(tests) {
                            Ok([one]) => Alternative::One(one),
                            Err(several) => Alternative::Several(several),
                        });
                        continue;
                    }
                    let first = word_test(first)?;
                    alts.push(match each.next() {
                        None => Alternative::One(first),
                        Some(second) => Alternative::Several(
                            std::iter::once(Ok(first))
                                .chain(std::iter::once(second).chain(each).map(word_test))
                                .collect::<Result<Vec<_>, _>>()?,
                        ),
                    });
                }
                steps.push(Step::Group(Group {
                    source: Cow::Borrowed(body),
                    alternatives: alts,
                    optional,
                }));
                required |= !optional;
            }
        }
    }
    if steps.last() == Some(&Step::Gap) {
        return Err("a pattern cannot end with a gap (..)".into());
    }
    if !required {
        return Err("a pattern needs at least one word that is not optional".into());
    }
    Ok(Pattern {
        anchored,
        ends,
        steps,
    })
}

/// A pattern word as the tokenizer reads the same text: a word that begins with an apostrophe
/// and goes on with a letter or digit ("'ll", "'s", as in "I 'll" or "it 's", the way many
/// corpora space contractions) is an apostrophe, then the rest, two tokens; written as one
/// word it could never match. Any other word is itself.
fn apostrophe_split(word: &str) -> impl Iterator<Item = &str> {
    // The byte lengths of `'` and `’`.
    let quote = match word.as_bytes() {
        [b'\'', ..] => 1,
        [0xE2, 0x80, 0x99, ..] => 3,
        _ => 0,
    };
    let split = quote > 0
        && word[quote..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
    let (head, rest) = if split {
        (Some(&word[..quote]), &word[quote..])
    } else {
        (None, word)
    };
    head.into_iter().chain(std::iter::once(rest))
}

/// The alternatives of a group's body, split at each `|`, each with whether it is one plain
/// word (see [`is_plain_word`]). Alternatives are a few bytes long and groups hold thousands of
/// them in all: one byte loop finds the next `|` and tells a plain word, for less than a call
/// to search memory and a second pass would cost.
fn alternatives(body: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = Some(body);
    std::iter::from_fn(move || {
        let text = rest?;
        let mut plain = true;
        for (k, &b) in text.as_bytes().iter().enumerate() {
            if b == b'|' {
                rest = Some(&text[k + 1..]);
                return Some((&text[..k], plain && k > 0));
            }
            plain &= is_plain_byte(b);
        }
        rest = None;
        Some((text, plain && !text.is_empty()))
    })
}

/// Whether `text` is one plain word, lower-case ASCII letters and digits only, as nearly
/// every alternative of a group is: a literal as it is written, told by one pass over its
/// bytes (not a split at whitespace, then tests for apostrophes, escapes and capitals).
#[inline]
fn is_plain_word(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(is_plain_byte)
}

/// A byte of a plain word: a lower-case ASCII letter or a digit.
#[inline]
fn is_plain_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// One word of a pattern: `_`, `<name>`, `word*`, or a literal (with `\` escaping),
/// lower-cased.
fn word_test(word: &str) -> Result<WordTest<'_>, String> {
    if is_plain_word(word) {
        return Ok(WordTest::Literal(Cow::Borrowed(word)));
    }
    if word == "_" {
        return Ok(WordTest::Any);
    }
    if word == "<name>" {
        return Ok(WordTest::Name);
    }
    // The common word: plain ASCII, nothing to escape or unfold (and, mostly, already
    // lower-cased: borrowed as it is).
    if word.is_ascii() && !word.contains(['\\', '*']) {
        return Ok(WordTest::Literal(
            if word.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(word.to_ascii_lowercase())
            } else {
                Cow::Borrowed(word)
            },
        ));
    }
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars().peekable();
    let mut prefix = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(escaped) => out.extend(escaped.to_lowercase()),
                None => return Err(format!("a lone \\ ends {word:?}")),
            },
            '*' if chars.peek().is_none() => prefix = true,
            '*' => return Err(format!("* may only end a word: {word:?}")),
            '’' | '‘' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
    if out.is_empty() {
        return Err(format!("{word:?} matches nothing"));
    }
    Ok(if prefix {
        WordTest::Prefix(Cow::Owned(out))
    } else {
        WordTest::Literal(Cow::Owned(out))
    })
}

/// A pattern matching the name `name` (a competitor or product) as written, whatever its
/// characters; a one-word name also matches as a @mention or #hashtag.
pub(crate) fn literal_phrase(name: &str) -> Option<String> {
    let tokens: Vec<String> = tokenize(name).map(|t| escape(t.text)).collect();
    match tokens.len() {
        0 => None,
        1 => {
            let bare = tokens[0].trim_start_matches(['@', '#']);
            Some(format!("({bare}|@{bare}|#{bare})"))
        }
        _ => Some(tokens.join(" ")),
    }
}

/// `text` with the phrase syntax's special characters escaped.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '(' | ')' | '|' | '_' | '^' | '.' | '?') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
