//! Golden sentences for the default preset: one or more per rule that changes behaviour from
//! VADER, each asserting what a reader would say (the label), or how two texts compare, never
//! a number the code computed. The VADER preset's answer is shown where VADER gets it wrong.

use earshot::{Analyzer, Label, Label::*};

fn default() -> Analyzer {
    Analyzer::default()
}

/// (rule, text, label the default preset must give).
const LABELS: &[(&str, &str, Label)] = &[
    // Negation reaches to the clause end, not three words (VADER: positive).
    (
        "negation_scope",
        "I don't think this is good at all.",
        Negative,
    ),
    (
        "negation_scope",
        "It is not what I would call a good experience",
        Negative,
    ),
    // Both apostrophes negate (VADER: positive for the curly one).
    ("curly_apostrophe", "The delivery wasn’t good.", Negative),
    ("curly_apostrophe", "The delivery wasn't good.", Negative),
    // A negation does not reach past a subordinate clause or a contrast word.
    (
        "negation_stops_at_clause",
        "I don't know why everyone says the staff are rude",
        Negative,
    ),
    (
        "negation_stops_at_contrast",
        "Not cheap, but the food is great",
        Positive,
    ),
    // A negated negative is only faintly positive; still positive.
    ("negated_negative", "The food was not bad", Positive),
    // "not only ... but" adds.
    (
        "not_only",
        "Not only is the app fast but it is also beautiful",
        Positive,
    ),
    // "couldn't be better" is a superlative.
    ("be_comparative", "Service couldn't be better", Positive),
    // A rhetorical question affirms.
    ("rhetorical", "How can you not love this place?", Positive),
    // Negating infinitives.
    ("hard_to", "The new layout is hard to like", Negative),
    (
        "too_to",
        "The support team was too slow to help anyone",
        Negative,
    ),
    // A negation with nothing to negate leans negative: "it doesn't load" is a problem.
    (
        "negated_statement",
        "The app doesn't load since the update and nobody replies",
        Negative,
    ),
    // Sarcastic negation (VADER: positive).
    ("sarcasm_not", "The movie was funny... not.", Negative),
    ("sarcasm_yeah_right", "Yeah right, great service.", Negative),
    (
        "sarcasm_lone_praise",
        "Third delayed flight this month and no refund. Lovely.",
        Negative,
    ),
    // Contrast: the complaint after "but" carries the sentence (VADER: positive).
    (
        "contrast_but",
        "The support team was helpful, but the refund took forever.",
        Negative,
    ),
    (
        "contrast_however",
        "Nice design. However, it crashes every time I open it.",
        Negative,
    ),
    (
        "contrast_although",
        "Although the staff were friendly, the room was dirty and noisy.",
        Negative,
    ),
    (
        "contrast_despite",
        "Despite the rave reviews, the pasta was bland and overpriced.",
        Negative,
    ),
    // Hashtags are split and read.
    ("hashtag_camel", "Waiting again #NotHappy", Negative),
    (
        "hashtag_compound",
        "third time this week #usairsucks",
        Negative,
    ),
    (
        "hashtag_single",
        "Checked in in two minutes #love",
        Positive,
    ),
    // Emoji and emoticons have direct valences.
    ("emoji", "new phone 😍", Positive),
    ("emoji_skin_tone", "delivery arrived 👍🏽", Positive),
    ("emoji_negative", "package lost again 😡", Negative),
    ("emoticon_uppercase", "finally fixed :D", Positive),
    // Mentions carry no sentiment (VADER reads "@united" as "united", +1.8).
    ("mention", "@united my bag is still missing", Negative),
    // Domain vocabulary (VADER: neutral for each).
    ("domain_crash", "The app crashed twice today", Negative),
    ("domain_hold", "On hold for an hour with the bank", Negative),
    ("domain_waiting", "Still waiting for my order", Negative),
    ("domain_laggy", "so laggy after the update", Negative),
    ("domain_scam", "this is a scam", Negative),
    (
        "domain_cancelled",
        "They cancelled my order without asking",
        Negative,
    ),
    (
        "domain_charm",
        "The new version works like a charm",
        Positive,
    ),
    (
        "domain_help_request",
        "please help, I need help with my account",
        Negative,
    ),
    // Neutralised senses: "help", "please" and names of things are not praise by themselves.
    ("neutralised", "Please send me the form", Neutral),
    (
        "neutralised",
        "The Spirit flight to Denver leaves at 6",
        Neutral,
    ),
    // "like" as a preposition is not praise; as a verb it is.
    ("like_preposition", "It looks like a tablet", Neutral),
    ("like_verb", "I like the new menu", Positive),
    // Elongation is read and emphasises.
    ("elongation", "soooo goooood", Positive),
    // Questions dampen praise.
    ("question", "Is the premium plan good?", Neutral),
    // Reports (no sign of the writer) and links read more neutrally.
    (
        "report",
        "Police report two dead after storm hits coast",
        Negative,
    ),
    // An exclamation with no sentiment word leans positive.
    ("bang", "See you all there tomorrow!", Positive),
    // Names beside names are not sentiment ("Good" in a title, "Blue Devil").
    (
        "names",
        "We watched Good Will Hunting on the train",
        Neutral,
    ),
    // Review vocabulary.
    ("review", "Predictable plot and tedious dialogue.", Negative),
    ("review", "A gripping, witty film.", Positive),
    // VADER's idioms work anywhere.
    ("idiom", "That new burger is the bomb", Positive),
    ("idiom", "feeling under the weather", Negative),
    // HTML-escaped heart.
    ("html_heart", "I &lt;3 this app", Positive),
    // Empty and sentiment-free texts are neutral.
    ("empty", "", Neutral),
    ("no_evidence", "The meeting is on Tuesday at 10", Neutral),
];

