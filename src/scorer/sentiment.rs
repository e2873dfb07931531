//! What the scorer returns: a text's [`Sentiment`] and its [`Label`].

use std::fmt;

/// How a text feels: VADER's four scores and the label they give.
///
/// `compound` is the normalised sum of all word valences, in −1..=1; `positive`, `negative` and
/// `neutral` are the proportions of the text in each class and add up to about 1; `label` is
/// `compound` read against the analyzer's neutral band (VADER's ±0.05 unless
/// [configured](crate::AnalyzerBuilder::neutral_band)).
///
/// Serialized, `compound` has 4 decimals and the proportions 3 (VADER's precision), whatever
/// the preset; in the library the default preset's values keep their full precision, and the
/// VADER preset's are rounded as vaderSentiment rounds them.
///
/// ```
/// use earshot::{Analyzer, Label};
///
/// let s = Analyzer::vader().sentiment("I love it!");
/// assert!(s.compound > 0.5);
/// assert_eq!(s.label, Label::Positive);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Sentiment {
    /// Normalised overall score, −1 (most negative) to +1 (most positive).
    #[serde(serialize_with = "crate::util::serialize_compound")]
    pub compound: f64,
    /// Proportion of the text that is positive, 0..=1.
    #[serde(serialize_with = "crate::util::serialize_score")]
    pub positive: f64,
    /// Proportion of the text that is negative, 0..=1.
    #[serde(serialize_with = "crate::util::serialize_score")]
    pub negative: f64,
    /// Proportion of the text that is neutral, 0..=1.
    #[serde(serialize_with = "crate::util::serialize_score")]
    pub neutral: f64,
    /// `compound` read against the neutral band.
    pub label: Label,
}

impl Sentiment {
    /// All scores zero: what an empty text gets.
    pub const ZERO: Sentiment = Sentiment {
        compound: 0.0,
        positive: 0.0,
        negative: 0.0,
        neutral: 0.0,
        label: Label::Neutral,
    };

    /// VADER's neutral band: `compound` strictly inside ±0.05 is neutral.
    pub const NEUTRAL_BAND: f64 = 0.05;

    /// The sentiment of these scores, labelled with VADER's neutral band.
    ///
    /// ```
    /// use earshot::{Label, Sentiment};
    /// let s = Sentiment::new(-0.05, 0.0, 0.2, 0.8);
    /// assert_eq!(s.label, Label::Negative);
    /// ```
    pub fn new(compound: f64, positive: f64, negative: f64, neutral: f64) -> Sentiment {
        Sentiment {
            compound,
            positive,
            negative,
            neutral,
            label: Label::of(compound, Self::NEUTRAL_BAND),
        }
    }

    /// The same scores labelled with the neutral band `band`: `compound` strictly inside
    /// ±`band` is neutral.
    ///
    /// ```
    /// use earshot::{Label, Sentiment};
    /// let s = Sentiment::new(0.1, 0.3, 0.0, 0.7);
    /// assert_eq!(s.label, Label::Positive);
    /// assert_eq!(s.with_neutral_band(0.2).label, Label::Neutral);
    /// ```
    pub fn with_neutral_band(self, band: f64) -> Sentiment {
        Sentiment {
            label: Label::of(self.compound, band),
            ..self
        }
    }
}

/// One sentence of a text and its sentiment, as the preset reads sentences: from its first to
/// its last word (the default preset), or with its closing punctuation (the VADER preset, which
/// scores each sentence's text alone).
///
/// ```
/// let text = "The food was great. The service was awful!";
/// let a = earshot::Analyzer::builder().sentences(true).build()?.analyze(text);
/// assert_eq!(a.sentences.len(), 2);
/// assert_eq!(a.sentences[0].text(text), "The food was great");
/// assert!(a.sentences[0].sentiment.compound > 0.0);
/// assert!(a.sentences[1].sentiment.compound < 0.0);
/// # Ok::<(), earshot::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct SentenceSentiment {
    /// Byte offset where the sentence starts in the text.
    pub start: usize,
    /// Byte offset where it ends.
    pub end: usize,
    /// How it feels, on its own.
    pub sentiment: Sentiment,
}

impl SentenceSentiment {
    /// The sentence's text in `source`, the analysed text.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.start..self.end).unwrap_or("")
    }
}

/// The polarity of a [`Sentiment`].
///
/// ```
/// assert_eq!(earshot::Label::Negative.as_str(), "negative");
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    /// `compound >= 0.05`.
    Positive,
    /// `compound <= -0.05`.
    Negative,
    /// In between.
    #[default]
    Neutral,
}

impl Label {
    /// The label of `compound` with the neutral band `band`: positive when `compound >= band`,
    /// negative when `compound <= -band`, else neutral (VADER's authors recommend 0.05).
    ///
    /// ```
    /// use earshot::Label;
    /// assert_eq!(Label::of(0.05, 0.05), Label::Positive);
    /// assert_eq!(Label::of(0.04, 0.05), Label::Neutral);
    /// ```
    pub fn of(compound: f64, band: f64) -> Label {
        if compound >= band {
            Label::Positive
        } else if compound <= -band {
            Label::Negative
        } else {
            Label::Neutral
        }
    }

    /// The label in lower case.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Positive => "positive",
            Label::Negative => "negative",
            Label::Neutral => "neutral",
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
