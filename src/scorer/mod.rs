//! Stage 2b: the lexicon scorer — VADER-style valence rules over the tokenizer's tokens.
//!
//! Two presets:
//! * [`Preset::Vader`] reproduces vaderSentiment 3.3.2's `polarity_scores`, quirks included;
//! * [`Preset::Default`] is earshot's own rule set, tuned for customer and social text.
//!
//! Most code uses the scorer through [`crate::Analyzer`]; it is usable on its own too:
//!
//! ```
//! use earshot::scorer::{Preset, Scorer};
//!
//! let scorer = Scorer::new(Preset::Vader);
//! let s = scorer.sentiment("The book was good.");
//! assert_eq!(s.compound, 0.4404);
//! ```

mod default;
mod rules;
mod sentiment;
mod terms;
mod vader;

pub use rules::{Contribution, Rules};
pub use sentiment::{Label, SentenceSentiment, Sentiment};

use std::cell::RefCell;
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, LazyLock};

use crate::lexicon::Lexicon;
use crate::read::{Vocabulary, Words};
use crate::tokenizer::TokenKind;
use crate::util::in_thread_buffers;
use terms::{
    EARSHOT_EXTRA_BOOSTERS, EARSHOT_NEGATIONS, TermTable, VADER_BOOSTERS, VADER_NEGATIONS,
};

/// Which rule set scores sentiment.
///
/// ```
/// use earshot::Preset;
/// assert_eq!("vader".parse::<Preset>(), Ok(Preset::Vader));
/// assert_eq!(Preset::default(), Preset::Default);
/// ```
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// earshot's own rules, tuned for customer and social text.
    #[default]
    Default,
    /// Exactly vaderSentiment 3.3.2's `polarity_scores`, quirks included.
    Vader,
}

impl Preset {
    /// The rules the preset can apply to a word (what its explanations can name).
    ///
    /// ```
    /// use earshot::{scorer::Rules, Preset};
    /// assert!(Preset::Vader.rules().contains(Rules::NEVER_SO));
    /// assert!(Preset::Default.rules().contains(Rules::SARCASM));
    /// assert!(!Preset::Vader.rules().contains(Rules::SARCASM));
    /// ```
    pub fn rules(self) -> Rules {
        match self {
            Preset::Default => default::RULES,
            Preset::Vader => vader::RULES,
        }
    }

    /// The preset's name as the command line spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Preset::Default => "default",
            Preset::Vader => "vader",
        }
    }
}

impl FromStr for Preset {
    type Err = String;
    fn from_str(s: &str) -> Result<Preset, String> {
        match s {
            "default" => Ok(Preset::Default),
            "vader" => Ok(Preset::Vader),
            other => Err(format!(
                "unknown preset {other:?} (expected \"default\" or \"vader\")"
            )),
        }
    }
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Buffers the scorer reuses between texts, so a warm scorer allocates nothing.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scratch {
    pub vader: vader::VaderScratch,
    pub default: default::DefaultScratch,
}

/// The compiled rules of one preset.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
enum Engine {
    /// Never in the snapshot (the VADER preset compiles its own table); derived so that the
    /// variants keep their positions.
    Vader(TermTable),
    Default(default::Tables),
}

thread_local! {
    /// Per-thread buffers for [`Scorer::sentiment`], which takes no buffer from the caller.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// A configured scorer: a preset and its lexicon, compiled into one lookup table.
///
/// Build once, share freely (it is `Send + Sync`); scoring never allocates once warm.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Scorer {
    preset: Preset,
    /// Shared: the compiled tables are read-only, and the built-in ones are built once per
    /// process (see [`Scorer::new`]).
    engine: Arc<Engine>,
}

impl Scorer {
    /// The scorer of `preset` with the preset's built-in lexicon (VADER's for
    /// [`Preset::Vader`], [earshot's](Lexicon::earshot) for [`Preset::Default`]): the scorer
    /// inside [`Analyzer::default`](crate::Analyzer::default) and
    /// [`Analyzer::vader`](crate::Analyzer::vader). Compiled on first use and shared after:
    /// another one costs a reference count.
    ///
    /// ```
    /// use earshot::{scorer::Scorer, Analyzer, Preset};
    /// let scorer = Scorer::new(Preset::Vader);
    /// assert_eq!(scorer.sentiment("The book was good."), Analyzer::vader().sentiment("The book was good."));
    /// ```
    pub fn new(preset: Preset) -> Scorer {
        static VADER: LazyLock<Scorer> =
            LazyLock::new(|| Scorer::with_lexicon(Preset::Vader, Lexicon::vader_ref()));
        static DEFAULT: LazyLock<Scorer> =
            LazyLock::new(|| Scorer::with_lexicon(Preset::Default, Lexicon::earshot_ref()));
        match preset {
            Preset::Vader => VADER.clone(),
            Preset::Default => DEFAULT.clone(),
        }
    }

