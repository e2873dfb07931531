//! The configuration file: one JSON format for everything a user (or the crate itself) can
//! configure — categories to add, replace or switch off, cues to add, competitor and product
//! names (and, as stages are added, their own sections) — with one loader whose errors name the
//! file, the line and the problem. The built-in categories are a file of this format
//! (`src/classifier/data/categories.json`). Each stage compiles its part of a [`Config`]; this
//! module only reads and checks.

mod risk;

pub use risk::{RiskConfig, UrgencySpec};
mod aspects;

pub use aspects::{AspectContext, AspectSpec, AspectValence};

use std::path::Path;

use crate::error::{Error, ErrorKind, read_utf8_file};

/// Cue patterns that share one weight in a category's model.
///
/// ```
/// let g = earshot::classifier::CueGroup::new("delivery", 1.5, ["never arrived", "still waiting"]);
/// assert_eq!(g.patterns.len(), 2);
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueGroup {
    /// A name for explanations and configuration.
    pub name: String,
    /// What a match adds to the category's log-odds; negative weights count against it.
    pub weight: f64,
    /// What a match is: evidence for the sentence it is in (the default), a guard against
    /// it, or context for the whole text.
    #[serde(default, skip_serializing_if = "CueKind::is_cue")]
    pub kind: CueKind,
    /// The patterns, in the [phrase syntax](crate::classifier#cue-patterns). Read from a
    /// configuration file, each is checked as it is read, so a bad one is reported on its line.
    #[serde(deserialize_with = "de::patterns")]
    pub patterns: Vec<String>,
}

/// What a [`CueGroup`]'s match says. Every category scores each sentence of a text alone (see
/// [`classifier`](crate::classifier)); the kind says where a match counts and whether it can
/// explain a label.
///
/// ```
/// use earshot::classifier::{CueGroup, CueKind};
///
/// let g = CueGroup::new("addressed", 0.5, ["^ @*"]).with_kind(CueKind::Context);
/// assert_eq!(g.kind, CueKind::Context);
/// assert_eq!(CueGroup::new("sarcasm", -2.0, ["yeah right"]).kind, CueKind::Cue);
/// ```
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum CueKind {
    /// Evidence: counts in the sentence where it matched, and with a positive weight it is
    /// evidence (a category is reported only from a sentence with evidence, whose spans
    /// explain it). With a negative weight it counts against that sentence, like a guard.
    #[default]
    Cue,
    /// A near miss: counts (usually against) in the sentence where it matched; never evidence.
    Guard,
    /// About the text as a whole (it is addressed to someone, say): counts in every sentence
    /// when it matched in any; never evidence.
    Context,
}

impl CueKind {
    fn is_cue(&self) -> bool {
        *self == CueKind::Cue
    }
}

impl CueGroup {
    /// A group of [kind](CueKind) `Cue` from its name, weight and patterns.
    pub fn new<I, S>(name: &str, weight: f64, patterns: I) -> CueGroup
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        CueGroup {
            name: name.to_string(),
            weight,
            kind: CueKind::Cue,
            patterns: patterns.into_iter().map(Into::into).collect(),
        }
    }

    /// The group with another [kind](CueKind).
    pub fn with_kind(mut self, kind: CueKind) -> CueGroup {
        self.kind = kind;
        self
    }
}

/// How a category's model weighs the text's sentiment proportions.
///
/// ```
/// let w = earshot::classifier::SentimentWeights { negative: 2.0, positive: -1.0 };
/// assert!(w.negative > 0.0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SentimentWeights {
    /// Weight of [`Sentiment::negative`](crate::Sentiment::negative).
    pub negative: f64,
    /// Weight of [`Sentiment::positive`](crate::Sentiment::positive).
    pub positive: f64,
}

