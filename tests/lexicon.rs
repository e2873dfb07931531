//! Lexicon files: the format, merging over the built-in lexicon, and one typed, line-numbered
//! error for every malformed case.

use earshot::lexicon::{Lexicon, LexiconOverlay};
use earshot::{Analyzer, ErrorKind, Preset};

#[path = "support/file_error.rs"]
mod file_error;
use file_error::assert_file_error;

#[test]
fn parses_comments_blank_lines_crlf_multiword_and_vader_columns() {
    let text = "# my terms\n\n#\nrefund\t-1.5\r\nWorks  Like a CHARM\t2.8\n#fail\t-2\ngreat\t3.1\t0.7\t[3, 3, 4]\nsick\tremove\n";
    let overlay = LexiconOverlay::parse(text).unwrap();
    let entries: Vec<(&str, Option<f64>)> = overlay.iter().collect();
    assert_eq!(
        entries,
        [
            ("refund", Some(-1.5)),
            // Lower-cased, inner whitespace collapsed.
            ("works like a charm", Some(2.8)),
            // "#fail" is a term: comments need "# ".
            ("#fail", Some(-2.0)),
            // VADER's own four-column lines are accepted; the extra columns are ignored.
            ("great", Some(3.1)),
            ("sick", None),
        ]
    );
}

#[test]
fn merging_adds_overrides_and_removes() {
    let overlay = LexiconOverlay::parse("refund\t-1.5\ngood\t0.5\nsick\tremove\n").unwrap();
    let mut lexicon = Lexicon::vader();
    let before = lexicon.len();
    lexicon.apply(&overlay).unwrap();
    assert_eq!(lexicon.get("refund"), Some(-1.5), "added");
    assert_eq!(lexicon.get("good"), Some(0.5), "overridden");
    assert_eq!(lexicon.get("sick"), None, "removed");
    assert_eq!(lexicon.len(), before, "one added, one removed");

    // Through the analyzer: the override changes the score, the removal silences the word.
    let analyzer = Analyzer::builder()
        .preset(Preset::Vader)
        .lexicon(&overlay)
        .build()
        .unwrap();
    assert_eq!(analyzer.sentiment("sick").compound, 0.0);
    assert!(analyzer.sentiment("refund").compound < 0.0);
    assert!(analyzer.sentiment("good").compound < Analyzer::vader().sentiment("good").compound);
}

#[test]
fn later_overlays_win() {
    let first = LexiconOverlay::parse("laggy\t-1.0\n").unwrap();
    let second = LexiconOverlay::parse("laggy\t-3.0\n").unwrap();
    let analyzer = Analyzer::builder()
        .preset(Preset::Vader)
        .lexicon(&first)
        .lexicon(&second)
        .build()
        .unwrap();
    let just_second = Analyzer::builder()
        .preset(Preset::Vader)
        .lexicon(&second)
        .build()
        .unwrap();
    assert_eq!(analyzer.sentiment("laggy"), just_second.sentiment("laggy"));
}

/// Each malformed input gives the expected kind, on the expected line, with a message that
/// says what is wrong.
#[test]
fn malformed_files_give_typed_line_numbered_errors() {
    let rows: &[(&str, ErrorKind, Option<usize>, &str)] = &[
        ("good\t1\nbad\n", ErrorKind::Columns, Some(2), "no tab"),
        ("good\t1\t2\n", ErrorKind::Columns, Some(1), "found 3"),
        ("good\t1\t2\t3\t4\n", ErrorKind::Columns, Some(1), "found 5"),
        ("# ok\n\t1.0\n", ErrorKind::BadTerm, Some(2), "empty term"),
        ("  \t1.0\n", ErrorKind::BadTerm, Some(1), "empty term"),
        (
            "good\tvery\n",
            ErrorKind::BadValence,
            Some(1),
            "not a number",
        ),
        ("good\t\n", ErrorKind::BadValence, Some(1), "not a number"),
        (
            "good\tNaN\n",
            ErrorKind::BadValence,
            Some(1),
            "not a finite",
        ),
        (
            "good\tinf\n",
            ErrorKind::BadValence,
            Some(1),
            "not a finite",
        ),
        (
            "good\t4.5\n",
            ErrorKind::OutOfRange,
            Some(1),
            "outside -4..4",
        ),
        (
            "good\t-9\n",
            ErrorKind::OutOfRange,
            Some(1),
            "outside -4..4",
        ),
        (
            "good\t1\nGOOD\t2\n",
            ErrorKind::Duplicate,
            Some(2),
            "already on line 1",
        ),
        (
            "good\t1\ngood\tremove\n",
            ErrorKind::Duplicate,
            Some(2),
            "already on line 1",
        ),
        ("", ErrorKind::Empty, None, "no entries"),
        ("# only comments\n\n", ErrorKind::Empty, None, "no entries"),
    ];
    for &(text, kind, line, message) in rows {
        let err = LexiconOverlay::parse(text).unwrap_err();
        assert_eq!(err.kind(), kind, "kind for {text:?}: {err}");
        assert_eq!(err.line(), line, "line for {text:?}: {err}");
        assert!(
            err.to_string().contains(message),
            "message for {text:?}: {err}"
        );
    }
}

