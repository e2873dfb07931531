//! The command-line contract: one output line per input line, in order; byte offsets into the
//! line; lossy UTF-8 with a warning naming the line; exit status 0 / 1 / 2.
#![cfg(feature = "cli")]

use std::ffi::OsStr;
use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// Runs `earshot` with `args` on `stdin`. Standard input is fed from a thread, so an input
/// larger than the pipe buffers cannot deadlock against the output.
fn earshot(args: &[&str], stdin: &[u8]) -> Output {
    earshot_os(args.iter().map(OsStr::new), stdin)
}

/// [`earshot`] with arguments that need not be UTF-8.
fn earshot_os<'a>(args: impl IntoIterator<Item = &'a OsStr>, stdin: &[u8]) -> Output {
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
    let fed = feeder.join().unwrap();
    // A run stopped by bad usage (status 2) need not read its input; any other reads it all.
    if out.status.code() != Some(2) {
        fed.expect("earshot read all its input");
    }
    out
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
        lines[0]["sentiment"],
        serde_json::json!({"compound": 0.4404, "positive": 0.492, "negative": 0.0, "neutral": 0.508, "label": "positive"})
    );
    assert_eq!(lines[0]["categories"], serde_json::json!([]));
    assert_eq!(lines[0]["risk"]["flags"], serde_json::json!([]));
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

// ---------------------------------------------------------------------------------------------
// Hostile input and long runs (issue 7)
// ---------------------------------------------------------------------------------------------

/// A file of its own under the temp directory, named after the test and the process.
fn temp_file(test: &str, content: &[u8]) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("earshot-cli-{}-{test}.txt", std::process::id()));
    std::fs::write(&path, content).unwrap();
    path
}

/// The words an `--explain` output line says it scored.
fn explained_words(line: &Value) -> Vec<String> {
    line["contributions"]
        .as_array()
        .unwrap_or_else(|| panic!("no contributions in {line}"))
        .iter()
        .map(|c| c["text"].as_str().unwrap().to_string())
        .collect()
}

/// Every awkward kind of line gets its own answer, in order: an invalid UTF-8 line (analysed
/// lossily, with a warning and a stderr message naming the line), a NUL byte (the line goes on
/// past it), CRLF endings (stripped), empty lines (neutral, no error) and a last line without
/// a newline. Nothing failed, so the exit status is 0.
#[test]
fn analyze_answers_every_kind_of_line_in_order() {
    let input = b"I love it\n\xff\xfe awful\ngood\0bad\r\ngreat\r\n\n\r\nterrible";
    let out = earshot(&["analyze", "--explain"], input);
    assert_eq!(out.status.code(), Some(0));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 7, "one output line per input line");
    assert_eq!(explained_words(&lines[0]), ["I", "love", "it"]);
    assert_eq!(lines[1]["warning"], "invalid UTF-8, decoded lossily");
    assert!(explained_words(&lines[1]).contains(&"awful".to_string()));
    assert_eq!(lines[1]["sentiment"]["label"], "negative");
    let nul = explained_words(&lines[2]);
    assert!(
        nul.contains(&"good".to_string()) && nul.contains(&"bad".to_string()),
        "the NUL byte does not end the line: {nul:?}"
    );
    // The CR is not part of the text: "great" ends the line at byte 5.
    assert_eq!(lines[3]["contributions"][0]["text"], "great");
    assert_eq!(lines[3]["contributions"][0]["end"], 5);
    for empty in [&lines[4], &lines[5]] {
        assert_eq!(empty["sentiment"]["label"], "neutral");
        assert!(empty.get("error").is_none() && empty.get("warning").is_none());
    }
    assert_eq!(explained_words(&lines[6]), ["terrible"]);
    for (i, line) in lines.iter().enumerate() {
        assert!(line.get("error").is_none(), "line {}: {line}", i + 1);
        assert!(line["sentiment"]["compound"].is_number());
    }
    // stderr names the lossy line, and only it.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim_end(),
        "earshot: <stdin>:2: invalid UTF-8, decoded lossily"
    );
}

