//! What the classifier returns: plain values that hold no working space and never allocate
//! once their vector has room — a label is a shared [`Name`], evidence is spans of the text.

use std::fmt;
use std::ops::Deref;

use crate::config::CueKind;
use crate::util::{Name, serialize_score};

/// One feedback category found in a text, with how sure the classifier is and why.
///
/// ```
/// let text = "The app crashes every time I open the camera";
/// let a = earshot::analyze(text);
/// let problem = a.categories.iter().find(|c| c.label == "problem").unwrap();
/// assert!(problem.confidence > 0.5);
/// assert_eq!(problem.evidence[0].text(text), "crashes");
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Category {
    /// The category's name, e.g. `problem`, `idea`, `praise`.
    pub label: Name,
    /// How sure the classifier is, 0..=1 (serialized at 3 decimals).
    #[serde(serialize_with = "serialize_score")]
    pub confidence: f64,
    /// The spans of text that made the classifier say so, in text order (at most
    /// [`EvidenceList::CAPACITY`]).
    pub evidence: EvidenceList,
}

/// A span of the analysed text that supports a result, and the sentence it is in.
///
/// ```
/// use earshot::classifier::{Evidence, Part};
///
/// let e = Evidence { start: 4, end: 11, sentence: 0, part: Part::Text };
/// assert_eq!(e.text("app crashes"), "crashes");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Evidence {
    /// Byte offset of the span's start in the text (or in the title: see `part`).
    pub start: usize,
    /// Byte offset of the span's end.
    pub end: usize,
    /// The sentence the span is in, counted from 0 in its part: the sentence that fired the
    /// category (sentences end after `.`, `!`, `?`, `…` and at line breaks).
    pub sentence: u32,
    /// Whether the span is in the text or in the title that came with it (see
    /// [`Feedback`](crate::Feedback)).
    pub part: Part,
}

/// Which part of what was analysed a span is in.
///
/// ```
/// let text = "crashes";
/// let a = earshot::Analyzer::default()
///     .analyze_feedback(&earshot::Feedback::new(text).with_title("Please add dark mode"));
/// let idea = a.categories.iter().find(|c| c.label == "idea").unwrap();
/// assert_eq!(idea.evidence[0].part, earshot::classifier::Part::Title);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// The title (read before the text).
    Title,
    /// The text itself.
    #[default]
    Text,
}

impl Evidence {
    /// The span's text in `source`, the analysed text (empty if the span is not in it). For a
    /// span of the title, pass the title.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.start..self.end).unwrap_or("")
    }
}

/// The evidence of one result: up to [`CAPACITY`](Self::CAPACITY) spans, kept inline (a
/// result never allocates for them). Reads as a slice of [`Evidence`].
///
/// ```
/// use earshot::classifier::{Evidence, EvidenceList};
///
/// let mut list = EvidenceList::default();
/// assert!(list.push(Evidence { start: 0, end: 3, ..Evidence::default() }));
/// assert_eq!(list.len(), 1);
/// assert_eq!(list[0].end, 3);
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct EvidenceList {
    spans: [Evidence; EvidenceList::CAPACITY],
    len: u8,
}

impl EvidenceList {
    /// Spans kept per result: enough to explain, bounded on long texts.
    pub const CAPACITY: usize = 8;

    /// Adds a span; false (and nothing added) when the list is full.
    pub fn push(&mut self, span: Evidence) -> bool {
        let Some(slot) = self.spans.get_mut(self.len as usize) else {
            return false;
        };
        *slot = span;
        self.len += 1;
        true
    }
}

impl Deref for EvidenceList {
    type Target = [Evidence];
    fn deref(&self) -> &[Evidence] {
        &self.spans[..self.len as usize]
    }
}

impl<'a> IntoIterator for &'a EvidenceList {
    type Item = &'a Evidence;
    type IntoIter = std::slice::Iter<'a, Evidence>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl fmt::Debug for EvidenceList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl serde::Serialize for EvidenceList {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// The classifier's full reasoning about one category, from
/// [`Classifier::scores`](super::Classifier::scores).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct CategoryScore {
    /// The category.
    pub label: Name,
    /// The model's log-odds for the text: that of its best sentence with evidence (or, with
    /// none, of the text's context alone: bias, sentiment, context groups).
    pub logit: f64,
    /// `sigmoid(logit)` (serialized at 3 decimals).
    #[serde(serialize_with = "serialize_score")]
    pub confidence: f64,
    /// Each cue group's name, weight and kind, and whether one of its patterns matched
    /// anywhere in the text.
    pub groups: Vec<(String, f64, CueKind, bool)>,
    /// Each sentence where a cue or guard group matched, with its own log-odds.
    pub sentences: Vec<SentenceScore>,
    /// Whether the category is reported (confidence at threshold and positive evidence).
    pub reported: bool,
}

/// How a category scored one sentence (in [`CategoryScore::sentences`]).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SentenceScore {
    /// The sentence, counted from 0 in its part.
    pub sentence: u32,
    /// Whether it is a sentence of the text or of the title.
    pub part: Part,
    /// The positions (in [`CategoryScore::groups`]) of the cue and guard groups that matched
    /// in it.
    pub groups: Vec<usize>,
    /// Its log-odds: the text's context, and the weights of its groups.
    pub logit: f64,
    /// Whether a cue with a positive weight matched in it (only such a sentence can report
    /// the category).
    pub evidence: bool,
}
