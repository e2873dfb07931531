//! [`Summary`]: a finished report, plain serde values — what `report.json` holds and what the
//! page is drawn from. Numbers follow the crate's one rounding rule: compounds at 4 decimals,
//! shares and other scores at 3.

use serde::{Deserialize, Serialize};

/// A finished report ([`Report::finish`](super::Report::finish)).
///
/// ```
/// use earshot::report::{Post, Report};
/// let mut report = Report::new();
/// let text = "The app keeps crashing";
/// report.add(&Post::new(text), &earshot::analyze(text));
/// let summary = report.finish();
/// assert_eq!(summary.posts, 1);
/// assert_eq!(summary.sentiment.negative, 1);
/// let json = serde_json::to_value(&summary).unwrap();
/// let labels: Vec<&str> = summary.categories.iter().map(|c| c.label.as_str()).collect();
/// assert!(labels.contains(&"problem"));
/// assert_eq!(json["posts"], 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Posts added.
    pub posts: u64,
    /// Posts that had a time.
    pub timed_posts: u64,
    /// The earliest and the latest time (RFC 3339, UTC), when any post had one.
    pub first: Option<String>,
    /// The latest time.
    pub last: Option<String>,
    /// The period the latest changes and emerging terms are measured over, when posts had times.
    pub period: Option<Period>,
    /// How the posts feel, overall.
    pub sentiment: SentimentSummary,
    /// Posts per time bucket, with their sentiment.
    pub over_time: OverTime,
    /// Feedback categories, most posts first.
    pub categories: Vec<LabelSummary>,
    /// Risk flags, most posts first.
    pub flags: Vec<LabelSummary>,
    /// Teams posts are routed to, most posts first.
    pub routes: Vec<Share>,
    /// Aspects, most posts first.
    pub aspects: Vec<LabelSummary>,
    /// The posts to answer first, most urgent first.
    pub urgent: Urgent,
    /// The phrases that set each sentiment's posts apart.
    pub phrases: SentimentPhrases,
    /// Terms whose use rose significantly in the latest period.
    pub emerging: Emerging,
    /// Per source (channel), most posts first.
    pub sources: Vec<SourceSummary>,
    /// Distinct authors (estimated) and ratings.
    pub people: People,
    /// The caps that bound the report's memory, and how exact its counts are.
    pub limits: LimitsSummary,
}

/// The report's period: the latest bucket of its unit and the one before.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Period {
    /// `hour`, `day` or `week`.
    pub unit: String,
    /// Start of the latest period (the one holding the latest post).
    pub latest: String,
    /// Start of the previous period.
    pub previous: String,
    /// Posts in the latest period.
    pub latest_posts: u64,
    /// Posts in the previous period.
    pub previous_posts: u64,
}

/// Sentiment of a set of posts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SentimentSummary {
    /// Positive posts.
    pub positive: u64,
    /// Neutral posts.
    pub neutral: u64,
    /// Negative posts.
    pub negative: u64,
    /// The mean compound (4 decimals).
    pub mean_compound: f64,
    /// Net sentiment: (positive − negative) / posts, −1..1 (3 decimals).
    pub net: f64,
    /// Posts per compound bin: 20 bins of width 0.1 from −1 to 1 (the last includes 1).
    pub histogram: Vec<u64>,
}

/// Posts over time.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OverTime {
    /// The bucket length: `hour`, `day`, `week` or `N weeks`.
    pub unit: String,
    /// Every bucket from the first post's to the last's, empty ones included.
    pub buckets: Vec<TimeBucket>,
}

/// One time bucket.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TimeBucket {
    /// Its start (RFC 3339, UTC).
    pub start: String,
    /// Posts in it.
    pub posts: u64,
    /// Positive posts.
    pub positive: u64,
    /// Neutral posts.
    pub neutral: u64,
    /// Negative posts.
    pub negative: u64,
    /// Mean compound (4 decimals; 0 when empty).
    pub mean_compound: f64,
    /// Posts with urgency ≥ 0.5.
    pub urgent: u64,
    /// Posts with at least one risk flag.
    pub flagged: u64,
}

/// A category, flag or aspect.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LabelSummary {
    /// Its label.
    pub label: String,
    /// Posts carrying it.
    pub posts: u64,
    /// Its share of all posts (3 decimals).
    pub share: f64,
    /// The sentiment of its posts (of the aspect itself, for an aspect).
    pub sentiment: SentimentSummary,
    /// Its posts in the latest and the previous period, and the change.
    pub change: Option<Change>,
    /// The phrases that set its posts apart from all posts.
    pub phrases: Vec<Phrase>,
    /// A few of its posts, with the evidence that gave the label.
    pub examples: Vec<Item>,
}

/// A count in the latest and the previous period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Posts in the latest period.
    pub latest: u64,
    /// Posts in the previous period.
    pub previous: u64,
    /// Its share of the latest period's posts (3 decimals).
    pub latest_share: f64,
    /// Its share of the previous period's posts (3 decimals).
    pub previous_share: f64,
    /// Mean compound in the latest period (4 decimals).
    pub latest_compound: f64,
    /// Mean compound in the previous period (4 decimals).
    pub previous_compound: f64,
}

