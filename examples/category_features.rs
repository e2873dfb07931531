//! Prints, for each input line, how every category scored it (JSON lines): the input of
//! `scripts/fit_categories.py`, which fits the built-in categories' weights.
//!
//! ```sh
//! cargo run --release --example category_features < texts.txt > features.jsonl
//! ```

use std::io::{self, BufRead, Write};

fn main() -> io::Result<()> {
    let analyzer = earshot::Analyzer::default();
    let classifier = earshot::classifier::Classifier::new();
    let stdin = io::stdin();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        let sentiment = analyzer.sentiment(&line);
        let scores = classifier.scores(&line, &sentiment);
        let record = serde_json::json!({ "sentiment": sentiment, "scores": scores });
        writeln!(out, "{record}")?;
    }
    out.flush()
}
