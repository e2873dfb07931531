//! The [`Analyzer`]: the whole pipeline behind one value, built once and shared across threads.
//!
//! `text → read (words, one vocabulary id each) → sentiment → categories → risk → aspects →
//! Analysis`: the analyzer reads a text once, when any stage reads words, and hands the words to
//! each stage in order; results go to an [`Analysis`], working space stays in a [`Workspace`].

mod analysis;
mod batch;
mod columnar;
mod feedback;
mod snapshot;
mod workspace;

pub use analysis::{Analysis, WithText};
pub use columnar::{AspectColumns, CategoryColumns, Columns, RiskColumns, SentimentColumns, Texts};
pub use feedback::Feedback;
pub use workspace::Workspace;

use std::cell::RefCell;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use crate::aspects::{AspectSpec, Aspects, Target};
use crate::classifier::{Classifier, Context};
use crate::config::Config;
use crate::cues::{self, CueMatch, Found, StageIndex, TokenView};
use crate::error::{Error, ErrorKind};
use crate::lexicon::{Lexicon, LexiconOverlay};
use crate::read::Vocabulary;
use crate::risk::RiskStage;
use crate::scorer::{Preset, Scorer, Sentiment};
use crate::util::in_thread_buffers;

/// Reads a text and says how it feels, what kind of feedback it is and what it is about.
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
/// assert_eq!(analyzer.analyze("Awful, just awful.").sentiment.label, Label::Negative);
/// ```
#[derive(Clone, Debug)]
pub struct Analyzer {
    scorer: Scorer,
    classifier: Option<Classifier>,
    risk: Option<RiskStage>,
    /// The aspects, compiled even when not reported ([`sentiment_toward`](Self::sentiment_toward)
    /// reads sentences with them).
    aspects: Aspects,
    /// Whether [`Analysis::aspects`] is filled.
    report_aspects: bool,
    /// The index that holds the patterns of every cue stage that runs (categories, risk, and
    /// the aspects when reported), when there are two or more: one pass over the words finds
    /// all their matches.
    cues: Option<Arc<cues::Index>>,
    /// The vocabulary words are read with: every stage's words (shared with the stages that
    /// own a copy of it).
    vocabulary: Arc<Vocabulary>,
    neutral_band: f64,
    sentences: bool,
}

impl Default for Analyzer {
    /// earshot's default preset with the built-in lexicon and categories.
    fn default() -> Analyzer {
        AnalyzerBuilder::new()
            .build()
            .unwrap_or_else(|e| unreachable!("the built-in analyzer builds (tested): {e}"))
    }
}

