//! Stage 4: risk flags, urgency and routing — the posts that cannot wait, and who should see
//! them.
//!
//! Six flags, each a small linear model over cue groups and the text's sentiment, like a
//! category (a flag is reported with its confidence and the spans that fired it):
//!
//! | flag | what it is |
//! |---|---|
//! | `safety` | physical harm or danger from a product or service: fire, smoke, overheating, burns, explosion, shock, injury, illness, food poisoning, allergic reaction, contamination, an unsafe vehicle or driver |
//! | `legal` | legal action or a regulator threatened or involved: sue, lawyer, court, small claims, class action, "this is illegal", a complaint to a consumer-protection body or regulator |
//! | `churn` | has left or will leave: cancels or closes an account or subscription, switches to another provider, never buys again, "you just lost a customer", uninstalls |
//! | `escalation` | taking it public or over the channel's head: press, media, going viral, telling everyone, reviews everywhere, the CEO or head office, demanding a manager, "I will escalate" |
//! | `security` | account or money compromised: hacked, fraud, scam, phishing, unauthorised charges, identity theft, data leak, data taken without consent |
//! | `abuse` | insults, slurs, harassment or threats aimed at staff, agents, the business or other people — not swearing about a thing |
//!
//! Each flag also has cue groups with negative weights for its near misses (figurative fire,
//! "I'd sue for that recipe", cancelling one order, a customer who switched *to* you, a billing
//! mistake that is not fraud, swearing about a thing).
//!
//! **Urgency** is one score in [0, 1]: how soon someone should answer; **≥ 0.5 means answer
//! first**. It is the sigmoid of a sum: a bias; the weights of the urgency cue groups that
//! matched (time pressure, waiting and repeated contact, being blocked, calm); a weight times
//! the text's negative and its positive share; for each flag and category found, its label's
//! weight times its confidence; and a weight times the intensity, the share of shouting
//! (ALL-CAPS words and exclamation marks, four or more counting fully) in a text that leans
//! negative — exclamation marks in thanks are not urgent.
//!
//! **Route** lists the teams to notify: the routes of the flags found (most confident first),
//! then those of the categories, each team once.
//!
//! Flags, cues, the urgency model and routes are data in the configuration format
//! ([`Config`]'s `risk` section; the built-in ones are
//! `src/risk/data/risk.json`), so that they are customised the same way: add cues, switch
//! flags off, change routes.
//!
//! ```
//! let a = earshot::analyze("My charger caught fire last night, I want a refund today");
//! let safety = a.risk.flags.iter().find(|f| f.label == "safety").unwrap();
//! assert!(safety.confidence > 0.5);
//! assert!(a.risk.urgency >= 0.5);
//! assert_eq!(a.risk.route[0], "safety");
//! ```

use std::sync::LazyLock;

use crate::classifier::{Category, Classifier, ClassifierScratch, Context};
use crate::config::{CategorySpec, Config, CueKind, RatingWeights, RiskConfig, config_error};
use crate::error::Error;
use crate::read::{Vocabulary, Words};
use crate::scorer::Sentiment;
use crate::tokenizer::{Flags, TokenKind};
use crate::util::{Name, serialize_score};

/// The label of the urgency model among the flags' models (never reported as a flag).
const URGENCY: &str = "urgency";

/// Shouted words and exclamation marks that count as full intensity.
const FULL_INTENSITY: f64 = 4.0;

/// What the risk stage found in one text: the flags, how urgent it is, who should see it.
///
/// ```
/// let a = earshot::analyze("Third time asking: someone used my card without my permission");
/// assert!(a.risk.flags.iter().any(|f| f.label == "security"));
/// assert!(a.risk.route.iter().any(|team| team == "security"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Risk {
    /// How soon someone should answer, 0..=1; ≥ 0.5 means answer first (serialized at 3
    /// decimals).
    #[serde(serialize_with = "serialize_score")]
    pub urgency: f64,
    /// The risk flags found, most confident first, each with its evidence.
    pub flags: Vec<Category>,
    /// The teams to notify, in order: the flags' routes, then the categories'.
    pub route: Vec<Name>,
}

