//! Stage 3: the feedback classifier — what kind of feedback a text is, with the evidence.
//!
//! Nine built-in categories, multi-label (a text can carry several or none):
//!
//! | label | what it is |
//! |---|---|
//! | `problem` | early warning: a defect, failure, outage, broken or unsafe product |
//! | `complaint` | the writer's expectations were breached (may be polite) |
//! | `idea` | a feature request, suggestion or wish |
//! | `question` | asks for help or information and expects an answer |
//! | `praise` | a testimonial: thanks, recommendation, compliment |
//! | `tip` | a tip one user gives others: how-to, workaround |
//! | `new_use` | a new application or audience for the product |
//! | `competitor` | a comparison, a switch, a rival named |
//! | `policy` | sentiment about regulation, law, government action |
//!
//! Each category is a small linear model over **cue groups** — lists of phrase patterns sharing
//! one weight — and the text's sentiment: `confidence = sigmoid(bias + Σ weight of each group
//! that matched + w₋ · negative + w₊ · positive)`. A category is reported when its confidence
//! reaches its threshold (0.5 by default) *and* at least one cue with a positive weight matched:
//! every label comes with the spans of text that fired it.
//!
//! ```
//! let a = earshot::Analyzer::default().analyze("The app crashes every time I open the camera");
//! let problem = a.categories.iter().find(|c| c.label == "problem").unwrap();
//! assert!(problem.confidence > 0.5);
//! assert_eq!(problem.evidence[0].text, "crashes");
//! ```
//!
//! # Cue patterns
//!
//! A pattern is a phrase matched against the text's tokens, lower-cased, with `’` read as `'`:
//!
//! * words separated by spaces match consecutive tokens: `keeps crashing`, `won't load`;
//! * `word*` matches any token starting with `word`: `crash*`;
//! * `(a|b|c)` matches any of the alternatives (which may end in `*`): `(can't|cannot) log in`;
//! * `_` matches any one token, `..` any zero to two tokens: `please .. add`;
//! * `<name>` matches a word written like a name — capitalised ("Lidl") or a short
//!   all-capitals word ("EE") that is not a common English word: `switched to <name>`;
//! * `^` first anchors the pattern to the start of the text: `^ how do i`;
//! * punctuation is matched as written: `?`, `tip :`; @mentions and #hashtags keep their
//!   sign (`@acme`), URLs read as `<url>`, e-mail addresses as `<email>`.
//!
//! # Customising
//!
//! From code, with [`ClassifierBuilder`], or from a JSON file ([`ClassifierConfig`], feature
//! `serde`): add or replace categories, add cues to a built-in category, switch categories off,
//! and name your competitors and products.
//!
//! ```
//! use earshot::classifier::{Classifier, CueGroup};
//!
//! let classifier = Classifier::builder()
//!     .competitors(["Globex"])
//!     .cue("idea", CueGroup::new("ours", 2.5, ["needs a tablet mode"]))
//!     .disable("policy")
//!     .build()?;
//! let found = classifier.classify("Globex has a tablet mode, switching", &Default::default());
//! assert_eq!(found[0].label, "competitor");
//! # Ok::<(), earshot::Error>(())
//! ```

mod builtin;
mod pattern;

use std::path::Path;

use crate::error::{Error, ErrorKind};
use crate::read::{Vocabulary, Words};
use crate::scorer::Sentiment;

/// One feedback category found in a text, with how sure the classifier is and why.
///
/// ```
/// use earshot::classifier::{Category, Evidence};
///
/// let c = Category {
///     label: "problem".into(),
///     confidence: 0.9,
///     evidence: vec![Evidence { start: 4, end: 11, text: "crashes".into() }],
/// };
/// assert_eq!(c.evidence[0].text, "crashes");
/// ```
#[derive(Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Category {
    /// The category's name, e.g. `problem`, `idea`, `praise`.
    pub label: String,
    /// How sure the classifier is, 0..=1.
    pub confidence: f64,
    /// The spans of text that made the classifier say so.
    pub evidence: Vec<Evidence>,
}

