//! The check every test of a malformed file makes (lexicon files in `tests/lexicon.rs`, category
//! configurations in `tests/config_errors.rs`): one rule for what a file error must say.

use std::path::Path;

use earshot::{Error, ErrorKind};

/// `err` has the kind `kind`, the line `line`, names the file `path`, and displays as
/// `file:line: message` (or `file: message` without a line) with a message containing
/// `message`.
pub fn assert_file_error(
    err: &Error,
    path: &Path,
    kind: ErrorKind,
    line: Option<usize>,
    message: &str,
) {
    assert_eq!(err.kind(), kind, "{err}");
    assert_eq!(err.line(), line, "{err}");
    assert_eq!(err.path(), Some(path), "{err}");
    let prefix = match line {
        Some(l) => format!("{}:{l}: ", path.display()),
        None => format!("{}: ", path.display()),
    };
    let shown = err.to_string();
    assert!(
        shown.starts_with(&prefix) && shown[prefix.len()..].contains(message),
        "{shown:?} should be {prefix:?} then a message with {message:?}"
    );
}
