//! Memory of the built-in data: building both presets for the first time in a process (the
//! built-in chain loaded from its compiled snapshot, VADER's lexicon parsed and its table
//! compiled, the shared caches filled) leaves less than 5 MB of heap in use (issue 6). The compiled-in text the tables are
//! parsed from adds about 235 KB to the binary, the snapshot (`src/analyzer/builtin.postcard`)
//! 1.24 MB.
//!
//! A global allocator (`tests/support/measuring_alloc.rs`) keeps the bytes in use. This file
//! holds a single test, so it runs alone in its own process and nothing was built before it.

use earshot::Analyzer;

#[path = "support/measuring_alloc.rs"]
mod measuring_alloc;
use measuring_alloc::in_use;

#[test]
fn built_in_data_takes_under_5_mb() {
    let before = in_use();
    let default = Analyzer::default();
    let vader = Analyzer::vader();
    // Both work (and a first call may fill a lazily built table too).
    assert!(
        default
            .analyze("Great app 👍 but it crashed")
            .sentiment
            .compound
            != 0.0
    );
    assert!(vader.sentiment("great").compound > 0.0);
    let used = in_use().saturating_sub(before);
    eprintln!("built-in data, both presets: {used} bytes of heap");
    assert!(used < 5_000_000, "{used} bytes");
    // Not nothing either: the measurement sees the tables (the lexicon alone has 7,500 terms).
    assert!(
        used > 200_000,
        "{used} bytes: the allocator did not see the build"
    );
    // A second analyzer of each preset shares the built-in tables: it costs a small fraction.
    let again = in_use();
    let (d2, v2) = (Analyzer::default(), Analyzer::vader());
    let more = in_use().saturating_sub(again);
    eprintln!("a second pair of analyzers: {more} bytes");
    drop((d2, v2));
}
