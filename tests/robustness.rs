//! Hostile input (issue 7): no public entry point panics on any input, and what comes back
//! is well-formed — finite scores in range, spans that slice the input, bounded output.
//!
//! Three kinds of input: proptest's arbitrary strings and arbitrary bytes (through
//! `String::from_utf8_lossy`, the way the command line reads them); a seeded, bounded
//! fuzz-style generator that glues together the nastiest pieces of social text (emoji ZWJ
//! chains, flags, combining marks, punctuation runs, negations, contrasts, idioms, hashtags,
//! URLs, HTML entities, RTL text, control characters, very long words); and one megabyte of
//! several pathological inputs, which must simply finish (their speed is measured by
//! `benches/adversarial.rs`, never asserted here).
//!
//! Case counts are bounded so the whole file runs in a few seconds in debug mode.

use earshot::Config;
use earshot::classifier::{CategorySpec, Classifier, CueGroup};
use earshot::lexicon::{Lexicon, LexiconOverlay};
use earshot::tokenizer::{is_python_space, pieces};
use earshot::{Analysis, Analyzer, ErrorKind, Sentiment, tokenize};
use proptest::prelude::*;
use std::sync::LazyLock;

static DEFAULT: LazyLock<Analyzer> = LazyLock::new(Analyzer::default);
static VADER: LazyLock<Analyzer> = LazyLock::new(Analyzer::vader);

// ---------------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------------

/// A checked condition: `Err` with a message naming the input, so proptest can shrink it and
/// the fuzz test can print it.
type Check = Result<(), String>;

macro_rules! ensure {
    ($cond:expr, $($fmt:tt)+) => {
        {
            let ok: bool = $cond;
            if !ok {
                return Err(format!($($fmt)+));
            }
        }
    };
}

/// `start..end` is a non-empty-or-empty span inside `text` on char boundaries and `piece` is
/// exactly that slice.
/// `start..end` is a span of `text` on character boundaries, and its text is `piece` when the
/// result carries one (tokens and pieces do; evidence and contributions are spans only).
fn check_span(text: &str, start: usize, end: usize, piece: Option<&str>, what: &str) -> Check {
    ensure!(
        start <= end && end <= text.len(),
        "{what}: span {start}..{end} outside 0..{}",
        text.len()
    );
    ensure!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: span {start}..{end} not on char boundaries"
    );
    if let Some(piece) = piece {
        ensure!(
            &text[start..end] == piece,
            "{what}: text {piece:?} is not the slice {:?}",
            &text[start..end]
        );
    }
    Ok(())
}

/// VADER's four scores: finite, compound in −1..=1, proportions in 0..=1 that add up to 1
/// (up to VADER's 3-decimal rounding), or all zero for a text with nothing to score.
fn check_sentiment(s: &Sentiment) -> Check {
    let all = [s.compound, s.positive, s.negative, s.neutral];
    ensure!(all.iter().all(|x| x.is_finite()), "non-finite score {s:?}");
    ensure!(
        (-1.0..=1.0).contains(&s.compound),
        "compound out of range {s:?}"
    );
    for p in [s.positive, s.negative, s.neutral] {
        ensure!((0.0..=1.0).contains(&p), "proportion out of range {s:?}");
    }
    let sum = s.positive + s.negative + s.neutral;
    ensure!(
        (sum - 1.0).abs() <= 0.0021 || (s.positive, s.negative, s.neutral) == (0.0, 0.0, 0.0),
        "proportions add up to {sum}: {s:?}"
    );
    if (s.positive, s.negative, s.neutral) == (0.0, 0.0, 0.0) {
        ensure!(
            s.compound == 0.0,
            "nothing scored but compound {}",
            s.compound
        );
    }
    Ok(())
}

