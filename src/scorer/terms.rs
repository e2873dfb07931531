//! VADER's scalars and word lists, and the scorer's lookup tables: every word the rules care about — lexicon terms, boosters and
//! dampeners, negations, and the handful of words VADER's rules name — maps to one [`TermInfo`],
//! so scoring a word costs a single hash lookup.

use std::borrow::Cow;

use std::sync::Arc;

use crate::lexicon::{Lexicon, Term};
use crate::read::{Vocabulary, WordId, WordKey};

/// VADER's `B_INCR`: mean rating increase from a degree adverb (a booster).
pub(crate) const B_INCR: f64 = 0.293;
/// VADER's `B_DECR`: the decrease from a dampener.
pub(crate) const B_DECR: f64 = -0.293;
/// VADER's `C_INCR`: rating increase for an ALL-CAPS word in mixed-case text.
pub(crate) const C_INCR: f64 = 0.733;
/// VADER's `N_SCALAR`: the factor a negation applies.
pub(crate) const N_SCALAR: f64 = -0.74;

/// Words VADER's rules refer to by name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[repr(u8)]
pub(crate) enum Kw {
    #[default]
    None,
    No,
    Kind,
    Of,
    But,
    Least,
    At,
    Very,
    Never,
    So,
    This,
    Without,
    Doubt,
    Or,
    Nor,
    // Words of VADER's SPECIAL_CASES idioms and two-word boosters.
    The,
    Shit,
    Bomb,
    Bad,
    Ass,
    Bus,
    Stop,
    Yeah,
    Right,
    Kiss,
    Death,
    To,
    Die,
    For,
    Beating,
    Heart,
    Just,
    Enough,
    Sort,
    // Words the default preset's rules name.
    Like,
    Well,
    However,
    Although,
    Though,
    Except,
    Nevertheless,
    All,
    Only,
    Be,
    Pretty,
    Super,
    Yet,
    /// Words that open a subordinate clause ("how", "why", "because", ...): a negation before
    /// them does not reach past them.
    Subordinator,
    Despite,
    /// Interjections that work like emoticons ("lol", "smh"): no negation reaches them.
    Interjection,
    /// First- and second-person pronouns: the writer shows in the text.
    Person,
    /// Fillers that can stand before a one-word sarcastic clause ("oh great").
    Oh,
    Too,
    Can,
    Not,
    Yea,
}

impl Kw {
    /// The contrast words: "but", "however", "although", "though", "except", "nevertheless",
    /// "despite".
    pub(crate) fn is_contrast(self) -> bool {
        matches!(
            self,
            Kw::But
                | Kw::However
                | Kw::Although
                | Kw::Though
                | Kw::Except
                | Kw::Nevertheless
                | Kw::Despite
        )
    }
}

