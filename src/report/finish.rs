//! [`Report::finish`]: the counts read into a [`Summary`] — units chosen from the span, shares,
//! changes against the previous period, phrases ranked by keyness, emerging terms tested.

use std::collections::BTreeMap;

use super::summary::*;
use super::tally::{Count, Tally};
use super::terms::{TermTable, TermValue, chi2_1_upper_tail, log_likelihood_ratio};
use super::time::Unit;
use super::{
    Bucket, EMERGING_ALPHA, EMERGING_MIN_LIFT, EMERGING_MIN_POSTS, EMERGING_SHOWN, LabelStats,
    Labeled, MAX_BARS, PHRASE_MIN_POSTS, PHRASES_SHOWN, Report, SourceStats, format_time, share,
};
use crate::util::{COMPOUND_DECIMALS, SCORE_DECIMALS, rounded};

/// The span up to which the page counts per hour, then per day (seconds).
const HOURLY_SPAN: i64 = 2 * 86_400;
const DAILY_SPAN: i64 = 92 * 86_400;

/// Drops a word that a listed two-word phrase holds when the phrase accounts for at least 90%
/// of the word's posts ("promo" beside "promo code"): the phrase says it, and the list keeps
/// room for other terms. A word used apart from the phrase too is kept.
fn drop_nested<T>(list: &mut Vec<T>, key: impl Fn(&T) -> (&str, u64)) {
    let phrases: Vec<(String, u64)> = list
        .iter()
        .map(&key)
        .filter(|(term, _)| term.contains(' '))
        .map(|(term, posts)| (term.to_string(), posts))
        .collect();
    list.retain(|item| {
        let (term, posts) = key(item);
        term.contains(' ')
            || !phrases.iter().any(|(phrase, phrase_posts)| {
                phrase.split(' ').any(|w| w == term) && *phrase_posts * 10 >= posts * 9
            })
    });
}

/// The report's period: its unit's index among the period units, and the latest bucket.
#[derive(Clone, Copy)]
struct PeriodAt {
    unit: Unit,
    index: usize,
    latest: i64,
}

fn sentiment_of(t: &Tally, histogram: Vec<u64>) -> SentimentSummary {
    SentimentSummary {
        positive: t.positive,
        neutral: t.neutral,
        negative: t.negative,
        mean_compound: rounded(t.mean(), COMPOUND_DECIMALS),
        net: if t.posts == 0 {
            0.0
        } else {
            rounded(
                (t.positive as f64 - t.negative as f64) / t.posts as f64,
                SCORE_DECIMALS,
            )
        },
        histogram,
    }
}

impl Report {
    /// The report so far, as plain values (the report itself is unchanged: add more and
    /// finish again).
    pub fn finish(&self) -> Summary {
        let period = self.period();
        let posts = self.overall.posts;
        let (latest_all, previous_all) = period
            .map(|p| self.recent.get(p.index, p.latest))
            .unwrap_or_default();
        let labels = |labeled: &Labeled<LabelStats>| -> Vec<LabelSummary> {
            let mut out: Vec<LabelSummary> = labeled
                .entries
                .iter()
                .map(|(label, stats)| LabelSummary {
                    label: label.to_string(),
                    posts: stats.tally.posts,
                    share: share(stats.tally.posts, posts),
                    sentiment: sentiment_of(&stats.tally, Vec::new()),
                    change: period.map(|p| {
                        let (latest, previous) = stats.recent.get(p.index, p.latest);
                        Change {
                            latest: latest.posts,
                            previous: previous.posts,
                            latest_share: share(latest.posts, latest_all.posts),
                            previous_share: share(previous.posts, previous_all.posts),
                            latest_compound: rounded(latest.mean(), COMPOUND_DECIMALS),
                            previous_compound: rounded(previous.mean(), COMPOUND_DECIMALS),
                        }
                    }),
                    phrases: self.phrases(&stats.phrases, stats.tally.posts),
                    examples: stats.examples.sorted().into_iter().cloned().collect(),
                })
                .collect();
            out.sort_by(|a, b| b.posts.cmp(&a.posts).then_with(|| a.label.cmp(&b.label)));
            out
        };
        let mut routes: Vec<Share> = self
            .routes
            .entries
            .iter()
            .map(|(team, n)| Share {
                label: team.to_string(),
                posts: *n,
                share: share(*n, posts),
            })
            .collect();
        routes.sort_by(|a, b| b.posts.cmp(&a.posts).then_with(|| a.label.cmp(&b.label)));

        let t = &self.overall;
        Summary {
            posts,
            timed_posts: self.timed,
            first: self.first.map(format_time),
            last: self.last.map(format_time),
            period: period.map(|p| Period {
                unit: p.unit.name(),
                latest: format_time(p.unit.start(p.latest)),
                previous: format_time(p.unit.start(p.latest.saturating_sub(1))),
                latest_posts: latest_all.posts,
                previous_posts: previous_all.posts,
            }),
            sentiment: sentiment_of(t, self.histogram.to_vec()),
            over_time: self.over_time(),
            categories: labels(&self.categories),
            flags: labels(&self.flags),
            routes,
            aspects: labels(&self.aspects),
            urgent: Urgent {
                answer_first: self.answer_first,
                flagged: self.flagged,
                items: self.urgent.sorted().into_iter().cloned().collect(),
            },
            phrases: SentimentPhrases {
                positive: self.phrases(&self.by_sentiment[0], t.positive),
                neutral: self.phrases(&self.by_sentiment[1], t.neutral),
                negative: self.phrases(&self.by_sentiment[2], t.negative),
            },
            emerging: self.emerging(period, latest_all.posts),
            sources: self.sources(),
            people: People {
                posts_with_author: self.with_author,
                distinct_authors: self.authors.estimate().min(self.with_author),
                rated_posts: self.ratings.count,
                mean_rating: (self.ratings.count > 0).then(|| {
                    rounded(
                        self.ratings.sum_milli as f64 / 1_000.0 / self.ratings.count as f64,
                        SCORE_DECIMALS,
                    )
                }),
                ratings: self.ratings.histogram.to_vec(),
            },
            limits: LimitsSummary {
                caps: self.limits,
                phrase_error: self
                    .categories
                    .entries
                    .iter()
                    .chain(&self.flags.entries)
                    .chain(&self.aspects.entries)
                    .map(|(_, s)| s.phrases.error)
                    .chain(self.by_sentiment.iter().map(|t| t.error))
                    .max()
                    .unwrap_or(0),
                term_error: self.terms.error,
                dropped_labels: self.dropped_labels,
                kept_unit: Unit::from_level(self.series_level).name(),
            },
        }
    }

