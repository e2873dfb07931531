//! Cue patterns: the phrase syntax (see the [module docs](super#cue-patterns)) compiled into
//! small token programs, and an index that finds, for each token of a text, the patterns that
//! can start there.
//!
//! Why not one regex set over the text: with several hundred patterns of whole-token
//! alternatives and wildcards, `regex::RegexSet` measured 0.6 MB/s here (its lazy DFA keeps
//! rebuilding states); indexing patterns by their first token and checking the few candidates
//! is linear in the text and orders of magnitude faster (see `benches/analyze.rs`).

use std::collections::HashMap;

use crate::lexicon::FastHash;
use crate::tokenizer::tokenize;

/// A test on one token (lower-cased).
#[derive(Clone, Debug, PartialEq)]
pub(super) enum WordTest {
    /// Exactly this token.
    Literal(Box<str>),
    /// A token starting with this.
    Prefix(Box<str>),
    /// Any token.
    Any,
    /// A name: a capitalised word that is not a common English word ("Lidl", "Monzo").
    Name,
}

impl WordTest {
    fn matches(&self, tokens: &TokenView<'_>, i: usize) -> bool {
        let Some(token) = tokens.get(i) else {
            return false;
        };
        match self {
            WordTest::Literal(w) => token == &**w,
            WordTest::Prefix(p) => token.starts_with(&**p),
            WordTest::Any => true,
            WordTest::Name => tokens.names.get(i).copied().unwrap_or(false),
        }
    }
}

/// One step of a pattern.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Step {
    Word(WordTest),
    Group(Group),
    /// Zero to two tokens.
    Gap,
}

/// Alternatives of token sequences. Single-word alternatives, the common case (`(order|bag|
/// flight|...)`), are kept in a set, so checking a group costs one lookup however long it is.
#[derive(Clone, Debug, Default)]
pub(super) struct Group {
    /// All alternatives as written (the first token of each feeds the index).
    pub alternatives: Vec<Vec<WordTest>>,
    words: std::collections::HashSet<Box<str>, FastHash>,
    prefixes: Vec<Box<str>>,
    /// Alternatives of several tokens, or `_`.
    sequences: Vec<Vec<WordTest>>,
    pub optional: bool,
}

impl PartialEq for Group {
    fn eq(&self, other: &Group) -> bool {
        self.alternatives == other.alternatives && self.optional == other.optional
    }
}

impl Group {
    fn new(alternatives: Vec<Vec<WordTest>>, optional: bool) -> Group {
        let mut g = Group {
            optional,
            ..Group::default()
        };
        for alt in &alternatives {
            match alt.as_slice() {
                [WordTest::Literal(w)] => {
                    g.words.insert(w.clone());
                }
                [WordTest::Prefix(p)] => g.prefixes.push(p.clone()),
                // `_` and `<name>` alternatives are checked one by one like sequences.
                _ => g.sequences.push(alt.clone()),
            }
        }
        g.alternatives = alternatives;
        g
    }

    /// Whether a single-token alternative matches token `i`.
    fn matches_one(&self, tokens: &TokenView<'_>, i: usize) -> bool {
        tokens
            .get(i)
            .is_some_and(|t| self.words.contains(t) || self.prefixes.iter().any(|p| t.starts_with(&**p)))
    }
}

/// A compiled pattern.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Pattern {
    /// Only matches at the first token.
    pub anchored: bool,
    pub steps: Vec<Step>,
}

/// One item of a parsed pattern.
enum Item {
    /// One token: a literal (maybe ending in `*`) or `_`.
    Word(String),
    /// `(a b|c|d*)`, or `(…)?` when optional: alternatives of word sequences.
    Group(Vec<Vec<String>>, bool),
    /// `..`: zero to two tokens.
    Gap,
}

/// Splits a pattern into items; groups may hold spaces and several words per alternative.
fn parse(pattern: &str) -> Result<(bool, Vec<Item>), String> {
    let mut items = Vec::new();
    let mut rest = pattern.trim();
    let mut anchored = false;
    if let Some(r) = rest.strip_prefix('^') {
        anchored = true;
        rest = r;
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
            let alternatives: Vec<Vec<String>> = body
                .split('|')
                .map(|alt| {
                    alt.split_whitespace()
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .collect();
            if alternatives.iter().any(Vec::is_empty) {
                return Err(format!("empty alternative in {pattern:?}"));
            }
            items.push(Item::Group(alternatives, optional));
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
            Item::Word(word.to_string())
        });
    }
    Ok((anchored, items))
}

