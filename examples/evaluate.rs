//! Scores earshot on the labelled sets in `../shared/evaldata` with each set's usual metric —
//! the same metrics, computed the same way, as `../shared/tools/evaluate.py` — for both presets
//! in one run.
//!
//! ```sh
//! cargo run --release --example evaluate                       # all sets, both presets
//! cargo run --release --example evaluate -- --sets airline,sst2 --confusion
//! cargo run --release --example evaluate -- --evaldata /path/to/evaldata
//! ```
//!
//! Sentiment labels come from the compound score with VADER's neutral band (>= 0.05 positive,
//! <= -0.05 negative); the binary SST-2 set counts compound >= 0 as positive. Category sets:
//! complaints (gold `complaint` against our `complaint`, and against `complaint` or `problem`),
//! Maalej app reviews (Bug → `problem`, Feature → `idea`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use earshot::{Analysis, Analyzer, Preset};

/// The sets evaluate.py knows, plus the development splits used for tuning.
const SETS: &[(&str, &str, Kind)] = &[
    ("tweeteval", "tweeteval_sentiment/test.tsv", Kind::Three),
    (
        "airline",
        "airline_tweets/airline_sentiment.tsv",
        Kind::Three,
    ),
    ("sentiment140", "sentiment140_test/test.tsv", Kind::Three),
    ("sst2", "sst/sst2_test.tsv", Kind::Binary),
    (
        "complaints",
        "complaints_twitter/complaints.tsv",
        Kind::Complaint,
    ),
    (
        "maalej",
        "maalej_app_reviews/app_reviews_multilabel.tsv",
        Kind::Maalej,
    ),
    // Development splits: not in evaluate.py; for tuning without touching the test splits.
    ("tweeteval_val", "tweeteval_sentiment/val.tsv", Kind::Three),
    ("sst2_dev", "sst/sst2_dev.tsv", Kind::Binary),
];

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Three,
    Binary,
    Complaint,
    Maalej,
}

struct Args {
    evaldata: PathBuf,
    sets: Vec<String>,
    presets: Vec<Preset>,
    confusion: bool,
}

fn parse_args() -> Result<Args, String> {
    let default_sets = [
        "tweeteval",
        "airline",
        "sentiment140",
        "sst2",
        "complaints",
        "maalej",
    ];
    let mut args = Args {
        evaldata: Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/evaldata"),
        sets: default_sets.iter().map(|s| s.to_string()).collect(),
        presets: vec![Preset::Vader, Preset::Default],
        confusion: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--evaldata" => args.evaldata = it.next().ok_or("--evaldata needs a path")?.into(),
            "--sets" => {
                let list = it.next().ok_or("--sets needs a list")?;
                args.sets = list.split(',').map(str::to_string).collect();
            }
            "--preset" => {
                let p = it.next().ok_or("--preset needs default or vader")?;
                args.presets = vec![p.parse()?];
            }
            "--confusion" => args.confusion = true,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    for set in &args.sets {
        if !SETS.iter().any(|(name, _, _)| name == set) {
            return Err(format!("unknown set {set:?}"));
        }
    }
    Ok(args)
}

/// Rows of a TSV file as (header → value) lookups.
fn read_tsv(path: &Path) -> std::io::Result<Vec<Vec<(String, String)>>> {
    let text = std::fs::read_to_string(path)?;
    let mut lines = text.split('\n');
    let head: Vec<String> = lines
        .next()
        .unwrap_or("")
        .split('\t')
        .map(str::to_string)
        .collect();
    Ok(lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            head.iter()
                .cloned()
                .zip(l.split('\t').map(str::to_string))
                .collect()
        })
        .collect())
}

fn field<'a>(row: &'a [(String, String)], name: &str) -> &'a str {
    row.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v)
}

fn label3(compound: f64) -> &'static str {
    if compound >= 0.05 {
        "positive"
    } else if compound <= -0.05 {
        "negative"
    } else {
        "neutral"
    }
}

/// (precision, recall, F1) from counts, 0 where undefined — as evaluate.py's `prf`.
fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn binary_prf(gold: &[bool], pred: &[bool]) -> (f64, f64, f64, f64) {
    let tp = gold.iter().zip(pred).filter(|(g, p)| **g && **p).count();
    let fp = gold.iter().zip(pred).filter(|(g, p)| !**g && **p).count();
    let fn_ = gold.iter().zip(pred).filter(|(g, p)| **g && !**p).count();
    let tn = gold.len() - tp - fp - fn_;
    let (p, r, f) = prf(tp, fp, fn_);
    let (_, _, f_neg) = prf(tn, fn_, fp);
    (p, r, f, (f + f_neg) / 2.0)
}

