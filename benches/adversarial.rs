//! Throughput on pathological input (issue 7): about a megabyte of each of the inputs below,
//! as one text, beside ordinary posts as the reference. Cost must stay linear and within a
//! small factor of the reference; the tests (`tests/robustness.rs`) check that these inputs
//! finish with well-formed output, this bench says how fast.
//!
//! Inputs (group `adversarial/<input>`; the list is `tests/support/adversarial.rs`, shared with
//! the tests):
//!
//! - `posts (reference)`: `data/posts.txt` repeated, lines joined by spaces;
//! - `bangs`: `!` × 1 MB (one punctuation run);
//! - `emoji`: faces, skin tones and flags with no space between them (one piece);
//! - `zwj chain`: `👩‍` repeated — one emoji sequence of a megabyte;
//! - `negations`: `not never no ` repeated;
//! - `contrasts`: `good but bad but ` repeated;
//! - `combining marks`: `e` and a megabyte of U+0301;
//! - `one long word`: a single million-letter word;
//! - `hashtags`: tens of thousands of hashtags (`#NotHappy #usairsucks #fail …`);
//! - `one long hashtag`: `#` and a megabyte of one-case letters to split;
//! - `idioms`: VADER's idioms back to back (`yeah right kiss of death the bomb …`);
//! - `sentences`: `Lovely. Awful! Great? ` repeated (sentence, sarcasm and question rules).
//!
//! Functions in each group: `analyze_into/default` (`Analyzer::default().analyze_into`,
//! sentiment and categories, reusing one `Analysis`), `sentiment/default` (the scorer alone, to
//! tell it from the classifier), `sentiment/vader` (`Analyzer::vader().sentiment`) and
//! `tokenize` (`earshot::tokenize(text).count()`). Throughput is in bytes of input.
//!
//! Run: `cargo bench --bench adversarial` (one input: `cargo bench --bench adversarial --
//! 'adversarial/emoji'`). Under `cargo test` (criterion's test mode, every function run once)
//! the inputs are 64 KB, to keep the debug build fast. To check that cost is linear, compare
//! the throughput at another size: `EARSHOT_ADVERSARIAL_BYTES=4194304 cargo bench --bench
//! adversarial` (the same MB/s at 4 MB as at 1 MB means linear).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use earshot::{Analysis, Analyzer};

#[path = "../tests/support/adversarial.rs"]
mod adversarial;
use adversarial::inputs;

/// A broken pipeline must not look fast: the inputs are what they claim to be (one token for
/// the runs and the long word, one per hashtag), the reference and the word-based inputs get a
/// sentiment from both presets, and the reference gets categories.
fn check_work_is_real(inputs: &[(&str, String)]) {
    let default = Analyzer::default();
    let vader = Analyzer::vader();
    for (name, text) in inputs {
        let tokens = earshot::tokenize(text).count();
        match *name {
            "bangs" | "zwj chain" | "combining marks" | "one long word" | "one long hashtag" => {
                assert_eq!(tokens, 1, "{name}")
            }
            "hashtags" => assert_eq!(tokens, text.matches('#').count(), "{name}"),
            _ => assert!(tokens > text.len() / 20, "{name}: {tokens} tokens"),
        }
        if matches!(
            *name,
            "posts (reference)" | "negations" | "contrasts" | "idioms" | "sentences"
        ) {
            for (preset, analyzer) in [("default", &default), ("vader", &vader)] {
                let s = analyzer.sentiment(text);
                assert!(
                    s.compound != 0.0 && s.neutral < 1.0,
                    "{name}/{preset}: {s:?}"
                );
            }
        }
    }
    let reference = default.analyze(&inputs[0].1);
    assert!(reference.categories.len() >= 2, "{reference:?}");
}

fn adversarial(c: &mut Criterion) {
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let bytes = match std::env::var("EARSHOT_ADVERSARIAL_BYTES") {
        Ok(n) => n
            .parse()
            .expect("EARSHOT_ADVERSARIAL_BYTES is a number of bytes"),
        Err(_) if bench_mode => 1 << 20,
        Err(_) => 64 << 10,
    };
    let inputs = inputs(bytes);
    check_work_is_real(&inputs);
    let default = Analyzer::default();
    let vader = Analyzer::vader();
    let mut analysis = Analysis::default();
    for (name, text) in &inputs {
        let mut group = c.benchmark_group(format!("adversarial/{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(2));
        group.bench_function("analyze_into/default", |b| {
            b.iter(|| {
                default.analyze_into(black_box(text), &mut analysis);
                analysis.sentiment.compound
            })
        });
        group.bench_function("sentiment/default", |b| {
            b.iter(|| default.sentiment(black_box(text)))
        });
        group.bench_function("sentiment/vader", |b| {
            b.iter(|| vader.sentiment(black_box(text)))
        });
        group.bench_function("tokenize", |b| {
            b.iter(|| earshot::tokenize(black_box(text)).count())
        });
        group.finish();
    }
}

criterion_group!(benches, adversarial);
criterion_main!(benches);
