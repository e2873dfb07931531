//! Golden sentences for the default preset, keyed by the rule they pin down: each row asserts
//! what a reader would say — the label, that a named word is (or is not) noted with the rule,
//! how the word's valence ends up, or how the text compares with another — never a number the
//! code computed.
//!
//! [`ROWS`] is one table in blocks, in the order `src/scorer/default/mod.rs` runs the rules:
//!
//! | block | pins down |
//! |---|---|
//! | `phrase` | multi-word expressions replace their words' valences (`phrases.rs`) |
//! | `sense` | "like" only as a verb; "pretty", "kind of", "Well,", "no" in their other sense |
//! | `name` | capitalised words beside each other are a name, not sentiment (`senses.rs`) |
//! | `hashtag_part` | words of a multi-word hashtag count half (`senses.rs`) |
//! | `caps` | ALL CAPS shouts in mixed-case text (`emphasis.rs`) |
//! | `elongation` | "goooood" is read as "good", emphasised (`emphasis.rs`) |
//! | `booster`, `dampener` | intensifiers and hedges before a word (`emphasis.rs`) |
//! | `least` | "the least helpful" turns the word round (`emphasis.rs`) |
//! | `negation` | a negation's scope and its exceptions (`negation.rs`) |
//! | `negated_statement` | a negation with nothing to negate leans negative (`negation.rs`) |
//! | `before_but`, `after_but` | contrast words weigh the two sides (`contrast.rs`) |
//! | `sarcasm` | "funny... not", "yeah right", a lone "Lovely." (`sarcasm.rs`) |
//! | `question` | praise in a question counts less (`text.rs`) |
//! | `text:*`, `read:*`, `lexicon:*` | behaviours that are no per-word rule: see [`GROUPS`] |
//!
//! Every rule the default preset can note has rows where it fires on a named word and near
//! misses where it must not (`every_rule_of_the_default_preset_has_rows` checks both).
//!
//! To add a row, put `t!(rule, text, expectations...)` in the rule's block. `rule` is a
//! [`Rules`] name (`Rules::from_name` must know it and the default preset must apply it) or a
//! group of [`GROUPS`]; the expectations are [`Expect`]s. A row that says a rule fires names
//! the word (`Fires("good")`); a near miss names the word the rule must leave alone
//! (`Quiet("fast")`). `t!` rows only assert what a reader would agree with: if the preset
//! surprises you on a sentence, leave it out and say so rather than pin the surprise.

use earshot::scorer::{Contribution, Rules};
use earshot::{Analyzer, Label, Label::*, Preset};

use Expect::*;