    /// The display unit, chosen from the span (never finer than the series is kept at).
    fn display_unit(&self) -> Option<Unit> {
        let (first, last) = (self.first?, self.last?);
        let span = last.saturating_sub(first);
        let chosen = if span <= HOURLY_SPAN {
            Unit::Hour
        } else if span <= DAILY_SPAN {
            Unit::Day
        } else {
            Unit::Week
        };
        let mut level = chosen.level().max(self.series_level);
        // Coarser until the bars fit.
        while level < super::time::MAX_LEVEL {
            let unit = Unit::from_level(level);
            let bars = (unit.bucket(last) as i128 - unit.bucket(first) as i128) + 1;
            if bars <= MAX_BARS as i128 {
                break;
            }
            level += 1;
        }
        Some(Unit::from_level(level))
    }

    /// The report's period: the display unit capped at a week, at the latest post.
    fn period(&self) -> Option<PeriodAt> {
        let unit = self.display_unit()?.min(Unit::Week);
        let index = unit.level() as usize;
        Some(PeriodAt {
            unit,
            index,
            latest: unit.bucket(self.last?),
        })
    }

    fn over_time(&self) -> OverTime {
        let Some(unit) = self.display_unit() else {
            return OverTime::default();
        };
        let from = Unit::from_level(self.series_level);
        let mut bars: BTreeMap<i64, Bucket> = BTreeMap::new();
        for (index, bucket) in &self.series {
            bars.entry(unit.bucket(from.start(*index)))
                .or_default()
                .add(bucket);
        }
        let (Some(first), Some(last)) = (self.first, self.last) else {
            return OverTime::default();
        };
        let buckets = (unit.bucket(first)..=unit.bucket(last))
            .map(|index| {
                let b = bars.get(&index).copied().unwrap_or_default();
                TimeBucket {
                    start: format_time(unit.start(index)),
                    posts: b.tally.posts,
                    positive: b.tally.positive,
                    neutral: b.tally.neutral,
                    negative: b.tally.negative,
                    mean_compound: rounded(b.tally.mean(), COMPOUND_DECIMALS),
                    urgent: b.urgent,
                    flagged: b.flagged,
                }
            })
            .collect();
        OverTime {
            unit: unit.name(),
            buckets,
        }
    }

    /// The phrases that set a group of `group_posts` posts apart: over-represented terms with
    /// at least [`PHRASE_MIN_POSTS`] posts, by G² against all other posts (by posts when the
    /// group is every post).
    fn phrases(&self, table: &TermTable<u64>, group_posts: u64) -> Vec<Phrase> {
        let all = self.overall.posts;
        let rest = all.saturating_sub(group_posts);
        let mut out: Vec<Phrase> = table
            .iter()
            .filter(|(_, _, posts)| **posts >= PHRASE_MIN_POSTS)
            .filter_map(|(key, _, posts)| {
                // The text comes from the term table, which keeps the most used terms.
                let term = self.terms.text(key)?.to_string();
                let a = (*posts).min(group_posts);
                if rest == 0 {
                    return Some(Phrase {
                        term,
                        posts: a,
                        share: share(a, group_posts),
                        g2: 0.0,
                    });
                }
                // Elsewhere: its posts in all (a lower bound when pruned) less the group's.
                let b = self.terms.posts(key).saturating_sub(a).min(rest);
                let over = (a as f64) * (rest as f64) > (b as f64) * (group_posts as f64);
                over.then(|| Phrase {
                    term,
                    posts: a,
                    share: share(a, group_posts),
                    g2: rounded(
                        log_likelihood_ratio(a, group_posts, b, rest),
                        SCORE_DECIMALS,
                    ),
                })
            })
            .collect();
        out.sort_by(|x, y| {
            y.g2.total_cmp(&x.g2)
                .then(y.posts.cmp(&x.posts))
                .then_with(|| x.term.cmp(&y.term))
        });
        drop_nested(&mut out, |p| (p.term.as_str(), p.posts));
        out.truncate(PHRASES_SHOWN);
        out
    }

