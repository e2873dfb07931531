//! Line-by-line input: bounded memory (one line, or one bounded batch of lines, at a time),
//! CRLF endings, lossy UTF-8 with a warning naming the file and line, and a count of the lines
//! that failed.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::Failure;

/// The warning attached to a line that was decoded lossily.
const LOSSY: &str = "invalid UTF-8, decoded lossily";

/// A buffered reader that says whether it has input at hand (without blocking).
trait Source: BufRead {
    fn has_buffered(&self) -> bool;
}

impl<R: io::Read> Source for BufReader<R> {
    fn has_buffered(&self) -> bool {
        !self.buffer().is_empty()
    }
}

/// One input source.
pub struct Input {
    name: String,
    reader: Box<dyn Source>,
    /// Standard input, which may be a live stream: a batch ends when no more input is at hand,
    /// so answers never wait for lines that have not been written yet.
    live: bool,
}

impl Input {
    /// Opens every named file up front, so an unreadable file fails before any output; no
    /// names means standard input.
    pub fn open_all(files: &[PathBuf]) -> Result<Vec<Input>, Failure> {
        if files.is_empty() {
            return Ok(vec![Input::stdin()]);
        }
        files
            .iter()
            .map(|path| {
                if path.as_os_str() == "-" {
                    return Ok(Input::stdin());
                }
                // Names in messages are the path as given (lossily, if it is not UTF-8).
                let name = path.display().to_string();
                let file = File::open(path)
                    .map_err(|e| Failure::input(format!("cannot read {name}: {e}")))?;
                Ok(Input {
                    name,
                    reader: Box::new(BufReader::with_capacity(1 << 16, file)),
                    live: false,
                })
            })
            .collect()
    }

    fn stdin() -> Input {
        Input {
            name: "<stdin>".into(),
            reader: Box::new(BufReader::with_capacity(1 << 16, io::stdin())),
            live: true,
        }
    }
}

/// One line handed to the caller.
pub struct Line<'a> {
    /// The line without its ending, decoded (lossily if needed).
    pub text: &'a str,
    /// Where the line comes from, for messages.
    pub source: &'a str,
    /// 1-based line number in its source.
    pub number: u64,
    /// Set when the line was not valid UTF-8 and was decoded lossily.
    pub warning: Option<&'static str>,
}

impl Line<'_> {
    /// Reports a line that could not be handled: on stderr, and as `{"error": ...}` on `out`.
    pub fn fail(&self, out: &mut impl Write, error: &str) -> io::Result<Outcome> {
        eprintln!("earshot: {}:{}: {error}", self.source, self.number);
        serde_json::to_writer(&mut *out, &serde_json::json!({ "error": error }))?;
        Ok(Outcome::Failed)
    }
}

/// What the caller made of a line.
pub enum Outcome {
    /// The line was handled.
    Done,
    /// The line could not be handled; its output line holds an `"error"`.
    Failed,
}

/// How a whole run went.
#[derive(Default)]
pub struct Summary {
    failed: u64,
}

impl Summary {
    /// 0 when every line was handled, 1 when some failed.
    pub fn exit_code(&self) -> ExitCode {
        if self.failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        }
    }
}

/// Reads the next line of `input` into `buf` without its ending; false at the end.
fn read_line(input: &mut Input, buf: &mut Vec<u8>) -> Result<bool, Failure> {
    buf.clear();
    let read = input
        .reader
        .read_until(b'\n', buf)
        .map_err(|e| Failure::input(format!("cannot read {}: {e}", input.name)))?;
    if read == 0 {
        return Ok(false);
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
    Ok(true)
}

/// `bytes` decoded, lossily with a warning on stderr if they are not UTF-8.
fn decode<'a>(bytes: &'a [u8], source: &str, number: u64) -> (Cow<'a, str>, Option<&'static str>) {
    let text = String::from_utf8_lossy(bytes);
    let warning = match text {
        Cow::Owned(_) => {
            eprintln!("earshot: {source}:{number}: {LOSSY}");
            Some(LOSSY)
        }
        Cow::Borrowed(_) => None,
    };
    (text, warning)
}

/// Calls `handle` for every line of every input, in order.
pub fn for_each_line(
    inputs: Vec<Input>,
    mut handle: impl FnMut(Line<'_>) -> io::Result<Outcome>,
) -> Result<Summary, Failure> {
    let mut summary = Summary::default();
    let mut buf = Vec::new();
    for mut input in inputs {
        let mut number = 0u64;
        while read_line(&mut input, &mut buf)? {
            number += 1;
            let (text, warning) = decode(&buf, &input.name, number);
            let line = Line {
                text: &text,
                source: &input.name,
                number,
                warning,
            };
            if let Outcome::Failed = handle(line)? {
                summary.failed += 1;
            }
        }
    }
    Ok(summary)
}

/// Lines read ahead, to be handled together (on several threads), then answered in order.
#[derive(Default)]
pub struct Batch {
    /// The lines' texts, one after another.
    text: String,
    /// Per line: its range in `text`, its source (index in `sources`), number and warning.
    lines: Vec<(usize, usize, usize, u64, Option<&'static str>)>,
    sources: Vec<String>,
}

impl Batch {
    /// The lines, in order.
    pub fn lines(&self) -> impl Iterator<Item = Line<'_>> {
        self.lines
            .iter()
            .map(|&(a, b, source, number, warning)| Line {
                text: &self.text[a..b],
                source: &self.sources[source],
                number,
                warning,
            })
    }

    fn clear(&mut self) {
        self.text.clear();
        self.lines.clear();
    }
}

/// A batch is handled once it holds this many bytes (or lines): enough work to share between
/// threads, little enough memory. A longer line makes a batch of its own.
const BATCH_BYTES: usize = 4 << 20;
const BATCH_LINES: usize = 1 << 15;

/// Reads every input in batches of lines and calls `handle` on each, in order; `handle` says
/// how many of the batch's lines failed. Memory is bounded by the batch size (or the longest
/// line); standard input is answered as it arrives.
pub fn for_each_batch(
    inputs: Vec<Input>,
    mut handle: impl FnMut(&Batch) -> io::Result<u64>,
) -> Result<Summary, Failure> {
    let mut summary = Summary::default();
    let mut batch = Batch::default();
    let mut buf = Vec::new();
    for mut input in inputs {
        let source = batch.sources.len();
        batch.sources.push(input.name.clone());
        let mut number = 0u64;
        loop {
            let more = match read_line(&mut input, &mut buf) {
                Ok(more) => more,
                Err(e) => {
                    // Answer what was read before reporting the failure.
                    handle(&batch)?;
                    return Err(e);
                }
            };
            if !more {
                break;
            }
            number += 1;
            let (text, warning) = decode(&buf, &input.name, number);
            let start = batch.text.len();
            batch.text.push_str(&text);
            batch
                .lines
                .push((start, batch.text.len(), source, number, warning));
            let waiting = input.live && !input.reader.has_buffered();
            if waiting || batch.text.len() >= BATCH_BYTES || batch.lines.len() >= BATCH_LINES {
                summary.failed += handle(&batch)?;
                batch.clear();
            }
        }
    }
    if !batch.lines.is_empty() {
        summary.failed += handle(&batch)?;
    }
    Ok(summary)
}
