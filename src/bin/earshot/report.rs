//! `earshot report`: every input line analysed and added to a listening report, written as
//! `report.json` and `report.html`.
//!
//! Lines are read in bounded batches (the same reader as `analyze`); each batch is split into
//! one contiguous share per core, and each core parses, analyses and adds its share to a report
//! of its own — the reports merge at the end, so memory is one report per core whatever the
//! input size. A progress bar (indicatif) is drawn on stderr when it is a terminal.

use std::borrow::Cow;
use std::fmt;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use earshot::report::{Post, Report, parse_time, render_html, time_from_seconds};
use earshot::{Analysis, Analyzer, Workspace};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::Failure;
use crate::cli::ReportArgs;
use crate::lines::{self, Input};

/// Runs `earshot report`.
pub fn report(args: &ReportArgs) -> Result<ExitCode, Failure> {
    let analyzer = crate::build_analyzer(&args.analyzer, false)?;
    // The output directory is made before reading, so that a bad one fails before the work.
    std::fs::create_dir_all(&args.out)
        .map_err(|e| Failure::input(format!("cannot create {}: {e}", args.out.display())))?;
    let inputs = Input::open_all(&args.files)?;
    let progress = Progress::new(&args.files);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut workers: Vec<Worker> = (0..threads).map(|_| Worker::default()).collect();
    let mut bad_times = 0u64;
    let summary = lines::for_each_batch(inputs, |batch| {
        let lines: Vec<lines::Line<'_>> = batch.lines().collect();
        let share = lines.len().div_ceil(threads).max(1);
        std::thread::scope(|s| {
            let mut chunks = lines.chunks(share);
            let mut workers_left = workers.iter_mut();
            // The calling thread takes the first share; the others one thread each.
            let first = chunks.next().zip(workers_left.next());
            for (chunk, worker) in chunks.zip(workers_left) {
                let analyzer = &analyzer;
                s.spawn(move || worker.add_lines(analyzer, args, chunk));
            }
            if let Some((chunk, worker)) = first {
                worker.add_lines(&analyzer, args, chunk);
            }
        });
        let mut failed = 0;
        for worker in &mut workers {
            // Messages in input order: each worker holds a contiguous share, in order.
            for message in worker.messages.drain(..) {
                eprintln!("earshot: {message}");
            }
            failed += std::mem::take(&mut worker.failed);
            bad_times += std::mem::take(&mut worker.bad_times);
        }
        progress.advance(lines.iter().map(|l| l.text.len() as u64 + 1).sum());
        Ok(failed)
    })?;
    progress.finish();
    let mut workers = workers.into_iter();
    let mut report = workers.next().map(|w| w.report).unwrap_or_default();
    for worker in workers {
        report.merge(&worker.report);
    }
    if bad_times > 0 {
        eprintln!(
            "earshot: {bad_times} lines had a time that could not be read (counted without a time)"
        );
    }
    let finished = report.finish();
    let html = render_html(&finished).map_err(|e| Failure::input(e.to_string()))?;
    let json_path = args.out.join("report.json");
    let html_path = args.out.join("report.html");
    write_file(&json_path, |out| {
        serde_json::to_writer_pretty(&mut *out, &finished)?;
        out.write_all(b"\n")
    })?;
    write_file(&html_path, |out| out.write_all(html.as_bytes()))?;
    eprintln!(
        "earshot: {} posts; wrote {} and {}",
        finished.posts,
        json_path.display(),
        html_path.display()
    );
    Ok(summary.exit_code())
}

fn write_file(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let fail = |e: std::io::Error| Failure::input(format!("cannot write {}: {e}", path.display()));
    let file = std::fs::File::create(path).map_err(fail)?;
    let mut out = std::io::BufWriter::new(file);
    write(&mut out).map_err(fail)?;
    out.flush().map_err(fail)
}

/// One core's share of the work: its report, its working space, what went wrong.
#[derive(Default)]
struct Worker {
    report: Report,
    workspace: Workspace,
    analysis: Analysis,
    messages: Vec<String>,
    failed: u64,
    bad_times: u64,
}