fn evaluate(args: &Args, analyzer: &Analyzer, set: &str, rel: &str, kind: Kind) -> Option<String> {
    let path = args.evaldata.join(rel);
    let rows = match read_tsv(&path) {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("{set}: cannot read {}: {e}", path.display());
            return None;
        }
    };
    let mut analysis = Analysis::default();
    let mut compounds = Vec::with_capacity(rows.len());
    let mut categories: Vec<HashSet<String>> = Vec::with_capacity(rows.len());
    let start = std::time::Instant::now();
    for row in &rows {
        analyzer.analyze_into(field(row, "text"), &mut analysis);
        compounds.push(analysis.sentiment.compound);
        categories.push(
            analysis
                .categories
                .iter()
                .map(|c| c.label.to_string())
                .collect(),
        );
    }
    let seconds = start.elapsed().as_secs_f64();
    let mut out = format!("{set:13} n={:<6} ", rows.len());
    match kind {
        Kind::Three => {
            let classes = ["positive", "negative", "neutral"];
            let gold: Vec<&str> = rows.iter().map(|r| field(r, "label")).collect();
            let pred: Vec<&str> = compounds.iter().map(|&c| label3(c)).collect();
            let (mut recall, mut f1) = (0.0, 0.0);
            for c in classes {
                let g: Vec<bool> = gold.iter().map(|x| *x == c).collect();
                let p: Vec<bool> = pred.iter().map(|x| *x == c).collect();
                let (_, r, f, _) = binary_prf(&g, &p);
                recall += r / 3.0;
                f1 += f / 3.0;
            }
            let acc =
                gold.iter().zip(&pred).filter(|(g, p)| g == p).count() as f64 / gold.len() as f64;
            out += &format!("macro_recall={recall:.3}  macro_f1={f1:.3}  accuracy={acc:.3}");
            if args.confusion {
                out += "\n    gold \\ pred   positive negative  neutral";
                for g in classes {
                    out += &format!("\n    {g:12}");
                    for p in classes {
                        let n = gold
                            .iter()
                            .zip(&pred)
                            .filter(|(x, y)| **x == g && **y == p)
                            .count();
                        out += &format!(" {n:8}");
                    }
                }
            }
        }
        Kind::Binary => {
            let correct = rows
                .iter()
                .zip(&compounds)
                .filter(|(r, c)| (**c >= 0.0) == (field(r, "label") == "positive"))
                .count();
            out += &format!("accuracy={:.3}", correct as f64 / rows.len() as f64);
        }
        Kind::Complaint => {
            let gold: Vec<bool> = rows
                .iter()
                .map(|r| field(r, "label") == "complaint")
                .collect();
            for (name, want) in [
                ("complaint", &["complaint"][..]),
                ("complaint_or_problem", &["complaint", "problem"][..]),
            ] {
                let pred: Vec<bool> = categories
                    .iter()
                    .map(|c| want.iter().any(|w| c.contains(*w)))
                    .collect();
                let (p, r, f, macro_f1) = binary_prf(&gold, &pred);
                out += &format!("{name}: p={p:.3} r={r:.3} f1={f:.3} macro_f1={macro_f1:.3}  ");
            }
        }
        Kind::Maalej => {
            for (gold_label, ours) in [("Bug", "problem"), ("Feature", "idea")] {
                let gold: Vec<bool> = rows
                    .iter()
                    .map(|r| field(r, "labels").split(',').any(|l| l == gold_label))
                    .collect();
                let pred: Vec<bool> = categories.iter().map(|c| c.contains(ours)).collect();
                let (p, r, f, _) = binary_prf(&gold, &pred);
                out += &format!(
                    "{}: p={p:.3} r={r:.3} f1={f:.3}  ",
                    gold_label.to_lowercase()
                );
            }
        }
    }
    out += &format!("  ({:.0} texts/s)", rows.len() as f64 / seconds);
    Some(out)
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("evaluate: {e}");
            std::process::exit(2);
        }
    };
    for &preset in &args.presets {
        println!("preset {preset}");
        let analyzer = match Analyzer::builder().preset(preset).build() {
            Ok(analyzer) => analyzer,
            Err(e) => {
                eprintln!("evaluate: {e}");
                std::process::exit(2);
            }
        };
        for set in &args.sets {
            let &(_, rel, kind) = SETS
                .iter()
                .find(|(name, _, _)| name == set)
                .expect("checked");
            if let Some(line) = evaluate(&args, &analyzer, set, rel, kind) {
                println!("  {line}");
            }
        }
    }
}
