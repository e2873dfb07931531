//! A report's state as bytes, so that a partial report can travel: built on a worker (a Spark
//! partition, a DataFusion aggregate's partial state), shipped, and merged where the others
//! are. The bytes are JSON (serde_json, already a dependency of the core): a format any side
//! can inspect, no schema to keep in step, and exact for everything a report holds (integers,
//! strings, and the 3- and 4-decimal scores of its items). A state is a few hundred bytes to a
//! few megabytes (its term tables); moving it is not the cost of a job.
//!
//! Reading checks everything a later `add`, `merge` or `finish` relies on, so that bytes that
//! are not a report's state — garbage, a truncated message, a state larger than its own
//! [`Limits`] — give an [`ErrorKind::State`] error and never a panic or an unbounded report.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::sketch::{Distinct, TopK};
use super::tally::{Count, PERIOD_UNITS, Recent, Tally};
use super::terms::{MAX_TERM_BYTES, TermTable, TermValue, Trend, term_key};
use super::time::MAX_LEVEL;
use super::{
    Bucket, Item, ItemKey, LabelStats, Labeled, Limits, META_BYTES, Ratings, Report, SourceStats,
};
use crate::error::{Error, ErrorKind};
use crate::util::Name;

/// What the bytes say they are, checked first.
const FORMAT: &str = "earshot-report";
/// The version of the layout; bumped when it changes, so that an old worker's bytes are refused
/// with a clear message rather than misread.
const VERSION: u32 = 1;
/// Posts a state may count at most (2^48, about 2.8 × 10^14): far beyond any job, and far
/// enough below `u64::MAX` that merging states can never overflow a count.
const MAX_POSTS: u64 = 1 << 48;
/// Each limit at most: a state asking for more is not one this library wrote with sane limits,
/// and a cap this large would overflow the tables' arithmetic.
const MAX_LIMIT: usize = 1 << 30;

/// A term table: the largest count it dropped, and each term's key, text ("" in the tables
/// that keep no texts) and value, sorted by key (a report read back writes the same bytes).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableState<V> {
    error: u64,
    terms: Vec<(u64, String, V)>,
}

/// A category's, flag's or aspect's record.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelState {
    label: String,
    tally: Tally,
    recent: Recent<Tally>,
    phrases: TableState<u64>,
    examples: Vec<(ItemKey, Item)>,
}

/// The report's fields, in the form that travels.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct State {
    format: String,
    version: u32,
    limits: Limits,
    overall: Tally,
    histogram: [u64; 20],
    answer_first: u64,
    flagged: u64,
    timed: u64,
    first: Option<i64>,
    last: Option<i64>,
    recent: Recent<Tally>,
    series_level: u8,
    series: Vec<(i64, Bucket)>,
    categories: Vec<LabelState>,
    flags: Vec<LabelState>,
    aspects: Vec<LabelState>,
    routes: Vec<(String, u64)>,
    dropped_labels: u64,
    by_sentiment: [TableState<u64>; 3],
    terms: TableState<Trend>,
    urgent: Vec<(ItemKey, Item)>,
    sources: Vec<(String, SourceStats)>,
    other_sources: SourceStats,
    unsourced: SourceStats,
    authors: Vec<u8>,
    with_author: u64,
    ratings: Ratings,
}

fn table_state<V: TermValue>(table: &TermTable<V>) -> TableState<V> {
    let mut terms: Vec<(u64, String, V)> = table
        .iter()
        .map(|(key, text, value)| (key, text.to_string(), value.clone()))
        .collect();
    terms.sort_unstable_by_key(|t| t.0);
    TableState {
        error: table.error,
        terms,
    }
}

fn items_state(top: &TopK<ItemKey, Item>) -> Vec<(ItemKey, Item)> {
    let mut items = top.items().to_vec();
    items.sort_by_key(|item| std::cmp::Reverse(item.0));
    items
}

fn labels_state(labels: &Labeled<LabelStats>) -> Vec<LabelState> {
    labels
        .entries
        .iter()
        .map(|(label, stats)| LabelState {
            label: label.to_string(),
            tally: stats.tally,
            recent: stats.recent,
            phrases: table_state(&stats.phrases),
            examples: items_state(&stats.examples),
        })
        .collect()
}

fn bad(message: impl Into<String>) -> Error {
    Error::new(
        ErrorKind::State,
        None,
        format!("not a valid report state: {}", message.into()),
    )
}