thread_local! {
    /// The workspace of [`Analyzer::analyze`] and its kin on this thread.
    static WORKSPACE: RefCell<Workspace> = RefCell::new(Workspace::new());
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
        AnalyzerBuilder::new()
            .preset(Preset::Vader)
            .build()
            .unwrap_or_else(|e| unreachable!("the VADER analyzer builds (tested): {e}"))
    }

    /// A builder to choose the preset, add lexicon terms and categories, set the neutral band.
    ///
    /// ```
    /// use earshot::{lexicon::LexiconOverlay, Analyzer, Preset};
    ///
    /// let mut mine = LexiconOverlay::new();
    /// mine.set("laggy", -1.8);
    /// let analyzer = Analyzer::builder().preset(Preset::Vader).lexicon(&mine).build()?;
    /// assert!(analyzer.sentiment("so laggy").compound < 0.0);
    /// # Ok::<(), earshot::Error>(())
    /// ```
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder::new()
    }

    /// The risk stage in use, if risk flags are enabled.
    pub fn risk(&self) -> Option<&RiskStage> {
        self.risk.as_ref()
    }

    /// The feedback classifier in use, if categories are enabled.
    pub fn classifier(&self) -> Option<&Classifier> {
        self.classifier.as_ref()
    }

    /// The labels of the aspects reported (none if aspects are off), in definition order.
    ///
    /// ```
    /// let analyzer = earshot::Analyzer::default();
    /// assert!(analyzer.aspect_labels().any(|l| l == "battery"));
    /// ```
    pub fn aspect_labels(&self) -> impl Iterator<Item = &str> {
        self.aspects.labels().filter(|_| self.report_aspects)
    }

    /// The preset in use.
    pub fn preset(&self) -> Preset {
        self.scorer.preset()
    }

    /// The neutral band: a compound strictly inside ±band is labelled neutral.
    pub fn neutral_band(&self) -> f64 {
        self.neutral_band
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
        self.scorer
            .sentiment(text)
            .with_neutral_band(self.neutral_band)
    }

    /// Sentiment, feedback categories and aspects of `text`.
    ///
    /// The work happens in a [`Workspace`] kept per thread (freed after a text over 64 KiB);
    /// the returned [`Analysis`] holds only the results.
    ///
    /// ```
    /// let a = earshot::Analyzer::default().analyze("Thanks, works great!");
    /// assert!(a.sentiment.compound > 0.5);
    /// ```
    pub fn analyze(&self, text: &str) -> Analysis {
        let mut out = Analysis::default();
        self.analyze_into(text, &mut out);
        out
    }

    /// Like [`analyze`](Self::analyze), into `out` (its vectors reused): once this thread and
    /// `out` are warm, it allocates nothing.
    ///
    /// ```
    /// use earshot::{Analysis, Analyzer};
    ///
    /// let analyzer = Analyzer::default();
    /// let mut out = Analysis::default();
    /// for post in ["love it", "hate it"] {
    ///     analyzer.analyze_into(post, &mut out);
    ///     println!("{post}: {}", out.sentiment.label);
    /// }
    /// ```
    pub fn analyze_into(&self, text: &str, out: &mut Analysis) {
        in_thread_buffers(&WORKSPACE, text, |workspace| {
            self.run(&Feedback::new(text), workspace, out, false)
        });
    }

    /// Sentiment and feedback categories of a text with its title and rating (see
    /// [`Feedback`]): the one call for reviews and tickets. Without a title or rating it is
    /// [`analyze`](Self::analyze). Evidence found in the title is marked
    /// [`Part::Title`](crate::classifier::Part::Title), its spans are in the title.
    ///
    /// ```
    /// use earshot::{Analyzer, Feedback};
    ///
    /// let review = Feedback::new("Would be great with a widget.").with_title("Good").with_rating(4.0, 5.0);
    /// let a = Analyzer::default().analyze_feedback(&review);
    /// assert!(a.categories.iter().any(|c| c.label == "idea"));
    /// ```
    pub fn analyze_feedback(&self, feedback: &Feedback<'_>) -> Analysis {
        let mut out = Analysis::default();
        in_thread_buffers(&WORKSPACE, feedback.longest(), |workspace| {
            self.run(feedback, workspace, &mut out, false)
        });
        out
    }

    /// Like [`analyze_feedback`](Self::analyze_feedback), in the caller's `workspace`, into
    /// `out`: once both are warm, it allocates nothing.
    ///
    /// ```
    /// use earshot::{Analysis, Analyzer, Feedback, Workspace};
    ///
    /// let analyzer = Analyzer::default();
    /// let (mut workspace, mut out) = (Workspace::new(), Analysis::default());
    /// let review = Feedback::new("It keeps crashing").with_rating(1.0, 5.0);
    /// analyzer.analyze_feedback_with(&review, &mut workspace, &mut out);
    /// assert!(out.categories.iter().any(|c| c.label == "problem"));
    /// ```
    pub fn analyze_feedback_with(
        &self,
        feedback: &Feedback<'_>,
        workspace: &mut Workspace,
        out: &mut Analysis,
    ) {
        self.run(feedback, workspace, out, false);
    }

    /// Like [`explain_into`](Self::explain_into), for a text with its title and rating.
    pub fn explain_feedback_into(&self, feedback: &Feedback<'_>, out: &mut Analysis) {
        in_thread_buffers(&WORKSPACE, feedback.longest(), |workspace| {
            self.run(feedback, workspace, out, true)
        });
    }

    /// Like [`analyze_into`](Self::analyze_into), in the caller's `workspace` (for callers that
    /// manage their own buffers: no thread-local state is touched).
    ///
    /// ```
    /// use earshot::{Analysis, Analyzer, Workspace};
    ///
    /// let analyzer = Analyzer::default();
    /// let (mut workspace, mut out) = (Workspace::new(), Analysis::default());
    /// analyzer.analyze_with("the app keeps crashing", &mut workspace, &mut out);
    /// assert!(out.categories.iter().any(|c| c.label == "problem"));
    /// ```
    pub fn analyze_with(&self, text: &str, workspace: &mut Workspace, out: &mut Analysis) {
        self.run(&Feedback::new(text), workspace, out, false);
    }

    /// Like [`analyze`](Self::analyze), and also says how each word contributed
    /// ([`Analysis::contributions`]) and how each sentence feels ([`Analysis::sentences`]).
    ///
    /// ```
    /// let text = "very good";
    /// let a = earshot::Analyzer::vader().explain(text);
    /// assert_eq!(a.contributions.len(), 2);
    /// assert_eq!(a.contributions[1].text(text), "good");
    /// ```
    pub fn explain(&self, text: &str) -> Analysis {
        let mut out = Analysis::default();
        self.explain_into(text, &mut out);
        out
    }

    /// Like [`explain`](Self::explain), into `out`.
    pub fn explain_into(&self, text: &str, out: &mut Analysis) {
        self.explain_feedback_into(&Feedback::new(text), out);
    }

    /// How `text` feels about the thing named at the byte span `span` ("Verizon" in a post that
    /// names three carriers): the opinion words said of it, attached as the aspects' are (by
    /// clause, proximity, copulas and "but"), the opinions said of other things named beside it
    /// left to them.
    ///
    /// The target is the words that overlap `span` (so a span inside a word takes the word; one
    /// beyond the text, or covering no word, gives a neutral target with no evidence). Works
    /// in a [`Workspace`] kept per thread, as [`analyze`](Self::analyze) does.
    ///
    /// ```
    /// let analyzer = earshot::Analyzer::default();
    /// let text = "Verizon was awful all week, but T-Mobile has been great";
    /// let verizon = analyzer.sentiment_toward(text, 0..7);
    /// assert_eq!(verizon.sentiment.label, earshot::Label::Negative);
    /// let at = text.find("T-Mobile").unwrap();
    /// let t_mobile = analyzer.sentiment_toward(text, at..at + "T-Mobile".len());
    /// assert_eq!(t_mobile.sentiment.label, earshot::Label::Positive);
    /// assert_eq!(t_mobile.text(text), "T-Mobile");
    /// ```
    pub fn sentiment_toward(&self, text: &str, span: Range<usize>) -> Target {
        in_thread_buffers(&WORKSPACE, text, |workspace| {
            self.sentiment_toward_with(text, span, workspace)
        })
    }

    /// Like [`sentiment_toward`](Self::sentiment_toward), in the caller's `workspace`.
    pub fn sentiment_toward_with(
        &self,
        text: &str,
        span: Range<usize>,
        workspace: &mut Workspace,
    ) -> Target {
        workspace.words.read(text, &self.vocabulary);
        self.scorer
            .score_words(text, &workspace.words, &mut workspace.scorer, false);
        self.take_valences(workspace);
        let Workspace { words, aspects, .. } = workspace;
        self.aspects.toward(
            text,
            words,
            (span.start, span.end),
            aspects,
            self.neutral_band,
        )
    }

    /// Gives the aspect stage the valences the scorer left on the words last scored.
    fn take_valences(&self, workspace: &mut Workspace) {
        let Workspace {
            words,
            scorer,
            aspects,
            ..
        } = workspace;
        aspects.start_valences(words);
        self.scorer.each_valence(scorer, |start, end, v| {
            aspects.add_valence(words, start, end, v)
        });
    }

    /// Analyses `feedback` in `workspace` into `out`: reads its text once if any stage reads
    /// words (and its title, for the classifier), then runs each stage in order.
    fn run(
        &self,
        feedback: &Feedback<'_>,
        workspace: &mut Workspace,
        out: &mut Analysis,
        explain: bool,
    ) {
        out.clear();
        let text = feedback.text;
        let sentences = self.sentences || explain;
        if self.scorer.vocabulary().is_some()
            || self.classifier.is_some()
            || self.risk.is_some()
            || self.report_aspects
            || sentences
        {
            workspace.words.read(text, &self.vocabulary);
        }
        if self.classifier.is_some() || self.risk.is_some() || self.report_aspects {
            // Each of these stages reads the sentences: found once here, not once per stage.
            workspace.words.find_sentences(text);
        }
        workspace.cue_matches.clear();
        if let Some(index) = &self.cues
            && let Some(sentences) = workspace.words.sentences()
        {
            let matches = &mut workspace.cue_matches;
            index.find_all(
                &TokenView::new(text, &workspace.words, sentences),
                |p, from, to| matches.push((p, from as u32, to as u32)),
            );
        }
        out.sentiment = self
            .scorer
            .score_words(text, &workspace.words, &mut workspace.scorer, explain)
            .with_neutral_band(self.neutral_band);
        if let Some(c) = &self.classifier {
            let title = feedback.title.map(|title| {
                workspace.title_words.read(title, &self.vocabulary);
                (title, &workspace.title_words)
            });
            c.classify_into(
                text,
                &workspace.words,
                &Context {
                    title,
                    rating: feedback.rating(),
                },
                &out.sentiment,
                found(&self.cues, &workspace.cue_matches),
                &mut workspace.classifier,
                &mut out.categories,
            );
        }
        if let Some(risk) = &self.risk {
            risk.assess_into(
                text,
                &workspace.words,
                &out.sentiment,
                &out.categories,
                found(&self.cues, &workspace.cue_matches),
                &mut workspace.risk,
                &mut out.risk,
            );
        }
        if self.report_aspects {
            self.take_valences(workspace);
            self.aspects.find_into(
                text,
                &workspace.words,
                found(&self.cues, &workspace.cue_matches),
                &mut workspace.aspects,
                self.neutral_band,
                &mut out.aspects,
            );
        }
        if explain {
            self.scorer
                .contributions(&workspace.scorer, &mut out.contributions);
        }
        if sentences {
            self.scorer.sentences(
                text,
                &workspace.words,
                &mut workspace.scorer,
                &mut out.sentences,
            );
            for s in &mut out.sentences {
                s.sentiment = s.sentiment.with_neutral_band(self.neutral_band);
            }
        }
    }
}