/// With `--jsonl`, every line still gets one answer in order: good records (also with CRLF, an
/// escaped NUL, invalid UTF-8 inside the text, no final newline) are analysed with their
/// fields copied; an empty line, malformed JSON, a JSON value that is not an object, a missing
/// or non-string text field each get an `"error"` and a stderr message with their line number;
/// the exit status is 1.
#[test]
fn jsonl_answers_every_line_and_exits_1_when_some_fail() {
    let input: &[u8] = b"{\"id\": 1, \"text\": \"love it\"}\r\n\
        \n\
        {\"id\": 3, \"text\": \"awful\"\n\
        [\"id\", 4]\n\
        {\"id\": 5, \"text\": \"bad\\u0000good\"}\n\
        {\"id\": 6, \"text\": \"caf\xe9 awful\"}\n\
        {\"id\": 7}\n\
        {\"id\": 8, \"text\": null}\n\
        {\"id\": 9, \"text\": \"great\"}";
    let out = earshot(&["analyze", "--jsonl"], input);
    assert_eq!(out.status.code(), Some(1), "some lines failed");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 9, "one output line per input line");
    let failed = [2, 3, 4, 7, 8];
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        if failed.contains(&n) {
            assert!(line["error"].is_string(), "line {n} should fail: {line}");
            assert!(line.get("sentiment").is_none(), "line {n}: {line}");
        } else {
            assert_eq!(line["id"], n, "line {n} keeps its fields, in order: {line}");
            assert!(line.get("error").is_none(), "line {n}: {line}");
            assert!(
                line["sentiment"]["compound"].is_number(),
                "line {n}: {line}"
            );
        }
    }
    assert_eq!(lines[0]["sentiment"]["label"], "positive");
    assert_eq!(lines[5]["warning"], "invalid UTF-8, decoded lossily");
    assert_eq!(lines[5]["sentiment"]["label"], "negative");
    assert_eq!(lines[8]["sentiment"]["label"], "positive");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for n in failed.iter().chain([&6]) {
        assert!(
            stderr.contains(&format!("earshot: <stdin>:{n}: ")),
            "stderr names line {n}: {stderr}"
        );
    }
    assert_eq!(stderr.lines().count(), failed.len() + 1, "{stderr}");
}

