//! The listening report's aggregate (`earshot::report::Report`): merging is associative and
//! equals one pass over the concatenation (a property test on random streams of real
//! analyses, with times, sources, authors and aspects); emerging terms find a planted burst and
//! report nothing on a stationary stream; aspects enter through `add_with_aspects`; the caps
//! hold; bad input (no times, absurd times, huge texts, NaN) gives a sensible report.

use std::sync::LazyLock;

use earshot::report::{Limits, Post, Report, Summary, parse_time};
use earshot::{Analysis, Analyzer};
use proptest::prelude::*;

/// Texts for the random streams: short posts that carry categories, flags and routes.
const TEXTS: &[&str] = &[
    "The app crashes every time I open the camera, please fix",
    "Love the new update, works like a charm!",
    "My charger caught fire last night, I want a refund today",
    "How do I change my password?",
    "Please add a dark mode",
    "I will sue you if this is not fixed",
    "Cancelling my subscription, switching to Globex",
    "Someone used my card without my permission",
    "ok",
    "",
    "Great support team, thanks Anna",
    "Still waiting for my refund after three weeks. Awful service.",
    "<script>alert(1)</script> your site is broken",
    "battery life is terrible and the battery drains overnight",
];

const SOURCES: &[&str] = &["twitter", "app_store", "email"];
const AUTHORS: &[&str] = &["ann", "bo", "cy", "dee"];
const ASPECTS: &[(&str, f64)] = &[("battery", -0.6), ("support", 0.7), ("price", 0.0)];

static ANALYSES: LazyLock<Vec<Analysis>> = LazyLock::new(|| {
    let analyzer = Analyzer::default();
    TEXTS.iter().map(|t| analyzer.analyze(t)).collect()
});

/// One post of a random stream: a text, maybe a time (hours after a Monday), a source, an
/// author, an aspect.
#[derive(Clone, Debug)]
struct Event {
    text: usize,
    hours: Option<i64>,
    source: Option<usize>,
    author: Option<usize>,
    aspect: Option<usize>,
}

fn event() -> impl Strategy<Value = Event> {
    (
        0..TEXTS.len(),
        proptest::option::of(0i64..24 * 40),
        proptest::option::of(0..SOURCES.len()),
        proptest::option::of(0..AUTHORS.len()),
        proptest::option::of(0..ASPECTS.len()),
    )
        .prop_map(|(text, hours, source, author, aspect)| Event {
            text,
            hours,
            source,
            author,
            aspect,
        })
}

const MONDAY: i64 = 1_795_392_000; // 2026-11-23T00:00:00Z

fn add(report: &mut Report, e: &Event) {
    let post = Post {
        time: e.hours.map(|h| MONDAY + h * 3_600 + 17),
        source: e.source.map(|s| SOURCES[s]),
        author: e.author.map(|a| AUTHORS[a]),
        id: Some("id-1"),
        rating: e.aspect.map(|a| a as f64 + 1.5),
        ..Post::new(TEXTS[e.text])
    };
    let aspects = e.aspect.map(|a| ASPECTS[a]);
    report.add_with_aspects(&post, &ANALYSES[e.text], aspects);
}

/// Small caps, so that the streams reach them: top-k, examples, time buckets (coarsening)
/// and labels are exercised; the term tables stay below their caps (exact regime).
fn limits() -> Limits {
    Limits {
        urgent_items: 4,
        examples: 2,
        time_buckets: 30,
        ..Limits::default()
    }
}

