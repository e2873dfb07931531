//! The listening report: many analyses aggregated into one page a team can read in five
//! minutes — how sentiment moved, what people complain about, which posts need an answer now,
//! what new word is suddenly everywhere.
//!
//! [`Report`] is a mergeable aggregate: [`add`](Report::add) one analysed [`Post`] at a time
//! (with an optional time, source, author, id, title and rating), [`merge`](Report::merge)
//! partial reports built by threads, files or the partitions of a cluster job, and
//! [`finish`](Report::finish) into a [`Summary`] (serde), which `report.json` holds and the
//! page (`report` feature: `render_html`) is drawn from.
//!
//! ```
//! use earshot::report::{Post, Report};
//!
//! let posts = [
//!     ("2026-11-23T09:00:00Z", "Love the new update, so fast"),
//!     ("2026-11-23T10:00:00Z", "The app crashes every time I log in"),
//!     ("2026-11-23T11:00:00Z", "My charger caught fire last night!!"),
//! ];
//! let analyzer = earshot::Analyzer::default();
//! let (mut morning, mut later) = (Report::new(), Report::new());
//! for (i, (time, text)) in posts.iter().enumerate() {
//!     let post = Post { time: earshot::report::parse_time(time), ..Post::new(text) };
//!     let part = if i == 0 { &mut morning } else { &mut later };
//!     part.add(&post, &analyzer.analyze(text));
//! }
//! morning.merge(&later);
//! let summary = morning.finish();
//! assert_eq!(summary.posts, 3);
//! assert_eq!(summary.over_time.unit, "hour");
//! assert!(summary.urgent.items[0].text.contains("caught fire"));
//! assert_eq!(summary.flags[0].label, "safety");
//! ```
//!
//! # What it holds, and its bounds
//!
//! Memory is bounded whatever the input size; each bound is a field of [`Limits`]:
//!
//! * **volume and sentiment**: counts, a 20-bin histogram of the compound, the compounds summed
//!   as integers (millionths), so that merging in any grouping gives the same bits;
//! * **over time**: posts per time bucket, kept per hour while there are at most
//!   [`Limits::time_buckets`] buckets, then per day, per week, per 2, 4, ... weeks (buckets
//!   nest, so coarsening is exact); the page's unit is chosen from the span of the data (up to
//!   2 days: hours; up to 92 days: days; then weeks, coarser if more than 120 bars);
//! * **categories, flags, routes, aspects**: per label (at most [`Limits::labels`] of each),
//!   posts, sentiment, and the counts in the latest and the previous period;
//! * **the most urgent posts**: the top [`Limits::urgent_items`] by urgency (ties: more flags,
//!   then more recent, then a hash of the text), each text cut to [`Limits::item_bytes`];
//!   and [`Limits::examples`] examples per category and flag (most confident first);
//! * **phrases**: per category, flag, aspect and sentiment, a table of at most
//!   2 × [`Limits::label_terms`] terms; the emerging-term table holds at most
//!   2 × [`Limits::terms`]. A full table keeps its most used half and records the largest
//!   count it dropped: counts are exact until then, and lower bounds within the recorded error
//!   after ([`LimitsSummary`] reports the errors);
//! * **sources**: at most 2 × [`Limits::sources`] named sources; past that the least used are
//!   folded into `(other)`;
//! * **authors**: a HyperLogLog sketch of distinct authors (4 KiB, ~1.6% error).
//!
//! With the default limits a report holds at most about 20 MB of term tables plus 0.4 MB per
//! category, flag, aspect and sentiment (`tests/report_memory.rs` measures the peak on a
//! multi-gigabyte stream).
//!
//! **Merging** adds counts, aligns the recent buckets on the newer side, keeps the top items of
//! both, and takes each HyperLogLog register's maximum: while no table has been pruned (no
//! error recorded) a merged report equals the report of one pass over all posts, in any
//! grouping (`tests/report.rs` checks it on random streams); once a table is pruned, counts
//! stay within its recorded error.
//!
//! # The statistics
//!
//! * **Period.** The latest period is the bucket of the report's unit (hour, day or week, the
//!   page's unit capped at a week) holding the latest post; the previous period is the bucket
//!   before. Changes of categories, flags and aspects compare the two.
//! * **Emerging terms.** For each term with at least [`EMERGING_MIN_POSTS`] posts in the latest
//!   period, Dunning's log-likelihood ratio G² compares its share of the latest period's posts
//!   with its share of all earlier posts (the baseline; posts without a time count in the
//!   baseline). A term is reported when its share rose at least [`EMERGING_MIN_LIFT`]-fold and
//!   G²'s p-value (χ², one degree of freedom) is below [`EMERGING_ALPHA`] divided by the number
//!   of terms tested — every term with enough posts in the latest period (Bonferroni: on a
//!   stream whose terms keep steady rates, the chance of reporting anything is about 1%). Counts are conservative when the table was pruned: the
//!   latest count is a lower bound, the baseline count an upper bound.
//! * **Phrases** of a group (a category, flag, aspect or sentiment): the terms with at least 3
//!   of its posts that are over-represented in it, ranked by G² of the group against all other
//!   posts (keyness), so that "the app" does not top every list.