const KEYWORDS: &[(&str, Kw)] = &[
    ("no", Kw::No),
    ("kind", Kw::Kind),
    ("of", Kw::Of),
    ("but", Kw::But),
    ("least", Kw::Least),
    ("at", Kw::At),
    ("very", Kw::Very),
    ("never", Kw::Never),
    ("so", Kw::So),
    ("this", Kw::This),
    ("without", Kw::Without),
    ("doubt", Kw::Doubt),
    ("or", Kw::Or),
    ("nor", Kw::Nor),
    ("the", Kw::The),
    ("shit", Kw::Shit),
    ("bomb", Kw::Bomb),
    ("bad", Kw::Bad),
    ("ass", Kw::Ass),
    ("bus", Kw::Bus),
    ("stop", Kw::Stop),
    ("yeah", Kw::Yeah),
    ("right", Kw::Right),
    ("kiss", Kw::Kiss),
    ("death", Kw::Death),
    ("to", Kw::To),
    ("die", Kw::Die),
    ("for", Kw::For),
    ("beating", Kw::Beating),
    ("heart", Kw::Heart),
    ("just", Kw::Just),
    ("enough", Kw::Enough),
    ("sort", Kw::Sort),
    ("like", Kw::Like),
    ("well", Kw::Well),
    ("however", Kw::However),
    ("although", Kw::Although),
    ("though", Kw::Though),
    ("except", Kw::Except),
    ("nevertheless", Kw::Nevertheless),
    ("nonetheless", Kw::Nevertheless),
    ("all", Kw::All),
    ("only", Kw::Only),
    ("be", Kw::Be),
    ("been", Kw::Be),
    ("pretty", Kw::Pretty),
    ("super", Kw::Super),
    ("yet", Kw::Yet),
    ("how", Kw::Subordinator),
    ("what", Kw::Subordinator),
    ("why", Kw::Subordinator),
    ("when", Kw::Subordinator),
    ("where", Kw::Subordinator),
    ("if", Kw::Subordinator),
    ("because", Kw::Subordinator),
    ("cause", Kw::Subordinator),
    ("that", Kw::Subordinator),
    ("which", Kw::Subordinator),
    ("who", Kw::Subordinator),
    ("whether", Kw::Subordinator),
    ("since", Kw::Subordinator),
    ("unless", Kw::Subordinator),
    ("while", Kw::Subordinator),
    ("until", Kw::Subordinator),
    ("despite", Kw::Despite),
    ("lol", Kw::Interjection),
    ("lmao", Kw::Interjection),
    ("lmfao", Kw::Interjection),
    ("rofl", Kw::Interjection),
    ("haha", Kw::Interjection),
    ("hahaha", Kw::Interjection),
    ("omg", Kw::Interjection),
    ("wtf", Kw::Interjection),
    ("smh", Kw::Interjection),
    ("ugh", Kw::Interjection),
    ("yay", Kw::Interjection),
    ("meh", Kw::Interjection),
    ("fml", Kw::Interjection),
    ("ffs", Kw::Interjection),
    ("i", Kw::Person),
    ("me", Kw::Person),
    ("my", Kw::Person),
    ("mine", Kw::Person),
    ("myself", Kw::Person),
    ("i'm", Kw::Person),
    ("im", Kw::Person),
    ("i've", Kw::Person),
    ("ive", Kw::Person),
    ("i'd", Kw::Person),
    ("i'll", Kw::Person),
    ("we", Kw::Person),
    ("us", Kw::Person),
    ("our", Kw::Person),
    ("ours", Kw::Person),
    ("we're", Kw::Person),
    ("you", Kw::Person),
    ("your", Kw::Person),
    ("yours", Kw::Person),
    ("u", Kw::Person),
    ("ur", Kw::Person),
    ("you're", Kw::Person),
    ("youre", Kw::Person),
    ("oh", Kw::Oh),
    ("too", Kw::Too),
    ("can", Kw::Can),
    ("could", Kw::Can),
    ("not", Kw::Not),
    ("yea", Kw::Yea),
    ("ya", Kw::Yea),
];

/// VADER's `SPECIAL_CASES`: idioms whose valence replaces the word's. (`"badass": 1.5` is in
/// VADER's table too but can never match there: the table is consulted with two- and
/// three-word sequences only.)
pub(crate) const SPECIAL_CASES: &[(&[Kw], f64)] = &[
    (&[Kw::The, Kw::Shit], 3.0),
    (&[Kw::The, Kw::Bomb], 3.0),
    (&[Kw::Bad, Kw::Ass], 1.5),
    (&[Kw::Bus, Kw::Stop], 0.0),
    (&[Kw::Yeah, Kw::Right], -2.0),
    (&[Kw::Kiss, Kw::Of, Kw::Death], -1.5),
    (&[Kw::To, Kw::Die, Kw::For], 3.0),
    (&[Kw::Beating, Kw::Heart], 3.5),
];

/// VADER's two-word entries of `BOOSTER_DICT`, all dampeners.
pub(crate) const BOOSTER_BIGRAMS: &[([Kw; 2], f64)] = &[
    ([Kw::Just, Kw::Enough], B_DECR),
    ([Kw::Kind, Kw::Of], B_DECR),
    ([Kw::Sort, Kw::Of], B_DECR),
];