/// A span of the analysed text that supports a [`Category`].
///
/// ```
/// let e = earshot::classifier::Evidence { start: 0, end: 5, text: "crash".into() };
/// assert_eq!(e.end - e.start, e.text.len());
/// ```
#[derive(Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Evidence {
    /// Byte offset of the span's start in the text.
    pub start: usize,
    /// Byte offset of the span's end.
    pub end: usize,
    /// The span's text.
    pub text: String,
}

// `Clone` by hand for `clone_from`: copying results into old ones (a batch's results, a
// caller's) reuses their strings and vectors, where the derived `clone_from` would allocate
// afresh for every category and every span.
impl Clone for Category {
    fn clone(&self) -> Self {
        Category {
            label: self.label.clone(),
            confidence: self.confidence,
            evidence: self.evidence.clone(),
        }
    }

    fn clone_from(&mut self, source: &Self) {
        self.label.clone_from(&source.label);
        self.confidence = source.confidence;
        self.evidence.clone_from(&source.evidence);
    }
}

impl Clone for Evidence {
    fn clone(&self) -> Self {
        Evidence {
            start: self.start,
            end: self.end,
            text: self.text.clone(),
        }
    }

    fn clone_from(&mut self, source: &Self) {
        self.start = source.start;
        self.end = source.end;
        self.text.clone_from(&source.text);
    }
}

/// Cue patterns that share one weight in a category's model.
///
/// ```
/// let g = earshot::classifier::CueGroup::new("delivery", 1.5, ["never arrived", "still waiting"]);
/// assert_eq!(g.patterns.len(), 2);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CueGroup {
    /// A name for explanations and configuration.
    pub name: String,
    /// What a match adds to the category's log-odds; negative weights count against it.
    pub weight: f64,
    /// The patterns, in the [phrase syntax](self#cue-patterns). Read from a configuration
    /// file, each is checked as it is read, so a bad one is reported on its line.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "de::patterns"))]
    pub patterns: Vec<String>,
}

impl CueGroup {
    /// A group from its name, weight and patterns.
    pub fn new<I, S>(name: &str, weight: f64, patterns: I) -> CueGroup
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        CueGroup {
            name: name.to_string(),
            weight,
            patterns: patterns.into_iter().map(Into::into).collect(),
        }
    }
}

/// How a category's model weighs the text's sentiment proportions.
///
/// ```
/// let w = earshot::classifier::SentimentWeights { negative: 2.0, positive: -1.0 };
/// assert!(w.negative > 0.0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct SentimentWeights {
    /// Weight of [`Sentiment::negative`].
    pub negative: f64,
    /// Weight of [`Sentiment::positive`].
    pub positive: f64,
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
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CategorySpec {
    /// The label reported in results.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "de::label"))]
    pub label: String,
    /// What the category means.
    #[cfg_attr(feature = "serde", serde(default))]
    pub description: String,
    /// The model's log-odds before any cue (negative: the category is rare).
    #[cfg_attr(feature = "serde", serde(default = "default_bias"))]
    pub bias: f64,
    /// The confidence from which the category is reported, in (0, 1].
    #[cfg_attr(
        feature = "serde",
        serde(default = "default_threshold", deserialize_with = "de::threshold")
    )]
    pub threshold: f64,
    /// Weights of the sentiment proportions.
    #[cfg_attr(feature = "serde", serde(default))]
    pub sentiment: SentimentWeights,
    /// The cue groups.
    #[cfg_attr(feature = "serde", serde(default))]
    pub cues: Vec<CueGroup>,
    /// Whether the category is classified at all.
    #[cfg_attr(feature = "serde", serde(default = "default_true"))]
    pub enabled: bool,
}

#[cfg(feature = "serde")]
fn default_bias() -> f64 {
    -2.5
}
#[cfg(feature = "serde")]
fn default_threshold() -> f64 {
    0.5
}
#[cfg(feature = "serde")]
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