/// The tokens: in order, non-overlapping, non-empty, in bounds, each exactly its slice, with
/// only whitespace between them; the pieces: the maximal runs of non-whitespace, in order.
fn check_tokens(text: &str) -> Check {
    let mut pos = 0;
    let mut count = 0usize;
    for t in tokenize(text) {
        ensure!(
            t.start >= pos && t.start < t.end,
            "token {t:?} empty, overlapping or out of order"
        );
        check_span(text, t.start, t.end, Some(t.text), "token")?;
        ensure!(
            text[pos..t.start].chars().all(is_python_space),
            "non-space {:?} dropped before {t:?}",
            &text[pos..t.start]
        );
        pos = t.end;
        count += 1;
    }
    ensure!(
        text[pos..].chars().all(is_python_space),
        "non-space tail {:?} dropped",
        &text[pos..]
    );
    ensure!(
        count <= text.chars().count(),
        "{count} tokens for {} chars",
        text.chars().count()
    );
    let mut pos = 0;
    for p in pieces(text) {
        let end = p.start + p.text.len();
        ensure!(
            p.start >= pos && !p.text.is_empty(),
            "piece {p:?} empty or out of order"
        );
        check_span(text, p.start, end, Some(p.text), "piece")?;
        ensure!(
            !p.text.chars().any(is_python_space),
            "piece {p:?} holds whitespace"
        );
        ensure!(
            text[pos..p.start].chars().all(is_python_space),
            "non-space {:?} dropped before piece {p:?}",
            &text[pos..p.start]
        );
        pos = end;
    }
    ensure!(
        text[pos..].chars().all(is_python_space),
        "piece tail dropped"
    );
    Ok(())
}

/// One [`Analysis`] of `text`: its sentiment, its categories (unique labels, confidence in
/// 0..=1, most confident first, evidence that slices the text, in order and merged, at most
/// eight spans), its contributions (spans that slice the text, finite values, at most
/// `max_per_char` per character).
fn check_analysis(text: &str, a: &Analysis, max_per_char: usize) -> Check {
    check_sentiment(&a.sentiment)?;
    let mut labels: Vec<&str> = Vec::new();
    let mut last_confidence = f64::INFINITY;
    for c in &a.categories {
        ensure!(
            !c.label.is_empty() && !labels.contains(&c.label.as_str()),
            "empty or repeated label {:?}",
            c.label
        );
        labels.push(&c.label);
        ensure!(
            c.confidence.is_finite() && (0.0..=1.0).contains(&c.confidence),
            "{}: confidence {}",
            c.label,
            c.confidence
        );
        // Most confident first, as confidences are reported (3 decimals).
        let reported = (c.confidence * 1000.0).round();
        ensure!(
            reported <= last_confidence,
            "categories not sorted by confidence"
        );
        last_confidence = reported;
        ensure!(
            !c.evidence.is_empty() && c.evidence.len() <= 8,
            "{}: {} evidence spans",
            c.label,
            c.evidence.len()
        );
        let mut end = 0;
        for e in &c.evidence {
            ensure!(e.start < e.end, "{}: empty evidence {e:?}", c.label);
            check_span(text, e.start, e.end, None, "evidence")?;
            ensure!(
                e.start >= end,
                "{}: evidence overlaps or out of order",
                c.label
            );
            end = e.end;
        }
    }
    // Aspects: each once, labels unique, a compound in range, evidence in the text, in order.
    let mut labels: Vec<&str> = a.aspects.iter().map(|x| x.label.as_str()).collect();
    labels.sort_unstable();
    labels.dedup();
    ensure!(labels.len() == a.aspects.len(), "an aspect reported twice");
    for x in &a.aspects {
        ensure!(
            x.sentiment.compound.is_finite() && (-1.0..=1.0).contains(&x.sentiment.compound),
            "{}: compound {}",
            x.label,
            x.sentiment.compound
        );
        ensure!(
            !x.evidence.is_empty() && x.evidence.len() <= 8,
            "{}: {} evidence spans",
            x.label,
            x.evidence.len()
        );
        let mut start = 0;
        for e in &x.evidence {
            ensure!(e.start < e.end, "{}: empty evidence {e:?}", x.label);
            check_span(text, e.start, e.end, None, "aspect evidence")?;
            ensure!(e.start >= start, "{}: evidence out of order", x.label);
            start = e.start;
        }
    }
    let chars = text.chars().count();
    ensure!(
        a.contributions.len() <= max_per_char * chars,
        "{} contributions for {chars} chars",
        a.contributions.len()
    );
    let mut end = 0;
    for c in &a.contributions {
        check_span(text, c.start, c.end, None, "contribution")?;
        // One word per unit of text (the default preset): in order and disjoint. (The VADER
        // preset gives every word of an emoji's description the span of the emoji, so its
        // spans repeat, in order.)
        if max_per_char == 1 {
            ensure!(
                c.start >= end,
                "contribution {:?} at {} overlaps or is out of order",
                c.text(text),
                c.start
            );
            end = c.end;
        } else {
            ensure!(
                c.start >= end,
                "contribution {:?} at {} out of order",
                c.text(text),
                c.start
            );
            end = c.start;
        }
        ensure!(
            c.base.is_finite() && c.valence.is_finite(),
            "non-finite contribution {c:?}"
        );
        ensure!(
            (-4.0..=4.0).contains(&c.base),
            "base valence outside the lexicon scale: {c:?}"
        );
    }
    Ok(())
}