/// Configures an [`Analyzer`]. Setters take and return `&mut self`;
/// [`build`](Self::build) checks everything and compiles.
///
/// ```
/// use earshot::{Analyzer, Preset};
/// let analyzer = Analyzer::builder().preset(Preset::Vader).neutral_band(0.1).build()?;
/// assert_eq!(analyzer.preset(), Preset::Vader);
/// # Ok::<(), earshot::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct AnalyzerBuilder {
    preset: Preset,
    overlay: LexiconOverlay,
    /// `None`: the built-in categories.
    classifier: Option<Classifier>,
    /// Configuration files applied in order, over `classifier` (or the built-in categories).
    config: Vec<Config>,
    categories: bool,
    risk: bool,
    /// Aspects added in code, applied after the configuration files.
    aspect_specs: Vec<AspectSpec>,
    aspects: bool,
    neutral_band: f64,
    sentences: bool,
}

impl Default for AnalyzerBuilder {
    fn default() -> AnalyzerBuilder {
        AnalyzerBuilder {
            preset: Preset::Default,
            overlay: LexiconOverlay::new(),
            classifier: None,
            config: Vec::new(),
            categories: true,
            risk: true,
            aspect_specs: Vec::new(),
            aspects: true,
            neutral_band: Sentiment::NEUTRAL_BAND,
            sentences: false,
        }
    }
}