/// VADER's `NEGATE` list.
pub(crate) const VADER_NEGATIONS: &[&str] = &[
    "aint",
    "arent",
    "cannot",
    "cant",
    "couldnt",
    "darent",
    "didnt",
    "doesnt",
    "ain't",
    "aren't",
    "can't",
    "couldn't",
    "daren't",
    "didn't",
    "doesn't",
    "dont",
    "hadnt",
    "hasnt",
    "havent",
    "isnt",
    "mightnt",
    "mustnt",
    "neither",
    "don't",
    "hadn't",
    "hasn't",
    "haven't",
    "isn't",
    "mightn't",
    "mustn't",
    "neednt",
    "needn't",
    "never",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "oughtnt",
    "shant",
    "shouldnt",
    "uhuh",
    "wasnt",
    "werent",
    "oughtn't",
    "shan't",
    "shouldn't",
    "uh-uh",
    "wasn't",
    "weren't",
    "without",
    "wont",
    "wouldnt",
    "won't",
    "wouldn't",
    "rarely",
    "seldom",
    "despite",
];

/// The default preset's negations: VADER's list with both apostrophes, and the pronouns and
/// adverbs of negation VADER lacks. Any word containing "n't" (either apostrophe) negates too.
pub(crate) const EARSHOT_NEGATIONS: &[&str] = &[
    "nobody", "noone", "nothing", "nowhere", "none", "neither", "nor", "never", "not", "no",
    "cannot", "without", "lack", "lacks", "lacked", "n't", "nt", "aint", "arent", "cant",
    "couldnt", "didnt", "doesnt", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt",
    "neednt", "shouldnt", "wasnt", "werent", "wont", "wouldnt", "rarely", "seldom", "nope",
    "uh-uh", "uhuh",
];

/// The default preset's extra boosters (beside VADER's): intensifiers common in posts.
pub(crate) const EARSHOT_EXTRA_BOOSTERS: &[(&str, f64)] = &[
    ("insanely", B_INCR),
    ("ridiculously", B_INCR),
    ("seriously", B_INCR),
    ("truly", B_INCR),
    ("super", B_INCR),
    ("pretty", B_INCR),
    ("soo", B_INCR),
    ("sooo", B_INCR),
    ("mega", B_INCR),
    ("way", B_INCR),
    ("too", B_INCR),
    ("damn", B_INCR),
    ("freaking", B_INCR),
    ("bloody", B_INCR),
];

/// VADER's single-word `BOOSTER_DICT` entries.
pub(crate) const VADER_BOOSTERS: &[(&str, f64)] = &[
    ("absolutely", B_INCR),
    ("amazingly", B_INCR),
    ("awfully", B_INCR),
    ("completely", B_INCR),
    ("considerable", B_INCR),
    ("considerably", B_INCR),
    ("decidedly", B_INCR),
    ("deeply", B_INCR),
    ("effing", B_INCR),
    ("enormous", B_INCR),
    ("enormously", B_INCR),
    ("entirely", B_INCR),
    ("especially", B_INCR),
    ("exceptional", B_INCR),
    ("exceptionally", B_INCR),
    ("extreme", B_INCR),
    ("extremely", B_INCR),
    ("fabulously", B_INCR),
    ("flipping", B_INCR),
    ("flippin", B_INCR),
    ("frackin", B_INCR),
    ("fracking", B_INCR),
    ("fricking", B_INCR),
    ("frickin", B_INCR),
    ("frigging", B_INCR),
    ("friggin", B_INCR),
    ("fully", B_INCR),
    ("fuckin", B_INCR),
    ("fucking", B_INCR),
    ("fuggin", B_INCR),
    ("fugging", B_INCR),
    ("greatly", B_INCR),
    ("hella", B_INCR),
    ("highly", B_INCR),
    ("hugely", B_INCR),
    ("incredible", B_INCR),
    ("incredibly", B_INCR),
    ("intensely", B_INCR),
    ("major", B_INCR),
    ("majorly", B_INCR),
    ("more", B_INCR),
    ("most", B_INCR),
    ("particularly", B_INCR),
    ("purely", B_INCR),
    ("quite", B_INCR),
    ("really", B_INCR),
    ("remarkably", B_INCR),
    ("so", B_INCR),
    ("substantially", B_INCR),
    ("thoroughly", B_INCR),
    ("total", B_INCR),
    ("totally", B_INCR),
    ("tremendous", B_INCR),
    ("tremendously", B_INCR),
    ("uber", B_INCR),
    ("unbelievably", B_INCR),
    ("unusually", B_INCR),
    ("utter", B_INCR),
    ("utterly", B_INCR),
    ("very", B_INCR),
    ("almost", B_DECR),
    ("barely", B_DECR),
    ("hardly", B_DECR),
    ("kinda", B_DECR),
    ("kindof", B_DECR),
    ("kind-of", B_DECR),
    ("less", B_DECR),
    ("little", B_DECR),
    ("marginal", B_DECR),
    ("marginally", B_DECR),
    ("occasional", B_DECR),
    ("occasionally", B_DECR),
    ("partly", B_DECR),
    ("scarce", B_DECR),
    ("scarcely", B_DECR),
    ("slight", B_DECR),
    ("slightly", B_DECR),
    ("somewhat", B_DECR),
    ("sorta", B_DECR),
    ("sortof", B_DECR),
    ("sort-of", B_DECR),
];