/// A classifier configuration as a file holds it (JSON, feature `serde`): categories to add
/// or replace, cues to add, categories to switch off, competitor and product names.
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use earshot::classifier::ClassifierConfig;
///
/// let config = ClassifierConfig::from_json(r#"{
///     "competitors": ["Globex", "Initech"],
///     "disable": ["policy"],
///     "categories": [
///         {"label": "billing", "cues": [{"name": "invoice", "weight": 3.0, "patterns": ["invoice*"]}]}
///     ]
/// }"#)?;
/// assert_eq!(config.competitors.len(), 2);
/// # }
/// # Ok::<(), earshot::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct ClassifierConfig {
    /// Start from no categories instead of the built-in ones.
    pub replace_builtin: bool,
    /// Categories to add; one with the label of an existing category replaces it. Two with
    /// the same label in one configuration are an error.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "de::categories"))]
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
}

/// A cue group for the category `label`, in a [`ClassifierConfig`].
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LabelledCues {
    /// The category.
    pub label: String,
    /// The group to add to it.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub group: CueGroup,
}

/// Checks made while a configuration is parsed. Each runs inside the visitor of the value it
/// checks, so serde_json reports the problem at that value's position (its line).
#[cfg(feature = "serde")]
mod de {
    use std::cell::RefCell;
    use std::fmt;

    use serde::de::{Deserialize, Deserializer, Error, Visitor};

    use super::{CategorySpec, pattern};

    thread_local! {
        /// While a `categories` list is parsed on this thread: the labels read so far.
        static LABELS: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
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
                if label.trim().is_empty() {
                    return Err(E::custom("a category has an empty label"));
                }
                let repeated = LABELS.with_borrow_mut(|seen| match seen {
                    Some(seen) if seen.iter().any(|l| l == label) => true,
                    Some(seen) => {
                        seen.push(label.to_string());
                        false
                    }
                    None => false,
                });
                if repeated {
                    return Err(E::custom(format!(
                        "category {label:?} is defined twice in this configuration"
                    )));
                }
                Ok(label.to_string())
            }
        }
        d.deserialize_string(Label)
    }

    /// A list of categories: collects their labels (see [`label`]) while it is read.
    pub(super) fn categories<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<CategorySpec>, D::Error> {
        /// Restores the outer state however the list ends (a nested parse cannot happen, but
        /// an error must not leave labels behind for the next parse on this thread).
        struct Scope(Option<Vec<String>>);
        impl Drop for Scope {
            fn drop(&mut self) {
                let outer = self.0.take();
                LABELS.with_borrow_mut(|seen| *seen = outer);
            }
        }
        let _scope = Scope(LABELS.with_borrow_mut(|seen| seen.replace(Vec::new())));
        Vec::<CategorySpec>::deserialize(d)
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
                match pattern::compile(p) {
                    Ok(_) => Ok(Checked(p.to_string())),
                    Err(why) => Err(E::custom(format!("pattern {p:?}: {why}"))),
                }
            }
        }
        let checked = Vec::<Checked>::deserialize(d)?;
        Ok(checked.into_iter().map(|c| c.0).collect())
    }
}