mod sketch;
mod state;
mod summary;
mod tally;
mod terms;
mod time;

#[cfg(feature = "report")]
mod html;

use std::collections::BTreeMap;
use std::hash::BuildHasher;

use crate::analyzer::Analysis;
use crate::classifier::Category;
use crate::scorer::Label;
use crate::util::{COMPOUND_DECIMALS, FastHash, Name, SCORE_DECIMALS, rounded};

use sketch::{Distinct, TopK};
use tally::{Count, PERIOD_UNITS, Recent, Tally, micros};
use terms::{PostTerms, TermTable, Trend};

#[cfg(feature = "report")]
pub use html::render_html;
pub use summary::{
    Change, Emerging, EmergingTerm, Highlight, Item, LabelSummary, LimitsSummary, OverTime, People,
    Period, Phrase, Scored, SentimentPhrases, SentimentSummary, Share, SourceSummary, Summary,
    TimeBucket, Urgent,
};
pub use terms::{chi2_1_upper_tail, log_likelihood_ratio as g2};
pub use time::{Unit, format_time, parse_time, time_from_seconds};

/// Posts a term needs in the latest period to be tested as emerging.
pub const EMERGING_MIN_POSTS: u64 = 5;
/// The family-wise significance level of the emerging-term test.
pub const EMERGING_ALPHA: f64 = 0.01;
/// How many times its baseline share a term's latest share must be to be emerging.
pub const EMERGING_MIN_LIFT: f64 = 2.0;
/// Posts of a group a phrase needs to be listed.
const PHRASE_MIN_POSTS: u64 = 3;
/// Phrases listed per group.
const PHRASES_SHOWN: usize = 8;
/// Emerging terms listed.
const EMERGING_SHOWN: usize = 15;
/// Bars of the time chart at most (the unit is coarsened past it).
const MAX_BARS: usize = 120;
/// Urgency at which a post is "answer first" (the risk stage's threshold).
const ANSWER_FIRST: f64 = 0.5;
/// The neutral band that labels an aspect's compound (VADER's).
const ASPECT_BAND: f64 = 0.05;
/// Bytes of a source, author, id or title kept at most.
const META_BYTES: usize = 200;

/// The caps that bound a report's memory (see the [module documentation](self)).
///
/// ```
/// let limits = earshot::report::Limits { urgent_items: 5, ..Default::default() };
/// let report = earshot::report::Report::with_limits(limits);
/// assert_eq!(report.limits().urgent_items, 5);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    /// The most urgent posts kept.
    pub urgent_items: usize,
    /// Examples kept per category and flag.
    pub examples: usize,
    /// Terms of the emerging-term table (it holds up to twice as many between prunings).
    pub terms: usize,
    /// Terms of each phrase table (per category, flag, aspect, sentiment).
    pub label_terms: usize,
    /// Time buckets kept before the series is coarsened.
    pub time_buckets: usize,
    /// Named sources kept (up to twice as many between foldings into `(other)`).
    pub sources: usize,
    /// Categories, flags, aspects and routes kept, each.
    pub labels: usize,
    /// Bytes of an item's text kept (cut at a character boundary).
    pub item_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            urgent_items: 25,
            examples: 3,
            terms: 32_768,
            label_terms: 2_048,
            time_buckets: 2_048,
            sources: 64,
            labels: 64,
            item_bytes: 1_000,
        }
    }
}

