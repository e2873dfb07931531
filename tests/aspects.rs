//! Golden sentences for the aspect stage: for every built-in aspect, sentences a reader would
//! file under it (with the polarity a reader would give) and near misses that must not be;
//! the same word in two aspects by context; two aspects of opposite polarity in one sentence;
//! your own aspects from a configuration; and the sentiment toward a named target. Each row
//! asserts what a reader would say, never a number the code computed.
//!
//! [`ROWS`] is one table in blocks, one block per aspect, then the blocks that pin a rule of
//! the attachment (`attach.rs`) by its name. To add a row, put `t!(block, text, expectations...)`
//! where it belongs; the expectations are [`Expect`]s.

use earshot::aspects::{AspectSpec, Role};
use earshot::{Analysis, Analyzer, Config, Label};

use Expect::*;

/// What a row asserts about its text.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// The aspect is found, with this label.
    Has(&'static str, Label),
    /// The aspect is not reported.
    Lacks(&'static str),
    /// The aspect's evidence holds this span of the text, as a term.
    Term(&'static str, &'static str),
    /// The aspect's evidence holds this span of the text, as an opinion word.
    Opinion(&'static str, &'static str),
}

/// One golden sentence: the block it belongs to, the text, what must hold.
struct Row {
    block: &'static str,
    text: &'static str,
    expect: &'static [Expect],
}

macro_rules! t {
    ($block:literal, $text:literal, $($expect:expr),+ $(,)?) => {
        Row { block: $block, text: $text, expect: &[$($expect),+] }
    };
}

use Label::{Negative as Neg, Positive as Pos};

/// The golden sentences (one row per line; rustfmt would stack them).
#[rustfmt::skip]
const ROWS: &[Row] = &[
    // price: what it costs; its attribute words judge the price of anything ("the pasta was
    // overpriced" is not about the food).
    t!("price", "The pasta was overpriced.", Has("price", Neg), Lacks("food"), Opinion("price", "overpriced")),
    t!("price", "Great value for money.", Has("price", Pos), Term("price", "value")),
    t!("price", "The rooms are affordable and the breakfast is included.", Has("price", Pos)),
    t!("price", "Prices are high for what you get.", Has("price", Neg)),
    t!("price", "I paid with cash and left.", Lacks("price")),
    t!("price", "The price list is on the door.", Lacks("price")),
    // quality: how well made the product is.
    t!("quality", "It broke after a week.", Has("quality", Neg)),
    t!("quality", "Solid build quality, very sturdy.", Has("quality", Pos), Term("quality", "build quality")),
    t!("quality", "We talked about quality assurance jobs.", Lacks("quality")),
    // service: the people who serve and help.
    t!("service", "The waiter was rude.", Has("service", Neg), Term("service", "waiter"), Opinion("service", "rude")),
    t!("service", "Friendly staff and quick service.", Has("service", Pos)),
    t!("service", "Customer support never answered my emails, useless.", Has("service", Neg)),
    t!("service", "The front desk was very helpful.", Has("service", Pos)),
    t!("service", "I can't wait to go back!", Lacks("service")),
    // delivery: getting it to the customer.
    t!("delivery", "Delivery was fast.", Has("delivery", Pos)),
    t!("delivery", "My package arrived late and damaged.", Has("delivery", Neg)),
    t!("delivery", "The food arrived cold.", Lacks("delivery"), Has("food", Neg)),
    // billing: money taken or owed.
    t!("billing", "I was charged twice for one order.", Has("billing", Neg)),
    t!("billing", "Still waiting for my refund.", Has("billing", Neg), Term("billing", "refund")),
    t!("billing", "The battery holds a charge all day.", Lacks("billing"), Has("battery", Pos)),
    // account: the customer's account.
    t!("account", "I got locked out of my account again.", Has("account", Neg)),
    t!("account", "Resetting my password was quick and painless.", Has("account", Pos)),
    t!("account", "On account of the rain we stayed in.", Lacks("account")),
    // usability: how easy it is to use.
    t!("usability", "The app is easy to use.", Has("usability", Pos)),
    t!("usability", "The interface is confusing.", Has("usability", Neg), Term("usability", "interface")),
    t!("usability", "The restaurant was hard to find.", Lacks("usability"), Has("location", Neg)),
    // performance: how fast it works; "froze" judges the performance of whatever froze.
    t!("performance", "The laptop is fast.", Has("performance", Pos)),
    t!("performance", "Boot time is super fast.", Has("performance", Pos), Term("performance", "Boot time")),
    t!("performance", "The screen froze twice.", Has("performance", Neg), Lacks("display")),
    t!("performance", "Fast delivery, but the laptop is slow.", Has("performance", Neg), Has("delivery", Pos)),
    // reliability: whether it keeps working.
    t!("reliability", "The app keeps crashing.", Has("reliability", Neg)),
    t!("reliability", "It keeps crashing and I lose my work.", Has("reliability", Neg)),
    t!("reliability", "No bugs so far.", Has("reliability", Pos)),
    t!("reliability", "The service was down to earth and kind.", Lacks("reliability")),
    // design: how it looks and is laid out.
    t!("design", "Sleek design and a lovely keyboard.", Has("design", Pos)),
    t!("design", "It is too heavy to carry around.", Has("design", Neg)),
    t!("design", "The lamb was heavy on salt.", Lacks("design")),
    // software: the programs on it.
    t!("software", "Windows 8 is terrible.", Has("software", Neg)),
    t!("software", "The operating system is clean and simple.", Has("software", Pos)),
    t!("software", "The program at the theatre was lovely.", Lacks("software")),
    // battery: battery life, charging.
    t!("battery", "The battery dies in two hours.", Has("battery", Neg)),
    t!("battery", "Battery life is amazing.", Has("battery", Pos), Term("battery", "Battery life")),
    t!("battery", "He charged my card twice.", Lacks("battery"), Has("billing", Neg)),
    // display: the screen.
    t!("display", "The screen is gorgeous.", Has("display", Pos), Lacks("performance")),
    t!("display", "The display is dim and grainy.", Has("display", Neg)),
    // connectivity: connections.
    t!("connectivity", "The wifi keeps dropping.", Has("connectivity", Neg)),
    t!("connectivity", "Bluetooth pairing is flawless.", Has("connectivity", Pos)),
    t!("connectivity", "The reception was friendly.", Lacks("connectivity"), Has("service", Pos)),
    t!("connectivity", "Phone reception is terrible here.", Has("connectivity", Neg), Lacks("service")),
    // food: what is eaten.
    t!("food", "The pasta was delicious.", Has("food", Pos), Term("food", "pasta")),
    t!("food", "Bland, overcooked fish.", Has("food", Neg)),
    t!("food", "Delicious!", Has("food", Pos)),
    t!("food", "We grabbed fast food on the way.", Lacks("performance")),
    // drinks: what is drunk.
    t!("drinks", "The cocktails were excellent.", Has("drinks", Pos)),
    t!("drinks", "The coffee was watered down.", Has("drinks", Neg)),
    t!("drinks", "The bar staff were rude.", Lacks("drinks"), Has("service", Neg)),
    // ambience: how the place feels.
    t!("ambience", "Cozy atmosphere.", Has("ambience", Pos)),
    t!("ambience", "Way too noisy to talk.", Has("ambience", Neg)),
    t!("ambience", "The music was far too loud.", Has("ambience", Neg)),
    t!("ambience", "The space bar is awful.", Lacks("ambience"), Has("design", Neg)),
    // location: where it is.
    t!("location", "Great location, close to the station.", Has("location", Pos)),
    t!("location", "The hotel is far from everything.", Has("location", Neg)),
    t!("location", "The view from our window was stunning.", Has("location", Pos)),
    t!("location", "The area manager was very helpful.", Lacks("location"), Has("service", Pos)),
    // cleanliness: how clean it is; its words judge the cleanliness of anything.
    t!("cleanliness", "The bathroom was filthy.", Has("cleanliness", Neg), Lacks("room")),
    t!("cleanliness", "Spotless rooms.", Has("cleanliness", Pos), Lacks("room")),
    t!("cleanliness", "The bed was clean but hard as a rock.", Has("cleanliness", Pos)),
    t!("cleanliness", "The app has a clean design.", Lacks("cleanliness"), Has("design", Pos)),
    // room: the room to sleep in.
    t!("room", "The bed was very comfortable.", Has("room", Pos), Term("room", "bed")),
    t!("room", "Our room was tiny.", Has("room", Neg)),
    t!("room", "Room service was slow.", Lacks("room"), Has("service", Neg)),
    // two_aspects: opposite polarities in one sentence, each side judged on its own.
    t!("two_aspects", "The food was great but the service was painfully slow.", Has("food", Pos), Has("service", Neg)),
    t!("two_aspects", "Delicious food, rude staff.", Has("food", Pos), Has("service", Neg)),
    t!("two_aspects", "Great battery life but the screen is dim.", Has("battery", Pos), Has("display", Neg)),
    t!("two_aspects", "The receptionist was very helpful and the room was spotless.", Has("service", Pos), Has("cleanliness", Pos)),
    t!("two_aspects", "Although the staff were lovely, the room was cramped.", Has("service", Pos), Has("room", Neg)),
    // same_word: one word, two aspects, by context.
    t!("same_word", "The screen froze.", Has("performance", Neg), Lacks("display")),
    t!("same_word", "The screen is sharp.", Has("display", Pos), Lacks("performance")),
    t!("same_word", "They charged me twice.", Has("billing", Neg), Lacks("battery")),
    t!("same_word", "It takes hours to charge the battery.", Lacks("billing")),
    t!("same_word", "Fast shipping.", Has("delivery", Pos), Lacks("performance")),
    t!("same_word", "Fast laptop.", Has("performance", Pos), Lacks("delivery")),
    // copula: what follows a copula is said of its subject, not of what comes after.
    t!("copula", "The soup was cold and the bread came late.", Has("food", Neg)),
    t!("copula", "The staff were friendly, the rooms dirty.", Has("service", Pos), Has("cleanliness", Neg)),
    // pronoun: a sentence that opens with a pronoun is about what was named before.
    t!("pronoun", "We had the lamb. It was overcooked.", Has("food", Neg)),
    t!("pronoun", "We had the lamb. Then we left.", Lacks("food")),
    // list: a list judged together shares the opinion.
    t!("list", "Great food and service.", Has("food", Pos), Has("service", Pos)),
    t!("list", "The decor and the music were lovely.", Has("ambience", Pos)),
    // negation: the scorer's negation counts as it does for the whole text.
    t!("negation", "The staff were not friendly.", Has("service", Neg)),
    t!("negation", "The fries were not greasy at all.", Has("food", Pos)),
    // whole: what is said of the place as a whole does not count for what is named beside it.
    t!("whole", "Love this place, but the menu is tiny.", Has("food", Neg)),
    t!("whole", "Best hotel ever!", Lacks("room"), Lacks("service")),
    // alone: a thing named alone in its sentence takes what is said of the whole, unless it is
    // the object of a preposition ("a great place for sushi" does not praise the sushi).
    t!("alone", "Great place, the sushi.", Has("food", Pos)),
    t!("alone", "A great place for sushi.", Lacks("food")),
    t!("alone", "We went there for dinner and the place was lovely.", Lacks("food")),
    // negation with nothing to negate: said of the subject before it, not of what follows.
    t!("negated statement", "The waiter never brought the wine.", Has("service", Neg), Lacks("drinks")),
    t!("negated statement", "The wine never came.", Has("drinks", Neg)),
    t!("negated statement", "The waiter never brought the wine, but the pasta was lovely.", Has("service", Neg), Lacks("drinks"), Has("food", Pos)),
    // ... whatever the negation: without an apostrophe, or a pronoun of negation.
    t!("negated statement", "The waiter didnt bring the wine.", Has("service", Neg), Lacks("drinks")),
    t!("negated statement", "Nobody took our drink order, but the host was lovely.", Lacks("drinks"), Has("service", Pos)),
    t!("negated statement", "The wine didnt come.", Has("drinks", Neg)),
    // ... and with no subject named, of nothing named (though the text leans negative).
    t!("negated statement", "Nobody took our drink order.", Lacks("drinks")),
    t!("negated statement", "There was no wine.", Has("drinks", Neg)),
    // interjection: "yes", "thanks", "please", "lol" are said to the reader, not of a thing.
    t!("interjection", "I asked the waitress about dessert and she said yes.", Lacks("service"), Lacks("food")),
    t!("interjection", "The hostess said thanks and walked off.", Lacks("service")),
    t!("interjection", "The waitress was lovely and she said yes.", Has("service", Pos)),
    // mention: an aspect named with nothing said of it is not reported.
    t!("mention", "We went there for dinner.", Lacks("food")),
    t!("mention", "I called customer service on Monday.", Lacks("service")),
];

fn found<'a>(a: &'a Analysis, label: &str) -> Option<&'a earshot::aspects::Aspect> {
    a.aspects.iter().find(|x| x.label == label)
}