/// Exit status 2 for input that cannot be read: a missing file (before any output), and a
/// file that opens but cannot be read (a directory) after an earlier file was answered — whose
/// answers are still written out (flushed on the way out).
#[test]
fn unreadable_input_exits_2_after_flushing_what_was_answered() {
    let missing = std::env::temp_dir().join(format!("earshot-cli-{}-nope.txt", std::process::id()));
    let out = earshot(&["analyze", missing.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.txt"));

    let good = temp_file("before-dir", b"love it\nhate it\n");
    let dir = std::env::temp_dir();
    let out = earshot(
        &["analyze", good.to_str().unwrap(), dir.to_str().unwrap()],
        b"",
    );
    std::fs::remove_file(&good).unwrap();
    assert_eq!(out.status.code(), Some(2));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2, "the first file's answers are written");
    assert_eq!(lines[1]["sentiment"]["label"], "negative");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot read"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// A single line of 20 MB is read whole and analysed, not refused or cut: a phrase at its very
/// end is found at its exact byte offset. (The line is mostly two 10 MB words, so that this
/// debug-mode test stays fast; a 20 MB line of ordinary posts takes about 7 s in a debug build.)
#[test]
fn a_20_megabyte_line_is_analysed_whole() {
    const MB: usize = 1 << 20;
    let mut line = String::from("I love it ");
    line.push_str(&"a".repeat(10 * MB));
    line.push(' ');
    line.push_str(&"b".repeat(10 * MB));
    // A phrase whose category does not hang on the text's mixed sentiment ("awful" here was
    // a complaint only just above its threshold, and a refit of the weights tipped it).
    line.push_str(" please fix");
    let end = line.len();
    let input = format!("first\n{line}\nlast\n");
    let out = earshot(&["analyze"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3);
    let evidence: Vec<(u64, u64)> = lines[1]["categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["evidence"].as_array().unwrap())
        .map(|e| (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap()))
        .collect();
    assert!(
        evidence.contains(&((end - "please fix".len()) as u64, end as u64)),
        "\"please fix\" at the end of the line is evidence: {evidence:?}"
    );
    assert!(
        evidence.contains(&(2, 9)),
        "\"love it\" at its start: {evidence:?}"
    );
}

/// A closed pipe downstream (`earshot analyze big.txt | head -1`) ends the run quietly: no
/// panic message, nothing on stderr, exit status 0 — for `analyze` and `tokenize`.
#[test]
fn closed_pipe_downstream_ends_quietly() {
    let posts = include_bytes!("../data/posts.txt");
    let big: Vec<u8> = posts.iter().copied().cycle().take(4 << 20).collect();
    let path = temp_file("closed-pipe", &big);
    for command in ["analyze", "tokenize"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_earshot"))
            .args([command, path.to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run earshot");
        let mut reader = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        std::io::BufRead::read_line(&mut reader, &mut first).unwrap();
        assert!(first.starts_with(['{', '[']), "{command}: {first:?}");
        drop(reader);
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.is_empty(), "{command}: stderr {stderr:?}");
        assert_eq!(out.status.code(), Some(0), "{command}");
    }
    std::fs::remove_file(&path).unwrap();
}

/// Streaming: answers come out while the input is still open (the input is read line by line
/// and answers written in bounded batches, never the whole input first). The feeder writes
/// 2,000 lines and then waits, stdin open, until an answer has arrived.
#[test]
fn answers_stream_out_before_the_input_ends() {
    use std::sync::mpsc;
    use std::time::Duration;

    let mut child = Command::new(env!("CARGO_BIN_EXE_earshot"))
        .args(["analyze"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run earshot");
    let mut input = child.stdin.take().unwrap();
    let (answered, wait_for_answer) = mpsc::channel::<()>();
    let feeder = std::thread::spawn(move || {
        for i in 0..2000 {
            writeln!(input, "post {i}: the app keeps crashing, please fix it").unwrap();
        }
        input.flush().unwrap();
        // Keep stdin open until the first answer is read (or the test gives up).
        let _ = wait_for_answer.recv_timeout(Duration::from_secs(120));
        drop(input);
    });
    let (first_tx, first_rx) = mpsc::channel::<String>();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stdout));
        let first = lines.next().unwrap().unwrap();
        first_tx.send(first).unwrap();
        1 + lines.count()
    });
    let first = first_rx.recv_timeout(Duration::from_secs(60));
    answered.send(()).ok();
    let first = first.unwrap_or_else(|_| {
        child.kill().ok();
        panic!("no answer while the input was still open: the input is not streamed")
    });
    assert!(first.contains("\"sentiment\""), "{first}");
    feeder.join().unwrap();
    assert_eq!(reader.join().unwrap(), 2000, "every line answered");
    assert!(child.wait().unwrap().success());
}

/// The same input gives byte-identical output in two separate runs (no dependence on a
/// per-process hash seed or on timing).
#[test]
fn two_runs_give_identical_output() {
    let posts = concat!(env!("CARGO_MANIFEST_DIR"), "/data/posts.txt");
    let first = earshot(&["analyze", "--explain", posts], b"");
    let second = earshot(&["analyze", "--explain", posts], b"");
    assert!(first.status.success() && second.status.success());
    assert_eq!(json_lines(&first).len(), 320);
    assert!(first.stdout == second.stdout, "two runs differ");
}

/// `--lexicon` merges a file over the built-in lexicon; `--categories` adds and switches off
/// categories from a JSON file.
#[test]
fn lexicon_and_category_files_customise_the_analysis() {
    let lexicon = temp_file("lexicon.tsv", b"# ours\nzorp\t-3.0\n");
    let categories = temp_file(
        "categories.json",
        br#"{"categories": [{"label": "billing", "cues": [{"name": "invoice", "weight": 3.0, "patterns": ["invoice*"]}]}],
            "disable": ["policy"]}"#,
    );
    let text = b"the invoice is zorp\nthis new privacy law will kill small shops\n";
    let plain = json_lines(&earshot(&["analyze"], text));
    let custom = json_lines(&earshot(
        &[
            "analyze",
            "--lexicon",
            lexicon.to_str().unwrap(),
            "--categories",
            categories.to_str().unwrap(),
        ],
        text,
    ));
    let labels = |v: &Value| -> Vec<String> {
        v["categories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["label"].as_str().unwrap().to_string())
            .collect()
    };
    // "zorp" means nothing to the built-in lexicon (the text stays about neutral) and something
    // bad to ours.
    assert!(plain[0]["sentiment"]["compound"].as_f64().unwrap().abs() < 0.05);
    assert!(custom[0]["sentiment"]["compound"].as_f64().unwrap() < -0.3);
    assert!(labels(&custom[0]).contains(&"billing".to_string()));
    assert!(labels(&plain[1]).contains(&"policy".to_string()));
    assert!(!labels(&custom[1]).contains(&"policy".to_string()));
    std::fs::remove_file(lexicon).unwrap();
    std::fs::remove_file(categories).unwrap();
}

/// A bad lexicon or category file stops the run before any output, with exit 2 and a message
/// naming the file (and the line where there is one).
#[test]
fn bad_lexicon_or_category_files_exit_2_naming_the_file() {
    let lexicon = temp_file("bad-lexicon.tsv", b"good\t1.0\nbad line\n");
    let categories = temp_file("bad-categories.json", br#"{"disable": ["nope"]}"#);
    for (option, path, says) in [
        ("--lexicon", &lexicon, ":2:"),
        ("--categories", &categories, "nope"),
    ] {
        // No input: earshot may exit before reading any.
        let out = earshot(&["analyze", option, path.to_str().unwrap()], b"");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{option}: {stderr}");
        assert!(out.stdout.is_empty(), "{option}");
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(
            stderr.contains(name) && stderr.contains(says),
            "{option}: {stderr}"
        );
    }
    std::fs::remove_file(lexicon).unwrap();
    std::fs::remove_file(categories).unwrap();
}

// ---------------------------------------------------------------------------------------------
// The command line itself: help, usage errors, input errors, the shorthand, key order
// ---------------------------------------------------------------------------------------------

/// `--help` (and `-h`, and `earshot help COMMAND`) works for earshot and for every command:
/// exit 0, the help on stdout, naming the command's options; `--version` gives the version.
#[test]
fn help_for_every_command_names_its_options() {
    let analyze_options = [
        "--preset",
        "default",
        "vader",
        "--explain",
        "--jsonl",
        "--text-field",
        "--lexicon",
        "--categories",
        "FILE",
    ];
    let cases: [(&[&str], &[&str]); 8] = [
        (
            &["--help"],
            &["analyze", "tokenize", "FILE...", "Exit status"],
        ),
        (&["-h"], &["analyze", "tokenize"]),
        (&["help"], &["analyze", "tokenize"]),
        (&["analyze", "--help"], &analyze_options),
        (&["analyze", "-h"], &analyze_options),
        (&["help", "analyze"], &analyze_options),
        (&["tokenize", "--help"], &["FILE", "standard input"]),
        (&["help", "tokenize"], &["FILE", "standard input"]),
    ];
    for (args, says) in cases {
        let out = earshot(args, b"");
        let help = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {help}");
        assert!(out.stderr.is_empty(), "{args:?}");
        for word in says {
            assert!(
                help.contains(word),
                "{args:?} should mention {word}: {help}"
            );
        }
    }
    let version = earshot(&["--version"], b"");
    assert_eq!(version.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim_end(),
        format!("earshot {}", env!("CARGO_PKG_VERSION"))
    );
}

/// stderr as lines, for messages.
fn stderr_lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .map(str::to_string)
        .collect()
}

/// A usage error is one line and a hint, exit status 2, nothing on stdout; never the usage
/// text.
fn assert_usage_error(args: &[&str]) -> Vec<String> {
    let out = earshot(args, b"");
    let stderr = stderr_lines(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr:?}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert_eq!(stderr.len(), 2, "{args:?}: one line and a hint: {stderr:?}");
    assert!(stderr[0].starts_with("earshot: "), "{args:?}: {stderr:?}");
    assert!(stderr[1].starts_with("hint: "), "{args:?}: {stderr:?}");
    assert!(
        !stderr.concat().contains("Usage") && !stderr.concat().contains("usage:"),
        "{args:?}: {stderr:?}"
    );
    stderr
}

#[test]
fn usage_errors_are_one_line_and_a_hint() {
    assert_eq!(
        assert_usage_error(&["analyze", "--foo"]),
        [
            "earshot: unknown option --foo for analyze",
            "hint: see 'earshot analyze --help'"
        ]
    );
    assert_eq!(
        assert_usage_error(&["tokenize", "--jsonl"]),
        [
            "earshot: unknown option --jsonl for tokenize",
            "hint: see 'earshot tokenize --help'"
        ]
    );
    let typo = assert_usage_error(&["analyze", "--explian"]);
    assert!(typo[0].contains("did you mean --explain?"), "{typo:?}");
    let preset = assert_usage_error(&["analyze", "--preset", "nope"]);
    assert!(
        preset[0].contains("\"nope\"") && preset[0].contains("default, vader"),
        "{preset:?}"
    );
    assert!(assert_usage_error(&["analyze", "--preset"])[0].contains("--preset needs a value"));
    assert_eq!(
        assert_usage_error(&["analyze", "--text-field", "body"])[0],
        "earshot: --text-field only makes sense with --jsonl"
    );
    assert!(assert_usage_error(&["analyze", "--explain=yes"])[0].contains("--explain"));
    // --config (alias --categories) takes one file: a second one is an error, not silently
    // dropped.
    let twice = assert_usage_error(&["analyze", "--categories", "a", "--categories", "b"]);
    assert!(twice[0].contains("--config"), "{twice:?}");
    let twice = assert_usage_error(&["analyze", "--config", "a", "--categories", "b"]);
    assert!(twice[0].contains("--config"), "{twice:?}");
    for general in [&[][..], &["--foo"], &["help", "frobnicate"]] {
        let stderr = assert_usage_error(general);
        assert_eq!(
            stderr[1], "hint: commands are analyze, tokenize, report; see 'earshot --help'",
            "{general:?}"
        );
    }
}

/// Options that set one thing may be repeated; the last one wins (as before clap).
#[test]
fn a_repeated_option_takes_its_last_value() {
    let text = b"The book was good.\n";
    let vader = earshot(&["analyze", "--preset", "vader"], text);
    let repeated = earshot(
        &[
            "analyze",
            "--preset",
            "default",
            "--preset=vader",
            "--explain",
            "--explain",
        ],
        text,
    );
    assert_eq!(repeated.status.code(), Some(0));
    assert_eq!(
        json_lines(&repeated)[0]["sentiment"],
        json_lines(&vader)[0]["sentiment"]
    );
}

/// A missing input file is an input error: one line naming the file and the OS's reason, exit
/// status 2, no usage text and no hint.
#[test]
fn a_missing_file_is_an_input_error_not_a_usage_error() {
    let missing =
        std::env::temp_dir().join(format!("earshot-cli-{}-absent.txt", std::process::id()));
    for command in ["analyze", "tokenize"] {
        let out = earshot(&[command, missing.to_str().unwrap()], b"");
        let stderr = stderr_lines(&out);
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert!(out.stdout.is_empty(), "{command}");
        assert_eq!(
            stderr,
            [format!(
                "earshot: cannot read {}: No such file or directory (os error 2)",
                missing.display()
            )],
            "{command}"
        );
    }
}

/// `earshot FILE...` is `earshot analyze FILE...` (options may follow, `-` is standard input);
/// a first word that is neither a command nor a file says it cannot be read and names the
/// commands, in one line and a hint, exit status 2.
#[test]
fn the_shorthand_and_a_first_word_that_is_neither_command_nor_file() {
    let path = temp_file("shorthand", b"The book was good.\n");
    let out = earshot(
        &[path.to_str().unwrap(), "--preset", "vader", "-"],
        b"awful\n",
    );
    std::fs::remove_file(&path).unwrap();
    assert_eq!(out.status.code(), Some(0));
    let lines = json_lines(&out);
    assert_eq!(lines[0]["sentiment"]["compound"], 0.4404, "vader preset");
    assert_eq!(lines[1]["sentiment"]["label"], "negative", "then stdin");
    let out = earshot(&["-"], b"love it\n");
    assert_eq!(json_lines(&out)[0]["sentiment"]["label"], "positive");

    let typo = format!("earshot-typo-{}.txt", std::process::id());
    let out = earshot(&[&typo], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr_lines(&out),
        [
            format!("earshot: cannot read {typo}: No such file or directory (os error 2)"),
            "hint: commands are analyze, tokenize, report; see 'earshot --help'".to_string(),
        ]
    );
    // A mistyped command gets a suggestion.
    let out = earshot(&["tokenzie"], b"");
    assert_eq!(out.status.code(), Some(2));
    let stderr = stderr_lines(&out);
    assert_eq!(stderr.len(), 2, "{stderr:?}");
    assert!(stderr[1].contains("did you mean 'tokenize'?"), "{stderr:?}");
}

/// `--` ends the options: a file whose name starts with `-` can be read.
#[test]
fn double_dash_ends_the_options() {
    let dir = std::env::temp_dir().join(format!("earshot-cli-dash-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("--explain"), b"love it\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_earshot"))
        .current_dir(&dir)
        .args(["analyze", "--", "--explain"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["sentiment"]["label"], "positive");
    assert!(
        lines[0].get("contributions").is_none(),
        "--explain was a file"
    );
}

/// Arguments that are not UTF-8 never panic: a file name is a path like any other (read when
/// it exists, one line and exit 2 when it does not), and a value that must be text is a
/// one-line usage error naming the option.
#[cfg(unix)]
#[test]
fn non_utf8_arguments_do_not_panic() {
    use std::os::unix::ffi::OsStrExt;

    let dir = std::env::temp_dir().join(format!("earshot-cli-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let name = OsStr::from_bytes(b"caf\xe9.txt");
    let existing = dir.join(name);
    std::fs::write(&existing, b"love it\n").unwrap();
    let missing = dir.join(OsStr::from_bytes(b"gone\xff.txt"));

    let out = earshot_os([OsStr::new("analyze"), existing.as_os_str()], b"");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(json_lines(&out)[0]["sentiment"]["label"], "positive");
    let out = earshot_os([existing.as_os_str()], b"");
    assert_eq!(out.status.code(), Some(0), "the shorthand: {out:?}");

    let cases: [(Vec<&OsStr>, &str); 4] = [
        (
            vec![OsStr::new("analyze"), missing.as_os_str()],
            "cannot read",
        ),
        (vec![missing.as_os_str()], "cannot read"),
        (
            vec![
                OsStr::new("analyze"),
                OsStr::new("--jsonl"),
                OsStr::new("--text-field"),
                OsStr::from_bytes(b"b\xffdy"),
            ],
            "--text-field is not valid UTF-8",
        ),
        (
            vec![OsStr::new("analyze"), OsStr::from_bytes(b"--f\xffo")],
            "unknown option",
        ),
    ];
    for (args, says) in cases {
        let out = earshot_os(args.iter().copied(), b"");
        let stderr = stderr_lines(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(
            !stderr.concat().contains("panicked"),
            "{args:?}: {stderr:?}"
        );
        assert!(stderr[0].starts_with("earshot: "), "{args:?}: {stderr:?}");
        assert!(stderr[0].contains(says), "{args:?}: {stderr:?}");
        assert!(
            stderr.len() == 1 || (stderr.len() == 2 && stderr[1].starts_with("hint: ")),
            "{args:?}: one line (and a hint): {stderr:?}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The top-level keys of a JSON object, in the order they are written.
fn keys_in_order(line: &str) -> Vec<String> {
    use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

    struct Keys;
    impl<'de> Visitor<'de> for Keys {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
            let mut keys = Vec::new();
            while let Some((key, IgnoredAny)) = map.next_entry::<String, IgnoredAny>()? {
                keys.push(key);
            }
            Ok(keys)
        }
    }
    let mut de = serde_json::Deserializer::from_str(line);
    de.deserialize_map(Keys)
        .unwrap_or_else(|e| panic!("{line}: {e}"))
}

fn output_lines(out: &Output) -> Vec<String> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// Plain text: sentiment, categories, risk, aspects, (contributions and sentences with
/// --explain, sentences with --sentences), then warning — the same order whether or not the line was decoded
/// lossily.
#[test]
fn plain_text_output_keys_come_in_a_fixed_order() {
    let input = b"love it\n\xffawful\n";
    let lines = output_lines(&earshot(&["analyze"], input));
    assert_eq!(
        keys_in_order(&lines[0]),
        ["sentiment", "categories", "risk", "aspects"]
    );
    assert_eq!(
        keys_in_order(&lines[1]),
        ["sentiment", "categories", "risk", "aspects", "warning"]
    );
    let lines = output_lines(&earshot(&["analyze", "--explain"], input));
    assert_eq!(
        keys_in_order(&lines[0]),
        [
            "sentiment",
            "categories",
            "risk",
            "aspects",
            "contributions",
            "sentences"
        ]
    );
    assert_eq!(
        keys_in_order(&lines[1]),
        [
            "sentiment",
            "categories",
            "risk",
            "aspects",
            "contributions",
            "sentences",
            "warning"
        ]
    );
    let lines = output_lines(&earshot(&["analyze", "--sentences"], input));
    assert_eq!(
        keys_in_order(&lines[1]),
        [
            "sentiment",
            "categories",
            "risk",
            "aspects",
            "sentences",
            "warning"
        ]
    );
}

/// --jsonl: the record's own fields in their input order (nested objects too), then the
/// analysis, then the warning. A record field named like one earshot writes is replaced, in
/// earshot's place.
#[test]
fn jsonl_output_keys_keep_the_record_order_then_the_analysis() {
    let input: &[u8] =
        b"{\"zeta\": 1, \"text\": \"love it\", \"alpha\": {\"y\": 1, \"b\": 2}, \"id\": 3}\n\
        {\"zeta\": 1, \"text\": \"caf\xe9 awful\", \"alpha\": 2}\n\
        {\"sentiment\": \"mine\", \"text\": \"ok\", \"warning\": \"theirs\", \"id\": 5}\n\
        {\"categories\": [], \"text\": \"bad \xff\", \"warning\": \"theirs\"}\n";
    let out = earshot(&["analyze", "--jsonl"], input);
    assert_eq!(out.status.code(), Some(0));
    let lines = output_lines(&out);
    assert_eq!(
        keys_in_order(&lines[0]),
        [
            "zeta",
            "text",
            "alpha",
            "id",
            "sentiment",
            "categories",
            "risk",
            "aspects"
        ]
    );
    assert!(
        lines[0].contains(r#""alpha":{"y":1,"b":2}"#),
        "nested keys keep their order: {}",
        lines[0]
    );
    assert_eq!(
        keys_in_order(&lines[1]),
        [
            "zeta",
            "text",
            "alpha",
            "sentiment",
            "categories",
            "risk",
            "aspects",
            "warning"
        ]
    );
    // The record's own "warning" stays where it was when earshot has none to add.
    assert_eq!(
        keys_in_order(&lines[2]),
        [
            "text",
            "warning",
            "id",
            "sentiment",
            "categories",
            "risk",
            "aspects"
        ]
    );
    let third: Value = serde_json::from_str(&lines[2]).unwrap();
    assert!(third["sentiment"]["compound"].is_number(), "{third}");
    assert_eq!(third["warning"], "theirs");
    assert_eq!(
        keys_in_order(&lines[3]),
        [
            "text",
            "sentiment",
            "categories",
            "risk",
            "aspects",
            "warning"
        ]
    );
    let explained = output_lines(&earshot(&["analyze", "--jsonl", "--explain"], input));
    assert_eq!(
        keys_in_order(&explained[1]),
        [
            "zeta",
            "text",
            "alpha",
            "sentiment",
            "categories",
            "risk",
            "aspects",
            "contributions",
            "sentences",
            "warning"
        ]
    );
}

/// A --jsonl record that names a target gets `target`: the sentiment toward it (found in the
/// text, ignoring case, or at its byte offsets), after the analysis; bad targets are errors of
/// their line.
#[test]
fn jsonl_targets_get_their_own_sentiment() {
    let input: &[u8] = br#"{"text": "Verizon was awful all week, but T-Mobile has been great", "target": "t-mobile"}
{"text": "Verizon was awful all week, but T-Mobile has been great", "target": "Verizon"}
{"text": "I love the soup. The soup of the day was cold", "target": "soup", "target_start": 21, "target_end": 25}
{"text": "no target here", "id": 1}
{"text": "AT&T is fine", "target": "Sprint"}
{"text": "AT&T is fine", "target": "AT&T", "target_start": 5, "target_end": 2}
{"text": "caf\u00e9", "target": "x", "target_start": 0, "target_end": 4}
{"text": "AT&T is fine", "target": 3}
{"text": "AT&T is fine", "target_start": 0}
"#;
    let out = earshot(&["analyze", "--jsonl"], input);
    assert_eq!(out.status.code(), Some(1), "some lines fail");
    let lines = output_lines(&out);
    let json: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(json[0]["target"]["text"], "T-Mobile");
    assert_eq!(json[0]["target"]["sentiment"]["label"], "positive");
    assert_eq!(json[1]["target"]["text"], "Verizon");
    assert_eq!(json[1]["target"]["sentiment"]["label"], "negative");
    assert_eq!(
        keys_in_order(&lines[0]),
        [
            "text",
            "sentiment",
            "categories",
            "risk",
            "aspects",
            "target"
        ]
    );
    // The offsets choose the second soup, which is blamed.
    assert_eq!(json[2]["target"]["start"], 21);
    assert_eq!(json[2]["target"]["sentiment"]["label"], "negative");
    assert_eq!(
        json[2]["target_start"], 21,
        "the record's own fields are kept"
    );
    assert!(json[3].get("target").is_none());
    for (k, why) in [
        (4, "does not occur"),
        (5, "not a span"),
        (6, "inside a character"),
        (7, "not a string"),
        (8, "both target_start and target_end"),
    ] {
        let error = json[k]["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{}", lines[k]));
        assert!(error.contains(why), "line {k}: {error}");
    }
}
