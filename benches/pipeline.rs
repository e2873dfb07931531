//! Throughput of each stage of the pipeline on the repo's hand-written corpora
//! (`data/posts.txt`: short social posts; `data/reviews.txt`: long reviews), one text per call:
//!
//! - `tokenize/<corpus>`: `earshot::tokenize(text).count()`;
//! - `sentiment/vader/<corpus>`, `sentiment/default/<corpus>`: `Analyzer::sentiment` with the
//!   VADER-compatible and the default preset;
//! - `analyze/default/<corpus>`: `Analyzer::analyze_into` (every stage: sentiment, categories,
//!   risk, aspects), reusing one `Analysis`;
//! - `analyze_batch/default/<corpus>`: `Analyzer::analyze_batch_into` on all cores, beside
//!   `analyze_batch_with_threads (1 thread)`, the same batch on one thread, so the scaling
//!   factor is the ratio of the two (the posts are repeated into a batch of about 1 MB so that the threads
//!   have work);
//! - `build`: constructing `Analyzer::vader()` and `Analyzer::default()` (no throughput):
//!   `first in process` times the first build in a fresh process (each iteration starts a child
//!   process of this bench, which builds once and reports the build's time), `again` a later
//!   build in the same process, which shares the tables compiled by the first.
//!
//! Throughput is in bytes of text (line endings excluded); posts per second are the corpus's
//! line count (320 posts, 60 reviews) divided by the time per iteration.
//!
//! Run: `cargo bench --bench pipeline` (one group: `cargo bench --bench pipeline -- sentiment/`)

use std::hint::black_box;

use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput, criterion_group};
use earshot::{Analysis, Analyzer};

const POSTS: &str = include_str!("../data/posts.txt");
const REVIEWS: &str = include_str!("../data/reviews.txt");

/// The batch analysed by `analyze_batch`: at least this many bytes.
const BATCH_BYTES: usize = 1 << 20;

struct Corpus {
    name: &'static str,
    lines: Vec<&'static str>,
    bytes: u64,
}

fn corpus(name: &'static str, text: &'static str) -> Corpus {
    let lines: Vec<&str> = text.lines().collect();
    let bytes = lines.iter().map(|l| l.len() as u64).sum();
    assert!(
        lines.len() >= 50 && bytes > 20_000,
        "{name}: corpus too small"
    );
    Corpus { name, lines, bytes }
}

fn corpora() -> [Corpus; 2] {
    [corpus("posts", POSTS), corpus("reviews", REVIEWS)]
}

/// A broken pipeline must not look fast: both presets must find sentiment in most texts,
/// positive and negative alike, and the classifier must find categories.
fn check_work_is_real(c: &Corpus) {
    let vader = Analyzer::vader();
    let default = Analyzer::default();
    for (preset, analyzer) in [("vader", &vader), ("default", &default)] {
        let scores: Vec<f64> = c
            .lines
            .iter()
            .map(|l| analyzer.sentiment(l).compound)
            .collect();
        let pos = scores.iter().filter(|&&s| s > 0.05).count();
        let neg = scores.iter().filter(|&&s| s < -0.05).count();
        assert!(
            pos * 5 >= c.lines.len() && neg * 10 >= c.lines.len(),
            "{preset}/{}: {pos} positive and {neg} negative texts of {}",
            c.name,
            c.lines.len()
        );
    }
    let mut analysis = Analysis::default();
    let categorised = c
        .lines
        .iter()
        .filter(|l| {
            default.analyze_into(l, &mut analysis);
            !analysis.categories.is_empty()
        })
        .count();
    assert!(
        categorised * 3 >= c.lines.len(),
        "{}: only {categorised} of {} texts have a category",
        c.name,
        c.lines.len()
    );
}

