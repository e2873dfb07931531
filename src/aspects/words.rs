//! The words that give a sentence its structure, as the aspect stage reads it: where clauses
//! and sentences end, which words join a subject to what is said of it, which ones contrast,
//! coordinate, negate or refer back. General English, written here beside the rules that test
//! them (`attach.rs`), and recorded per vocabulary id so that a test is a bit test.

use crate::read::{Word, Words};
use crate::tokenizer::{Flags, TokenKind};

/// What a word does in a sentence's structure (a bitset).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct WordRoles(u16);

impl WordRoles {
    /// Joins a subject to what is said of it: "the soup *was* cold", "it *tastes* great".
    pub(super) const COPULA: WordRoles = WordRoles(1);
    /// Opens a clause that contrasts with what came before: "but", "although".
    pub(super) const CONTRAST: WordRoles = WordRoles(1 << 1);
    /// Coordinates: "great food *and* friendly staff".
    pub(super) const AND: WordRoles = WordRoles(1 << 2);
    /// Negates what follows: "not", "never", "no".
    pub(super) const NEGATOR: WordRoles = WordRoles(1 << 3);
    /// Refers back to something named before: "*it* was cold".
    pub(super) const PRONOUN: WordRoles = WordRoles(1 << 4);
    /// Opens a noun phrase: "*the* host, *the* bartender and *the* servers".
    pub(super) const DETERMINER: WordRoles = WordRoles(1 << 5);
    /// A plural copula: "the pasta and the salad *were* cold" says it of both.
    pub(super) const PLURAL: WordRoles = WordRoles(1 << 6);
    /// Opens a prepositional phrase: "waited *for* the bill", "great *for* the price".
    pub(super) const PREPOSITION: WordRoles = WordRoles(1 << 7);
    /// Opens a relative clause about the noun before it: "soy mayonnaise *which* is good".
    pub(super) const RELATIVE: WordRoles = WordRoles(1 << 8);
    /// Denies the thing named after it, rather than what its clause says: "*no* wine", "*lack*
    /// of flavour", "*without* the sauce" (beside "the waiter did*n't* bring the wine").
    pub(super) const DENIES: WordRoles = WordRoles(1 << 9);
    /// Answers, thanks and asks, which address the reader and judge nothing named: "she said
    /// *yes*", "*thanks* ladies, I'll get your check", "*please* have the dip", "*lol*".
    pub(super) const INTERJECTION: WordRoles = WordRoles(1 << 10);

    /// Whether the two share a role.
    #[inline]
    pub(super) fn has(self, other: WordRoles) -> bool {
        self.0 & other.0 != 0
    }

    pub(super) const fn union(self, other: WordRoles) -> WordRoles {
        WordRoles(self.0 | other.0)
    }
}

