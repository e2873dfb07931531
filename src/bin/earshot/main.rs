//! `earshot`: the command-line face of the library. One text per input line, one JSON value per
//! output line, in order. See `earshot --help`.
//!
//! The calls into the library are kept in few places: [`build_analyzer`] builds the analyzer,
//! [`analyze_texts`] runs it, [`write_analysis`] serializes one analysis, [`TokensJson`] one
//! line's tokens.

mod cli;
mod lines;
mod report;

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

use earshot::Config;
use earshot::aspects::Target;
use earshot::lexicon::LexiconOverlay;
use earshot::{Analysis, Analyzer, Feedback, Preset, WithText};

use cli::{AnalyzeArgs, AnalyzerArgs, Command, Parsed, PresetName, TokenizeArgs};
use lines::{Input, Outcome};

fn main() -> ExitCode {
    // OsString, not String: a file name need not be UTF-8 (std::env::args panics on one).
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let outcome = cli::parse(args).and_then(|request| match request {
        Parsed::Run(Command::Analyze(args)) => analyze(&args),
        Parsed::Run(Command::Tokenize(args)) => tokenize(&args),
        Parsed::Run(Command::Report(args)) => report::report(&args),
        Parsed::Printed => Ok(ExitCode::SUCCESS),
    });
    match outcome {
        Ok(code) => code,
        Err(Failure::Usage { message, hint }) => {
            eprintln!("earshot: {message}\nhint: {hint}");
            ExitCode::from(2)
        }
        Err(Failure::Input { message, hint }) => {
            eprintln!("earshot: {message}");
            if let Some(hint) = hint {
                eprintln!("hint: {hint}");
            }
            ExitCode::from(2)
        }
        // `earshot analyze big.txt | head`: the reader has all it wanted.
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            eprintln!("earshot: cannot write the output: {e}");
            ExitCode::from(2)
        }
    }
}

/// Why a run stopped early (all with exit status 2, but for a closed output pipe).
pub enum Failure {
    /// Bad arguments: one line, and a hint where to read more.
    Usage { message: String, hint: String },
    /// A file given in the arguments cannot be used (unreadable input, a bad lexicon or
    /// category file): one line naming it.
    Input {
        message: String,
        hint: Option<String>,
    },
    /// The output cannot be written.
    Io(io::Error),
}

impl Failure {
    fn usage(message: impl Into<String>, hint: impl Into<String>) -> Failure {
        Failure::Usage {
            message: message.into(),
            hint: hint.into(),
        }
    }

    fn input(message: impl Into<String>) -> Failure {
        Failure::Input {
            message: message.into(),
            hint: None,
        }
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

fn tokenize(args: &TokenizeArgs) -> Result<ExitCode, Failure> {
    let inputs = Input::open_all(&args.files)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let summary = lines::for_each_line(inputs, |line| {
        serde_json::to_writer(&mut out, &TokensJson(line.text))?;
        out.write_all(b"\n")?;
        Ok(Outcome::Done)
    })?;
    out.flush()?;
    Ok(summary.exit_code())
}

fn analyze(args: &AnalyzeArgs) -> Result<ExitCode, Failure> {
    let analyzer = build_analyzer(&args.analyzer, args.sentences)?;
    let inputs = Input::open_all(&args.files)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut analyses = Vec::new();
    let summary = lines::for_each_batch(inputs, |batch| {
        let failed = analyze_batch(&analyzer, args, batch, &mut analyses, &mut out)?;
        // A batch is answered in full before the next is read: streams see answers promptly.
        out.flush()?;
        Ok(failed)
    })?;
    out.flush()?;
    Ok(summary.exit_code())
}

/// The analyzer the options ask for; a lexicon or category file that cannot be used is an input
/// failure naming the file (and the line, where there is one).
pub(crate) fn build_analyzer(args: &AnalyzerArgs, sentences: bool) -> Result<Analyzer, Failure> {
    let mut builder = Analyzer::builder();
    builder.sentences(sentences);
    builder.preset(match args.preset {
        PresetName::Default => Preset::Default,
        PresetName::Vader => Preset::Vader,
    });
    for path in &args.lexicons {
        let overlay = LexiconOverlay::load(path).map_err(|e| Failure::input(e.to_string()))?;
        builder.lexicon(&overlay);
    }
    if let Some(path) = &args.config {
        let config = Config::load(path).map_err(|e| Failure::input(e.to_string()))?;
        builder.config(&config);
        // What only applying the file can find (cues for an unknown category...) names it too.
        return builder
            .build()
            .map_err(|e| Failure::input(format!("{}: {e}", path.display())));
    }
    builder.build().map_err(|e| Failure::input(e.to_string()))
}

/// Analyses `items` into `analyses` (one each, in order).
fn analyze_texts(
    analyzer: &Analyzer,
    explain: bool,
    items: &[Feedback<'_>],
    analyses: &mut Vec<Analysis>,
) {
    if explain {
        // Explanations are for reading, not throughput: one line after another.
        analyses.resize_with(items.len(), Analysis::default);
        for (item, analysis) in items.iter().zip(analyses.iter_mut()) {
            analyzer.explain_feedback_into(item, analysis);
        }
    } else {
        // On all cores.
        analyzer.analyze_feedback_batch_into(items, analyses);
    }
}

/// The optional context of a --jsonl record: its "title" (a string) and "rating" (stars out
/// of 5); null or absent is none, any other value an error naming the field.
fn context(record: &Record) -> Result<(Option<&str>, Option<f64>), String> {
    let title = match record.get("title") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(title)) => Some(title.as_str()),
        Some(_) => return Err("field \"title\" is not a string".into()),
    };
    let rating = match record.get("rating") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::Number(n)) => n.as_f64(),
        Some(_) => return Err("field \"rating\" is not a number (stars out of 5)".into()),
    };
    Ok((title, rating))
}

