//! Negation with a scope.
//!
//! A negation ("not", "never", "no", "without", any word with "n't", either apostrophe) reaches
//! the sentiment words after it in its clause, up to [`NEGATION_SCOPE`] words for positive words
//! and [`NEGATION_SCOPE_NEGATIVE`] for negative ones, and not past a contrast or the start of a
//! subordinate clause ("not what I expected" excepted). An infinitive after "hard",
//! "impossible", "fails", "refused" or with "too" before it negates what it governs ("hard to
//! like", "too slow to enjoy"). "not only", "not just", "couldn't be better" and "how can you
//! not love it" do not negate (nor do they count as a negation with nothing to negate). A negated positive word flips as in VADER; a negated negative word is only
//! faintly positive ("not bad"). Noted [`Rules::NEGATION`].
//!
//! A negation with nothing to negate still says something is missing or wrong ("my order still
//! hasn't arrived", "the app doesn't open"): it leans the text negative
//! ([`Rules::NEGATED_STATEMENT`]).

use super::units::{Unit, UnitKind};
use super::{Context, note};
use crate::scorer::Rules;
use crate::scorer::terms::{Kw, N_SCALAR, WordSets};

/// How many words after a negation it can reach, within its clause and before a subordinate
/// clause starts: further for positive words ("I don't think this is good") than for negative
/// ones, where a distant "not" rarely means the writer approves ("not even mentioning how rude").
pub(super) const NEGATION_SCOPE: usize = 7;
pub(super) const NEGATION_SCOPE_NEGATIVE: usize = 2;
/// A negated negative word is only faintly positive ("not bad", "don't kill it"), where VADER
/// makes it nearly as positive as the word was negative.
const N_SCALAR_NEGATIVE: f64 = -0.3;
/// The valence of a negation that negates no sentiment word.
const NEGATION_LEAN: f64 = -0.5;

/// The words the negation rules name.
pub(super) const WORD_SETS: &[(&str, WordSets)] = &[
    // "not what I expected": the what-clause is negated.
    ("what", WordSets::WHAT),
    // "how can you not love it": rhetorical.
    ("how", WordSets::HOW),
    ("you", WordSets::RHETORICAL_SUBJECT),
    ("anyone", WordSets::RHETORICAL_SUBJECT),
    ("one", WordSets::RHETORICAL_SUBJECT),
    ("i", WordSets::RHETORICAL_SUBJECT),
    // "couldn't be better": a superlative.
    ("better", WordSets::COMPARATIVE),
    ("happier", WordSets::COMPARATIVE),
    ("more", WordSets::COMPARATIVE),
    ("greater", WordSets::COMPARATIVE),
    ("nicer", WordSets::COMPARATIVE),
    ("easier", WordSets::COMPARATIVE),
    ("faster", WordSets::COMPARATIVE),
    // "hard to like", "fails to impress".
    ("hard", WordSets::INFINITIVE_HEAD),
    ("difficult", WordSets::INFINITIVE_HEAD),
    ("impossible", WordSets::INFINITIVE_HEAD),
    ("unable", WordSets::INFINITIVE_HEAD),
    ("fail", WordSets::INFINITIVE_HEAD),
    ("fails", WordSets::INFINITIVE_HEAD),
    ("failed", WordSets::INFINITIVE_HEAD),
    ("refuse", WordSets::INFINITIVE_HEAD),
    ("refuses", WordSets::INFINITIVE_HEAD),
    ("refused", WordSets::INFINITIVE_HEAD),
];

/// What the negation rules make of a sentiment word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Negated {
    /// No negation reaches it.
    No,
    /// The unit at this index negates it (the word itself for a negating infinitive: "hard
    /// to like").
    By(usize),
    /// The negation at this index reaches it but does not negate it ("not only", "couldn't be
    /// better", "how can you not love it"): the negation is accounted for all the same, so it
    /// is no negation with nothing to negate.
    Spared(usize),
}

/// Whether unit `i` (whose valence is now `v`) is negated: by the nearest negation before it
/// in its clause, within the scope, not past a subordinate clause or a contrast.
pub(super) fn negator(ctx: &Context<'_>, i: usize, v: f64) -> Negated {
    let units = ctx.units;
    let u = &units[i];
    // Emoji, emoticons and interjections say how the writer feels whatever the words around.
    if !matches!(u.kind, UnitKind::Word | UnitKind::Hashtag) || u.info.kw == Kw::Interjection {
        return Negated::No;
    }
    let scope = if v < 0.0 {
        NEGATION_SCOPE_NEGATIVE
    } else {
        NEGATION_SCOPE
    };
    for back in 1..=scope.min(i) {
        let k = i - back;
        let m = &units[k];
        // "not what I expected" negates the what-clause; other subordinate clauses stop it.
        let negated_what = k > 0 && units[k - 1].negator && ctx.is(k, WordSets::WHAT);
        if m.clause != u.clause
            || m.info.kw.is_contrast()
            || (m.info.kw == Kw::Subordinator && !negated_what)
        {
            return Negated::No;
        }
        if v > 0.0 && m.info.kw == Kw::To && negating_infinitive(ctx, k) {
            return Negated::By(i);
        }
        if m.negator {
            // "how can you not love it?": a rhetorical question affirms.
            let rhetorical = k >= 3
                && ctx.is(k - 3, WordSets::HOW)
                && units[k - 2].info.kw == Kw::Can
                && ctx.is(k - 1, WordSets::RHETORICAL_SUBJECT);
            // "not only", "not just" add; "couldn't be better" is a superlative.
            let only = matches!(units[k + 1].info.kw, Kw::Only | Kw::Just);
            let be_comparative =
                back == 2 && units[i - 1].info.kw == Kw::Be && ctx.is(i, WordSets::COMPARATIVE);
            return if rhetorical || only || be_comparative {
                Negated::Spared(k)
            } else {
                Negated::By(k)
            };
        }
    }
    Negated::No
}

/// `v` negated: flipped and weakened as VADER does for a positive word, only faintly positive
/// for a negative one.
pub(super) fn negate(v: f64, applied: &mut Rules) -> f64 {
    *applied |= Rules::NEGATION;
    v * if v > 0.0 { N_SCALAR } else { N_SCALAR_NEGATIVE }
}

/// Whether the "to" at `k` opens an infinitive that negates: after "hard", "difficult",
/// "impossible", "unable", "fail(s/ed)", "refuse(s/d)", or with "too" earlier in its clause.
fn negating_infinitive(ctx: &Context<'_>, k: usize) -> bool {
    let units = ctx.units;
    if k == 0 || units[k - 1].clause != units[k].clause {
        return false;
    }
    ctx.is(k - 1, WordSets::INFINITIVE_HEAD)
        || (k.saturating_sub(4)..k)
            .any(|j| units[j].clause == units[k].clause && units[j].info.kw == Kw::Too)
}

/// Gives each negation that negated no sentiment word (and is no part of a phrase, nor the "not"
/// of an additive "not only", "not just") the valence [`NEGATION_LEAN`].
pub(super) fn lean_unused(
    units: &[Unit],
    negators: &[usize],
    sentiments: &mut [f64],
    rules: &mut [Rules],
) {
    for &j in negators {
        let u = &units[j];
        let additive = units
            .get(j + 1)
            .is_some_and(|n| matches!(n.info.kw, Kw::Only | Kw::Just));
        if !u.negation_used && !u.in_phrase && !additive && sentiments[j] == 0.0 {
            sentiments[j] = NEGATION_LEAN;
            note(rules, j, Rules::NEGATED_STATEMENT);
        }
    }
}
