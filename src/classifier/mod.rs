//! Stage 3: the feedback classifier — what kind of feedback a text is, with the evidence.
//!
//! Nine built-in categories, multi-label (a text can carry several or none):
//!
//! | label | what it is |
//! |---|---|
//! | `problem` | early warning: a defect, failure, outage, broken or unsafe product |
//! | `complaint` | the writer's expectations were breached (may be polite) |
//! | `idea` | a feature request, suggestion or wish |
//! | `question` | asks for help or information and expects an answer |
//! | `praise` | a testimonial: thanks, recommendation, compliment |
//! | `tip` | a tip one user gives others: how-to, workaround |
//! | `new_use` | a new application or audience for the product |
//! | `competitor` | a comparison, a switch, a rival named |
//! | `policy` | sentiment about regulation, law, government action |
//!
//! Each category is a small linear model over **cue groups** — lists of phrase patterns sharing
//! one weight — and the text's sentiment: `confidence = sigmoid(bias + Σ weight of each group
//! that matched + w₋ · negative + w₊ · positive)`. A category is reported when its confidence
//! reaches its threshold (0.5 by default) *and* at least one cue with a positive weight matched:
//! every label comes with the spans of text that fired it.
//!
//! ```
//! let text = "The app crashes every time I open the camera";
//! let a = earshot::Analyzer::default().analyze(text);
//! let problem = a.categories.iter().find(|c| c.label == "problem").unwrap();
//! assert!(problem.confidence > 0.5);
//! assert_eq!(problem.evidence[0].text(text), "crashes");
//! ```
//!
//! The built-in categories are data: `src/classifier/data/categories.json`, a file in the same
//! format as yours ([`Config`](crate::Config)), read by the same loader.
//!
//! # Cue patterns
//!
//! A pattern is a phrase matched against the text's tokens, lower-cased, with `’` read as `'`:
//!
//! * words separated by spaces match consecutive tokens: `keeps crashing`, `won't load`;
//! * `word*` matches any token starting with `word`: `crash*`;
//! * `(a|b|c)` matches any of the alternatives (which may be several words, or end in `*`):
//!   `(can't|cannot) log in`; `(…)?` makes a group optional: `every (single)? time`;
//! * `_` matches any one token, `..` any zero to two tokens: `please .. add`;
//! * `<name>` matches a word written like a name — capitalised ("Lidl") or a short
//!   all-capitals word ("EE") that is not a common English word: `switched to <name>`;
//! * `^` first anchors the pattern to the start of a sentence: its first word after any
//!   punctuation and @mentions (a sentence ends after `.`, `!`, `?`, `…` or at a line break):
//!   `^ how do i` matches "@acme how do I…"; `$` last anchors it to the end of a sentence,
//!   punctuation aside (`^ (fuck off|shut up) $` is a whole sentence), and `$$` last to the
//!   end of the text, a tail of punctuation, emoji, @mentions, #hashtags and links aside
//!   (`? $$`: the post ends on a question);
//! * punctuation is matched as written: `?`, `tip :`; @mentions and #hashtags keep their
//!   sign (`@acme`), URLs read as `<url>`, e-mail addresses as `<email>`; `\` escapes a
//!   character that would otherwise be syntax (`\(`, `\*`).
//!
//! # Customising
//!
//! From code, with [`ClassifierBuilder`], or from a JSON file ([`Config`](crate::Config)): add or
//! replace categories, add cues to a built-in category, switch categories off,
//! and name your competitors and products.
//!
//! ```
//! use earshot::classifier::{Classifier, CueGroup};
//!
//! let classifier = Classifier::builder()
//!     .competitors(["Globex"])
//!     .cue("idea", CueGroup::new("ours", 2.5, ["needs a tablet mode"]))
//!     .disable("policy")
//!     .build()?;
//! let found = classifier.classify("Globex has a tablet mode, switching", &Default::default());
//! assert_eq!(found[0].label, "competitor");
//! # Ok::<(), earshot::Error>(())
//! ```

mod builder;
mod model;
mod result;

pub use crate::config::{
    CategorySpec, CueGroup, CueKind, LabelledCues, RatingWeights, SentimentWeights,
};
pub use builder::ClassifierBuilder;
pub use model::Classifier;
pub(crate) use model::{ClassifierScratch, Context};
pub use result::{Category, CategoryScore, Evidence, EvidenceList, Part, SentenceScore};

#[cfg(test)]
mod tests {
    use super::*;

    /// The index (first words, next-word filters and their signatures, windows widened past
    /// gaps, `_` and names) only saves work: on the sample corpora, the team's category
    /// examples and generated texts it finds exactly the matches of trying every built-in
    /// pattern at every token.
    #[test]
    fn the_index_finds_what_trying_every_pattern_finds() {
        use std::collections::BTreeSet;
        let classifier = Classifier::new();
        let mut texts: Vec<String> = [
            include_str!("../../data/posts.txt"),
            include_str!("../../data/reviews.txt"),
            include_str!("../../tests/data/categories/competitor.tsv"),
            include_str!("../../tests/data/categories/tip.tsv"),
            include_str!("../../tests/data/categories/question.tsv"),
        ]
        .iter()
        .flat_map(|t| t.lines())
        .map(str::to_string)
        .collect();
        let words = [
            "Lidl", "Monzo", "IKEA", "I", "switched", "to", "is", "better", "instead", "the",
            "app", "keeps", "crashing", "how", "do", "why", "please", "add", "can't", "log", "in",
            "?", "!", ",", "@support", "tip", ":", "just", "so", "never", "again",
        ];
        let mut state = 0x1D_E7_u64;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..10 {
                state = crate::util::xorshift64(state);
                text.push_str(words[(state % words.len() as u64) as usize]);
                text.push(' ');
            }
            texts.push(text);
        }
        let mut words = crate::read::Words::default();
        let mut matched = 0;
        for text in &texts {
            words.read(text, classifier.vocabulary());
            let mut sentences = Vec::new();
            crate::cues::find_sentences(
                text,
                words.lower_buffer(),
                words.as_slice(),
                &mut sentences,
            );
            let view = crate::cues::TokenView::new(text, &words, &sentences);
            let (mut fast, mut slow) = (BTreeSet::new(), BTreeSet::new());
            classifier.index.find_all(&view, |p, from, to| {
                fast.insert((p, from, to));
            });
            classifier.index.find_all_slowly(&view, |p, from, to| {
                slow.insert((p, from, to));
            });
            assert_eq!(fast, slow, "{text:?}");
            matched += fast.len();
        }
        // The comparison has matches to compare.
        assert!(matched > 2000, "{matched}");
    }

    #[test]
    fn builtin_categories_compile() {
        let c = ClassifierBuilder::new()
            .build()
            .expect("built-in categories compile");
        assert_eq!(
            c.labels().collect::<Vec<_>>(),
            [
                "problem",
                "complaint",
                "idea",
                "question",
                "praise",
                "tip",
                "new_use",
                "competitor",
                "policy"
            ]
        );
    }
}
