//! The configuration of cue kinds and rating weights, and any input with a title: clear errors
//! for bad files, spans always in their part, never a panic.

use earshot::classifier::{CategorySpec, Classifier, CueGroup, CueKind, Part, RatingWeights};
use earshot::{Analyzer, Config, ErrorKind, Feedback};

#[test]
fn cue_kinds_and_rating_weights_read_from_a_file() {
    let config = Config::from_json(
        r#"{"categories": [{"label": "billing", "bias": -2.0,
            "rating": {"rated": 0.5, "low": 1.0},
            "cues": [
                {"name": "invoice", "weight": 3.0, "patterns": ["invoice*"]},
                {"name": "paid", "weight": -4.0, "kind": "guard", "patterns": ["paid in full"]},
                {"name": "to_us", "weight": 1.0, "kind": "context", "patterns": ["^ @*"]}
            ]}]}"#,
    )
    .unwrap();
    let spec = &config.categories[0];
    let kinds: Vec<CueKind> = spec.cues.iter().map(|g| g.kind).collect();
    assert_eq!(kinds, [CueKind::Cue, CueKind::Guard, CueKind::Context]);
    assert_eq!(
        spec.rating,
        RatingWeights {
            rated: 0.5,
            low: 1.0,
            high: 0.0
        }
    );
    let classifier = Classifier::builder().config(&config).build().unwrap();
    let analyzer = Analyzer::builder().classifier(classifier).build().unwrap();
    let has = |text: &str| {
        analyzer
            .analyze(text)
            .categories
            .iter()
            .any(|c| c.label == "billing")
    };
    assert!(has("my invoice is wrong"));
    // The guard holds its own sentence, not another one.
    assert!(!has("my invoice is paid in full"));
    assert!(has(
        "my invoice is paid in full. The second invoice is wrong"
    ));
    // Context alone is no evidence.
    assert!(!has("@acme hello"));
}

#[test]
fn bad_kinds_and_rating_weights_are_errors_with_lines() {
    for (json, line, what) in [
        (
            "{\"categories\": [{\"label\": \"x\", \"cues\": [\n{\"name\": \"g\", \"weight\": 1, \"kind\": \"maybe\", \"patterns\": [\"a\"]}]}]}",
            2,
            "maybe",
        ),
        (
            "{\"categories\": [{\"label\": \"x\",\n\"rating\": {\"stars\": 1.0}}]}",
            2,
            "stars",
        ),
        (
            "{\"categories\": [{\"label\": \"x\",\n\"rating\": {\"low\": \"high\"}}]}",
            2,
            "invalid type",
        ),
    ] {
        let err = Config::from_json(json).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config, "{json}");
        assert_eq!(err.line(), Some(line), "{json}: {err}");
        assert!(err.to_string().contains(what), "{json}: {err}");
    }
    // Weights that are no numbers cannot be written in JSON; from code they are errors.
    let mut spec = CategorySpec::new("x", "").with_cues(CueGroup::new("g", 1.0, ["a"]));
    spec.rating.low = f64::NAN;
    let err = Classifier::builder().category(spec).build().unwrap_err();
    assert!(err.to_string().contains("not a finite number"), "{err}");
}

/// Any text and any title: no panic, every span inside the part it names, sentences counted
/// from 0 in each part.
#[test]
fn any_text_and_title_are_analysed() {
    let analyzer = Analyzer::default();
    let parts = [
        "Please add",
        "crash",
        "?",
        "!",
        ".",
        "…",
        "\n",
        " ",
        "é",
        "👍🏽",
        "@x",
        "can't",
        "ça",
        "How do I",
        "\u{0}",
        "\u{FEFF}",
        "Ask for",
        "better than",
        "😒",
        "a",
        "\r\n",
        "。",
    ];
    let mut state = 0x9E37_79B9_u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..2000 {
        let mut text = String::new();
        let mut title = String::new();
        for _ in 0..(next() % 12) {
            text.push_str(parts[(next() % parts.len() as u64) as usize]);
            text.push(' ');
        }
        for _ in 0..(next() % 5) {
            title.push_str(parts[(next() % parts.len() as u64) as usize]);
        }
        let stars = (next() % 7) as f64 - 1.0;
        let item = Feedback::new(&text)
            .with_title(&title)
            .with_rating(stars, 5.0);
        let a = analyzer.analyze_feedback(&item);
        for c in &a.categories {
            assert!(!c.evidence.is_empty() && (0.0..=1.0).contains(&c.confidence));
            for e in &c.evidence {
                let source = match e.part {
                    Part::Text => &text,
                    Part::Title => &title,
                };
                assert!(
                    source.get(e.start..e.end).is_some_and(|s| !s.is_empty()),
                    "{text:?} / {title:?}: {e:?}"
                );
                assert!((e.sentence as usize) < source.len().max(1), "{e:?}");
            }
        }
    }
}