    /// A scorer of `preset` with `lexicon` in place of the preset's built-in one (to add terms
    /// to the built-in lexicon instead, see [`AnalyzerBuilder::lexicon`](crate::AnalyzerBuilder::lexicon)).
    ///
    /// ```
    /// use earshot::{lexicon::Lexicon, scorer::Scorer, Preset};
    /// let scorer = Scorer::with_lexicon(Preset::Vader, &Lexicon::vader());
    /// assert_eq!(scorer.sentiment("The book was good.").compound, 0.4404);
    /// ```
    pub fn with_lexicon(preset: Preset, lexicon: &Lexicon) -> Scorer {
        Scorer::for_vocabulary(preset, lexicon, Vocabulary::new())
    }

    /// A scorer of `preset` with `lexicon` whose default-preset tables extend `vocabulary`
    /// (the words other stages of an analyzer know): reading a word then looks it up once for
    /// every stage. The VADER preset reads words its own way and ignores it.
    pub(crate) fn for_vocabulary(
        preset: Preset,
        lexicon: &Lexicon,
        vocabulary: Vocabulary,
    ) -> Scorer {
        let engine = match preset {
            Preset::Vader => {
                Engine::Vader(TermTable::new(lexicon, VADER_BOOSTERS, VADER_NEGATIONS))
            }
            Preset::Default => {
                let boosters: Vec<(&str, f64)> = VADER_BOOSTERS
                    .iter()
                    .chain(EARSHOT_EXTRA_BOOSTERS)
                    .copied()
                    .collect();
                Engine::Default(default::Tables::new(
                    vocabulary,
                    lexicon,
                    &boosters,
                    EARSHOT_NEGATIONS,
                ))
            }
        };
        Scorer {
            preset,
            engine: Arc::new(engine),
        }
    }

    /// The lexicon a preset starts from: VADER's for [`Preset::Vader`], earshot's
    /// ([`Lexicon::earshot`]) for [`Preset::Default`].
    pub(crate) fn builtin_lexicon(preset: Preset) -> &'static Lexicon {
        match preset {
            Preset::Vader => Lexicon::vader_ref(),
            Preset::Default => Lexicon::earshot_ref(),
        }
    }

    /// The preset this scorer applies.
    pub fn preset(&self) -> Preset {
        self.preset
    }

    /// The vocabulary the scorer reads words with, if it reads them through the reading stage
    /// (the default preset); it holds every word the scorer knows.
    pub(crate) fn vocabulary(&self) -> Option<&Arc<Vocabulary>> {
        match &*self.engine {
            Engine::Vader(_) => None,
            Engine::Default(tables) => Some(tables.table.vocabulary()),
        }
    }

    /// Reads with `vocabulary` (the default preset; the VADER preset reads its own way): a
    /// scorer loaded from a snapshot is given the analyzer's vocabulary so (see
    /// `src/analyzer/snapshot.rs`). Nothing changes when the tables are shared already.
    pub(crate) fn share_vocabulary(&mut self, vocabulary: &Arc<Vocabulary>) {
        if let Some(Engine::Default(tables)) = Arc::get_mut(&mut self.engine) {
            tables.table.share_vocabulary(vocabulary);
        }
    }

    /// The sentiment of `text`.
    ///
    /// ```
    /// use earshot::{scorer::Scorer, Preset};
    /// let scorer = Scorer::new(Preset::Vader);
    /// assert!(scorer.sentiment("awful service").compound < 0.0);
    /// ```
    pub fn sentiment(&self, text: &str) -> Sentiment {
        in_thread_buffers(&SCRATCH, text, |scratch| self.score(text, scratch, false))
    }

    /// Scores `text` using `scratch` (reading its words there if the preset reads words); keeps
    /// per-word details in `scratch` when `explain` is set.
    pub(crate) fn score(&self, text: &str, scratch: &mut Scratch, explain: bool) -> Sentiment {
        match &*self.engine {
            Engine::Vader(table) => vader::score(text, table, &mut scratch.vader, explain),
            Engine::Default(tables) => {
                default::score(text, None, tables, &mut scratch.default, explain)
            }
        }
    }

