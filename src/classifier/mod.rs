//! Stage 3: the feedback classifier — what kind of feedback a text is, with the evidence.
//!
//! The result types live here; the classifier that fills them is built on top of the
//! tokenizer and the scorer.

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
#[derive(Clone, Debug, PartialEq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Evidence {
    /// Byte offset of the span's start in the text.
    pub start: usize,
    /// Byte offset of the span's end.
    pub end: usize,
    /// The span's text.
    pub text: String,
}