impl Risk {
    /// Clears the results, keeping the buffers.
    pub(crate) fn clear(&mut self) {
        self.urgency = 0.0;
        self.flags.clear();
        self.route.clear();
    }
}

/// One input of the urgency model: what it is, its value for a text and its weight (see
/// [`RiskStage::urgency_inputs`]).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct UrgencyInput {
    /// `bias`, `sentiment:negative`, `cue:<group>`, `label:<flag or category>` or `intensity`.
    pub name: String,
    /// Its value for the text.
    pub value: f64,
    /// Its weight in the model.
    pub weight: f64,
}

impl UrgencyInput {
    fn new(name: &str, value: f64, weight: f64) -> UrgencyInput {
        UrgencyInput {
            name: name.to_string(),
            value,
            weight,
        }
    }
}

/// The compiled risk stage: the flags' models (and the urgency model's cues) in one cue index,
/// the urgency weights and the routing table.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct RiskStage {
    /// The flags and, under [`URGENCY`], the urgency model's cues, bias and sentiment weights.
    models: Classifier,
    /// The position of the urgency model in `models`.
    urgency: usize,
    /// Urgency weights of the flags and categories found, by label.
    label_weights: Vec<(Name, f64)>,
    intensity: f64,
    /// Label → teams.
    routes: Vec<(Name, Vec<Name>)>,
}

/// The buffers of the risk stage.
#[derive(Clone, Debug, Default)]
pub(crate) struct RiskScratch {
    models: ClassifierScratch,
}

const BUILTIN_JSON: &str = include_str!("data/risk.json");

/// The built-in risk configuration, parsed on each call (tested to parse and compile): the
/// stage is compiled once per process, and a parsed copy kept for good would hold every
/// pattern's text twice.
fn builtin() -> RiskConfig {
    crate::config::parse_builtin(BUILTIN_JSON)
        .map(|config| config.risk)
        .unwrap_or_else(|e| unreachable!("the built-in risk flags parse (tested): {e}"))
}

impl Default for RiskStage {
    fn default() -> RiskStage {
        RiskStage::new()
    }
}

impl RiskStage {
    /// The built-in flags, urgency model and routes (compiled once per process).
    ///
    /// ```
    /// let risk = earshot::risk::RiskStage::new();
    /// assert!(risk.flags().any(|f| f == "safety"));
    /// ```
    pub fn new() -> RiskStage {
        static BUILTIN: LazyLock<RiskStage> = LazyLock::new(|| {
            RiskStage::compile(&[], Vocabulary::new())
                .unwrap_or_else(|e| unreachable!("the built-in risk flags compile (tested): {e}"))
        });
        BUILTIN.clone()
    }

    /// The built-in risk stage changed by the `risk` sections of `configs`, applied in order.
    ///
    /// ```
    /// let config = earshot::Config::from_json(r#"{"risk": {"disable": ["abuse"]}}"#)?;
    /// let risk = earshot::risk::RiskStage::with_configs(&[&config])?;
    /// assert!(!risk.flags().any(|f| f == "abuse"));
    /// # Ok::<(), earshot::Error>(())
    /// ```
    pub fn with_configs(configs: &[&Config]) -> Result<RiskStage, Error> {
        RiskStage::compile(configs, Vocabulary::new())
    }

    /// The labels of the enabled flags.
    pub fn flags(&self) -> impl Iterator<Item = &str> {
        self.models.labels().filter(|l| *l != URGENCY)
    }

