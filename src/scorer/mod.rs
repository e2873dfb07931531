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

mod earshot;
mod terms;
pub(crate) mod vader;

use std::cell::RefCell;
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, LazyLock};

use crate::lexicon::Lexicon;
use crate::read::{Vocabulary, Words};
use crate::util::in_thread_buffers;
use terms::{
    EARSHOT_EXTRA_BOOSTERS, EARSHOT_NEGATIONS, TermTable, VADER_BOOSTERS, VADER_NEGATIONS,
};

/// How a text feels: VADER's four scores.
///
/// `compound` is the normalised sum of all word valences, in −1..=1; `positive`, `negative` and
/// `neutral` are the proportions of the text in each class and add up to about 1.
///
/// ```
/// use earshot::{Analyzer, Label};
///
/// let s = Analyzer::vader().sentiment("I love it!");
/// assert!(s.compound > 0.5);
/// assert_eq!(s.label(), Label::Positive);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
pub struct Sentiment {
    /// Normalised overall score, −1 (most negative) to +1 (most positive).
    pub compound: f64,
    /// Proportion of the text that is positive, 0..=1.
    pub positive: f64,
    /// Proportion of the text that is negative, 0..=1.
    pub negative: f64,
    /// Proportion of the text that is neutral, 0..=1.
    pub neutral: f64,
}

impl Sentiment {
    /// All scores zero: what an empty text gets.
    pub const ZERO: Sentiment = Sentiment {
        compound: 0.0,
        positive: 0.0,
        negative: 0.0,
        neutral: 0.0,
    };

    /// VADER's neutral band: `compound` strictly inside ±0.05 is neutral.
    pub const NEUTRAL_BAND: f64 = 0.05;

    /// Positive when `compound >= 0.05`, negative when `compound <= -0.05`, else neutral —
    /// the thresholds VADER's authors recommend.
    ///
    /// ```
    /// use earshot::{Label, Sentiment};
    /// let s = Sentiment { compound: -0.05, ..Sentiment::ZERO };
    /// assert_eq!(s.label(), Label::Negative);
    /// ```
    pub fn label(&self) -> Label {
        if self.compound >= Self::NEUTRAL_BAND {
            Label::Positive
        } else if self.compound <= -Self::NEUTRAL_BAND {
            Label::Negative
        } else {
            Label::Neutral
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Sentiment {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Sentiment", 5)?;
        st.serialize_field("compound", &self.compound)?;
        st.serialize_field("positive", &self.positive)?;
        st.serialize_field("negative", &self.negative)?;
        st.serialize_field("neutral", &self.neutral)?;
        st.serialize_field("label", &self.label())?;
        st.end()
    }
}

/// The polarity of a [`Sentiment`].
///
/// ```
/// assert_eq!(earshot::Label::Negative.as_str(), "negative");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Label {
    /// `compound >= 0.05`.
    Positive,
    /// `compound <= -0.05`.
    Negative,
    /// In between.
    Neutral,
}

impl Label {
    /// The label in lower case.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Positive => "positive",
            Label::Negative => "negative",
            Label::Neutral => "neutral",
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which rule set scores sentiment.
///
/// ```
/// use earshot::Preset;
/// assert_eq!("vader".parse::<Preset>(), Ok(Preset::Vader));
/// assert_eq!(Preset::default(), Preset::Default);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Preset {
    /// earshot's own rules, tuned for customer and social text.
    #[default]
    Default,
    /// Exactly vaderSentiment 3.3.2's `polarity_scores`, quirks included.
    Vader,
}

impl Preset {
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

/// The rules that changed a word's valence (a bit set), for explanations.
///
/// ```
/// use earshot::scorer::Rules;
/// let r = Rules::NEGATION | Rules::BOOSTER;
/// assert_eq!(r.names().collect::<Vec<_>>(), ["booster", "negation"]);
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Rules(u32);

impl Rules {
    /// No rule applied.
    pub const EMPTY: Rules = Rules(0);
    /// A booster before the word intensified it ("very good").
    pub const BOOSTER: Rules = Rules(1);
    /// A dampener before the word weakened it ("kind of good", "barely").
    pub const DAMPENER: Rules = Rules(1 << 1);
    /// ALL-CAPS emphasis in mixed-case text.
    pub const CAPS: Rules = Rules(1 << 2);
    /// A negation flipped and weakened the valence ("not good").
    pub const NEGATION: Rules = Rules(1 << 3);
    /// "no" before a lexicon word acts as a negation rather than as the word "no".
    pub const NO_AS_NEGATION: Rules = Rules(1 << 4);
    /// "never so / never this" intensified the word.
    pub const NEVER_SO: Rules = Rules(1 << 5);
    /// An idiom set the valence ("the bomb", "yeah right").
    pub const IDIOM: Rules = Rules(1 << 6);
    /// "least" negated the word ("the least helpful").
    pub const LEAST: Rules = Rules(1 << 7);
    /// The word comes before "but" and counts half.
    pub const BEFORE_BUT: Rules = Rules(1 << 8);
    /// The word comes after "but" and counts one and a half.
    pub const AFTER_BUT: Rules = Rules(1 << 9);
    /// A negation that negates no sentiment word leans the text negative ("it doesn't load").
    pub const NEGATED_STATEMENT: Rules = Rules(1 << 10);