/// What is wrong with `row`, one line per failed expectation.
fn check(analyzer: &Analyzer, row: &Row) -> Vec<String> {
    let a = analyzer.analyze(row.text);
    let got: Vec<String> = a
        .aspects
        .iter()
        .map(|x| {
            let ev: Vec<&str> = x.evidence.iter().map(|e| e.text(row.text)).collect();
            format!("{} {} {:?}", x.label, x.sentiment.label, ev)
        })
        .collect();
    let mut wrong = Vec::new();
    for e in row.expect {
        let ok = match *e {
            Has(label, want) => found(&a, label).is_some_and(|x| x.sentiment.label == want),
            Lacks(label) => found(&a, label).is_none(),
            Term(label, span) | Opinion(label, span) => {
                let role = if matches!(e, Term(..)) {
                    Role::Term
                } else {
                    Role::Opinion
                };
                found(&a, label).is_some_and(|x| {
                    x.evidence
                        .iter()
                        .any(|ev| ev.role == role && ev.text(row.text) == span)
                })
            }
        };
        if !ok {
            wrong.push(format!(
                "{}: {:?}: expected {e:?}, got {got:?}",
                row.block, row.text
            ));
        }
    }
    wrong
}

#[test]
fn golden_sentences() {
    let analyzer = Analyzer::default();
    let wrong: Vec<String> = ROWS.iter().flat_map(|row| check(&analyzer, row)).collect();
    assert!(
        wrong.is_empty(),
        "{} failed expectations in {} rows:\n{}",
        wrong.len(),
        ROWS.len(),
        wrong.join("\n")
    );
}