type Record = serde_json::Map<String, serde_json::Value>;

/// What one input line holds for analysis.
enum Request {
    /// Plain text (the line itself).
    Text,
    /// A JSON record and its text field, and the byte span of the target it asks about.
    Record(Record, Option<(usize, usize)>),
    /// Not analysable: the reason.
    Bad(String),
}

/// The byte span of the target a record asks about: its `target_start` and `target_end` when
/// given, else where its `target` first occurs in `text` (ignoring ASCII case, whole words
/// first); `None` without a `target`; an error naming the field that is wrong.
fn target_span(record: &Record, text: &str) -> Result<Option<(usize, usize)>, String> {
    let offset = |field: &str| -> Result<Option<usize>, String> {
        match record.get(field) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(v) => v
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| format!("field {field:?} is not a byte offset (an integer >= 0)")),
        }
    };
    let target = match record.get("target") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(t)) => Some(t.as_str()),
        Some(_) => return Err("field \"target\" is not a string".into()),
    };
    match (offset("target_start")?, offset("target_end")?) {
        (Some(start), Some(end)) => {
            if start > end || end > text.len() {
                return Err(format!(
                    "target_start {start} and target_end {end} are not a span of the text \
                     ({} bytes)",
                    text.len()
                ));
            }
            if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                return Err(format!(
                    "target_start {start} or target_end {end} is inside a character (offsets \
                     are UTF-8 bytes)"
                ));
            }
            Ok(Some((start, end)))
        }
        (None, None) => match target {
            None => Ok(None),
            Some(t) if t.trim().is_empty() => Err("field \"target\" is empty".into()),
            Some(t) => find_target(text, t.trim())
                .map(Some)
                .ok_or_else(|| format!("target {t:?} does not occur in the text")),
        },
        _ => Err("give both target_start and target_end, or neither".into()),
    }
}

/// Where `target` occurs in `text`, ignoring ASCII case: the first occurrence that is a whole
/// word (or words), else the first at all.
fn find_target(text: &str, target: &str) -> Option<(usize, usize)> {
    let (hay, needle) = (text.as_bytes(), target.as_bytes());
    let is_word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
    let mut first = None;
    for at in 0..=hay.len().checked_sub(needle.len())? {
        let end = at + needle.len();
        if !text.is_char_boundary(at)
            || !text.is_char_boundary(end)
            || !hay[at..end].eq_ignore_ascii_case(needle)
        {
            continue;
        }
        let whole = !is_word(at.checked_sub(1).and_then(|k| hay.get(k))) && !is_word(hay.get(end));
        if whole {
            return Some((at, end));
        }
        first = first.or(Some((at, end)));
    }
    first
}

