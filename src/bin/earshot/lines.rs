//! Line-by-line input: bounded memory (one line at a time), CRLF endings, lossy UTF-8 with a
//! warning naming the file and line, and a count of the lines that failed.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::process::ExitCode;

use crate::Failure;

/// The warning attached to a line that was decoded lossily.
const LOSSY: &str = "invalid UTF-8, decoded lossily";

/// One input source.
pub struct Input {
    name: String,
    reader: Box<dyn BufRead>,
}

impl Input {
    /// Opens every named file up front, so an unreadable file fails before any output; no
    /// names means standard input.
    pub fn open_all(files: &[String]) -> Result<Vec<Input>, Failure> {
        if files.is_empty() {
            return Ok(vec![Input::stdin()]);
        }
        files
            .iter()
            .map(|name| {
                if name == "-" {
                    return Ok(Input::stdin());
                }
                let file = File::open(name)
                    .map_err(|e| Failure::Usage(format!("cannot read {name}: {e}")))?;
                Ok(Input {
                    name: name.clone(),
                    reader: Box::new(BufReader::with_capacity(1 << 16, file)),
                })
            })
            .collect()
    }

    fn stdin() -> Input {
        Input {
            name: "<stdin>".into(),
            reader: Box::new(BufReader::with_capacity(1 << 16, io::stdin())),
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

/// Calls `handle` for every line of every input, in order.
pub fn for_each_line(
    inputs: Vec<Input>,
    mut handle: impl FnMut(Line<'_>) -> io::Result<Outcome>,
) -> Result<Summary, Failure> {
    let mut summary = Summary::default();
    let mut buf = Vec::new();
    for mut input in inputs {
        let mut number = 0u64;
        loop {
            buf.clear();
            let read = input
                .reader
                .read_until(b'\n', &mut buf)
                .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", input.name)))?;
            if read == 0 {
                break;
            }
            number += 1;
            if buf.last() == Some(&b'\n') {
                buf.pop();
                if buf.last() == Some(&b'\r') {
                    buf.pop();
                }
            }
            let text = String::from_utf8_lossy(&buf);
            let warning = match text {
                Cow::Owned(_) => {
                    eprintln!("earshot: {}:{number}: {LOSSY}", input.name);
                    Some(LOSSY)
                }
                Cow::Borrowed(_) => None,
            };
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
