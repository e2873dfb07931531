//! The report's memory is bounded whatever the input size: a generated stream of several
//! gigabytes of posts (by default 2 GiB in a release build, 96 MiB in a debug build, where the
//! same code runs ~20 times slower; `EARSHOT_REPORT_STREAM_MIB` sets it) is added to two
//! reports, half each, which are then merged (one thread, so that the measure is the same on
//! every run). Every post has a 3 KB tracking link (most of
//! the bytes, read as one token: the stream is long in bytes at the cost of the reading, not of
//! the tables), 24 words from a 50,000-word vocabulary and two made-up words (so the term
//! tables fill, prune and refill as in a far longer stream of ordinary posts), a source of 5,000, an
//! author of a million, a time one second after the last (so the time series outgrows its cap
//! and is coarsened), categories, flags and aspects.
//!
//! What it measures: the peak of heap in use (a counting global allocator,
//! `tests/support/measuring_alloc.rs`) while the first report takes the first quarter of its
//! posts, and again over the other three quarters. The bound is that the peak does not grow
//! with the stream (the later peak is within 10% of the early one) and, with the second report
//! and the merge, stays under 160 MB. The
//! analyses are made once up front (the analyzer is not what is measured), so the stream runs
//! at the speed of the report itself. This file holds a single test, so it runs alone in its
//! own process and the count is its own.

use std::time::Instant;

use earshot::report::{Post, Report};
use earshot::{Analysis, Analyzer};

#[path = "support/measuring_alloc.rs"]
mod measuring_alloc;
use measuring_alloc::{in_use, peak, reset_peak};

const SEEDS: &[&str] = &[
    "The app crashes every time I open the camera, please fix",
    "Love the new update, works like a charm!",
    "My charger caught fire last night, I want a refund today",
    "How do I change my password?",
    "Please add a dark mode",
    "I will sue you if this is not fixed",
    "Cancelling my subscription, switching to Globex",
    "Someone used my card without my permission",
    "Great support team, thanks Anna",
    "Still waiting for my refund after three weeks. Awful service.",
];
const ASPECTS: &[&str] = &[
    "battery", "screen", "price", "delivery", "support", "app", "food", "staff", "login", "refund",
];

/// Bytes of each post's link.
const LINK_BYTES: usize = 3_000;

/// xorshift64.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Writes the next post of the stream into `text`: a long tracking link (most of the bytes: read
/// as one token, no term), then 24 words, 22 of a 50,000-word vocabulary (low ranks more
/// often, as in language) and 2 made up afresh, so that the term tables keep meeting new terms.
fn post(state: &mut u64, text: &mut String, common: &[String], link: &str) {
    text.clear();
    text.push_str(link);
    text.push(' ');
    for w in 0..24 {
        let r = next(state);
        if w % 12 == 5 {
            // A fresh 7-letter word.
            for i in 0..7 {
                text.push((b'a' + ((r >> (i * 5)) % 26) as u8) as char);
            }
        } else {
            // Skewed: the cube of a uniform picks low ranks more often.
            let u = (r >> 11) as f64 / (1u64 << 53) as f64;
            text.push_str(&common[((u * u * u) * common.len() as f64) as usize]);
        }
        text.push(' ');
    }
}