fn report_of(events: &[Event]) -> Report {
    let mut report = Report::with_limits(limits());
    for e in events {
        add(&mut report, e);
    }
    report
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// (a ∪ b) ∪ c = a ∪ (b ∪ c) = one pass, and merging is commutative.
    #[test]
    fn merging_is_associative_and_equals_one_pass(
        events in proptest::collection::vec(event(), 0..80),
        cut1 in 0usize..=80,
        cut2 in 0usize..=80,
    ) {
        let (i, j) = {
            let (a, b) = (cut1.min(events.len()), cut2.min(events.len()));
            (a.min(b), a.max(b))
        };
        let whole = report_of(&events).finish();
        let (a, b, c) = (report_of(&events[..i]), report_of(&events[i..j]), report_of(&events[j..]));
        let mut left = a.clone();
        left.merge(&b);
        left.merge(&c);
        let mut bc = b.clone();
        bc.merge(&c);
        let mut right = a.clone();
        right.merge(&bc);
        let mut reversed = c.clone();
        reversed.merge(&b);
        reversed.merge(&a);
        prop_assert_eq!(&left.finish(), &whole);
        prop_assert_eq!(&right.finish(), &whole);
        prop_assert_eq!(&reversed.finish(), &whole);
        prop_assert_eq!(whole.posts, events.len() as u64);
        prop_assert!(whole.urgent.items.len() <= 4);
        prop_assert!(whole.limits.term_error == 0 && whole.limits.phrase_error == 0);
    }

    /// Partial reports shipped as bytes and merged where they arrive equal one pass, and a
    /// report read back from its bytes is the same report (same summary, same bytes).
    #[test]
    fn reports_read_back_from_bytes_merge_as_one_pass(
        events in proptest::collection::vec(event(), 0..80),
        cut in 0usize..=80,
    ) {
        let i = cut.min(events.len());
        let whole = report_of(&events);
        let (a, b) = (report_of(&events[..i]), report_of(&events[i..]));
        let bytes = whole.to_bytes();
        let back = Report::from_bytes(&bytes).unwrap();
        prop_assert_eq!(back.to_bytes(), bytes);
        let mut driver = Report::from_bytes(&a.to_bytes()).unwrap();
        driver.merge(&Report::from_bytes(&b.to_bytes()).unwrap());
        prop_assert_eq!(driver.finish(), whole.finish());
        prop_assert_eq!(back.finish(), whole.finish());
    }
}

/// Bytes that are not a report's state: an error naming what is wrong, never a panic. Each
/// broken state is made from a valid one by changing one field, beside the valid one.
#[test]
fn bytes_that_are_not_a_report_state_are_errors() {
    let events: Vec<Event> = (0..40)
        .map(|i| Event {
            text: i % TEXTS.len(),
            hours: Some(i as i64 * 5),
            source: Some(i % SOURCES.len()),
            author: Some(i % AUTHORS.len()),
            aspect: Some(i % ASPECTS.len()),
        })
        .collect();
    let bytes = report_of(&events).to_bytes();
    assert!(Report::from_bytes(&bytes).is_ok());
    let state: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let with = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut broken = state.clone();
        edit(&mut broken);
        serde_json::to_vec(&broken).unwrap()
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "not the JSON"),
        ("garbage", b"\x00\xff\xfe garbage".to_vec(), "not the JSON"),
        (
            "truncated",
            bytes[..bytes.len() * 2 / 3].to_vec(),
            "not the JSON",
        ),
        ("other JSON", b"{\"posts\": 3}".to_vec(), "format"),
        (
            "a summary",
            serde_json::to_vec(&report_of(&events).finish()).unwrap(),
            "format",
        ),
        (
            "other version",
            with(&|s| s["version"] = 99.into()),
            "version Some(99)",
        ),
        (
            "missing field",
            with(&|s| {
                s.as_object_mut().unwrap().remove("overall");
            }),
            "overall",
        ),
        (
            "more urgent posts than the limit",
            with(&|s| s["limits"]["urgent_items"] = 1.into()),
            "the urgent posts holds 4, more than its limit of 1",
        ),
        (
            "more categories than the limit",
            with(&|s| s["limits"]["labels"] = 1.into()),
            "more than its limit of 1",
        ),
        (
            "more terms than the limit",
            with(&|s| s["limits"]["terms"] = 2.into()),
            "the term table holds",
        ),
        (
            "a huge limit",
            with(&|s| s["limits"]["terms"] = (1u64 << 40).into()),
            "limit terms",
        ),
        (
            "a count above the posts",
            with(&|s| s["answer_first"] = 1_000.into()),
            "answer first counts 1000 posts",
        ),
        (
            "posts beyond any job",
            with(&|s| s["overall"]["posts"] = u64::MAX.into()),
            "posts, more than",
        ),
        (
            "a term with a wrong key",
            with(&|s| s["terms"]["terms"][0][1] = "not its text".into()),
            "wrong key",
        ),
        (
            "a short authors' sketch",
            with(&|s| s["authors"] = serde_json::json!([1, 2, 3])),
            "4096 registers",
        ),
        (
            "a rank no hash gives",
            with(&|s| s["authors"][0] = 200.into()),
            "4096 registers",
        ),
        (
            "a label period newer than the report's",
            with(&|s| s["categories"][0]["recent"]["at"][0] = i64::MAX.into()),
            "newer than the report's",
        ),
        (
            "an item's text over the limit",
            with(&|s| s["urgent"][0][1]["text"] = "x".repeat(5_000).into()),
            "text holds 5000",
        ),
    ];
    for (name, bytes, message) in cases {
        let err = Report::from_bytes(&bytes).map(|_| ()).expect_err(name);
        assert_eq!(err.kind(), earshot::ErrorKind::State, "{name}");
        assert!(
            err.to_string().contains(message),
            "{name}: {err} should say {message:?}"
        );
    }
}

