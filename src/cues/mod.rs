//! Cue patterns: phrases matched against a text's words, the evidence of categories (and of
//! every stage that looks for wording). A stage gives its patterns in the phrase syntax below;
//! [`Index`] compiles them against the analyzer's vocabulary and finds every match in one pass
//! over the words, trying at each word only the patterns that can start there.
//!
//! # The phrase syntax
//!
//! A pattern is a phrase matched against the text's words, lower-cased, with `’` read as `'`:
//!
//! * words separated by spaces match consecutive words: `keeps crashing`, `won't load`;
//! * `word*` matches any word starting with `word`: `crash*`;
//! * `(a|b|c)` matches any of the alternatives (which may be several words, or end in `*`):
//!   `(can't|cannot) log in`; `(…)?` makes a group optional: `every (single)? time`;
//! * `_` matches any one word, `..` any zero to two words: `please .. add`;
//! * `<name>` matches a word written like a name — capitalised ("Lidl") or a short
//!   all-capitals word ("EE") that is not a common English word: `switched to <name>`;
//! * `^` first anchors the pattern to the start of a sentence: its first word after any
//!   punctuation and @mentions (a sentence ends after `.`, `!`, `?`, `…` or at a line break):
//!   `^ how do i` matches "@acme how do I…";
//! * `$` last anchors it to the end of a sentence, punctuation aside: `^ (fuck off|shut up) $`
//!   is a whole sentence (a pattern that is only `$`, and `\$` anywhere, is the character);
//! * `$$` last anchors it to the end of the text, a sign-off tail of punctuation, emoji,
//!   emoticons, @mentions, #hashtags and links aside: `? $$` is a text that ends on a
//!   question ("where is my refund? @acme #fail"), not one that asks something and goes on;
//! * punctuation is matched as written: `?`, `tip :`; @mentions and #hashtags keep their
//!   sign (`@acme`), URLs read as `<url>`, e-mail addresses as `<email>`; `\` escapes a
//!   character that would otherwise be syntax (`\(`, `\*`);
//! * a contraction glued to its word is one word (`i'll`, `it's`), as the text reads it; a
//!   word written with a leading apostrophe (`'ll`, `'s`) is the apostrophe and the rest, as
//!   text spaced "I 'll" or "it 's" (many corpora write contractions so) is read.

mod index;
mod stage;
mod syntax;

