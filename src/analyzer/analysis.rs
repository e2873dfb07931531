//! [`Analysis`]: what an analyzer found in one text — plain values, no working space — and its
//! JSON form.

use serde::ser::{SerializeMap, SerializeStruct};

use super::Feedback;
use crate::aspects::{Aspect, AspectEvidence};
use crate::classifier::{Category, Evidence, Part};
use crate::risk::Risk;
use crate::scorer::{Contribution, SentenceSentiment, Sentiment};
use crate::util::{COMPOUND_DECIMALS, SCORE_DECIMALS, rounded};

/// What an [`Analyzer`](super::Analyzer) found in one text.
///
/// It holds results only (evidence and explanations as byte spans of the text), so collecting
/// many costs the memory of their contents; reuse one with
/// [`Analyzer::analyze_into`](super::Analyzer::analyze_into) to analyse without allocating.
///
/// Serialized (serde), spans are `{"start", "end"}` (evidence adds the `"sentence"` it is in,
/// and `"part": "title"` for a span of the title); [`with_text`](Self::with_text) adds each
/// span's `"text"`, as the command line prints it.
///
/// ```
/// let text = "The app keeps crashing";
/// let a = earshot::analyze(text);
/// let problem = a.categories.iter().find(|c| c.label == "problem").unwrap();
/// assert_eq!(problem.evidence[0].text(text), "keeps crashing");
/// let json = serde_json::to_string(&a.with_text(text)).unwrap();
/// assert!(json.contains(r#""text":"keeps crashing""#));
/// assert!(!serde_json::to_string(&a).unwrap().contains("keeps crashing"));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    /// How the text feels.
    pub sentiment: Sentiment,
    /// The kinds of feedback the text carries, most confident first (empty when none applies).
    pub categories: Vec<Category>,
    /// The risk flags, how urgent the text is and who should see it.
    pub risk: Risk,
    /// What the text talks about and how it feels about each, in order of appearance (empty
    /// when it names no aspect, or for analyzers built with
    /// [`aspects(false)`](super::AnalyzerBuilder::aspects)).
    pub aspects: Vec<Aspect>,
    /// How each word contributed; filled only by [`Analyzer::explain`](super::Analyzer::explain).
    pub contributions: Vec<Contribution>,
    /// Each sentence's own sentiment; filled by analyzers built with
    /// [`sentences(true)`](super::AnalyzerBuilder::sentences), and by `explain`.
    pub sentences: Vec<SentenceSentiment>,
}

impl Analysis {
    /// This analysis with the analysed `text`, for serializing spans with their text.
    pub fn with_text<'a>(&'a self, text: &'a str) -> WithText<'a> {
        WithText {
            analysis: self,
            text: Some(text),
            title: None,
        }
    }

    /// This analysis with the analysed `feedback` (text and title), for serializing spans
    /// with their text; evidence in the title is the title's.
    ///
    /// ```
    /// use earshot::{Analyzer, Feedback};
    ///
    /// let review = Feedback::new("works fine").with_title("Please add dark mode");
    /// let a = Analyzer::default().analyze_feedback(&review);
    /// let json = serde_json::to_string(&a.with_feedback(&review)).unwrap();
    /// assert!(json.contains(r#""text":"Please add dark mode","sentence":0,"part":"title""#), "{json}");
    /// ```
    pub fn with_feedback<'a>(&'a self, feedback: &Feedback<'a>) -> WithText<'a> {
        WithText {
            analysis: self,
            text: Some(feedback.text),
            title: feedback.title,
        }
    }

    /// Clears every result, keeping the buffers.
    pub(super) fn clear(&mut self) {
        self.sentiment = Sentiment::ZERO;
        self.categories.clear();
        self.risk.clear();
        self.aspects.clear();
        self.contributions.clear();
        self.sentences.clear();
    }
}

/// An [`Analysis`] serialized with the text of each span (from [`Analysis::with_text`]).
#[derive(Clone, Copy, Debug)]
pub struct WithText<'a> {
    analysis: &'a Analysis,
    text: Option<&'a str>,
    title: Option<&'a str>,
}

impl serde::Serialize for Analysis {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        WithText {
            analysis: self,
            text: None,
            title: None,
        }
        .serialize(s)
    }
}

/// Keys in a fixed order: `sentiment`, `categories`, `risk`, `aspects`, then `contributions` and
/// `sentences` when there are any.
impl<'a> serde::Serialize for WithText<'a> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a: &'a Analysis = self.analysis;
        let (text, title) = (self.text, self.title);
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("sentiment", &a.sentiment)?;
        map.serialize_entry(
            "categories",
            &Seq(&a.categories, |c: &'a Category| CategoryJson {
                c,
                text,
                title,
            }),
        )?;
        map.serialize_entry("risk", &RiskJson { r: &a.risk, text })?;
        map.serialize_entry(
            "aspects",
            &Seq(&a.aspects, |x: &'a Aspect| AspectJson { a: x, text }),
        )?;
        if !a.contributions.is_empty() {
            map.serialize_entry(
                "contributions",
                &Seq(&a.contributions, |c: &'a Contribution| ContributionJson {
                    c,
                    text,
                }),
            )?;
        }
        if !a.sentences.is_empty() {
            map.serialize_entry(
                "sentences",
                &Seq(&a.sentences, |s: &'a SentenceSentiment| SentenceJson {
                    s,
                    text,
                }),
            )?;
        }
        map.end()
    }
}

