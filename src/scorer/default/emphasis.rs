//! Emphasis: what makes a sentiment word count more or less — shouting, elongation, boosters
//! and dampeners before it — and "least", which turns it round.

use super::Context;
use super::units::Unit;
use crate::scorer::Rules;
use crate::scorer::terms::{B_DECR, C_INCR, Kw, N_SCALAR};

/// Elongation ("goooood") emphasises like a booster (VADER's `B_INCR`).
const ELONGATION_INCR: f64 = 0.293;
/// How far back boosters reach, and how much they count at each distance (VADER's decay).
const BOOSTER_REACH: [(usize, f64); 3] = [(1, 1.0), (2, 0.95), (3, 0.9)];

/// An ALL-CAPS word in a text that has lower case elsewhere is shouted: VADER's `C_INCR`
/// ([`Rules::CAPS`]).
pub(super) fn caps(ctx: &Context<'_>, u: &Unit, v: f64, applied: &mut Rules) -> f64 {
    if u.caps && ctx.text_has_lower {
        *applied |= Rules::CAPS;
        v + C_INCR.copysign(v)
    } else {
        v
    }
}

/// An elongated word ("goooood", "sooo baaad") is emphasised ([`Rules::ELONGATION`]).
pub(super) fn elongation(u: &Unit, v: f64, applied: &mut Rules) -> f64 {
    if u.elongated {
        *applied |= Rules::ELONGATION;
        v + ELONGATION_INCR.copysign(v)
    } else {
        v
    }
}

/// Boosters and dampeners up to three units back, in the same clause, weaker with distance;
/// "kind of" and "sort of" dampen like VADER's two-word dampeners; a word that is both booster
/// and adjective boosts only the next word; a shouted booster boosts more
/// ([`Rules::BOOSTER`], [`Rules::DAMPENER`]).
pub(super) fn boosters(ctx: &Context<'_>, i: usize, mut v: f64, applied: &mut Rules) -> f64 {
    let units = ctx.units;
    let u = &units[i];
    for (back, decay) in BOOSTER_REACH {
        if i < back || units[i - back].clause != u.clause {
            break;
        }
        let m = &units[i - back];
        let two_word = (m.info.kw == Kw::Of
            && i > back
            && matches!(units[i - back - 1].info.kw, Kw::Kind | Kw::Sort))
        .then_some(B_DECR);
        if let Some(b) = m.info.booster().or(two_word)
            && (m.info.valence().is_none() || back == 1)
        {
            let mut s = if v < 0.0 { -b } else { b };
            if m.caps && ctx.text_has_lower {
                s += C_INCR.copysign(v);
            }
            v += s * decay;
            *applied |= if b > 0.0 {
                Rules::BOOSTER
            } else {
                Rules::DAMPENER
            };
        }
    }
    v
}

/// "least" before a word negates it ("the least helpful"), except in "at least" and "very
/// least" — VADER's rule ([`Rules::LEAST`]).
pub(super) fn least(ctx: &Context<'_>, i: usize, v: f64, applied: &mut Rules) -> f64 {
    let units = ctx.units;
    if i > 0 && units[i - 1].info.kw == Kw::Least && units[i - 1].clause == units[i].clause {
        let at = i > 1 && matches!(units[i - 2].info.kw, Kw::At | Kw::Very);
        if !at {
            *applied |= Rules::LEAST;
            return v * N_SCALAR;
        }
    }
    v
}