pub(crate) use crate::read::{Sentence, find_sentences};
pub(crate) use index::{Index, TokenView};
pub(crate) use stage::{CueMatch, Found, StageIndex, already_shared, share_one_index};
pub(crate) use syntax::{Pattern, compile, literal_phrase};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Vocabulary, Words};

    /// Every match of `index` in `text`, `(pattern, first token, end token)` in the order
    /// found, with the text prepared exactly as the classifier prepares it.
    fn find_all(index: &Index, text: &str) -> Vec<(u32, usize, usize)> {
        let mut words = Words::default();
        words.read(text, index.vocabulary());
        let mut sentences = Vec::new();
        find_sentences(text, words.lower_buffer(), words.as_slice(), &mut sentences);
        let mut found = Vec::new();
        index.find_all(&TokenView::new(text, &words, &sentences), |p, from, to| {
            found.push((p, from, to))
        });
        found
    }

    /// Whether `pattern` matches somewhere in `text`.
    fn matches(pattern: &str, text: &str) -> bool {
        let index = Index::new(vec![compile(pattern).unwrap()], Vocabulary::new());
        !find_all(&index, text).is_empty()
    }

    #[test]
    fn phrase_syntax() {
        // Words match whole tokens only.
        assert!(matches("keeps crashing", "it keeps crashing!"));
        assert!(!matches("crash", "crashes"));
        assert!(matches("crash*", "crashes"));
        // Groups of alternatives.
        assert!(matches("(can't|cannot) log in", "I can’t log in"));
        // Gaps of zero to two tokens.
        assert!(matches("please .. add", "please add"));
        assert!(matches("please .. add", "please just quickly add"));
        assert!(!matches("please .. add", "please, if you can, add"));
        // Any one token.
        assert!(matches("the _ broke", "the screen broke"));
        // Multi-word alternatives and optional groups.
        assert!(matches("(unable to|can't) open", "unable to open"));
        assert!(matches("every (single)? time", "every time"));
        assert!(matches("every (single)? time", "every single time"));
        assert!(!matches("every (single)? time", "every other time"));
        // Anchoring, at the start of any sentence (after leading punctuation).
        assert!(matches("^ how", "How do I"));
        assert!(!matches("^ how", "tell me how"));
        assert!(matches("^ .. why", "so why"));
        assert!(matches("^ how", "Thanks. How do I"));
        assert!(matches("^ how", "Thanks!\n\"How do I"));
        assert!(!matches("^ how", "Thanks, how do I"));
        assert!(!matches("^ how", "Tip: how to"));
        assert!(matches("^ how", "@acme @help How do I"));
        assert!(!matches("^ @*", "@acme how"));
        // The end: `$` last, a sentence's end, punctuation aside; with `^`, a whole sentence.
        assert!(matches("^ fuck off $", "fuck off!!"));
        assert!(matches("^ fuck off $", "Fuck off. Thanks for nothing"));
        assert!(matches("off $", "just fuck off ..."));
        assert!(!matches("^ fuck off $", "fuck off with these prices"));
        assert!(!matches("off $", "off we go"));
        assert!(matches("please .. fix $", "please just fix?"));
        assert!(!matches("please .. fix $", "please fix it"));
        assert!(matches("price \\$", "the price $"));
        // A pattern that is only `$` is the currency sign.
        assert!(matches("$", "it was $ 40"));
        // `$$`: the end of the text, a tail of punctuation, emoji, @mentions, #hashtags and
        // links aside; a question that the text goes on after is a near miss.
        assert!(matches("? $$", "where is my refund?"));
        assert!(matches(
            "? $$",
            "Ordered 2 weeks ago. Where is it?? @acme #fail 😡 https://t.co/x"
        ));
        assert!(!matches("? $$", "Why? Because the app keeps crashing."));
        assert!(!matches("? $$", "any update? thanks"));
        assert!(matches("thanks $$", "any update? thanks"));
        assert!(!matches("^ any update $$", "any update? thanks"));
        // `$$` after `$` reads as the text's end, not a sentence's; `\$$` is the character.
        assert!(matches("please .. fix $$", "please fix!!"));
        assert!(!matches("please .. fix $$", "please fix. it broke again"));
        assert!(matches("costs \\$ $$", "it costs $"));
        // Punctuation tokens.
        assert!(matches("tip :", "Pro tip: hold it"));
        assert!(matches("?", "why?"));
    }

    /// Anchored patterns are looked up by the first word of each sentence: two that begin
    /// with the same word are both tried there, in pattern order; a group's words each find
    /// theirs; one that begins with `_` is tried at every sentence; the same words elsewhere
    /// in a sentence, and a sentence whose first word begins no anchored pattern (`thanks`,
    /// whose id is past every anchored word's), are near misses.
    #[test]
    fn anchored_patterns_start_at_each_sentences_first_word() {
        let patterns = [
            "^ how",
            "^ why",
            "^ how do",
            "^ (so|and) why",
            "^ _ help",
            "thanks",
        ];
        let index = Index::new(
            patterns.iter().map(|p| compile(p).unwrap()).collect(),
            Vocabulary::new(),
        );
        // Tokens: thanks . | how do i fix it ? | so why now . | please help
        //         0      1   2   3  4 5   6  7   8  9   10  11  12     13
        let text = "Thanks. How do I fix it? so why now. please help";
        // The anchored ones sentence by sentence, then the others token by token.
        assert_eq!(
            find_all(&index, text),
            [(0, 2, 3), (2, 2, 4), (3, 8, 10), (4, 12, 14), (5, 0, 1)]
        );
        assert_eq!(
            find_all(&index, "and why. why not how"),
            [(3, 0, 2), (1, 3, 4)]
        );
        assert_eq!(find_all(&index, "thanks, how do i"), [(5, 0, 1)]);
    }

    /// A prefix (`word*`) is kept inline, its first eight bytes as one integer and the rest
    /// apart: each row pins one length class (one byte, under eight, exactly eight, longer,
    /// not ASCII), with the near misses one byte short or one byte off.
    #[test]
    fn prefixes_of_every_length_match_only_what_they_begin() {
        let rows: &[(&str, &str, bool)] = &[
            ("a*", "Apple pie", true),
            ("a*", "a", true),
            ("a*", "banana", false),
            ("crash*", "it crashes", true),
            ("crash*", "crash", true),
            ("crash*", "cras", false),
            ("crash*", "crush", false),
            ("unsubscr*", "I unsubscribed", true),
            ("unsubscr*", "unsubscr", true),
            ("unsubscr*", "unsubsc", false),
            ("unsubscr*", "unsubskribed", false),
            ("internationa*", "international calls", true),
            ("internationa*", "internationa", true),
            ("internationa*", "internation", false),
            ("internationa*", "internationel", false),
            ("über*", "Überall", true),
            ("über*", "uberall", false),
            // The same test inside a group and after the first word.
            ("it (crash*|froze)", "it crashes again", true),
            ("it (crash*|froze)", "it crushes again", false),
            ("it (internationa*|froze)", "it internationally", true),
            ("it (internationa*|froze)", "it internation", false),
            ("keeps crash*", "keeps crashing", true),
            ("keeps crash*", "keeps cras", false),
        ];
        for &(pattern, text, expected) in rows {
            assert_eq!(matches(pattern, text), expected, "{pattern} in {text:?}");
        }
    }

    /// Prefix starts are kept by the first two bytes of the tokens they can match: patterns
    /// that begin with the same prefix, with prefixes of one first letter, or with a one-byte
    /// prefix (which can match 256 such pairs) are each found, once, and the others are not.
    #[test]
    fn every_pattern_that_begins_with_a_prefix_is_found_once() {
        let patterns = ["crash*", "crash* again", "cr*", "c*", "cat*", "d*"];
        let index = Index::new(
            patterns.iter().map(|p| compile(p).unwrap()).collect(),
            Vocabulary::new(),
        );
        let found = |text: &str| {
            let mut hits: Vec<_> = find_all(&index, text)
                .into_iter()
                .map(|(p, from, to)| (patterns[p as usize], from, to))
                .collect();
            hits.sort();
            hits
        };
        assert_eq!(
            found("crashed again"),
            [
                ("c*", 0, 1),
                ("cr*", 0, 1),
                ("crash*", 0, 1),
                ("crash* again", 0, 2)
            ]
        );
        assert_eq!(found("cats"), [("c*", 0, 1), ("cat*", 0, 1)]);
        assert_eq!(found("c"), [("c*", 0, 1)]);
        assert_eq!(found("dog"), [("d*", 0, 1)]);
        assert_eq!(found("eat"), []);
    }

    /// A pattern word that begins with an apostrophe ("'ll") is read as the text is: an
    /// apostrophe, then the rest. Written as one word it used to match nothing; the glued
    /// contraction ("I'll", one token) is still matched only by the glued word.
    #[test]
    fn a_word_that_begins_with_an_apostrophe_is_two_tokens() {
        let rows: &[(&str, &str, bool)] = &[
            ("i 'll", "I 'll sue", true),
            ("(will|'ll) sue", "we 'll sue", true),
            ("(will|'ll) sue", "we will sue", true),
            ("manager 's", "the manager 's name", true),
            ("manager ’s", "the manager 's name", true),
            ("i 'll", "I'll sue", false),
            ("i'll", "I'll sue", true),
            ("i 'll", "I will sue", false),
            ("(will|'ll) sue", "we sue", false),
        ];
        for &(pattern, text, expected) in rows {
            assert_eq!(matches(pattern, text), expected, "{pattern} in {text:?}");
        }
    }

    /// The ids of the patterns of one index (compiled together, as a stage's are) that match
    /// in `text`.
    fn matching(patterns: &[&str], text: &str) -> Vec<u32> {
        let compiled = patterns.iter().map(|p| compile(p).unwrap()).collect();
        let index = Index::new(compiled, Vocabulary::new());
        let mut ids: Vec<u32> = find_all(&index, text)
            .into_iter()
            .map(|(p, ..)| p)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Words are lower-cased as they are compiled (most are borrowed as written, these are
    /// not), curly apostrophes straightened.
    #[test]
    fn pattern_words_are_lower_cased() {
        assert!(matches("Keeps CRASHING", "it keeps crashing"));
        assert!(matches("(Won't|CANNOT) Open", "it cannot open"));
        assert!(matches("can’t", "I can't"));
        assert!(matches("Crash*", "crashes all day"));
    }

    /// An index compiles a group once for all the patterns that write it alike, and keeps an
    /// optional group and a required one written alike apart.
    #[test]
    fn groups_written_alike_are_shared_but_keep_their_optionality() {
        let patterns = [
            "x (single|double) y",
            "w (single|double)? z",
            "v (single|double) u",
        ];
        assert_eq!(matching(&patterns, "w z"), [1]);
        assert_eq!(matching(&patterns, "x y"), [] as [u32; 0]);
        assert_eq!(matching(&patterns, "x double y and v single u"), [0, 2]);
        assert_eq!(matching(&patterns, "w single z"), [1]);
    }

    #[test]
    fn bad_patterns_say_why() {
        for (pattern, why) in [
            ("", "empty"),
            ("(a|b", "unclosed"),
            ("a*b", "may only end"),
            ("foo ..", "end with a gap"),
            (".. .. x", "two gaps"),
            ("(a||b)", "empty alternative"),
            ("^", "nothing after"),
            ("((a))", "nest"),
            ("(a)b", "stand alone"),
            ("x(a)", "stand alone"),
            ("(a)?", "not optional"),
            ("a\\", "lone"),
        ] {
            let err = compile(pattern).unwrap_err();
            assert!(err.contains(why), "{pattern:?}: {err}");
        }
    }

    #[test]
    fn names_are_literal() {
        let p = literal_phrase("AT&T").unwrap();
        assert!(matches(&p, "switching to at&t"));
        let p = literal_phrase("Globex").unwrap();
        assert!(matches(&p, "@Globex is better"));
        assert!(matches(&p, "#globex"));
        let p = literal_phrase("Foo (Bar)*").unwrap();
        assert!(matches(&p, "foo (bar)*"));
        assert!(literal_phrase("   ").is_none());
    }

    #[test]
    fn name_atom_matches_capitalised_uncommon_words() {
        // A capitalised brand or a short all-caps one is a name...
        assert!(matches(
            "switched to <name>",
            "I switched to Monzo last week"
        ));
        assert!(matches("switched to <name>", "switched to EE"));
        // ...a lower-case word, a sentence-opening common word or "I" is not.
        assert!(!matches("switched to <name>", "switched to monzo"));
        assert!(!matches("to <name>", "went to The shop"));
        assert!(!matches("<name> said", "I said"));
        // In groups, beside literal alternatives.
        assert!(matches("(at|from) (<name>|home)", "bought it at Lidl"));
        assert!(matches("(at|from) (<name>|home)", "bought it at home"));
    }
}
