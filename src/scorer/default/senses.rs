//! Word senses: when a lexicon word is not used in its sentiment sense, and words whose
//! valence counts less where they stand.
//!
//! * A word that is both booster and adjective ("pretty", "super", "incredible") is a booster
//!   before a sentiment word ("pretty good"), else the adjective; "kind of" is a dampener, not
//!   the lexicon's "kind"; "like" counts only as a verb, after a subject or an adverb ("I like
//!   it"), not as a preposition ("looks like", "like 3 hours"); "Well," opening a clause is a
//!   discourse marker; "no" right before a sentiment word is a negation, not the answer "no".
//!   Noted [`Rules::SENSE`].
//! * Capitalised words next to each other are a name or title ("my favorite Blue Devil",
//!   "JJ Redick"): their valence counts [`NAME_WEIGHT`] ([`Rules::NAME`]).
//! * A word of a multi-word hashtag is usually a name or topic ("#TheWalkingDead"): it counts
//!   [`HASHTAG_PART`] ([`Rules::HASHTAG_PART`]).

use super::Context;
use super::units::{Unit, UnitKind};
use crate::scorer::Rules;
use crate::scorer::terms::{Kw, WordSets};

/// The weight of a word that looks like part of a name or title.
const NAME_WEIGHT: f64 = 0.0;
/// The weight of a word of a multi-word hashtag.
const HASHTAG_PART: f64 = 0.5;

/// The words after which "like" is a verb (besides first- and second-person pronouns).
pub(super) const WORD_SETS: &[(&str, WordSets)] = &[
    ("they", WordSets::LIKE_AFTER),
    ("really", WordSets::LIKE_AFTER),
    ("totally", WordSets::LIKE_AFTER),
    ("do", WordSets::LIKE_AFTER),
    ("did", WordSets::LIKE_AFTER),
    ("just", WordSets::LIKE_AFTER),
    ("also", WordSets::LIKE_AFTER),
    ("still", WordSets::LIKE_AFTER),
    ("would", WordSets::LIKE_AFTER),
];

/// Whether unit `i` (which has a lexicon valence) is used in another sense than its
/// sentiment: then it counts nothing.
pub(super) fn silenced(ctx: &Context<'_>, i: usize, applied: &mut Rules) -> bool {
    let units = ctx.units;
    let u = &units[i];
    if u.phrase_start {
        // A phrase's valence is the phrase's, whatever its first word.
        return false;
    }
    let next_has_valence = |j: usize| {
        units.get(j).is_some_and(|n| {
            n.clause == u.clause
                && n.info.valence().is_some_and(|v| v != 0.0)
                && n.info.booster().is_none()
        })
    };
    // A booster carries no valence of its own, except a word that is both when no sentiment
    // word follows it: then it is the adjective.
    let booster =
        u.info.booster().is_some() && (u.info.valence().is_none() || next_has_valence(i + 1));
    let silent = booster
        || match u.info.kw {
            Kw::Kind => units.get(i + 1).is_some_and(|n| n.info.kw == Kw::Of),
            Kw::Like => {
                !(i > 0
                    && units[i - 1].clause == u.clause
                    && (units[i - 1].info.kw == Kw::Person || ctx.is(i - 1, WordSets::LIKE_AFTER)))
            }
            Kw::Well => i == 0 || units[i - 1].clause != u.clause,
            Kw::No => next_has_valence(i + 1),
            _ => false,
        };
    if silent {
        *applied |= Rules::SENSE;
    }
    silent
}

/// `v` weighted as part of a name when unit `i` looks like one: capitalised (or a short
/// all-caps word, like initials) next to another such word in its clause, not opening its
/// sentence, in a text that is not a headline.
pub(super) fn name(ctx: &Context<'_>, i: usize, v: f64, applied: &mut Rules) -> f64 {
    let units = ctx.units;
    let shaped =
        |u: &Unit| u.kind == UnitKind::Word && (u.capitalized || (u.caps && u.end - u.start <= 3));
    if ctx.headline || !shaped(&units[i]) || ctx.sentences[units[i].sentence as usize].first == i {
        return v;
    }
    let beside = |j: usize| {
        units
            .get(j)
            .is_some_and(|n| n.clause == units[i].clause && shaped(n))
    };
    if (i > 0 && beside(i - 1)) || beside(i + 1) {
        *applied |= Rules::NAME;
        v * NAME_WEIGHT
    } else {
        v
    }
}

/// `v` weighted as a word of a multi-word hashtag.
pub(super) fn hashtag_part(u: &Unit, v: f64, applied: &mut Rules) -> f64 {
    if u.kind == UnitKind::Hashtag && u.multi_part {
        *applied |= Rules::HASHTAG_PART;
        v * HASHTAG_PART
    } else {
        v
    }
}