/// How a category's model weighs a review's star rating, when one is given (see
/// [`Feedback`](crate::Feedback)): `rated` counts whenever there is a rating, `low` is 1 for
/// one star, ½ for two, 0 from three; `high` is ½ for four stars, 1 for five.
///
/// ```
/// let w = earshot::classifier::RatingWeights { rated: -0.5, low: 1.5, high: -1.0 };
/// assert!(w.low > w.high);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RatingWeights {
    /// Weight of there being a rating at all.
    pub rated: f64,
    /// Weight of a low rating.
    pub low: f64,
    /// Weight of a high rating.
    pub high: f64,
}

/// A category's definition: its cue groups and model weights.
///
/// ```
/// use earshot::classifier::{CategorySpec, CueGroup};
///
/// let spec = CategorySpec::new("billing", "questions and problems with invoices")
///     .with_cues(CueGroup::new("invoice", 3.0, ["invoice*", "billing"]));
/// assert_eq!(spec.cues.len(), 1);
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategorySpec {
    /// The label reported in results.
    #[serde(deserialize_with = "de::label")]
    pub label: String,
    /// What the category means.
    #[serde(default)]
    pub description: String,
    /// The model's log-odds before any cue (negative: the category is rare).
    #[serde(default = "default_bias")]
    pub bias: f64,
    /// The confidence from which the category is reported, in (0, 1].
    #[serde(default = "default_threshold", deserialize_with = "de::threshold")]
    pub threshold: f64,
    /// Weights of the sentiment proportions.
    #[serde(default)]
    pub sentiment: SentimentWeights,
    /// Weights of a star rating, when one comes with the text.
    #[serde(default, skip_serializing_if = "RatingWeights::is_zero")]
    pub rating: RatingWeights,
    /// The cue groups.
    #[serde(default)]
    pub cues: Vec<CueGroup>,
    /// Whether the category is classified at all.
    #[serde(default = "default_true")]
    pub enabled: bool,
}

impl RatingWeights {
    fn is_zero(&self) -> bool {
        *self == RatingWeights::default()
    }
}

fn default_bias() -> f64 {
    -2.5
}
fn default_threshold() -> f64 {
    0.5
}
fn default_true() -> bool {
    true
}

impl CategorySpec {
    /// A category with no cues yet, a bias of −2.5 (one strong cue, weight 3, reports it) and
    /// the default threshold 0.5.
    pub fn new(label: &str, description: &str) -> CategorySpec {
        CategorySpec {
            label: label.to_string(),
            description: description.to_string(),
            bias: -2.5,
            threshold: 0.5,
            sentiment: SentimentWeights::default(),
            rating: RatingWeights::default(),
            cues: Vec::new(),
            enabled: true,
        }
    }

    /// Adds a cue group.
    pub fn with_cues(mut self, group: CueGroup) -> CategorySpec {
        self.cues.push(group);
        self
    }
}

/// The configuration file (JSON): categories to add or replace, cues to add, categories to
/// switch off, competitor and product names, and the aspects a text can be about. The built-in
/// categories and aspects are files of this format too (`src/classifier/data/categories.json`,
/// `src/aspects/data/aspects.json`).
///
/// ```
/// use earshot::Config;
///
/// let config = Config::from_json(r#"{
///     "competitors": ["Globex", "Initech"],
///     "disable": ["policy"],
///     "categories": [
///         {"label": "billing", "cues": [{"name": "invoice", "weight": 3.0, "patterns": ["invoice*"]}]}
///     ]
/// }"#)?;
/// assert_eq!(config.competitors.len(), 2);
/// # Ok::<(), earshot::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Free text for people reading the file (what it is, who wrote it); ignored.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub comment: String,
    /// Start from no categories instead of the built-in ones.
    pub replace_builtin: bool,
    /// Categories to add; one with the label of an existing category replaces it. Two with
    /// the same label in one configuration are an error.
    #[serde(deserialize_with = "de::categories")]
    pub categories: Vec<CategorySpec>,
    /// Cue groups to add to existing categories: `(label, group)`.
    pub cues: Vec<LabelledCues>,
    /// Labels of categories to switch off.
    pub disable: Vec<String>,
    /// Names of competitors: mentioning one is evidence for `competitor`.
    pub competitors: Vec<String>,
    /// Names of your products: mentioning one is weak evidence for `problem`, `idea`,
    /// `praise` and `new_use` (the post is about you).
    pub products: Vec<String>,
    /// Start from no aspects instead of the built-in ones.
    pub replace_builtin_aspects: bool,
    /// Aspects to add, replace, extend (`"extend": true`) or switch off (`"enabled": false`);
    /// see [`AspectSpec`]. Two entries with the same label in one configuration are an error.
    #[serde(deserialize_with = "de::aspects")]
    pub aspects: Vec<AspectSpec>,
    /// Risk flags, the urgency model and the routing table (see [`RiskConfig`]).
    #[serde(skip_serializing_if = "is_default")]
    pub risk: RiskConfig,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// A cue group for the category `label`, in a [`Config`].
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledCues {
    /// The category.
    pub label: String,
    /// The group to add to it.
    #[serde(flatten)]
    pub group: CueGroup,
}