/// Everything an analyzer can be asked about `text`, checked, and checked to agree:
/// `sentiment`, `analyze`, `analyze_into` with a buffer dirtied by another text, and `explain`
/// give the same scores and categories (so nothing leaks from one call to the next).
fn check_analyzer(analyzer: &Analyzer, text: &str, dirty: &mut Analysis) -> Check {
    // The VADER preset reads each emoji code point as its description, up to six words.
    let max_per_char = if analyzer.preset() == earshot::Preset::Vader {
        6
    } else {
        1
    };
    let fresh = analyzer.analyze(text);
    check_analysis(text, &fresh, max_per_char)?;
    ensure!(
        fresh.contributions.is_empty(),
        "analyze filled contributions"
    );
    ensure!(
        analyzer.sentiment(text) == fresh.sentiment,
        "sentiment() differs from analyze()"
    );
    analyzer.analyze_into(text, dirty);
    ensure!(
        dirty.sentiment == fresh.sentiment && dirty.categories == fresh.categories,
        "analyze_into with a used buffer differs from analyze"
    );
    ensure!(
        dirty.contributions.is_empty(),
        "analyze_into kept old contributions"
    );
    let explained = analyzer.explain(text);
    check_analysis(text, &explained, max_per_char)?;
    ensure!(
        explained.sentiment == fresh.sentiment && explained.categories == fresh.categories,
        "explain differs from analyze: {:?} vs {:?}",
        explained.sentiment,
        fresh.sentiment
    );
    ensure!(
        dirty.aspects == fresh.aspects && explained.aspects == fresh.aspects,
        "aspects differ between analyze, analyze_into and explain"
    );
    // The sentiment toward any span: in range, its span in the text, never a panic.
    let len = text.len();
    for (a, b) in [
        (0, len),
        (len / 3, 2 * len / 3),
        (len / 2, len / 2 + 1),
        (len, len + 9),
    ] {
        let t = analyzer.sentiment_toward(text, a..b);
        ensure!(
            t.sentiment.compound.is_finite() && (-1.0..=1.0).contains(&t.sentiment.compound),
            "target compound {}",
            t.sentiment.compound
        );
        ensure!(
            t.start <= t.end && t.end <= len && text.get(t.start..t.end).is_some(),
            "target span {}..{} not in the text",
            t.start,
            t.end
        );
        for e in &t.evidence {
            check_span(text, e.start, e.end, None, "target evidence")?;
        }
    }
    // Leave the buffer dirty with an explanation for the next call.
    analyzer.explain_into(text, dirty);
    ensure!(
        dirty.contributions == explained.contributions,
        "explain_into differs from explain"
    );
    Ok(())
}

/// Every text-taking entry point on `text`.
fn check_text(text: &str) -> Check {
    check_tokens(text)?;
    let mut dirty = DEFAULT.explain("Not bad, but the app crashes. Please add dark mode!");
    check_analyzer(&DEFAULT, text, &mut dirty)?;
    let mut dirty = VADER.explain("VERY good :) but 😀great");
    check_analyzer(&VADER, text, &mut dirty)?;
    Ok(())
}