/// One post to add to a report: its text and what is known about it.
///
/// ```
/// use earshot::report::Post;
/// let post = Post { source: Some("app_store"), rating: Some(2.0), ..Post::new("Crashes a lot") };
/// assert_eq!(post.text, "Crashes a lot");
/// assert_eq!(post.time, None);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Post<'a> {
    /// The text that was analysed.
    pub text: &'a str,
    /// When it was written, Unix seconds (UTC); see [`parse_time`].
    pub time: Option<i64>,
    /// The source or channel (`twitter`, `app_store`, `email`, ...).
    pub source: Option<&'a str>,
    /// The author.
    pub author: Option<&'a str>,
    /// An identifier, shown beside urgent posts.
    pub id: Option<&'a str>,
    /// A title (of a review or ticket), shown beside its text.
    pub title: Option<&'a str>,
    /// A rating (stars), averaged in the report.
    pub rating: Option<f64>,
}

impl<'a> Post<'a> {
    /// A post with only its text.
    pub fn new(text: &'a str) -> Post<'a> {
        Post {
            text,
            ..Post::default()
        }
    }
}

/// A post's counts per time bucket.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Bucket {
    tally: Tally,
    urgent: u64,
    flagged: u64,
}

impl Count for Bucket {
    fn add(&mut self, other: &Bucket) {
        self.tally.add(&other.tally);
        self.urgent += other.urgent;
        self.flagged += other.flagged;
    }
}

/// What a kept item is ranked by, greatest first: a score (urgency or confidence, in
/// millionths), a tie-breaker (the number of flags), the time (newer first), a hash of the
/// text — a total order, so the items kept do not depend on arrival order or grouping.
type ItemKey = (i64, u64, i64, u64);

/// The report's record of a category, flag or aspect.
#[derive(Clone, Debug)]
struct LabelStats {
    tally: Tally,
    recent: Recent<Tally>,
    phrases: TermTable<u64>,
    examples: TopK<ItemKey, Item>,
}

impl LabelStats {
    fn new(limits: &Limits, examples: bool) -> LabelStats {
        LabelStats {
            tally: Tally::default(),
            recent: Recent::default(),
            phrases: TermTable::new(limits.label_terms),
            examples: TopK::new(if examples { limits.examples } else { 0 }),
        }
    }

    fn merge(&mut self, other: &LabelStats) {
        self.tally.add(&other.tally);
        self.recent.merge(&other.recent);
        self.phrases.merge(&other.phrases);
        self.examples.merge(&other.examples);
    }
}

/// Values per label, in first-seen order, at most `cap` labels (few: linear lookup).
#[derive(Clone, Debug)]
struct Labeled<V> {
    entries: Vec<(Name, V)>,
    cap: usize,
}

impl<V> Labeled<V> {
    fn new(cap: usize) -> Labeled<V> {
        Labeled {
            entries: Vec::new(),
            cap,
        }
    }

    /// The value of `label`, made by `make` if new; `None` when the cap is reached.
    fn get_or(&mut self, label: &str, make: impl FnOnce() -> V) -> Option<&mut V> {
        let at = match self.entries.iter().position(|(n, _)| n.as_str() == label) {
            Some(at) => at,
            None if self.entries.len() < self.cap => {
                self.entries.push((Name::new(label), make()));
                self.entries.len() - 1
            }
            None => return None,
        };
        Some(&mut self.entries[at].1)
    }
}

/// A source's counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct SourceStats {
    tally: Tally,
    urgent: u64,
    flagged: u64,
}

impl Count for SourceStats {
    fn add(&mut self, other: &SourceStats) {
        self.tally.add(&other.tally);
        self.urgent += other.urgent;
        self.flagged += other.flagged;
    }
}

/// Ratings: count, sum (thousandths), posts per rounded rating.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Ratings {
    count: u64,
    sum_milli: i64,
    histogram: [u64; 11],
}

