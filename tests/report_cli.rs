//! `earshot report`: writes report.json and report.html from plain text or JSONL; bad lines are
//! reported with their line number and the rest still reported (exit 1); an output directory
//! that cannot be made fails before the work (exit 2); no progress bar when stderr is not a
//! terminal; hostile posts are escaped in the page.
#![cfg(feature = "cli")]

use std::io::Write;
use std::path::{Path, PathBuf};
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
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let feeder = std::thread::spawn(move || input.write_all(&stdin));
    let out = child.wait_with_output().unwrap();
    let _ = feeder.join().unwrap();
    out
}

/// A fresh output directory under target/.
fn out_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/report-cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn json(dir: &Path) -> Value {
    let text = std::fs::read_to_string(dir.join("report.json")).expect("report.json written");
    serde_json::from_str(&text).expect("report.json is JSON")
}

#[test]
fn the_sample_posts_make_a_report() {
    let dir = out_dir("sample");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample_posts.jsonl");
    let out = earshot(
        &[
            "report",
            "--jsonl",
            sample.to_str().unwrap(),
            "--out",
            dir.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    // One closing line, no progress bar (stderr is a pipe here).
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("4000 posts"));
    let report = json(&dir);
    assert_eq!(report["posts"], 4000);
    assert_eq!(report["timed_posts"], 4000);
    assert_eq!(report["period"]["unit"], "day");
    assert_eq!(report["over_time"]["buckets"].as_array().unwrap().len(), 42);
    // The planted burst of the generator (scripts/gen_sample_posts.py) is found.
    let emerging: Vec<&str> = report["emerging"]["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    assert!(emerging.contains(&"promo code"), "{emerging:?}");
    assert!(report["people"]["rated_posts"].as_u64().unwrap() > 0);
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg"));
    // Self-contained: no script, nothing fetched (the only URL is SVG's namespace name).
    assert!(!html.contains("<script") && !html.contains("<link") && !html.contains("url("));
    assert!(!html.contains("src=") && !html.contains("href=") && !html.contains("@import"));
}

#[test]
fn plain_text_from_stdin_is_reported_without_times() {
    let dir = out_dir("plain");
    let out = earshot(
        &["report", "--out", dir.to_str().unwrap()],
        b"The app keeps crashing\n<script>alert(1)</script> awful\nLove it\n",
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let report = json(&dir);
    assert_eq!(report["posts"], 3);
    assert_eq!(report["timed_posts"], 0);
    assert!(report["period"].is_null());
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("&lt;script&gt;alert(1)"));
    assert!(!html.contains("<script>alert"));
}

#[test]
fn bad_lines_are_reported_and_the_rest_counted() {
    let dir = out_dir("bad");
    let input = concat!(
        r#"{"text": "Great service", "time": "2026-11-23T10:00:00Z", "source": "email"}"#,
        "\n",
        "not json\n",
        r#"{"body": "no text field"}"#,
        "\n",
        r#"{"text": 42}"#,
        "\n",
        r#"{"text": "fine", "time": "yesterday", "id": 12, "rating": "4", "extra": [1, {"a": 2}]}"#,
        "\n",
        r#"{"text": "also fine", "time": 1795392000.5, "author": null}"#,
        "\n",
    );
    let out = earshot(
        &["report", "--jsonl", "--out", dir.to_str().unwrap()],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("<stdin>:2: not a JSON object"), "{stderr}");
    assert!(stderr.contains("<stdin>:3: no field \"text\""), "{stderr}");
    assert!(
        stderr.contains("<stdin>:4: field \"text\" is a number"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 lines had a time that could not be read"),
        "{stderr}"
    );
    let report = json(&dir);
    assert_eq!(report["posts"], 3);
    assert_eq!(report["timed_posts"], 2);
    assert_eq!(report["people"]["rated_posts"], 1);
}

#[test]
fn an_output_directory_that_cannot_be_made_fails_first() {
    let dir = out_dir("blocked");
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    std::fs::write(&dir, "a file, not a directory").unwrap();
    let out = earshot(
        &["report", "--out", dir.join("sub").to_str().unwrap()],
        b"hello\n",
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot create"));
    let _ = std::fs::remove_file(&dir);
}

#[test]
fn report_has_its_own_help() {
    let out = earshot(&["report", "--help"], b"");
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("--out") && help.contains("report.html"));
    let out = earshot(&["report", "--text-field", "body"], b"");
    assert_eq!(out.status.code(), Some(2));
}