/// Checks made while a configuration is parsed. Each runs inside the visitor of the value it
/// checks, so serde_json reports the problem at that value's position (its line).
mod de {
    use std::cell::RefCell;
    use std::fmt;

    use serde::de::{Deserialize, Deserializer, Error, Visitor};

    use super::{AspectSpec, CategorySpec};
    use crate::cues;

    thread_local! {
        /// While an `aspects` list is parsed on this thread: the labels read so far.
        static ASPECT_LABELS: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
        /// Whether patterns are compiled as they are read (off only while the built-in file,
        /// whose patterns are compiled right after and tested to compile, is parsed).
        static CHECK_PATTERNS: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
        /// While a `categories` list is parsed on this thread: the labels read so far.
        static LABELS: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
    }

    /// A label of a list being read: not empty, and not one already read in that list
    /// (`seen`; no list being read: no check). `what` names the kind of entry in messages.
    fn unique_label<E: Error>(
        label: &str,
        what: &str,
        seen: &'static std::thread::LocalKey<RefCell<Option<Vec<String>>>>,
    ) -> Result<String, E> {
        if label.trim().is_empty() {
            return Err(E::custom(format!("{what} has an empty label")));
        }
        let repeated = seen.with_borrow_mut(|seen| match seen {
            Some(seen) if seen.iter().any(|l| l == label) => true,
            Some(seen) => {
                seen.push(label.to_string());
                false
            }
            None => false,
        });
        if repeated {
            let what = what.trim_start_matches("a ").trim_start_matches("an ");
            return Err(E::custom(format!(
                "{what} {label:?} is defined twice in this configuration"
            )));
        }
        Ok(label.to_string())
    }

