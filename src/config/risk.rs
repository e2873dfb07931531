//! The `risk` section of the configuration file: risk flags (in the format of categories), the
//! urgency model, and the routing table.

use std::collections::BTreeMap;

use super::{CategorySpec, CueGroup, LabelledCues, SentimentWeights, de};

/// The `risk` section of a [`Config`](super::Config): flags to add, replace or switch off,
/// cues to add to them, the urgency model, and routes to set.
///
/// ```
/// let config = earshot::Config::from_json(r#"{"risk": {
///     "disable": ["abuse"],
///     "cues": [{"label": "safety", "name": "ours", "weight": 3, "patterns": ["battery (swelled|swollen)"]}],
///     "routes": {"safety": ["product safety"], "praise": []}
/// }}"#)?;
/// assert_eq!(config.risk.disable, ["abuse"]);
/// # Ok::<(), earshot::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RiskConfig {
    /// Start from no flags instead of the built-in ones.
    pub replace_builtin: bool,
    /// Flags to add, in the format of categories; one with the label of an existing flag
    /// replaces it. Two with the same label in one configuration are an error.
    #[serde(deserialize_with = "de::categories")]
    pub flags: Vec<CategorySpec>,
    /// Cue groups to add to existing flags (or, with the label `urgency`, to the urgency
    /// model).
    pub cues: Vec<LabelledCues>,
    /// Labels of flags to switch off.
    pub disable: Vec<String>,
    /// The urgency model, replacing the built-in one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub urgency: Option<UrgencySpec>,
    /// Routes to set: a category's or flag's label → the teams to notify (an empty list: none).
    /// Labels not given keep their routes.
    pub routes: BTreeMap<String, Vec<String>>,
}

/// The urgency model: how soon a text needs an answer, `sigmoid(bias + the weights of the cue
/// groups that matched + w₋ · negative + w₊ · positive + Σ weight(label) · confidence(label) +
/// w_intensity · intensity)`, where `label` ranges over the flags and categories found.
///
/// ```
/// use earshot::config::UrgencySpec;
/// let spec: UrgencySpec = serde_json::from_str(r#"{"bias": -2, "labels": {"safety": 3}}"#).unwrap();
/// assert_eq!(spec.labels["safety"], 3.0);
/// ```
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UrgencySpec {
    /// The log-odds before any evidence.
    pub bias: f64,
    /// Weights of the sentiment proportions.
    pub sentiment: SentimentWeights,
    /// Cue groups: time pressure, waiting, being blocked.
    pub cues: Vec<CueGroup>,
    /// Weights of the flags and categories found (times their confidence), by label.
    pub labels: BTreeMap<String, f64>,
    /// Weight of the text's intensity in [0, 1] (shouted words and exclamation marks).
    pub intensity: f64,
}