    /// Scores `text` whose `words` were read with [`vocabulary`](Self::vocabulary) (by an
    /// analyzer that reads them once for every stage); a preset that reads words its own way
    /// ignores them.
    pub(crate) fn score_words(
        &self,
        text: &str,
        words: &Words,
        scratch: &mut Scratch,
        explain: bool,
    ) -> Sentiment {
        match &*self.engine {
            Engine::Vader(table) => vader::score(text, table, &mut scratch.vader, explain),
            Engine::Default(tables) => {
                default::score(text, Some(words), tables, &mut scratch.default, explain)
            }
        }
    }

    /// The contributions of the last text scored with `explain` into `scratch`.
    pub(crate) fn contributions(&self, scratch: &Scratch, out: &mut Vec<Contribution>) {
        out.clear();
        let mut push = |start: usize, end: usize, base: f64, valence: f64, rules: Rules| {
            out.push(Contribution {
                start,
                end,
                base,
                valence,
                rules,
            })
        };
        match &*self.engine {
            Engine::Vader(_) => {
                let v = &scratch.vader;
                for ((w, &valence), &rules) in v.words.iter().zip(&v.sentiments).zip(&v.rules) {
                    push(
                        w.start,
                        w.end,
                        w.info.valence().unwrap_or(0.0),
                        valence,
                        rules,
                    );
                }
            }
            Engine::Default(_) => {
                let e = &scratch.default;
                for ((u, &valence), &rules) in e.units.iter().zip(&e.sentiments).zip(&e.rules) {
                    push(u.start, u.end, u.base, valence, rules);
                }
            }
        }
    }

    /// The final valence of every word of the text last scored into `scratch` that has one,
    /// in text order: `each(start, end, valence)` with the word's byte span — after every word
    /// rule (senses, emphasis, negation, contrast, sarcasm, questions), before the text is
    /// summed. A stage that judges parts of a text (aspects, a target) sums the valences of the
    /// parts it attributes, without scoring again.
    pub(crate) fn each_valence(&self, scratch: &Scratch, mut each: impl FnMut(usize, usize, f64)) {
        match &*self.engine {
            Engine::Vader(_) => {
                let v = &scratch.vader;
                for (w, &valence) in v.words.iter().zip(&v.sentiments) {
                    if valence != 0.0 {
                        each(w.start, w.end, valence);
                    }
                }
            }
            Engine::Default(_) => {
                let d = &scratch.default;
                for (u, &valence) in d.units.iter().zip(&d.sentiments) {
                    if valence != 0.0 {
                        each(u.start, u.end, valence);
                    }
                }
            }
        }
    }

    /// Each sentence of `text` (last scored into `scratch`, its `words` read) scored alone, into
    /// `out`. The default preset reads its sentences from the scored units; the VADER preset
    /// splits the text after sentence-ending punctuation (`.`, `!`, `?`, `…`) and scores each
    /// piece with VADER's rules, as vaderSentiment would score it alone (this reuses
    /// `scratch`'s VADER buffers, so it comes after [`contributions`](Self::contributions)).
    pub(crate) fn sentences(
        &self,
        text: &str,
        words: &Words,
        scratch: &mut Scratch,
        out: &mut Vec<SentenceSentiment>,
    ) {
        out.clear();
        match &*self.engine {
            Engine::Default(_) => default::sentences(&scratch.default, out),
            Engine::Vader(table) => {
                let all = words.as_slice();
                let is_punct = |k: usize| all[k].kind == TokenKind::Punct;
                let mut k = 0;
                while k < all.len() {
                    if is_punct(k) {
                        k += 1;
                        continue;
                    }
                    let start = all[k].start;
                    let mut end = all[k].end;
                    while k < all.len() {
                        let w = &all[k];
                        end = w.end;
                        k += 1;
                        if w.kind == TokenKind::Punct
                            && text[w.start..w.end].contains(['.', '!', '?', '…', '。'])
                        {
                            // The sentence keeps all its closing punctuation ("?!", "...").
                            while k < all.len() && is_punct(k) {
                                end = all[k].end;
                                k += 1;
                            }
                            break;
                        }
                    }
                    let sentiment =
                        vader::score(&text[start..end], table, &mut scratch.vader, false);
                    out.push(SentenceSentiment {
                        start,
                        end,
                        sentiment,
                    });
                }
            }
        }
    }
}
