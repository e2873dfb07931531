//! The [`Analyzer`]: the whole pipeline behind one value, built once and shared across threads.

use std::cell::RefCell;
use std::sync::LazyLock;

use crate::classifier::{Category, Classifier, ClassifierScratch};
use crate::lexicon::{Lexicon, LexiconOverlay};
use crate::read::{Vocabulary, Words};
use crate::scorer::{Contribution, Preset, Scorer, Scratch, Sentiment};
use crate::util::in_thread_buffers;

/// Reads a text and says how it feels and what kind of feedback it is.
///
/// Build it once ([`Analyzer::default`], [`Analyzer::vader`] or [`Analyzer::builder`]) and share
/// it: it is `Send + Sync`, and analysing never mutates it.
///
/// ```
/// use earshot::{Analyzer, Label};
///
/// let analyzer = Analyzer::default();
/// let vader = Analyzer::vader();
/// let s = vader.sentiment("The book was good.");
/// assert_eq!((s.compound, s.positive, s.negative, s.neutral), (0.4404, 0.492, 0.0, 0.508));
/// assert_eq!(analyzer.analyze("Awful, just awful.").sentiment.label(), Label::Negative);
/// ```
#[derive(Clone, Debug)]
pub struct Analyzer {
    scorer: Scorer,
    classifier: Option<Classifier>,
}

impl Default for Analyzer {
    /// earshot's default preset with the built-in lexicon.
    fn default() -> Analyzer {
        AnalyzerBuilder::new().build()
    }
}

impl Analyzer {
    /// The VADER-compatible preset with VADER's own lexicon: the same scores as
    /// vaderSentiment 3.3.2's `polarity_scores`.
    ///
    /// ```
    /// let s = earshot::Analyzer::vader().sentiment("VADER is smart, handsome, and funny.");
    /// assert_eq!(s.compound, 0.8316);
    /// ```
    pub fn vader() -> Analyzer {
        AnalyzerBuilder::new().preset(Preset::Vader).build()
    }

