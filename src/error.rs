//! The one error type of the crate: what went wrong while loading a lexicon or a category
//! configuration, and where.

use std::fmt;
use std::path::{Path, PathBuf};

/// An error loading a lexicon or a configuration file: which file, which line, what is wrong.
///
/// ```
/// use earshot::lexicon::LexiconOverlay;
///
/// let err = LexiconOverlay::parse("great\t3.1\nawful\tvery bad\n").unwrap_err();
/// assert_eq!(err.line(), Some(2));
/// assert_eq!(err.kind(), earshot::ErrorKind::BadValence);
/// assert_eq!(err.to_string(), "line 2: valence \"very bad\" is not a number");
/// ```
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
    line: Option<usize>,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

/// The kinds of [`Error`], for callers that want to react to one in particular.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read.
    Io,
    /// The file is not valid UTF-8.
    Utf8,
    /// A line does not have the expected columns.
    Columns,
    /// A term is empty or otherwise unusable.
    BadTerm,
    /// A valence is not a finite number.
    BadValence,
    /// A valence is outside the allowed range.
    OutOfRange,
    /// A term appears twice in one file.
    Duplicate,
    /// The file holds no entries.
    Empty,
    /// A configuration file is malformed or has an unknown field.
    Config,
    /// The report's page could not be drawn (a chart or the template failed).
    Render,
    /// Bytes that should hold a report's state do not (`Report::from_bytes`).
    State,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, line: Option<usize>, message: impl Into<String>) -> Error {
        Error {
            kind,
            path: None,
            line,
            message: message.into(),
            source: None,
        }
    }

    pub(crate) fn with_source(
        mut self,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Error {
        self.source = Some(Box::new(source));
        self
    }

    pub(crate) fn in_file(mut self, path: &Path) -> Error {
        self.path = Some(path.to_path_buf());
        self
    }

    /// The error with `context` (what was being read) before its message.
    pub(crate) fn with_context(mut self, context: impl fmt::Display) -> Error {
        self.message = format!("{context}: {}", self.message);
        self
    }

    /// What kind of problem this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The 1-based line the problem is on, when it is on one line.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// The file the problem is in, when the input came from a file.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.line) {
            (Some(p), Some(l)) => write!(f, "{}:{l}: ", p.display())?,
            (Some(p), None) => write!(f, "{}: ", p.display())?,
            (None, Some(l)) => write!(f, "line {l}: ")?,
            (None, None) => {}
        }
        f.write_str(&self.message)
    }
}

/// The text of the file at `path`: an [`ErrorKind::Io`] error if it cannot be read, an
/// [`ErrorKind::Utf8`] error with the line of the first bad byte if it is not UTF-8 (both naming
/// the file).
pub(crate) fn read_utf8_file(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| {
        Error::new(ErrorKind::Io, None, format!("cannot read: {e}"))
            .with_source(e)
            .in_file(path)
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        Error::new(ErrorKind::Utf8, Some(line), "not valid UTF-8")
            .with_source(e)
            .in_file(path)
    })
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}
