//! Golden sentences for the VADER preset: `Analyzer::vader()` must return exactly what Python
//! vaderSentiment 3.3.2's `SentimentIntensityAnalyzer().polarity_scores(text)` returns.
//!
//! The table `tests/data/vader_golden.tsv` holds one hand-written sentence (or a few) per rule
//! and edge case of VADER: boosters and dampeners, negation, "never so", "without doubt",
//! "least", "no", "but", the special idioms, caps emphasis, punctuation emphasis, token
//! punctuation stripping, whitespace splitting, emoji substitution, rounding, and the quirks of
//! each. Each row's `rule` column says what the row pins; rules ending in `_quirk` pin VADER
//! behaviour that is arguably a bug but must be reproduced.
//!
//! The expected numbers (compound, positive, negative, neutral, rounded the way VADER rounds)
//! come from vaderSentiment 3.3.2 via `scripts/vader_golden.py`, which recomputes them from the
//! rule and text columns and rewrites the table; never edit them by hand. They are compared with
//! exact `f64` equality, and every mismatch is collected before the test fails.

use earshot::{Analyzer, Sentiment};

const TABLE: &str = include_str!("data/vader_golden.tsv");
const HEADER: &str = "rule\ttext\tcompound\tpositive\tnegative\tneutral";
const MIN_ROWS: usize = 250;

/// One row of the table.
struct Row<'a> {
    line: usize,
    rule: &'a str,
    text: &'a str,
    expected: [f64; 4],
}

fn parse_number(line: usize, column: &str, field: &str) -> f64 {
    field
        .parse()
        .unwrap_or_else(|e| panic!("vader_golden.tsv:{line}: bad {column} {field:?}: {e}"))
}

fn rows() -> Vec<Row<'static>> {
    let mut lines = TABLE.split('\n');
    assert_eq!(lines.next(), Some(HEADER), "vader_golden.tsv: wrong header");
    assert!(TABLE.ends_with('\n'), "vader_golden.tsv: missing final LF");
    assert!(!TABLE.contains('\r'), "vader_golden.tsv: contains CR");
    lines
        .enumerate()
        .filter(|(_, line)| !line.is_empty())
        .map(|(i, line)| {
            let number = i + 2;
            let fields: Vec<&str> = line.split('\t').collect();
            let [rule, text, compound, positive, negative, neutral] = fields[..] else {
                panic!(
                    "vader_golden.tsv:{number}: expected 6 fields, got {}",
                    fields.len()
                );
            };
            Row {
                line: number,
                rule,
                text,
                expected: [
                    parse_number(number, "compound", compound),
                    parse_number(number, "positive", positive),
                    parse_number(number, "negative", negative),
                    parse_number(number, "neutral", neutral),
                ],
            }
        })
        .collect()
}

fn numbers(s: &Sentiment) -> [f64; 4] {
    [s.compound, s.positive, s.negative, s.neutral]
}

#[test]
fn vader_preset_matches_vader_sentiment_3_3_2() {
    let rows = rows();
    assert!(
        rows.len() >= MIN_ROWS,
        "vader_golden.tsv has {} rows, want at least {MIN_ROWS}",
        rows.len()
    );

    let analyzer = Analyzer::vader();
    let mut failures = Vec::new();
    for row in &rows {
        let got = numbers(&analyzer.sentiment(row.text));
        if got != row.expected {
            failures.push(format!(
                "  line {} [{}] {:?}\n    expected compound/pos/neg/neu {:?}\n    got                           {:?}",
                row.line, row.rule, row.text, row.expected, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} golden rows differ from vaderSentiment 3.3.2:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}
