//! earshot beside the Rust peers, on the same texts in the same run, one text per call, on one
//! thread: the repo's hand-written corpora (`data/posts.txt`: short social posts;
//! `data/reviews.txt`: long reviews), one group per corpus (`peers/posts`, `peers/reviews`).
//!
//! - earshot: `Analyzer::vader().sentiment`, `Analyzer::default().sentiment` and
//!   `Analyzer::default().analyze_into` (every stage: sentiment, categories, risk, aspects;
//!   reusing one `Analysis`);
//! - `vader_sentiment` 0.1.1, `vader-sentimental` 0.1.3 and `vader-parity` 0.1.0:
//!   `SentimentIntensityAnalyzer::polarity_scores` (VADER ports);
//! - `sentiment` 0.1.1: `sentiment::analyze(String)` (AFINN word list; it takes an owned
//!   `String`, so each call includes copying the text into one, as a caller would have to);
//! - the speed of light, for reference: `split_whitespace` and one lookup per word in a hash
//!   table of VADER's lexicon (FxHash-style multiply hash, no lower-casing, no rules): what any
//!   lexicon scorer must at least do.
//!
//! Every analyzer is built once, outside the timed loop, and warmed up (the peers' lexicons are
//! lazy statics). Throughput is in bytes of text (line endings excluded); posts per second are
//! the corpus's line count (320 posts, 60 reviews) divided by the time per iteration. Before the
//! timings, the bench prints how often each VADER port agrees with earshot's VADER preset on the
//! corpus (compound at 4 decimals).
//!
//! Run: `cargo bench --bench peers`

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use earshot::{Analysis, Analyzer};

const POSTS: &str = include_str!("../data/posts.txt");
const REVIEWS: &str = include_str!("../data/reviews.txt");

/// Each peer's score for a text, in the peer's own range (VADER compound: −1..1; AFINN: the
/// sum of word values).
struct Peers {
    vader_sentiment: vader_sentiment::SentimentIntensityAnalyzer<'static>,
    vader_sentimental: vader_sentimental::SentimentIntensityAnalyzer<'static>,
    vader_parity: vader_parity::SentimentIntensityAnalyzer,
}

impl Peers {
    fn new() -> Peers {
        Peers {
            vader_sentiment: vader_sentiment::SentimentIntensityAnalyzer::new(),
            vader_sentimental: vader_sentimental::SentimentIntensityAnalyzer::new(),
            vader_parity: vader_parity::SentimentIntensityAnalyzer::new(),
        }
    }

    fn vader_sentiment(&self, text: &str) -> f64 {
        self.vader_sentiment.polarity_scores(text)["compound"]
    }

    fn vader_sentimental(&self, text: &str) -> f64 {
        self.vader_sentimental.polarity_scores(text).compound
    }

    fn vader_parity(&self, text: &str) -> f64 {
        self.vader_parity.polarity_scores(text).compound
    }

    fn afinn(text: &str) -> f64 {
        f64::from(sentiment::analyze(text.to_string()).score)
    }
}

/// The speed-of-light loop's table: VADER's lexicon keyed by word, with a cheap hash.
struct LightTable {
    table: HashMap<&'static str, f64, BuildHasherDefault<MultiplyHasher>>,
}

/// A multiply-rotate hasher over 8-byte chunks (the shape of FxHash): as cheap as a hash of a
/// word gets, so the reference is a floor, not a straw man.
#[derive(Default)]
struct MultiplyHasher(u64);

impl Hasher for MultiplyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl LightTable {
    fn new() -> LightTable {
        let lexicon: &'static earshot::lexicon::Lexicon =
            Box::leak(Box::new(earshot::lexicon::Lexicon::vader()));
        LightTable {
            table: lexicon.iter().collect(),
        }
    }

    /// The sum of the valences of the whitespace-separated words found in the table.
    fn score(&self, text: &str) -> f64 {
        text.split_whitespace()
            .filter_map(|w| self.table.get(w))
            .sum()
    }
}

/// A peer's name and its scoring function.
type Named<'a> = (&'static str, &'a dyn Fn(&str) -> f64);