    /// Compiles the built-in risk stage changed by `configs`, its words interned into
    /// `vocabulary` (an analyzer's: other stages' ids are kept).
    pub(crate) fn compile(configs: &[&Config], vocabulary: Vocabulary) -> Result<RiskStage, Error> {
        let base = builtin();
        let mut flags: Vec<CategorySpec> = base.flags;
        let mut urgency = base.urgency.unwrap_or_default();
        let mut routes: Vec<(String, Vec<String>)> = base.routes.into_iter().collect();
        for config in configs {
            let risk = &config.risk;
            if risk.replace_builtin {
                flags.clear();
            }
            for spec in &risk.flags {
                if spec.label == URGENCY {
                    return Err(config_error(format!(
                        "{URGENCY:?} is the urgency model, not a flag: set it with \"urgency\""
                    )));
                }
                match flags.iter_mut().find(|f| f.label == spec.label) {
                    Some(old) => *old = spec.clone(),
                    None => flags.push(spec.clone()),
                }
            }
            if let Some(spec) = &risk.urgency {
                urgency = spec.clone();
            }
            for cue in &risk.cues {
                if cue.label == URGENCY {
                    urgency.cues.push(cue.group.clone());
                    continue;
                }
                let Some(flag) = flags.iter_mut().find(|f| f.label == cue.label) else {
                    return Err(config_error(format!(
                        "risk cues for unknown flag {:?}",
                        cue.label
                    )));
                };
                flag.cues.push(cue.group.clone());
            }
            for label in &risk.disable {
                let Some(flag) = flags.iter_mut().find(|f| &f.label == label) else {
                    return Err(config_error(format!(
                        "cannot disable unknown flag {label:?}"
                    )));
                };
                flag.enabled = false;
            }
            for (label, teams) in &risk.routes {
                match routes.iter_mut().find(|(l, _)| l == label) {
                    Some((_, old)) => old.clone_from(teams),
                    None => routes.push((label.clone(), teams.clone())),
                }
            }
        }
        let finite = urgency.bias.is_finite()
            && urgency.intensity.is_finite()
            && urgency.labels.values().all(|w| w.is_finite());
        if !finite {
            return Err(config_error(
                "urgency: a weight is not a finite number".into(),
            ));
        }
        let mut models = flags;
        // Urgency is about the whole text (time pressure in one sentence, waiting in another):
        // its groups count wherever they match.
        let mut cues = urgency.cues;
        for group in &mut cues {
            group.kind = CueKind::Context;
        }
        models.push(CategorySpec {
            label: URGENCY.into(),
            description: "the urgency model's cues".into(),
            bias: urgency.bias,
            threshold: 0.5,
            sentiment: urgency.sentiment,
            rating: RatingWeights::default(),
            cues,
            enabled: true,
        });
        let models = Classifier::compile(&models, vocabulary)?;
        let urgency_at = models
            .position(URGENCY)
            .unwrap_or_else(|| unreachable!("the urgency model was just added"));
        Ok(RiskStage {
            urgency: urgency_at,
            models,
            label_weights: urgency
                .labels
                .into_iter()
                .map(|(label, w)| (Name::from(label), w))
                .collect(),
            intensity: urgency.intensity,
            routes: routes
                .into_iter()
                .map(|(label, teams)| {
                    let teams = teams.into_iter().map(Name::from).collect();
                    (Name::from(label), teams)
                })
                .collect(),
        })
    }

    /// The vocabulary moved out, for the next stage of an analyzer's chain to extend (see
    /// [`Classifier::take_vocabulary`]).
    pub(crate) fn take_vocabulary(&mut self) -> Option<Vocabulary> {
        self.models.take_vocabulary()
    }

    /// Reads with `vocabulary`, which extends the stage's, instead of a copy of its own (when
    /// the stage is not shared yet; else nothing changes).
    pub(crate) fn share_vocabulary(&mut self, vocabulary: &std::sync::Arc<Vocabulary>) {
        self.models.share_vocabulary(vocabulary);
    }

    /// Where the patterns are (see [`Classifier::cue_index`]).
    pub(crate) fn cue_index(&self) -> &crate::cues::StageIndex {
        self.models.cue_index()
    }

    /// [`cue_index`](Self::cue_index), to share it.
    pub(crate) fn cue_index_mut(&mut self) -> &mut crate::cues::StageIndex {
        self.models.cue_index_mut()
    }

    /// The vocabulary the stage's patterns are compiled against (it extends the one it was
    /// given).
    pub(crate) fn vocabulary(&self) -> &std::sync::Arc<Vocabulary> {
        self.models.vocabulary()
    }