#[cfg(feature = "serde")]
impl ClassifierConfig {
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
    /// [`ClassifierBuilder::build`].
    ///
    /// ```
    /// use earshot::{classifier::ClassifierConfig, ErrorKind};
    ///
    /// let err = ClassifierConfig::from_json(r#"{"categories": [
    ///     {"label": "billing", "cues": [{"name": "g", "weight": 3, "patterns": ["(invoice"]}]}
    /// ]}"#).unwrap_err();
    /// assert_eq!((err.kind(), err.line()), (ErrorKind::Config, Some(2)));
    /// assert!(err.to_string().contains("pattern \"(invoice\": unclosed group"));
    /// ```
    pub fn from_json(text: &str) -> Result<ClassifierConfig, Error> {
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
    pub fn load(path: impl AsRef<Path>) -> Result<ClassifierConfig, Error> {
        let path = path.as_ref();
        let text = std::fs::read(path).map_err(|e| {
            Error::new(ErrorKind::Io, None, format!("cannot read: {e}"))
                .with_source(e)
                .in_file(path)
        })?;
        let text = String::from_utf8(text).map_err(|e| {
            let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            Error::new(ErrorKind::Utf8, Some(line), "not valid UTF-8")
                .with_source(e)
                .in_file(path)
        })?;
        ClassifierConfig::from_json(&text).map_err(|e| e.in_file(path))
    }
}

/// Configures a [`Classifier`]; starts from the built-in categories.
#[derive(Clone, Debug)]
pub struct ClassifierBuilder {
    categories: Vec<CategorySpec>,
    competitors: Vec<String>,
    products: Vec<String>,
    /// Cue groups for labels not (yet) defined, checked at build.
    pending: Vec<(String, CueGroup)>,
    disabled: Vec<String>,
}

impl Default for ClassifierBuilder {
    fn default() -> Self {
        ClassifierBuilder {
            categories: builtin::categories(),
            competitors: Vec::new(),
            products: Vec::new(),
            pending: Vec::new(),
            disabled: Vec::new(),
        }
    }
}

impl ClassifierBuilder {
    /// A builder with the built-in categories.
    pub fn new() -> ClassifierBuilder {
        ClassifierBuilder::default()
    }

    /// Removes every category (built-in or added so far).
    pub fn clear(mut self) -> ClassifierBuilder {
        self.categories.clear();
        self
    }

    /// Adds a category, or replaces the one with the same label.
    pub fn category(mut self, spec: CategorySpec) -> ClassifierBuilder {
        match self.categories.iter_mut().find(|c| c.label == spec.label) {
            Some(existing) => *existing = spec,
            None => self.categories.push(spec),
        }
        self
    }

    /// Adds a cue group to the category `label` (which must exist when building).
    pub fn cue(mut self, label: &str, group: CueGroup) -> ClassifierBuilder {
        self.pending.push((label.to_string(), group));
        self
    }

    /// Switches the category `label` off.
    pub fn disable(mut self, label: &str) -> ClassifierBuilder {
        self.disabled.push(label.to_string());
        self
    }

    /// Names competitors: a mention is evidence for `competitor`.
    pub fn competitors<I, S>(mut self, names: I) -> ClassifierBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.competitors.extend(names.into_iter().map(Into::into));
        self
    }

    /// Names your products: a mention is weak evidence that a post is about you.
    pub fn products<I, S>(mut self, names: I) -> ClassifierBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.products.extend(names.into_iter().map(Into::into));
        self
    }

    /// Applies a configuration (see [`ClassifierConfig`]).
    pub fn config(mut self, config: &ClassifierConfig) -> ClassifierBuilder {
        if config.replace_builtin {
            self.categories.clear();
        }
        for spec in &config.categories {
            self = self.category(spec.clone());
        }
        for c in &config.cues {
            self.pending.push((c.label.clone(), c.group.clone()));
        }
        self.disabled.extend(config.disable.iter().cloned());
        self.competitors.extend(config.competitors.iter().cloned());
        self.products.extend(config.products.iter().cloned());
        self
    }

    /// Compiles the categories. Errors name the category, the group and the pattern that is
    /// wrong, or the unknown label.
    pub fn build(mut self) -> Result<Classifier, Error> {
        for (label, group) in std::mem::take(&mut self.pending) {
            let Some(spec) = self.categories.iter_mut().find(|c| c.label == label) else {
                return Err(config_error(format!("cues for unknown category {label:?}")));
            };
            spec.cues.push(group);
        }
        for label in &self.disabled {
            let Some(spec) = self.categories.iter_mut().find(|c| &c.label == label) else {
                return Err(config_error(format!(
                    "cannot disable unknown category {label:?}"
                )));
            };
            spec.enabled = false;
        }
        let names = |names: &[String]| -> Vec<String> {
            names
                .iter()
                .filter_map(|n| pattern::literal_phrase(n))
                .collect()
        };
        let competitors = names(&self.competitors);
        if !competitors.is_empty()
            && let Some(spec) = self.categories.iter_mut().find(|c| c.label == "competitor")
        {
            spec.cues
                .push(CueGroup::new("competitor_named", 3.0, competitors));
        }
        let products = names(&self.products);
        if !products.is_empty() {
            for spec in self
                .categories
                .iter_mut()
                .filter(|c| matches!(c.label.as_str(), "problem" | "idea" | "praise" | "new_use"))
            {
                spec.cues
                    .push(CueGroup::new("product_named", 0.5, products.clone()));
            }
        }
        Classifier::compile(self.categories.into_iter().filter(|c| c.enabled).collect())
    }
}

