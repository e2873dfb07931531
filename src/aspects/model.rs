//! The compiled aspects: every word list of every aspect in one cue index (so a text is
//! matched in one pass), what each pattern means, and the structure words by vocabulary id.

use std::sync::Arc;

use super::words::{FUNCTION_WORDS, WordRoles};
use crate::config::{AspectSpec, Config, builtin_aspects};
use crate::cues;
use crate::error::{Error, ErrorKind};
use crate::read::{Vocabulary, Word, WordId};
use crate::util::{Name, trim_fast};

/// What a pattern of the index stands for.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub(super) enum Meaning {
    /// Names aspect `.0`.
    Term(u32),
    /// An opinion word that names aspect `.0` when it judges nothing else.
    Opinion(u32),
    /// A word that judges aspect `.0` of whatever it is said of.
    Attribute(u32),
    /// A term of context rule `.0`.
    ContextTerm(u32),
    /// A word that lets the terms of context rule `.0` count.
    ContextNear(u32),
    /// A word with valence `.1` for aspect `.0`, where the lexicon gives it none.
    Valence(u32, f64),
}

/// One compiled aspect.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(super) struct Compiled {
    pub label: Name,
    pub report: bool,
    /// Defined (or replaced) by a configuration, not built in: the thing the user asked
    /// about keeps the attribute words said of it (see `attach.rs`).
    pub yours: bool,
}

/// The aspects of an analyzer, compiled against its vocabulary. Cheap to clone (shared).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct Aspects {
    pub(super) model: Arc<Model>,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(super) struct Model {
    pub aspects: Vec<Compiled>,
    pub index: cues::StageIndex,
    /// Per pattern of the index.
    pub meanings: Vec<Meaning>,
    /// Per context rule: its aspect.
    pub rules: Vec<u32>,
    /// Per vocabulary id: the word's roles in a sentence's structure.
    pub roles: Vec<WordRoles>,
}

impl Aspects {
    /// The built-in aspects, compiled against `vocabulary` (which they extend).
    pub(crate) fn builtin(vocabulary: Vocabulary) -> Aspects {
        let all: Vec<(AspectSpec, bool)> =
            builtin_aspects().into_iter().map(|s| (s, false)).collect();
        Aspects::compile(&all, vocabulary)
            .unwrap_or_else(|e| unreachable!("the built-in aspects compile (tested): {e}"))
    }

    /// The built-in aspects with `configs` applied in order, then `specs` (from code), compiled
    /// against `vocabulary`. Errors: an aspect to extend that does not exist, an aspect with no
    /// words, a pattern that does not compile, a valence out of range.
    pub(crate) fn configured(
        configs: &[Config],
        specs: &[AspectSpec],
        vocabulary: Vocabulary,
    ) -> Result<Aspects, Error> {
        let mut all: Vec<(AspectSpec, bool)> =
            builtin_aspects().into_iter().map(|s| (s, false)).collect();
        for config in configs {
            if config.replace_builtin_aspects {
                all.clear();
            }
            for spec in &config.aspects {
                apply(&mut all, spec)?;
            }
        }
        for spec in specs {
            apply(&mut all, spec)?;
        }
        Aspects::compile(&all, vocabulary)
    }

