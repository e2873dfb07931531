//! The `aspects` section of the configuration file: what a text can be about, with the words
//! that name each aspect and the words that judge it. The built-in aspects are a file of this
//! format (`src/aspects/data/aspects.json`); the aspect stage (`crate::aspects`) compiles them.

use super::de;

/// One aspect: what customers can talk about (the food, the price, a product line), the words
/// that name it and the words that judge it.
///
/// Every word list holds cue patterns in the [phrase syntax](crate::classifier#cue-patterns);
/// a pattern whose last word is a plain word also matches its plural (`waiter` matches
/// "waiters", `battery` "batteries").
///
/// ```
/// use earshot::aspects::AspectSpec;
///
/// let sync = AspectSpec::new("cloud_sync", ["Acme Cloud Sync", "cloud sync", "syncing"]);
/// assert_eq!(sync.terms.len(), 3);
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AspectSpec {
    /// The label reported in results (`food`, `battery`, `cloud_sync`).
    #[serde(deserialize_with = "de::aspect_label")]
    pub label: String,
    /// What the aspect covers, for people (the built-in aspects document their scope here).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Words and phrases that name the aspect: nouns ("waiter", "battery life"), product and
    /// feature names. Each mention takes the opinion words said of it.
    #[serde(default, deserialize_with = "de::patterns")]
    pub terms: Vec<String>,
    /// Opinion words that name the aspect by themselves when nothing else they could judge is
    /// near: "delicious" is about the food, "rude" about the service. Said of a named thing
    /// ("the soup was delicious"), they judge that thing.
    #[serde(default, deserialize_with = "de::patterns")]
    pub opinions: Vec<String>,
    /// Words that judge this aspect of whatever they are said of: "the pasta was overpriced"
    /// is about the price, "the screen froze" about performance. The aspect takes them from
    /// the thing they are said of, which keeps only its other opinions.
    #[serde(default, deserialize_with = "de::patterns")]
    pub attributes: Vec<String>,
    /// Words that name the aspect only in a context: `{"terms": ["charge"], "near":
    /// ["battery", "hours"]}` makes "charge" a battery term in a sentence that also says
    /// "battery" or "hours".
    #[serde(default)]
    pub context: Vec<AspectContext>,
    /// Valences of words that judge this aspect but carry no sentiment of their own in the
    /// lexicon ("fast" service, "high" prices, a "cramped" room), on the lexicon's scale
    /// (−4..=4). Used where the scorer gives the word none.
    #[serde(default)]
    pub valences: Vec<AspectValence>,
    /// Add these words to the aspect of the same label instead of replacing it.
    #[serde(default)]
    pub extend: bool,
    /// Whether the aspect is looked for at all (`false` switches an aspect off).
    #[serde(default = "super::default_true")]
    pub enabled: bool,
    /// Whether the aspect is reported. An unreported aspect still takes the opinions said of
    /// its terms from the aspects around them: the built-in `general` (the place or product as
    /// a whole: "great place", "love this laptop") keeps those from counting for the food.
    #[serde(default = "super::default_true")]
    pub report: bool,
}

impl AspectSpec {
    /// An aspect named by `terms`, with no other words.
    pub fn new<I, S>(label: &str, terms: I) -> AspectSpec
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        AspectSpec {
            label: label.to_string(),
            description: String::new(),
            terms: terms.into_iter().map(Into::into).collect(),
            opinions: Vec::new(),
            attributes: Vec::new(),
            context: Vec::new(),
            valences: Vec::new(),
            extend: false,
            enabled: true,
            report: true,
        }
    }
}

/// Terms that name an aspect only near other words (see [`AspectSpec::context`]).
///
/// ```
/// let c = earshot::aspects::AspectContext {
///     terms: vec!["charge*".into()],
///     near: vec!["battery".into(), "hours".into()],
/// };
/// assert_eq!(c.near.len(), 2);
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AspectContext {
    /// The terms (cue patterns).
    #[serde(deserialize_with = "de::patterns")]
    pub terms: Vec<String>,
    /// One of these (cue patterns) must occur in the same sentence.
    #[serde(deserialize_with = "de::patterns")]
    pub near: Vec<String>,
}

/// Words that judge an aspect with one valence (see [`AspectSpec::valences`]).
///
/// ```
/// let v = earshot::aspects::AspectValence { words: vec!["fast".into()], valence: 1.5 };
/// assert!(v.valence > 0.0);
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AspectValence {
    /// The words (cue patterns; a phrase's valence sits on its first word).
    #[serde(deserialize_with = "de::patterns")]
    pub words: Vec<String>,
    /// Their valence, −4..=4.
    #[serde(deserialize_with = "de::valence")]
    pub valence: f64,
}
