//! What the aspect stage returns: plain values that hold no working space and never allocate
//! once their vector has room — a label is a shared [`Name`], evidence is spans of the text.

use std::fmt;
use std::ops::Deref;

use crate::scorer::Label;
use crate::util::{Name, serialize_compound};

/// One aspect a text talks about, how the writer feels about it and why.
///
/// ```
/// let text = "The food was great but the service was painfully slow";
/// let a = earshot::analyze(text);
/// let food = a.aspects.iter().find(|x| x.label == "food").unwrap();
/// let service = a.aspects.iter().find(|x| x.label == "service").unwrap();
/// assert_eq!(food.sentiment.label, earshot::Label::Positive);
/// assert_eq!(service.sentiment.label, earshot::Label::Negative);
/// assert_eq!(service.evidence[0].text(text), "service");
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Aspect {
    /// The aspect's name, e.g. `food`, `price`, `battery`.
    pub label: Name,
    /// How the writer feels about it, from the opinion words said of it alone (neutral when
    /// it is named without any).
    pub sentiment: AspectSentiment,
    /// The spans that name the aspect and the opinion words said of it, in text order (at most
    /// [`AspectEvidenceList::CAPACITY`]).
    pub evidence: AspectEvidenceList,
}

/// How a text feels about one aspect or target: a compound score and its label.
///
/// `compound` is the normalised sum of the valences of the opinion words said of it (VADER's
/// normalisation, −1..=1); `label` reads it against the analyzer's neutral band. Serialized,
/// `compound` has 4 decimals, as every valence earshot writes.
///
/// ```
/// use earshot::{aspects::AspectSentiment, Label};
/// let s = AspectSentiment::new(-0.48, 0.05);
/// assert_eq!(s.label, Label::Negative);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct AspectSentiment {
    /// −1 (most negative) to +1 (most positive); 0 when nothing is said of it.
    #[serde(serialize_with = "serialize_compound")]
    pub compound: f64,
    /// `compound` read against the neutral band.
    pub label: Label,
}

impl AspectSentiment {
    /// The sentiment of `compound`, labelled with the neutral band `band`.
    pub fn new(compound: f64, band: f64) -> AspectSentiment {
        AspectSentiment {
            compound,
            label: Label::of(compound, band),
        }
    }
}

/// What a span of evidence is.
///
/// ```
/// assert_eq!(earshot::aspects::Role::Opinion.as_str(), "opinion");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A word or phrase that names the aspect or target.
    #[default]
    Term,
    /// An opinion word said of it.
    Opinion,
}

impl Role {
    /// The role in lower case.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Term => "term",
            Role::Opinion => "opinion",
        }
    }
}

/// A span of the analysed text that names an aspect or judges it.
///
/// ```
/// use earshot::aspects::{AspectEvidence, Role};
/// let e = AspectEvidence { start: 4, end: 8, role: Role::Term };
/// assert_eq!(e.text("the food"), "food");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub struct AspectEvidence {
    /// Byte offset of the span's start in the text.
    pub start: usize,
    /// Byte offset of the span's end.
    pub end: usize,
    /// Whether it names the aspect or judges it.
    pub role: Role,
}

impl AspectEvidence {
    /// The span's text in `source`, the analysed text (empty if the span is not in it).
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.start..self.end).unwrap_or("")
    }
}

/// The evidence of one aspect or target: up to [`CAPACITY`](Self::CAPACITY) spans, kept
/// inline (a result never allocates for them). Reads as a slice of [`AspectEvidence`].
///
/// ```
/// use earshot::aspects::{AspectEvidence, AspectEvidenceList, Role};
///
/// let mut list = AspectEvidenceList::default();
/// assert!(list.push(AspectEvidence { start: 0, end: 3, role: Role::Term }));
/// assert_eq!(list.len(), 1);
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct AspectEvidenceList {
    spans: [AspectEvidence; AspectEvidenceList::CAPACITY],
    len: u8,
}

impl AspectEvidenceList {
    /// Spans kept per result: enough to explain, bounded on long texts.
    pub const CAPACITY: usize = 8;

    /// Adds a span; false (and nothing added) when the list is full.
    pub fn push(&mut self, span: AspectEvidence) -> bool {
        let Some(slot) = self.spans.get_mut(self.len as usize) else {
            return false;
        };
        *slot = span;
        self.len += 1;
        true
    }
}

impl Deref for AspectEvidenceList {
    type Target = [AspectEvidence];
    fn deref(&self) -> &[AspectEvidence] {
        &self.spans[..self.len as usize]
    }
}

impl<'a> IntoIterator for &'a AspectEvidenceList {
    type Item = &'a AspectEvidence;
    type IntoIter = std::slice::Iter<'a, AspectEvidence>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl fmt::Debug for AspectEvidenceList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl serde::Serialize for AspectEvidenceList {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// How a text feels about a target it names (from
/// [`Analyzer::sentiment_toward`](crate::Analyzer::sentiment_toward)): the target's span, the
/// sentiment of the opinion words said of it, and those words.
///
/// ```
/// let text = "Verizon was awful all week, T-Mobile has been great";
/// let t = earshot::Analyzer::default().sentiment_toward(text, 0..7);
/// assert_eq!(t.sentiment.label, earshot::Label::Negative);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Target {
    /// Byte offset of the target's start in the text (the start of its first word).
    pub start: usize,
    /// Byte offset of its end (the end of its last word).
    pub end: usize,
    /// How the text feels about it (neutral when nothing is said of it).
    pub sentiment: AspectSentiment,
    /// The target's words and the opinion words said of it, in text order.
    pub evidence: AspectEvidenceList,
}

impl Target {
    /// The target's text in `source`, the analysed text.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.start..self.end).unwrap_or("")
    }
}