/// What a row asserts about its text.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// The text's label.
    Is(Label),
    /// The row's rule is noted on this word (a word rule only).
    Fires(&'static str),
    /// The word is read, and the row's rule is not noted on it: a near miss (a word rule only).
    Quiet(&'static str),
    /// The word still counts, with the sign of its lexicon valence.
    Counts(&'static str),
    /// The word ends with the other sign than its lexicon valence.
    Flips(&'static str),
    /// The text is more positive than this one.
    MorePositiveThan(&'static str),
    /// The text is less positive than this one.
    LessPositiveThan(&'static str),
    /// The text's sentiment is weaker (nearer neutral) than this one's.
    WeakerThan(&'static str),
    /// The text's sentiment is at least as strong as this one's, with the same sign.
    AsStrongAs(&'static str),
    /// The compound is strictly between these bounds.
    Between(f64, f64),
    /// No word of the explanation starts with this: that part of the text carries nothing.
    Absent(&'static str),
}

/// One golden sentence: the rule (or group) it pins down, the text, what must hold.
struct Row {
    rule: &'static str,
    text: &'static str,
    expect: &'static [Expect],
}

macro_rules! t {
    ($rule:literal, $text:literal, $($expect:expr),+ $(,)?) => {
        Row { rule: $rule, text: $text, expect: &[$($expect),+] }
    };
}

/// The behaviours that are no per-word rule, by the name their rows use.
#[rustfmt::skip]
const GROUPS: &[(&str, &str)] = &[
    ("read:mention", "@mentions carry no sentiment"),
    ("read:url", "URLs carry no sentiment"),
    ("read:hashtag_split", "hashtags are split into words and read"),
    ("read:emoji", "emoji have direct valences, skin tones included"),
    ("read:emoticon", "emoticons, upper-case and HTML-escaped ones included"),
    ("lexicon:domain", "customer-service vocabulary VADER lacks"),
    ("lexicon:review", "review vocabulary VADER lacks"),
    ("lexicon:neutral", "words neutralised in the default lexicon"),
    ("text:url", "a text that links out reads more neutrally"),
    ("text:report", "a text with no sign of its writer reads as a report"),
    ("text:exclamation", "exclamation marks emphasise; alone, they lean positive"),
    ("text:long", "long texts are the mean of their sentences"),
    ("text:neutral_band", "weak evidence stays neutral, praise needing more than blame"),
    ("text:no_evidence", "texts without sentiment words are neutral"),
];

/// The golden sentences, a block per rule (one row per line; rustfmt would stack them).
#[rustfmt::skip]
const ROWS: &[Row] = &[
    // phrase: a multi-word expression's valence replaces its words', noted on its first word;
    // it never spans a clause break, and its words alone are not the phrase.
    t!("phrase", "On hold for an hour with the bank", Is(Negative), Fires("On")),
    t!("phrase", "Still waiting for my order", Is(Negative), Fires("Still")),
    t!("phrase", "They cancelled my order without asking", Is(Negative), Fires("cancelled")),
    t!("phrase", "The new version works like a charm", Is(Positive), Fires("works")),
    t!(
        "phrase",
        "please help, I need help with my account",
        Is(Negative),
        Fires("please"),
        Fires("need"),
    ),
    // VADER's idioms work anywhere in the text.
    t!("phrase", "That new burger is the bomb", Is(Positive), Fires("the")),
    t!("phrase", "feeling under the weather", Is(Negative), Fires("under")),
    t!("phrase", "Still, waiting is part of travel", Is(Neutral), Quiet("Still")),
    t!("phrase", "I am still here", Quiet("still")),
    t!("phrase", "It took a minute", Is(Neutral), Quiet("took")),
    t!("phrase", "The phone is on the table", Is(Neutral), Quiet("on")),
    // sense: a lexicon word not used in its sentiment sense counts nothing.
    t!("sense", "It looks like a tablet", Is(Neutral), Fires("like")),
    t!("sense", "looks like rain", Is(Neutral), Fires("like")),
    t!("sense", "kind of good", Fires("kind")),
    t!("sense", "a pretty good hotel", Fires("pretty")),
    t!("sense", "Well, the food arrived", Is(Neutral), Fires("Well")),
    t!("sense", "no problems at all", Fires("no")),
    t!("sense", "I like the new menu", Is(Positive), Quiet("like"), Counts("like")),
    t!("sense", "I like it", Is(Positive), Quiet("like"), Counts("like")),
    t!("sense", "The staff were kind and good", Quiet("kind"), Counts("kind")),
    t!("sense", "The view is pretty", Is(Positive), Quiet("pretty"), Counts("pretty")),
    t!("sense", "It works well", Quiet("well"), Counts("well")),
    t!("sense", "no refund", Is(Negative), Quiet("no"), Counts("no")),
    // name: capitalised words beside each other are a name or title, not sentiment; not at a
    // sentence's start, nor in a title-case headline.
    t!("name", "We watched Good Will Hunting on the train", Is(Neutral), Fires("Good")),
    t!("name", "my favorite Blue Devil", Is(Positive), Fires("Devil")),
    t!("name", "Great Job", Is(Positive), Quiet("Great"), Counts("Great")),
    t!(
        "name",
        "Meet Our Favorite Hotel Of The Year",
        Is(Positive),
        Quiet("Favorite"),
        Counts("Favorite"),
    ),
    // hashtag_part: the words of a multi-word hashtag count half, a one-word hashtag in full.
    t!("hashtag_part", "Waiting again #NotHappy", Is(Negative), Fires("Happy")),
    t!("hashtag_part", "#LoveThisPlace", Fires("Love"), WeakerThan("love this place")),
    t!("hashtag_part", "Checked in in two minutes #love", Is(Positive), Quiet("love")),
    // caps: an ALL-CAPS word shouts in mixed-case text; in an all-caps text nothing stands out.
    t!("caps", "the food was GREAT", Fires("GREAT"), MorePositiveThan("the food was great")),
    t!("caps", "THE FOOD WAS GREAT", Is(Positive), Quiet("GREAT")),
    // elongation: "goooood" is "good", emphasised; a double letter is no elongation.
    t!("elongation", "soooo goooood", Is(Positive), Fires("goooood"), MorePositiveThan("so good")),
    t!("elongation", "sooo baaaad", Is(Negative), Fires("baaaad")),
    t!("elongation", "so good", Quiet("good")),
    t!("elongation", "cool", Quiet("cool")),
    // booster: an intensifier before a word; a word that is both booster and adjective
    // ("pretty") boosts only the word right after it.
    t!("booster", "very good", Fires("good"), MorePositiveThan("good")),
    t!("booster", "a pretty good hotel", Fires("good")),
    t!("booster", "a pretty dress and good food", Is(Positive), Quiet("good")),
    // dampener: a hedge before a word; "kind" without "of" is no hedge.
    t!("dampener", "kind of good", Fires("good"), LessPositiveThan("good")),
    t!(
        "dampener",
        "slightly annoying",
        Is(Negative),
        Fires("annoying"),
        MorePositiveThan("annoying"),
    ),
    t!("dampener", "The staff were kind and good", Quiet("good")),
    // least: "the least helpful" turns the word round; "at least" does not.
    t!("least", "the least helpful agent", Is(Negative), Fires("helpful"), Flips("helpful")),
    t!("least", "It was at least friendly", Is(Positive), Quiet("friendly"), Counts("friendly")),
    // negation: the scope reaches to the clause end (VADER stops after three words and is
    // positive on the first two).
    t!("negation", "I don't think this is good at all.", Is(Negative), Fires("good")),
    t!("negation", "I don't think this is good at all", Fires("good"), Flips("good")),
    t!("negation", "It is not what I would call a good experience", Is(Negative), Fires("good")),
    // Both apostrophes negate (VADER: positive for the curly one).
    t!("negation", "The delivery wasn’t good.", Is(Negative), Fires("good")),
    t!("negation", "The delivery wasn't good.", Is(Negative), Fires("good")),
    t!("negation", "not good", Is(Negative), Fires("good")),
    // A negated negative is only faintly positive: still positive, less than praise.
    t!("negation", "The food was not bad", Is(Positive), Fires("bad"), Flips("bad")),
    t!("negation", "not bad", Fires("bad"), LessPositiveThan("good")),
    t!("negation", "The staff were not rude", Fires("rude")),
    // Infinitives after "hard", "fails", "too ... to" are negated.
    t!("negation", "The new layout is hard to love", Is(Negative), Fires("love")),
    t!("negation", "The update fails to impress", Is(Negative), Fires("impress")),
    t!("negation", "The support team was too slow to enjoy", Is(Negative), Fires("enjoy")),
    // Labels only: "like" after "to" is silenced as `sense` before the infinitive rule can
    // negate it, and "help" has no valence in the default lexicon, so these two are negative
    // through "hard" and "too slow" rather than through negation.
    t!("negation", "The new layout is hard to like", Is(Negative)),
    t!("negation", "The support team was too slow to help anyone", Is(Negative)),
    // A negation does not reach past a subordinate clause or a contrast word, nor a negative
    // word further than two words on; "not only", "couldn't be better" and "how can you not
    // love" do not negate.
    t!(
        "negation",
        "I don't know why everyone says the staff are rude",
        Is(Negative),
        Quiet("rude"),
    ),
    t!("negation", "Not cheap, but the food is great", Is(Positive), Quiet("great")),
    t!("negation", "I did not expect the staff to be this rude", Is(Negative), Quiet("rude")),
    t!(
        "negation",
        "Not only is the app fast but it is also beautiful",
        Is(Positive),
        Quiet("fast"),
        Quiet("beautiful"),
    ),
    t!("negation", "Service couldn't be better", Is(Positive), Quiet("better")),
    t!("negation", "How can you not love this place?", Is(Positive), Quiet("love")),
    t!("negation", "The pasta was not just good but great", Is(Positive), Quiet("good")),
    // negated_statement: "it doesn't load" is a problem even with no sentiment word; a
    // negation that negates a word, or belongs to a phrase, is not one.
    t!(
        "negated_statement",
        "The app doesn't load since the update and nobody replies",
        Is(Negative),
        Fires("nobody"),
        Quiet("doesn't"),
    ),
    t!("negated_statement", "The app doesn't open", Is(Negative), Fires("doesn't")),
    t!("negated_statement", "The delivery wasn't good.", Quiet("wasn't")),
    // The negation of an exception is accounted for: no lean on "couldn't", "not", "Not".
    t!("negated_statement", "Service couldn't be better", Is(Positive), Quiet("couldn't")),
    t!("negated_statement", "How can you not love this place?", Quiet("not")),
    t!("negated_statement", "Not only is the app fast but it is also beautiful", Quiet("Not")),
    t!("negated_statement", "Not just good but great", Is(Positive), Quiet("Not")),
    // before_but, after_but: "but", "however", "except" weaken what precedes and strengthen
    // what follows; "although", "though", "despite" weaken their own clause. Only inside the
    // sentence, and "not only ... but" adds. The complaint after "but" carries the sentence
    // (VADER: positive on the first).
    t!(
        "before_but",
        "The support team was helpful, but the refund took forever.",
        Is(Negative),
        Fires("helpful"),
    ),
    t!(
        "after_but",
        "The support team was helpful, but the refund took forever.",
        Is(Negative),
        Fires("took"),
    ),
    t!(
        "after_but",
        "Nice design. However, it crashes every time I open it.",
        Is(Negative),
        Fires("crashes"),
    ),
    t!("before_but", "Nice design. However, it crashes every time I open it.", Quiet("Nice")),
    t!(
        "before_but",
        "Although the staff were friendly, the room was dirty and noisy.",
        Is(Negative),
        Fires("friendly"),
    ),
    t!(
        "after_but",
        "Although the staff were friendly, the room was dirty and noisy.",
        Fires("dirty"),
    ),
    t!(
        "after_but",
        "Despite the rave reviews, the pasta was bland and overpriced.",
        Is(Negative),
        Fires("bland"),
    ),
    t!(
        "before_but",
        "The room was dirty, although the staff were friendly.",
        Is(Negative),
        Fires("friendly"),
    ),
    t!("after_but", "The room was dirty, although the staff were friendly.", Fires("dirty")),
    t!("before_but", "bad food but great service", Is(Positive), Fires("bad")),
    t!("after_but", "bad food but great service", Fires("great")),
    t!("after_but", "great food but bad service", Is(Negative), Fires("bad")),
    t!("after_but", "Not cheap, but the food is great", Fires("great")),
    t!("after_but", "Not only is the app fast but it is also beautiful", Quiet("beautiful")),
    t!(
        "before_but",
        "The staff were friendly and the room was clean.",
        Is(Positive),
        Quiet("friendly"),
    ),
    t!("after_but", "The staff were friendly and the room was clean.", Quiet("clean")),
    // sarcasm: "... not.", "yeah right", a lone "Lovely." in a negative text (VADER: positive
    // on the first two).
    t!("sarcasm", "The movie was funny... not.", Is(Negative), Fires("funny"), Flips("funny")),
    t!("sarcasm", "Yeah right, great service.", Is(Negative), Fires("great")),
    t!(
        "sarcasm",
        "Third delayed flight this month and no refund. Lovely.",
        Is(Negative),
        Fires("Lovely"),
    ),
    t!("sarcasm", "Great food and kind staff. Lovely.", Is(Positive), Quiet("Lovely")),
    t!("sarcasm", "The movie was not funny", Is(Negative), Quiet("funny")),
    t!("sarcasm", "You are right, great service.", Is(Positive), Quiet("great")),
    // question: praise in a question counts less; only in the question's own sentence.
    t!("question", "Is the premium plan good?", Is(Neutral), Fires("good")),
    t!("question", "is it good?", Fires("good"), LessPositiveThan("it is good")),
    t!("question", "it is good", Is(Positive), Quiet("good")),
    t!("question", "The premium plan is good.", Is(Positive), Quiet("good")),
    t!("question", "Is it open? The food is good.", Is(Positive), Quiet("good")),
    // read:*: what the reading stage makes of a text's pieces.
    t!("read:mention", "@united my bag is still missing", Is(Negative), Absent("@united")),
    t!("read:mention", "@united see https://example.com", Absent("@united")),
    t!("read:url", "@united see https://example.com", Absent("http")),
    t!("read:hashtag_split", "third time this week #usairsucks", Is(Negative)),
    t!("read:hashtag_split", "Waiting again #NotHappy", Is(Negative)),
    t!("read:hashtag_split", "Checked in in two minutes #love", Is(Positive)),
    t!("read:emoji", "new phone 😍", Is(Positive)),
    t!("read:emoji", "delivery arrived 👍🏽", Is(Positive)),
    t!("read:emoji", "package lost again 😡", Is(Negative)),
    t!("read:emoticon", "finally fixed :D", Is(Positive)),
    t!("read:emoticon", "I &lt;3 this app", Is(Positive), Counts("&lt;3")),
    // lexicon:*: vocabulary (VADER: neutral on the domain and review words, positive on the
    // neutralised ones).
    t!("lexicon:domain", "The app crashed twice today", Is(Negative)),
    t!("lexicon:domain", "so laggy after the update", Is(Negative)),
    t!("lexicon:domain", "this is a scam", Is(Negative)),
    t!("lexicon:review", "Predictable plot and tedious dialogue.", Is(Negative)),
    t!("lexicon:review", "A gripping, witty film.", Is(Positive)),
    t!("lexicon:neutral", "Please send me the form", Is(Neutral)),
    t!("lexicon:neutral", "The Spirit flight to Denver leaves at 6", Is(Neutral)),
    // text:*: rules over the whole text.
    t!("text:url", "Great news https://example.com", Is(Positive), WeakerThan("Great news")),
    t!("text:report", "Police report two dead after storm hits coast", Is(Negative)),
    t!(
        "text:report",
        "Terrible storm hits the coast",
        Is(Negative),
        WeakerThan("Terrible storm hits our coast"),
    ),
    t!(
        "text:exclamation",
        "See you all there tomorrow!",
        Is(Positive),
        MorePositiveThan("See you all there tomorrow"),
    ),
    t!("text:exclamation", "See you all there tomorrow", Is(Neutral)),
    t!("text:exclamation", "great!!!", MorePositiveThan("great")),
    // One bad sentence among several good ones does not cancel them, and many good ones do
    // not pin the score at 1.
    t!(
        "text:long",
        "Great hotel. Friendly staff. Lovely pool. The breakfast was cold. Perfect location.",
        Between(0.05, 0.99),
    ),
    // A long text whose sentences all lean one way is as strong as its strongest sentence (the
    // mean of its sentences would make it a quarter as strong); a mixed one is not.
    t!(
        "text:long",
        "We landed at six. A car was waiting. Check-in took two minutes. The staff were absolutely wonderful!",
        Is(Positive),
        AsStrongAs("The staff were absolutely wonderful!"),
    ),
    t!(
        "text:long",
        "Our flight was cancelled. Nobody called us. We slept at the airport. The airline was absolutely horrible.",
        Is(Negative),
        AsStrongAs("The airline was absolutely horrible."),
    ),
    t!(
        "text:long",
        "The room was lovely. The view was stunning. The breakfast was awful. The staff were absolutely wonderful!",
        Is(Positive),
        WeakerThan("The staff were absolutely wonderful!"),
    ),
    t!("text:neutral_band", "it was okay", Is(Neutral)),
    t!("text:neutral_band", "The app is okay I guess", Is(Neutral)),
    t!("text:neutral_band", "the app is a bit slow", Is(Negative)),
    t!("text:no_evidence", "", Is(Neutral)),
    t!("text:no_evidence", "The meeting is on Tuesday at 10", Is(Neutral)),
];

fn default() -> Analyzer {
    Analyzer::default()
}

/// The words of `text` whose span reads `word`.
fn words<'a>(
    contributions: &'a [Contribution],
    text: &'a str,
    word: &'a str,
) -> impl Iterator<Item = &'a Contribution> + 'a {
    contributions.iter().filter(move |c| c.text(text) == word)
}

/// How `word` came out, for a failure message.
fn describe(contributions: &[Contribution], text: &str, word: &str) -> String {
    let found: Vec<String> = words(contributions, text, word)
        .map(|c| format!("{word:?} base {} → {} {:?}", c.base, c.valence, c.rules))
        .collect();
    if found.is_empty() {
        let all: Vec<&str> = contributions.iter().map(|c| c.text(text)).collect();
        format!("no word {word:?} among {all:?}")
    } else {
        found.join("; ")
    }
}

/// What is wrong with `row`, one line per failed expectation.
fn check(analyzer: &Analyzer, row: &Row) -> Vec<String> {
    let text = row.text;
    let got = analyzer.sentiment(text);
    let contributions = analyzer.explain(text).contributions;
    let compound = |t: &str| analyzer.sentiment(t).compound;
    let rule = Rules::from_name(row.rule);
    let mut wrong = Vec::new();
    let mut fail = |expected: String, came_out: String| {
        wrong.push(format!(
            "{}: {text:?}: expected {expected}, got {came_out}",
            row.rule
        ))
    };
    for &e in row.expect {
        match e {
            Is(want) => {
                if got.label != want {
                    fail(
                        format!("{want:?}"),
                        format!("{:?} ({:.3})", got.label, got.compound),
                    );
                }
            }
            Fires(word) | Quiet(word) => {
                let Some(rule) = rule else {
                    fail(
                        format!("{e:?}"),
                        format!("{:?}, which is no word rule", row.rule),
                    );
                    continue;
                };
                let noted = words(&contributions, text, word).any(|c| c.rules.contains(rule));
                let read = words(&contributions, text, word).next().is_some();
                let ok = match e {
                    Fires(_) => noted,
                    _ => read && !noted,
                };
                if !ok {
                    let what = if matches!(e, Fires(_)) { "" } else { "not " };
                    fail(
                        format!("{word:?} {what}noted {}", row.rule),
                        describe(&contributions, text, word),
                    );
                }
            }
            Counts(word) | Flips(word) => {
                let flips = matches!(e, Flips(_));
                let ok = words(&contributions, text, word).next().is_some()
                    && words(&contributions, text, word).all(|c| {
                        c.base != 0.0
                            && c.valence != 0.0
                            && ((c.base > 0.0) == (c.valence > 0.0)) != flips
                    });
                if !ok {
                    let what = if flips {
                        "to end with the other sign than its base"
                    } else {
                        "to count, with the sign of its base"
                    };
                    fail(
                        format!("{word:?} {what}"),
                        describe(&contributions, text, word),
                    );
                }
            }
            MorePositiveThan(other)
            | LessPositiveThan(other)
            | WeakerThan(other)
            | AsStrongAs(other) => {
                let (mine, theirs) = (got.compound, compound(other));
                let (ok, what) = match e {
                    MorePositiveThan(_) => (mine > theirs, "more positive than"),
                    LessPositiveThan(_) => (mine < theirs, "less positive than"),
                    AsStrongAs(_) => (
                        mine.abs() >= theirs.abs() && (mine > 0.0) == (theirs > 0.0),
                        "at least as strong as",
                    ),
                    _ => (mine.abs() < theirs.abs(), "weaker than"),
                };
                if !ok {
                    fail(
                        format!("{what} {other:?}"),
                        format!("{mine:.3} against {theirs:.3}"),
                    );
                }
            }
            Between(low, high) => {
                if !(got.compound > low && got.compound < high) {
                    fail(
                        format!("a compound between {low} and {high}"),
                        format!("{:.3}", got.compound),
                    );
                }
            }
            Absent(prefix) => {
                if let Some(c) = contributions
                    .iter()
                    .find(|c| c.text(text).starts_with(prefix))
                {
                    fail(
                        format!("nothing read from {prefix:?}"),
                        format!("{:?} {:?}", c.text(text), c.rules),
                    );
                }
            }
        }
    }
    wrong
}

/// Every row of the table, every failure reported at once.
#[test]
fn golden_sentences() {
    let analyzer = default();
    let wrong: Vec<String> = ROWS.iter().flat_map(|row| check(&analyzer, row)).collect();
    assert!(
        wrong.is_empty(),
        "{} failed expectations in {} rows:\n{}",
        wrong.len(),
        ROWS.len(),
        wrong.join("\n")
    );
}

#[test]
fn every_rule_of_the_default_preset_has_rows() {
    let rules = Preset::Default.rules();
    let mut missing = Vec::new();
    for rule in rules.iter() {
        let name = rule.names().next().unwrap();
        let rows = || ROWS.iter().filter(|r| r.rule == name);
        if !rows().any(|r| r.expect.iter().any(|e| matches!(e, Fires(_)))) {
            missing.push(format!("{name} (no row where it fires on a named word)"));
        }
        if !rows().any(|r| r.expect.iter().any(|e| matches!(e, Quiet(_)))) {
            missing.push(format!("{name} (no near miss)"));
        }
    }
    assert!(
        missing.is_empty(),
        "rules of the default preset without rows:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_row_names_a_rule_of_the_default_preset_or_a_group() {
    let rules = Preset::Default.rules();
    let mut wrong = Vec::new();
    for row in ROWS {
        let group = GROUPS.iter().any(|(g, _)| *g == row.rule);
        match Rules::from_name(row.rule) {
            Some(rule) if !rules.contains(rule) => wrong.push(format!(
                "{}: {:?}: a rule the default preset never applies",
                row.rule, row.text
            )),
            Some(_) => {}
            None if group => {
                if row.expect.iter().any(|e| matches!(e, Fires(_) | Quiet(_))) {
                    wrong.push(format!(
                        "{}: {:?}: a text-level group cannot fire on a word",
                        row.rule, row.text
                    ));
                }
            }
            None => wrong.push(format!(
                "{}: {:?}: neither a rule name nor a group of GROUPS",
                row.rule, row.text
            )),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
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
fn default_preset_is_deterministic_across_calls_and_buffers() {
    let a = default();
    let mut out = earshot::Analysis::default();
    for row in ROWS {
        let fresh = a.sentiment(row.text);
        a.analyze_into(row.text, &mut out);
        assert_eq!(out.sentiment, fresh, "{:?}", row.text);
        assert_eq!(a.explain(row.text).sentiment, fresh, "{:?}", row.text);
    }
}