/// A mergeable aggregate of analysed posts, bounded in memory (see the
/// [module documentation](self) for what it holds, its caps and its statistics).
///
/// ```
/// use earshot::report::{Post, Report};
/// let mut report = Report::new();
/// for text in ["Please add a dark mode", "Dark mode please!", "Great support team"] {
///     report.add(&Post::new(text), &earshot::analyze(text));
/// }
/// let summary = report.finish();
/// let idea = summary.categories.iter().find(|c| c.label == "idea").unwrap();
/// assert_eq!(idea.posts, 2);
/// let s = &summary.sentiment;
/// assert_eq!(s.positive + s.neutral + s.negative, 3);
/// ```
#[derive(Clone, Debug)]
pub struct Report {
    limits: Limits,
    overall: Tally,
    histogram: [u64; 20],
    answer_first: u64,
    flagged: u64,
    timed: u64,
    first: Option<i64>,
    last: Option<i64>,
    /// Posts in the latest and previous bucket of each period unit.
    recent: Recent<Tally>,
    /// The level of `series`' buckets (0 hour, 1 day, 2 week, 2 + k: 2^k weeks).
    series_level: u8,
    series: BTreeMap<i64, Bucket>,
    categories: Labeled<LabelStats>,
    flags: Labeled<LabelStats>,
    aspects: Labeled<LabelStats>,
    routes: Labeled<u64>,
    dropped_labels: u64,
    /// Phrases per sentiment: positive, neutral, negative.
    by_sentiment: [TermTable<u64>; 3],
    terms: TermTable<Trend>,
    urgent: TopK<ItemKey, Item>,
    sources: BTreeMap<Box<str>, SourceStats>,
    other_sources: SourceStats,
    unsourced: SourceStats,
    authors: Distinct,
    with_author: u64,
    ratings: Ratings,
    /// The terms of the post being added (working space, reused).
    scratch: PostTerms,
}

impl Default for Report {
    fn default() -> Report {
        Report::new()
    }
}

/// The index of a label in the by-sentiment tables.
fn sentiment_index(label: Label) -> usize {
    match label {
        Label::Positive => 0,
        Label::Neutral => 1,
        Label::Negative => 2,
    }
}

/// `text` cut to at most `max` bytes at a character boundary.
fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A fraction rounded to 3 decimals (0 when the whole is 0).
fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        rounded(part as f64 / whole as f64, SCORE_DECIMALS)
    }
}

impl Report {
    /// An empty report with the default [`Limits`].
    pub fn new() -> Report {
        Report::with_limits(Limits::default())
    }

    /// An empty report with these limits. Reports merged together should share their limits
    /// (a merge keeps the receiving report's).
    pub fn with_limits(limits: Limits) -> Report {
        Report {
            limits,
            overall: Tally::default(),
            histogram: [0; 20],
            answer_first: 0,
            flagged: 0,
            timed: 0,
            first: None,
            last: None,
            recent: Recent::default(),
            series_level: 0,
            series: BTreeMap::new(),
            categories: Labeled::new(limits.labels),
            flags: Labeled::new(limits.labels),
            aspects: Labeled::new(limits.labels),
            routes: Labeled::new(limits.labels),
            dropped_labels: 0,
            by_sentiment: std::array::from_fn(|_| TermTable::new(limits.label_terms)),
            terms: TermTable::with_texts(limits.terms),
            urgent: TopK::new(limits.urgent_items),
            sources: BTreeMap::new(),
            other_sources: SourceStats::default(),
            unsourced: SourceStats::default(),
            authors: Distinct::default(),
            with_author: 0,
            ratings: Ratings::default(),
            scratch: PostTerms::default(),
        }
    }

    /// The limits of this report.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Posts added so far.
    pub fn posts(&self) -> u64 {
        self.overall.posts
    }

    /// Adds one post and its analysis, with the aspects the analyzer found in it.
    ///
    /// ```
    /// use earshot::report::{Post, Report};
    /// let mut report = Report::new();
    /// let text = "The food was great but the service was painfully slow";
    /// report.add(&Post::new(text), &earshot::analyze(text));
    /// let summary = report.finish();
    /// let service = summary.aspects.iter().find(|a| a.label == "service").unwrap();
    /// assert_eq!(service.sentiment.negative, 1);
    /// ```
    pub fn add(&mut self, post: &Post<'_>, analysis: &Analysis) {
        let aspects = analysis
            .aspects
            .iter()
            .map(|aspect| (aspect.label.as_str(), aspect.sentiment.compound));
        self.add_with_aspects(post, analysis, aspects);
    }

