//! [`Workspace`]: the buffers an analysis works in, kept apart from its results.

use crate::aspects::AspectsScratch;
use crate::classifier::ClassifierScratch;
use crate::cues::CueMatch;
use crate::read::Words;
use crate::risk::RiskScratch;
use crate::scorer::Scratch;

/// The working space of an analysis: the text's words and each stage's buffers. Results
/// ([`Analysis`](super::Analysis)) never hold it, so they stay small; keep one workspace per
/// thread and pass it to [`Analyzer::analyze_with`](super::Analyzer::analyze_with) to analyse
/// without allocating once it is warm (or let [`Analyzer::analyze`](super::Analyzer::analyze)
/// use one kept per thread for you). Any analyzer can use any workspace.
///
/// ```
/// use earshot::{Analysis, Analyzer, Workspace};
///
/// let analyzer = Analyzer::default();
/// let (mut workspace, mut out) = (Workspace::new(), Analysis::default());
/// for post in ["love it", "the app keeps crashing"] {
///     analyzer.analyze_with(post, &mut workspace, &mut out);
///     println!("{post}: {}", out.sentiment.label);
/// }
/// ```
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    pub(super) words: Words,
    /// The words of a title that came with the text (see [`Feedback`](super::Feedback)).
    pub(super) title_words: Words,
    pub(super) scorer: Scratch,
    pub(super) classifier: ClassifierScratch,
    pub(super) risk: RiskScratch,
    pub(super) aspects: AspectsScratch,
    /// The matches of the index the analyzer's cue stages share, found once for all of them.
    pub(super) cue_matches: Vec<CueMatch>,
}

impl Workspace {
    /// An empty workspace (it grows to the texts it is used on).
    pub fn new() -> Workspace {
        Workspace::default()
    }
}
