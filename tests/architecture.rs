//! The layout holds: dependencies flow one way. Each top-level module (a stage, or a shared
//! piece below the stages) may use only modules of a lower layer, and within a stage no two
//! sibling files use each other in a circle. Read from the source, so that an upward `use`
//! fails here rather than in review.
//!
//! Layers, lowest first (ARCHITECTURE.md explains each):
//! `util`, `error` → `tokenizer` → `read` → `lexicon`, `cues` → `scorer`, `config` → `classifier`,
//! `aspects` → `risk` → `analyzer` → `report` → the crate root (`lib.rs`) and the command line
//! (`src/bin`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module and its layer.
const LAYERS: &[(&str, usize)] = &[
    ("util", 0),
    ("error", 0),
    ("tokenizer", 1),
    ("read", 2),
    ("lexicon", 3),
    ("cues", 3),
    ("scorer", 4),
    ("config", 4),
    ("classifier", 5),
    ("aspects", 5),
    ("risk", 6),
    ("analyzer", 7),
    ("report", 8),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file: comment lines dropped, and the unit tests at the end (which may use
/// anything) cut off.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => &text,
    };
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The names that follow `prefix` in `code` (`crate::read::Words` → `read`), including the
/// items of a brace group right after it (`super::{a, b::c}` → `a`, `b`).
fn names_after(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in code.match_indices(prefix) {
        let rest = &code[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for item in group.split(',') {
                let name = word(item.trim());
                if !name.is_empty() {
                    names.insert(name);
                }
            }
        } else {
            let name = word(rest);
            if !name.is_empty() {
                names.insert(name);
            }
        }
    }
    names
}

#[test]
fn no_module_uses_a_higher_layer() {
    let layer: BTreeMap<&str, usize> = LAYERS.iter().copied().collect();
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut upward = Vec::new();
    let mut checked = 0;
    for file in &files {
        let relative = file.strip_prefix("src").unwrap();
        let top = relative.components().next().unwrap().as_os_str();
        let top = Path::new(top).file_stem().unwrap().to_str().unwrap();
        let Some(&mine) = layer.get(top) else {
            // lib.rs and src/bin: the top, which may use everything.
            assert!(
                top == "lib" || top == "bin",
                "{} is in no layer",
                file.display()
            );
            continue;
        };
        for used in names_after(&code(file), "crate::") {
            if let Some(&theirs) = layer.get(used.as_str()) {
                checked += 1;
                if theirs > mine || (theirs == mine && used != top) {
                    upward.push(format!("{} uses crate::{used}", file.display()));
                }
            }
        }
    }
    assert!(
        checked > 50,
        "only {checked} uses found: is the scan broken?"
    );
    assert!(
        upward.is_empty(),
        "uses across or up the layers:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_stage_has_sibling_files_that_use_each_other_in_a_circle() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    // Per directory: each file (but mod.rs) and the sibling files it uses.
    let mut graphs: BTreeMap<PathBuf, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in &files {
        let dir = file.parent().unwrap().to_path_buf();
        if !dir.join("mod.rs").exists() || file.ends_with("mod.rs") {
            continue;
        }
        let name = file.file_stem().unwrap().to_str().unwrap().to_string();
        let siblings: BTreeSet<String> = names_after(&code(file), "super::")
            .into_iter()
            .filter(|s| *s != name && dir.join(format!("{s}.rs")).exists())
            .collect();
        graphs.entry(dir).or_default().insert(name, siblings);
    }
    let mut circles = Vec::new();
    for (dir, graph) in &graphs {
        // Depth-first search for a back edge.
        fn visit(
            node: &str,
            graph: &BTreeMap<String, BTreeSet<String>>,
            path: &mut Vec<String>,
            done: &mut BTreeSet<String>,
        ) -> Option<Vec<String>> {
            if let Some(at) = path.iter().position(|p| p == node) {
                return Some(path[at..].to_vec());
            }
            if !done.insert(node.to_string()) {
                return None;
            }
            path.push(node.to_string());
            for next in graph.get(node).into_iter().flatten() {
                if let Some(circle) = visit(next, graph, path, done) {
                    return Some(circle);
                }
            }
            path.pop();
            None
        }
        let mut done = BTreeSet::new();
        for node in graph.keys() {
            if let Some(circle) = visit(node, graph, &mut Vec::new(), &mut done) {
                circles.push(format!("{}: {}", dir.display(), circle.join(" → ")));
            }
        }
    }
    assert!(
        graphs.len() >= 5,
        "{} stage directories found",
        graphs.len()
    );
    assert!(circles.is_empty(), "circles:\n{}", circles.join("\n"));
}

/// Every public type can cross threads: built analyzers are shared, results sent back, a
/// workspace kept per thread; results and configuration are unwind-safe values.
#[test]
fn public_types_are_send_sync() {
    use earshot::classifier::*;
    use earshot::scorer::*;
    fn shared<T: Send + Sync>() {}
    fn value<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    shared::<earshot::Analyzer>();
    shared::<earshot::AnalyzerBuilder>();
    shared::<earshot::Workspace>();
    shared::<Classifier>();
    shared::<ClassifierBuilder>();
    shared::<Scorer>();
    shared::<earshot::lexicon::Lexicon>();
    shared::<earshot::lexicon::LexiconOverlay>();
    shared::<earshot::Error>();
    shared::<earshot::risk::RiskStage>();
    value::<earshot::Analysis>();
    value::<earshot::WithText<'static>>();
    value::<Category>();
    value::<CategoryScore>();
    value::<Evidence>();
    value::<EvidenceList>();
    value::<earshot::Name>();
    value::<Sentiment>();
    value::<SentenceSentiment>();
    value::<Contribution>();
    value::<Rules>();
    value::<Preset>();
    value::<earshot::Config>();
    value::<CategorySpec>();
    value::<earshot::risk::Risk>();
    value::<earshot::risk::UrgencyInput>();
    value::<earshot::config::RiskConfig>();
    value::<earshot::config::UrgencySpec>();
    value::<earshot::aspects::Aspect>();
    value::<earshot::aspects::AspectSentiment>();
    value::<earshot::aspects::AspectEvidence>();
    value::<earshot::aspects::AspectEvidenceList>();
    value::<earshot::aspects::Role>();
    value::<earshot::aspects::Target>();
    value::<earshot::aspects::AspectSpec>();
    value::<earshot::aspects::AspectContext>();
    value::<earshot::aspects::AspectValence>();
    value::<earshot::report::Report>();
    value::<earshot::report::Summary>();
    value::<earshot::report::Limits>();
    value::<earshot::report::Post<'static>>();
}
