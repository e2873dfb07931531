//! The vocabulary: one id per word that any stage knows, so that reading a text looks each word
//! up once and every stage takes what it needs about the word from its own table, by id.

use std::borrow::Cow;
use std::sync::Arc;

use super::has_letter_run;
use super::keys::{KeyTable, WordKey};
use super::names::COMMON_WORDS;

/// A word's id in a [`Vocabulary`].
pub(crate) type WordId = u32;

/// The id of a token that is no word of the vocabulary.
pub(crate) const NO_WORD: WordId = u32::MAX;

/// Every word the stages of one analyzer know (lexicon terms, the words the scoring rules
/// name, the literal words of cue patterns, the common words of the name heuristic), each with
/// an id. Ids are dense, start at 0 and never change once given: a vocabulary grows by
/// [`intern`](Self::intern)ing more words, so the tables a stage built against it stay valid
/// for every vocabulary that extends it.
#[derive(Clone, Debug)]
pub(crate) struct Vocabulary {
    /// Word → id. (Its long words' keys are borrowed from the built-in data where they come
    /// from it.)
    ids: KeyTable,
    /// The longest word, in bytes: longer tokens need no lookup.
    longest: usize,
    /// The ids of the one-byte ASCII words (punctuation, mostly): looked up by index.
    single_bytes: [WordId; 128],
    /// The ids of the [common words](COMMON_WORDS), which are never names: the first ids.
    commons: WordId,
    /// Per id, whether the word has one letter three times in a row ([`has_letter_run`]):
    /// the default scorer asks it of every word it does not know.
    letter_runs: Vec<bool>,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary::new()
    }
}

impl Vocabulary {
    /// A vocabulary holding the common words of the name heuristic (every reading needs them).
    pub(crate) fn new() -> Vocabulary {
        let mut vocabulary = Vocabulary::empty(COMMON_WORDS.len(), 0);
        for word in COMMON_WORDS {
            vocabulary.intern(Cow::Borrowed(word));
        }
        vocabulary.commons = vocabulary.len() as WordId;
        vocabulary
    }

    /// The id of `word` (lower-cased, as reading gives it), added if new.
    pub(crate) fn intern(&mut self, word: Cow<'static, str>) -> WordId {
        let (len, single) = match word.as_bytes() {
            &[b] if b < 128 => (1, Some(b)),
            bytes => (bytes.len(), None),
        };
        let run = has_letter_run(&word);
        let (id, new) = self.ids.get_or_insert(word, self.ids.len() as WordId);
        if new {
            self.letter_runs.push(run);
            if let Some(b) = single {
                self.single_bytes[b as usize] = id;
            }
            self.longest = self.longest.max(len);
        }
        id
    }

    /// A vocabulary of no words (not even the common ones): what a stage loaded from a
    /// snapshot holds until it is given the analyzer's (see `src/analyzer/snapshot.rs`).
    pub(crate) fn unset() -> Arc<Vocabulary> {
        Arc::new(Vocabulary::empty(0, 0))
    }

    /// A vocabulary of no words, with room for `words` of them, whose first `commons` will be
    /// the common words.
    fn empty(words: usize, commons: WordId) -> Vocabulary {
        Vocabulary {
            ids: KeyTable::with_capacity(words),
            longest: 0,
            single_bytes: [NO_WORD; 128],
            commons,
            letter_runs: Vec::with_capacity(words),
        }
    }

    /// The words in id order, and how many of the first are common words: all a snapshot
    /// keeps ([`from_words`](Self::from_words) gives the vocabulary back).
    #[cfg(test)]
    pub(crate) fn words(&self) -> (Vec<Cow<'_, str>>, WordId) {
        let mut words = vec![Cow::Borrowed(""); self.len()];
        for (word, id) in self.ids.entries() {
            words[id as usize] = word;
        }
        (words, self.commons)
    }

    /// The vocabulary whose words, in id order, are `words` (borrowed; `count` of them), the
    /// first `commons` of them common words: [`words`](Self::words) read back. A word given
    /// twice keeps its first id (ids then stop being dense: a snapshot never has one).
    pub(crate) fn from_words(
        words: impl IntoIterator<Item = &'static str>,
        count: usize,
        commons: WordId,
    ) -> Vocabulary {
        let mut vocabulary = Vocabulary::empty(count, commons);
        for word in words {
            vocabulary.intern(Cow::Borrowed(word));
        }
        vocabulary
    }

    /// Gives back the room its table grew into and no word took: a vocabulary is built once
    /// and kept.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.ids.shrink_to_fit();
        self.letter_runs.shrink_to_fit();
    }

    /// The id of a lower-cased token, or [`NO_WORD`].
    #[inline]
    pub(crate) fn id(&self, token: &str) -> WordId {
        if token.len() > self.longest {
            return NO_WORD;
        }
        if let &[b] = token.as_bytes()
            && b < 128
        {
            return self.single_bytes[b as usize];
        }
        self.ids.get(token).unwrap_or(NO_WORD)
    }

    /// The id of the lower-cased token whose [`WordKey`] is `key`, or [`NO_WORD`].
    #[inline]
    pub(crate) fn id_of_key(&self, key: WordKey) -> WordId {
        self.ids.get_key(key).unwrap_or(NO_WORD)
    }

    /// Whether word `id` has one letter three times in a row ([`has_letter_run`]); `None`
    /// for [`NO_WORD`].
    #[inline]
    pub(crate) fn letter_run(&self, id: WordId) -> Option<bool> {
        self.letter_runs.get(id as usize).copied()
    }

    /// How many words it holds (ids are `0..len`).
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether word `id` is a common word, never a name.
    #[inline]
    pub(crate) fn is_common(&self, id: WordId) -> bool {
        id < self.commons
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_dense_and_stable() {
        let mut v = Vocabulary::new();
        let commons = v.len();
        assert!(v.is_common(v.id("the")));
        let crash = v.intern("crash".into());
        let bang = v.intern("!".into());
        assert_eq!((crash, bang), (commons as u32, commons as u32 + 1));
        assert_eq!(v.intern("crash".into()), crash);
        let mut extended = v.clone();
        let slow = extended.intern("slow".into());
        assert_eq!((extended.id("crash"), extended.id("!")), (crash, bang));
        assert_eq!(extended.id("slow"), slow);
        assert_eq!(v.id("slow"), NO_WORD);
        assert!(!v.is_common(crash));
        assert_eq!(v.id("a much longer token than any word"), NO_WORD);
        // Whether a word has a letter run is kept by id, and only for words it holds.
        let sooo = v.intern("sooo".into());
        assert_eq!(v.letter_run(sooo), Some(true));
        assert_eq!(v.letter_run(crash), Some(false));
        assert_eq!(v.letter_run(NO_WORD), None);
    }
}