    /// Compiles `specs` (the enabled ones; each with whether it is a user's) against
    /// `vocabulary`.
    fn compile(specs: &[(AspectSpec, bool)], mut vocabulary: Vocabulary) -> Result<Aspects, Error> {
        let mut patterns = Vec::new();
        let mut meanings = Vec::new();
        let mut rules = Vec::new();
        let mut aspects: Vec<Compiled> = Vec::new();
        for (spec, yours) in specs.iter().filter(|s| s.0.enabled) {
            let a = aspects.len() as u32;
            let label = spec.label.trim();
            if label.is_empty() {
                return Err(error("an aspect has an empty label".into()));
            }
            if aspects.iter().any(|c| c.label == label) {
                return Err(error(format!("two aspects are labelled {label:?}")));
            }
            let words = spec.terms.len()
                + spec.opinions.len()
                + spec.attributes.len()
                + spec.context.iter().map(|c| c.terms.len()).sum::<usize>();
            if words == 0 {
                return Err(error(format!(
                    "aspect {label:?} has no terms, opinions, attributes or context terms"
                )));
            }
            // Terms are nouns: their plurals are matched too; opinion words are not.
            let mut add = |list: &[String], meaning: Meaning, what: &str| {
                let nouns = matches!(meaning, Meaning::Term(_) | Meaning::ContextTerm(_));
                for p in list {
                    // The plural is made only for nouns (opinion words have none); the pattern
                    // keeps its own words, since neither the spec nor the plural outlives it.
                    let pattern = trim_fast(p);
                    let plural = if nouns { plural(pattern) } else { None };
                    for form in std::iter::once(pattern).chain(plural.as_deref()) {
                        let compiled =
                            cues::compile(form)
                                .map(cues::Pattern::into_owned)
                                .map_err(|why| {
                                    error(format!("aspect {label:?}, {what}: pattern {p:?}: {why}"))
                                })?;
                        patterns.push(compiled);
                        meanings.push(meaning);
                    }
                }
                Ok::<(), Error>(())
            };
            add(&spec.terms, Meaning::Term(a), "terms")?;
            add(&spec.opinions, Meaning::Opinion(a), "opinions")?;
            add(&spec.attributes, Meaning::Attribute(a), "attributes")?;
            for c in &spec.context {
                let rule = rules.len() as u32;
                rules.push(a);
                add(&c.terms, Meaning::ContextTerm(rule), "context terms")?;
                add(&c.near, Meaning::ContextNear(rule), "context near")?;
            }
            for v in &spec.valences {
                if !(v.valence.is_finite() && (-4.0..=4.0).contains(&v.valence)) {
                    return Err(error(format!(
                        "aspect {label:?}: valence {} is not in -4..=4",
                        v.valence
                    )));
                }
                add(&v.words, Meaning::Valence(a, v.valence), "valences")?;
            }
            aspects.push(Compiled {
                label: Name::new(label),
                report: spec.report,
                yours: *yours,
            });
        }
        for (word, _) in FUNCTION_WORDS {
            vocabulary.intern((*word).into());
        }
        let index = cues::StageIndex::new(cues::Index::new(patterns, vocabulary));
        let vocabulary = index.vocabulary().clone();
        let mut roles = vec![WordRoles::default(); vocabulary.len()];
        for (word, role) in FUNCTION_WORDS {
            let id = vocabulary.id(word) as usize;
            roles[id] = roles[id].union(*role);
        }
        Ok(Aspects {
            model: Arc::new(Model {
                aspects,
                index,
                meanings,
                rules,
                roles,
            }),
        })
    }

    /// The vocabulary moved out, for the next stage of an analyzer's chain to extend (see
    /// [`Classifier::take_vocabulary`](crate::classifier::Classifier)).
    pub(crate) fn take_vocabulary(&mut self) -> Option<Vocabulary> {
        Arc::get_mut(&mut self.model)?.index.take_vocabulary()
    }

    /// Reads with `vocabulary`, which extends the aspects', instead of a copy of their own
    /// (when they are not shared yet; else nothing changes).
    pub(crate) fn share_vocabulary(&mut self, vocabulary: &Arc<Vocabulary>) {
        if let Some(model) = Arc::get_mut(&mut self.model) {
            model.index.share_vocabulary(vocabulary);
        }
    }

    /// Where the patterns are: the aspects' own index, or their part of one shared with an
    /// analyzer's other stages.
    pub(crate) fn cue_index(&self) -> &cues::StageIndex {
        &self.model.index
    }

    /// [`cue_index`](Self::cue_index), to share it (the model is copied first if other
    /// analyzers share it).
    pub(crate) fn cue_index_mut(&mut self) -> &mut cues::StageIndex {
        &mut Arc::make_mut(&mut self.model).index
    }

    /// The vocabulary the aspects are compiled against: it extends the one they were given.
    pub(crate) fn vocabulary(&self) -> &Arc<Vocabulary> {
        self.model.index.vocabulary()
    }

    /// The labels of the reported aspects, in definition order.
    pub(crate) fn labels(&self) -> impl Iterator<Item = &str> {
        self.model
            .aspects
            .iter()
            .filter(|a| a.report)
            .map(|a| a.label.as_str())
    }
}

impl Model {
    /// The roles of `word`.
    #[inline]
    pub(super) fn roles(&self, word: &Word, lower: &str) -> WordRoles {
        let mut r = self.role(word.id);
        if super::words::negating_contraction(word, lower) {
            r = r.union(WordRoles::NEGATOR);
        }
        r
    }

    #[inline]
    fn role(&self, id: WordId) -> WordRoles {
        self.roles.get(id as usize).copied().unwrap_or_default()
    }
}

/// Applies one aspect of a configuration to `all`: replaces or adds it (then it is the user's),
/// extends it, or switches it off.
fn apply(all: &mut Vec<(AspectSpec, bool)>, spec: &AspectSpec) -> Result<(), Error> {
    let existing = all.iter_mut().find(|a| a.0.label == spec.label);
    match (existing, spec.extend) {
        (Some((a, _)), true) => {
            a.terms.extend(spec.terms.iter().cloned());
            a.opinions.extend(spec.opinions.iter().cloned());
            a.attributes.extend(spec.attributes.iter().cloned());
            a.context.extend(spec.context.iter().cloned());
            a.valences.extend(spec.valences.iter().cloned());
            a.enabled &= spec.enabled;
        }
        (None, true) => {
            return Err(error(format!(
                "cannot extend unknown aspect {:?}",
                spec.label
            )));
        }
        (Some(a), false) => *a = (spec.clone(), true),
        (None, false) => all.push((spec.clone(), true)),
    }
    Ok(())
}

