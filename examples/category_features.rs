//! Prints what the built-in categories see in each input line (JSON lines): the input of
//! `scripts/fit_categories.py`, which fits their weights.
//!
//! ```sh
//! cargo run --release --example category_features < texts.txt > features.jsonl
//! ```
//!
//! The first line describes the categories: `{"categories": [{"label", "groups": [[name,
//! kind], ...]}, ...]}`. Then one line per text: `{"s": [negative, positive], "m": [[category,
//! context, sentences], ...]}` for each category with a match, where `context` lists the
//! context groups that matched (they count in every sentence) and `sentences` the groups
//! (positions in the category's `groups`) that matched in each sentence with a cue or guard.

use std::io::{self, BufRead, Write};

use earshot::classifier::{Classifier, CueKind};

fn main() -> io::Result<()> {
    let analyzer = earshot::Analyzer::default();
    let classifier = Classifier::new();
    let stdin = io::stdin();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let header: Vec<serde_json::Value> = classifier
        .scores("", &earshot::Sentiment::ZERO)
        .iter()
        .map(|c| {
            let groups: Vec<(&str, CueKind)> = c
                .groups
                .iter()
                .map(|(name, _, kind, _)| (name.as_str(), *kind))
                .collect();
            serde_json::json!({ "label": c.label, "groups": groups })
        })
        .collect();
    writeln!(out, "{}", serde_json::json!({ "categories": header }))?;
    for line in stdin.lock().lines() {
        let line = line?;
        let sentiment = analyzer.sentiment(&line);
        let mut matched = Vec::new();
        for (k, score) in classifier.scores(&line, &sentiment).iter().enumerate() {
            let context: Vec<usize> = score
                .groups
                .iter()
                .enumerate()
                .filter(|(_, (_, _, kind, hit))| *hit && *kind == CueKind::Context)
                .map(|(g, _)| g)
                .collect();
            let sentences: Vec<&[usize]> = score
                .sentences
                .iter()
                .map(|s| s.groups.as_slice())
                .collect();
            if !context.is_empty() || !sentences.is_empty() {
                matched.push(serde_json::json!([k, context, sentences]));
            }
        }
        let record = serde_json::json!({
            "s": [sentiment.negative, sentiment.positive],
            "m": matched,
        });
        writeln!(out, "{record}")?;
    }
    out.flush()
}