impl AnalyzerBuilder {
    /// A builder for the default preset with the built-in lexicon and categories.
    pub fn new() -> AnalyzerBuilder {
        AnalyzerBuilder::default()
    }

    /// Chooses the preset.
    pub fn preset(&mut self, preset: Preset) -> &mut AnalyzerBuilder {
        self.preset = preset;
        self
    }

    /// Merges lexicon terms over the preset's built-in lexicon (add, override, remove); several
    /// calls apply in order, later entries winning.
    pub fn lexicon(&mut self, overlay: &LexiconOverlay) -> &mut AnalyzerBuilder {
        self.overlay.extend(overlay);
        self
    }

    /// Uses `classifier` for categories instead of the built-in one (see
    /// [`Classifier::builder`] to add categories and cues, name competitors, switch categories
    /// off).
    pub fn classifier(&mut self, classifier: Classifier) -> &mut AnalyzerBuilder {
        self.classifier = Some(classifier);
        self.categories = true;
        self
    }

    /// Applies a configuration file (see [`Config`]): its categories, cues, switched-off
    /// categories, competitor and product names, and its aspects (checked when the analyzer is
    /// built).
    ///
    /// ```
    /// let config = earshot::Config::from_json(r#"{"competitors": ["Globex"]}"#)?;
    /// let analyzer = earshot::Analyzer::builder().config(&config).build()?;
    /// let a = analyzer.analyze("thinking about Globex");
    /// assert!(a.categories.iter().any(|c| c.label == "competitor"));
    /// # Ok::<(), earshot::Error>(())
    /// ```
    pub fn config(&mut self, config: &Config) -> &mut AnalyzerBuilder {
        self.config.push(config.clone());
        self
    }