    /// Adds one post and its analysis with the aspects it talks about, each a label and the
    /// compound of what is said of it (−1..1) — the aspect input of the report, for aspects
    /// found by the analyzer or by your own means.
    ///
    /// ```
    /// use earshot::report::{Post, Report};
    /// let mut report = Report::new();
    /// let text = "Great food, slow service";
    /// report.add_with_aspects(&Post::new(text), &earshot::analyze(text),
    ///     [("food", 0.6), ("service", -0.4)]);
    /// let summary = report.finish();
    /// assert_eq!(summary.aspects.len(), 2);
    /// assert_eq!(summary.aspects[1].sentiment.negative, 1);
    /// ```
    pub fn add_with_aspects<'l>(
        &mut self,
        post: &Post<'_>,
        analysis: &Analysis,
        aspects: impl IntoIterator<Item = (&'l str, f64)>,
    ) {
        let mut terms = std::mem::take(&mut self.scratch);
        terms.read(post.text);
        let sentiment = &analysis.sentiment;
        let one = Tally::one(sentiment.label, sentiment.compound);
        let urgency = if analysis.risk.urgency.is_finite() {
            analysis.risk.urgency
        } else {
            0.0
        };
        let urgent = urgency >= ANSWER_FIRST;
        let flagged = !analysis.risk.flags.is_empty();
        let buckets = post.time.map(period_buckets);

        self.overall.add(&one);
        let bin = ((micros(sentiment.compound) + 1_000_000) / 100_000).clamp(0, 19) as usize;
        self.histogram[bin] += 1;
        self.answer_first += u64::from(urgent);
        self.flagged += u64::from(flagged);
        if let Some(time) = post.time {
            self.timed += 1;
            self.first = Some(self.first.map_or(time, |f| f.min(time)));
            self.last = Some(self.last.map_or(time, |l| l.max(time)));
            self.add_to_series(time, &one, urgent, flagged);
        }
        if let Some(buckets) = &buckets {
            self.recent.add(buckets, &one);
        }

        // Items with equal keys must be equal items: the hash covers all an item shows.
        let text_key = FastHash::default().hash_one((
            post.text,
            post.source,
            post.author,
            post.id,
            post.title,
        ));
        for (labels, found) in [
            (&mut self.categories, &analysis.categories),
            (&mut self.flags, &analysis.risk.flags),
        ] {
            for category in found.iter() {
                let limits = &self.limits;
                let Some(stats) = labels.get_or(&category.label, || LabelStats::new(limits, true))
                else {
                    self.dropped_labels += 1;
                    continue;
                };
                stats.tally.add(&one);
                if let Some(buckets) = &buckets {
                    stats.recent.add(buckets, &one);
                }
                stats.phrases.add_post(&terms);
                let key = (
                    micros(category.confidence),
                    0,
                    post.time.unwrap_or(i64::MIN),
                    text_key,
                );
                stats.examples.offer(key, || {
                    item(post, analysis, std::slice::from_ref(category), limits)
                });
            }
        }
        for team in &analysis.risk.route {
            match self.routes.get_or(team, || 0) {
                Some(posts) => *posts += 1,
                None => self.dropped_labels += 1,
            }
        }
        for (label, compound) in aspects {
            let limits = &self.limits;
            let Some(stats) = self
                .aspects
                .get_or(label, || LabelStats::new(limits, false))
            else {
                self.dropped_labels += 1;
                continue;
            };
            let aspect = Tally::one(Label::of(compound, ASPECT_BAND), compound);
            stats.tally.add(&aspect);
            if let Some(buckets) = &buckets {
                stats.recent.add(buckets, &aspect);
            }
            stats.phrases.add_post(&terms);
        }
        self.by_sentiment[sentiment_index(sentiment.label)].add_post(&terms);
        self.terms.add_post(&terms, buckets.as_ref());

        let key = (
            micros(urgency),
            analysis.risk.flags.len() as u64,
            post.time.unwrap_or(i64::MIN),
            text_key,
        );
        let limits = &self.limits;
        self.urgent
            .offer(key, || item(post, analysis, &analysis.risk.flags, limits));

        let source = SourceStats {
            tally: one,
            urgent: u64::from(urgent),
            flagged: u64::from(flagged),
        };
        self.add_source(post.source, &source);
        if let Some(author) = post.author {
            self.with_author += 1;
            self.authors.add(author);
        }
        if let Some(rating) = post.rating.filter(|r| r.is_finite()) {
            let r = &mut self.ratings;
            r.count += 1;
            r.sum_milli = r
                .sum_milli
                .saturating_add((rating.clamp(-1e12, 1e12) * 1_000.0).round() as i64);
            r.histogram[rating.round().clamp(0.0, 10.0) as usize] += 1;
        }
        self.scratch = terms;
    }