    /// A category label: not empty, and not one already used in the `categories` list being
    /// parsed.
    pub(super) fn label<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        struct Label;
        impl Visitor<'_> for Label {
            type Value = String;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a category label")
            }
            fn visit_str<E: Error>(self, label: &str) -> Result<String, E> {
                unique_label(label, "a category", &LABELS)
            }
        }
        d.deserialize_string(Label)
    }

    /// An aspect label: not empty, and not one already used in the `aspects` list being parsed.
    pub(super) fn aspect_label<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        struct Label;
        impl Visitor<'_> for Label {
            type Value = String;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an aspect label")
            }
            fn visit_str<E: Error>(self, label: &str) -> Result<String, E> {
                unique_label(label, "an aspect", &ASPECT_LABELS)
            }
        }
        d.deserialize_string(Label)
    }

    /// Runs `parse` with `seen` collecting the labels of the list it parses, restoring the
    /// outer state however the list ends (a nested parse cannot happen, but an error must not
    /// leave labels behind for the next parse on this thread).
    fn collecting_labels<T>(
        seen: &'static std::thread::LocalKey<RefCell<Option<Vec<String>>>>,
        parse: impl FnOnce() -> T,
    ) -> T {
        struct Scope(
            Option<Vec<String>>,
            &'static std::thread::LocalKey<RefCell<Option<Vec<String>>>>,
        );
        impl Drop for Scope {
            fn drop(&mut self) {
                let outer = self.0.take();
                self.1.with_borrow_mut(|seen| *seen = outer);
            }
        }
        let _scope = Scope(seen.with_borrow_mut(|s| s.replace(Vec::new())), seen);
        parse()
    }

    /// A list of categories: collects their labels (see [`label`]) while it is read.
    pub(super) fn categories<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<CategorySpec>, D::Error> {
        collecting_labels(&LABELS, || Vec::<CategorySpec>::deserialize(d))
    }

    /// A list of aspects: collects their labels (see [`aspect_label`]) while it is read.
    pub(super) fn aspects<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<AspectSpec>, D::Error> {
        collecting_labels(&ASPECT_LABELS, || Vec::<AspectSpec>::deserialize(d))
    }

    /// A valence: a finite number in −4..=4, the lexicon's scale.
    pub(super) fn valence<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        struct Valence;
        impl Visitor<'_> for Valence {
            type Value = f64;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a valence in -4..=4")
            }
            fn visit_f64<E: Error>(self, v: f64) -> Result<f64, E> {
                if (-4.0..=4.0).contains(&v) {
                    Ok(v)
                } else {
                    Err(E::custom(format!("valence {v} is not in -4..=4")))
                }
            }
            fn visit_i64<E: Error>(self, v: i64) -> Result<f64, E> {
                self.visit_f64(v as f64)
            }
            fn visit_u64<E: Error>(self, v: u64) -> Result<f64, E> {
                self.visit_f64(v as f64)
            }
        }
        d.deserialize_f64(Valence)
    }

    /// A threshold: in (0, 1].
    pub(super) fn threshold<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        struct Threshold;
        impl Visitor<'_> for Threshold {
            type Value = f64;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a threshold in (0, 1]")
            }
            fn visit_f64<E: Error>(self, t: f64) -> Result<f64, E> {
                if t > 0.0 && t <= 1.0 {
                    Ok(t)
                } else {
                    Err(E::custom(format!("threshold {t} is not in (0, 1]")))
                }
            }
            fn visit_i64<E: Error>(self, t: i64) -> Result<f64, E> {
                self.visit_f64(t as f64)
            }
            fn visit_u64<E: Error>(self, t: u64) -> Result<f64, E> {
                self.visit_f64(t as f64)
            }
        }
        d.deserialize_f64(Threshold)
    }

    /// Runs `parse` without compiling patterns as they are read: for the built-in file, whose
    /// patterns the classifier compiles right after (compiling twice would double the first
    /// build's largest cost).
    pub(super) fn unchecked_patterns<T>(parse: impl FnOnce() -> T) -> T {
        struct Restore;
        impl Drop for Restore {
            fn drop(&mut self) {
                CHECK_PATTERNS.set(true);
            }
        }
        CHECK_PATTERNS.set(false);
        let _restore = Restore;
        parse()
    }

    /// A list of cue patterns, each compiled as it is read.
    pub(super) fn patterns<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        struct Checked(String);
        impl<'de> Deserialize<'de> for Checked {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Checked, D::Error> {
                d.deserialize_string(Pattern)
            }
        }
        struct Pattern;
        impl Visitor<'_> for Pattern {
            type Value = Checked;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a cue pattern")
            }
            fn visit_str<E: Error>(self, p: &str) -> Result<Checked, E> {
                if !CHECK_PATTERNS.get() {
                    return Ok(Checked(p.to_string()));
                }
                match cues::compile(p) {
                    Ok(_) => Ok(Checked(p.to_string())),
                    Err(why) => Err(E::custom(format!("pattern {p:?}: {why}"))),
                }
            }
        }
        let checked = Vec::<Checked>::deserialize(d)?;
        Ok(checked.into_iter().map(|c| c.0).collect())
    }
}

