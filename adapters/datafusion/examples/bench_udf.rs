//! The DataFusion UDFs against earshot's Rust batch API on the same texts and cores: a
//! measurement, not a test (the machine's load moves it; run it a few times and give ranges).
//!
//! ```sh
//! cargo run --release --example synth_posts -- 200000 42 > target/synth.txt
//! cargo run --release -p earshot-datafusion --example bench_udf -- target/synth.txt
//! ```
//!
//! Writes the texts as a Parquet file (one `text` column, row groups of 4k rows) beside the
//! input, then prints the best of five runs of: `Analyzer::analyze_batch_with_threads` and
//! `analyze_columns_with_threads` on all cores over the texts in memory, and
//! `SELECT analyze(text) FROM posts` (and `sentiment`) over the Parquet file with as many
//! partitions as cores; and `SELECT report(text) FROM posts` against one `Report` per thread
//! over its share of the texts in memory, merged.

use std::sync::Arc;
use std::time::{Duration, Instant};

use datafusion::arrow::array::{ArrayRef, RecordBatch, StringArray};
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::file::properties::WriterProperties;
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};
use earshot::{Analyzer, Columns, Texts};

const RUNS: usize = 5;
/// Rows per row group (`EARSHOT_ROW_GROUP` overrides). DataFusion splits a file among its
/// partitions by row groups: 200,000 texts in groups of 65,536 are four groups, and two
/// partitions then get 131,072 and 68,928 texts, so the query waits on the larger half
/// (1.3× the balanced time). Groups of 16,384 split within 8%, and the query took 1.14–1.26×
/// the batch API's time; with groups of 4,096 (49 groups, the halves differ by at most one)
/// it took 1.02–1.11× (four runs each, 2026-11-29, load 1.5–1.7).
const ROW_GROUP_ROWS: usize = 4_096;

fn best(mut run: impl FnMut()) -> Duration {
    (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

#[tokio::main]
async fn main() -> datafusion::error::Result<()> {
    let path = std::env::args().nth(1).expect("usage: bench_udf TEXTS.txt");
    let text = std::fs::read_to_string(&path)?;
    let lines: Vec<&str> = text.lines().collect();
    let bytes: usize = lines.iter().map(|l| l.len()).sum();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "{} texts, {:.1} MB, {threads} threads",
        lines.len(),
        bytes as f64 / 1e6
    );

    let parquet = format!("{path}.parquet");
    let array: ArrayRef = Arc::new(StringArray::from(lines.clone()));
    let batch = RecordBatch::try_from_iter([("text", array)])?;
    let props = WriterProperties::builder()
        .set_max_row_group_row_count(Some(
            std::env::var("EARSHOT_ROW_GROUP")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(ROW_GROUP_ROWS),
        ))
        .build();
    let mut writer = ArrowWriter::try_new(
        std::fs::File::create(&parquet)?,
        batch.schema(),
        Some(props),
    )?;
    writer.write(&batch)?;
    writer.close()?;

    let analyzer = Analyzer::default();
    let report = |what: &str, t: Duration, base: Option<Duration>| {
        let ratio = base.map_or(String::new(), |b| {
            format!("  {:.2}x", t.as_secs_f64() / b.as_secs_f64())
        });
        println!(
            "{what:<44} {:>8.3} s  {:>6.1} MB/s{ratio}",
            t.as_secs_f64(),
            bytes as f64 / 1e6 / t.as_secs_f64()
        );
    };
    let mut out = Vec::new();
    let batch_api = best(|| analyzer.analyze_batch_with_threads(&lines, &mut out, threads));
    report("Rust analyze_batch_with_threads", batch_api, None);

    let mut data = Vec::with_capacity(bytes);
    let mut offsets = vec![0i64];
    for l in &lines {
        data.extend_from_slice(l.as_bytes());
        offsets.push(data.len() as i64);
    }
    let texts = Texts::with_large_offsets(&data, &offsets).expect("offsets of the texts");
    let mut columns = Columns::new();
    let columnar = best(|| {
        analyzer
            .analyze_columns_with_threads(&texts, &mut columns, threads)
            .expect("UTF-8")
    });
    report(
        "Rust analyze_columns_with_threads",
        columnar,
        Some(batch_api),
    );
    let sentiment = best(|| {
        analyzer
            .sentiment_columns_with_threads(&texts, &mut columns, threads)
            .expect("UTF-8")
    });
    report("Rust sentiment_columns_with_threads", sentiment, None);

    // The report's base: one report per thread over its share of the texts, merged (what
    // `earshot report` does), finished as the aggregate finishes.
    let report_api = best(|| {
        let share = lines.len().div_ceil(threads).max(1);
        let mut parts: Vec<earshot::report::Report> = std::thread::scope(|scope| {
            let handles: Vec<_> = lines
                .chunks(share)
                .map(|chunk| {
                    let analyzer = &analyzer;
                    scope.spawn(move || {
                        let mut report = earshot::report::Report::new();
                        let mut analyses = Vec::new();
                        analyzer.analyze_batch_with_threads(chunk, &mut analyses, 1);
                        for (text, analysis) in chunk.iter().zip(&analyses) {
                            report.add(&earshot::report::Post::new(text), analysis);
                        }
                        report
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a report thread"))
                .collect()
        });
        let mut report = parts.pop().unwrap_or_default();
        for part in &parts {
            report.merge(part);
        }
        assert!(serde_json::to_string(&report.finish()).is_ok());
    });
    report(
        "Rust Report per thread, merged",
        report_api,
        Some(batch_api),
    );

    let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(threads));
    earshot_datafusion::register(&ctx, Analyzer::default());
    ctx.register_parquet("posts", &parquet, ParquetReadOptions::default())
        .await?;
    for (what, sql, base) in [
        (
            "DataFusion SELECT analyze(text)",
            "SELECT analyze(text) AS a FROM posts",
            batch_api,
        ),
        (
            "DataFusion SELECT sentiment(text)",
            "SELECT sentiment(text) AS s FROM posts",
            sentiment,
        ),
        (
            "DataFusion SELECT report(text) (aggregate)",
            "SELECT report(text) AS r FROM posts",
            report_api,
        ),
        (
            "DataFusion SELECT count(text) (scan alone)",
            "SELECT count(text) FROM posts",
            batch_api,
        ),
    ] {
        let mut times = Vec::new();
        for _ in 0..RUNS {
            let start = Instant::now();
            let batches = ctx.sql(sql).await?.collect().await?;
            times.push(start.elapsed());
            assert!(!batches.is_empty());
        }
        report(
            what,
            times.into_iter().min().unwrap_or_default(),
            Some(base),
        );
    }
    Ok(())
}