/// What the rules know about one (lower-cased) word, in 16 bytes (one lookup brings it
/// whole; a word table of ten thousand words stays small in cache).
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct TermInfo {
    /// Lexicon valence, when [`TermInfo::HAS_VALENCE`] is set.
    valence: f64,
    bits: u8,
    /// The word, if a rule names it.
    pub kw: Kw,
    /// The small word lists of the default preset's rules the word is in.
    pub sets: WordSets,
}

impl TermInfo {
    const HAS_VALENCE: u8 = 1;
    /// A booster: VADER's [`B_INCR`].
    const BOOSTS: u8 = 1 << 1;
    /// A dampener: VADER's [`B_DECR`].
    const DAMPENS: u8 = 1 << 2;
    const NEGATION: u8 = 1 << 3;
    const PHRASE: u8 = 1 << 4;

    /// Lexicon valence, if the word is in the lexicon.
    #[inline]
    pub(crate) fn valence(&self) -> Option<f64> {
        (self.bits & Self::HAS_VALENCE != 0).then_some(self.valence)
    }

    pub(crate) fn set_valence(&mut self, v: f64) {
        self.valence = v;
        self.bits |= Self::HAS_VALENCE;
    }

    /// Booster (positive) or dampener (negative) increment, if the word is one.
    #[inline]
    pub(crate) fn booster(&self) -> Option<f64> {
        if self.bits & Self::BOOSTS != 0 {
            Some(B_INCR)
        } else if self.bits & Self::DAMPENS != 0 {
            Some(B_DECR)
        } else {
            None
        }
    }

    /// Makes the word a booster (`increment` > 0) or dampener; every booster of VADER's and
    /// earshot's lists moves by VADER's one step, [`B_INCR`] or [`B_DECR`].
    fn set_booster(&mut self, increment: f64) {
        debug_assert!(increment == B_INCR || increment == B_DECR);
        self.bits &= !(Self::BOOSTS | Self::DAMPENS);
        self.bits |= if increment > 0.0 {
            Self::BOOSTS
        } else {
            Self::DAMPENS
        };
    }

    /// The word is in the negation list.
    #[inline]
    pub(crate) fn negation(&self) -> bool {
        self.bits & Self::NEGATION != 0
    }

    /// The word starts a multi-word lexicon term.
    #[inline]
    pub(crate) fn phrase(&self) -> bool {
        self.bits & Self::PHRASE != 0
    }

    /// Whether the scoring rules know anything about the word.
    #[inline]
    pub(crate) fn is_known(&self) -> bool {
        // `*self != TermInfo::default()`, the byte fields first, in one test (no short
        // circuit through four comparisons).
        (self.bits | self.kw as u8 | self.sets.0) != 0 || self.valence != 0.0
    }
}

/// Small word lists that rules of the default preset test a word against (each list is
/// written beside its rule; the word table records membership, so a test is a bit test).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct WordSets(u8);

impl WordSets {
    /// Words after which "like" is a verb (`default/senses.rs`).
    pub(crate) const LIKE_AFTER: WordSets = WordSets(1);
    /// "what" (`default/negation.rs`).
    pub(crate) const WHAT: WordSets = WordSets(1 << 1);
    /// "how" (`default/negation.rs`).
    pub(crate) const HOW: WordSets = WordSets(1 << 2);
    /// The subjects of "how can you not ..." (`default/negation.rs`).
    pub(crate) const RHETORICAL_SUBJECT: WordSets = WordSets(1 << 3);
    /// Comparatives of "couldn't be better" (`default/negation.rs`).
    pub(crate) const COMPARATIVE: WordSets = WordSets(1 << 4);
    /// Words before a negating infinitive: "hard to like" (`default/negation.rs`).
    pub(crate) const INFINITIVE_HEAD: WordSets = WordSets(1 << 5);