/// The pattern of `pattern`'s plural, when its last word is a plain word ("waiter" →
/// "waiters", "battery" → "batteries", "dish" → "dishes"), the last word lower-cased. Built in
/// one string: it runs for every noun of the built-in aspects at every first build.
fn plural(pattern: &str) -> Option<String> {
    let pattern = trim_fast(pattern);
    // `pattern.rsplit(' ').next()`, by bytes.
    let last = match pattern.as_bytes().iter().rposition(|&b| b == b' ') {
        Some(space) => &pattern[space + 1..],
        None => pattern,
    };
    let b = last.as_bytes();
    let n = b.len();
    if n < 2 || !b.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let lower = |i: usize| b[i].to_ascii_lowercase();
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let (kept, suffix) = match (lower(n - 2), lower(n - 1)) {
        (_, b's' | b'x' | b'z') | (b'c' | b's', b'h') => (n, "es"),
        (b'f', b'e') => (n - 2, "ves"),
        (c, b'y') if !vowel(c) => (n - 1, "ies"),
        _ => (n, "s"),
    };
    let mut out = String::with_capacity(pattern.len() + 2);
    out.push_str(&pattern[..pattern.len() - n]);
    out.extend(b[..kept].iter().map(|c| char::from(c.to_ascii_lowercase())));
    out.push_str(suffix);
    Some(out)
}

fn error(message: String) -> Error {
    Error::new(ErrorKind::Config, None, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plural as first defined: `pattern` and, when its last word is a plain word, the
    /// plural form, made with `format!` (the reference for [`plural`]).
    fn with_plural(pattern: &str) -> impl Iterator<Item = String> {
        let pattern = pattern.trim();
        let last = pattern.rsplit(' ').next().unwrap_or("");
        let plain = last.len() >= 2 && last.bytes().all(|b| b.is_ascii_alphabetic());
        let plural = plain.then(|| {
            let stem = &pattern[..pattern.len() - last.len()];
            let word = last.to_ascii_lowercase();
            let b = word.as_bytes();
            let n = b.len();
            let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
            let form = if word.ends_with('s')
                || word.ends_with('x')
                || word.ends_with('z')
                || word.ends_with("ch")
                || word.ends_with("sh")
            {
                format!("{word}es")
            } else if word.ends_with("fe") {
                format!("{}ves", &word[..n - 2])
            } else if b[n - 1] == b'y' && !vowel(b[n - 2]) {
                format!("{}ies", &word[..n - 1])
            } else {
                format!("{word}s")
            };
            format!("{stem}{form}")
        });
        std::iter::once(pattern.to_string()).chain(plural)
    }

    /// [`plural`], built in one string, gives what the `format!` definition gives: for every
    /// ending rule, upper case, stems, non-plain last words and odd whitespace.
    #[test]
    fn plural_agrees_with_the_definition() {
        let lasts = [
            "waiter", "Battery", "DAY", "dish", "CHURCH", "fox", "quiz", "glass", "knife", "Wife",
            "fe", "ye", "ay", "y", "by", "boy", "toy", "key", "sh", "ch", "xs", "es", "ab", "a",
            "", "crash*", "(a|b)", "x1", "café", "cafe", "Ok", "zZ",
        ];
        for stem in ["", "battery ", "the  long ", " (a|b) ", "^", "x y "] {
            for last in lasts {
                for pad in ["", " ", "\t", "\u{3000}"] {
                    let pattern = format!("{pad}{stem}{last}{pad}");
                    let forms: Vec<String> = with_plural(&pattern).collect();
                    assert_eq!(forms[0], pattern.trim(), "{pattern:?}");
                    assert_eq!(trim_fast(&pattern), pattern.trim(), "{pattern:?}");
                    assert_eq!(
                        plural(&pattern).as_deref(),
                        forms.get(1).map(String::as_str),
                        "{pattern:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn plurals() {
        let forms = |p: &str| with_plural(p).collect::<Vec<_>>();
        assert_eq!(forms("waiter"), ["waiter", "waiters"]);
        assert_eq!(forms("battery life"), ["battery life", "battery lives"]);
        assert_eq!(forms("dish"), ["dish", "dishes"]);
        assert_eq!(forms("glass"), ["glass", "glasses"]);
        assert_eq!(forms("day"), ["day", "days"]);
        assert_eq!(forms("crash*"), ["crash*"]);
        assert_eq!(forms("(a|b)"), ["(a|b)"]);
        assert_eq!(forms("x"), ["x"]);
        for (p, expected) in [
            ("waiter", Some("waiters")),
            ("battery life", Some("battery lives")),
            ("crash*", None),
            ("x", None),
        ] {
            assert_eq!(plural(p).as_deref(), expected, "{p:?}");
        }
    }
}