fn config_error(message: String) -> Error {
    Error::new(ErrorKind::Config, None, message)
}

/// A compiled category.
#[derive(Clone, Debug)]
struct Compiled {
    label: String,
    bias: f64,
    threshold: f64,
    sentiment: SentimentWeights,
    /// `(name, weight)` per group; group `g` of this category is global group `first_group + g`.
    groups: Vec<(String, f64)>,
    first_group: usize,
}

/// The feedback classifier: every category's patterns in one index by first token.
///
/// Build once ([`Classifier::new`] for the built-in categories, [`Classifier::builder`] to
/// customise) and share: it is `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Classifier {
    categories: Vec<Compiled>,
    index: std::sync::Arc<pattern::Index>,
    /// The global group of each pattern.
    pattern_group: std::sync::Arc<[u32]>,
    /// The category of each global group.
    group_category: std::sync::Arc<[u32]>,
    /// The longest label, in bytes.
    longest_label: usize,
}

impl Default for Classifier {
    fn default() -> Classifier {
        Classifier::new()
    }
}

/// Buffers the classifier reuses between texts.
#[derive(Clone, Debug, Default)]
pub(crate) struct ClassifierScratch {
    /// Per global group: whether it matched.
    hits: Vec<bool>,
    /// Matches with a positive weight: (category, first token, end token).
    evidence: Vec<(u32, usize, usize)>,
    /// One category's evidence spans, being merged.
    spans: Vec<(usize, usize)>,
    /// Results of earlier texts, kept for their buffers.
    spare_categories: Vec<Category>,
    spare_evidence: Vec<Evidence>,
}

impl Classifier {
    /// The built-in categories.
    ///
    /// ```
    /// let c = earshot::classifier::Classifier::new();
    /// assert!(c.labels().any(|l| l == "idea"));
    /// ```
    pub fn new() -> Classifier {
        static BUILTIN: std::sync::LazyLock<Classifier> = std::sync::LazyLock::new(|| {
            ClassifierBuilder::new()
                .build()
                .unwrap_or_else(|e| unreachable!("the built-in categories compile (tested): {e}"))
        });
        BUILTIN.clone()
    }

    /// A builder starting from the built-in categories.
    pub fn builder() -> ClassifierBuilder {
        ClassifierBuilder::new()
    }

    /// Every literal word of the patterns, with its id: tokens are looked up once, as they are
    /// read.
    pub(crate) fn vocabulary(&self) -> &Vocabulary {
        &self.index.vocabulary
    }