/// States of reports at the edges — extreme times, NaN scores, pruned tables, no posts — read
/// back as the same reports.
#[test]
fn edge_reports_round_trip() {
    let mut extreme = Report::new();
    let mut nan = Analysis::default();
    nan.sentiment.compound = f64::NAN;
    nan.risk.urgency = f64::NAN;
    for time in [Some(i64::MIN), Some(i64::MAX), None, Some(0)] {
        extreme.add_with_aspects(
            &Post {
                time,
                ..Post::new("crash")
            },
            &nan,
            [("x", f64::NAN)],
        );
    }
    let mut pruned = Report::with_limits(Limits {
        terms: 4,
        label_terms: 2,
        ..limits()
    });
    for (i, text) in TEXTS.iter().enumerate() {
        let post = Post {
            time: Some(MONDAY + i as i64 * 7_200),
            ..Post::new(text)
        };
        pruned.add(&post, &ANALYSES[i]);
    }
    assert!(pruned.clone().finish().limits.term_error > 0);
    for report in [extreme, pruned, Report::new()] {
        let back = Report::from_bytes(&report.to_bytes()).unwrap();
        assert_eq!(back.finish(), report.finish());
        // What is read back keeps working: it takes posts and merges.
        let mut more = back.clone();
        more.add(&Post::new("Love it"), &ANALYSES[1]);
        more.merge(&back);
        assert_eq!(more.posts(), 2 * report.posts() + 1);
    }
}

/// A deterministic stream of made-up words with steady rates (Zipf-like over 400 words),
/// `per_day` posts a day for `days` days; `burst` adds a word to a share of the last day's
/// posts.
fn synthetic(days: i64, per_day: i64, burst: Option<(&str, f64)>, seed: u64) -> Summary {
    let syllables = [
        "ka", "lo", "mi", "ren", "sto", "vu", "dar", "pel", "quin", "tor",
    ];
    let words: Vec<String> = (0..400)
        .map(|i| {
            format!(
                "{}{}{}",
                syllables[i % 10],
                syllables[(i / 10) % 10],
                syllables[(i / 100) % 10]
            )
        })
        .collect();
    let mut state = 0x9E37_79B9_7F4A_7C15u64 ^ seed.wrapping_mul(0xA24B_AED4_963E_E407);
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let analysis = Analysis::default();
    let mut report = Report::new();
    let mut text = String::new();
    for day in 0..days {
        for n in 0..per_day {
            text.clear();
            for _ in 0..8 {
                // Zipf-like: the square of a uniform picks low ranks more often.
                let u = (next() >> 11) as f64 / (1u64 << 53) as f64;
                let rank = ((u * u) * words.len() as f64) as usize;
                text.push_str(&words[rank.min(words.len() - 1)]);
                text.push_str(", ");
            }
            if let Some((word, rate)) = burst
                && day == days - 1
                && ((next() >> 11) as f64 / (1u64 << 53) as f64) < rate
            {
                text.push_str(word);
            }
            let time = MONDAY + day * 86_400 + n * 86_400 / per_day;
            report.add(
                &Post {
                    time: Some(time),
                    ..Post::new(&text)
                },
                &analysis,
            );
        }
    }
    report.finish()
}

