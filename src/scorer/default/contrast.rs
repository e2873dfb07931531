//! Contrast inside a sentence, at its first contrast word: with "but", "however", "except",
//! "nevertheless", what comes before counts half and what follows one and a half (VADER's
//! weights for "but"); "Although X, Y" (also "though", "despite") makes X the weak side, "Y,
//! although X" the part after the word; "not only X but Y" adds rather than contrasts. Noted
//! [`Rules::BEFORE_BUT`] on the weak side and [`Rules::AFTER_BUT`] on the strong side.

use super::note;
use super::units::{Sentence, Unit};
use crate::scorer::Rules;
use crate::scorer::terms::Kw;

/// Contrast weights: the weak and the strong side (VADER's values for "but").
const WEAK_SIDE: f64 = 0.5;
const STRONG_SIDE: f64 = 1.5;

/// Weighs the sentiments of sentence `s` by side of its contrast word, if it has one.
pub(super) fn apply(units: &[Unit], sentiments: &mut [f64], rules: &mut [Rules], s: &Sentence) {
    let Some(ci) = s.contrast else {
        return;
    };
    let not_only = (s.first..ci)
        .any(|j| units[j].negator && matches!(units[j + 1].info.kw, Kw::Only | Kw::Just));
    if not_only {
        return;
    }
    let concessive = matches!(units[ci].info.kw, Kw::Although | Kw::Though | Kw::Despite);
    let clause = units[ci].clause;
    for j in s.first..s.end {
        if j == ci || sentiments[j] == 0.0 {
            continue;
        }
        let weak = match (concessive, ci == s.first) {
            // "Although X, Y": the concession's own clause is weak.
            (true, true) => units[j].clause == clause,
            // "Y, although X": what follows the word is weak.
            (true, false) => j > ci,
            // "X but Y": what precedes is weak.
            (false, _) => j < ci,
        };
        if weak {
            sentiments[j] *= WEAK_SIDE;
            note(rules, j, Rules::BEFORE_BUT);
        } else {
            sentiments[j] *= STRONG_SIDE;
            note(rules, j, Rules::AFTER_BUT);
        }
    }
}
