//! Category configuration files (issue 7): one typed error per malformed case, naming the file,
//! the line and the problem; and the checks that can only run when the configuration is
//! applied (`ClassifierBuilder::build`), which name the category, group and pattern.

use earshot::Config;
use earshot::ErrorKind;
use earshot::classifier::{Classifier, CueGroup};

#[path = "support/file_error.rs"]
mod file_error;
use file_error::assert_file_error;

/// Writes `content` to a file of its own under the temp directory (named after the test and
/// the process), loads it as a configuration, removes it, and returns the result.
fn load(test: &str, content: &[u8]) -> Result<Config, earshot::Error> {
    let path = temp_path(test);
    std::fs::write(&path, content).unwrap();
    let result = Config::load(&path);
    std::fs::remove_file(&path).unwrap();
    result
}

fn temp_path(test: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("earshot-config-{}-{test}.json", std::process::id()))
}

/// Checks the error of loading `content`: kind, line, the file it names, and a Display of
/// `file:line: message` (or `file: message`) whose message contains `message`.
fn check_load_error(
    test: &str,
    content: &[u8],
    kind: ErrorKind,
    line: Option<usize>,
    message: &str,
) {
    let err = load(test, content).expect_err("a malformed configuration must not load");
    let path = temp_path(test);
    assert_file_error(&err, &path, kind, line, message);
}

/// One test per malformed configuration file: `name, content, kind, line, message`.
macro_rules! bad_config_file {
    ($($name:ident: $content:expr, $kind:ident, $line:expr, $message:expr;)*) => {$(
        #[test]
        fn $name() {
            let content: &[u8] = $content.as_ref();
            check_load_error(stringify!($name), content, ErrorKind::$kind, $line, $message);
        }
    )*};
}

