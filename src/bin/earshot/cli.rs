//! What `earshot` accepts: the commands and their options (clap's derive API, which also writes
//! `--help` for each command), the shorthand `earshot FILE...`, and usage errors in one line
//! plus a hint instead of clap's multi-line report.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::Failure;

const USAGE: &str = "\
earshot analyze [OPTIONS] [FILE]...
       earshot report [OPTIONS] [FILE]...
       earshot tokenize [FILE]...
       earshot FILE...    (shorthand for `earshot analyze FILE...`)";

const AFTER_HELP: &str = "\
Reads standard input when no FILE is given (or FILE is -); `--` ends the options. Invalid UTF-8
is decoded lossily and reported on stderr with its file and line number; every input line gets
exactly one output line, in order.

Exit status: 0 all lines handled, 1 some lines failed, 2 bad usage or unreadable input.";

const TOKENIZE_HELP: &str = "\
Reads standard input when no FILE is given (or FILE is -); `--` ends the options. Invalid UTF-8
is decoded lossily and reported on stderr with its file and line number; every input line gets
exactly one output line, in order.

Exit status: 0 all lines handled, 2 bad usage or unreadable input.";

const ANALYZE_HELP: &str = "\
Reads standard input when no FILE is given (or FILE is -); `--` ends the options. Invalid UTF-8
is decoded lossily, analysed, reported on stderr with its file and line number, and marked with
a \"warning\"; every input line gets exactly one output line, in order.

Exit status: 0 all lines analysed, 1 some lines failed, 2 bad usage or unreadable input.";

const ANALYZE_LONG_HELP: &str = "\
Reads standard input when no FILE is given (or FILE is -); `--` ends the options. Invalid UTF-8
is decoded lossily, analysed, reported on stderr with its file and line number, and marked with
a \"warning\"; every input line gets exactly one output line, in order.

Output keys, in this order: with --jsonl the input record's own fields, in their input order;
then \"sentiment\", \"categories\", \"aspects\", \"contributions\" (with --explain),
\"sentences\" (with --explain or --sentences); then \"target\" (with --jsonl, for a record with
a \"target\" field, or \"target_start\" and \"target_end\" byte offsets: the sentiment toward
it); then \"warning\" (lossy UTF-8 only). Scores are printed at one
precision: valences (compound, a word's) at 4 decimals, proportions and confidences at 3. An input field of one of these names is replaced by earshot's. A --jsonl line that
cannot be analysed gets {\"error\": \"...\"} instead, and a message on stderr.

With --jsonl, two optional fields help the categories of reviews and tickets: \"title\" (a
string: read as more sentences; evidence found there is marked \"part\": \"title\") and
\"rating\" (a number of stars out of 5; null or absent: none).

Exit status: 0 all lines analysed, 1 some lines failed, 2 bad usage or unreadable input.";

/// earshot — listen to customers: tokens, sentiment and feedback categories, one JSON line per
/// input line.
#[derive(Parser)]
#[command(
    name = "earshot",
    version,
    override_usage = USAGE,
    after_help = AFTER_HELP,
    subcommand_required = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// A command and its arguments.
#[derive(Subcommand)]
pub enum Command {
    /// One JSON object per input line: sentiment, feedback categories and aspects
    #[command(after_help = ANALYZE_HELP, after_long_help = ANALYZE_LONG_HELP)]
    Analyze(AnalyzeArgs),
    /// One JSON array of tokens per input line, with byte offsets into the line
    #[command(after_help = TOKENIZE_HELP)]
    Tokenize(TokenizeArgs),
    /// The listening report of all input lines: report.json and a self-contained report.html
    #[command(after_help = REPORT_HELP)]
    Report(ReportArgs),
}

const REPORT_HELP: &str = "\
Reads standard input when no FILE is given (or FILE is -). With --jsonl each line is a JSON
object: \"text\" (or --text-field), and optionally \"time\" (RFC 3339 or Unix seconds),
\"source\", \"author\", \"id\", \"title\", \"rating\". Writes DIR/report.json and
DIR/report.html (one self-contained page: inline SVG charts, no script, no network). A progress
bar is drawn on stderr when it is a terminal.

Exit status: 0 all lines reported, 1 some lines failed (the report holds the others), 2 bad
usage, unreadable input or an unwritable output directory.";

/// Options of `earshot report`.
#[derive(Args)]
pub struct ReportArgs {
    /// Directory to write report.json and report.html into (created if missing)
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,

    /// Input lines are JSON objects (text, time, source, author, id, title, rating)
    #[arg(long, overrides_with = "jsonl")]
    pub jsonl: bool,

    /// The field holding the text with --jsonl
    #[arg(
        long,
        value_name = "NAME",
        requires = "jsonl",
        default_value = "text",
        value_parser = Utf8,
        overrides_with = "text_field"
    )]
    pub text_field: String,

    #[command(flatten)]
    pub analyzer: AnalyzerArgs,

    /// Input files (none, or -: standard input)
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// The options that choose the analyzer, shared by `earshot analyze` and `earshot report`.
#[derive(Args, Clone)]
pub struct AnalyzerArgs {
    /// Rule set (vader: vaderSentiment 3.3.2's scores exactly)
    #[arg(
        long,
        value_name = "NAME",
        value_enum,
        default_value_t,
        overrides_with = "preset"
    )]
    pub preset: PresetName,

    /// Merge a lexicon file (term<TAB>valence|remove) over the built-in one; repeatable, later
    /// files win
    #[arg(long = "lexicon", value_name = "FILE")]
    pub lexicons: Vec<PathBuf>,

    /// A JSON configuration file (add, replace or switch off categories and the other
    /// stages' settings); --categories is another name for it
    #[arg(long, value_name = "FILE", alias = "categories")]
    pub config: Option<PathBuf>,
}

