//! `earshot analyze --jsonl` with the optional context of reviews and tickets: a `"title"`
//! (a string) and a `"rating"` (stars out of 5). Both are copied through like any other field;
//! the title's evidence is marked `"part": "title"`; a value of the wrong type fails its line
//! with a message naming the field.
#![cfg(feature = "cli")]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn analyze_jsonl(stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_earshot"))
        .args(["analyze", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run earshot");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn category<'a>(line: &'a Value, label: &str) -> Option<&'a Value> {
    line["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["label"] == label)
}

#[test]
fn title_and_rating_are_read_and_copied() {
    let out = analyze_jsonl(concat!(
        r#"{"id": 7, "title": "Please add a dark mode", "rating": 4, "text": "Works fine on my phone."}"#,
        "\n",
        r#"{"text": "Works fine on my phone."}"#,
        "\n",
    ));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let lines = lines(&out);
    // The record's fields come first, in their order, context fields included.
    let keys: Vec<&str> = lines[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "id",
            "title",
            "rating",
            "text",
            "sentiment",
            "categories",
            "risk",
            "aspects"
        ]
    );
    let idea = category(&lines[0], "idea").expect("the title's request");
    let first = &idea["evidence"][0];
    assert_eq!(
        (&first["part"], &first["sentence"]),
        (&Value::from("title"), &Value::from(0))
    );
    assert!(first["text"].as_str().unwrap().starts_with("Please add"));
    // Near miss: the same text without its title.
    assert!(category(&lines[1], "idea").is_none());
}

#[test]
fn null_context_is_none() {
    let out = analyze_jsonl(concat!(
        r#"{"text": "The app crashes on start", "title": null, "rating": null}"#,
        "\n",
        r#"{"text": "The app crashes on start"}"#,
        "\n",
    ));
    assert_eq!(out.status.code(), Some(0));
    let lines = lines(&out);
    assert_eq!(lines[0]["categories"], lines[1]["categories"]);
}

#[test]
fn context_of_the_wrong_type_fails_its_line() {
    let out = analyze_jsonl(concat!(
        r#"{"text": "ok", "rating": "five"}"#,
        "\n",
        r#"{"text": "ok", "title": 3}"#,
        "\n",
        r#"{"text": "ok", "rating": 5}"#,
        "\n",
    ));
    assert_eq!(out.status.code(), Some(1));
    let lines = lines(&out);
    assert!(
        lines[0]["error"].as_str().unwrap().contains("\"rating\""),
        "{lines:?}"
    );
    assert!(
        lines[1]["error"].as_str().unwrap().contains("\"title\""),
        "{lines:?}"
    );
    assert!(lines[2].get("error").is_none());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("rating"), "{stderr}");
}