bad_config_file! {
    empty_file: "", Empty, None, "no configuration";
    whitespace_only_file: " \n\t\n", Empty, None, "no configuration";
    bad_utf8: b"{\n  \"competitors\": [\"Glob\xe9x\"]\n}\n", Utf8, Some(2), "not valid UTF-8";
    trailing_comma: "{\n  \"competitors\": [\"Globex\",],\n  \"disable\": []\n}\n",
        Config, Some(2), "trailing comma";
    truncated_json: "{\n  \"competitors\": [\"Globex\"\n", Config, Some(3), "EOF while parsing";
    not_an_object: "\n[\"Globex\"]\n", Config, Some(2), "expected a JSON object";
    comment_in_json: "{\n  // our rivals\n  \"competitors\": []\n}\n", Config, Some(2), "key must be a string";
    unknown_top_level_field: "{\n  \"competitor\": [\"Globex\"]\n}\n",
        Config, Some(2), "unknown field `competitor`";
    unknown_category_field: "{\"categories\": [\n  {\"label\": \"billing\",\n   \"treshold\": 0.6}\n]}\n",
        Config, Some(3), "unknown field `treshold`";
    unknown_cue_group_field: "{\"categories\": [{\"label\": \"billing\", \"cues\": [\n  {\"name\": \"g\", \"weight\": 3, \"pattern\": [\"invoice\"]}\n]}]}\n",
        Config, Some(2), "unknown field `pattern`";
    missing_label: "{\"categories\": [\n  {\"description\": \"no label\"}\n]}\n",
        Config, Some(2), "missing field `label`";
    missing_weight: "{\"cues\": [\n  {\"label\": \"idea\", \"name\": \"g\", \"patterns\": [\"x\"]}\n]}\n",
        Config, Some(2), "missing field `weight`";
    weight_not_a_number: "{\"categories\": [{\"label\": \"b\", \"cues\": [\n  {\"name\": \"g\", \"weight\": \"high\", \"patterns\": []}]}]}\n",
        Config, Some(2), "invalid type: string \"high\", expected f64";
    weight_overflows_to_infinity: "{\"categories\": [{\"label\": \"b\",\n  \"bias\": 1e999}]}\n",
        Config, Some(2), "number out of range";
    weight_nan_literal: "{\"categories\": [{\"label\": \"b\",\n  \"bias\": NaN}]}\n",
        Config, Some(2), "expected value";
    threshold_zero: "{\"categories\": [{\"label\": \"b\",\n  \"threshold\": 0}]}\n",
        Config, Some(2), "threshold 0 is not in (0, 1]";
    threshold_above_one: "{\"categories\": [{\"label\": \"b\",\n  \"threshold\": 1.5,\n  \"bias\": -1}]}\n",
        Config, Some(2), "threshold 1.5 is not in (0, 1]";
    empty_label: "{\"categories\": [\n  {\"label\": \"  \",\n   \"bias\": -1}\n]}\n",
        Config, Some(2), "empty label";
    duplicate_labels: "{\"categories\": [\n  {\"label\": \"billing\"},\n  {\"label\": \"refunds\"},\n  {\"label\": \"billing\",\n   \"bias\": -1}\n]}\n",
        Config, Some(4), "category \"billing\" is defined twice";
    bad_pattern_in_category: "{\"categories\": [{\"label\": \"billing\", \"cues\": [\n  {\"name\": \"invoice\", \"weight\": 3, \"patterns\": [\n    \"invoice*\",\n    \"(invoice|bill\"\n  ]}\n]}]}\n",
        Config, Some(4), "pattern \"(invoice|bill\": unclosed group";
    bad_pattern_in_added_cues: "{\"cues\": [\n  {\"label\": \"idea\", \"name\": \"mine\", \"weight\": 2,\n   \"patterns\": [\"wish .. ..\"]}\n]}\n",
        Config, Some(3), "pattern \"wish .. ..\"";
    bad_pattern_star_inside_word: "{\"cues\": [{\"label\": \"idea\", \"name\": \"g\", \"weight\": 2, \"patterns\": [\n  \"a*b\"]}]}\n",
        Config, Some(2), "* may only end a word";
    empty_pattern: "{\"cues\": [{\"label\": \"idea\", \"name\": \"g\", \"weight\": 2, \"patterns\": [\n  \"   \"]}]}\n",
        Config, Some(2), "empty pattern";
    // The aspects section (issue 16): the same checks, as the values are read.
    unknown_aspect_field: "{\"aspects\": [\n  {\"label\": \"sync\",\n   \"term\": [\"sync\"]}\n]}\n",
        Config, Some(3), "unknown field `term`";
    aspect_missing_label: "{\"aspects\": [\n  {\"terms\": [\"sync\"]}\n]}\n",
        Config, Some(2), "missing field `label`";
    aspect_empty_label: "{\"aspects\": [\n  {\"label\": \" \", \"terms\": [\"x\"]}\n]}\n",
        Config, Some(2), "an aspect has an empty label";
    duplicate_aspect_labels: "{\"aspects\": [\n  {\"label\": \"sync\", \"terms\": [\"x\"]},\n  {\"label\": \"sync\", \"terms\": [\"y\"]}\n]}\n",
        Config, Some(3), "aspect \"sync\" is defined twice";
    bad_aspect_term: "{\"aspects\": [{\"label\": \"sync\", \"terms\": [\n  \"cloud sync\",\n  \"(sync|syncing\"]}]}\n",
        Config, Some(3), "pattern \"(sync|syncing\": unclosed group";
    bad_aspect_context: "{\"aspects\": [{\"label\": \"sync\", \"context\": [\n  {\"terms\": [\"sync\"], \"near\": [\"a*b\"]}]}]}\n",
        Config, Some(2), "* may only end a word";
    aspect_valence_out_of_range: "{\"aspects\": [{\"label\": \"sync\", \"terms\": [\"sync\"], \"valences\": [\n  {\"words\": [\"snappy\"], \"valence\": 7}]}]}\n",
        Config, Some(2), "valence 7 is not in -4..=4";
    aspect_valence_not_a_number: "{\"aspects\": [{\"label\": \"sync\", \"terms\": [\"sync\"], \"valences\": [\n  {\"words\": [\"snappy\"], \"valence\": \"high\"}]}]}\n",
        Config, Some(2), "expected a valence in -4..=4";
    aspect_flag_not_a_bool: "{\"aspects\": [{\"label\": \"price\",\n  \"extend\": \"yes\"}]}\n",
        Config, Some(2), "expected a boolean";
}