/// Every built-in aspect has a row that finds it and a near miss that must not.
#[test]
fn every_builtin_aspect_has_rows_and_near_misses() {
    let analyzer = Analyzer::default();
    let mut missing = Vec::new();
    for label in analyzer.aspect_labels() {
        let found = ROWS.iter().any(|r| {
            r.expect
                .iter()
                .any(|e| matches!(e, Has(l, _) if *l == label))
        });
        let near = ROWS.iter().any(|r| {
            r.expect
                .iter()
                .any(|e| matches!(e, Lacks(l) if *l == label))
        });
        if !found || !near {
            missing.push(format!("{label} (found: {found}, near miss: {near})"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    // The issue's list, at least.
    let labels: Vec<&str> = analyzer.aspect_labels().collect();
    for want in [
        "price",
        "quality",
        "service",
        "delivery",
        "billing",
        "account",
        "usability",
        "performance",
        "reliability",
        "design",
        "software",
        "battery",
        "display",
        "connectivity",
        "food",
        "drinks",
        "ambience",
        "location",
        "cleanliness",
        "room",
    ] {
        assert!(labels.contains(&want), "{want} is not built in");
    }
    assert!(!labels.contains(&"general"), "the whole is never reported");
}

/// Aspects come in order of appearance, each once, with evidence in text order; a text without
/// opinion has none; aspects can be switched off.
#[test]
fn results_are_ordered_and_bounded() {
    let analyzer = Analyzer::default();
    let text = "Rude waiter. The pizza was great, the pizza was hot, the pizza was fresh, \
                the pizza was crisp, the pizza was tasty, the pizza was cheap.";
    let a = analyzer.analyze(text);
    let labels: Vec<&str> = a.aspects.iter().map(|x| x.label.as_str()).collect();
    assert_eq!(labels[..2], ["service", "food"]);
    let food = found(&a, "food").unwrap();
    assert_eq!(
        food.evidence.len(),
        earshot::aspects::AspectEvidenceList::CAPACITY
    );
    assert!(food.evidence.windows(2).all(|w| w[0].start <= w[1].start));
    assert!(analyzer.analyze("").aspects.is_empty());
    let off = Analyzer::builder().aspects(false).build().unwrap();
    assert!(off.analyze(text).aspects.is_empty());
    assert_eq!(off.aspect_labels().count(), 0);
    // ...and the VADER preset finds them too, from its own valences.
    let vader = Analyzer::builder()
        .preset(earshot::Preset::Vader)
        .build()
        .unwrap();
    let v = vader.analyze("The food was great but the service was terrible.");
    assert_eq!(found(&v, "food").unwrap().sentiment.label, Pos);
    assert_eq!(found(&v, "service").unwrap().sentiment.label, Neg);
}

/// One thread's working space serves text after text: a text in which no aspect word matches
/// (which skips the attachment's later steps) reports none, and leaves nothing behind for the
/// text after it or for a target asked of it.
#[test]
fn a_text_without_aspect_words_reports_none_and_leaves_nothing_behind() {
    let analyzer = Analyzer::default();
    let mut a = Analysis::default();
    let with = "The food was great but the service was terrible.";
    analyzer.analyze_into(with, &mut a);
    let first = a.aspects.clone();
    assert_eq!(first.len(), 2);
    // Near miss: strong feeling, no aspect word.
    analyzer.analyze_into("I am so angry right now!!", &mut a);
    assert!(a.aspects.is_empty(), "{:?}", a.aspects);
    analyzer.analyze_into(with, &mut a);
    assert_eq!(a.aspects, first);
    // A target is judged even where no aspect word matches.
    let text = "Honestly Zorblax is the worst.";
    let target = analyzer.sentiment_toward(text, 9..16);
    assert_eq!(target.sentiment.label, Neg);
}

/// Your own aspects from a configuration file: a product line is found and judged, a built-in
/// aspect extended, one switched off, or all replaced.
#[test]
fn configured_aspects() {
    let config = Config::from_json(
        r#"{"aspects": [
            {"label": "cloud_sync", "description": "Acme Cloud Sync",
             "terms": ["Acme Cloud Sync", "cloud sync", "syncing"]},
            {"label": "price", "extend": true, "terms": ["subscription fee"]},
            {"label": "billing", "enabled": false}
        ]}"#,
    )
    .unwrap();
    let analyzer = Analyzer::builder().config(&config).build().unwrap();
    let a = analyzer.analyze("Acme Cloud Sync keeps losing my files, but the app is lovely");
    assert_eq!(found(&a, "cloud_sync").unwrap().sentiment.label, Neg);
    // What you asked about keeps the attribute words said of it (a built-in aspect would give
    // them to the attribute's aspect alone).
    let a = analyzer.analyze("Acme Cloud Sync is so confusing");
    assert_eq!(found(&a, "cloud_sync").unwrap().sentiment.label, Neg);
    assert_eq!(found(&a, "usability").unwrap().sentiment.label, Neg);
    let a = analyzer.analyze("The subscription fee is outrageous");
    assert_eq!(found(&a, "price").unwrap().sentiment.label, Neg);
    let a = analyzer.analyze("I was charged twice for one order");
    assert!(found(&a, "billing").is_none());
    // Plurals of a user's terms are found too.
    let a = analyzer.analyze("Syncings are awful");
    assert!(found(&a, "cloud_sync").is_some());
    // A near miss: "sync" alone is not a term.
    assert!(found(&analyzer.analyze("Sync is awful"), "cloud_sync").is_none());

    let only = Config::from_json(
        r#"{"replace_builtin_aspects": true, "aspects": [{"label": "checkout", "terms": ["checkout", "cart"]}]}"#,
    )
    .unwrap();
    let analyzer = Analyzer::builder().config(&only).build().unwrap();
    assert_eq!(analyzer.aspect_labels().collect::<Vec<_>>(), ["checkout"]);
    let a = analyzer.analyze("The checkout is confusing and the food was cold");
    let labels: Vec<&str> = a.aspects.iter().map(|x| x.label.as_str()).collect();
    assert_eq!(labels, ["checkout"]);

    // From code, after the files.
    let analyzer = Analyzer::builder()
        .aspect(AspectSpec::new("checkout", ["checkout"]))
        .build()
        .unwrap();
    assert!(found(&analyzer.analyze("The checkout is broken"), "checkout").is_some());
}

/// Configurations that cannot work are errors when the analyzer is built.
#[test]
fn bad_aspect_configurations_are_errors() {
    for (json, why) in [
        (r#"{"aspects": [{"label": "nothing"}]}"#, "has no terms"),
        (
            r#"{"aspects": [{"label": "nope", "extend": true, "terms": ["x"]}]}"#,
            "cannot extend unknown aspect",
        ),
    ] {
        let config = Config::from_json(json).unwrap();
        let err = Analyzer::builder().config(&config).build().unwrap_err();
        assert!(err.to_string().contains(why), "{json}: {err}");
    }
    let err = Analyzer::builder()
        .aspect(AspectSpec::new("bad", ["(unclosed"]))
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("unclosed"), "{err}");
}

/// The sentiment toward a target: the opinions said of it, not those said of others beside it.
#[test]
fn sentiment_toward_a_target() {
    let analyzer = Analyzer::default();
    let text = "Verizon was awful all week, but T-Mobile has been great";
    let at = |name: &str| {
        let s = text.find(name).unwrap();
        s..s + name.len()
    };
    let verizon = analyzer.sentiment_toward(text, at("Verizon"));
    assert_eq!(verizon.sentiment.label, Neg);
    assert_eq!(verizon.text(text), "Verizon");
    assert!(
        verizon
            .evidence
            .iter()
            .any(|e| e.role == Role::Opinion && e.text(text) == "awful")
    );
    assert_eq!(
        analyzer
            .sentiment_toward(text, at("T-Mobile"))
            .sentiment
            .label,
        Pos
    );
    // A target nothing is said of is neutral; so is one named beside praise of another thing.
    let plain = "I switched from Sprint to Verizon last year";
    assert_eq!(
        analyzer.sentiment_toward(plain, 16..22).sentiment.label,
        Label::Neutral
    );
    let text = "The pizza was great, the garlic bread was stale";
    let s = text.find("garlic bread").unwrap();
    assert_eq!(
        analyzer
            .sentiment_toward(text, s..s + "garlic bread".len())
            .sentiment
            .label,
        Neg
    );
    // A span inside a word takes the word; one beyond the text or over no word is neutral.
    let t = analyzer.sentiment_toward("awful service", 9..11);
    assert_eq!(t.text("awful service"), "service");
    assert_eq!(t.sentiment.label, Neg);
    // A reversed span (start after end) names nothing either.
    let (five, two) = (std::hint::black_box(5), std::hint::black_box(2));
    for span in [50..60, 3..3, five..two] {
        let t = analyzer.sentiment_toward("awful service", span.clone());
        assert_eq!(t.sentiment.label, Label::Neutral, "{span:?}");
        assert!(t.evidence.is_empty(), "{span:?}");
    }
}

/// One golden target: the rule of the attachment it pins, the text, the target (its first
/// occurrence) and the label a reader would give the writer's feeling about it.
struct TargetRow {
    rule: &'static str,
    text: &'static str,
    target: &'static str,
    label: Label,
}

macro_rules! target {
    ($rule:literal, $text:literal, $target:literal, $label:expr) => {
        TargetRow {
            rule: $rule,
            text: $text,
            target: $target,
            label: $label,
        }
    };
}

/// Golden targets, each rule with its near misses (one row per line; rustfmt would stack them).
#[rustfmt::skip]
const TARGET_ROWS: &[TargetRow] = &[
    // two targets of opposite polarity in one sentence: each side of "but" on its own.
    target!("two targets", "The pasta was bland, but the tiramisu was heavenly.", "pasta", Neg),
    target!("two targets", "The pasta was bland, but the tiramisu was heavenly.", "tiramisu", Pos),
    // object: what follows a preposition is not what the clause judges.
    target!("object", "The service at the bar was slow.", "bar", Label::Neutral),
    target!("object", "The service at the bar was slow.", "service", Neg),
    target!("object", "The coffee in the lobby was awful.", "lobby", Label::Neutral),
    target!("object", "The coffee in the lobby was awful.", "coffee", Neg),
    // near misses: the same noun as the subject, an adjective right before the object, a
    // relative clause after it.
    target!("object", "The bar at the hotel was lovely.", "bar", Pos),
    target!("object", "We came for a lovely lunch.", "lunch", Pos),
    target!("object", "We ate at the bar, which was lovely.", "bar", Pos),
    // object, with the prepositions of place and path (behind, across, near, through...).
    target!("object", "The staff behind the counter were rude.", "counter", Label::Neutral),
    target!("object", "The staff behind the counter were rude.", "staff", Neg),
    target!("object", "The view across the river was stunning.", "river", Label::Neutral),
    target!("object", "The view across the river was stunning.", "view", Pos),
    // near misses: the same noun as the subject, an adjective right before the object.
    target!("object", "The river was stunning.", "river", Pos),
    target!("object", "We walked along a stunning river.", "river", Pos),
    // negated statement: a negation with nothing to negate is said of the subject named before
    // it, not of the object after it; two targets of opposite polarity in one sentence.
    target!("negated statement", "The waiter never brought the wine, but the pasta was lovely.", "waiter", Neg),
    target!("negated statement", "The waiter never brought the wine, but the pasta was lovely.", "wine", Label::Neutral),
    target!("negated statement", "The waiter never brought the wine, but the pasta was lovely.", "pasta", Pos),
    // near misses: the same noun as the subject; "no" before the noun it denies.
    target!("negated statement", "The wine never came.", "wine", Neg),
    target!("negated statement", "There was no wine.", "wine", Neg),
    // interjection: two targets, one answered "yes", the other judged.
    target!("interjection", "The waiter said yes, but the soup was cold.", "waiter", Label::Neutral),
    target!("interjection", "The waiter said yes, but the soup was cold.", "soup", Neg),
    target!("interjection", "The waiter was friendly, but the soup was cold.", "waiter", Pos),
    // copula (having): what its subject has says what the subject is like.
    target!("copula", "The room had a view of the sea, lovely.", "room", Pos),
    target!("copula", "The room had a view of the sea.", "room", Label::Neutral),
    // object, as the README documents it for brands: a brand after a preposition is not what
    // the clause judges; the phrase that holds it is.
    target!("object", "Support from Verizon was awful.", "Verizon", Label::Neutral),
    target!("object", "Support from Verizon was awful.", "Support from Verizon", Neg),
    target!("object", "Verizon was awful.", "Verizon", Neg),
];

/// Every golden target, with the rule it pins in the failure message.
#[test]
fn golden_targets() {
    let analyzer = Analyzer::default();
    let mut failures = Vec::new();
    for row in TARGET_ROWS {
        let at = row
            .text
            .find(row.target)
            .expect("the target is in its text");
        let got = analyzer.sentiment_toward(row.text, at..at + row.target.len());
        assert_eq!(got.text(row.text), row.target);
        if got.sentiment.label != row.label {
            failures.push(format!(
                "[{}] {:?} toward {:?}: {:?}, expected {:?}",
                row.rule, row.text, row.target, got.sentiment.label, row.label
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
