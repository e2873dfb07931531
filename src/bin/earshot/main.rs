//! `earshot`: the command-line face of the library. One text per input line, one JSON value per
//! output line, in order. See `earshot --help`.

mod lines;

use std::io::{self, Write};
use std::process::ExitCode;

use earshot::classifier::{Classifier, ClassifierConfig};
use earshot::lexicon::LexiconOverlay;
use earshot::{Analysis, Analyzer, Preset};
use lines::{Input, Outcome};

const USAGE: &str = "\
earshot — listen to customers: tokens, sentiment and feedback categories, one JSON line per input line

usage:
  earshot analyze [OPTIONS] [FILE...]   one JSON object per input line: sentiment and categories
  earshot FILE...                       shorthand for `earshot analyze FILE...`
  earshot tokenize [FILE...]            one JSON array of tokens per input line
  earshot --help | --version

analyze options:
  --preset default|vader   rule set (default: default; vader = vaderSentiment 3.3.2 exactly)
  --explain                add each word's contribution to the output
  --jsonl                  input lines are JSON objects; their other fields are copied through
  --text-field NAME        the field holding the text with --jsonl (default: text)
  --lexicon FILE           merge a lexicon file (term<TAB>valence|remove) over the built-in one
  --categories FILE        a JSON category configuration (add, replace or switch off categories)

Reads standard input when no FILE is given (or FILE is -). Invalid UTF-8 is decoded lossily and
reported on stderr with its line number; every input line gets exactly one output line.
exit status: 0 all lines handled, 1 some lines failed, 2 bad usage or unreadable input";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(Failure::Usage(msg)) => {
            eprintln!("earshot: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Input(msg)) => {
            eprintln!("earshot: {msg}");
            ExitCode::from(2)
        }
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            eprintln!("earshot: {e}");
            ExitCode::from(2)
        }
    }
}