/// Checks what a state read from bytes claims against the bounds a report keeps.
struct Check {
    limits: Limits,
    posts: u64,
    /// The report's newest bucket of each period unit: no part of it has seen a newer one.
    newest: [i64; PERIOD_UNITS],
}

impl Check {
    fn count(&self, n: u64, what: &str) -> Result<(), Error> {
        if n > self.posts {
            return Err(bad(format!(
                "{what} counts {n} posts, more than the report's {}",
                self.posts
            )));
        }
        Ok(())
    }

    fn tally(&self, t: &Tally, what: &str) -> Result<(), Error> {
        for n in [t.posts, t.positive, t.neutral, t.negative] {
            self.count(n, what)?;
        }
        Ok(())
    }

    fn recent<T: Count>(&self, recent: &Recent<T>, what: &str) -> Result<(), Error> {
        let (at, _) = recent.parts();
        if at.iter().zip(&self.newest).any(|(a, n)| a > n) {
            return Err(bad(format!("{what} has a period newer than the report's")));
        }
        Ok(())
    }

    fn recent_tallies(&self, recent: &Recent<Tally>, what: &str) -> Result<(), Error> {
        self.recent(recent, what)?;
        recent.parts().1.try_for_each(|t| self.tally(t, what))
    }

    fn source(&self, s: &SourceStats, what: &str) -> Result<(), Error> {
        self.tally(&s.tally, what)?;
        self.count(s.urgent, what)?;
        self.count(s.flagged, what)
    }

    fn size(&self, len: usize, cap: usize, what: &str) -> Result<(), Error> {
        if len > cap {
            return Err(bad(format!(
                "{what} holds {len}, more than its limit of {cap}"
            )));
        }
        Ok(())
    }

    fn item(&self, item: &Item, what: &str) -> Result<(), Error> {
        self.size(
            item.text.len(),
            self.limits.item_bytes,
            &format!("{what}'s text"),
        )?;
        for meta in [&item.source, &item.author, &item.id, &item.title]
            .into_iter()
            .flatten()
        {
            self.size(meta.len(), META_BYTES, &format!("{what}'s metadata"))?;
        }
        Ok(())
    }

    fn items(
        &self,
        items: Vec<(ItemKey, Item)>,
        k: usize,
        what: &str,
    ) -> Result<TopK<ItemKey, Item>, Error> {
        self.size(items.len(), k, what)?;
        let mut top = TopK::new(k);
        for (key, item) in items {
            self.item(&item, what)?;
            top.offer(key, || item);
        }
        Ok(top)
    }

    /// A term table of `cap` (with texts when `texts`); each value checked by `value`.
    fn table<V: TermValue>(
        &self,
        state: TableState<V>,
        cap: usize,
        texts: bool,
        what: &str,
        value: impl Fn(&V) -> Result<(), Error>,
    ) -> Result<TermTable<V>, Error> {
        let mut table = if texts {
            TermTable::with_texts(cap)
        } else {
            TermTable::new(cap)
        };
        self.size(state.terms.len(), 2 * table.cap(), what)?;
        table.error = state.error;
        for (key, text, v) in state.terms {
            self.size(text.len(), MAX_TERM_BYTES, &format!("a term of {what}"))?;
            if texts && term_key(&text) != key {
                return Err(bad(format!("{what}: the term {text:?} has a wrong key")));
            }
            self.count(v.posts(), what)?;
            value(&v)?;
            if !table.restore(key, &text, v) {
                return Err(bad(format!("{what} holds the term {key} twice")));
            }
        }
        Ok(table)
    }

    fn labels(
        &self,
        states: Vec<LabelState>,
        examples: usize,
        what: &str,
    ) -> Result<Labeled<LabelStats>, Error> {
        self.size(states.len(), self.limits.labels, what)?;
        let mut labels = Labeled::new(self.limits.labels);
        for state in states {
            let what = format!("{what} {:?}", state.label);
            if labels
                .entries
                .iter()
                .any(|(n, _)| n.as_str() == state.label)
            {
                return Err(bad(format!("{what} is listed twice")));
            }
            self.tally(&state.tally, &what)?;
            self.recent_tallies(&state.recent, &what)?;
            let phrases =
                self.table(state.phrases, self.limits.label_terms, false, &what, |_| {
                    Ok(())
                })?;
            let examples = self.items(state.examples, examples, &format!("{what}'s examples"))?;
            let stats = LabelStats {
                tally: state.tally,
                recent: state.recent,
                phrases,
                examples,
            };
            labels.entries.push((Name::new(&state.label), stats));
        }
        Ok(labels)
    }
}

