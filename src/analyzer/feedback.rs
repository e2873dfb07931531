//! [`Feedback`]: a text with what came with it — a review's title and star rating, a
//! ticket's subject — for [`Analyzer::analyze_feedback`](super::Analyzer::analyze_feedback).

/// A text to analyse with its optional context: a title (a review's headline, a ticket's
/// subject) and a star rating. Both help the categories: the title is read as more sentences
/// (its evidence is marked [`Part::Title`](crate::classifier::Part::Title)), the rating moves
/// each category as its model's rating weights say (a one-star review is more likely a
/// problem, a five-star one praise). Sentiment is the text's own.
///
/// ```
/// use earshot::{Analyzer, Feedback};
///
/// let review = Feedback::new("Can't log in since yesterday.").with_title("Broken").with_rating(1.0, 5.0);
/// let a = Analyzer::default().analyze_feedback(&review);
/// assert!(a.categories.iter().any(|c| c.label == "problem"));
/// // A plain text is feedback without context.
/// let plain: Feedback = "love it".into();
/// assert_eq!((plain.title, plain.rating()), (None, None));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Feedback<'a> {
    /// The text.
    pub text: &'a str,
    /// Its title, if it has one.
    pub title: Option<&'a str>,
    /// The rating as a share of the scale's top, in [0, 1] (see [`with_rating`](Self::with_rating)).
    rating: Option<f64>,
}

impl<'a> Feedback<'a> {
    /// A text without title or rating.
    pub fn new(text: &'a str) -> Feedback<'a> {
        Feedback {
            text,
            title: None,
            rating: None,
        }
    }

    /// The feedback with a title.
    pub fn with_title(mut self, title: &'a str) -> Feedback<'a> {
        self.title = Some(title);
        self
    }

    /// The feedback with a rating of `value` on a scale from 0 (or 1) to `best`: `(4.0, 5.0)`
    /// for four stars of five, `(8.0, 10.0)` for eight of ten. A value outside the scale is
    /// taken as its nearest end; a rating that is not a number, or a scale that is not
    /// positive, is no rating.
    ///
    /// ```
    /// let f = earshot::Feedback::new("ok").with_rating(8.0, 10.0);
    /// assert_eq!(f.rating(), Some(0.8));
    /// assert_eq!(earshot::Feedback::new("ok").with_rating(f64::NAN, 5.0).rating(), None);
    /// ```
    pub fn with_rating(mut self, value: f64, best: f64) -> Feedback<'a> {
        let share = value / best;
        self.rating = (best > 0.0 && share.is_finite()).then(|| share.clamp(0.0, 1.0));
        self
    }

    /// The rating as a share of the scale's top, in [0, 1], if one was given.
    pub fn rating(&self) -> Option<f64> {
        self.rating
    }

    /// The longer of the text and the title (per-thread buffers are freed after a long one).
    pub(super) fn longest(&self) -> &'a str {
        match self.title {
            Some(title) if title.len() > self.text.len() => title,
            _ => self.text,
        }
    }
}

impl<'a> From<&'a str> for Feedback<'a> {
    fn from(text: &'a str) -> Feedback<'a> {
        Feedback::new(text)
    }
}
