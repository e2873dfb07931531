//! `earshot`: the command-line face of the library. One text per input line, one JSON value per
//! output line, in order. See `earshot --help`.

mod lines;

use std::io::{self, Write};
use std::process::ExitCode;

use lines::{Input, Outcome};

const USAGE: &str = "\
earshot — listen to customers: tokens, sentiment and feedback categories, one JSON line per input line

usage:
  earshot tokenize [FILE...]    one JSON array of tokens per input line
  earshot --help | --version

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
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            eprintln!("earshot: {e}");
            ExitCode::from(2)
        }
    }
}

enum Failure {
    Usage(String),
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

/// Serializes the tokens of a line as a JSON array without collecting them first.
struct TokensJson<'a>(&'a str);

impl serde::Serialize for TokensJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(earshot::tokenize(self.0))
    }
}