/// A lexicon text: an error names a line that exists; a parsed overlay holds normalised terms
/// with valences on the scale, and an analyzer built with it scores `probe` within range.
fn check_lexicon_text(text: &str, probe: &str) -> Check {
    match LexiconOverlay::parse(text) {
        Err(e) => {
            let lines = text.split('\n').count();
            ensure!(
                e.line().is_none_or(|l| l >= 1 && l <= lines),
                "error on line {:?} of a {lines}-line text: {e}",
                e.line()
            );
            ensure!(e.path().is_none(), "parse() error names a file: {e}");
            ensure!(
                !e.to_string().is_empty(),
                "empty message for {:?}",
                e.kind()
            );
            if e.kind() == ErrorKind::Empty {
                ensure!(e.line().is_none(), "Empty error with a line: {e}");
            }
        }
        Ok(overlay) => {
            ensure!(!overlay.is_empty(), "Ok but no entries");
            for (term, value) in overlay.iter() {
                ensure!(
                    !term.is_empty() && term.trim() == term && !term.contains("  "),
                    "term {term:?} not normalised"
                );
                ensure!(
                    !term.contains(['\t', '\n']),
                    "term {term:?} holds a separator"
                );
                if let Some(v) = value {
                    ensure!(
                        v.is_finite() && (-4.0..=4.0).contains(&v),
                        "valence {v} accepted"
                    );
                }
            }
            let mut lexicon = Lexicon::vader();
            lexicon.apply(&overlay).map_err(|e| format!("apply: {e}"))?;
            let analyzer = Analyzer::builder()
                .lexicon(&overlay)
                .build()
                .map_err(|e| format!("build: {e}"))?;
            check_sentiment(&analyzer.sentiment(probe))?;
            check_analysis(probe, &analyzer.explain(probe), 1)?;
        }
    }
    Ok(())
}

/// A category configuration: a parse error is a `Config` error with a line; a parsed one
/// either builds (and classifies `probe` with well-formed evidence) or fails with a `Config`
/// error.
fn check_config_text(json: &str, probe: &str) -> Check {
    match Config::from_json(json) {
        Err(e) if json.trim_start_matches('\u{FEFF}').trim().is_empty() => ensure!(
            e.kind() == ErrorKind::Empty && e.line().is_none(),
            "blank text gave {:?} on line {:?}: {e}",
            e.kind(),
            e.line()
        ),
        Err(e) => {
            ensure!(
                e.kind() == ErrorKind::Config,
                "kind {:?} for bad JSON: {e}",
                e.kind()
            );
            ensure!(e.line().is_some(), "no line for bad JSON: {e}");
        }
        Ok(config) => check_classifier(Classifier::builder().config(&config).build(), probe)?,
    }
    Ok(())
}

