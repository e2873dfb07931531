//! Runs one operation many times over a file of texts, for profilers that count instructions
//! (`valgrind --tool=callgrind`) or sample time (`perf record`): the work is the same on every
//! run, so counts compare across builds.
//!
//! ```sh
//! cargo build --release --example passes
//! valgrind --tool=callgrind target/release/examples/passes analyze data/posts.txt 20
//! ```
//!
//! Operations: `tokenize`, `vader` (sentiment, VADER preset), `default` (sentiment, default
//! preset), `analyze` (the whole analysis, default preset), `no-risk` (the analysis without the
//! risk stage).

use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [op, file, passes] = args.as_slice() else {
        eprintln!("usage: passes tokenize|vader|default|analyze|no-risk FILE PASSES");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(file).expect("a readable UTF-8 file");
    let texts: Vec<&str> = text.lines().collect();
    let passes: usize = passes.parse().expect("a number of passes");
    let vader = earshot::Analyzer::vader();
    let default = earshot::Analyzer::default();
    let no_risk = earshot::Analyzer::builder()
        .risk(false)
        .build()
        .expect("the built-in stages build");
    let mut out = earshot::Analysis::default();
    let mut checksum = 0.0;
    for _ in 0..passes {
        for t in &texts {
            match op.as_str() {
                "tokenize" => checksum += earshot::tokenize(t).count() as f64,
                "vader" => checksum += vader.sentiment(t).compound,
                "default" => checksum += default.sentiment(t).compound,
                "analyze" | "no-risk" => {
                    let analyzer = if op == "analyze" { &default } else { &no_risk };
                    analyzer.analyze_into(t, &mut out);
                    checksum +=
                        out.sentiment.compound + out.categories.len() as f64 + out.risk.urgency;
                }
                other => panic!("unknown operation {other}"),
            }
        }
    }
    println!("{}", black_box(checksum));
}