    /// The risk of `text`, given its `sentiment` and `categories`: reads the text's words
    /// itself. (An [`Analyzer`](crate::Analyzer) runs this stage on the words it has read.)
    ///
    /// ```
    /// let text = "I'm calling my lawyer tomorrow";
    /// let a = earshot::analyze(text);
    /// let risk = earshot::risk::RiskStage::new().assess(text, &a.sentiment, &a.categories);
    /// assert_eq!(risk, a.risk);
    /// ```
    pub fn assess(&self, text: &str, sentiment: &Sentiment, categories: &[Category]) -> Risk {
        let mut words = Words::default();
        let mut scratch = RiskScratch::default();
        self.assess_alone(text, sentiment, categories, &mut words, &mut scratch)
    }

    /// [`assess`](Self::assess), reading the text into `words` and scoring in `scratch`, which
    /// keep the words and the models' scores for a caller that explains them.
    fn assess_alone(
        &self,
        text: &str,
        sentiment: &Sentiment,
        categories: &[Category],
        words: &mut Words,
        scratch: &mut RiskScratch,
    ) -> Risk {
        words.read(text, self.vocabulary());
        let mut out = Risk::default();
        self.assess_into(text, words, sentiment, categories, None, scratch, &mut out);
        out
    }

    /// Finds the flags, urgency and route of `text` (whose words are `words`) into `out`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn assess_into(
        &self,
        text: &str,
        words: &Words,
        sentiment: &Sentiment,
        categories: &[Category],
        shared: Option<crate::cues::Found<'_>>,
        scratch: &mut RiskScratch,
        out: &mut Risk,
    ) {
        out.clear();
        self.models.classify_into(
            text,
            words,
            &Context::default(),
            sentiment,
            shared,
            &mut scratch.models,
            &mut out.flags,
        );
        out.flags.retain(|f| f.label != URGENCY);
        let mut logit = self
            .models
            .text_logit(self.urgency, sentiment, &scratch.models);
        for found in out.flags.iter().chain(categories) {
            logit += self.label_weight(&found.label) * found.confidence;
        }
        logit += self.intensity * angry_intensity(text, words, sentiment);
        out.urgency = 1.0 / (1.0 + (-logit).exp());
        for found in out.flags.iter().chain(categories) {
            let Some((_, teams)) = self.routes.iter().find(|(l, _)| *l == found.label) else {
                continue;
            };
            for team in teams {
                if !out.route.contains(team) {
                    out.route.push(team.clone());
                }
            }
        }
    }

    /// Every input of the urgency model for `text`, by name, with its value and weight: the
    /// model's cue groups (1 when one of its patterns matched, else 0), the sentiment
    /// proportions, each flag and category found (its confidence) and the intensity — the
    /// explanation of [`Risk::urgency`], and the features that `scripts/fit_urgency.py` fits the
    /// weights on. The first entry is the bias (value 1).
    ///
    /// ```
    /// let text = "Still waiting for my refund, third time asking";
    /// let a = earshot::analyze(text);
    /// let inputs = earshot::risk::RiskStage::new().urgency_inputs(text, &a.sentiment, &a.categories);
    /// let waiting = inputs.iter().find(|i| i.name == "cue:waiting").unwrap();
    /// assert_eq!(waiting.value, 1.0);
    /// let logit: f64 = inputs.iter().map(|i| i.value * i.weight).sum();
    /// assert!((1.0 / (1.0 + (-logit).exp()) - a.risk.urgency).abs() < 1e-9);
    /// ```
    pub fn urgency_inputs(
        &self,
        text: &str,
        sentiment: &Sentiment,
        categories: &[Category],
    ) -> Vec<UrgencyInput> {
        let (mut words, mut scratch) = (Words::default(), RiskScratch::default());
        let risk = self.assess_alone(text, sentiment, categories, &mut words, &mut scratch);
        let score = self.models.text_model(self.urgency, &scratch.models);
        let mut inputs = vec![UrgencyInput::new("bias", 1.0, score.bias)];
        inputs.push(UrgencyInput::new(
            "sentiment:negative",
            sentiment.negative,
            score.sentiment.negative,
        ));
        inputs.push(UrgencyInput::new(
            "sentiment:positive",
            sentiment.positive,
            score.sentiment.positive,
        ));
        for (name, weight, hit) in score.groups {
            inputs.push(UrgencyInput::new(
                &format!("cue:{name}"),
                f64::from(u8::from(hit)),
                weight,
            ));
        }
        for (label, weight) in &self.label_weights {
            let confidence = risk
                .flags
                .iter()
                .chain(categories)
                .find(|c| c.label == *label)
                .map_or(0.0, |c| c.confidence);
            inputs.push(UrgencyInput::new(
                &format!("label:{label}"),
                confidence,
                *weight,
            ));
        }
        inputs.push(UrgencyInput::new(
            "intensity",
            angry_intensity(text, &words, sentiment),
            self.intensity,
        ));
        inputs
    }

    fn label_weight(&self, label: &Name) -> f64 {
        self.label_weights
            .iter()
            .find(|(l, _)| l == label)
            .map_or(0.0, |(_, w)| *w)
    }
}

