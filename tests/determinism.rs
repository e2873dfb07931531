//! Determinism (issue 7): the same text gives the same answer on every thread, in every order,
//! from every analyzer built the same way — nothing depends on hash-map iteration order,
//! on the buffers a thread reuses, or on which texts came before.

use earshot::classifier::Classifier;
use earshot::lexicon::LexiconOverlay;
use earshot::{Analysis, Analyzer};

const POSTS: &str = include_str!("../data/posts.txt");
const REVIEWS: &str = include_str!("../data/reviews.txt");

fn corpus() -> Vec<&'static str> {
    let lines: Vec<&str> = POSTS.lines().chain(REVIEWS.lines()).collect();
    assert!(lines.len() > 300, "corpus has {} lines", lines.len());
    lines
}

/// Everything an analysis says, as JSON: sentiment, categories with evidence, contributions.
fn json(a: &Analysis) -> String {
    serde_json::to_string(a).expect("an Analysis serializes")
}

/// The single-threaded reference: each text analysed and explained with fresh buffers.
fn reference(analyzer: &Analyzer, texts: &[&str]) -> Vec<(String, String)> {
    texts
        .iter()
        .map(|t| (json(&analyzer.analyze(t)), json(&analyzer.explain(t))))
        .collect()
}

/// 8 threads share one analyzer; each walks the corpus from a different starting point (so
/// every text follows a different one in each thread's reused buffer), analysing, explaining
/// and scoring every text; every answer must equal the single-threaded one.
fn check_threads(analyzer: &Analyzer, texts: &[&str]) {
    let want = reference(analyzer, texts);
    // The reference must not be trivial: the corpus has sentiment, categories and reasons.
    assert!(
        want.iter()
            .any(|(a, _)| a.contains("\"label\":\"negative\""))
    );
    assert!(want.iter().any(|(a, _)| a.contains("\"evidence\"")));
    assert!(want.iter().any(|(_, e)| e.contains("\"contributions\"")));
    let n = texts.len();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|k| {
                let want = &want;
                scope.spawn(move || {
                    let mut out = Analysis::default();
                    for step in 0..n {
                        // Odd threads walk backwards.
                        let i = if k % 2 == 0 {
                            (k * 47 + step) % n
                        } else {
                            (k * 47 + n - step) % n
                        };
                        let text = texts[i];
                        analyzer.analyze_into(text, &mut out);
                        assert_eq!(json(&out), want[i].0, "thread {k}, analyze {text:?}");
                        assert_eq!(
                            analyzer.sentiment(text),
                            out.sentiment,
                            "thread {k}, sentiment {text:?}"
                        );
                        analyzer.explain_into(text, &mut out);
                        assert_eq!(json(&out), want[i].1, "thread {k}, explain {text:?}");
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().expect("a scoring thread panicked");
        }
    });
}

#[test]
fn default_preset_is_the_same_on_8_threads() {
    check_threads(&Analyzer::default(), &corpus());
}

#[test]
fn vader_preset_is_the_same_on_8_threads() {
    check_threads(&Analyzer::vader(), &corpus());
}

/// Analyzers built separately — including ones whose lexicon and classifier are rebuilt from
/// an overlay and a configuration, where tables are filled in hash order — agree on every text.
#[test]
fn analyzers_built_twice_agree() {
    let texts = corpus();
    let overlay = LexiconOverlay::parse(
        "refund\t-1.5\nlaggy\t-1.8\nworks like a charm\t2.8\ngood\t1.2\nsick\tremove\n",
    )
    .unwrap();
    let build = || {
        Analyzer::builder()
            .lexicon(&overlay)
            .classifier(
                Classifier::builder()
                    .competitors(["Globex", "Initech"])
                    .products(["Acme app"])
                    .build()
                    .unwrap(),
            )
            .build()
            .unwrap()
    };
    let pairs = [
        (Analyzer::default(), Analyzer::builder().build().unwrap()),
        (Analyzer::vader(), Analyzer::vader()),
        (build(), build()),
    ];
    for (k, (a, b)) in pairs.iter().enumerate() {
        assert_eq!(
            reference(a, &texts),
            reference(b, &texts),
            "pair {k} disagrees"
        );
    }
    // The overlay is really in use: the customised analyzer differs from the default one.
    assert_ne!(
        reference(&pairs[2].0, &texts),
        reference(&pairs[0].0, &texts)
    );
}