/// A built classifier classifies `probe` well; a failed build is a `Config` error.
fn check_classifier(built: Result<Classifier, earshot::Error>, probe: &str) -> Check {
    match built {
        Err(e) => ensure!(
            e.kind() == ErrorKind::Config && !e.to_string().is_empty(),
            "build error of kind {:?}: {e}",
            e.kind()
        ),
        Ok(classifier) => {
            let analyzer = Analyzer::builder()
                .classifier(classifier)
                .build()
                .map_err(|e| format!("build: {e}"))?;
            check_analysis(probe, &analyzer.analyze(probe), 1)?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Property tests
// ---------------------------------------------------------------------------------------------

/// Pieces of pattern syntax, valid and broken, for generated cue patterns.
const PATTERN_BITS: &[&str] = &[
    "crash*",
    "app",
    "keeps",
    "(a|b)",
    "(can't|cannot)",
    "(x y|z)",
    "(single)?",
    "(",
    ")",
    "|",
    "()",
    "(|)",
    "..",
    "_",
    "<name>",
    "^",
    "*",
    "\\",
    "\\*",
    "?",
    "!",
    ":",
    "@acme",
    "#tag",
    "<url>",
    "’",
    "é",
    "👍🏽",
    "日本",
    "((a))",
    "(a)b",
    "a*b",
    "**",
];

/// Texts for patterns to be matched against: they share the pattern pieces' words.
const PATTERN_PROBE: &str = "The app keeps crashing! can't log in, a b z single x y?? @Acme #tag https://x.co Lidl é 👍🏽 日本 a*b";

fn pattern_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(prop::sample::select(PATTERN_BITS), 0..7).prop_map(|v| v.join(" ")),
        prop::collection::vec(prop::sample::select(PATTERN_BITS), 0..7).prop_map(|v| v.concat()),
    ]
}

/// Lexicon lines, good and bad, for generated lexicon files.
fn lexicon_line() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        (
            prop::sample::select(vec![
                "good",
                "GOOD",
                "works like a charm",
                "#fail",
                "",
                "  ",
                "#",
                "# c",
                ":D",
                "👍",
                "Σ",
                "a\u{0}b",
                "\u{FEFF}x",
                "x\r",
            ]),
            prop::sample::select(vec![
                "1", "-4", "4", "4.0001", "-9", "1e308", "1e400", "NaN", "inf", "-inf", "",
                "remove", "REMOVE", "0x1", "1,5", " 2 ", "+3", "−1", "1\t2\t3", "1\t2",
            ]),
        )
            .prop_map(|(t, v)| format!("{t}\t{v}")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Any string: every text entry point holds its invariants.
    #[test]
    fn arbitrary_strings(text in any::<String>()) {
        check_text(&text).map_err(TestCaseError::fail)?;
    }

    /// Any bytes, decoded lossily as the command line does.
    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let text = String::from_utf8_lossy(&bytes);
        check_text(&text).map_err(TestCaseError::fail)?;
    }

    /// Lexicon text, arbitrary or built from plausible and broken lines.
    #[test]
    fn lexicon_parse_never_panics(
        arbitrary in any::<String>(),
        lines in prop::collection::vec(lexicon_line(), 0..8),
        sep in prop::sample::select(vec!["\n", "\r\n", "\r"]),
    ) {
        check_lexicon_text(&arbitrary, "good").map_err(TestCaseError::fail)?;
        check_lexicon_text(&lines.join(sep), "good GOOD works like a charm #fail :D 👍")
            .map_err(TestCaseError::fail)?;
    }

    /// Category configuration JSON: arbitrary text, and well-formed JSON with arbitrary labels,
    /// weights, thresholds and patterns.
    #[test]
    fn config_parse_and_build_never_panic(
        arbitrary in any::<String>(),
        label in prop::sample::select(vec!["problem", "idea", "mine", "", " ", "Σ"]),
        weight in prop::sample::select(vec!["1", "-3", "0", "1e308", "1e999", "-1e999", "\"x\"", "null"]),
        threshold in prop::sample::select(vec!["0.5", "0", "1", "1.5", "-1", "1e-300"]),
        pattern in pattern_strategy(),
        replace in any::<bool>(),
    ) {
        check_config_text(&arbitrary, PATTERN_PROBE).map_err(TestCaseError::fail)?;
        let pattern = serde_json::to_string(&pattern).unwrap();
        let label = serde_json::to_string(label).unwrap();
        let json = format!(
            r#"{{"replace_builtin": {replace}, "competitors": ["Globex", "", "(x"],
                "categories": [{{"label": {label}, "threshold": {threshold},
                  "cues": [{{"name": "g", "weight": {weight}, "patterns": [{pattern}]}}]}}],
                "cues": [{{"label": {label}, "name": "h", "weight": 2, "patterns": [{pattern}]}}]}}"#
        );
        check_config_text(&json, PATTERN_PROBE).map_err(TestCaseError::fail)?;
    }

    /// Cue pattern compilation through the builder: `Ok` or `Err`, never a panic; a pattern
    /// that compiles classifies its own text and the probe with well-formed evidence.
    #[test]
    fn cue_patterns_compile_or_fail_cleanly(pattern in pattern_strategy(), weight in -5.0f64..5.0) {
        let built = Classifier::builder()
            .cue("problem", CueGroup::new("arbitrary", weight, [pattern.as_str()]))
            .build();
        check_classifier(built, PATTERN_PROBE).map_err(TestCaseError::fail)?;
        let alone = Classifier::builder()
            .clear()
            .category(CategorySpec::new("mine", "").with_cues(CueGroup::new("g", 3.0, [pattern.as_str()])))
            .build();
        if let Ok(c) = &alone {
            check_classifier(Ok(c.clone()), &pattern).map_err(TestCaseError::fail)?;
        }
        check_classifier(alone, PATTERN_PROBE).map_err(TestCaseError::fail)?;
    }
}

// ---------------------------------------------------------------------------------------------
// Seeded fuzz-style test
// ---------------------------------------------------------------------------------------------