impl Worker {
    fn add_lines(&mut self, analyzer: &Analyzer, args: &ReportArgs, lines: &[lines::Line<'_>]) {
        for line in lines {
            if !args.jsonl {
                analyzer.analyze_with(line.text, &mut self.workspace, &mut self.analysis);
                self.report.add(&Post::new(line.text), &self.analysis);
                continue;
            }
            let seed = RecordSeed {
                text_field: &args.text_field,
            };
            let record = match seed.deserialize(&mut serde_json::Deserializer::from_str(line.text))
            {
                Ok(record) => record,
                Err(e) => {
                    self.fail(line, format!("not a JSON object: {e}"));
                    continue;
                }
            };
            let Some(text) = record.text.as_deref() else {
                let error = match record.text_type {
                    Some(kind) => format!("field {:?} is {kind}, not a string", args.text_field),
                    None => format!("no field {:?}", args.text_field),
                };
                self.fail(line, error);
                continue;
            };
            let time = match &record.time {
                Some(Flex::Str(s)) => parse_time(s),
                Some(Flex::Num(n)) => time_from_seconds(*n),
                _ => None,
            };
            if time.is_none() && record.time.is_some() {
                self.bad_times += 1;
            }
            let post = Post {
                text,
                time,
                source: record.source.as_ref().and_then(Flex::as_text),
                author: record.author.as_ref().and_then(Flex::as_text),
                id: record.id.as_ref().and_then(Flex::as_text),
                title: record.title.as_ref().and_then(Flex::as_text),
                rating: match &record.rating {
                    Some(Flex::Num(n)) => Some(*n),
                    Some(Flex::Str(s)) => s.trim().parse().ok(),
                    _ => None,
                },
            };
            analyzer.analyze_with(text, &mut self.workspace, &mut self.analysis);
            self.report.add(&post, &self.analysis);
        }
    }

    fn fail(&mut self, line: &lines::Line<'_>, error: String) {
        self.messages
            .push(format!("{}:{}: {error}", line.source, line.number));
        self.failed += 1;
    }
}

/// A JSON value as the report reads it: a string (borrowed from the line when it has no
/// escapes), a number (ids and sources may be numbers too: written as text), or anything else.
enum Flex<'de> {
    Str(Cow<'de, str>),
    Num(f64),
    /// A number's text, for ids and sources written as numbers.
    NumText(String),
    Other(&'static str),
}

impl Flex<'_> {
    fn as_text(&self) -> Option<&str> {
        match self {
            Flex::Str(s) => Some(s),
            Flex::NumText(s) => Some(s),
            _ => None,
        }
    }
}

impl<'de> de::Deserialize<'de> for Flex<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Flex<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Flex<'de>, E> {
                Ok(Flex::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Flex<'de>, E> {
                Ok(Flex::Str(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Flex<'de>, E> {
                Ok(Flex::Str(Cow::Owned(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Flex<'de>, E> {
                // Whole seconds stay exact (an f64 holds integers to 2^53 exactly; beyond,
                // the text keeps every digit for ids).
                Ok(if v.unsigned_abs() < 1 << 53 {
                    Flex::Num(v as f64)
                } else {
                    Flex::NumText(v.to_string())
                })
            }
            fn visit_u64<E>(self, v: u64) -> Result<Flex<'de>, E> {
                Ok(if v < 1 << 53 {
                    Flex::Num(v as f64)
                } else {
                    Flex::NumText(v.to_string())
                })
            }
            fn visit_f64<E>(self, v: f64) -> Result<Flex<'de>, E> {
                Ok(Flex::Num(v))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Flex<'de>, E> {
                Ok(Flex::Other("a boolean"))
            }
            fn visit_unit<E>(self) -> Result<Flex<'de>, E> {
                Ok(Flex::Other("null"))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Flex<'de>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Flex::Other("an array"))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Flex<'de>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Flex::Other("an object"))
            }
        }
        d.deserialize_any(V)
    }
}

/// The fields of one JSONL record that the report reads (others are skipped unparsed).
#[derive(Default)]
struct Record<'de> {
    text: Option<Cow<'de, str>>,
    /// What the text field held when it was not a string.
    text_type: Option<&'static str>,
    time: Option<Flex<'de>>,
    source: Option<Flex<'de>>,
    author: Option<Flex<'de>>,
    id: Option<Flex<'de>>,
    title: Option<Flex<'de>>,
    rating: Option<Flex<'de>>,
}

/// Reads a [`Record`] whose text is in the field `text_field`.
struct RecordSeed<'a> {
    text_field: &'a str,
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Record<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Record<'de>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = Record<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record<'de>, A::Error> {
        let mut record = Record::default();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let key: &str = &key;
            if key == self.text_field {
                match map.next_value::<Flex<'de>>()? {
                    Flex::Str(s) => record.text = Some(s),
                    Flex::Num(_) | Flex::NumText(_) => record.text_type = Some("a number"),
                    Flex::Other(kind) => record.text_type = Some(kind),
                }
                continue;
            }
            let slot = match key {
                "time" => &mut record.time,
                "source" => &mut record.source,
                "author" => &mut record.author,
                "id" => &mut record.id,
                "title" => &mut record.title,
                "rating" => &mut record.rating,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = Some(map.next_value()?);
        }
        Ok(record)
    }
}

/// The progress bar: bytes read of the files' total (a spinner for standard input), drawn
/// only when stderr is a terminal.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new(files: &[std::path::PathBuf]) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let sizes: Option<u64> = if files.is_empty() {
            None
        } else {
            files
                .iter()
                .map(|f| {
                    (f.as_os_str() != "-")
                        .then(|| std::fs::metadata(f).ok().map(|m| m.len()))
                        .flatten()
                })
                .sum()
        };
        let bar = match sizes {
            Some(total) => {
                let bar = indicatif::ProgressBar::new(total);
                if let Ok(style) = indicatif::ProgressStyle::with_template(
                    "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
                ) {
                    bar.set_style(style);
                }
                bar
            }
            None => indicatif::ProgressBar::new_spinner(),
        };
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        Progress(Some(bar))
    }

    fn advance(&self, bytes: u64) {
        if let Some(bar) = &self.0 {
            bar.inc(bytes);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