    /// Whether the two share a list.
    #[inline]
    pub(crate) fn intersects(self, other: WordSets) -> bool {
        self.0 & other.0 != 0
    }
}

/// Where [`fill`] puts what it learns about each term.
pub(crate) trait TermSlots {
    /// The record of `term` (a single lower-cased word), created empty if new.
    fn slot(&mut self, term: Term) -> &mut TermInfo;
}

/// Records a lexicon's single-word terms and a preset's rule word lists — boosters and
/// dampeners, negations, the words rules name — in `slots`. Multi-word terms are left out: a
/// word read from a text never holds a space.
pub(crate) fn fill(
    slots: &mut impl TermSlots,
    lexicon: &Lexicon,
    boosters: &[(&'static str, f64)],
    negations: &[&'static str],
) {
    for (term, v) in lexicon.iter_unordered() {
        // A short term is cheaper to scan than to hand to `memchr` (`<[u8]>::contains`).
        if !term.bytes().any(|b| b == b' ') {
            // Built-in terms are borrowed: cloning them costs nothing.
            slots.slot(term.clone()).set_valence(v);
        }
    }
    for &(term, b) in boosters {
        slots.slot(Cow::Borrowed(term)).set_booster(b);
    }
    for &term in negations {
        slots.slot(Cow::Borrowed(term)).bits |= TermInfo::NEGATION;
    }
    for &(term, kw) in KEYWORDS {
        slots.slot(Cow::Borrowed(term)).kw = kw;
    }
}

/// Lower-cased word → [`TermInfo`]: the VADER preset's table, read with the words VADER's own
/// splitting gives (one lookup gives a word's whole record).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct TermTable {
    /// Word → its place in `infos`.
    words: crate::read::KeyTable,
    infos: Vec<TermInfo>,
}

impl TermSlots for TermTable {
    fn slot(&mut self, term: Term) -> &mut TermInfo {
        let (i, new) = self.words.get_or_insert(term, self.infos.len() as u32);
        if new {
            self.infos.push(TermInfo::default());
        }
        &mut self.infos[i as usize]
    }
}

impl TermTable {
    /// The table for a lexicon plus a preset's rule word lists.
    pub(crate) fn new(
        lexicon: &Lexicon,
        boosters: &[(&'static str, f64)],
        negations: &[&'static str],
    ) -> TermTable {
        let mut table = TermTable {
            words: crate::read::KeyTable::new(),
            infos: Vec::with_capacity(lexicon.len() + 256),
        };
        fill(&mut table, lexicon, boosters, negations);
        table.words.shrink_to_fit();
        table.infos.shrink_to_fit();
        table
    }

    /// What the rules know about `lower` (a lower-cased word); all-default for other words.
    #[inline]
    pub(crate) fn get(&self, lower: &str) -> TermInfo {
        self.info_at(self.words.get(lower))
    }

    /// What the rules know about the lower-cased word whose key is `key`.
    #[inline(always)]
    pub(crate) fn get_key(&self, key: WordKey) -> TermInfo {
        self.info_at(self.words.get_key(key))
    }

    #[inline(always)]
    fn info_at(&self, at: Option<u32>) -> TermInfo {
        at.and_then(|i| self.infos.get(i as usize))
            .copied()
            .unwrap_or_default()
    }
}

/// The default preset's table: a [`TermInfo`] per word of the analyzer's [`Vocabulary`], by id
/// (reading looks each word up once, for every stage).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct WordTable {
    /// The analyzer's, shared: a snapshot holds it once (see `src/analyzer/snapshot.rs`).
    #[serde(skip, default = "Vocabulary::unset")]
    vocabulary: Arc<Vocabulary>,
    infos: Vec<TermInfo>,
}

/// Building a [`WordTable`]: words are interned into the vocabulary as they come.
struct WordSlots<'a> {
    vocabulary: &'a mut Vocabulary,
    infos: Vec<TermInfo>,
}

impl TermSlots for WordSlots<'_> {
    fn slot(&mut self, term: Term) -> &mut TermInfo {
        let id = self.vocabulary.intern(term) as usize;
        if id >= self.infos.len() {
            self.infos.resize(id + 1, TermInfo::default());
        }
        &mut self.infos[id]
    }
}

impl WordTable {
    /// The table for a lexicon plus a preset's rule word lists, the words that start phrases
    /// (by id) and the rules' word `sets`, its words interned into `vocabulary` (which may
    /// already hold other stages' words: their ids are kept).
    pub(crate) fn new<'s>(
        mut vocabulary: Vocabulary,
        lexicon: &Lexicon,
        boosters: &[(&'static str, f64)],
        negations: &[&'static str],
        phrase_starts: impl IntoIterator<Item = WordId>,
        sets: impl IntoIterator<Item = (&'s str, WordSets)>,
    ) -> WordTable {
        // The vocabulary is not reserved for the lexicon: most of its words are interned
        // already (the built-in chain's fit the table as it is), and room reserved here would
        // cost two rehashes, one to grow and one to give the room back.
        let most = vocabulary.len() + lexicon.len() + boosters.len() + negations.len() + 64;
        let mut slots = WordSlots {
            vocabulary: &mut vocabulary,
            infos: Vec::with_capacity(most),
        };
        fill(&mut slots, lexicon, boosters, negations);
        for (word, set) in sets {
            let info = slots.slot(Cow::Owned(word.to_string()));
            info.sets = WordSets(info.sets.0 | set.0);
        }
        let mut infos = slots.infos;
        infos.resize(vocabulary.len(), TermInfo::default());
        for id in phrase_starts {
            infos[id as usize].bits |= TermInfo::PHRASE;
        }
        // Interning is over: room the table grew into and no word took would stay empty for
        // good (a no-op when it has none, as for the built-in chain).
        vocabulary.shrink_to_fit();
        WordTable {
            vocabulary: Arc::new(vocabulary),
            infos,
        }
    }

    /// The vocabulary the table is indexed by.
    pub(crate) fn vocabulary(&self) -> &Arc<Vocabulary> {
        &self.vocabulary
    }

    /// Reads with `vocabulary`, which holds the table's words with the ids it was built with.
    pub(crate) fn share_vocabulary(&mut self, vocabulary: &Arc<Vocabulary>) {
        self.vocabulary = Arc::clone(vocabulary);
    }

    /// What the rules know about word `id`; all-default for other words and
    /// [`NO_WORD`](crate::read::NO_WORD).
    #[inline]
    pub(crate) fn info(&self, id: WordId) -> TermInfo {
        self.infos.get(id as usize).copied().unwrap_or_default()
    }

    /// What the rules know about `lower` (a lower-cased word), looked up.
    #[inline]
    pub(crate) fn get(&self, lower: &str) -> TermInfo {
        self.info(self.vocabulary.id(lower))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`TermInfo::is_known`] is "differs from the default record": each field set alone
    /// (a valence of −0.0 is no valence), and the default itself.
    #[test]
    fn a_record_is_known_when_it_differs_from_the_default() {
        let mut rows = vec![(TermInfo::default(), false)];
        let mut with_valence = TermInfo::default();
        with_valence.set_valence(1.5);
        rows.push((with_valence, true));
        let mut zero_valence = TermInfo::default();
        zero_valence.set_valence(0.0);
        rows.push((zero_valence, true));
        rows.push((
            TermInfo {
                valence: -0.0,
                ..TermInfo::default()
            },
            false,
        ));
        rows.push((
            TermInfo {
                valence: 2.0,
                ..TermInfo::default()
            },
            true,
        ));
        let mut booster = TermInfo::default();
        booster.set_booster(B_DECR);
        rows.push((booster, true));
        rows.push((
            TermInfo {
                kw: Kw::But,
                ..TermInfo::default()
            },
            true,
        ));
        rows.push((
            TermInfo {
                sets: WordSets::HOW,
                ..TermInfo::default()
            },
            true,
        ));
        for (info, known) in rows {
            assert_eq!(info.is_known(), known, "{info:?}");
            assert_eq!(info != TermInfo::default(), known, "{info:?}");
        }
    }
}