/// SplitMix64: a tiny, seeded generator, so the fuzz test is the same on every run.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// The nastiest things social text holds, one per entry.
const NASTY: &[&str] = &[
    // Emoji: ZWJ families, flags, skin tones, keycaps, tag sequences, lone joiners and selectors.
    "👩‍👩‍👧‍👦",
    "👨‍👩‍👧‍👦‍👨‍👩‍👧‍👦‍👩‍💻",
    "🏳️‍🌈",
    "👍🏽",
    "🇯🇵",
    "🇺🇸🇬🇧🇫",
    "1️⃣",
    "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
    "\u{200D}",
    "\u{FE0F}",
    "\u{1F3FD}",
    "😀great",
    "🔛",
    "😂😂😂",
    // Combining marks, Zalgo, odd case mappings.
    "e\u{301}\u{302}\u{303}\u{304}",
    "\u{301}\u{301}\u{301}",
    "Z\u{36B}\u{33F}\u{344}\u{352}A\u{316}L\u{318}G\u{35A}O",
    "Σ",
    "İstanbul",
    "ß",
    "ǅ",
    "ﬁne",
    // Punctuation runs and emphasis.
    "!!!",
    "???",
    "?!?!",
    "...",
    "…",
    "!",
    // Negations, contrasts, boosters, idioms, sarcasm.
    "not",
    "never",
    "no",
    "don't",
    "wasn’t",
    "isn't",
    "nor",
    "without",
    "but",
    "BUT",
    "however",
    "although",
    "though",
    "despite",
    "except",
    "very",
    "extremely",
    "kind of",
    "barely",
    "at least",
    "least",
    "yeah right",
    "kiss of death",
    "the bomb",
    "cut the mustard",
    "hand to mouth",
    "funny... not.",
    "not only",
    "Lovely.",
    // Sentiment words and emoticons.
    "good",
    "GOOD",
    "goooood",
    "awful",
    "love",
    "hate",
    "terrible",
    "meh",
    "lol",
    ":)",
    ":(",
    ":D",
    "<3",
    "</3",
    ":'(",
    "D:",
    "^_^",
    "-_-",
    ":/",
    // Social tokens, URLs, entities.
    "#NotHappy",
    "#fail",
    "#usairsucks",
    "#",
    "##",
    "@acme",
    "@",
    "a@b.co",
    "https://x.co/a?b=c&d=:)",
    "www.acme.com",
    "acme.com/help",
    "http://",
    "&amp;",
    "&gt;",
    "&#39;",
    "&#x1F600;",
    "&;",
    // Scripts and direction marks.
    "مرحبا",
    "שלום",
    "\u{202E}",
    "\u{200F}",
    "日本語",
    "สวัสดี",
    "नमस्ते",
    // Control characters and odd whitespace.
    "\0",
    "\r\n",
    "\r",
    "\t",
    "\u{A0}",
    "\u{3000}",
    "\u{2028}",
    "\u{1C}",
    "\u{FEFF}",
    "\u{AD}",
    "\u{200B}",
    // Numbers.
    "10:30",
    "4.5",
    "1,000",
    "50%",
    "3rd",
    "٣",
    // Classifier cues.
    "can't log in",
    "keeps crashing",
    "please add",
    "switched to Monzo",
    "how do I",
    "?",
    "refund",
    "Thanks",
];

const SEPARATORS: &[&str] = &["", " ", " ", " ", "  ", "\n", ". ", ", ", "\t", "\r\n"];

/// A random text: up to 60 nasty pieces, some separators, now and then a very long word or
/// a long run of one piece.
fn nasty_text(rng: &mut SplitMix64) -> String {
    let mut text = String::new();
    for _ in 0..rng.below(60) {
        match rng.below(40) {
            0 => text.push_str(&"a".repeat(1 + rng.below(5000))),
            1 => text.push_str(&"ha".repeat(1 + rng.below(2000))),
            2 => {
                let piece = rng.pick(NASTY);
                text.push_str(&piece.repeat(1 + rng.below(200)));
            }
            _ => text.push_str(rng.pick(NASTY)),
        }
        text.push_str(rng.pick(SEPARATORS));
    }
    text
}

/// 300 seeded random nasty texts through every text entry point.
#[test]
fn seeded_nasty_texts() {
    let mut rng = SplitMix64(0x5EED_0007);
    for case in 0..300 {
        let text = nasty_text(&mut rng);
        if let Err(why) = check_text(&text) {
            panic!("case {case}: {why}\ntext: {text:?}");
        }
    }
}