/// Adds `bytes` of the stream, from `seed`, to `report`, post `n` at `start + 97 n` seconds
/// (so that the time series outgrows its cap and is coarsened); returns the bytes and posts
/// added.
fn feed(
    report: &mut Report,
    analyses: &[Analysis],
    seed: u64,
    bytes: usize,
    start: i64,
) -> (usize, i64) {
    let common: Vec<String> = (0..50_000).map(|i| format!("w{i}x")).collect();
    let sources: Vec<String> = (0..5_000).map(|i| format!("source-{i}")).collect();
    let link = format!(
        "https://example.com/t/{}",
        "a1b2c3d4".repeat(LINK_BYTES / 8)
    );
    let mut state = seed | 1;
    let (mut text, mut author) = (String::new(), String::new());
    let (mut done, mut n) = (0usize, 0i64);
    while done < bytes {
        post(&mut state, &mut text, &common, &link);
        let r = next(&mut state);
        author.clear();
        author.push_str("author");
        author.push_str(&(r % 1_000_000).to_string());
        let p = Post {
            time: Some(start + 97 * n),
            source: Some(&sources[(r >> 20) as usize % sources.len()]),
            author: Some(&author),
            id: Some("id"),
            ..Post::new(&text)
        };
        let a = (r >> 40) as usize;
        let aspects = [
            (ASPECTS[a % ASPECTS.len()], -0.5),
            (ASPECTS[(a / 16) % ASPECTS.len()], 0.5),
        ];
        report.add_with_aspects(&p, &analyses[a % analyses.len()], aspects);
        done += text.len();
        n += 1;
    }
    (done, n)
}

#[test]
fn a_report_s_memory_does_not_grow_with_the_stream() {
    let mib: usize = std::env::var("EARSHOT_REPORT_STREAM_MIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) { 96 } else { 2_048 });
    let analyzer = Analyzer::default();
    let analyses: Vec<Analysis> = SEEDS.iter().map(|t| analyzer.analyze(t)).collect();
    drop(analyzer);
    let half = mib << 19; // bytes per report: half the stream
    let quarter = half / 4;
    let started = Instant::now();
    let base = in_use();
    reset_peak();

    // Report a: a quarter of its half (by then every table has been pruned at least once, so
    // the peak includes the moment a full table is rebuilt), then the rest, measured apart.
    let mut a = Report::new();
    let start = 1_795_392_000;
    let (first, posts) = feed(&mut a, &analyses, 7, quarter, start);
    let early = peak().saturating_sub(base);
    let pruned = a.finish().limits;
    assert!(
        pruned.term_error > 0 && pruned.phrase_error > 0,
        "no pruning yet"
    );
    reset_peak();
    let later = start + 97 * posts;
    let (rest, _) = feed(&mut a, &analyses, 7 ^ 0xDEAD_BEEF, half - quarter, later);
    let streamed = peak().saturating_sub(base);
    // Report b (as another thread or file would make it) over the other half, then the merge,
    // which holds both reports and, for a moment, a table of both tables' terms.
    let mut b = Report::new();
    let (b_bytes, _) = feed(&mut b, &analyses, 11, half, start);
    a.merge(&b);
    drop(b);
    let (a_bytes, total) = (first + rest, peak().saturating_sub(base));
    let summary = a.finish();
    let bytes = a_bytes + b_bytes;
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "{:.2} GiB of posts ({} posts) in {seconds:.1} s ({:.0} MiB/s, one thread); peak heap \
         over a quarter of report a's posts {:.1} MB, over the rest {:.1} MB, with report b and the merge {:.1} MB; term \
         error {}, kept unit {}",
        bytes as f64 / (1u64 << 30) as f64,
        summary.posts,
        bytes as f64 / (1 << 20) as f64 / seconds,
        early as f64 / 1e6,
        streamed as f64 / 1e6,
        total as f64 / 1e6,
        summary.limits.term_error,
        summary.limits.kept_unit,
    );
    assert!(bytes >= mib << 20);
    assert!(summary.posts > 0 && summary.urgent.items.len() == 25);
    // The tables were full and pruned: the stream reached the bounds it is meant to test.
    assert!(summary.limits.term_error > 0 && summary.limits.phrase_error > 0);
    assert!(summary.sources.iter().any(|s| s.source == "(other)"));
    if bytes > 1 << 30 {
        // Over a year of posts: the series was coarsened past hours.
        assert_ne!(summary.limits.kept_unit, "hour");
    }
    assert!(
        streamed <= early + early / 10,
        "peak grew with the stream: {early} over a quarter, {streamed} over the rest"
    );
    assert!(total < 160_000_000, "peak {total} bytes with the merge");
}
