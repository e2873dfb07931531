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
//! preset), `analyze` (the whole analysis, default preset), `no-risk` and `no-aspects` (the
//! analysis without that stage), `categories`, `risk` and `aspects` (the analysis with that cue
//! stage alone).

use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [op, file, passes] = args.as_slice() else {
        eprintln!(
            "usage: passes tokenize|vader|default|analyze|no-risk|no-aspects|categories|risk|aspects FILE PASSES"
        );
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(file).expect("a readable UTF-8 file");
    let texts: Vec<&str> = text.lines().collect();
    let passes: usize = passes.parse().expect("a number of passes");
    // Only the analyzer the operation runs is built, so that a run of 0 passes counts the
    // cost of building it.
    let analyzer = match op.as_str() {
        "tokenize" => None,
        "vader" => Some(earshot::Analyzer::vader()),
        "no-risk" | "no-aspects" | "categories" | "risk" | "aspects" => {
            let on = |stage: &str| op == stage || (op.starts_with("no-") && op[3..] != *stage);
            Some(
                earshot::Analyzer::builder()
                    .categories(on("categories"))
                    .risk(on("risk"))
                    .aspects(on("aspects"))
                    .build()
                    .expect("the built-in stages build"),
            )
        }
        _ => Some(earshot::Analyzer::default()),
    };
    let mut out = earshot::Analysis::default();
    let mut checksum = 0.0;
    for _ in 0..passes {
        for t in &texts {
            match op.as_str() {
                "tokenize" => checksum += earshot::tokenize(t).count() as f64,
                "vader" | "default" => checksum += analyzer.as_ref().unwrap().sentiment(t).compound,
                "analyze" | "no-risk" | "no-aspects" | "categories" | "risk" | "aspects" => {
                    analyzer.as_ref().unwrap().analyze_into(t, &mut out);
                    checksum +=
                        out.sentiment.compound + out.categories.len() as f64 + out.risk.urgency;
                }
                other => panic!("unknown operation {other}"),
            }
        }
    }
    println!("{}", black_box(checksum));
}