    fn add_to_series(&mut self, time: i64, one: &Tally, urgent: bool, flagged: bool) {
        let unit = Unit::from_level(self.series_level);
        let bucket = Bucket {
            tally: *one,
            urgent: u64::from(urgent),
            flagged: u64::from(flagged),
        };
        self.series
            .entry(unit.bucket(time))
            .or_default()
            .add(&bucket);
        self.coarsen_series(self.series_level);
    }

    /// Re-buckets the series at `level` or coarser, until it holds at most the cap.
    fn coarsen_series(&mut self, mut level: u8) {
        while level < time::MAX_LEVEL
            && (level > self.series_level || self.series.len() > self.limits.time_buckets.max(1))
        {
            if level == self.series_level {
                level += 1;
            }
            let (from, to) = (Unit::from_level(self.series_level), Unit::from_level(level));
            let mut coarse = BTreeMap::new();
            for (index, bucket) in std::mem::take(&mut self.series) {
                coarse
                    .entry(to.bucket(from.start(index)))
                    .or_insert_with(Bucket::default)
                    .add(&bucket);
            }
            self.series = coarse;
            self.series_level = level;
        }
    }

    fn add_source(&mut self, source: Option<&str>, stats: &SourceStats) {
        let Some(source) = source else {
            self.unsourced.add(stats);
            return;
        };
        let source = cut(source, META_BYTES);
        if let Some(mine) = self.sources.get_mut(source) {
            mine.add(stats);
            return;
        }
        self.sources.insert(source.into(), *stats);
        self.fold_sources();
    }

    /// Past twice the cap, folds all but the `cap` largest sources into `(other)`.
    fn fold_sources(&mut self) {
        let cap = self.limits.sources;
        if self.sources.len() <= 2 * cap {
            return;
        }
        let mut order: Vec<(u64, Box<str>)> = self
            .sources
            .iter()
            .map(|(name, s)| (s.tally.posts, name.clone()))
            .collect();
        order.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        for (_, name) in &order[cap..] {
            if let Some(stats) = self.sources.remove(name) {
                self.other_sources.add(&stats);
            }
        }
    }

