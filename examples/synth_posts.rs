//! Generates synthetic social posts with a fixed seed: the corpus for VADER parity checks and
//! for benchmarks. Every rule the scorer implements, and every token kind, shows up often.
//!
//! ```sh
//! cargo run --release --example synth_posts -- 50000 42 > target/synth.txt
//! ```
//!
//! Arguments: number of posts (default 50,000) and seed (default 42). One post per line.
//! Words come from earshot's built-in lexicon and from the lists below, which the project wrote.

use std::io::{self, BufWriter, Write};

/// A small, fast, seedable generator (SplitMix64), so the corpus is the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

const FILLER: &[&str] = &[
    "the", "app", "order", "delivery", "support", "team", "flight", "my", "it", "this", "that",
    "was", "is", "are", "been", "has", "have", "i", "we", "you", "they", "today", "again",
    "update", "account", "refund", "package", "store", "phone", "service", "customer", "bank",
    "card", "staff", "food", "room", "hotel", "price", "battery", "screen", "login", "website",
    "agent", "and", "or", "to", "for", "with", "at", "on", "in", "of", "a", "an", "just", "still",
    "even", "really", "kind", "sort", "least", "no", "nor", "but", "so", "this", "never",
    "without", "doubt", "very", "yeah", "right", "enough", "bus", "stop", "kiss", "death", "die",
    "heart", "beating", "bomb", "shit", "ass", "bad", "hour", "week", "call", "chat", "email",
    "reply",
];

const BOOSTERS: &[&str] = &[
    "very",
    "really",
    "so",
    "extremely",
    "totally",
    "absolutely",
    "incredibly",
    "quite",
    "most",
    "barely",
    "hardly",
    "slightly",
    "somewhat",
    "kinda",
    "sorta",
    "kind-of",
    "more",
    "less",
    "little",
    "friggin",
    "hella",
    "utterly",
    "almost",
    "particularly",
    "major",
];

const NEGATIONS: &[&str] = &[
    "not",
    "isn't",
    "isn’t",
    "don't",
    "don’t",
    "didn't",
    "didn’t",
    "wasn't",
    "wasn’t",
    "never",
    "no",
    "nothing",
    "without",
    "can't",
    "can’t",
    "won't",
    "cannot",
    "dont",
    "aint",
    "nor",
    "neither",
    "rarely",
    "seldom",
    "despite",
    "uh-uh",
    "nope",
    "none",
    "shouldn't",
    "couldnt",
];

const PHRASES: &[&str] = &[
    "kind of",
    "sort of",
    "at least",
    "the least",
    "very least",
    "never so",
    "never this",
    "without a doubt",
    "without doubt",
    "the shit",
    "the bomb",
    "bad ass",
    "badass",
    "bus stop",
    "yeah right",
    "kiss of death",
    "to die for",
    "beating heart",
    "just enough",
    "no or",
    "no nor",
    "not bad at all",
    "cut the mustard",
    "under the weather",
    "fed up",
    "can't stand",
];

const EMOJI: &[&str] = &[
    "😀",
    "😂",
    "😍",
    "😡",
    "😢",
    "😭",
    "👍",
    "👎",
    "👍🏽",
    "👎🏿",
    "❤️",
    "❤",
    "💔",
    "🔥",
    "🙄",
    "😤",
    "👩‍💻",
    "👨‍👩‍👧",
    "🇯🇵",
    "🇬🇧",
    "1️⃣",
    "#️⃣",
    "✨",
    "🎉",
    "🤬",
    "🤮",
    "🙏",
    "💯",
    "🔛",
    "🆙",
    "☺",
    "☹️",
    "©",
    "®",
    "🏳️‍🌈",
    "🤷‍♀️",
    "✔️",
    "❌",
    "⭐",
    "😊",
    "🥰",
    "😒",
    "😞",
    "💩",
];

const EMOTICONS: &[&str] = &[
    ":)", ":-)", ":(", ":-(", ":'(", ":D", ":-D", "D:", ";)", ":P", ":p", "xD", "XD", "<3", "</3",
    ":/", ":-/", "^_^", "-_-", ":|", ":O", "=)", "(:", ":))", ":-((", ";-)", "8-)", ">:(",
];