    /// The labels of the enabled categories, in definition order.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.categories.iter().map(|c| c.label.as_str())
    }

    fn compile(specs: Vec<CategorySpec>) -> Result<Classifier, Error> {
        let mut patterns = Vec::new();
        let mut pattern_group = Vec::new();
        let mut group_category = Vec::new();
        let mut categories = Vec::new();
        for spec in specs {
            if spec.label.trim().is_empty() {
                return Err(config_error("a category has an empty label".into()));
            }
            if !(spec.threshold > 0.0 && spec.threshold <= 1.0) {
                return Err(config_error(format!(
                    "category {:?}: threshold {} is not in (0, 1]",
                    spec.label, spec.threshold
                )));
            }
            let finite = spec.bias.is_finite()
                && spec.sentiment.negative.is_finite()
                && spec.sentiment.positive.is_finite()
                && spec.cues.iter().all(|g| g.weight.is_finite());
            if !finite {
                return Err(config_error(format!(
                    "category {:?}: a weight is not a finite number",
                    spec.label
                )));
            }
            if categories.iter().any(|c: &Compiled| c.label == spec.label) {
                return Err(config_error(format!(
                    "two categories are labelled {:?}",
                    spec.label
                )));
            }
            let first_group = group_category.len();
            for group in &spec.cues {
                let global = group_category.len() as u32;
                group_category.push(categories.len() as u32);
                for p in &group.patterns {
                    let compiled = pattern::compile(p).map_err(|why| {
                        config_error(format!(
                            "category {:?}, cues {:?}: pattern {p:?}: {why}",
                            spec.label, group.name
                        ))
                    })?;
                    patterns.push(compiled);
                    pattern_group.push(global);
                }
            }
            categories.push(Compiled {
                label: spec.label,
                bias: spec.bias,
                threshold: spec.threshold,
                sentiment: spec.sentiment,
                groups: spec.cues.into_iter().map(|g| (g.name, g.weight)).collect(),
                first_group,
            });
        }
        Ok(Classifier {
            longest_label: categories.iter().map(|c| c.label.len()).max().unwrap_or(0),
            categories,
            index: std::sync::Arc::new(pattern::Index::new(patterns)),
            pattern_group: pattern_group.into(),
            group_category: group_category.into(),
        })
    }

    /// Finds every cue among the `words` of `text`: fills `scratch.hits` (per global group) and
    /// `scratch.evidence` (matches of positive-weight groups).
    fn find_cues(&self, text: &str, words: &Words, scratch: &mut ClassifierScratch) {
        let ClassifierScratch { hits, evidence, .. } = scratch;
        hits.clear();
        hits.resize(self.group_category.len(), false);
        evidence.clear();
        let view = pattern::TokenView {
            source: text,
            lower: words.lower_buffer(),
            tokens: words.as_slice(),
        };
        self.index.find_all(&view, |pattern, from, to| {
            let group = self.pattern_group[pattern as usize] as usize;
            hits[group] = true;
            let category = self.group_category[group];
            let c = &self.categories[category as usize];
            if c.groups[group - c.first_group].1 > 0.0 {
                evidence.push((category, from, to));
            }
        });
    }

    /// The categories of `text`, given its `sentiment`, most confident first.
    ///
    /// ```
    /// use earshot::{classifier::Classifier, Analyzer};
    ///
    /// let text = "Please add a dark mode";
    /// let found = Classifier::new().classify(text, &Analyzer::default().sentiment(text));
    /// assert_eq!(found[0].label, "idea");
    /// ```
    pub fn classify(&self, text: &str, sentiment: &Sentiment) -> Vec<Category> {
        let mut out = Vec::new();
        let mut scratch = ClassifierScratch::default();
        let mut words = Words::default();
        words.read(text, self.vocabulary());
        self.classify_into(text, &words, sentiment, &mut scratch, &mut out);
        out
    }

    /// How every enabled category scored `text`: the matched groups, log-odds and confidence —
    /// the explanation behind [`classify`](Self::classify).
    ///
    /// ```
    /// use earshot::{classifier::Classifier, Sentiment};
    ///
    /// let scores = Classifier::new().scores("please add dark mode", &Sentiment::ZERO);
    /// let idea = scores.iter().find(|s| s.label == "idea").unwrap();
    /// assert!(idea.groups.iter().any(|(name, _, matched)| name == "request" && *matched));
    /// ```
    pub fn scores(&self, text: &str, sentiment: &Sentiment) -> Vec<CategoryScore> {
        let mut scratch = ClassifierScratch::default();
        let reported: Vec<String> = self
            .classify(text, sentiment)
            .into_iter()
            .map(|c| c.label)
            .collect();
        let mut words = Words::default();
        words.read(text, self.vocabulary());
        self.find_cues(text, &words, &mut scratch);
        self.categories
            .iter()
            .map(|c| {
                let groups: Vec<(String, f64, bool)> = c
                    .groups
                    .iter()
                    .enumerate()
                    .map(|(g, (name, w))| (name.clone(), *w, scratch.hits[c.first_group + g]))
                    .collect();
                let logit = self.logit(c, sentiment, &scratch.hits);
                CategoryScore {
                    label: c.label.clone(),
                    logit,
                    confidence: 1.0 / (1.0 + (-logit).exp()),
                    groups,
                    reported: reported.contains(&c.label),
                }
            })
            .collect()
    }

    fn logit(&self, c: &Compiled, sentiment: &Sentiment, hits: &[bool]) -> f64 {
        c.bias
            + c.sentiment.negative * sentiment.negative
            + c.sentiment.positive * sentiment.positive
            // Weights times 0 or 1, not a branch per group: which groups matched is as good
            // as random. (Weights are finite: checked when building.)
            + c.groups
                .iter()
                .zip(&hits[c.first_group..])
                .map(|((_, w), &hit)| w * f64::from(u8::from(hit)))
                .sum::<f64>()
    }

    /// Classifies `text`, whose words are `words`.
    pub(crate) fn classify_into(
        &self,
        text: &str,
        words: &Words,
        sentiment: &Sentiment,
        scratch: &mut ClassifierScratch,
        out: &mut Vec<Category>,
    ) {
        // Results of the previous text go back to the pools, keeping their buffers: with warm
        // pools, classifying allocates nothing.
        for mut c in out.drain(..) {
            scratch.spare_evidence.append(&mut c.evidence);
            scratch.spare_categories.push(c);
        }
        self.find_cues(text, words, scratch);
        if scratch.evidence.is_empty() {
            return;
        }
        let tokens = words.as_slice();
        let ClassifierScratch {
            hits,
            evidence,
            spans,
            spare_categories,
            spare_evidence,
            ..
        } = scratch;
        // Sorted, the evidence comes category by category, each in text order. A category
        // without evidence is never reported, so only these are scored.
        evidence.sort_unstable();
        let mut rest = &evidence[..];
        while let Some(&(k, _, _)) = rest.first() {
            let mine;
            (mine, rest) = rest.split_at(rest.iter().take_while(|e| e.0 == k).count());
            let category = &self.categories[k as usize];
            let logit = self.logit(category, sentiment, hits);
            let confidence = 1.0 / (1.0 + (-logit).exp());
            if confidence < category.threshold {
                continue;
            }
            // The matched token spans in text order, overlapping ones merged.
            spans.clear();
            spans.extend(
                mine.iter()
                    .map(|&(_, from, to)| (tokens[from].start, tokens[to - 1].end)),
            );
            let mut merged = 0;
            for j in 0..spans.len() {
                let (start, end) = spans[j];
                if merged > 0 && start < spans[merged - 1].1 {
                    spans[merged - 1].1 = spans[merged - 1].1.max(end);
                } else {
                    spans[merged] = (start, end);
                    merged += 1;
                }
            }
            spans.truncate(merged.min(MAX_EVIDENCE));
            let mut found = spare_categories.pop().unwrap_or_else(|| Category {
                // Room for any label, so a reused category never grows its label.
                label: String::with_capacity(self.longest_label),
                confidence: 0.0,
                evidence: Vec::new(),
            });
            found.label.clear();
            found.label.push_str(&category.label);
            found.confidence = (confidence * 1000.0).round() / 1000.0;
            for &(start, end) in spans.iter() {
                let mut e = take_spare(spare_evidence, end - start).unwrap_or_else(|| Evidence {
                    start: 0,
                    end: 0,
                    text: String::new(),
                });
                e.start = start;
                e.end = end;
                e.text.clear();
                e.text.push_str(&text[start..end]);
                found.evidence.push(e);
            }
            out.push(found);
        }
        // Labels are unique, so this order is total and the unstable sort deterministic (and
        // it does not allocate).
        out.sort_unstable_by(|a, b| {
            b.confidence
                .total_cmp(&a.confidence)
                .then_with(|| a.label.cmp(&b.label))
        });
    }
}