impl Config {
    /// Parses a JSON configuration; errors say where and what.
    ///
    /// Everything that can be checked without knowing the categories it will be applied to is
    /// checked here, each problem an [`ErrorKind::Config`] error with its line: JSON syntax, a
    /// text that is not an object, unknown fields, values of the wrong type, numbers out of
    /// range, an empty label, a threshold outside (0, 1], a cue pattern that does not compile
    /// (for a group in `cues`, reported on the line where that entry ends), two categories
    /// with the same label. A text with nothing but whitespace is an [`ErrorKind::Empty`] error
    /// (a configuration that changes nothing is `{}`). A UTF-8 byte-order mark is skipped.
    /// Cues or `disable` entries for an unknown label are found by
    /// [`ClassifierBuilder::build`](crate::classifier::ClassifierBuilder::build).
    ///
    /// ```
    /// use earshot::{Config, ErrorKind};
    ///
    /// let err = Config::from_json(r#"{"categories": [
    ///     {"label": "billing", "cues": [{"name": "g", "weight": 3, "patterns": ["(invoice"]}]}
    /// ]}"#).unwrap_err();
    /// assert_eq!((err.kind(), err.line()), (ErrorKind::Config, Some(2)));
    /// assert!(err.to_string().contains("pattern \"(invoice\": unclosed group"));
    /// ```
    pub fn from_json(text: &str) -> Result<Config, Error> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let body = text.trim_start();
        if body.is_empty() {
            return Err(Error::new(
                ErrorKind::Empty,
                None,
                "no configuration (an empty file; `{}` is a configuration that changes nothing)",
            ));
        }
        if !body.starts_with('{') {
            // serde would read a list as the struct's fields in order ("expected a boolean").
            let line = text[..text.len() - body.len()].matches('\n').count() + 1;
            return Err(Error::new(
                ErrorKind::Config,
                Some(line),
                "invalid configuration: expected a JSON object ({...})",
            ));
        }
        serde_json::from_str(text).map_err(|e| {
            Error::new(
                ErrorKind::Config,
                Some(e.line()),
                format!("invalid configuration: {e}"),
            )
            .with_source(e)
        })
    }

    /// Reads and parses a JSON configuration file; errors are those of
    /// [`from_json`](Self::from_json), naming the file, plus [`ErrorKind::Io`] for a file that
    /// cannot be read and [`ErrorKind::Utf8`] (with its line) for one that is not UTF-8.
    pub fn load(path: impl AsRef<Path>) -> Result<Config, Error> {
        let path = path.as_ref();
        let text = read_utf8_file(path)?;
        Config::from_json(&text).map_err(|e| e.in_file(path))
    }
}

/// The built-in categories: a configuration file like a user's, compiled into the crate.
const BUILTIN_JSON: &str = include_str!("../classifier/data/categories.json");

/// Parses a configuration file built into the crate: its patterns are compiled (and tested to
/// compile) by the stage right after, so they are not compiled as they are read too.
pub(crate) fn parse_builtin(json: &str) -> Result<Config, Error> {
    de::unchecked_patterns(|| Config::from_json(json))
}

/// The built-in categories, parsed on each call (the file is tested to parse and compile):
/// they are compiled once per process, and a parsed copy kept for good would hold every
/// pattern's text twice.
pub(crate) fn builtin_specs() -> Vec<CategorySpec> {
    parse_builtin(BUILTIN_JSON)
        .map(|config| config.categories)
        .unwrap_or_else(|e| unreachable!("the built-in categories parse (tested): {e}"))
}

/// The built-in aspects: a configuration file like a user's (its `aspects` section), compiled
/// into the crate.
const BUILTIN_ASPECTS_JSON: &str = include_str!("../aspects/data/aspects.json");

/// The built-in aspects, parsed on each call (the file is tested to parse and compile; see
/// [`builtin_specs`]).
pub(crate) fn builtin_aspects() -> Vec<AspectSpec> {
    de::unchecked_patterns(|| Config::from_json(BUILTIN_ASPECTS_JSON))
        .map(|config| config.aspects)
        .unwrap_or_else(|e| unreachable!("the built-in aspects parse (tested): {e}"))
}

/// A configuration error with no line (found when the categories are put together).
pub(crate) fn config_error(message: String) -> Error {
    Error::new(ErrorKind::Config, None, message)
}