#[test]
fn a_planted_burst_is_found() {
    for seed in 1..5 {
        let summary = synthetic(14, 300, Some(("zorblax", 0.1)), seed);
        let terms: Vec<&str> = summary
            .emerging
            .terms
            .iter()
            .map(|t| t.term.as_str())
            .collect();
        assert_eq!(terms, ["zorblax"], "seed {seed}");
    }
    let summary = synthetic(14, 300, Some(("zorblax", 0.1)), 0);
    let period = summary.period.as_ref().unwrap();
    assert_eq!(period.unit, "day");
    assert_eq!(period.latest_posts, 300);
    let terms: Vec<&str> = summary
        .emerging
        .terms
        .iter()
        .map(|t| t.term.as_str())
        .collect();
    assert_eq!(terms, ["zorblax"], "{:#?}", summary.emerging);
    let zorblax = &summary.emerging.terms[0];
    assert!(zorblax.latest_posts >= 20 && zorblax.baseline_posts == 0);
    assert!(zorblax.lift.is_none());
    assert!(zorblax.p < 0.01 / summary.emerging.tested as f64);
}

#[test]
fn a_stationary_stream_reports_nothing() {
    let streams = (0..20).map(|seed| (14, 300, seed));
    for (days, per_day, seed) in streams.chain([(30, 100, 0), (3, 2_000, 0)]) {
        let summary = synthetic(days, per_day, None, seed);
        assert!(summary.emerging.tested > 0 || days == 3);
        assert!(
            summary.emerging.terms.is_empty(),
            "{days} days of {per_day}, seed {seed}: {:#?}",
            summary.emerging.terms
        );
    }
    // Near miss: a burst too small to tell from chance (2 posts of 300) is not reported.
    let summary = synthetic(14, 300, Some(("zorblax", 0.007)), 0);
    assert!(summary.emerging.terms.is_empty());
}

#[test]
fn aspects_are_counted_with_their_change_against_the_previous_period() {
    let mut report = Report::new();
    let analysis = Analysis::default();
    let day = |d: i64| Some(MONDAY + d * 86_400 + 3_600);
    // Four days, so that the period is a day. Day 2: battery mentioned twice, positively;
    // day 3 (the latest): three times, negatively.
    /// A day, a text, the aspects it mentions.
    type Row<'a> = (i64, &'a str, &'a [(&'a str, f64)]);
    let rows: &[Row] = &[
        (0, "first post", &[]),
        (2, "battery lasts all day", &[("battery", 0.6)]),
        (
            2,
            "battery is fine, screen is great",
            &[("battery", 0.2), ("screen", 0.7)],
        ),
        (3, "battery died", &[("battery", -0.5)]),
        (3, "battery drains fast", &[("battery", -0.4)]),
        (3, "the battery is awful", &[("battery", -0.7)]),
        (3, "nothing about aspects", &[]),
    ];
    for (d, text, aspects) in rows {
        let post = Post {
            time: day(*d),
            ..Post::new(text)
        };
        report.add_with_aspects(&post, &analysis, aspects.iter().copied());
    }
    let summary = report.finish();
    assert_eq!(summary.aspects.len(), 2);
    let battery = &summary.aspects[0];
    assert_eq!(battery.label, "battery");
    assert_eq!(battery.posts, 5);
    assert_eq!(
        (battery.sentiment.positive, battery.sentiment.negative),
        (2, 3)
    );
    let change = battery.change.as_ref().unwrap();
    assert_eq!((change.latest, change.previous), (3, 2));
    assert_eq!(change.latest_compound, -0.5333);
    assert_eq!(change.previous_compound, 0.4);
    // Shares of each period's posts: 3 of 4 posts on day 3, 2 of 2 on day 2.
    assert_eq!((change.latest_share, change.previous_share), (0.75, 1.0));
    // A neutral aspect (compound inside VADER's band) is neutral.
    let screen = &summary.aspects[1];
    assert_eq!(screen.sentiment.positive, 1);
}