    /// Whether to find feedback categories (on by default); off, [`Analysis::categories`]
    /// stays empty and the analysis is sentiment only.
    pub fn categories(&mut self, on: bool) -> &mut AnalyzerBuilder {
        self.categories = on;
        self
    }

    /// Whether to find risk flags, urgency and routes (on by default); off, [`Analysis::risk`]
    /// stays empty.
    pub fn risk(&mut self, on: bool) -> &mut AnalyzerBuilder {
        self.risk = on;
        self
    }

    /// Whether [`Analysis::aspects`] is filled (on by default); off, the analysis skips the
    /// aspect stage ([`Analyzer::sentiment_toward`] still works).
    pub fn aspects(&mut self, on: bool) -> &mut AnalyzerBuilder {
        self.aspects = on;
        self
    }

    /// Adds an aspect, or replaces, extends or switches off one (see
    /// [`AspectSpec`](crate::aspects::AspectSpec)); applied after the configuration files.
    ///
    /// ```
    /// use earshot::aspects::AspectSpec;
    ///
    /// let analyzer = earshot::Analyzer::builder()
    ///     .aspect(AspectSpec::new("checkout", ["checkout", "basket", "cart"]))
    ///     .build()?;
    /// let a = analyzer.analyze("The checkout is so confusing");
    /// assert_eq!(a.aspects[0].label, "checkout");
    /// # Ok::<(), earshot::Error>(())
    /// ```
    pub fn aspect(&mut self, spec: AspectSpec) -> &mut AnalyzerBuilder {
        self.aspect_specs.push(spec);
        self
    }

    /// The neutral band: a compound strictly inside ±`band` is labelled neutral (VADER's
    /// authors recommend 0.05, the default). `band` must be in [0, 1].
    pub fn neutral_band(&mut self, band: f64) -> &mut AnalyzerBuilder {
        self.neutral_band = band;
        self
    }

    /// Whether [`Analysis::sentences`] holds each sentence's sentiment (off by default; always
    /// on for [`Analyzer::explain`]).
    pub fn sentences(&mut self, on: bool) -> &mut AnalyzerBuilder {
        self.sentences = on;
        self
    }