/// A file that cannot be read: an `Io` error naming the file, with the OS error as its source.
#[test]
fn missing_file_or_a_directory() {
    let missing = temp_path("missing");
    let dir = std::env::temp_dir();
    for path in [missing.as_path(), dir.as_path()] {
        let err = Config::load(path).unwrap_err();
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

/// The control: a well-formed file (with a byte-order mark, as Windows editors write it)
/// loads and builds, and its category works.
#[test]
fn good_file_loads_and_builds() {
    let config = load(
        "good",
        "\u{FEFF}{\n  \"competitors\": [\"Globex\"],\n  \"categories\": [{\"label\": \"billing\", \"cues\": [\n    {\"name\": \"invoice\", \"weight\": 3, \"patterns\": [\"invoice*\"]}]}]\n}\n"
            .as_bytes(),
    )
    .unwrap();
    let classifier = Classifier::builder().config(&config).build().unwrap();
    let text = "where is my invoice";
    let found = classifier.classify(text, &Default::default());
    let billing = found.iter().find(|c| c.label == "billing").unwrap();
    assert_eq!(billing.evidence[0].text(text), "invoice");
}

/// What only applying a configuration can find — a cue group or `disable` entry for a
/// category that does not exist, a non-finite weight given in code — is a `Config` error from
/// `build` naming the label (it knows no file or line).
#[test]
fn build_names_unknown_labels_and_bad_weights() {
    let cues = load(
        "unknown_cue_label",
        br#"{"cues": [{"label": "biling", "name": "g", "weight": 2, "patterns": ["x"]}]}"#,
    )
    .unwrap();
    let disable = load("unknown_disable", br#"{"disable": ["polcy"]}"#).unwrap();
    for (config, message) in [
        (cues, "cues for unknown category \"biling\""),
        (disable, "cannot disable unknown category \"polcy\""),
    ] {
        let err = Classifier::builder().config(&config).build().unwrap_err();
        assert_eq!(
            (err.kind(), err.line(), err.path()),
            (ErrorKind::Config, None, None)
        );
        assert!(err.to_string().contains(message), "{err}");
    }
    for weight in [f64::NAN, f64::INFINITY] {
        let err = Classifier::builder()
            .cue("idea", CueGroup::new("g", weight, ["x"]))
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
        assert!(err.to_string().contains("not a finite number"), "{err}");
    }
}

/// The duplicate-label check remembers labels only within one `categories` list: a label may
/// come back in the next parse (after an error, too) and in a `cues` entry of the same file.
#[test]
fn labels_are_remembered_only_within_one_list() {
    let one = r#"{"categories": [{"label": "billing"}],
                 "cues": [{"label": "billing", "name": "g", "weight": 1, "patterns": ["x"]}]}"#;
    let twice = r#"{"categories": [{"label": "billing"}, {"label": "billing"}]}"#;
    assert!(Config::from_json(one).is_ok());
    assert!(Config::from_json(twice).is_err());
    assert!(Config::from_json(one).is_ok());
    assert!(Config::from_json(one).is_ok());
}

/// The aspects section: what only applying it can find (an aspect to extend that does not
/// exist, an aspect with no words) is a `Config` error from `build`; labels are remembered
/// only within one `aspects` list (the categories' list is another).
#[test]
fn aspect_configurations_applied() {
    for (json, message) in [
        (
            r#"{"aspects": [{"label": "pricing", "extend": true, "terms": ["fee"]}]}"#,
            "cannot extend unknown aspect \"pricing\"",
        ),
        (
            r#"{"aspects": [{"label": "sync", "description": "no words"}]}"#,
            "aspect \"sync\" has no terms",
        ),
    ] {
        let config = Config::from_json(json).unwrap();
        let err = earshot::Analyzer::builder()
            .config(&config)
            .build()
            .unwrap_err();
        assert_eq!((err.kind(), err.line()), (ErrorKind::Config, None));
        assert!(err.to_string().contains(message), "{err}");
    }
    let both =
        r#"{"categories": [{"label": "sync"}], "aspects": [{"label": "sync", "terms": ["x"]}]}"#;
    assert!(Config::from_json(both).is_ok());
    let twice = r#"{"aspects": [{"label": "a", "terms": ["x"]}, {"label": "a", "terms": ["y"]}]}"#;
    assert!(Config::from_json(twice).is_err());
    assert!(Config::from_json(both).is_ok());
}