    /// Adds everything `other` holds: the report of both sets of posts.
    ///
    /// ```
    /// use earshot::report::{Post, Report};
    /// let texts = ["Love it", "Hate it", "It crashed"];
    /// let mut whole = Report::new();
    /// let mut parts = [Report::new(), Report::new()];
    /// for (i, text) in texts.iter().enumerate() {
    ///     let analysis = earshot::analyze(text);
    ///     whole.add(&Post::new(text), &analysis);
    ///     parts[i % 2].add(&Post::new(text), &analysis);
    /// }
    /// let [mut a, b] = parts;
    /// a.merge(&b);
    /// assert_eq!(a.finish(), whole.finish());
    /// ```
    pub fn merge(&mut self, other: &Report) {
        self.overall.add(&other.overall);
        for (mine, theirs) in self.histogram.iter_mut().zip(&other.histogram) {
            *mine += theirs;
        }
        self.answer_first += other.answer_first;
        self.flagged += other.flagged;
        self.timed += other.timed;
        self.first = match (self.first, other.first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.last = match (self.last, other.last) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        self.recent.merge(&other.recent);
        // The series: both at the coarser level, added, coarsened further if over the cap.
        let mut theirs = other.series.clone();
        if other.series_level < self.series_level {
            let (from, to) = (
                Unit::from_level(other.series_level),
                Unit::from_level(self.series_level),
            );
            let mut coarse: BTreeMap<i64, Bucket> = BTreeMap::new();
            for (index, bucket) in theirs {
                coarse
                    .entry(to.bucket(from.start(index)))
                    .or_default()
                    .add(&bucket);
            }
            theirs = coarse;
        } else if other.series_level > self.series_level {
            self.coarsen_series(other.series_level);
        }
        for (index, bucket) in theirs {
            self.series.entry(index).or_default().add(&bucket);
        }
        self.coarsen_series(self.series_level);

        self.dropped_labels = self.dropped_labels.saturating_add(other.dropped_labels);
        for (mine, theirs) in [
            (&mut self.categories, &other.categories),
            (&mut self.flags, &other.flags),
            (&mut self.aspects, &other.aspects),
        ] {
            for (label, stats) in &theirs.entries {
                match mine.entries.iter().position(|(n, _)| n == label) {
                    Some(at) => mine.entries[at].1.merge(stats),
                    None if mine.entries.len() < mine.cap => {
                        mine.entries.push((label.clone(), stats.clone()));
                    }
                    None => self.dropped_labels += stats.tally.posts,
                }
            }
        }
        for (team, posts) in &other.routes.entries {
            match self.routes.get_or(team, || 0) {
                Some(mine) => *mine += posts,
                None => self.dropped_labels += posts,
            }
        }
        for (mine, theirs) in self.by_sentiment.iter_mut().zip(&other.by_sentiment) {
            mine.merge(theirs);
        }
        self.terms.merge(&other.terms);
        self.urgent.merge(&other.urgent);
        for (name, stats) in &other.sources {
            self.sources.entry(name.clone()).or_default().add(stats);
        }
        self.fold_sources();
        self.other_sources.add(&other.other_sources);
        self.unsourced.add(&other.unsourced);
        self.authors.merge(&other.authors);
        self.with_author += other.with_author;
        self.ratings.count += other.ratings.count;
        self.ratings.sum_milli = self
            .ratings
            .sum_milli
            .saturating_add(other.ratings.sum_milli);
        for (mine, theirs) in self
            .ratings
            .histogram
            .iter_mut()
            .zip(&other.ratings.histogram)
        {
            *mine += theirs;
        }
    }
}

/// The bucket of `time` in each period unit (hour, day, week).
fn period_buckets(time: i64) -> [i64; PERIOD_UNITS] {
    [
        Unit::Hour.bucket(time),
        Unit::Day.bucket(time),
        Unit::Week.bucket(time),
    ]
}

/// A post as shown in the report, with the evidence of `labels` highlighted.
fn item(post: &Post<'_>, analysis: &Analysis, labels: &[Category], limits: &Limits) -> Item {
    let text = cut(post.text, limits.item_bytes);
    let mut highlights: Vec<Highlight> = labels
        .iter()
        .flat_map(|c| {
            c.evidence
                .iter()
                .filter(|e| e.end <= text.len() && e.start < e.end)
                .map(|e| Highlight {
                    start: e.start,
                    end: e.end,
                    label: c.label.to_string(),
                })
        })
        .collect();
    highlights.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    // Overlapping spans: the earlier (longer) one wins, so that marks never nest.
    let mut end = 0;
    highlights.retain(|h| {
        let keep = h.start >= end;
        if keep {
            end = h.end;
        }
        keep
    });
    // A score that is not a number is shown as 0: an item's JSON (and its state's) holds
    // numbers only.
    let finite = |x: f64| if x.is_finite() { x } else { 0.0 };
    let scored = |c: &Category| Scored {
        label: c.label.to_string(),
        confidence: rounded(finite(c.confidence), SCORE_DECIMALS),
    };
    let meta = |m: Option<&str>| m.map(|m| cut(m, META_BYTES).to_string());
    Item {
        text: text.to_string(),
        truncated: text.len() < post.text.len(),
        highlights,
        urgency: rounded(finite(analysis.risk.urgency), SCORE_DECIMALS),
        compound: rounded(finite(analysis.sentiment.compound), COMPOUND_DECIMALS),
        flags: analysis.risk.flags.iter().map(scored).collect(),
        categories: analysis.categories.iter().map(scored).collect(),
        route: analysis.risk.route.iter().map(|r| r.to_string()).collect(),
        time: post.time.map(format_time),
        source: meta(post.source),
        author: meta(post.author),
        id: meta(post.id),
        title: meta(post.title),
    }
}

mod finish;
