//! Tokenizer throughput on the repo's hand-written corpora (`data/posts.txt`: short social posts;
//! `data/reviews.txt`: long reviews), beside two references on the same text: UAX #29 word
//! boundaries alone (unicode-segmentation) and `str::split_whitespace`.
//!
//! Run: `cargo bench --bench tokenize`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use unicode_segmentation::UnicodeSegmentation;

const POSTS: &str = include_str!("../data/posts.txt");
const REVIEWS: &str = include_str!("../data/reviews.txt");

fn corpus(name: &str, text: &'static str) -> (String, Vec<&'static str>, u64) {
    let lines: Vec<&str> = text.lines().collect();
    let bytes = lines.iter().map(|l| l.len() as u64).sum();
    // A broken tokenizer must not look fast: it has to produce at least one token per
    // whitespace-separated chunk, and the corpus must not be empty.
    let tokens: usize = lines.iter().map(|l| earshot::tokenize(l).count()).sum();
    let chunks: usize = lines.iter().map(|l| l.split_whitespace().count()).sum();
    assert!(
        chunks > 1000 && tokens >= chunks,
        "{name}: {tokens} tokens for {chunks} chunks"
    );
    (name.to_string(), lines, bytes)
}

fn tokenize(c: &mut Criterion) {
    for (name, lines, bytes) in [corpus("posts", POSTS), corpus("reviews", REVIEWS)] {
        let mut group = c.benchmark_group(format!("tokenize/{name}"));
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function("earshot", |b| {
            b.iter(|| {
                lines
                    .iter()
                    .map(|l| earshot::tokenize(black_box(l)).count())
                    .sum::<usize>()
            })
        });
        group.bench_function("reference: uax29 word bounds", |b| {
            b.iter(|| {
                lines
                    .iter()
                    .map(|l| black_box(l).split_word_bounds().count())
                    .sum::<usize>()
            })
        });
        group.bench_function("reference: split_whitespace", |b| {
            b.iter(|| {
                lines
                    .iter()
                    .map(|l| black_box(l).split_whitespace().count())
                    .sum::<usize>()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, tokenize);
criterion_main!(benches);