/// Options of `earshot analyze`.
#[derive(Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub analyzer: AnalyzerArgs,

    /// Add each word's contribution, and each sentence's sentiment, to the output
    #[arg(long, overrides_with = "explain")]
    pub explain: bool,

    /// Add each sentence's sentiment to the output
    #[arg(long, overrides_with = "sentences")]
    pub sentences: bool,

    /// Input lines are JSON objects; their other fields are copied through. Optional "title"
    /// and "rating" (stars out of 5) help the categories, and a "target" field (with
    /// "target_start"/"target_end" byte offsets when it occurs more than once) asks for the
    /// sentiment toward it
    #[arg(long, overrides_with = "jsonl")]
    pub jsonl: bool,

    /// The field holding the text with --jsonl
    #[arg(
        long,
        value_name = "NAME",
        requires = "jsonl",
        default_value = "text",
        value_parser = Utf8,
        overrides_with = "text_field"
    )]
    pub text_field: String,

    /// Input files (none, or -: standard input)
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// Options of `earshot tokenize`.
#[derive(Args)]
pub struct TokenizeArgs {
    /// Input files (none, or -: standard input)
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// `--preset`: the rule sets, as the command line names them.
#[derive(Clone, Copy, Default, ValueEnum)]
pub enum PresetName {
    /// earshot's own rules
    #[default]
    Default,
    /// vaderSentiment 3.3.2's polarity_scores exactly, quirks included
    Vader,
}

/// A value that must be text: a clean usage error naming the option when it is not UTF-8 (clap's
/// own says only that some argument was not).
#[derive(Clone)]
struct Utf8;

impl TypedValueParser for Utf8 {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        value.to_str().map(str::to_owned).ok_or_else(|| {
            let mut e = clap::Error::new(ErrorKind::InvalidUtf8).with_cmd(cmd);
            if let Some(arg) = arg {
                e.insert(
                    ContextKind::InvalidArg,
                    ContextValue::String(arg.to_string()),
                );
            }
            let value = value.to_string_lossy().into_owned();
            e.insert(ContextKind::InvalidValue, ContextValue::String(value));
            e
        })
    }
}

/// The commands' names (`help` aside), for messages.
fn command_names() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

/// The hint after an error that is not about one command.
fn general_hint() -> String {
    format!(
        "commands are {}; see 'earshot --help'",
        command_names().join(", ")
    )
}

/// What the command line asks for.
pub enum Parsed {
    Run(Command),
    /// Help or the version was asked for, and printed.
    Printed,
}