/// A slice serialized item by item through `view`.
struct Seq<'a, T, F>(&'a [T], F);

impl<'a, T, V: serde::Serialize, F: Fn(&'a T) -> V> serde::Serialize for Seq<'a, T, F> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(&self.1))
    }
}

struct CategoryJson<'a> {
    c: &'a Category,
    text: Option<&'a str>,
    title: Option<&'a str>,
}

impl<'a> serde::Serialize for CategoryJson<'a> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text: Option<&'a str> = self.text;
        let mut st = s.serialize_struct("Category", 3)?;
        st.serialize_field("label", &self.c.label)?;
        st.serialize_field("confidence", &rounded(self.c.confidence, SCORE_DECIMALS))?;
        let title = self.title;
        st.serialize_field(
            "evidence",
            &Seq(&self.c.evidence, |e: &'a Evidence| EvidenceJson {
                e,
                text: match e.part {
                    Part::Text => text,
                    Part::Title => title,
                },
            }),
        )?;
        st.end()
    }
}

struct RiskJson<'a> {
    r: &'a Risk,
    text: Option<&'a str>,
}

impl<'a> serde::Serialize for RiskJson<'a> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text: Option<&'a str> = self.text;
        let mut st = s.serialize_struct("Risk", 3)?;
        st.serialize_field("urgency", &rounded(self.r.urgency, SCORE_DECIMALS))?;
        st.serialize_field(
            "flags",
            &Seq(&self.r.flags, |c: &'a Category| CategoryJson {
                c,
                text,
                title: None,
            }),
        )?;
        st.serialize_field("route", &self.r.route)?;
        st.end()
    }
}

/// An aspect `{"label", "sentiment", "evidence"}`.
struct AspectJson<'a> {
    a: &'a Aspect,
    text: Option<&'a str>,
}

impl<'a> serde::Serialize for AspectJson<'a> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text: Option<&'a str> = self.text;
        let mut st = s.serialize_struct("Aspect", 3)?;
        st.serialize_field("label", &self.a.label)?;
        st.serialize_field("sentiment", &self.a.sentiment)?;
        st.serialize_field(
            "evidence",
            &Seq(&self.a.evidence, |e: &'a AspectEvidence| {
                AspectEvidenceJson { e: *e, text }
            }),
        )?;
        st.end()
    }
}

/// A piece of evidence: `{"start", "end"}`, its `"text"` when known, the `"sentence"` it is in,
/// and `"part": "title"` when it is in the title (spans are then the title's).
struct EvidenceJson<'a> {
    e: &'a Evidence,
    text: Option<&'a str>,
}

impl serde::Serialize for EvidenceJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.e;
        let mut st = s.serialize_struct("Evidence", 5)?;
        st.serialize_field("start", &e.start)?;
        st.serialize_field("end", &e.end)?;
        if let Some(text) = self.text {
            st.serialize_field("text", e.text(text))?;
        }
        st.serialize_field("sentence", &e.sentence)?;
        if e.part == Part::Title {
            st.serialize_field("part", &e.part)?;
        }
        st.end()
    }
}

/// A span of aspect evidence `{"start", "end", "text", "role"}` (`"text"` when the text is
/// known).
struct AspectEvidenceJson<'a> {
    e: AspectEvidence,
    text: Option<&'a str>,
}

impl serde::Serialize for AspectEvidenceJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Evidence", 4)?;
        st.serialize_field("start", &self.e.start)?;
        st.serialize_field("end", &self.e.end)?;
        if let Some(text) = self.text {
            st.serialize_field("text", self.e.text(text))?;
        }
        st.serialize_field("role", &self.e.role)?;
        st.end()
    }
}

struct ContributionJson<'a> {
    c: &'a Contribution,
    text: Option<&'a str>,
}

impl serde::Serialize for ContributionJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.c;
        let mut st = s.serialize_struct("Contribution", 6)?;
        st.serialize_field("start", &c.start)?;
        st.serialize_field("end", &c.end)?;
        if let Some(text) = self.text {
            st.serialize_field("text", c.text(text))?;
        }
        st.serialize_field("base", &rounded(c.base, COMPOUND_DECIMALS))?;
        st.serialize_field("valence", &rounded(c.valence, COMPOUND_DECIMALS))?;
        st.serialize_field("rules", &c.rules)?;
        st.end()
    }
}

struct SentenceJson<'a> {
    s: &'a SentenceSentiment,
    text: Option<&'a str>,
}

impl serde::Serialize for SentenceJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Sentence", 4)?;
        st.serialize_field("start", &self.s.start)?;
        st.serialize_field("end", &self.s.end)?;
        if let Some(text) = self.text {
            st.serialize_field("text", self.s.text(text))?;
        }
        st.serialize_field("sentiment", &self.s.sentiment)?;
        st.end()
    }
}