#[test]
fn labels() {
    let analyzer = default();
    let mut wrong = Vec::new();
    for &(rule, text, want) in LABELS {
        let got = analyzer.sentiment(text);
        if got.label != want {
            wrong.push(format!(
                "{rule}: {text:?} → {:?} ({:.3}), want {want:?}",
                got.label, got.compound
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} wrong:\n{}",
        wrong.len(),
        LABELS.len(),
        wrong.join("\n")
    );
}

/// Where VADER itself is wrong on these, the default preset must differ from it.
#[test]
fn fixes_vader_failures_from_the_issue() {
    let vader = Analyzer::vader();
    let ours = default();
    for text in [
        "I don't think this is good at all.",
        "The delivery wasn’t good.",
        "The movie was funny... not.",
        "Yeah right, great service.",
        "The support team was helpful, but the refund took forever.",
    ] {
        assert_eq!(
            vader.sentiment(text).label,
            Positive,
            "VADER's known failure on {text:?}"
        );
        assert_eq!(ours.sentiment(text).label, Negative, "{text:?}");
    }
}

#[test]
fn comparisons() {
    let a = default();
    let c = |t: &str| a.sentiment(t).compound;
    // Boosters intensify, dampeners weaken.
    assert!(c("very good") > c("good"));
    assert!(c("kind of good") < c("good"));
    // Caps emphasise in mixed-case text.
    assert!(c("the food was GREAT") > c("the food was great"));
    // Exclamation marks emphasise.
    assert!(c("great!!!") > c("great"));
    // "but": the part after counts more.
    assert!(c("bad food but great service") > 0.0);
    assert!(c("great food but bad service") < 0.0);
    // A negated positive is clearly negative; a negated negative only faintly positive.
    assert!(c("not good") < -0.05);
    assert!(c("not bad") < c("good"));
    // Words of a long hashtag count less than words of the text.
    assert!(c("#LoveThisPlace").abs() < c("love this place").abs());
    // Sentences of a long review average rather than saturate: one bad sentence among
    // several good ones does not cancel them, and many good ones do not pin the score at 1.
    let long =
        "Great hotel. Friendly staff. Lovely pool. The breakfast was cold. Perfect location.";
    assert!(c(long) > 0.05 && c(long) < 0.99);
}

#[test]
fn explanations_name_the_rules() {
    let text = "I don't think this is good at all";
    let a = default().explain(text);
    let good = a
        .contributions
        .iter()
        .find(|c| c.text(text) == "good")
        .unwrap();
    assert!(good.rules.contains(earshot::scorer::Rules::NEGATION));
    assert!(good.valence < 0.0 && good.base > 0.0);
    // Mentions and URLs are not contributions: they carry nothing.
    let text = "@united see https://example.com";
    let a = default().explain(text);
    assert!(
        a.contributions
            .iter()
            .all(|c| c.text(text) != "@united" && !c.text(text).starts_with("http"))
    );
}

#[test]
fn default_preset_is_deterministic_across_calls_and_buffers() {
    let a = default();
    let mut out = earshot::Analysis::default();
    for &(_, text, _) in LABELS {
        let fresh = a.sentiment(text);
        a.analyze_into(text, &mut out);
        assert_eq!(out.sentiment, fresh, "{text:?}");
    }
}