/// Analyses a batch of lines and writes one JSON line per input line, in order; returns how
/// many lines failed.
fn analyze_batch(
    analyzer: &Analyzer,
    args: &AnalyzeArgs,
    batch: &lines::Batch,
    analyses: &mut Vec<Analysis>,
    out: &mut impl Write,
) -> io::Result<u64> {
    let field = &args.text_field;
    let requests: Vec<Request> = batch
        .lines()
        .map(|line| {
            if !args.jsonl {
                return Request::Text;
            }
            let record: Record = match serde_json::from_str(line.text) {
                Ok(record) => record,
                Err(e) => return Request::Bad(format!("not a JSON object: {e}")),
            };
            let span = match (record.get(field), context(&record)) {
                (Some(serde_json::Value::String(text)), Ok(_)) => target_span(&record, text),
                (Some(serde_json::Value::String(_)), Err(why)) => return Request::Bad(why),
                (Some(_), _) => return Request::Bad(format!("field {field:?} is not a string")),
                (None, _) => return Request::Bad(format!("no field {field:?}")),
            };
            match span {
                Ok(span) => Request::Record(record, span),
                Err(e) => Request::Bad(e),
            }
        })
        .collect();
    let items: Vec<Feedback> = batch
        .lines()
        .zip(&requests)
        .map(|(line, request)| match request {
            Request::Text => Feedback::new(line.text),
            Request::Record(record, _) => {
                let text = match record.get(field) {
                    Some(serde_json::Value::String(text)) => text.as_str(),
                    _ => "",
                };
                let mut item = Feedback::new(text);
                if let Ok((title, rating)) = context(record) {
                    if let Some(title) = title {
                        item = item.with_title(title);
                    }
                    if let Some(stars) = rating {
                        item = item.with_rating(stars, 5.0);
                    }
                }
                item
            }
            Request::Bad(_) => Feedback::new(""),
        })
        .collect();
    analyze_texts(analyzer, args.explain, &items, analyses);
    let mut failed = 0;
    for (((line, request), analysis), item) in batch
        .lines()
        .zip(&requests)
        .zip(analyses.iter())
        .zip(&items)
    {
        let analysis = analysis.with_feedback(item);
        match request {
            Request::Bad(error) => {
                line.fail(out, error)?;
                failed += 1;
            }
            Request::Text => write_analysis(out, None, analysis, None, line.warning)?,
            Request::Record(record, span) => {
                let target = span.map(|(start, end)| {
                    let t = analyzer.sentiment_toward(item.text, start..end);
                    target_json(item.text, &t)
                });
                write_analysis(out, Some(record), analysis, target, line.warning)?
            }
        }
        out.write_all(b"\n")?;
    }
    Ok(failed)
}

/// A target's answer: `{"text", "start", "end", "sentiment", "evidence"}`.
fn target_json(text: &str, t: &Target) -> serde_json::Value {
    let evidence: Vec<serde_json::Value> = t
        .evidence
        .iter()
        .map(|e| {
            serde_json::json!({"start": e.start, "end": e.end, "text": e.text(text),
                "role": e.role.as_str()})
        })
        .collect();
    serde_json::json!({
        "text": t.text(text),
        "start": t.start,
        "end": t.end,
        "sentiment": t.sentiment,
        "evidence": evidence,
    })
}

/// Writes one analysis as a JSON object, keys in a fixed order: the record's own fields (with
/// `--jsonl`, in their input order), then the analysis (`sentiment`, `categories`, `aspects`,
/// and `contributions` when explained), then `target` (a record that names one), then
/// `warning` (lossy UTF-8 only). A record field named like one earshot writes is replaced by
/// earshot's, in earshot's place.
fn write_analysis(
    out: &mut impl Write,
    record: Option<&Record>,
    analysis: WithText<'_>,
    target: Option<serde_json::Value>,
    warning: Option<&str>,
) -> io::Result<()> {
    /// A record's answer: its own fields but those earshot writes (in input order: serde_json's
    /// preserve_order), then the analysis' keys, then the warning.
    struct Answer<'a> {
        record: &'a Record,
        result: Record,
        warning: Option<&'a str>,
    }
    impl serde::Serialize for Answer<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = s.serialize_map(None)?;
            for (key, value) in self.record {
                let earshots =
                    self.result.contains_key(key) || (key == "warning" && self.warning.is_some());
                if !earshots {
                    map.serialize_entry(key, value)?;
                }
            }
            for (key, value) in &self.result {
                map.serialize_entry(key, value)?;
            }
            if let Some(warning) = self.warning {
                map.serialize_entry("warning", warning)?;
            }
            map.end()
        }
    }
    let Some(record) = record else {
        /// A plain-text line's answer, serialized directly: the analysis' keys, then the
        /// warning.
        #[derive(serde::Serialize)]
        struct Plain<'a> {
            #[serde(flatten)]
            analysis: WithText<'a>,
            #[serde(skip_serializing_if = "Option::is_none")]
            warning: Option<&'a str>,
        }
        serde_json::to_writer(&mut *out, &Plain { analysis, warning })?;
        return Ok(());
    };
    let serde_json::Value::Object(mut result) = serde_json::to_value(analysis)? else {
        unreachable!("an Analysis serializes to a JSON object")
    };
    if let Some(target) = target {
        result.insert("target".into(), target);
    }
    serde_json::to_writer(
        &mut *out,
        &Answer {
            record,
            result,
            warning,
        },
    )?;
    Ok(())
}

/// Serializes the tokens of a line as a JSON array without collecting them first.
struct TokensJson<'a>(&'a str);

impl serde::Serialize for TokensJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(earshot::tokenize(self.0))
    }
}
