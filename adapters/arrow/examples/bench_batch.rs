//! earshot's Rust batch API on a file of texts, the reference of the Python package's
//! `analyze_arrow` (bindings/python/bench/bench_python.py on the same file): a measurement,
//! not a test. Best of five runs of each, on all cores.
//!
//! ```sh
//! cargo run --release --example synth_posts -- 200000 42 > target/synth.txt
//! cargo run --release -p earshot-arrow --example bench_batch -- target/synth.txt
//! ```

use std::sync::Arc;
use std::time::{Duration, Instant};

use arrow_array::{ArrayRef, StringArray};
use earshot::{Analyzer, Columns};

fn best(mut run: impl FnMut()) -> Duration {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: bench_batch TEXTS.txt");
    let text = std::fs::read_to_string(path).expect("a UTF-8 file of texts");
    let lines: Vec<&str> = text.lines().collect();
    let megabytes = lines.iter().map(|l| l.len()).sum::<usize>() as f64 / 1e6;
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "{} texts, {megabytes:.1} MB, {threads} threads",
        lines.len()
    );
    let analyzer = Analyzer::default();
    let array: ArrayRef = Arc::new(StringArray::from(lines.clone()));
    let mut out = Vec::new();
    let mut columns = Columns::new();
    let runs: [(&str, &mut dyn FnMut()); 3] = [
        ("analyze_batch_with_threads", &mut || {
            analyzer.analyze_batch_with_threads(&lines, &mut out, threads)
        }),
        ("earshot_arrow::analysis_array", &mut || {
            earshot_arrow::analysis_array(&array, &analyzer, &mut columns, threads)
                .map(drop)
                .expect("strings")
        }),
        ("earshot_arrow::sentiment_array", &mut || {
            earshot_arrow::sentiment_array(&array, &analyzer, &mut Columns::new(), threads)
                .map(drop)
                .expect("strings")
        }),
    ];
    for (name, run) in runs {
        let t = best(run).as_secs_f64();
        println!("{name:<36} {t:8.3} s {:7.1} MB/s", megabytes / t);
    }
}