impl Report {
    /// The report's state as bytes, to ship a partial report to where the others are merged
    /// (a Spark driver, a DataFusion aggregate's final step); [`from_bytes`](Self::from_bytes)
    /// reads it back. The bytes are JSON, their tables sorted, so that a report read back gives
    /// the bytes it was read from.
    ///
    /// ```
    /// use earshot::report::{Post, Report};
    /// let mut report = Report::new();
    /// for text in ["Love the update", "The app crashes on login"] {
    ///     report.add(&Post::new(text), &earshot::analyze(text));
    /// }
    /// let bytes = report.to_bytes();
    /// let back = Report::from_bytes(&bytes).unwrap();
    /// assert_eq!(back.posts(), 2);
    /// assert_eq!(back.finish(), report.finish());
    /// assert_eq!(back.to_bytes(), bytes);
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        let state = State {
            format: FORMAT.to_string(),
            version: VERSION,
            limits: self.limits,
            overall: self.overall,
            histogram: self.histogram,
            answer_first: self.answer_first,
            flagged: self.flagged,
            timed: self.timed,
            first: self.first,
            last: self.last,
            recent: self.recent,
            series_level: self.series_level,
            series: self.series.iter().map(|(k, b)| (*k, *b)).collect(),
            categories: labels_state(&self.categories),
            flags: labels_state(&self.flags),
            aspects: labels_state(&self.aspects),
            routes: (self.routes.entries.iter())
                .map(|(team, posts)| (team.to_string(), *posts))
                .collect(),
            dropped_labels: self.dropped_labels,
            by_sentiment: std::array::from_fn(|i| table_state(&self.by_sentiment[i])),
            terms: table_state(&self.terms),
            urgent: items_state(&self.urgent),
            sources: (self.sources.iter())
                .map(|(name, s)| (name.to_string(), *s))
                .collect(),
            other_sources: self.other_sources,
            unsourced: self.unsourced,
            authors: self.authors.registers().to_vec(),
            with_author: self.with_author,
            ratings: self.ratings,
        };
        // Serializing plain structs of integers, strings and finite floats cannot fail.
        serde_json::to_vec(&state).unwrap_or_default()
    }

    /// A report from the bytes [`to_bytes`](Self::to_bytes) wrote, ready to
    /// [`add`](Self::add) to, [`merge`](Self::merge) or [`finish`](Self::finish). Bytes that
    /// are not a report's state — garbage, a truncated message, another version, counts that
    /// do not add up, tables larger than the state's own [`Limits`] (or limits above 2^30) —
    /// are an [`ErrorKind::State`] error.
    ///
    /// ```
    /// use earshot::report::{Post, Report};
    /// let (mut a, mut b) = (Report::new(), Report::new());
    /// a.add(&Post::new("Great support"), &earshot::analyze("Great support"));
    /// b.add(&Post::new("Refund please"), &earshot::analyze("Refund please"));
    /// // A partition's report, shipped as bytes, merged on the driver.
    /// let mut driver = Report::from_bytes(&a.to_bytes()).unwrap();
    /// driver.merge(&Report::from_bytes(&b.to_bytes()).unwrap());
    /// assert_eq!(driver.finish().posts, 2);
    ///
    /// let bytes = a.to_bytes();
    /// let err = Report::from_bytes(&bytes[..bytes.len() / 2]).unwrap_err();
    /// assert_eq!(err.kind(), earshot::ErrorKind::State);
    /// assert!(Report::from_bytes(b"\x00\xffnot json").is_err());
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Report, Error> {
        // The format and version first, so that another version is named as such rather than
        // reported as a missing field.
        #[derive(Deserialize)]
        struct Header {
            format: Option<String>,
            version: Option<u32>,
        }
        let header: Header = serde_json::from_slice(bytes)
            .map_err(|e| bad(format!("not the JSON of a report's state ({e})")))?;
        if header.format.as_deref() != Some(FORMAT) {
            return Err(bad(format!("its format is not {FORMAT:?}")));
        }
        if header.version != Some(VERSION) {
            return Err(bad(format!(
                "version {:?}, this library reads version {VERSION}",
                header.version
            )));
        }
        let state: State = serde_json::from_slice(bytes).map_err(|e| bad(e.to_string()))?;
        Report::from_state(state)
    }

    fn from_state(s: State) -> Result<Report, Error> {
        let limits = s.limits;
        let l = &limits;
        for (value, name) in [
            (l.urgent_items, "urgent_items"),
            (l.examples, "examples"),
            (l.terms, "terms"),
            (l.label_terms, "label_terms"),
            (l.time_buckets, "time_buckets"),
            (l.sources, "sources"),
            (l.labels, "labels"),
            (l.item_bytes, "item_bytes"),
        ] {
            if value > MAX_LIMIT {
                return Err(bad(format!("limit {name} is {value}, above {MAX_LIMIT}")));
            }
        }
        if s.overall.posts > MAX_POSTS {
            return Err(bad(format!(
                "{} posts, more than {MAX_POSTS}",
                s.overall.posts
            )));
        }
        let check = Check {
            limits,
            posts: s.overall.posts,
            newest: *s.recent.parts().0,
        };
        check.tally(&s.overall, "the report")?;
        for (n, what) in [
            (s.answer_first, "answer first"),
            (s.flagged, "flagged"),
            (s.timed, "timed"),
            (s.with_author, "with an author"),
            (s.ratings.count, "ratings"),
        ] {
            check.count(n, what)?;
        }
        // A post may drop a label of each kind; merges add them (saturating).
        if s.dropped_labels > MAX_POSTS << 8 {
            return Err(bad(format!("{} dropped labels", s.dropped_labels)));
        }
        for n in s.histogram.iter().chain(&s.ratings.histogram) {
            check.count(*n, "a histogram")?;
        }
        check.recent_tallies(&s.recent, "the report")?;
        if s.series_level > MAX_LEVEL {
            return Err(bad(format!("time level {}", s.series_level)));
        }
        if s.series_level < MAX_LEVEL {
            check.size(s.series.len(), l.time_buckets.max(1), "the time series")?;
        }
        let mut series = BTreeMap::new();
        for (index, bucket) in s.series {
            check.tally(&bucket.tally, "a time bucket")?;
            check.count(bucket.urgent, "a time bucket")?;
            check.count(bucket.flagged, "a time bucket")?;
            if series.insert(index, bucket).is_some() {
                return Err(bad(format!("the time bucket {index} is listed twice")));
            }
        }
        let categories = check.labels(s.categories, l.examples, "category")?;
        let flags = check.labels(s.flags, l.examples, "flag")?;
        let aspects = check.labels(s.aspects, 0, "aspect")?;
        check.size(s.routes.len(), l.labels, "routes")?;
        let mut routes = Labeled::new(l.labels);
        for (team, posts) in s.routes {
            check.count(posts, "a route")?;
            if routes.entries.iter().any(|(n, _)| n.as_str() == team) {
                return Err(bad(format!("the route {team:?} is listed twice")));
            }
            routes.entries.push((Name::new(&team), posts));
        }
        let mut by_sentiment = Vec::with_capacity(3);
        for table in s.by_sentiment {
            by_sentiment.push(check.table(table, l.label_terms, false, "phrases", |_| Ok(()))?);
        }
        let by_sentiment: [TermTable<u64>; 3] = by_sentiment
            .try_into()
            .map_err(|_| bad("three sentiment tables"))?;
        let terms = check.table(s.terms, l.terms, true, "the term table", |trend| {
            check.recent(&trend.recent, "a term")
        })?;
        let urgent = check.items(s.urgent, l.urgent_items, "the urgent posts")?;
        check.size(s.sources.len(), 2 * l.sources, "sources")?;
        let mut sources = BTreeMap::new();
        for (name, stats) in s.sources {
            check.size(name.len(), META_BYTES, "a source's name")?;
            check.source(&stats, "a source")?;
            if sources.insert(Box::from(name.as_str()), stats).is_some() {
                return Err(bad(format!("the source {name:?} is listed twice")));
            }
        }
        check.source(&s.other_sources, "other sources")?;
        check.source(&s.unsourced, "posts without a source")?;
        let authors = Distinct::from_registers(&s.authors)
            .ok_or_else(|| bad("the authors' sketch is not 4096 registers of ranks"))?;
        Ok(Report {
            limits,
            overall: s.overall,
            histogram: s.histogram,
            answer_first: s.answer_first,
            flagged: s.flagged,
            timed: s.timed,
            first: s.first,
            last: s.last,
            recent: s.recent,
            series_level: s.series_level,
            series,
            categories,
            flags,
            aspects,
            routes,
            dropped_labels: s.dropped_labels,
            by_sentiment,
            terms,
            urgent,
            sources,
            other_sources: s.other_sources,
            unsourced: s.unsourced,
            authors,
            with_author: s.with_author,
            ratings: s.ratings,
            scratch: Default::default(),
        })
    }
}
