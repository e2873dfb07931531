//! Memory kept after the calls that return: results hold their results, not working buffers,
//! and the per-thread working buffers behind `sentiment` and `analyze` do not stay at the size
//! of the largest text a thread ever saw (issue 7: nothing kept between calls that grows).
//!
//! A global allocator (`tests/support/measuring_alloc.rs`) keeps the bytes in use. This file
//! holds a single test, so it runs alone in its own process and the count is its own.

use earshot::{Analysis, Analyzer};

#[path = "support/measuring_alloc.rs"]
mod measuring_alloc;
use measuring_alloc::in_use;

#[test]
fn calls_keep_results_not_working_buffers() {
    let posts: Vec<&str> = include_str!("../data/posts.txt").lines().collect();
    let default = Analyzer::default();
    let vader = Analyzer::vader();
    // Warm: the built-in tables, and this thread's working buffers at the size these posts
    // need (what they grow by is not what the results hold).
    for a in [&default, &vader] {
        for p in &posts {
            let _ = a.sentiment(p);
            let _ = a.analyze(p);
        }
    }

    // 1. Collected results hold their results: the sentiment, the categories with their
    //    evidence, the risk flags and route, the aspects. Measured against the bytes of those
    //    results themselves.
    let before = in_use();
    let results: Vec<Analysis> = posts.iter().map(|p| default.analyze(p)).collect();
    let held = in_use() - before;
    // Labels are shared and evidence is inline: a result owns only its vectors.
    let needed: usize = results.capacity() * std::mem::size_of::<Analysis>()
        + results
            .iter()
            .map(|a| {
                (a.categories.capacity() + a.risk.flags.capacity())
                    * std::mem::size_of::<earshot::classifier::Category>()
                    + a.risk.route.capacity() * std::mem::size_of::<earshot::Name>()
                    + a.aspects.capacity() * std::mem::size_of::<earshot::aspects::Aspect>()
            })
            .sum::<usize>();
    assert!(
        results.iter().any(|a| !a.aspects.is_empty()),
        "no aspects: the count would prove nothing for them"
    );
    assert!(
        held <= needed,
        "{} results hold {held} bytes of heap; their contents need {needed}",
        results.len()
    );
    drop(results);

    // 2. A huge text once does not leave a thread holding buffers its size.
    let huge = posts.join(" ").repeat(40); // about 1 MiB
    assert!(huge.len() > 1 << 20);
    for (name, analyzer) in [("default", &default), ("vader", &vader)] {
        let before = in_use();
        let _ = analyzer.sentiment(&huge);
        let a = analyzer.analyze(&huge);
        drop(a);
        let _ = analyzer.sentiment(posts[1]);
        let _ = analyzer.analyze(posts[1]);
        let kept = in_use().saturating_sub(before);
        assert!(
            kept < 256 * 1024,
            "{name}: {kept} bytes still held after scoring a {} byte text",
            huge.len()
        );
    }
}