/// Compiles `pattern` (the phrase syntax) into a token program.
pub(super) fn compile(pattern: &str) -> Result<Pattern, String> {
    let (anchored, items) = parse(pattern)?;
    if items.is_empty() {
        return Err(if anchored {
            "nothing after ^".into()
        } else {
            "empty pattern".into()
        });
    }
    let mut steps = Vec::new();
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
                steps.push(Step::Word(word_test(&word)?));
                required = true;
            }
            Item::Group(alternatives, optional) => {
                let alts = alternatives
                    .iter()
                    .map(|words| {
                        words
                            .iter()
                            .map(|w| word_test(w))
                            .collect::<Result<Vec<_>, _>>()
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                steps.push(Step::Group(Group::new(alts, optional)));
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
    Ok(Pattern { anchored, steps })
}

/// One word of a pattern: `_`, `<name>`, `word*`, or a literal (with `\` escaping),
/// lower-cased.
fn word_test(word: &str) -> Result<WordTest, String> {
    if word == "_" {
        return Ok(WordTest::Any);
    }
    if word == "<name>" {
        return Ok(WordTest::Name);
    }
    let mut out = String::new();
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
        WordTest::Prefix(out.into())
    } else {
        WordTest::Literal(out.into())
    })
}

/// A pattern matching the name `name` (a competitor or product) as written, whatever its
/// characters; a one-word name also matches as a @mention or #hashtag.
pub(super) fn literal_phrase(name: &str) -> Option<String> {
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

/// A prefix and the pattern that starts with it.
type PrefixEntry = (Box<str>, u32);

/// The index key of a prefix: its first two bytes, or its only byte and 0xFF.
fn prefix_key(prefix: &str) -> [u8; 2] {
    let b = prefix.as_bytes();
    [b[0], b.get(1).copied().unwrap_or(0xFF)]
}

/// Patterns indexed by what their first token can be.
#[derive(Clone, Debug, Default)]
pub(super) struct Index {
    pub patterns: Vec<Pattern>,
    literal: HashMap<Box<str>, Vec<u32>, FastHash>,
    /// Prefix patterns by the first two bytes of their prefix (a one-byte prefix by that byte
    /// and 0xFF, which no UTF-8 text contains): one lookup per token finds the few to check.
    prefix: HashMap<[u8; 2], Vec<PrefixEntry>, FastHash>,
    /// Patterns whose first step can match any token or none (rare).
    any: Vec<u32>,
}

impl Index {
    pub(super) fn new(patterns: Vec<Pattern>) -> Index {
        let mut index = Index::default();
        for (id, p) in patterns.iter().enumerate() {
            let id = id as u32;
            let firsts: Option<Vec<&WordTest>> = match &p.steps[0] {
                Step::Word(t) => Some(vec![t]),
                Step::Group(g) if !g.optional => {
                    Some(g.alternatives.iter().map(|a| &a[0]).collect())
                }
                Step::Group(_) | Step::Gap => None,
            };
            match firsts {
                Some(tests) if !tests.iter().any(|t| matches!(t, WordTest::Any | WordTest::Name)) => {
                    for t in tests {
                        match t {
                            WordTest::Literal(w) => {
                                index.literal.entry(w.clone()).or_default().push(id)
                            }
                            WordTest::Prefix(w) => index
                                .prefix
                                .entry(prefix_key(w))
                                .or_default()
                                .push((w.clone(), id)),
                            WordTest::Any | WordTest::Name => {}
                        }
                    }
                }
                _ => index.any.push(id),
            }
        }
        for list in index.literal.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        for list in index.prefix.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        index.patterns = patterns;
        index
    }

    /// Calls `found(pattern, first token, end token)` for every match (the first way each
    /// pattern matches at each start); `candidates` is a reusable buffer.
    pub(super) fn find_all(
        &self,
        tokens: &TokenView<'_>,
        candidates: &mut Vec<u32>,
        mut found: impl FnMut(u32, usize, usize),
    ) {
        for i in 0..tokens.len() {
            let token = tokens.get(i).unwrap_or("");
            candidates.clear();
            if let Some(list) = self.literal.get(token) {
                candidates.extend_from_slice(list);
            }
            let bytes = token.as_bytes();
            if let Some(&first) = bytes.first() {
                let keys = [
                    [first, 0xFF],
                    [first, bytes.get(1).copied().unwrap_or(0xFF)],
                ];
                let keys = if keys[0] == keys[1] {
                    &keys[..1]
                } else {
                    &keys[..]
                };
                for key in keys {
                    if let Some(list) = self.prefix.get(key) {
                        candidates.extend(
                            list.iter()
                                .filter(|(p, _)| token.starts_with(&**p))
                                .map(|&(_, id)| id),
                        );
                    }
                }
            }
            candidates.extend_from_slice(&self.any);
            for &id in candidates.iter() {
                let p = &self.patterns[id as usize];
                if p.anchored && i != 0 {
                    continue;
                }
                if let Some(end) = match_steps(&p.steps, tokens, i)
                    && end > i
                {
                    found(id, i, end);
                }
            }
        }
    }
}

/// The lower-cased tokens of a text, as ranges of one buffer, and which are names.
pub(super) struct TokenView<'a> {
    pub text: &'a str,
    pub ranges: &'a [(usize, usize)],
    pub names: &'a [bool],
}

impl TokenView<'_> {
    fn len(&self) -> usize {
        self.ranges.len()
    }

    fn get(&self, i: usize) -> Option<&str> {
        self.ranges.get(i).map(|&(a, b)| &self.text[a..b])
    }
}

