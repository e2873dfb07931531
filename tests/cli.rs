//! The command-line contract: one output line per input line, in order; byte offsets into the
//! line; lossy UTF-8 with a warning naming the line; exit status 0 / 1 / 2.
#![cfg(feature = "cli")]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn earshot(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_earshot"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run earshot");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON {l:?}: {e}")))
        .collect()
}

/// (text, kind) pairs of one `earshot tokenize` output line.
fn kinds(line: &Value) -> Vec<(String, String)> {
    line.as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["text"].as_str().unwrap().to_string(),
                t["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn tokenize_writes_one_array_per_line_with_byte_offsets() {
    let out = earshot(
        &["tokenize"],
        "love it 👍🏽\n#NotHappy @support :( 10:30\n".as_bytes(),
    );
    assert!(out.status.success());
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    // The contract's example: the emoji's offsets are bytes into its own line.
    assert_eq!(
        lines[0][2],
        serde_json::json!({"text": "👍🏽", "kind": "emoji", "start": 8, "end": 16, "flags": []})
    );
    let want: Vec<(String, String)> = [
        ("#NotHappy", "hashtag"),
        ("@support", "mention"),
        (":(", "emoticon"),
        ("10:30", "number"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(kinds(&lines[1]), want);
    assert_eq!(lines[1][0]["flags"], serde_json::json!(["capitalized"]));
}

#[test]
fn tokenize_keeps_going_after_invalid_utf8_and_reports_the_line() {
    let out = earshot(&["tokenize"], b"ok\n\xff\xfe bad\r\n\nlast");
    assert!(out.status.success(), "lossy decoding is not a failure");
    let lines = json_lines(&out);
    // Four input lines (the last without a newline, one empty) give four output lines.
    assert_eq!(lines.len(), 4);
    assert_eq!(
        kinds(&lines[1]).last().unwrap().0,
        "bad",
        "CRLF ending stripped"
    );
    assert_eq!(lines[2], serde_json::json!([]));
    assert_eq!(kinds(&lines[3]), [("last".to_string(), "word".to_string())]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("<stdin>:2: invalid UTF-8"),
        "stderr: {stderr}"
    );
}

#[test]
fn reads_files_in_order_and_fails_cleanly_on_a_missing_one() {
    let dir = std::env::temp_dir().join(format!("earshot-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let a = dir.join("a.txt");
    let b = dir.join("b.txt");
    std::fs::write(&a, "one\ntwo\n").unwrap();
    std::fs::write(&b, "three\n").unwrap();
    let out = earshot(&["tokenize", a.to_str().unwrap(), b.to_str().unwrap()], b"");
    let words: Vec<String> = json_lines(&out)
        .iter()
        .map(|l| kinds(l)[0].0.clone())
        .collect();
    assert_eq!(words, ["one", "two", "three"]);

    let missing = dir.join("missing.txt");
    let out = earshot(&["tokenize", missing.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.txt"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(earshot(&["frobnicate"], b"").status.code(), Some(2));
    assert_eq!(earshot(&["tokenize", "--nope"], b"").status.code(), Some(2));
    assert_eq!(
        earshot(&["analyze", "--preset", "nope"], b"").status.code(),
        Some(2)
    );
    assert_eq!(
        earshot(&["analyze", "--text-field", "body"], b"")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(earshot(&[], b"").status.code(), Some(2));
    assert!(earshot(&["--help"], b"").status.success());
}

#[test]
fn analyze_vader_preset_matches_vader() {
    // Expected values from vaderSentiment 3.3.2's polarity_scores.
    let out = earshot(&["analyze", "--preset", "vader"], b"The book was good.\n\n");
    assert!(out.status.success());
    let lines = json_lines(&out);
    assert_eq!(
        lines[0],
        serde_json::json!({"sentiment": {"compound": 0.4404, "positive": 0.492, "negative": 0.0, "neutral": 0.508, "label": "positive"}, "categories": []})
    );
    // An empty line is a text like any other: neutral, not an error.
    assert_eq!(lines[1]["sentiment"]["label"], "neutral");
    assert!(lines[1].get("error").is_none());
}

#[test]
fn analyze_explain_lists_contributions() {
    let out = earshot(
        &["analyze", "--preset", "vader", "--explain"],
        b"not good\n",
    );
    let lines = json_lines(&out);
    let contributions = lines[0]["contributions"].as_array().unwrap();
    let good = contributions.iter().find(|c| c["text"] == "good").unwrap();
    assert_eq!(good["start"], 4);
    assert_eq!(good["base"], 1.9);
    assert_eq!(good["rules"], serde_json::json!(["negation"]));
}

#[test]
fn analyze_jsonl_copies_fields_and_answers_bad_lines() {
    let input =
        b"{\"id\": 7, \"body\": \"awful\"}\nnot json\n{\"id\": 8}\n{\"id\": 9, \"body\": 3}\n";
    let out = earshot(&["analyze", "--jsonl", "--text-field", "body"], input);
    assert_eq!(out.status.code(), Some(1), "some lines failed");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["id"], 7);
    assert_eq!(lines[0]["body"], "awful");
    assert_eq!(lines[0]["sentiment"]["label"], "negative");
    for (i, line) in lines.iter().enumerate().skip(1) {
        assert!(
            line["error"].is_string(),
            "line {} should carry an error: {line}",
            i + 1
        );
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    for n in 2..=4 {
        assert!(
            stderr.contains(&format!("<stdin>:{n}:")),
            "stderr names line {n}: {stderr}"
        );
    }
}

#[test]
fn analyze_marks_lossy_lines() {
    let out = earshot(&["analyze"], b"\xffbad\n");
    assert!(out.status.success());
    let lines = json_lines(&out);
    assert_eq!(lines[0]["warning"], "invalid UTF-8, decoded lossily");
    assert!(lines[0]["sentiment"]["compound"].is_number());
}

#[test]
fn plain_file_argument_is_analyze() {
    let path = std::env::temp_dir().join(format!("earshot-cli-short-{}.txt", std::process::id()));
    std::fs::write(&path, "I love it\n").unwrap();
    let out = earshot(&[path.to_str().unwrap()], b"");
    std::fs::remove_file(&path).unwrap();
    assert!(out.status.success());
    assert_eq!(json_lines(&out)[0]["sentiment"]["label"], "positive");
}