#[test]
fn urgent_posts_come_first_with_their_evidence() {
    let mut report = Report::with_limits(Limits {
        urgent_items: 3,
        ..Limits::default()
    });
    for (i, text) in TEXTS.iter().enumerate() {
        let post = Post {
            id: Some("x"),
            time: Some(MONDAY + i as i64),
            ..Post::new(text)
        };
        report.add(&post, &ANALYSES[i]);
    }
    let summary = report.finish();
    let items = &summary.urgent.items;
    assert_eq!(items.len(), 3);
    assert!(items.windows(2).all(|w| w[0].urgency >= w[1].urgency));
    let fire = items
        .iter()
        .find(|i| i.text.contains("caught fire"))
        .unwrap();
    assert_eq!(fire.flags[0].label, "safety");
    // Each highlight is a span of the item's own text, for a flag it carries, never nested.
    for item in items {
        let mut end = 0;
        for h in &item.highlights {
            assert!(h.start >= end && h.end <= item.text.len());
            assert!(item.flags.iter().any(|f| f.label == h.label));
            end = h.end;
        }
    }
    assert!(!fire.highlights.is_empty());
    // The hostile post is kept as text (escaping is the page's job: tests/report_page.rs).
    let all = serde_json::to_string(&summary).unwrap();
    assert!(all.contains("<script>alert(1)</script>") || !all.contains("alert"));
}

#[test]
fn bad_input_gives_a_sensible_report() {
    let mut report = Report::with_limits(Limits {
        item_bytes: 10,
        ..Limits::default()
    });
    let mut nan = Analysis::default();
    nan.sentiment.compound = f64::NAN;
    nan.risk.urgency = f64::NAN;
    let huge = "é".repeat(100_000);
    let times = [Some(i64::MIN), Some(i64::MAX), None, Some(0), Some(-1)];
    for (i, time) in times.iter().enumerate() {
        let text = if i == 0 { huge.as_str() } else { "crash" };
        let post = Post {
            time: *time,
            rating: Some(f64::INFINITY),
            source: Some(huge.as_str()),
            ..Post::new(text)
        };
        report.add_with_aspects(&post, &nan, [("x", f64::NAN)]);
    }
    let summary = report.finish();
    assert_eq!(summary.posts, 5);
    // The whole range of i64 seconds is charted in a bounded number of bars.
    assert!(summary.over_time.buckets.len() <= 120);
    assert_eq!(
        summary
            .over_time
            .buckets
            .iter()
            .map(|b| b.posts)
            .sum::<u64>(),
        4
    );
    assert!(summary.urgent.items.iter().all(|i| i.text.len() <= 10));
    assert!(summary.sources.iter().all(|s| s.source.len() <= 200));
    assert_eq!(summary.people.rated_posts, 0);
    let json = serde_json::to_string(&summary).unwrap();
    assert!(!json.contains("NaN"));
    // No posts at all: an empty report, no period, nothing emerging.
    let empty = Report::new().finish();
    assert_eq!(empty.posts, 0);
    assert!(empty.period.is_none() && empty.over_time.buckets.is_empty());
    assert!(empty.emerging.terms.is_empty());
}

#[test]
fn the_unit_follows_the_span() {
    let analysis = Analysis::default();
    for (span_days, unit, bars) in [(1, "hour", 25), (10, "day", 11), (200, "week", 29)] {
        let mut report = Report::new();
        for t in [MONDAY, MONDAY + span_days * 86_400] {
            report.add(
                &Post {
                    time: Some(t),
                    ..Post::new("hello there")
                },
                &analysis,
            );
        }
        let summary = report.finish();
        assert_eq!(summary.over_time.unit, unit);
        assert_eq!(summary.over_time.buckets.len(), bars, "{span_days} days");
        assert_eq!(
            summary.over_time.buckets[0].start,
            earshot::report::format_time(MONDAY)
        );
    }
    assert_eq!(parse_time("2026-11-23T00:00:00Z"), Some(MONDAY));
}

#[test]
fn many_sources_fold_into_other() {
    let mut report = Report::with_limits(Limits {
        sources: 2,
        ..Limits::default()
    });
    let analysis = Analysis::default();
    for (source, n) in [("a", 5), ("b", 4), ("c", 3), ("d", 2), ("e", 1), ("f", 1)] {
        for _ in 0..n {
            report.add(
                &Post {
                    source: Some(source),
                    ..Post::new("hi")
                },
                &analysis,
            );
        }
    }
    report.add(&Post::new("no source"), &analysis);
    let sources: Vec<(String, u64)> = report
        .finish()
        .sources
        .into_iter()
        .map(|s| (s.source, s.posts))
        .collect();
    assert_eq!(
        sources,
        [
            ("a".to_string(), 5),
            ("b".to_string(), 4),
            ("(other)".to_string(), 7),
            ("(none)".to_string(), 1)
        ]
    );
}