    /// Builds the analyzer. Errors: a lexicon entry that is not valid (an empty term, a valence
    /// that is not a finite number in −4..=4), a neutral band outside [0, 1], a category or
    /// aspect configuration that does not compile (see [`Config`]).
    pub fn build(&self) -> Result<Analyzer, Error> {
        self.overlay.check()?;
        if !(0.0..=1.0).contains(&self.neutral_band) {
            return Err(Error::new(
                ErrorKind::Config,
                None,
                format!("neutral band {} is not in [0, 1]", self.neutral_band),
            ));
        }
        let classifier = match (self.categories, &self.classifier, self.config.is_empty()) {
            (false, _, _) => None,
            (true, Some(c), true) => Some(c.clone()),
            (true, None, true) => Some(builtin_chain().classifier.clone()),
            (true, given, false) => {
                if given.is_some() {
                    return Err(Error::new(
                        ErrorKind::Config,
                        None,
                        "give either a classifier or configuration files, not both",
                    ));
                }
                let mut builder = Classifier::builder();
                for config in &self.config {
                    builder.config(config);
                }
                Some(builder.build()?)
            }
        };
        let builtin = builtin_chain();
        // The built-in aspects and risk flags, as compiled in the built-in chain, serve an
        // analyzer with the built-in categories or none.
        let builtin_aspects = (!self.categories
            || (self.classifier.is_none() && self.config.is_empty()))
            && self.config.is_empty()
            && self.aspect_specs.is_empty();
        let aspects = if builtin_aspects {
            builtin.aspects.clone()
        } else {
            let vocabulary = classifier
                .as_ref()
                .map_or_else(Vocabulary::new, |c| Vocabulary::clone(c.vocabulary()));
            Aspects::configured(&self.config, &self.aspect_specs, vocabulary)?
        };
        let risk = match (self.risk, builtin_aspects) {
            (false, _) => None,
            (true, true) => Some(builtin.risk.clone()),
            (true, false) => {
                let configs: Vec<&Config> = self.config.iter().collect();
                Some(RiskStage::compile(
                    &configs,
                    Vocabulary::clone(aspects.vocabulary()),
                )?)
            }
        };
        // The words before the scorer's: the risk stage's when it runs, else the aspects'.
        let read_before_scorer = risk
            .as_ref()
            .map_or(aspects.vocabulary(), |r| r.vocabulary());
        let scorer = match (self.overlay.is_empty(), builtin_aspects, self.preset) {
            (true, true, Preset::Default) => builtin.scorer.clone(),
            (true, _, Preset::Vader) => Scorer::new(Preset::Vader),
            _ => {
                let mut lexicon = Scorer::builtin_lexicon(self.preset).clone();
                lexicon.apply(&self.overlay)?;
                Scorer::for_vocabulary(self.preset, &lexicon, Vocabulary::clone(read_before_scorer))
            }
        };
        // Words are read with the last vocabulary of the chain: it holds every stage's words.
        let vocabulary = scorer.vocabulary().unwrap_or(read_before_scorer).clone();
        let (mut classifier, mut risk, mut aspects) = (classifier, risk, aspects);
        let cues = share_cue_index(
            classifier.as_mut(),
            risk.as_mut(),
            self.aspects.then_some(&mut aspects),
        );
        Ok(Analyzer {
            scorer,
            classifier,
            risk,
            aspects,
            report_aspects: self.aspects,
            cues,
            vocabulary,
            neutral_band: self.neutral_band,
            sentences: self.sentences,
        })
    }
}

/// The built-in stages of the default preset, compiled once per process and shared by every
/// analyzer that uses them (both presets).
/// The matches of `cues` (the analyzer's shared index) found in a text, for a stage.
fn found<'a>(cues: &'a Option<Arc<cues::Index>>, matches: &'a [CueMatch]) -> Option<Found<'a>> {
    cues.as_ref().map(|index| Found { index, matches })
}

/// Points the cue stages that run at one index holding all their patterns, in this order, and
/// returns it (`None` for fewer than two stages): the one they share already when they do, so
/// that building an analyzer of the built-in stages copies nothing. A stage that runs alone
/// keeps an index of its own patterns only.
fn share_cue_index(
    classifier: Option<&mut Classifier>,
    risk: Option<&mut RiskStage>,
    aspects: Option<&mut Aspects>,
) -> Option<Arc<cues::Index>> {
    {
        let parts: Vec<&StageIndex> = [
            classifier.as_deref().map(Classifier::cue_index),
            risk.as_deref().map(RiskStage::cue_index),
            aspects.as_deref().map(Aspects::cue_index),
        ]
        .into_iter()
        .flatten()
        .collect();
        match parts.as_slice() {
            [] => return None,
            // Already alone in its index: nothing to copy or narrow.
            [only] if only.owns_whole_index() => return None,
            [_] => {}
            _ => {
                if let Some(shared) = cues::already_shared(&parts) {
                    return Some(shared);
                }
            }
        }
    }
    let mut parts: Vec<&mut StageIndex> = [
        classifier.map(Classifier::cue_index_mut),
        risk.map(RiskStage::cue_index_mut),
        aspects.map(Aspects::cue_index_mut),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let [only] = parts.as_mut_slice() {
        only.keep_only_own();
        return None;
    }
    Some(cues::share_one_index(&mut parts))
}

/// A vocabulary taken from a stage, or a copy of the one it keeps when it could not be taken.
fn take_or_copy(taken: Option<Vocabulary>, kept: &Vocabulary) -> Vocabulary {
    taken.unwrap_or_else(|| kept.clone())
}

struct BuiltinChain {
    classifier: Classifier,
    aspects: Aspects,
    risk: RiskStage,
    scorer: Scorer,
}

/// The built-in chain, loaded once per process from its compiled snapshot
/// (`snapshot.rs`), or compiled when the snapshot does not load (it always does, unless it is
/// stale or corrupt, which its test catches).
fn builtin_chain() -> &'static BuiltinChain {
    static BUILTIN: LazyLock<BuiltinChain> = LazyLock::new(|| {
        snapshot::load(snapshot::BUILTIN).unwrap_or_else(|_| BuiltinChain::compile())
    });
    &BUILTIN
}