enum Failure {
    /// Bad arguments: the message and the usage text.
    Usage(String),
    /// A file given in the arguments is unusable: the message alone.
    Input(String),
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

fn run(args: &[String]) -> Result<ExitCode, Failure> {
    let Some(command) = args.first() else {
        return Err(Failure::Usage("no command given".into()));
    };
    match command.as_str() {
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        "-V" | "--version" => {
            println!("earshot {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        "tokenize" => tokenize(&args[1..]),
        "analyze" => analyze(&args[1..]),
        other if !other.starts_with('-') && std::path::Path::new(other).exists() => analyze(args),
        other => Err(Failure::Usage(format!("unknown command {other:?}"))),
    }
}

/// Splits the arguments of a command into options (handled by `option`) and input files.
fn files_and_options(
    args: &[String],
    mut option: impl FnMut(&str, &mut dyn Iterator<Item = &String>) -> Result<(), Failure>,
) -> Result<Vec<String>, Failure> {
    let mut files = Vec::new();
    let mut iter = args.iter();
    let mut options_done = false;
    while let Some(arg) = iter.next() {
        if options_done || arg == "-" || !arg.starts_with('-') {
            files.push(arg.clone());
        } else if arg == "--" {
            options_done = true;
        } else {
            option(arg, &mut iter)?;
        }
    }
    Ok(files)
}

fn tokenize(args: &[String]) -> Result<ExitCode, Failure> {
    let files = files_and_options(args, |arg, _| {
        Err(Failure::Usage(format!(
            "unknown option {arg:?} for tokenize"
        )))
    })?;
    let inputs = Input::open_all(&files)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let summary = lines::for_each_line(inputs, |line| {
        serde_json::to_writer(&mut out, &TokensJson(line.text)).map_err(io::Error::from)?;
        out.write_all(b"\n")?;
        Ok(Outcome::Done)
    })?;
    out.flush()?;
    Ok(summary.exit_code())
}

/// Options of `earshot analyze`.
struct AnalyzeOptions {
    preset: Preset,
    explain: bool,
    jsonl: bool,
    text_field: String,
    lexicons: Vec<String>,
    categories: Option<String>,
}

fn analyze(args: &[String]) -> Result<ExitCode, Failure> {
    let mut opts = AnalyzeOptions {
        preset: Preset::Default,
        explain: false,
        jsonl: false,
        text_field: "text".into(),
        lexicons: Vec::new(),
        categories: None,
    };
    let mut text_field_given = false;
    let files = files_and_options(args, |arg, rest| {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (arg, None),
        };
        let mut value = |what: &str| {
            inline
                .clone()
                .or_else(|| rest.next().cloned())
                .ok_or_else(|| Failure::Usage(format!("{name} needs {what}")))
        };
        match name {
            "--preset" => opts.preset = value("a preset name")?.parse().map_err(Failure::Usage)?,
            "--explain" => opts.explain = true,
            "--jsonl" => opts.jsonl = true,
            "--lexicon" => opts.lexicons.push(value("a file")?),
            "--categories" => opts.categories = Some(value("a file")?),
            "--text-field" => {
                opts.text_field = value("a field name")?;
                text_field_given = true;
            }
            _ => {
                return Err(Failure::Usage(format!(
                    "unknown option {arg:?} for analyze"
                )));
            }
        }
        Ok(())
    })?;
    if text_field_given && !opts.jsonl {
        return Err(Failure::Usage(
            "--text-field only makes sense with --jsonl".into(),
        ));
    }
    let mut builder = Analyzer::builder();
    builder.preset(opts.preset);
    for path in &opts.lexicons {
        let overlay = LexiconOverlay::load(path).map_err(|e| Failure::Input(e.to_string()))?;
        builder.lexicon(&overlay);
    }
    if let Some(path) = &opts.categories {
        let config = ClassifierConfig::load(path).map_err(|e| Failure::Input(e.to_string()))?;
        let classifier = Classifier::builder()
            .config(&config)
            .build()
            .map_err(|e| Failure::Input(format!("{path}: {e}")))?;
        builder.classifier(classifier);
    }
    let analyzer = builder.build();
    let inputs = Input::open_all(&files)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut analyses = Vec::new();
    let summary = lines::for_each_batch(inputs, |batch| {
        let failed = analyze_batch(&analyzer, &opts, batch, &mut analyses, &mut out)?;
        // A batch is answered in full before the next is read: streams see answers promptly.
        out.flush()?;
        Ok(failed)
    })?;
    out.flush()?;
    Ok(summary.exit_code())
}

/// What one input line holds for analysis.
enum Request {
    /// Plain text (the line itself).
    Text,
    /// A JSON record and its text field.
    Record(serde_json::Map<String, serde_json::Value>),
    /// Not analysable: the reason.
    Bad(String),
}

/// Analyses a batch of lines on all cores ([`Analyzer::analyze_batch_into`]) and writes one
/// JSON line per input line, in order; returns how many lines failed.
fn analyze_batch(
    analyzer: &Analyzer,
    opts: &AnalyzeOptions,
    batch: &lines::Batch,
    analyses: &mut Vec<Analysis>,
    out: &mut impl Write,
) -> io::Result<u64> {
    let requests: Vec<Request> = batch
        .lines()
        .map(|line| {
            if !opts.jsonl {
                return Request::Text;
            }
            let record: serde_json::Map<String, serde_json::Value> =
                match serde_json::from_str(line.text) {
                    Ok(record) => record,
                    Err(e) => return Request::Bad(format!("not a JSON object: {e}")),
                };
            match record.get(&opts.text_field) {
                Some(serde_json::Value::String(_)) => Request::Record(record),
                Some(_) => Request::Bad(format!("field {:?} is not a string", opts.text_field)),
                None => Request::Bad(format!("no field {:?}", opts.text_field)),
            }
        })
        .collect();
    let texts: Vec<&str> = batch
        .lines()
        .zip(&requests)
        .map(|(line, request)| match request {
            Request::Text => line.text,
            Request::Record(record) => match record.get(&opts.text_field) {
                Some(serde_json::Value::String(text)) => text.as_str(),
                _ => "",
            },
            Request::Bad(_) => "",
        })
        .collect();
    if opts.explain {
        // Explanations are for reading, not throughput: one line after another.
        analyses.resize_with(texts.len(), Analysis::default);
        for (text, analysis) in texts.iter().zip(analyses.iter_mut()) {
            analyzer.explain_into(text, analysis);
        }
    } else {
        analyzer.analyze_batch_into(&texts, analyses);
    }
    let mut failed = 0;
    for ((line, request), analysis) in batch.lines().zip(requests).zip(analyses.iter()) {
        match request {
            Request::Bad(error) => {
                line.fail(out, &error)?;
                failed += 1;
            }
            Request::Text => match line.warning {
                None => serde_json::to_writer(&mut *out, analysis)?,
                Some(warning) => {
                    let mut value = serde_json::to_value(analysis)?;
                    value["warning"] = warning.into();
                    serde_json::to_writer(&mut *out, &value)?;
                }
            },
            Request::Record(mut record) => {
                let serde_json::Value::Object(result) = serde_json::to_value(analysis)? else {
                    unreachable!("an Analysis serializes to a JSON object")
                };
                record.extend(result);
                if let Some(warning) = line.warning {
                    record.insert("warning".into(), warning.into());
                }
                serde_json::to_writer(&mut *out, &record)?;
            }
        }
        out.write_all(b"\n")?;
    }
    Ok(failed)
}

/// Serializes the tokens of a line as a JSON array without collecting them first.
struct TokensJson<'a>(&'a str);

impl serde::Serialize for TokensJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(earshot::tokenize(self.0))
    }
}
