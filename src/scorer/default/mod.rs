//! earshot's default rules: VADER's approach — a lexicon plus rules, explainable word by word —
//! with the fixes customer and social text needs. Each rule lives in one function of one file
//! below, with its constants and the [`Rules`] bit it notes in explanations, and has golden
//! sentences in `tests/default_preset.rs` under its name.
//!
//! [`score`] runs them in this order:
//!
//! | step | file | rules (bit) |
//! |---|---|---|
//! | reading units | `units.rs` | @mentions, URLs and e-mail addresses carry no sentiment; hashtags are split (`#NotHappy`, `#usairsucks`); emoji have direct valences; both apostrophes negate; elongated words are looked up without the elongation (`goooood` → good); VADER's terms with capitals (`:D`) match |
//! | phrases | `phrases.rs` | multi-word expressions of the domain lexicon ("on hold", "works like a charm") replace their words' valences (`phrase`) |
//! | word senses | `senses.rs` | "like" only as a verb, "pretty"/"super" before a sentiment word are boosters, "well" opening a clause, "kind of", "no" before a sentiment word (`sense`); capitalised words next to each other are a name (`name`); words of a multi-word hashtag count half (`hashtag_part`) |
//! | emphasis | `emphasis.rs` | ALL CAPS (`caps`), elongation (`elongation`), boosters and dampeners up to three words back (`booster`, `dampener`), "least" (`least`) |
//! | negation | `negation.rs` | a scope to the clause end, shorter for negative words; "hard to like", "too slow to enjoy"; exceptions "not only", "couldn't be better", "how can you not love it"; a negated negative only faintly positive (`negation`); a negation with nothing to negate leans negative (`negated_statement`) |
//! | contrast | `contrast.rs` | "but", "however", "except", "nevertheless" weigh what follows; "although", "though", "despite" weaken their own clause (`before_but`, `after_but`) |
//! | sarcasm | `sarcasm.rs` | "funny... not", "yeah right", a lone "Lovely." in a negative text (`sarcasm`) |
//! | the text | `text.rs` | questions dampen praise (`question`); a link, or no sign of the writer, reads as a report; an exclamation with no sentiment word leans positive; long texts are the mean of their sentences; weak evidence stays inside the neutral band ([`calibrate`](text::calibrate)) |
//!
//! The text's words come from the reading stage ([`crate::read`]); the rules run in a few passes
//! over compact per-unit records that carry what the word table knows about each word.

mod contrast;
mod emphasis;
mod negation;
mod phrases;
mod sarcasm;
mod senses;
mod text;
mod units;

pub(crate) use units::Unit;

use super::terms::{WordSets, WordTable};
use super::{Rules, SentenceSentiment, Sentiment};
use crate::lexicon::Lexicon;
use crate::read::{Vocabulary, Words};
use units::{Sentence, TextCues};

/// Every rule the default preset can note on a word.
pub(crate) const RULES: Rules = Rules::PHRASE
    .union(Rules::SENSE)
    .union(Rules::NAME)
    .union(Rules::HASHTAG_PART)
    .union(Rules::CAPS)
    .union(Rules::ELONGATION)
    .union(Rules::BOOSTER)
    .union(Rules::DAMPENER)
    .union(Rules::LEAST)
    .union(Rules::NEGATION)
    .union(Rules::NEGATED_STATEMENT)
    .union(Rules::BEFORE_BUT)
    .union(Rules::AFTER_BUT)
    .union(Rules::SARCASM)
    .union(Rules::QUESTION);

/// The default preset's tables.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct Tables {
    pub table: WordTable,
    phrases: phrases::Phrases,
}

