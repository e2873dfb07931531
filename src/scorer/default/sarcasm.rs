//! Sarcasm markers that reverse what the words say ([`Rules::SARCASM`]):
//!
//! * "The movie was funny... not." — a sentence that is just "not" reverses the praise of the
//!   one before;
//! * "Yeah right, great service." — "yeah right" opening a sentence is blame, and turns the
//!   sentence's praise into blame;
//! * "Lovely." / "Great, another outage." — a clause made only of one positive word (perhaps
//!   after "oh", "just", "so" or a booster), in a text that is otherwise negative.

use super::note;
use super::units::{Sentence, Unit, UnitKind};
use crate::scorer::Rules;
use crate::scorer::terms::{Kw, N_SCALAR};

/// The valence of "yeah right" opening a sentence.
const YEAH_RIGHT: f64 = -1.0;

/// Applies the sarcasm markers to the text's sentiments.
pub(super) fn apply(
    units: &[Unit],
    sentiments: &mut [f64],
    rules: &mut [Rules],
    sentences: &[Sentence],
) {
    let reverse_praise =
        |sentiments: &mut [f64], rules: &mut [Rules], range: std::ops::Range<usize>| {
            for j in range {
                if sentiments[j] > 0.0 {
                    sentiments[j] *= N_SCALAR;
                    note(rules, j, Rules::SARCASM);
                }
            }
        };
    for (k, s) in sentences.iter().enumerate() {
        let words = &units[s.first..s.end];
        if k > 0 && words.len() == 1 && words[0].info.kw == Kw::Not {
            let prev = &sentences[k - 1];
            reverse_praise(sentiments, rules, prev.first..prev.end);
        }
        if words.len() >= 2
            && matches!(words[0].info.kw, Kw::Yeah | Kw::Yea)
            && words[1].info.kw == Kw::Right
        {
            sentiments[s.first] = YEAH_RIGHT;
            note(rules, s.first, Rules::SARCASM);
            reverse_praise(sentiments, rules, s.first + 2..s.end);
        }
    }
    // A lone positive word in a negative text. Clauses are runs of consecutive units, so one
    // pass finds each clause's extent. (Without a negative word, or without a positive one
    // to reverse, there is nothing to look for.)
    if !sentiments.iter().any(|&v| v < 0.0) || !sentiments.iter().any(|&v| v > 0.0) {
        return;
    }
    let total: f64 = sentiments.iter().sum();
    let filler = |u: &Unit| {
        matches!(u.info.kw, Kw::Oh | Kw::Just | Kw::Subordinator | Kw::So)
            || u.info.booster().is_some()
    };
    let mut start = 0;
    while start < units.len() {
        let clause = units[start].clause;
        let mut end = start;
        let (mut count, mut only) = (0, start);
        while end < units.len() && units[end].clause == clause {
            if !filler(&units[end]) {
                count += 1;
                only = end;
            }
            end += 1;
        }
        let v = sentiments[only];
        if count == 1 && v > 0.0 && units[only].kind == UnitKind::Word && total - v < 0.0 {
            sentiments[only] *= N_SCALAR;
            note(rules, only, Rules::SARCASM);
        }
        start = end;
    }
}