/// The spare evidence whose text buffer fits `len` bytes most tightly (or else the roomiest),
/// so that texts seen before find buffers that need not grow.
fn take_spare(spare: &mut Vec<Evidence>, len: usize) -> Option<Evidence> {
    let best = spare
        .iter()
        .enumerate()
        .min_by_key(|(_, e)| {
            let cap = e.text.capacity();
            if cap >= len {
                (0, cap)
            } else {
                (1, usize::MAX - cap)
            }
        })
        .map(|(i, _)| i)?;
    Some(spare.swap_remove(best))
}

/// Evidence spans kept per category: enough to explain, bounded on long texts.
const MAX_EVIDENCE: usize = 8;

/// The classifier's full reasoning about one category, from [`Classifier::scores`].
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CategoryScore {
    /// The category.
    pub label: String,
    /// The model's log-odds: bias, matched groups' weights and sentiment terms added up.
    pub logit: f64,
    /// `sigmoid(logit)`.
    pub confidence: f64,
    /// Each cue group's name and weight, and whether one of its patterns matched.
    pub groups: Vec<(String, f64, bool)>,
    /// Whether the category is reported (confidence at threshold and positive evidence).
    pub reported: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index (first words, next-word filters and their signatures, windows widened past
    /// gaps, `_` and names) only saves work: on the sample corpora, the team's category
    /// examples and generated texts it finds exactly the matches of trying every built-in
    /// pattern at every token.
    #[test]
    fn the_index_finds_what_trying_every_pattern_finds() {
        use std::collections::BTreeSet;
        let classifier = Classifier::new();
        let mut texts: Vec<String> = [
            include_str!("../../data/posts.txt"),
            include_str!("../../data/reviews.txt"),
            include_str!("../../tests/data/categories/competitor.tsv"),
            include_str!("../../tests/data/categories/tip.tsv"),
            include_str!("../../tests/data/categories/question.tsv"),
        ]
        .iter()
        .flat_map(|t| t.lines())
        .map(str::to_string)
        .collect();
        let words = [
            "Lidl", "Monzo", "IKEA", "I", "switched", "to", "is", "better", "instead", "the",
            "app", "keeps", "crashing", "how", "do", "why", "please", "add", "can't", "log", "in",
            "?", "!", ",", "@support", "tip", ":", "just", "so", "never", "again",
        ];
        let mut state = 0x1D_E7_u64;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..10 {
                state = crate::util::xorshift64(state);
                text.push_str(words[(state % words.len() as u64) as usize]);
                text.push(' ');
            }
            texts.push(text);
        }
        let mut words = Words::default();
        let mut matched = 0;
        for text in &texts {
            words.read(text, classifier.vocabulary());
            let view = pattern::TokenView {
                source: text,
                lower: words.lower_buffer(),
                tokens: words.as_slice(),
            };
            let (mut fast, mut slow) = (BTreeSet::new(), BTreeSet::new());
            classifier.index.find_all(&view, |p, from, to| {
                fast.insert((p, from, to));
            });
            classifier.index.find_all_slowly(&view, |p, from, to| {
                slow.insert((p, from, to));
            });
            assert_eq!(fast, slow, "{text:?}");
            matched += fast.len();
        }
        // The comparison has matches to compare.
        assert!(matched > 2000, "{matched}");
    }

    #[test]
    fn builtin_categories_compile() {
        let c = ClassifierBuilder::new()
            .build()
            .expect("built-in categories compile");
        assert_eq!(
            c.labels().collect::<Vec<_>>(),
            [
                "problem",
                "complaint",
                "idea",
                "question",
                "praise",
                "tip",
                "new_use",
                "competitor",
                "policy"
            ]
        );
    }
}
