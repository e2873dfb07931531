//! The pathological inputs of issue 7, shared by `tests/robustness.rs` (which checks that each
//! finishes with well-formed output) and `benches/adversarial.rs` (which measures how fast), so
//! that the bench measures exactly what the test checks.

/// Ordinary posts, the reference the others are compared with.
const POSTS: &str = include_str!("../../data/posts.txt");

/// `unit` repeated to at least `bytes` bytes.
pub fn fill(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

/// The inputs, about `bytes` long each, by name; the first is the reference (`data/posts.txt`
/// joined into one text).
pub fn inputs(bytes: usize) -> Vec<(&'static str, String)> {
    let posts = POSTS.lines().collect::<Vec<_>>().join(" ") + " ";
    vec![
        ("posts (reference)", fill(&posts, bytes)),
        ("bangs", fill("!", bytes)),
        ("emoji", fill("😀👍🏽🇯🇵😂👩‍💻❤️🙄", bytes)),
        ("zwj chain", format!("{}💻", fill("👩\u{200D}", bytes))),
        ("negations", fill("not never no ", bytes)),
        ("contrasts", fill("good but bad but ", bytes)),
        ("combining marks", format!("e{}", fill("\u{301}", bytes))),
        ("one long word", fill("a", bytes)),
        (
            "hashtags",
            fill(
                "#NotHappy #usairsucks #fail #LoveIt #WorstServiceEver ",
                bytes,
            ),
        ),
        (
            "one long hashtag",
            format!("#{}", fill("badservice", bytes)),
        ),
        (
            "idioms",
            fill(
                "yeah right kiss of death the bomb cut the mustard hand to mouth back handed \
                 the shit bad ass break a leg ",
                bytes,
            ),
        ),
        ("sentences", fill("Lovely. Awful! Great? ", bytes)),
        // Questions in a text that is all sign-off tail: a `? $$` pattern is tried at every
        // question mark, and each try must not read to the end of the text.
        ("questions in a tail", fill("? 😀 @acme ", bytes)),
    ]
}