/// The structure words and their roles.
pub(super) const FUNCTION_WORDS: &[(&str, WordRoles)] = &[
    // Copulas and verbs of perception, which say what their subject is like.
    ("is", WordRoles::COPULA),
    ("was", WordRoles::COPULA),
    ("are", WordRoles::COPULA.union(WordRoles::PLURAL)),
    ("were", WordRoles::COPULA.union(WordRoles::PLURAL)),
    ("be", WordRoles::COPULA),
    ("been", WordRoles::COPULA),
    ("being", WordRoles::COPULA),
    ("am", WordRoles::COPULA),
    ("isn't", WordRoles::COPULA.union(WordRoles::NEGATOR)),
    ("wasn't", WordRoles::COPULA.union(WordRoles::NEGATOR)),
    (
        "aren't",
        WordRoles::COPULA
            .union(WordRoles::NEGATOR)
            .union(WordRoles::PLURAL),
    ),
    (
        "weren't",
        WordRoles::COPULA
            .union(WordRoles::NEGATOR)
            .union(WordRoles::PLURAL),
    ),
    ("seem", WordRoles::COPULA),
    ("seems", WordRoles::COPULA),
    ("seemed", WordRoles::COPULA),
    ("look", WordRoles::COPULA),
    ("looks", WordRoles::COPULA),
    ("looked", WordRoles::COPULA),
    ("taste", WordRoles::COPULA),
    ("tastes", WordRoles::COPULA),
    ("tasted", WordRoles::COPULA),
    ("smell", WordRoles::COPULA),
    ("smells", WordRoles::COPULA),
    ("smelled", WordRoles::COPULA),
    ("smelt", WordRoles::COPULA),
    ("feel", WordRoles::COPULA),
    ("feels", WordRoles::COPULA),
    ("felt", WordRoles::COPULA),
    ("sound", WordRoles::COPULA),
    ("sounds", WordRoles::COPULA),
    ("sounded", WordRoles::COPULA),
    ("become", WordRoles::COPULA),
    ("becomes", WordRoles::COPULA),
    ("became", WordRoles::COPULA),
    ("remain", WordRoles::COPULA),
    ("remains", WordRoles::COPULA),
    ("remained", WordRoles::COPULA),
    ("stay", WordRoles::COPULA),
    ("stays", WordRoles::COPULA),
    ("stayed", WordRoles::COPULA),
    ("get", WordRoles::COPULA),
    ("gets", WordRoles::COPULA),
    ("got", WordRoles::COPULA),
    // Verbs of having, which say what their subject is like ("the bar has a great vibe").
    ("has", WordRoles::COPULA),
    ("have", WordRoles::COPULA.union(WordRoles::PLURAL)),
    ("had", WordRoles::COPULA),
    ("it's", WordRoles::COPULA.union(WordRoles::PRONOUN)),
    ("its", WordRoles::PRONOUN),
    (
        "they're",
        WordRoles::COPULA
            .union(WordRoles::PRONOUN)
            .union(WordRoles::PLURAL),
    ),
    ("that's", WordRoles::COPULA.union(WordRoles::PRONOUN)),
    ("this's", WordRoles::COPULA.union(WordRoles::PRONOUN)),
    // Contrast: each side of "but" is judged on its own.
    ("but", WordRoles::CONTRAST),
    ("however", WordRoles::CONTRAST),
    ("although", WordRoles::CONTRAST),
    ("though", WordRoles::CONTRAST),
    ("altho", WordRoles::CONTRAST),
    ("yet", WordRoles::CONTRAST),
    ("whereas", WordRoles::CONTRAST),
    ("while", WordRoles::CONTRAST),
    ("whilst", WordRoles::CONTRAST),
    ("except", WordRoles::CONTRAST),
    ("despite", WordRoles::CONTRAST),
    ("nevertheless", WordRoles::CONTRAST),
    ("nonetheless", WordRoles::CONTRAST),
    ("otherwise", WordRoles::CONTRAST),
    ("unfortunately", WordRoles::CONTRAST),
    // Coordination: "great food and friendly staff" joins two judgements.
    ("and", WordRoles::AND),
    ("or", WordRoles::AND),
    ("nor", WordRoles::AND.union(WordRoles::NEGATOR)),
    ("plus", WordRoles::AND),
    ("&", WordRoles::AND),
    // Negation of a word the lexicon does not know (see `AspectSpec::valences`).
    ("not", WordRoles::NEGATOR),
    ("no", WordRoles::NEGATOR.union(WordRoles::DENIES)),
    ("never", WordRoles::NEGATOR),
    ("without", WordRoles::NEGATOR.union(WordRoles::DENIES)),
    ("hardly", WordRoles::NEGATOR),
    ("barely", WordRoles::NEGATOR),
    ("cannot", WordRoles::NEGATOR),
    ("neither", WordRoles::NEGATOR),
    ("nobody", WordRoles::NEGATOR),
    ("noone", WordRoles::NEGATOR),
    ("nothing", WordRoles::NEGATOR),
    ("nowhere", WordRoles::NEGATOR),
    ("none", WordRoles::NEGATOR),
    ("lack", WordRoles::NEGATOR.union(WordRoles::DENIES)),
    ("lacks", WordRoles::NEGATOR.union(WordRoles::DENIES)),
    ("lacked", WordRoles::NEGATOR.union(WordRoles::DENIES)),
    ("rarely", WordRoles::NEGATOR),
    ("seldom", WordRoles::NEGATOR),
    ("dont", WordRoles::NEGATOR),
    ("didnt", WordRoles::NEGATOR),
    ("doesnt", WordRoles::NEGATOR),
    ("cant", WordRoles::NEGATOR),
    ("couldnt", WordRoles::NEGATOR),
    ("wont", WordRoles::NEGATOR),
    ("wouldnt", WordRoles::NEGATOR),
    ("isnt", WordRoles::NEGATOR),
    ("wasnt", WordRoles::NEGATOR),
    ("arent", WordRoles::NEGATOR),
    ("werent", WordRoles::NEGATOR),
    ("havent", WordRoles::NEGATOR),
    ("hasnt", WordRoles::NEGATOR),
    ("hadnt", WordRoles::NEGATOR),
    ("shouldnt", WordRoles::NEGATOR),
    ("aint", WordRoles::NEGATOR),
    // Interjections: what they say is said to the reader, not of a thing named.
    ("yes", WordRoles::INTERJECTION),
    ("yeah", WordRoles::INTERJECTION),
    ("thanks", WordRoles::INTERJECTION),
    ("thank", WordRoles::INTERJECTION),
    ("please", WordRoles::INTERJECTION),
    ("lol", WordRoles::INTERJECTION),
    ("haha", WordRoles::INTERJECTION),
    // Subjects that refer back: a sentence that opens with one is about what came before.
    ("it", WordRoles::PRONOUN),
    ("they", WordRoles::PRONOUN),
    ("this", WordRoles::PRONOUN),
    ("that", WordRoles::PRONOUN.union(WordRoles::RELATIVE)),
    ("which", WordRoles::RELATIVE),
    ("who", WordRoles::RELATIVE),
    ("these", WordRoles::PRONOUN),
    ("those", WordRoles::PRONOUN),
    ("he", WordRoles::PRONOUN),
    ("she", WordRoles::PRONOUN),
    ("both", WordRoles::PRONOUN),
    ("everything", WordRoles::PRONOUN),
    // Determiners, which may stand between the nouns of a list.
    ("the", WordRoles::DETERMINER),
    ("a", WordRoles::DETERMINER),
    ("an", WordRoles::DETERMINER),
    ("some", WordRoles::DETERMINER),
    ("our", WordRoles::DETERMINER),
    ("their", WordRoles::DETERMINER),
    ("my", WordRoles::DETERMINER),
    ("your", WordRoles::DETERMINER),
    ("his", WordRoles::DETERMINER),
    ("her", WordRoles::DETERMINER),
    ("all", WordRoles::DETERMINER),
    ("any", WordRoles::DETERMINER),
    ("every", WordRoles::DETERMINER),
    // Prepositions: the noun after one is not the subject anything is said of ("great for
    // *the price*", "waited for *the bill*").
    ("for", WordRoles::PREPOSITION),
    ("with", WordRoles::PREPOSITION),
    ("in", WordRoles::PREPOSITION),
    ("at", WordRoles::PREPOSITION),
    ("on", WordRoles::PREPOSITION),
    ("by", WordRoles::PREPOSITION),
    ("from", WordRoles::PREPOSITION),
    ("about", WordRoles::PREPOSITION),
    ("into", WordRoles::PREPOSITION),
    ("after", WordRoles::PREPOSITION),
    ("before", WordRoles::PREPOSITION),
    ("during", WordRoles::PREPOSITION),
    ("than", WordRoles::PREPOSITION),
    ("over", WordRoles::PREPOSITION),
    ("behind", WordRoles::PREPOSITION),
    ("under", WordRoles::PREPOSITION),
    ("through", WordRoles::PREPOSITION),
    ("throughout", WordRoles::PREPOSITION),
    ("near", WordRoles::PREPOSITION),
    ("around", WordRoles::PREPOSITION),
    ("between", WordRoles::PREPOSITION),
    ("among", WordRoles::PREPOSITION),
    ("across", WordRoles::PREPOSITION),
    ("toward", WordRoles::PREPOSITION),
    ("towards", WordRoles::PREPOSITION),
    ("upon", WordRoles::PREPOSITION),
    ("within", WordRoles::PREPOSITION),
    ("beside", WordRoles::PREPOSITION),
    ("past", WordRoles::PREPOSITION),
    ("per", WordRoles::PREPOSITION),
    ("via", WordRoles::PREPOSITION),
    ("along", WordRoles::PREPOSITION),
    ("inside", WordRoles::PREPOSITION),
    ("outside", WordRoles::PREPOSITION),
    ("beyond", WordRoles::PREPOSITION),
    ("against", WordRoles::PREPOSITION),
];