    /// A builder to choose the preset and add lexicon terms.
    ///
    /// ```
    /// use earshot::{lexicon::LexiconOverlay, Analyzer, Preset};
    ///
    /// let mut mine = LexiconOverlay::new();
    /// mine.set("laggy", -1.8)?;
    /// let analyzer = Analyzer::builder().preset(Preset::Vader).lexicon(&mine).build();
    /// assert!(analyzer.sentiment("so laggy").compound < 0.0);
    /// # Ok::<(), earshot::Error>(())
    /// ```
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder::new()
    }

    /// The feedback classifier in use, if categories are enabled.
    pub fn classifier(&self) -> Option<&Classifier> {
        self.classifier.as_ref()
    }

    /// The preset in use.
    pub fn preset(&self) -> Preset {
        self.scorer.preset()
    }

    /// The sentiment of `text`. Allocates nothing once the calling thread has scored a text of
    /// similar size (its buffers are kept per thread, and freed after a text over 64 KiB so
    /// that one huge text does not leave them at its size).
    ///
    /// ```
    /// let s = earshot::Analyzer::vader().sentiment("not bad at all");
    /// assert!(s.compound > 0.0);
    /// ```
    pub fn sentiment(&self, text: &str) -> Sentiment {
        self.scorer.sentiment(text)
    }

    /// Sentiment and feedback categories of `text`.
    ///
    /// The work happens in buffers kept per thread (as for [`sentiment`](Self::sentiment)); the
    /// returned [`Analysis`] holds only the results, so collecting many costs the memory of
    /// their categories and evidence. To reuse one `Analysis` instead, see
    /// [`analyze_into`](Self::analyze_into).
    ///
    /// ```
    /// let a = earshot::Analyzer::default().analyze("Thanks, works great!");
    /// assert!(a.sentiment.compound > 0.5);
    /// ```
    pub fn analyze(&self, text: &str) -> Analysis {
        self.run_in_thread_buffers(text, false)
    }

    /// Like [`analyze`](Self::analyze), but reuses `out`'s buffers: with a warm `out`, it
    /// allocates nothing.
    ///
    /// ```
    /// use earshot::{Analysis, Analyzer};
    ///
    /// let analyzer = Analyzer::default();
    /// let mut out = Analysis::default();
    /// for post in ["love it", "hate it"] {
    ///     analyzer.analyze_into(post, &mut out);
    ///     println!("{post}: {}", out.sentiment.label());
    /// }
    /// ```
    pub fn analyze_into(&self, text: &str, out: &mut Analysis) {
        self.run(text, out, false);
    }

    /// Like [`analyze`](Self::analyze), and also says how each word contributed
    /// ([`Analysis::contributions`]).
    ///
    /// ```
    /// let a = earshot::Analyzer::vader().explain("very good");
    /// assert_eq!(a.contributions.len(), 2);
    /// assert_eq!(a.contributions[1].text, "good");
    /// ```
    pub fn explain(&self, text: &str) -> Analysis {
        self.run_in_thread_buffers(text, true)
    }

    /// Like [`explain`](Self::explain), reusing `out`'s buffers.
    pub fn explain_into(&self, text: &str, out: &mut Analysis) {
        self.run(text, out, true);
    }

    /// Analyses many texts on all cores; the results come back in the order of `texts`.
    ///
    /// The texts are split into one contiguous share per core, balanced by length, and
    /// analysed on scoped threads (std only; the number of threads is
    /// [`std::thread::available_parallelism`]). Small batches run on the calling thread, where
    /// starting threads would cost more than it saves.
    ///
    /// ```
    /// let analyzer = earshot::Analyzer::default();
    /// let posts = ["love it", "the app keeps crashing", "how do I reset it?"];
    /// let results = analyzer.analyze_batch(&posts);
    /// assert_eq!(results.len(), 3);
    /// assert!(results[0].sentiment.compound > 0.0);
    /// assert!(results[1].categories.iter().any(|c| c.label == "problem"));
    /// ```
    pub fn analyze_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Analysis> {
        let mut out = Vec::new();
        self.analyze_batch_into(texts, &mut out);
        out
    }

    /// Like [`analyze_batch`](Self::analyze_batch), reusing the [`Analysis`] values already in
    /// `out` (it is resized to `texts.len()`). Each thread works in one scratch space of its own
    /// and copies the results out, so memory grows with the results, not with a scratch space
    /// per text; with warm results a batch allocates only each thread and its scratch space.
    ///
    /// ```
    /// let analyzer = earshot::Analyzer::default();
    /// let mut out = Vec::new();
    /// for batch in [["great", "awful"], ["fine", "meh"]] {
    ///     analyzer.analyze_batch_into(&batch, &mut out);
    ///     assert_eq!(out.len(), 2);
    /// }
    /// ```
    pub fn analyze_batch_into<S: AsRef<str> + Sync>(&self, texts: &[S], out: &mut Vec<Analysis>) {
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        self.analyze_batch_with_threads(texts, out, threads);
    }

    /// [`analyze_batch_into`](Self::analyze_batch_into) on at most `threads` threads (`0` is
    /// taken as 1), for a service that keeps cores for other work or a benchmark that compares
    /// one thread with several. The results are the same for every thread count.
    ///
    /// ```
    /// let analyzer = earshot::Analyzer::default();
    /// let posts = ["love it", "the app keeps crashing"];
    /// let (mut one, mut two) = (Vec::new(), Vec::new());
    /// analyzer.analyze_batch_with_threads(&posts, &mut one, 1);
    /// analyzer.analyze_batch_with_threads(&posts, &mut two, 2);
    /// for (a, b) in one.iter().zip(&two) {
    ///     assert_eq!((a.sentiment, &a.categories), (b.sentiment, &b.categories));
    /// }
    /// ```
    pub fn analyze_batch_with_threads<S: AsRef<str> + Sync>(
        &self,
        texts: &[S],
        out: &mut Vec<Analysis>,
        threads: usize,
    ) {
        out.truncate(texts.len());
        out.resize_with(texts.len(), Analysis::default);
        let total: usize = texts.iter().map(|t| t.as_ref().len()).sum();
        // Below this many bytes a thread's start-up (tens of microseconds) outweighs the work.
        const MIN_BYTES_PER_THREAD: usize = 16 * 1024;
        let threads = threads.min(total / MIN_BYTES_PER_THREAD).max(1);
        if threads == 1 {
            self.analyze_share(texts, out);
            return;
        }
        // Contiguous shares of about equal bytes, so one long review doesn't leave a core idle
        // while another works through it and its neighbours.
        let share = total.div_ceil(threads);
        std::thread::scope(|scope| {
            let mut texts = texts;
            let mut outs = out.as_mut_slice();
            while !texts.is_empty() {
                let mut bytes = 0;
                let mut n = 0;
                while n < texts.len() && (n == 0 || bytes < share) {
                    bytes += texts[n].as_ref().len();
                    n += 1;
                }
                let (mine, rest) = texts.split_at(n);
                let (my_outs, rest_outs) = outs.split_at_mut(n);
                texts = rest;
                outs = rest_outs;
                let work = move || {
                    let my_outs = my_outs;
                    self.analyze_share(mine, my_outs)
                };
                if texts.is_empty() {
                    // The last share runs on the calling thread.
                    work();
                } else {
                    scope.spawn(work);
                }
            }
        });
    }

    /// Analyses `texts` into `outs` on this thread. One working [`Analysis`] holds the scratch
    /// buffers and the results are copied out (reusing their buffers), so a batch of many
    /// texts costs the memory of its results, not of a scratch space per text.
    fn analyze_share<S: AsRef<str>>(&self, texts: &[S], outs: &mut [Analysis]) {
        let mut work = Analysis::default();
        for (text, out) in texts.iter().zip(outs) {
            self.analyze_into(text.as_ref(), &mut work);
            out.sentiment = work.sentiment;
            // `clone_from` reuses the result's strings and vectors (see `Category`'s `Clone`):
            // a warm batch allocates nothing per text.
            out.categories.clone_from(&work.categories);
            out.contributions.clear();
        }
    }

    /// Runs in this thread's working buffers and returns only the results, so that an
    /// [`Analysis`] kept by the caller holds its results and not a working space as well (and
    /// a warm thread allocates only the results).
    fn run_in_thread_buffers(&self, text: &str, explain: bool) -> Analysis {
        thread_local! {
            static WORK: RefCell<Analysis> = RefCell::new(Analysis::default());
        }
        in_thread_buffers(&WORK, text, |work| {
            self.run(text, work, explain);
            Analysis {
                sentiment: work.sentiment,
                categories: work.categories.clone(),
                contributions: work.contributions.clone(),
                ..Analysis::default()
            }
        })
    }

    fn run(&self, text: &str, out: &mut Analysis, explain: bool) {
        // One reading of the text serves every stage that reads words.
        let vocabulary = match (self.scorer.vocabulary(), &self.classifier) {
            (Some(v), _) => Some(&**v),
            (None, Some(c)) => Some(c.vocabulary()),
            (None, None) => None,
        };
        if let Some(vocabulary) = vocabulary {
            out.words.read(text, vocabulary);
        }
        out.sentiment = self
            .scorer
            .score_words(text, &out.words, &mut out.scratch, explain);
        match &self.classifier {
            Some(c) => c.classify_into(
                text,
                &out.words,
                &out.sentiment,
                &mut out.classifier_scratch,
                &mut out.categories,
            ),
            None => out.categories.clear(),
        }
        if explain {
            self.scorer
                .contributions(text, &out.scratch, &mut out.contributions);
        } else {
            out.contributions.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Batches give the results of one-by-one analysis, in order, whatever the number of
    /// threads (0 is taken as 1) and however uneven the texts' lengths.
    #[test]
    fn batch_keeps_order_on_any_number_of_threads() {
        let posts: Vec<String> = include_str!("../data/posts.txt")
            .lines()
            .chain(include_str!("../data/reviews.txt").lines())
            .map(str::to_string)
            .collect();
        let analyzer = Analyzer::default();
        let one_by_one: Vec<Analysis> = posts.iter().map(|p| analyzer.analyze(p)).collect();
        for threads in [0, 1, 2, 3, 8, 1000] {
            let mut out = vec![analyzer.analyze("stale"); 5];
            analyzer.analyze_batch_with_threads(&posts, &mut out, threads);
            assert_eq!(out.len(), posts.len());
            for (k, (a, b)) in out.iter().zip(&one_by_one).enumerate() {
                assert_eq!(a.sentiment, b.sentiment, "{threads} threads, text {k}");
                assert_eq!(a.categories, b.categories, "{threads} threads, text {k}");
            }
        }
        let mut out = vec![analyzer.analyze("stale")];
        analyzer.analyze_batch_with_threads(&[] as &[&str], &mut out, 4);
        assert!(out.is_empty());
    }
}

/// Configures an [`Analyzer`].
///
/// ```
/// use earshot::{Analyzer, Preset};
/// let analyzer = Analyzer::builder().preset(Preset::Vader).build();
/// assert_eq!(analyzer.preset(), Preset::Vader);
/// ```
#[derive(Clone, Debug, Default)]
pub struct AnalyzerBuilder {
    preset: Preset,
    overlay: LexiconOverlay,
    /// `None`: the built-in categories; `Some(None)`: no categories.
    classifier: Option<Option<Classifier>>,
}

impl AnalyzerBuilder {
    /// A builder for the default preset with the built-in lexicon.
    pub fn new() -> AnalyzerBuilder {
        AnalyzerBuilder::default()
    }

    /// Chooses the preset.
    pub fn preset(&mut self, preset: Preset) -> &mut AnalyzerBuilder {
        self.preset = preset;
        self
    }

    /// Merges lexicon terms over the built-in lexicon (add, override, remove); several calls
    /// apply in order, later entries winning.
    pub fn lexicon(&mut self, overlay: &LexiconOverlay) -> &mut AnalyzerBuilder {
        self.overlay.extend(overlay);
        self
    }

    /// Uses `classifier` for categories instead of the built-in one (see
    /// [`Classifier::builder`] to add categories and cues, name competitors, switch categories
    /// off).
    pub fn classifier(&mut self, classifier: Classifier) -> &mut AnalyzerBuilder {
        self.classifier = Some(Some(classifier));
        self
    }

    /// Analyses sentiment only: [`Analysis::categories`] stays empty.
    pub fn without_categories(&mut self) -> &mut AnalyzerBuilder {
        self.classifier = Some(None);
        self
    }

    /// Builds the analyzer.
    pub fn build(&self) -> Analyzer {
        let classifier = match &self.classifier {
            None => Some(Classifier::new()),
            Some(c) => c.clone(),
        };
        // The default preset's scorer is built on the classifier's vocabulary, so that a word
        // read once serves both; the built-in pairing is compiled once per process.
        static BUILTIN_PAIR: LazyLock<Scorer> = LazyLock::new(|| {
            Scorer::for_vocabulary(
                Preset::Default,
                Lexicon::earshot_ref(),
                Classifier::new().vocabulary().clone(),
            )
        });
        let scorer = match (self.overlay.is_empty(), &self.classifier, self.preset) {
            (true, None, Preset::Default) => BUILTIN_PAIR.clone(),
            (true, None | Some(None), _) => Scorer::new(self.preset),
            _ => {
                let mut lexicon = Scorer::builtin_lexicon(self.preset).clone();
                lexicon.apply(&self.overlay);
                let vocabulary = classifier
                    .as_ref()
                    .map_or_else(Vocabulary::new, |c| c.vocabulary().clone());
                Scorer::for_vocabulary(self.preset, &lexicon, vocabulary)
            }
        };
        Analyzer { scorer, classifier }
    }
}

/// What an [`Analyzer`] found in one text.
///
/// Keep one and pass it to [`Analyzer::analyze_into`] to reuse its buffers.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// How the text feels.
    pub sentiment: Sentiment,
    /// The kinds of feedback the text carries (empty when none applies).
    pub categories: Vec<Category>,
    /// How each word contributed; filled only by [`Analyzer::explain`].
    pub contributions: Vec<Contribution>,
    scratch: Scratch,
    classifier_scratch: ClassifierScratch,
    words: Words,
}

#[cfg(feature = "serde")]
impl serde::Serialize for Analysis {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let explained = !self.contributions.is_empty();
        let mut map = s.serialize_map(Some(2 + explained as usize))?;
        map.serialize_entry("sentiment", &self.sentiment)?;
        map.serialize_entry("categories", &self.categories)?;
        if explained {
            map.serialize_entry("contributions", &self.contributions)?;
        }
        map.end()
    }
}