    fn emerging(&self, period: Option<PeriodAt>, latest_posts: u64) -> Emerging {
        let mut emerging = Emerging {
            test: format!(
                "Dunning's log-likelihood ratio G² of each term's share of the latest period's \
                 posts against its share of all earlier posts; tested when it has at least {} \
                 posts in the latest period; reported when its share rose at least {}-fold and \
                 the p-value (χ², 1 d.f.) is below {} divided by the number of terms tested \
                 (Bonferroni)",
                EMERGING_MIN_POSTS, EMERGING_MIN_LIFT, EMERGING_ALPHA
            ),
            min_posts: EMERGING_MIN_POSTS,
            alpha: EMERGING_ALPHA,
            min_lift: EMERGING_MIN_LIFT,
            tested: 0,
            terms: Vec::new(),
        };
        let Some(period) = period else {
            return emerging;
        };
        let baseline_posts = self.overall.posts.saturating_sub(latest_posts);
        if latest_posts == 0 || baseline_posts == 0 {
            return emerging;
        }
        let error = self.terms.error;
        let mut candidates: Vec<EmergingTerm> = Vec::new();
        for (_, term, trend) in self.terms.iter() {
            let (latest, _) = trend.recent.get(period.index, period.latest);
            let k1 = u64::from(latest).min(latest_posts);
            if k1 < EMERGING_MIN_POSTS {
                continue;
            }
            // Every term with enough posts counts as tested, whatever its lift (the lift is
            // read from the same data, so selecting on it first would weaken the correction).
            emerging.tested += 1;
            // Conservative when pruned: the baseline's upper bound.
            let k2 = (trend.posts() + error)
                .saturating_sub(k1)
                .min(baseline_posts);
            let latest_rate = k1 as f64 / latest_posts as f64;
            let baseline_rate = k2 as f64 / baseline_posts as f64;
            if latest_rate < EMERGING_MIN_LIFT * baseline_rate {
                continue;
            }
            let g2 = log_likelihood_ratio(k1, latest_posts, k2, baseline_posts);
            candidates.push(EmergingTerm {
                term: term.to_string(),
                latest_posts: k1,
                latest_share: share(k1, latest_posts),
                baseline_posts: k2,
                baseline_share: rounded(baseline_rate, 4),
                lift: (k2 > 0).then(|| rounded(latest_rate / baseline_rate, 2)),
                g2: rounded(g2, SCORE_DECIMALS),
                p: chi2_1_upper_tail(g2),
            });
        }
        let threshold = EMERGING_ALPHA / emerging.tested.max(1) as f64;
        candidates.retain(|t| t.p < threshold);
        candidates.sort_by(|x, y| {
            y.g2.total_cmp(&x.g2)
                .then(y.latest_posts.cmp(&x.latest_posts))
                .then_with(|| x.term.cmp(&y.term))
        });
        drop_nested(&mut candidates, |t| (t.term.as_str(), t.latest_posts));
        candidates.truncate(EMERGING_SHOWN);
        emerging.terms = candidates;
        emerging
    }

    fn sources(&self) -> Vec<SourceSummary> {
        let posts = self.overall.posts;
        let summary = |name: &str, s: &SourceStats| SourceSummary {
            source: name.to_string(),
            posts: s.tally.posts,
            share: share(s.tally.posts, posts),
            sentiment: sentiment_of(&s.tally, Vec::new()),
            urgent: s.urgent,
            flagged: s.flagged,
        };
        let mut out: Vec<SourceSummary> = self
            .sources
            .iter()
            .map(|(name, s)| summary(name, s))
            .collect();
        out.sort_by(|a, b| b.posts.cmp(&a.posts).then_with(|| a.source.cmp(&b.source)));
        out.truncate(self.limits.sources);
        // Folded at finish too, so that the list has at most `sources` named entries.
        let mut other = self.other_sources;
        let mut named: Vec<&str> = out.iter().map(|s| s.source.as_str()).collect();
        named.sort_unstable();
        for (name, s) in &self.sources {
            if named.binary_search(&name.as_ref()).is_err() {
                other.add(s);
            }
        }
        if other.tally.posts > 0 {
            out.push(summary("(other)", &other));
        }
        if self.unsourced.tally.posts > 0 && !out.is_empty() {
            out.push(summary("(none)", &self.unsourced));
        }
        out
    }
}