#[test]
fn load_names_the_file_and_the_line() {
    let dir = std::env::temp_dir().join(format!("earshot-lexicon-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();

    let bad_value = dir.join("bad_value.tsv");
    std::fs::write(&bad_value, "good\t1\nbad\tworse\n").unwrap();
    let err = LexiconOverlay::load(&bad_value).unwrap_err();
    assert_eq!(err.path(), Some(bad_value.as_path()));
    assert_eq!(
        err.to_string(),
        format!(
            "{}:2: valence \"worse\" is not a number",
            bad_value.display()
        )
    );

    // Invalid UTF-8 on line 3.
    let bad_utf8 = dir.join("bad_utf8.tsv");
    std::fs::write(&bad_utf8, b"good\t1\nok\t1\nb\xffd\t-1\n").unwrap();
    let err = LexiconOverlay::load(&bad_utf8).unwrap_err();
    assert_eq!((err.kind(), err.line()), (ErrorKind::Utf8, Some(3)));
    assert!(
        std::error::Error::source(&err).is_some(),
        "keeps the UTF-8 error as its source"
    );

    let missing = dir.join("missing.tsv");
    let err = LexiconOverlay::load(&missing).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert!(err.to_string().contains("missing.tsv"));

    let good = dir.join("good.tsv");
    std::fs::write(&good, "laggy\t-1.8\n").unwrap();
    assert_eq!(LexiconOverlay::load(&good).unwrap().len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn code_api_validates_too() {
    // Setters chain and never fail; the first bad entry is reported where the overlay is used
    // (check, Lexicon::apply, AnalyzerBuilder::build), naming the term.
    for (term, valence, kind) in [
        ("meh", 5.0, ErrorKind::OutOfRange),
        ("   ", 1.0, ErrorKind::BadTerm),
        ("meh", f64::NAN, ErrorKind::BadValence),
    ] {
        let mut overlay = LexiconOverlay::new();
        overlay
            .set("fine", 1.0)
            .set(term, valence)
            .set("worse", 9.0);
        let err = overlay.check().unwrap_err();
        assert_eq!(err.kind(), kind, "{term:?} {valence}");
        assert!(err.to_string().contains(&format!("{term:?}")), "{err}");
        assert_eq!(overlay.len(), 1, "bad entries add nothing");
        assert_eq!(Lexicon::new().apply(&overlay).unwrap_err().kind(), kind);
        let built = earshot::Analyzer::builder().lexicon(&overlay).build();
        assert_eq!(built.unwrap_err().kind(), kind);
    }
    let mut lexicon = Lexicon::new();
    assert!(lexicon.insert("ok", -4.0).is_ok());
    assert_eq!(
        lexicon.remove("OK"),
        Some(-4.0),
        "removal is case-insensitive"
    );
}

#[test]
fn public_types_are_send_sync() {
    fn check<T: Send + Sync>() {}
    check::<Lexicon>();
    check::<LexiconOverlay>();
    check::<earshot::Error>();
    check::<Analyzer>();
}

/// Writes `content` to a file of its own under the temp directory (named after the test and
/// the process, so parallel runs never share one), loads it, removes it, and checks the error:
/// its kind, its line, the file it names, and a Display of `file:line: message` (or
/// `file: message` without a line) whose message contains `message`.
fn check_load_error(
    test: &str,
    content: &[u8],
    kind: ErrorKind,
    line: Option<usize>,
    message: &str,
) {
    let path =
        std::env::temp_dir().join(format!("earshot-lexicon-{}-{test}.tsv", std::process::id()));
    std::fs::write(&path, content).unwrap();
    let result = LexiconOverlay::load(&path);
    std::fs::remove_file(&path).unwrap();
    let err = result.expect_err("a malformed file must not load");
    assert_file_error(&err, &path, kind, line, message);
}

/// One test per malformed lexicon file: `name, content, kind, line, message`.
macro_rules! bad_lexicon_file {
    ($($name:ident: $content:expr, $kind:ident, $line:expr, $message:expr;)*) => {$(
        #[test]
        fn $name() {
            let content: &[u8] = $content.as_ref();
            check_load_error(stringify!($name), content, ErrorKind::$kind, $line, $message);
        }
    )*};
}

bad_lexicon_file! {
    file_line_without_tab: "good\t1\nbad -1\n", Columns, Some(2), "found no tab";
    file_three_columns: "good\t1\nbad\t-1\textra\n", Columns, Some(2), "found 3";
    file_five_columns: "good\t1\t0.5\t[1]\tx\n", Columns, Some(1), "found 5";
    file_empty_term: "good\t1\n \t-1\n", BadTerm, Some(2), "empty term";
    file_word_valence: "good\t1\nbad\tquite bad\n", BadValence, Some(2), "valence \"quite bad\" is not a number";
    file_missing_valence: "good\t\n", BadValence, Some(1), "valence \"\" is not a number";
    file_decimal_comma: "good\t1,5\n", BadValence, Some(1), "valence \"1,5\" is not a number";
    file_unicode_minus: "bad\t\u{2212}1\n", BadValence, Some(1), "is not a number";
    file_nan_valence: "# c\ngood\tNaN\n", BadValence, Some(2), "valence \"NaN\" is not a finite number";
    file_inf_valence: "good\tinf\n", BadValence, Some(1), "valence \"inf\" is not a finite number";
    file_negative_inf_valence: "bad\t-infinity\n", BadValence, Some(1), "is not a finite number";
    file_overflowing_valence: "good\t1e400\n", BadValence, Some(1), "valence \"1e400\" is not a finite number";
    file_valence_above_range: "good\t4.0001\n", OutOfRange, Some(1), "valence 4.0001 is outside -4..4";
    file_valence_below_range: "ok\t1\nbad\t-9\n", OutOfRange, Some(2), "valence -9 is outside -4..4";
    file_vader_columns_out_of_range: "bad\t-4.5\t0.5\t[-4, -5]\n", OutOfRange, Some(1), "outside -4..4";
    file_duplicate_term: "good\t1\n\nGood\t2\n", Duplicate, Some(3), "term \"good\" is already on line 1";
    file_duplicate_after_whitespace_collapse: "works like\t1\nworks   like\t2\n", Duplicate, Some(2), "already on line 1";
    file_duplicate_removal: "sick\tremove\nsick\t1\n", Duplicate, Some(2), "already on line 1";
    file_duplicate_with_crlf: "good\t1\r\ngood\t1\r\n", Duplicate, Some(2), "already on line 1";
    file_bad_utf8: b"good\t1\n# fine\nb\xe9d\t-1\n", Utf8, Some(3), "not valid UTF-8";
    file_truncated_utf8: b"good\t1\ncaf\xc3", Utf8, Some(2), "not valid UTF-8";
    file_utf16: b"\xff\xfeg\x00o\x00", Utf8, Some(1), "not valid UTF-8";
    file_empty: "", Empty, None, "no entries";
    file_only_comments_and_blanks: "# mine\n\n#\n   \n", Empty, None, "no entries";
    file_only_byte_order_mark: "\u{FEFF}", Empty, None, "no entries";
}

/// A file that cannot be read: an `Io` error naming the file, with the OS error as its source.
#[test]
fn file_missing_or_a_directory() {
    let missing = std::env::temp_dir().join(format!(
        "earshot-lexicon-{}-missing.tsv",
        std::process::id()
    ));
    let dir = std::env::temp_dir();
    for path in [missing.as_path(), dir.as_path()] {
        let err = LexiconOverlay::load(path).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Io, "{err}");
        assert_eq!(err.line(), None);
        assert_eq!(err.path(), Some(path));
        assert!(
            err.to_string()
                .starts_with(&format!("{}: cannot read: ", path.display())),
            "{err}"
        );
        assert!(std::error::Error::source(&err).is_some());
    }
}

/// A byte-order mark at the start of a file (Windows editors) is skipped, not glued to the
/// first term where it would never match.
#[test]
fn file_with_byte_order_mark_loads() {
    let path = std::env::temp_dir().join(format!("earshot-lexicon-{}-bom.tsv", std::process::id()));
    std::fs::write(&path, "\u{FEFF}laggy\t-1.8\nsick\tremove\n").unwrap();
    let overlay = LexiconOverlay::load(&path);
    std::fs::remove_file(&path).unwrap();
    let entries: Vec<(&str, Option<f64>)> = overlay.as_ref().unwrap().iter().collect();
    assert_eq!(entries, [("laggy", Some(-1.8)), ("sick", None)]);
}