/// A label and its share of posts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Share {
    /// The label (a team, for routes).
    pub label: String,
    /// Posts.
    pub posts: u64,
    /// Share of all posts (3 decimals).
    pub share: f64,
}

/// A phrase that sets a group of posts apart.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Phrase {
    /// The word or two-word phrase, lower-cased.
    pub term: String,
    /// Posts of the group using it.
    pub posts: u64,
    /// Its share of the group's posts (3 decimals).
    pub share: f64,
    /// G² of the group against the other posts (over-represented in the group); 0 when the
    /// group is every post (then phrases are ranked by posts).
    pub g2: f64,
}

/// A post shown in the report, its text cut to the report's limit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// The text (cut at a character boundary after `Limits::item_bytes`).
    pub text: String,
    /// Whether the text was cut.
    pub truncated: bool,
    /// The spans to highlight, in text order: byte offsets into `text` and what they show.
    pub highlights: Vec<Highlight>,
    /// Urgency, 0..1 (3 decimals).
    pub urgency: f64,
    /// Compound (4 decimals).
    pub compound: f64,
    /// Risk flags and their confidence.
    pub flags: Vec<Scored>,
    /// Categories and their confidence.
    pub categories: Vec<Scored>,
    /// The teams to notify.
    pub route: Vec<String>,
    /// Time (RFC 3339, UTC).
    pub time: Option<String>,
    /// Source or channel.
    pub source: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Identifier.
    pub id: Option<String>,
    /// Title.
    pub title: Option<String>,
}

/// A span of an item's text and the label it is evidence for.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Highlight {
    /// Byte offset of the start in the item's text.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// The flag or category it is evidence for.
    pub label: String,
}

/// A label and a confidence.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    /// The label.
    pub label: String,
    /// Confidence (3 decimals).
    pub confidence: f64,
}

/// The posts that need an answer first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Urgent {
    /// Posts with urgency ≥ 0.5 ("answer first").
    pub answer_first: u64,
    /// Posts with at least one risk flag.
    pub flagged: u64,
    /// The most urgent posts, most urgent first (ties: more recent first).
    pub items: Vec<Item>,
}

/// Phrases per sentiment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SentimentPhrases {
    /// What sets positive posts apart.
    pub positive: Vec<Phrase>,
    /// What sets neutral posts apart.
    pub neutral: Vec<Phrase>,
    /// What sets negative posts apart.
    pub negative: Vec<Phrase>,
}

/// Emerging terms and the test that found them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Emerging {
    /// The test, in words.
    pub test: String,
    /// Posts a term needs in the latest period to be tested.
    pub min_posts: u64,
    /// The family-wise significance level (Bonferroni over the terms tested).
    pub alpha: f64,
    /// The least rise in share tested for (latest share ÷ baseline share).
    pub min_lift: f64,
    /// Terms tested (those with at least `min_posts` posts in the latest period).
    pub tested: u64,
    /// The terms found, strongest first.
    pub terms: Vec<EmergingTerm>,
}

/// A term whose use rose.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EmergingTerm {
    /// The word or phrase.
    pub term: String,
    /// Posts using it in the latest period.
    pub latest_posts: u64,
    /// Its share of the latest period's posts (3 decimals).
    pub latest_share: f64,
    /// Posts using it before (an upper bound when the term table was pruned).
    pub baseline_posts: u64,
    /// Its share of the posts before (4 decimals).
    pub baseline_share: f64,
    /// latest share ÷ baseline share (null when it was never used before).
    pub lift: Option<f64>,
    /// G² (3 decimals).
    pub g2: f64,
    /// The p-value of G² (χ², 1 degree of freedom), before the Bonferroni correction.
    pub p: f64,
}

/// One source (channel).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceSummary {
    /// The source; `(other)` for the sources beyond the cap, `(none)` for posts without one.
    pub source: String,
    /// Posts.
    pub posts: u64,
    /// Share of all posts (3 decimals).
    pub share: f64,
    /// Their sentiment.
    pub sentiment: SentimentSummary,
    /// Posts with urgency ≥ 0.5.
    pub urgent: u64,
    /// Posts with a risk flag.
    pub flagged: u64,
}

/// Authors and ratings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct People {
    /// Posts that named an author.
    pub posts_with_author: u64,
    /// Distinct authors, estimated (HyperLogLog, about 1.6% standard error).
    pub distinct_authors: u64,
    /// Posts with a rating.
    pub rated_posts: u64,
    /// The mean rating (3 decimals), when any post had one.
    pub mean_rating: Option<f64>,
    /// Posts per rounded rating 0..=10 (ratings outside are clamped).
    pub ratings: Vec<u64>,
}

/// The caps in force and how exact the counts are.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LimitsSummary {
    /// The caps.
    pub caps: super::Limits,
    /// The largest error of any phrase table (0: every phrase count is exact).
    pub phrase_error: u64,
    /// The error of the emerging-term table (0: exact).
    pub term_error: u64,
    /// Labels (categories, flags, aspects, routes) ignored beyond the cap.
    pub dropped_labels: u64,
    /// The unit the time series is kept at (coarsened when the span outgrew the cap).
    pub kept_unit: String,
}