/// Lexicon files and configurations assembled from nasty pieces: errors or well-formed results.
#[test]
fn seeded_nasty_lexicons_and_patterns() {
    let mut rng = SplitMix64(0xC0FF_EE07);
    for case in 0..100 {
        let mut lexicon = String::new();
        for _ in 0..1 + rng.below(6) {
            lexicon.push_str(rng.pick(NASTY));
            lexicon.push_str(rng.pick(&["\t", "\t", " ", ""]));
            lexicon.push_str(rng.pick(&["1", "-2.5", "remove", "9", "NaN", "x", ""]));
            lexicon.push_str(rng.pick(&["\n", "\r\n", "\t0\t[1]\n"]));
        }
        let probe = nasty_text(&mut rng);
        if let Err(why) = check_lexicon_text(&lexicon, &probe) {
            panic!("case {case}: {why}\nlexicon: {lexicon:?}\nprobe: {probe:?}");
        }
        let pattern: Vec<&str> = (0..1 + rng.below(5))
            .map(|_| {
                let from = if rng.below(2) == 0 {
                    NASTY
                } else {
                    PATTERN_BITS
                };
                rng.pick(from)
            })
            .collect();
        let pattern = pattern.join(" ");
        let built = Classifier::builder()
            .competitors([rng.pick(NASTY)])
            .products([rng.pick(NASTY)])
            .cue("complaint", CueGroup::new("g", 2.0, [pattern.as_str()]))
            .build();
        if let Err(why) = check_classifier(built, &probe) {
            panic!("case {case}: {why}\npattern: {pattern:?}\nprobe: {probe:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// One megabyte of pathological input
// ---------------------------------------------------------------------------------------------

#[path = "support/adversarial.rs"]
mod adversarial;
use adversarial::{fill, inputs as adversarial_inputs};

/// A megabyte of each pathological input goes through `analyze` (default preset, with the
/// classifier: what the command line runs) and finishes with well-formed, bounded output (at
/// most eight evidence spans per category whatever the length); the buffer is reusable after
/// it. A debug-mode test: no timing is asserted (`cargo bench --bench adversarial` measures
/// the speed).
#[test]
fn one_megabyte_adversarial_inputs_finish() {
    let mut out = Analysis::default();
    for (name, text) in adversarial_inputs(1 << 20) {
        DEFAULT.analyze_into(&text, &mut out);
        check_analysis(&text, &out, 0).unwrap_or_else(|why| panic!("{name}: {why}"));
        DEFAULT.analyze_into("works great, thanks!", &mut out);
        let fresh = DEFAULT.analyze("works great, thanks!");
        assert_eq!(out.sentiment, fresh.sentiment, "after {name}");
        assert_eq!(out.categories, fresh.categories, "after {name}");
    }
}

/// A quarter megabyte of each pathological input through the tokenizer, the VADER preset and
/// the default preset's explanation: spans well-formed, at most one contribution per unit of
/// text, in order and disjoint (so the explanation's size is linear in the input).
#[test]
fn adversarial_inputs_through_tokens_vader_and_explain() {
    let mut out = Analysis::default();
    for (name, text) in adversarial_inputs(1 << 18) {
        check_tokens(&text).unwrap_or_else(|why| panic!("{name}: {why}"));
        DEFAULT.explain_into(&text, &mut out);
        check_analysis(&text, &out, 1).unwrap_or_else(|why| panic!("{name} (explain): {why}"));
        assert!(
            !out.contributions.is_empty() || name == "bangs",
            "{name}: nothing explained"
        );
        // Not VADER's explain: see `vader_explain_output_is_linear_in_emoji_runs`.
        VADER.analyze_into(&text, &mut out);
        check_analysis(&text, &out, 0).unwrap_or_else(|why| panic!("{name} (vader): {why}"));
    }
}

/// What `explain` returns stays linear in the input, also for a run of emoji with no space
/// between them (one piece), whose description words each get their emoji's span (they used to
/// get the whole piece's, and copy its text: quadratic in the length of the run).
#[test]
fn vader_explain_output_is_linear_in_emoji_runs() {
    let held = |bytes: usize| {
        let text = fill("😀👍🏽🇯🇵", bytes);
        let explained = VADER.explain(&text);
        let json = serde_json::to_string(&explained.with_text(&text)).unwrap();
        (explained.contributions.len(), json.len(), text.len())
    };
    let (words, json, len) = held(20 * 1024);
    let (words2, json2, len2) = held(40 * 1024);
    assert_eq!(len2, 2 * len);
    assert_eq!(words2, 2 * words, "contributions");
    // Twice the text, twice the output (plus the offsets' extra digits).
    assert!(
        json2 <= 2 * json + json / 4,
        "{json} then {json2} bytes of JSON"
    );
    assert!(
        json <= 64 * len,
        "{json} bytes of JSON for {len} bytes of text"
    );
}