/// Where `steps` matched from token `i` end (exclusive), trying alternatives, optional groups
/// and gap lengths in order and taking the first that completes. Patterns are short and gaps
/// at most two tokens, so the search is bounded.
fn match_steps(steps: &[Step], tokens: &TokenView<'_>, i: usize) -> Option<usize> {
    let Some((step, rest)) = steps.split_first() else {
        return Some(i);
    };
    match step {
        Step::Word(test) => {
            if test.matches(tokens, i) {
                match_steps(rest, tokens, i + 1)
            } else {
                None
            }
        }
        Step::Group(group) => {
            for alt in &group.sequences {
                let fits = alt.len() <= tokens.len().saturating_sub(i)
                    && alt.iter().enumerate().all(|(k, t)| t.matches(tokens, i + k));
                if fits && let Some(end) = match_steps(rest, tokens, i + alt.len()) {
                    return Some(end);
                }
            }
            if group.matches_one(tokens, i)
                && let Some(end) = match_steps(rest, tokens, i + 1)
            {
                return Some(end);
            }
            if group.optional {
                match_steps(rest, tokens, i)
            } else {
                None
            }
        }
        Step::Gap => (0..=2)
            .filter(|skip| i + skip <= tokens.len())
            .find_map(|skip| match_steps(rest, tokens, i + skip)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `pattern` matches somewhere in `text`, with the text prepared exactly as
    /// the classifier prepares it.
    fn matches(pattern: &str, text: &str) -> bool {
        let index = Index::new(vec![compile(pattern).unwrap()]);
        let mut cue = super::super::CueText::default();
        cue.fill(text);
        let view = TokenView {
            text: &cue.lower,
            ranges: &cue.ranges,
            names: &cue.names,
        };
        let mut hit = false;
        index.find_all(&view, &mut Vec::new(), |_, _, _| hit = true);
        hit
    }

    #[test]
    fn phrase_syntax() {
        // Words match whole tokens only.
        assert!(matches("keeps crashing", "it keeps crashing!"));
        assert!(!matches("crash", "crashes"));
        assert!(matches("crash*", "crashes"));
        // Groups of alternatives.
        assert!(matches("(can't|cannot) log in", "I can’t log in"));
        // Gaps of zero to two tokens.
        assert!(matches("please .. add", "please add"));
        assert!(matches("please .. add", "please just quickly add"));
        assert!(!matches("please .. add", "please, if you can, add"));
        // Any one token.
        assert!(matches("the _ broke", "the screen broke"));
        // Multi-word alternatives and optional groups.
        assert!(matches("(unable to|can't) open", "unable to open"));
        assert!(matches("every (single)? time", "every time"));
        assert!(matches("every (single)? time", "every single time"));
        assert!(!matches("every (single)? time", "every other time"));
        // Anchoring.
        assert!(matches("^ how", "How do I"));
        assert!(!matches("^ how", "tell me how"));
        assert!(matches("^ .. why", "so why"));
        // Punctuation tokens.
        assert!(matches("tip :", "Pro tip: hold it"));
        assert!(matches("?", "why?"));
    }

    #[test]
    fn bad_patterns_say_why() {
        for (pattern, why) in [
            ("", "empty"),
            ("(a|b", "unclosed"),
            ("a*b", "may only end"),
            ("foo ..", "end with a gap"),
            (".. .. x", "two gaps"),
            ("(a||b)", "empty alternative"),
            ("^", "nothing after"),
            ("((a))", "nest"),
            ("(a)b", "stand alone"),
            ("x(a)", "stand alone"),
            ("(a)?", "not optional"),
            ("a\\", "lone"),
        ] {
            let err = compile(pattern).unwrap_err();
            assert!(err.contains(why), "{pattern:?}: {err}");
        }
    }

    #[test]
    fn names_are_literal() {
        let p = literal_phrase("AT&T").unwrap();
        assert!(matches(&p, "switching to at&t"));
        let p = literal_phrase("Globex").unwrap();
        assert!(matches(&p, "@Globex is better"));
        assert!(matches(&p, "#globex"));
        let p = literal_phrase("Foo (Bar)*").unwrap();
        assert!(matches(&p, "foo (bar)*"));
        assert!(literal_phrase("   ").is_none());
    }

    #[test]
    fn name_atom_matches_capitalised_uncommon_words() {
        // A capitalised brand or a short all-caps one is a name...
        assert!(matches("switched to <name>", "I switched to Monzo last week"));
        assert!(matches("switched to <name>", "switched to EE"));
        // ...a lower-case word, a sentence-opening common word or "I" is not.
        assert!(!matches("switched to <name>", "switched to monzo"));
        assert!(!matches("to <name>", "went to The shop"));
        assert!(!matches("<name> said", "I said"));
        // In groups, beside literal alternatives.
        assert!(matches("(at|from) (<name>|home)", "bought it at Lidl"));
        assert!(matches("(at|from) (<name>|home)", "bought it at home"));
    }
}