    const NAMES: [(Rules, &'static str); 11] = [
        (Rules::BOOSTER, "booster"),
        (Rules::DAMPENER, "dampener"),
        (Rules::CAPS, "caps"),
        (Rules::NEGATION, "negation"),
        (Rules::NO_AS_NEGATION, "no_as_negation"),
        (Rules::NEVER_SO, "never_so"),
        (Rules::IDIOM, "idiom"),
        (Rules::LEAST, "least"),
        (Rules::BEFORE_BUT, "before_but"),
        (Rules::AFTER_BUT, "after_but"),
        (Rules::NEGATED_STATEMENT, "negated_statement"),
    ];

    /// Whether every rule in `other` is set.
    pub const fn contains(self, other: Rules) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether no rule is set.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The names of the rules, in a fixed order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        Rules::NAMES
            .into_iter()
            .filter(move |(r, _)| self.contains(*r))
            .map(|(_, n)| n)
    }
}

impl std::ops::BitOr for Rules {
    type Output = Rules;
    fn bitor(self, rhs: Rules) -> Rules {
        Rules(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for Rules {
    fn bitor_assign(&mut self, rhs: Rules) {
        self.0 |= rhs.0;
    }
}

impl fmt::Debug for Rules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.names()).finish()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Rules {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.names())
    }
}

/// How one word contributed to the sentiment: the explanation of a score.
///
/// ```
/// let a = earshot::Analyzer::vader().explain("not very good");
/// let good = a.contributions.iter().find(|c| c.text == "good").unwrap();
/// assert_eq!(good.base, 1.9);
/// assert!(good.valence < 0.0);
/// assert!(good.rules.contains(earshot::scorer::Rules::NEGATION));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Contribution {
    /// Byte offset where the word starts in the text.
    pub start: usize,
    /// Byte offset where the word ends.
    pub end: usize,
    /// The word as written (for an emoji, the emoji and what it was glued to).
    pub text: String,
    /// The word's lexicon valence, 0 if it has none.
    pub base: f64,
    /// What the word finally added to the sum, after every rule.
    pub valence: f64,
    /// The rules that changed it.
    pub rules: Rules,
}

/// Buffers the scorer reuses between texts, so a warm scorer allocates nothing.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scratch {
    pub vader: vader::VaderScratch,
    pub earshot: earshot::EarshotScratch,
    /// The text's words, when the scorer reads them itself (not inside an analyzer).
    pub words: Words,
}

/// The compiled rules of one preset.
#[derive(Clone, Debug)]
enum Engine {
    Vader(TermTable),
    Earshot(earshot::Tables),
}

thread_local! {
    /// Per-thread buffers for [`Scorer::sentiment`], which takes no buffer from the caller.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// A configured scorer: a preset and its lexicon, compiled into one lookup table.
///
/// Build once, share freely (it is `Send + Sync`); scoring never allocates once warm.
#[derive(Clone, Debug)]
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
                Engine::Earshot(earshot::Tables::new(
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
            Engine::Earshot(tables) => Some(tables.table.vocabulary()),
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
            Engine::Earshot(tables) => {
                scratch.words.read(text, tables.table.vocabulary());
                earshot::score(text, &scratch.words, tables, &mut scratch.earshot, explain)
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
            Engine::Earshot(tables) => {
                earshot::score(text, words, tables, &mut scratch.earshot, explain)
            }
        }
    }

    /// The contributions of the last text scored with `explain` into `scratch`.
    pub(crate) fn contributions(&self, text: &str, scratch: &Scratch, out: &mut Vec<Contribution>) {
        out.clear();
        let mut push = |start: usize, end: usize, base: f64, valence: f64, rules: Rules| {
            out.push(Contribution {
                start,
                end,
                text: text[start..end].to_string(),
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
                        w.info.valence.unwrap_or(0.0),
                        valence,
                        rules,
                    );
                }
            }
            Engine::Earshot(_) => {
                let e = &scratch.earshot;
                for ((u, &valence), &rules) in e.units.iter().zip(&e.sentiments).zip(&e.rules) {
                    push(u.start, u.end, u.base, valence, rules);
                }
            }
        }
    }
}