fn tokenize(c: &mut Criterion) {
    let mut group = c.benchmark_group("tokenize");
    for corpus in corpora() {
        let tokens: usize = corpus
            .lines
            .iter()
            .map(|l| earshot::tokenize(l).count())
            .sum();
        let chunks: usize = corpus
            .lines
            .iter()
            .map(|l| l.split_whitespace().count())
            .sum();
        assert!(tokens >= chunks, "{}: {tokens} tokens", corpus.name);
        group.throughput(Throughput::Bytes(corpus.bytes));
        group.bench_function(corpus.name, |b| {
            b.iter(|| {
                corpus
                    .lines
                    .iter()
                    .map(|l| earshot::tokenize(black_box(l)).count())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

fn sentiment(c: &mut Criterion) {
    for corpus in corpora() {
        check_work_is_real(&corpus);
    }
    for (preset, analyzer) in [
        ("vader", Analyzer::vader()),
        ("default", Analyzer::default()),
    ] {
        let mut group = c.benchmark_group(format!("sentiment/{preset}"));
        for corpus in corpora() {
            group.throughput(Throughput::Bytes(corpus.bytes));
            group.bench_function(corpus.name, |b| {
                b.iter(|| {
                    corpus
                        .lines
                        .iter()
                        .map(|l| analyzer.sentiment(black_box(l)).compound)
                        .sum::<f64>()
                })
            });
        }
        group.finish();
    }
}

fn analyze(c: &mut Criterion) {
    let analyzer = Analyzer::default();
    let mut analysis = Analysis::default();
    let mut group = c.benchmark_group("analyze/default");
    for corpus in corpora() {
        group.throughput(Throughput::Bytes(corpus.bytes));
        group.bench_function(corpus.name, |b| {
            b.iter(|| {
                let mut categories = 0;
                for l in &corpus.lines {
                    analyzer.analyze_into(black_box(l), &mut analysis);
                    categories += analysis.categories.len();
                }
                categories
            })
        });
    }
    group.finish();
}

/// An analyzer with one cue stage runs an index of that stage's patterns only: each beside
/// `analyze/default` (every stage) and `sentiment/default` (none) in the same run. Also
/// categories and risk flags without aspects: the analysis the risk issue measures.
fn analyze_one_stage(c: &mut Criterion) {
    let mut analysis = Analysis::default();
    let posts = &corpora()[0];
    let mut group = c.benchmark_group("analyze/one stage");
    group.throughput(Throughput::Bytes(posts.bytes));
    for stage in ["categories", "risk", "aspects", "categories+risk"] {
        let on = |s: &str| stage.split('+').any(|part| part == s);
        let analyzer = Analyzer::builder()
            .categories(on("categories"))
            .risk(on("risk"))
            .aspects(on("aspects"))
            .build()
            .expect("the built-in stages build");
        group.bench_function(stage, |b| {
            b.iter(|| {
                let mut found = 0;
                for l in &posts.lines {
                    analyzer.analyze_into(black_box(l), &mut analysis);
                    found += analysis.categories.len()
                        + analysis.risk.flags.len()
                        + analysis.aspects.len();
                }
                found
            })
        });
    }
    group.finish();
}

fn analyze_batch(c: &mut Criterion) {
    let analyzer = Analyzer::default();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut group = c.benchmark_group("analyze_batch/default");
    for corpus in corpora() {
        // Repeat the corpus into a batch of at least BATCH_BYTES (the reviews are used as they
        // are: the whole corpus is one batch).
        let repeats = if corpus.name == "posts" {
            BATCH_BYTES.div_ceil(corpus.bytes as usize)
        } else {
            1
        };
        let batch: Vec<&str> = (0..repeats).flat_map(|_| &corpus.lines).copied().collect();
        let bytes: u64 = corpus.bytes * repeats as u64;
        let mut out = Vec::new();
        // The batch must give what one-by-one analysis gives, in order.
        analyzer.analyze_batch_into(&batch, &mut out);
        assert_eq!(out.len(), batch.len());
        for (k, l) in [0, batch.len() / 2, batch.len() - 1].map(|k| (k, batch[k])) {
            assert_eq!(out[k].sentiment, analyzer.sentiment(l), "text {k}");
        }
        group.throughput(Throughput::Bytes(bytes));
        let name = corpus.name;
        let texts = batch.len();
        println!("analyze_batch/default/{name}: {texts} texts, {bytes} bytes per iteration");
        group.bench_function(
            format!("{name}/analyze_batch_into ({threads} threads)"),
            |b| {
                b.iter(|| {
                    analyzer.analyze_batch_into(black_box(&batch), &mut out);
                    out.len()
                })
            },
        );
        // The same batch routine held to one thread: the scaling factor compares like with like
        // (analysing into each result's own buffers instead would touch more memory and make
        // the one-thread figure look slower than it is).
        group.bench_function(
            format!("{name}/analyze_batch_with_threads (1 thread)"),
            |b| {
                b.iter(|| {
                    analyzer.analyze_batch_with_threads(black_box(&batch), &mut out, 1);
                    out.len()
                })
            },
        );
    }
    group.finish();
}

/// Set in a child process of this bench: build the analyzer it names (`vader`, `default`) once,
/// print how long that took in nanoseconds, and exit.
const FIRST_BUILD: &str = "EARSHOT_BENCH_FIRST_BUILD";

fn build_named(which: &str) -> Analyzer {
    match which {
        "vader" => Analyzer::vader(),
        "default" => Analyzer::default(),
        _ => panic!("{FIRST_BUILD}={which:?}: expected vader or default"),
    }
}

/// The child's side of `build/... first in process`.
fn first_build_child(which: &str) {
    let start = Instant::now();
    let analyzer = build_named(which);
    let elapsed = start.elapsed();
    // A built analyzer must work.
    assert!(analyzer.sentiment("great").compound > 0.0);
    assert!(!analyzer.analyze("it crashes").categories.is_empty());
    println!("{}", elapsed.as_nanos());
}

/// Builds `which` in a fresh process of this executable and returns the time the build took
/// there (the process's start-up is not counted).
fn first_build_in_child(which: &str) -> Duration {
    let exe = std::env::current_exe().expect("the bench's own executable");
    let out = Command::new(exe)
        .env(FIRST_BUILD, which)
        .output()
        .expect("start a child process");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "child build of {which} failed: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let nanos: u64 = stdout
        .trim()
        .parse()
        .unwrap_or_else(|e| panic!("child build of {which}: {stdout:?}: {e}"));
    Duration::from_nanos(nanos)
}

/// Building an analyzer: the first build in a process compiles the built-in lexicon, scorer
/// tables and categories (each iteration runs in a fresh child process, and only the build is
/// timed); later builds in the same process share those tables.
fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    for which in ["vader", "default"] {
        let name = format!("Analyzer::{which}()");
        group.bench_function(format!("{name} first in process"), |b| {
            b.iter_custom(|iters| (0..iters).map(|_| first_build_in_child(which)).sum())
        });
    }
    group.finish();
    let mut group = c.benchmark_group("build");
    for which in ["vader", "default"] {
        let name = format!("Analyzer::{which}()");
        group.bench_function(format!("{name} again"), |b| {
            b.iter_with_large_drop(|| build_named(which))
        });
    }
    group.finish();
}

fn main() {
    if let Ok(which) = std::env::var(FIRST_BUILD) {
        first_build_child(&which);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}

criterion_group!(
    benches,
    tokenize,
    sentiment,
    analyze,
    analyze_one_stage,
    analyze_batch,
    build
);
