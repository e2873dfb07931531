//! Prints, for each input line, the inputs of the urgency model (JSON lines: name, value and
//! current weight of each): the input of `scripts/fit_urgency.py`, which fits the built-in
//! urgency weights.
//!
//! ```sh
//! cargo run --release --example urgency_features < texts.txt > features.jsonl
//! ```

use std::io::{self, BufRead, Write};

fn main() -> io::Result<()> {
    let analyzer = earshot::Analyzer::default();
    let risk = earshot::risk::RiskStage::new();
    let stdin = io::stdin();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        let analysis = analyzer.analyze(&line);
        let inputs = risk.urgency_inputs(&line, &analysis.sentiment, &analysis.categories);
        writeln!(out, "{}", serde_json::json!(inputs))?;
    }
    out.flush()
}
