//! What the scorer returns: a text's [`Sentiment`] and its [`Label`].

use std::fmt;

/// How a text feels: VADER's four scores.
///
/// `compound` is the normalised sum of all word valences, in −1..=1; `positive`, `negative` and
/// `neutral` are the proportions of the text in each class and add up to about 1.
///
/// ```
/// use earshot::{Analyzer, Label};
///
/// let s = Analyzer::vader().sentiment("I love it!");
/// assert!(s.compound > 0.5);
/// assert_eq!(s.label(), Label::Positive);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
pub struct Sentiment {
    /// Normalised overall score, −1 (most negative) to +1 (most positive).
    pub compound: f64,
    /// Proportion of the text that is positive, 0..=1.
    pub positive: f64,
    /// Proportion of the text that is negative, 0..=1.
    pub negative: f64,
    /// Proportion of the text that is neutral, 0..=1.
    pub neutral: f64,
}

impl Sentiment {
    /// All scores zero: what an empty text gets.
    pub const ZERO: Sentiment = Sentiment {
        compound: 0.0,
        positive: 0.0,
        negative: 0.0,
        neutral: 0.0,
    };

    /// VADER's neutral band: `compound` strictly inside ±0.05 is neutral.
    pub const NEUTRAL_BAND: f64 = 0.05;

    /// Positive when `compound >= 0.05`, negative when `compound <= -0.05`, else neutral —
    /// the thresholds VADER's authors recommend.
    ///
    /// ```
    /// use earshot::{Label, Sentiment};
    /// let s = Sentiment { compound: -0.05, ..Sentiment::ZERO };
    /// assert_eq!(s.label(), Label::Negative);
    /// ```
    pub fn label(&self) -> Label {
        if self.compound >= Self::NEUTRAL_BAND {
            Label::Positive
        } else if self.compound <= -Self::NEUTRAL_BAND {
            Label::Negative
        } else {
            Label::Neutral
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Sentiment {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Sentiment", 5)?;
        st.serialize_field("compound", &self.compound)?;
        st.serialize_field("positive", &self.positive)?;
        st.serialize_field("negative", &self.negative)?;
        st.serialize_field("neutral", &self.neutral)?;
        st.serialize_field("label", &self.label())?;
        st.end()
    }
}

/// The polarity of a [`Sentiment`].
///
/// ```
/// assert_eq!(earshot::Label::Negative.as_str(), "negative");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Label {
    /// `compound >= 0.05`.
    Positive,
    /// `compound <= -0.05`.
    Negative,
    /// In between.
    Neutral,
}

impl Label {
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