/// Where a word stands in the text's structure: its sentence, its clause ("segment": a stretch
/// between clause punctuation or contrast words), and the copulas, coordinators and contrast
/// words before it (running counts, so that "is there one between these two words" is a
/// subtraction).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Place {
    pub sentence: u32,
    pub segment: u32,
    pub copulas: u32,
    pub ands: u32,
    pub contrasts: u32,
    pub plurals: u32,
    /// Not a word anyone judges or names: punctuation, a URL, a mention.
    pub skip: bool,
}

/// How a punctuation run ends things: a sentence (`.`, `!`, `?`), a clause (`,`, `;`, `(`,
/// a dash, quotes) or nothing.
fn punct_break(c: char) -> (bool, bool) {
    match c {
        '.' | '!' | '?' | '。' => (true, true),
        // An ellipsis trails off more often than it ends a sentence ("the sea bass...which
        // was very good").
        '…' => (false, true),
        ',' | ';' | ':' | '(' | ')' | '[' | ']' | '-' | '–' | '—' | '"' | '“' | '”' | '/' | '*'
        | '~' | '|' => (false, true),
        _ => (false, false),
    }
}

/// Reads the structure of `words` (of `text`) into `places` (one per word), with `roles`
/// giving each word's roles.
pub(super) fn places(
    text: &str,
    words: &Words,
    roles: impl Fn(&Word, &str) -> WordRoles,
    places: &mut Vec<Place>,
    sentence_starts: &mut Vec<u32>,
) {
    places.clear();
    sentence_starts.clear();
    let mut place = Place::default();
    // Whether the current sentence and segment have a word yet (empty ones are not counted).
    let (mut sentence_open, mut segment_open) = (false, false);
    let all = words.as_slice();
    for (k, w) in all.iter().enumerate() {
        // Only punctuation and contractions are read by their text (the rest by their id).
        let lower = if w.kind == TokenKind::Punct || w.flags.contains(Flags::CONTRACTION) {
            words.lower(text, w)
        } else {
            ""
        };
        let skip = !matches!(
            w.kind,
            TokenKind::Word
                | TokenKind::Number
                | TokenKind::Emoji
                | TokenKind::Emoticon
                | TokenKind::Hashtag
        );
        if w.kind == TokenKind::Punct {
            let c = lower.chars().next().unwrap_or(' ');
            // A hyphen or slash inside a word ("user-friendly", "a/c") joins, not divides.
            let inside = matches!(c, '-' | '/')
                && w.flags.contains(Flags::JOINED)
                && all.get(k + 1).is_some_and(|next| next.start == w.end);
            // A run of dots is an ellipsis: it trails off more often than it ends a sentence
            // ("the sea bass...which was very good").
            let ellipsis = c == '.' && w.end - w.start > 1;
            let (sentence, clause) = if inside {
                (false, false)
            } else if ellipsis {
                (false, true)
            } else {
                punct_break(c)
            };
            if sentence && sentence_open {
                place.sentence += 1;
                sentence_open = false;
            }
            if (clause || sentence) && segment_open {
                place.segment += 1;
                segment_open = false;
            }
        }
        let r = roles(w, lower);
        if r.has(WordRoles::CONTRAST) {
            place.contrasts += 1;
            if segment_open {
                place.segment += 1;
                segment_open = false;
            }
        }
        if !skip {
            if !sentence_open {
                sentence_starts.push(k as u32);
            }
            sentence_open = true;
            segment_open = true;
        }
        place.copulas += r.has(WordRoles::COPULA) as u32;
        place.ands += r.has(WordRoles::AND) as u32;
        place.plurals += r.has(WordRoles::PLURAL) as u32;
        places.push(Place { skip, ..place });
    }
}

/// Whether a word with an apostrophe negates ("don't", "wasn’t": read with `'`).
pub(super) fn negating_contraction(w: &Word, lower: &str) -> bool {
    w.flags.contains(Flags::CONTRACTION) && lower.contains("n't")
}