impl Tables {
    /// The tables for `lexicon` with the default preset's word lists, their words interned into
    /// `vocabulary` (which may hold other stages' words already).
    pub(crate) fn new(
        mut vocabulary: Vocabulary,
        lexicon: &Lexicon,
        boosters: &[(&'static str, f64)],
        negations: &[&'static str],
    ) -> Tables {
        let phrases = phrases::Phrases::new(lexicon, &mut vocabulary);
        let sets = senses::WORD_SETS.iter().chain(negation::WORD_SETS);
        let table = WordTable::new(
            vocabulary,
            lexicon,
            boosters,
            negations,
            phrases.first_words(),
            sets.copied(),
        );
        Tables { table, phrases }
    }
}

/// Buffers reused from one text to the next.
#[derive(Clone, Debug, Default)]
pub(crate) struct DefaultScratch {
    pub units: Vec<Unit>,
    pub sentiments: Vec<f64>,
    /// Per unit, the rules applied; only filled when explaining.
    pub rules: Vec<Rules>,
    sentences: Vec<Sentence>,
    /// The units that are negations, and those that may start a phrase.
    negators: Vec<usize>,
    phrase_starts: Vec<usize>,
    cues: TextCues,
    /// Room to lower-case a hashtag's parts, and to shorten elongated words.
    buffer: String,
    shorter: String,
    /// The lower-cased forms of words read here (when no analyzer read them).
    read_lower: String,
}

/// Sets `rule` on unit `j` when explaining (the list is empty otherwise).
#[inline]
fn note(rules: &mut [Rules], j: usize, rule: Rules) {
    if let Some(r) = rules.get_mut(j) {
        *r |= rule;
    }
}

/// Scores `text`, whose words (read with the vocabulary of `tables`) are `words` when an
/// analyzer has read them for every stage (else they are read here, as they come).
pub(crate) fn score(
    text: &str,
    words: Option<&Words>,
    tables: &Tables,
    scratch: &mut DefaultScratch,
    explain: bool,
) -> Sentiment {
    units::read(text, words, tables, scratch);
    let DefaultScratch {
        units,
        sentiments,
        rules,
        sentences,
        negators,
        phrase_starts,
        cues,
        ..
    } = scratch;
    let cues = *cues;
    rules.clear();
    if explain {
        rules.resize(units.len(), Rules::EMPTY);
    }
    tables.phrases.match_all(units, phrase_starts, rules);
    // Every unit starts at 0, which most keep: only the units with a valence of their own
    // (not inside a phrase) are scored.
    sentiments.clear();
    sentiments.resize(units.len(), 0.0);
    let ctx_flags = (cues.has_lower, cues.capitalised * 2 > cues.words);
    for i in 0..units.len() {
        if units[i].in_phrase || units[i].info.valence().is_none() {
            continue;
        }
        let ctx = Context {
            units,
            sentences,
            text_has_lower: ctx_flags.0,
            headline: ctx_flags.1,
        };
        let mut applied = Rules::EMPTY;
        let (v, negation) = word_valence(&ctx, i, &mut applied);
        if let Some(j) = negation {
            units[j].negation_used = true;
        }
        if let Some(s) = sentiments.get_mut(i) {
            *s = v;
        }
        note(rules, i, applied);
    }
    negation::lean_unused(units, negators, sentiments, rules);
    for s in sentences.iter() {
        contrast::apply(units, sentiments, rules, s);
    }
    sarcasm::apply(units, sentiments, rules, sentences);
    text::dampen_questions(sentiments, rules, sentences);
    text::aggregate(sentiments, sentences, text::damping(&cues))
}

/// Each sentence of the text last scored into `scratch`, scored alone.
pub(crate) fn sentences(scratch: &DefaultScratch, out: &mut Vec<SentenceSentiment>) {
    let damp = text::damping(&scratch.cues);
    text::each_sentence(
        &scratch.units,
        &scratch.sentiments,
        &scratch.sentences,
        damp,
        out,
    );
}

/// The valence of unit `i` after word senses, emphasis, negation and "least", in that order;
/// and the negation that reached it, if one did (whether it negated it or, as in "couldn't be
/// better", was an exception: either way the negation is accounted for).
fn word_valence(ctx: &Context<'_>, i: usize, applied: &mut Rules) -> (f64, Option<usize>) {
    let u = &ctx.units[i];
    if u.in_phrase || u.info.valence().is_none() {
        return (0.0, None);
    }
    if senses::silenced(ctx, i, applied) {
        return (0.0, None);
    }
    let mut v = u.base;
    if v == 0.0 {
        return (0.0, None);
    }
    v = senses::name(ctx, i, v, applied);
    if v == 0.0 {
        return (0.0, None);
    }
    v = senses::hashtag_part(u, v, applied);
    v = emphasis::caps(ctx, u, v, applied);
    v = emphasis::elongation(u, v, applied);
    v = emphasis::boosters(ctx, i, v, applied);
    let reached = match negation::negator(ctx, i, v) {
        negation::Negated::By(j) => {
            v = negation::negate(v, applied);
            Some(j)
        }
        negation::Negated::Spared(j) => Some(j),
        negation::Negated::No => None,
    };
    v = emphasis::least(ctx, i, v, applied);
    (v, reached)
}

/// What the word rules read besides the unit itself.
struct Context<'a> {
    units: &'a [Unit],
    sentences: &'a [Sentence],
    /// Some word has lower case: ALL-CAPS words stand out as shouting.
    text_has_lower: bool,
    /// Most words are capitalised: capitals say nothing about names.
    headline: bool,
}

impl Context<'_> {
    /// Whether unit `j` is in one of the word `sets`.
    #[inline]
    fn is(&self, j: usize, sets: WordSets) -> bool {
        self.units[j].info.sets.intersects(sets)
    }
}
