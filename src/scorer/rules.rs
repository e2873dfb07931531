//! The rules that change a word's valence, as named in explanations, and a word's
//! [`Contribution`] to a score.

use std::fmt;

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
    /// "no" before a lexicon word acts as a negation rather than as the word "no" (VADER).
    pub const NO_AS_NEGATION: Rules = Rules(1 << 4);
    /// "never so / never this" intensified the word (VADER).
    pub const NEVER_SO: Rules = Rules(1 << 5);
    /// An idiom set the valence ("the bomb", "yeah right"; VADER).
    pub const IDIOM: Rules = Rules(1 << 6);
    /// "least" negated the word ("the least helpful").
    pub const LEAST: Rules = Rules(1 << 7);
    /// The word is on the weak side of a contrast ("good, but ..."): it counts half.
    pub const BEFORE_BUT: Rules = Rules(1 << 8);
    /// The word is on the strong side of a contrast ("..., but great"): it counts one and a
    /// half.
    pub const AFTER_BUT: Rules = Rules(1 << 9);
    /// A negation that negates no sentiment word leans the text negative ("it doesn't load").
    pub const NEGATED_STATEMENT: Rules = Rules(1 << 10);
    /// The word starts a multi-word expression whose valence replaces its words' ("on hold").
    pub const PHRASE: Rules = Rules(1 << 11);
    /// The word is not used in its sentiment sense ("like" as a preposition, "pretty" as a
    /// booster, "kind of"): it counts nothing.
    pub const SENSE: Rules = Rules(1 << 12);
    /// The word is part of a name or title ("Blue Devil"): it counts nothing.
    pub const NAME: Rules = Rules(1 << 13);
    /// The word is one of several in a hashtag ("#TheWalkingDead"): it counts half.
    pub const HASHTAG_PART: Rules = Rules(1 << 14);
    /// The word is elongated ("goooood"): emphasised like a booster.
    pub const ELONGATION: Rules = Rules(1 << 15);
    /// A sarcasm marker reversed the word ("funny... not", "yeah right", a lone "Lovely.").
    pub const SARCASM: Rules = Rules(1 << 16);
    /// The word is praise in a question ("is it good?"): it counts less.
    pub const QUESTION: Rules = Rules(1 << 17);

    const NAMES: [(Rules, &'static str); 18] = [
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
        (Rules::PHRASE, "phrase"),
        (Rules::SENSE, "sense"),
        (Rules::NAME, "name"),
        (Rules::HASHTAG_PART, "hashtag_part"),
        (Rules::ELONGATION, "elongation"),
        (Rules::SARCASM, "sarcasm"),
        (Rules::QUESTION, "question"),
    ];

    /// Every rule.
    pub const ALL: Rules = Rules((1 << Rules::NAMES.len()) - 1);

    /// Both sets of rules.
    pub const fn union(self, other: Rules) -> Rules {
        Rules(self.0 | other.0)
    }

    /// Each rule of the set on its own, in a fixed order.
    ///
    /// ```
    /// use earshot::scorer::Rules;
    /// let each: Vec<Rules> = (Rules::CAPS | Rules::LEAST).iter().collect();
    /// assert_eq!(each, [Rules::CAPS, Rules::LEAST]);
    /// ```
    pub fn iter(self) -> impl Iterator<Item = Rules> {
        Rules::NAMES
            .into_iter()
            .map(|(r, _)| r)
            .filter(move |r| self.contains(*r))
    }

    /// The rule named `name` (as [`names`](Self::names) spells it), if there is one.
    ///
    /// ```
    /// use earshot::scorer::Rules;
    /// assert_eq!(Rules::from_name("negation"), Some(Rules::NEGATION));
    /// assert_eq!(Rules::from_name("nonsense"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Rules> {
        Rules::NAMES
            .into_iter()
            .find(|(_, n)| *n == name)
            .map(|(r, _)| r)
    }

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

impl serde::Serialize for Rules {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.names())
    }
}

/// How one word contributed to the sentiment: the explanation of a score.
///
/// ```
/// let text = "not very good";
/// let a = earshot::Analyzer::vader().explain(text);
/// let good = a.contributions.iter().find(|c| c.text(text) == "good").unwrap();
/// assert_eq!(good.base, 1.9);
/// assert!(good.valence < 0.0);
/// assert!(good.rules.contains(earshot::scorer::Rules::NEGATION));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Contribution {
    /// Byte offset where the word starts in the text.
    pub start: usize,
    /// Byte offset where the word ends.
    pub end: usize,
    /// The word's lexicon valence, 0 if it has none (serialized at 4 decimals).
    #[serde(serialize_with = "crate::util::serialize_compound")]
    pub base: f64,
    /// What the word finally added to the sum, after every rule (serialized at 4 decimals).
    #[serde(serialize_with = "crate::util::serialize_compound")]
    pub valence: f64,
    /// The rules that changed it.
    pub rules: Rules,
}

impl Contribution {
    /// The word as written in `source`, the analysed text (for an emoji the VADER preset
    /// describes, the emoji and what it was glued to).
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.start..self.end).unwrap_or("")
    }
}
