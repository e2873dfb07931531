//! How the scorer should look words up: the crate's foldhash map (what `Lexicon::get` and the
//! scorer's term table use) against std's SipHash map and a sorted table with binary search, on
//! the lower-cased words of `data/posts.txt` (hits and misses as they come in real text).
//!
//! Run: `cargo bench --bench lexicon`

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use earshot::lexicon::Lexicon;

const POSTS: &str = include_str!("../data/posts.txt");

fn lookups(c: &mut Criterion) {
    let lexicon = Lexicon::vader();
    let words: Vec<String> = POSTS
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| c.is_ascii_punctuation())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let sip: HashMap<String, f64> = lexicon.iter().map(|(t, v)| (t.to_string(), v)).collect();
    let sorted: Vec<(String, f64)> = lexicon.iter().map(|(t, v)| (t.to_string(), v)).collect();
    let hits = words.iter().filter(|w| lexicon.get(w).is_some()).count();
    // All three must agree, and the corpus must have both hits and misses.
    assert!(hits > 100 && hits < words.len());
    assert_eq!(hits, words.iter().filter(|w| sip.contains_key(*w)).count());
    let sorted_hits = words
        .iter()
        .filter(|w| sorted.binary_search_by(|(t, _)| t.as_str().cmp(w)).is_ok())
        .count();
    assert_eq!(hits, sorted_hits);

    let mut group = c.benchmark_group("lexicon lookup");
    group.throughput(Throughput::Elements(words.len() as u64));
    group.bench_function("foldhash map (earshot)", |b| {
        b.iter(|| {
            words
                .iter()
                .filter_map(|w| lexicon.get(black_box(w)))
                .sum::<f64>()
        })
    });
    group.bench_function("std SipHash map", |b| {
        b.iter(|| {
            words
                .iter()
                .filter_map(|w| sip.get(black_box(w.as_str())))
                .sum::<f64>()
        })
    });
    group.bench_function("sorted table, binary search", |b| {
        b.iter(|| {
            words
                .iter()
                .filter_map(|w| {
                    sorted
                        .binary_search_by(|(t, _)| t.as_str().cmp(black_box(w)))
                        .ok()
                        .map(|i| sorted[i].1)
                })
                .sum::<f64>()
        })
    });
    group.finish();
}

criterion_group!(benches, lookups);
criterion_main!(benches);
