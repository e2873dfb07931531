//! Multi-word expressions of the lexicon ("on hold", "took forever", "works like a charm"):
//! matched over consecutive units of one clause, a phrase's valence replaces its words'
//! (noted [`Rules::PHRASE`] on its first word).

use std::borrow::Cow;
use std::collections::HashMap;

use super::note;
use super::units::Unit;
use crate::lexicon::Lexicon;
use crate::read::{Vocabulary, WordId};
use crate::scorer::Rules;
use crate::util::FastHash;

/// Lexicon phrases are at most this many words long (longer ones are never matched).
const MAX_PHRASE: usize = 6;

/// A multi-word term without its first word: the other words' ids, and the term's valence.
type PhraseTail = (Box<[WordId]>, f64);

/// The lexicon's multi-word terms, by the ids of their first two words (a unit that starts
/// a phrase is looked up with the unit after it, so only the phrases that go on with that word
/// are tried).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub(super) struct Phrases {
    /// In a snapshot by first two words, so that its bytes do not depend on the table's layout.
    #[serde(serialize_with = "sorted_by_pair")]
    by_pair: HashMap<(WordId, WordId), Vec<PhraseTail>, FastHash>,
}

/// The phrases' table in the order of its keys.
fn sorted_by_pair<S: serde::Serializer>(
    by_pair: &HashMap<(WordId, WordId), Vec<PhraseTail>, FastHash>,
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut entries: Vec<_> = by_pair.iter().collect();
    entries.sort_unstable_by_key(|&(pair, _)| *pair);
    s.collect_map(entries)
}

impl Phrases {
    /// The multi-word terms of `lexicon`, their words interned into `vocabulary`.
    pub(super) fn new(lexicon: &Lexicon, vocabulary: &mut Vocabulary) -> Phrases {
        let mut by_pair: HashMap<(WordId, WordId), Vec<PhraseTail>, FastHash> = HashMap::default();
        for (term, v) in lexicon.iter_unordered() {
            // Most terms are single words: skip them before splitting (a short term is cheaper
            // to scan than to hand to `memchr`).
            if !term.bytes().any(|b| b == b' ') {
                continue;
            }
            // A built-in term's words are borrowed from the crate's data, as the term is: no
            // copy of each word to intern it (most are in the vocabulary already).
            let words: Vec<Cow<'static, str>> = match term {
                Cow::Borrowed(term) => term.split(' ').map(Cow::Borrowed).collect(),
                Cow::Owned(term) => term.split(' ').map(|w| Cow::Owned(w.to_string())).collect(),
            };
            if words.len() < 2 || words.len() > MAX_PHRASE {
                continue;
            }
            let mut ids = words.into_iter().map(|w| vocabulary.intern(w));
            let first = ids.next().unwrap_or(crate::read::NO_WORD);
            let rest: Box<[WordId]> = ids.collect();
            let second = rest.first().copied().unwrap_or(crate::read::NO_WORD);
            by_pair.entry((first, second)).or_default().push((rest, v));
        }
        for candidates in by_pair.values_mut() {
            // Longest first; ties in a fixed order so matching never depends on hash order.
            candidates.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        Phrases { by_pair }
    }

    /// The ids of the words a phrase starts with.
    pub(super) fn first_words(&self) -> impl Iterator<Item = WordId> + '_ {
        self.by_pair.keys().map(|&(first, _)| first)
    }

    /// Finds phrases starting at the units `starts` (those whose word starts a phrase), the
    /// longest first: the phrase's valence goes on its first unit, the other units are marked
    /// as inside it.
    pub(super) fn match_all(&self, units: &mut [Unit], starts: &[usize], rules: &mut [Rules]) {
        let mut covered_until = 0;
        for &i in starts {
            if i < covered_until {
                continue;
            }
            // Every phrase has a second word: a unit at the end of the text starts none.
            let Some(next) = units.get(i + 1) else {
                continue;
            };
            let Some(candidates) = self.by_pair.get(&(units[i].id, next.id)) else {
                continue;
            };
            for (rest, valence) in candidates {
                let fits = i + rest.len() < units.len()
                    && rest.iter().enumerate().all(|(k, &w)| {
                        let u = &units[i + 1 + k];
                        u.clause == units[i].clause && u.id == w
                    });
                if fits {
                    let head = &mut units[i];
                    head.base = *valence;
                    head.info.set_valence(*valence);
                    head.negator = false;
                    head.phrase_start = true;
                    note(rules, i, Rules::PHRASE);
                    for u in &mut units[i + 1..=i + rest.len()] {
                        u.in_phrase = true;
                        u.negator = false;
                        u.base = 0.0;
                    }
                    covered_until = i + 1 + rest.len();
                    break;
                }
            }
        }
    }
}