impl BuiltinChain {
    /// One vocabulary for every stage, each extending the one before: the classifier's words
    /// (the smallest ids, so its bitsets stay small), then the aspects' (their index too), then
    /// the risk stage's, then the default scorer's lexicon. A word read once serves them all.
    /// Once the chain is built, every stage reads with the last vocabulary, which holds all of
    /// their words, rather than keeping its own copy (about 0.5 MB of built-in data saved).
    fn compile() -> BuiltinChain {
        // Each stage's vocabulary is moved on to the next, which extends it (no copy): every
        // stage reads with the last one, below.
        let mut classifier = Classifier::compile_builtin();
        let mut aspects = Aspects::builtin(take_or_copy(
            classifier.take_vocabulary(),
            classifier.vocabulary(),
        ));
        let mut risk = RiskStage::compile(
            &[],
            take_or_copy(aspects.take_vocabulary(), aspects.vocabulary()),
        )
        .unwrap_or_else(|e| unreachable!("the built-in risk flags compile (tested): {e}"));
        let scorer = Scorer::for_vocabulary(
            Preset::Default,
            Lexicon::earshot_ref(),
            take_or_copy(risk.take_vocabulary(), risk.vocabulary()),
        );
        let last = scorer
            .vocabulary()
            .unwrap_or_else(|| unreachable!("the default preset reads words"));
        classifier.share_vocabulary(last);
        aspects.share_vocabulary(last);
        risk.share_vocabulary(last);
        // The stages' patterns in one index (their own are dropped), in the order
        // `share_cue_index` gives them, so that an analyzer with every stage shares it as is.
        share_cue_index(Some(&mut classifier), Some(&mut risk), Some(&mut aspects));
        BuiltinChain {
            classifier,
            aspects,
            risk,
            scorer,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_neutral_bands_are_errors() {
        for band in [-0.1, 1.5, f64::NAN] {
            let err = Analyzer::builder().neutral_band(band).build().unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Config, "{band}");
            assert!(err.to_string().contains("neutral band"), "{err}");
        }
        for band in [0.0, 0.05, 1.0] {
            assert!(Analyzer::builder().neutral_band(band).build().is_ok());
        }
    }

    /// The neutral band decides the label, for the text and each sentence, in both presets.
    #[test]
    fn the_neutral_band_labels() {
        for preset in [Preset::Default, Preset::Vader] {
            let wide = Analyzer::builder()
                .preset(preset)
                .neutral_band(1.0)
                .build()
                .unwrap();
            let a = wide.explain("I love it. I hate it.");
            assert_eq!(a.sentiment.label, crate::Label::Neutral, "{preset}");
            assert!(
                a.sentences
                    .iter()
                    .all(|s| s.sentiment.label == crate::Label::Neutral)
            );
            let narrow = Analyzer::builder().preset(preset).build().unwrap();
            assert_eq!(narrow.sentiment("I love it").label, crate::Label::Positive);
        }
    }

    /// One pass of the index the built-in stages share gives each stage exactly the matches
    /// its own index finds, in the same order (the aspects take the first opinion a word
    /// gets, so order matters): on the sample corpora and the team's risk and category
    /// examples. And an analyzer without the risk stage shares a new index of the other two.
    #[test]
    fn the_shared_cue_index_finds_what_each_stage_finds_alone() {
        let analyzer = Analyzer::default();
        let shared = analyzer
            .cues
            .as_ref()
            .expect("three cue stages share an index");
        // The built-in chain compiled again, each stage keeping its own index.
        let mut classifier = Classifier::compile_builtin();
        let mut aspects = Aspects::builtin(Vocabulary::clone(classifier.vocabulary()));
        let mut risk = RiskStage::compile(&[], Vocabulary::clone(aspects.vocabulary())).unwrap();
        classifier.share_vocabulary(&analyzer.vocabulary);
        aspects.share_vocabulary(&analyzer.vocabulary);
        risk.share_vocabulary(&analyzer.vocabulary);
        let alone = [
            classifier.cue_index(),
            risk.cue_index(),
            aspects.cue_index(),
        ];
        let in_shared = [
            analyzer.classifier.as_ref().unwrap().cue_index(),
            analyzer.risk.as_ref().unwrap().cue_index(),
            analyzer.aspects.cue_index(),
        ];
        let texts = [
            include_str!("../../data/posts.txt"),
            include_str!("../../data/reviews.txt"),
            include_str!("../../tests/data/risk/safety.tsv"),
            include_str!("../../tests/data/risk/abuse.tsv"),
            include_str!("../../tests/data/risk/churn.tsv"),
            include_str!("../../tests/data/categories/tip.tsv"),
            include_str!("../../tests/data/categories/competitor.tsv"),
        ];
        let mut words = crate::read::Words::default();
        let mut matched = [0; 3];
        for text in texts.iter().flat_map(|t| t.lines()) {
            words.read(text, &analyzer.vocabulary);
            words.find_sentences(text);
            let view = TokenView::new(text, &words, words.sentences().unwrap());
            let mut all = Vec::new();
            shared.find_all(&view, |p, from, to| all.push((p, from as u32, to as u32)));
            let found = Found {
                index: shared,
                matches: &all,
            };
            for (k, (own, part)) in alone.iter().zip(&in_shared).enumerate() {
                let (mut expected, mut got) = (Vec::new(), Vec::new());
                own.find_all(&view, |p, from, to| expected.push((p, from, to)));
                part.each_match(&view, Some(found), |p, from, to| got.push((p, from, to)));
                assert_eq!(got, expected, "stage {k}: {text:?}");
                matched[k] += got.len();
            }
        }
        // Every stage has matches to compare.
        assert!(matched.iter().all(|&m| m > 300), "{matched:?}");

        let two = Analyzer::builder().risk(false).build().unwrap();
        let index = two.cues.as_ref().expect("two cue stages share an index");
        assert!(!Arc::ptr_eq(index, shared));
        assert_eq!(
            index.patterns(),
            classifier.cue_index().part().1.len() as u32
                + aspects.cue_index().part().1.len() as u32
        );
        // A stage that runs alone tries only its own patterns, and finds what it finds beside
        // the others.
        let categories_alone = Analyzer::builder()
            .risk(false)
            .aspects(false)
            .build()
            .unwrap();
        assert!(categories_alone.cues.is_none());
        let (own, range) = categories_alone
            .classifier
            .as_ref()
            .unwrap()
            .cue_index()
            .part();
        assert_eq!(range, 0..classifier.cue_index().part().1.len() as u32);
        assert_eq!(own.patterns(), range.end);
        let risk_alone = Analyzer::builder()
            .categories(false)
            .aspects(false)
            .build()
            .unwrap();
        assert_eq!(
            risk_alone
                .risk
                .as_ref()
                .unwrap()
                .cue_index()
                .part()
                .0
                .patterns(),
            risk.cue_index().part().1.len() as u32
        );
        for text in include_str!("../../data/posts.txt").lines() {
            let (full, alone) = (analyzer.analyze(text), categories_alone.analyze(text));
            assert_eq!(alone.categories, full.categories, "{text:?}");
            assert_eq!(
                risk_alone.analyze(text).risk.flags,
                full.risk.flags,
                "{text:?}"
            );
        }
    }

    /// Batches give the results of one-by-one analysis, in order, whatever the number of
    /// threads (0 is taken as 1) and however uneven the texts' lengths.
    #[test]
    fn batch_keeps_order_on_any_number_of_threads() {
        let posts: Vec<String> = include_str!("../../data/posts.txt")
            .lines()
            .chain(include_str!("../../data/reviews.txt").lines())
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