/// Parses the arguments (without the program name). `earshot FILE...` is read as `earshot
/// analyze FILE...`; a first argument that is neither a command nor a file is reported as the
/// file that cannot be read, with a hint naming the commands.
pub fn parse(mut args: Vec<OsString>) -> Result<Parsed, Failure> {
    let Some(first) = args.first() else {
        return Err(Failure::usage("no command given", general_hint()));
    };
    let names = command_names();
    let is_command = first
        .to_str()
        .is_some_and(|s| s == "help" || names.iter().any(|n| n == s));
    let is_option = first.as_encoded_bytes().starts_with(b"-") && first != "-";
    if !is_command && !is_option {
        // The shorthand. A missing first file is more likely a mistyped command: say both.
        if first != "-"
            && let Err(e) = std::fs::metadata(first)
        {
            // clap knows which command, if any, the word looks like.
            let argv = [OsStr::new("earshot"), first];
            let suggestion = Cli::try_parse_from(argv)
                .err()
                .and_then(|e| context(&e, ContextKind::SuggestedSubcommand))
                .map(|s| format!("did you mean '{s}'? "))
                .unwrap_or_default();
            return Err(Failure::Input {
                message: format!("cannot read {}: {e}", first.to_string_lossy()),
                hint: Some(format!("{suggestion}{}", general_hint())),
            });
        }
        args.insert(0, "analyze".into());
    }
    // The command whose options are parsed, for messages (the commands have no subcommands,
    // and `earshot` itself has no options with values).
    let command = args[0]
        .to_str()
        .filter(|s| names.iter().any(|n| n == s))
        .map(str::to_owned);
    let argv = std::iter::once(OsString::from("earshot")).chain(args);
    match Cli::try_parse_from(argv) {
        Ok(cli) => Ok(Parsed::Run(cli.command)),
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            // Help goes to stdout; a closed pipe (`earshot --help | head -1`) is not an error.
            let _ = e.print();
            Ok(Parsed::Printed)
        }
        Err(e) => Err(usage_failure(&e, command.as_deref())),
    }
}

/// A clap error as one line and a hint.
fn usage_failure(e: &clap::Error, command: Option<&str>) -> Failure {
    let hint = match command {
        Some(c) => format!("see 'earshot {c} --help'"),
        None => general_hint(),
    };
    Failure::usage(usage_message(e, command), hint)
}

/// The text of a context value, lists joined with `, `.
fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) if !v.is_empty() => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) if !v.is_empty() => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An argument as clap shows it in errors (`--preset <NAME>`, `[FILE]...`) without its value
/// name or brackets (`--preset`, `FILE`).
fn option_name(arg: &str) -> &str {
    if arg.starts_with('-') {
        arg.split([' ', '=']).next().unwrap_or(arg)
    } else {
        arg.trim_end_matches("...")
            .trim_matches(['[', ']', '<', '>'])
    }
}

/// The one-line message for a usage error.
fn usage_message(e: &clap::Error, command: Option<&str>) -> String {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue);
    let in_command = command.map(|c| format!(" for {c}")).unwrap_or_default();
    let mut message = match e.kind() {
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            format!("unknown option {arg}{in_command}")
        }
        ErrorKind::UnknownArgument => format!("unexpected argument {arg:?}{in_command}"),
        ErrorKind::InvalidSubcommand => {
            let sub = context(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("unknown command {sub:?}")
        }
        ErrorKind::MissingSubcommand => "no command given".into(),
        ErrorKind::InvalidValue if value.as_deref().is_none_or(str::is_empty) => {
            if arg.starts_with('-') {
                format!("{} needs a value", option_name(&arg))
            } else {
                format!("an empty {} name", option_name(&arg))
            }
        }
        ErrorKind::InvalidValue => format!(
            "invalid value {:?} for {}",
            value.unwrap_or_default(),
            option_name(&arg)
        ),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| format!(": {s}"))
                .unwrap_or_default();
            format!("bad value for {}{why}", option_name(&arg))
        }
        ErrorKind::MissingRequiredArgument if arg.contains("--jsonl") => {
            // `requires`: the only one is --text-field's.
            "--text-field only makes sense with --jsonl".into()
        }
        ErrorKind::MissingRequiredArgument => format!("{arg} is required"),
        ErrorKind::ArgumentConflict => {
            let prior = context(e, ContextKind::PriorArg).unwrap_or_default();
            if prior == arg {
                format!("{} may be given only once", option_name(&arg))
            } else {
                format!(
                    "{} cannot be used with {}",
                    option_name(&arg),
                    option_name(&prior)
                )
            }
        }
        ErrorKind::InvalidUtf8 if !arg.is_empty() => format!(
            "the value of {} is not valid UTF-8: {:?}",
            option_name(&arg),
            value.unwrap_or_default()
        ),
        ErrorKind::NoEquals => format!("{} needs its value after '='", option_name(&arg)),
        ErrorKind::TooManyValues => format!("{} takes no value", option_name(&arg)),
        _ => first_line(e),
    };
    if let Some(valid) = context(e, ContextKind::ValidValue) {
        message.push_str(&format!(" (expected one of: {valid})"));
    }
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        if let Some(suggestion) = context(e, kind) {
            message.push_str(&format!("; did you mean {suggestion}?"));
        }
    }
    message
}

/// The first line of clap's own report, without its `error: ` prefix.
fn first_line(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let line = text.lines().next().unwrap_or("bad usage");
    line.strip_prefix("error: ").unwrap_or(line).to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