/// How much of the text shouts: ALL-CAPS words of three letters or more and exclamation marks,
/// [`FULL_INTENSITY`] of them or more counting as 1.
fn intensity(text: &str, words: &Words) -> f64 {
    let mut shouts = 0usize;
    for w in words.as_slice() {
        shouts += match w.kind {
            // Two-letter capitals are mostly acronyms ("OK", "TV").
            TokenKind::Word => usize::from(w.flags.contains(Flags::CAPS) && w.end - w.start > 2),
            TokenKind::Punct => text[w.start..w.end].matches('!').count(),
            _ => 0,
        };
    }
    (shouts as f64 / FULL_INTENSITY).min(1.0)
}

/// The [`intensity`] of a text that leans negative (more negative than positive words), else
/// 0: shouting in anger asks for a quick answer, exclamation marks in thanks ("Great course!")
/// do not.
fn angry_intensity(text: &str, words: &Words, sentiment: &Sentiment) -> f64 {
    if sentiment.negative > sentiment.positive {
        intensity(text, words)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The risk patterns lean on what the categories' do not (first groups of several-word
    /// alternatives, whole-message anchors): the index must still find exactly what trying
    /// every pattern at every token finds.
    #[test]
    fn the_index_finds_what_trying_every_risk_pattern_finds() {
        let texts: Vec<String> = [
            include_str!("../../data/posts.txt"),
            include_str!("../../tests/data/risk/safety.tsv"),
            include_str!("../../tests/data/risk/legal.tsv"),
            include_str!("../../tests/data/risk/churn.tsv"),
            include_str!("../../tests/data/risk/escalation.tsv"),
            include_str!("../../tests/data/risk/security.tsv"),
            include_str!("../../tests/data/risk/abuse.tsv"),
        ]
        .iter()
        .flat_map(|t| t.lines())
        .map(str::to_string)
        .collect();
        let matched = RiskStage::new()
            .models
            .check_index_against_every_pattern(&texts);
        assert!(matched > 500, "{matched}");
    }

    #[test]
    fn the_builtin_stage_compiles_with_every_flag() {
        let risk = RiskStage::new();
        assert_eq!(
            risk.flags().collect::<Vec<_>>(),
            [
                "safety",
                "legal",
                "churn",
                "escalation",
                "security",
                "abuse"
            ]
        );
    }

    #[test]
    fn intensity_counts_shouting() {
        let mut words = Words::default();
        let vocabulary = Vocabulary::new();
        for (text, want) in [
            ("fine thanks", 0.0),
            ("WHY is this BROKEN", 0.5),
            ("no!!!!", 1.0),
            ("I am OK", 0.0),
        ] {
            words.read(text, &vocabulary);
            assert_eq!(intensity(text, &words), want, "{text}");
        }
    }
}