const ODD: &[&str] = &[
    "#fail",
    "#NotHappy",
    "#love",
    "#CustomerService",
    "@support",
    "@AcmeHelp",
    "@user",
    "https://acme.example/help",
    "www.acme.com",
    "help@acme.com",
    "10:30",
    "4.5",
    "$1,000",
    "50%",
    "order #12345",
    "café",
    "naïve",
    "Müller",
    "ΣΟΦΟΣ",
    "ΟΔΟΣ",
    "Привет",
    "日本語",
    "ǅemal",
    "cafe\u{301}",
    "İstanbul",
    "STRASSE",
    "ﬁne",
    "Ǆ",
    "ΣΑΣ",
    "…",
    "“quoted”",
    "'single'",
    "--",
    "...",
    "!?",
    "?!",
    "(",
    ")",
    "[ok]",
    "\"great\"",
    "*sigh*",
    "~~",
    "&",
    "+1",
    "-1",
];

const SPACES: &[&str] = &[
    " ", " ", " ", " ", " ", " ", "  ", "\t", "\u{A0}", "\u{3000}", "\u{1C}", "\u{2009}",
];

const ENDINGS: &[&str] = &[
    "", "", "", ".", "!", "!!", "!!!", "!!!!!", "?", "??", "???", "?!", "...", " :)", " lol",
];

/// Transforms that exercise caps, elongation and glued punctuation.
fn shape(rng: &mut Rng, word: &str) -> String {
    match rng.below(14) {
        0 | 1 => word.to_uppercase(),
        2 => {
            let mut w: Vec<char> = word.chars().collect();
            if let Some(c) = w.first_mut() {
                *c = c.to_uppercase().next().unwrap_or(*c);
            }
            w.into_iter().collect()
        }
        3 => {
            // Elongate the last letter.
            let mut s = word.to_string();
            if let Some(c) = word.chars().last().filter(|c| c.is_alphabetic()) {
                for _ in 0..rng.below(4) + 2 {
                    s.push(c);
                }
            }
            s
        }
        4 => format!(
            "{word}{}",
            ["!", ",", ".", "?", "...", "!!!", ":", ";"][rng.below(8)]
        ),
        5 => format!("{}{word}", ["(", "\"", "'", "*", "#", "@"][rng.below(6)]),
        _ => word.to_string(),
    }
}

/// `n` posts from `seed`.
pub fn posts(n: usize, seed: u64) -> Vec<String> {
    let lexicon: Vec<(String, f64)> = earshot::lexicon::Lexicon::vader()
        .iter()
        .map(|(t, v)| (t.to_string(), v))
        .collect();
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let max = if rng.chance(0.1) { 60 } else { 18 };
        let len = 1 + rng.below(max);
        let mut post = String::new();
        for i in 0..len {
            if i > 0 {
                post.push_str(rng.pick(SPACES));
            }
            let piece: String = match rng.below(20) {
                0..=5 => {
                    let (term, _) = &lexicon[rng.below(lexicon.len())];
                    shape(&mut rng, term)
                }
                6..=9 => {
                    let w = rng.pick(FILLER);
                    shape(&mut rng, w)
                }
                10 | 11 => {
                    let w = rng.pick(BOOSTERS);
                    shape(&mut rng, w)
                }
                12 | 13 => {
                    let w = rng.pick(NEGATIONS);
                    shape(&mut rng, w)
                }
                14 => rng.pick(PHRASES).to_string(),
                15 => {
                    let e = rng.pick(EMOJI);
                    // Emoji glued to a word on either side, or standing alone.
                    let word = rng.pick(FILLER);
                    let other = rng.pick(EMOJI);
                    match rng.below(4) {
                        0 => format!("{e}{word}"),
                        1 => format!("{word}{e}"),
                        2 => format!("{e}{other}"),
                        _ => e.to_string(),
                    }
                }
                16 => rng.pick(EMOTICONS).to_string(),
                17 => rng.pick(ODD).to_string(),
                18 => ["but", "BUT", "But", "but,", "however", "though"][rng.below(6)].to_string(),
                _ => {
                    let w = rng.pick(FILLER);
                    shape(&mut rng, w)
                }
            };
            post.push_str(&piece);
        }
        post.push_str(rng.pick(ENDINGS));
        // One text per line: the generator never emits line breaks inside a post.
        out.push(post.replace(['\n', '\r'], " "));
    }
    out
}

#[allow(dead_code)]
fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n = args.next().and_then(|a| a.parse().ok()).unwrap_or(50_000);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(42);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for post in posts(n, seed) {
        writeln!(out, "{post}")?;
    }
    out.flush()
}