/// A misused peer must not look fast (or slow): each gives a positive score to a plainly
/// positive text and a negative one to a plainly negative text. This also warms up the peers'
/// lazily built lexicons.
fn check_peers(peers: &Peers) {
    let scorers: [Named; 4] = [
        ("vader_sentiment", &|t| peers.vader_sentiment(t)),
        ("vader-sentimental", &|t| peers.vader_sentimental(t)),
        ("vader-parity", &|t| peers.vader_parity(t)),
        ("sentiment (AFINN)", &Peers::afinn),
    ];
    for (name, score) in scorers {
        let (pos, neg) = (
            score("I love this, it is great"),
            score("terrible, I hate it"),
        );
        assert!(
            pos > 0.0 && neg < 0.0,
            "{name}: {pos} for praise, {neg} for a complaint"
        );
    }
}

/// How many texts of the corpus each VADER port scores as earshot's VADER preset does.
fn print_agreement(name: &str, lines: &[&str], vader: &Analyzer, peers: &Peers) {
    let scorers: [Named; 3] = [
        ("vader_sentiment", &|t| peers.vader_sentiment(t)),
        ("vader-sentimental", &|t| peers.vader_sentimental(t)),
        ("vader-parity", &|t| peers.vader_parity(t)),
    ];
    for (peer, score) in scorers {
        let same = lines
            .iter()
            .filter(|l| (score(l) * 1e4).round() == (vader.sentiment(l).compound * 1e4).round())
            .count();
        println!(
            "{name}: {peer} gives earshot vader's compound on {same} of {} texts",
            lines.len()
        );
    }
}

fn peers(c: &mut Criterion) {
    let vader = Analyzer::vader();
    let default = Analyzer::default();
    let mut analysis = Analysis::default();
    let peers = Peers::new();
    check_peers(&peers);
    let light = LightTable::new();
    assert!(light.score("I love this") > 0.0 && light.score("I hate this") < 0.0);
    assert!(vader.sentiment("I love this, it is great").compound > 0.0);
    assert!(default.sentiment("terrible, I hate it").compound < 0.0);

    for (name, text) in [("posts", POSTS), ("reviews", REVIEWS)] {
        let lines: Vec<&str> = text.lines().collect();
        let bytes: u64 = lines.iter().map(|l| l.len() as u64).sum();
        assert!(
            lines.len() >= 50 && bytes > 20_000,
            "{name}: corpus too small"
        );
        print_agreement(name, &lines, &vader, &peers);

        let mut group = c.benchmark_group(format!("peers/{name}"));
        group.throughput(Throughput::Bytes(bytes));
        // The slowest peers take tens of milliseconds per pass over a corpus.
        group.sample_size(30);
        group.measurement_time(Duration::from_secs(6));

        group.bench_function("speed of light (split + one lookup per word)", |b| {
            b.iter(|| lines.iter().map(|l| light.score(black_box(l))).sum::<f64>())
        });
        group.bench_function("earshot vader sentiment", |b| {
            b.iter(|| {
                lines
                    .iter()
                    .map(|l| vader.sentiment(black_box(l)).compound)
                    .sum::<f64>()
            })
        });
        group.bench_function("earshot default sentiment", |b| {
            b.iter(|| {
                lines
                    .iter()
                    .map(|l| default.sentiment(black_box(l)).compound)
                    .sum::<f64>()
            })
        });
        group.bench_function("earshot default analyze_into", |b| {
            b.iter(|| {
                let mut categories = 0;
                for l in &lines {
                    default.analyze_into(black_box(l), &mut analysis);
                    categories += analysis.categories.len();
                }
                categories
            })
        });
        group.bench_function("vader_sentiment 0.1.1", |b| {
            b.iter(|| {
                lines
                    .iter()
                    .map(|l| peers.vader_sentiment(black_box(l)))
                    .sum::<f64>()
            })
        });
        group.bench_function("vader-sentimental 0.1.3", |b| {
            b.iter(|| {
                lines
                    .iter()
                    .map(|l| peers.vader_sentimental(black_box(l)))
                    .sum::<f64>()
            })
        });
        group.bench_function("vader-parity 0.1.0", |b| {
            b.iter(|| {
                lines
                    .iter()
                    .map(|l| peers.vader_parity(black_box(l)))
                    .sum::<f64>()
            })
        });
        group.bench_function("sentiment 0.1.1 (AFINN)", |b| {
            b.iter(|| {
                lines
                    .iter()
                    .map(|l| Peers::afinn(black_box(l)))
                    .sum::<f64>()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, peers);
criterion_main!(benches);
