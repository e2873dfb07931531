//! Finding what a text is about and attaching each opinion word to what it judges.
//!
//! 1. **Structure**: sentences, and clauses ("segments") between clause punctuation and
//!    contrast words ("but", "although"): each side of a "but" is judged on its own.
//! 2. **Mentions**: the terms of every aspect, matched in one pass over the words (the longest
//!    match wins where terms overlap: "room service" is service, not room); context terms count
//!    where their context occurs in the sentence; a target, when one is asked about, replaces
//!    the mentions it overlaps.
//! 3. **Opinion words**: every word with a valence after the scorer's rules (negation, contrast,
//!    emphasis, sarcasm already applied), and the words an aspect gives a valence the lexicon
//!    lacks ("fast", "cramped"), negated by a negation just before them.
//! 4. **Attachment**, per opinion word: to the mention it is said of — itself if it is one
//!    ("the bugs"); else the nearest mention of its sentence, a word before a noun binding to
//!    it ("great food") and a word after a copula (or a verb of having: "the room had a view,
//!    lovely") to the copula's subject ("the soup was cold"); what follows a preposition is
//!    the object of a phrase, not what the clause judges ("the service at *the bar* was
//!    slow"), and is reached at a high cost unless the word is right before it or opens a
//!    relative clause after it; crossing "and" costs a little, a clause boundary more; what comes before a
//!    contrast word is never said of what comes after it (each side of "but" is judged on its
//!    own), while what follows it may, at a high cost, finish what came before ("good, but not
//!    outstanding"); a negation of what the clause says with no sentiment word to negate (the
//!    scorer's lean: "the waiter never brought the wine") is said of the subject named before
//!    it, never of what follows ("no", "without" and "lack" do deny what follows), and with
//!    no subject named it is said of nothing named ("nobody took our drink order"); an
//!    interjection ("yes", "thanks", "please", "lol") judges nothing named; and a word weighs less the further it had to reach. A list judged together shares the word ("great food and service", "the decor and
//!    the music were lovely"). A sentence with no mention that opens with a pronoun ("It was
//!    cold.") is about the last thing named in the sentence before. A word that judges one
//!    attribute of anything ("overpriced": price, "froze": performance) goes to that aspect,
//!    and the thing it was said of keeps only its other opinions — unless that thing's own
//!    aspect lists the word ("the battery died"), or it is an aspect of the user's
//!    configuration, which keeps the word as well ("the checkout is confusing"); an opinion word of an aspect ("delicious":
//!    food) that judges nothing named, or only the place as a whole, or nothing in its own
//!    clause, names its aspect itself.
//! 5. **Results**: one per aspect, in order of appearance: the normalised sum of its opinions'
//!    valences, and its terms and opinion words as evidence. A thing named alone in its
//!    sentence with nothing said of it takes what the sentence says of nothing named or of the
//!    whole ("Great place, the sushi." — the sushi is praised, but not in "a great place for
//!    sushi": a prepositional object is not what the sentence is about); otherwise an aspect named
//!    without any opinion is not reported (a mention is not feedback), nor is one whose only
//!    opinions went to an attribute ("the pasta was overpriced": price, not food). A target is
//!    always answered, neutral when nothing is said of it.

use super::model::{Aspects, Meaning};
use super::result::{Aspect, AspectEvidence, AspectEvidenceList, AspectSentiment, Role, Target};
use super::words::{Place, WordRoles, places};
use crate::cues::{self, Sentence, TokenView, find_sentences};
use crate::read::Words;
use crate::tokenizer::TokenKind;

/// No aspect, no word.
const NONE: u32 = u32::MAX;
/// The aspect of a target's mention.
const TARGET: u32 = u32::MAX - 1;
/// VADER's normalisation constant: `x / sqrt(x² + ALPHA)`.
const ALPHA: f64 = 15.0;
/// How far back a negation reaches to negate a word of an aspect's own valences.
const NEGATION_REACH: usize = 3;
/// A negated positive word of an aspect's valences flips as VADER's `N_SCALAR`; a negated
/// negative one is only faintly positive ("not greasy"), as in the default preset.
const NEGATE_POSITIVE: f64 = -0.74;
const NEGATE_NEGATIVE: f64 = -0.3;
/// The most words between two things named in one list ("the host, the bartender").
const LIST_GAP: usize = 3;
/// The most things in one list.
const LIST_MAX: usize = 8;
/// How many mentions on each side of an opinion word are considered.
const CANDIDATES: usize = 4;
/// Costs of attachment, in words of distance: a word after its subject's copula binds almost
/// as tightly as one right before its noun; crossing a coordinator or a clause boundary costs.
const AFTER_COPULA: f64 = 0.5;
const BEFORE: f64 = 0.5;
const CROSS_CONTRAST: f64 = 8.0;
const AFTER: f64 = 0.5;
const CROSS_AND: f64 = 1.5;
const CROSS_CLAUSE: f64 = 3.0;
/// What follows a preposition ("we waited for *the bill*", "great for *the price*") is the
/// object of a phrase, not what the clause judges: reaching it costs more, unless the word is
/// right before it ("for *a quick* lunch") or opens a relative clause after it ("made with
/// soy mayonnaise, which is pretty good").
const OBJECT: f64 = 4.0;
/// An opinion word weighs less the further it is from what it judges: its valence is divided
/// by `1 + DECAY × (cost − 1)` beyond a cost of 1 (an adjective right before its noun, a word
/// right after its subject's copula count in full).
const DECAY: f64 = 0.5;
/// The cost of reaching back to the sentence before through an opening pronoun.
const PRONOUN_COST: f64 = 2.0;

/// One place a text names an aspect: words `from..to`.
#[derive(Clone, Copy, Debug)]
struct Mention {
    aspect: u32,
    from: u32,
    to: u32,
    /// Named by an opinion word, not a term.
    implied: bool,
    /// A term of a context rule (it wins over other aspects' terms on the same words).
    context: bool,
    /// Its opinion went to an attribute ("the pasta was overpriced").
    yielded: bool,
    /// It follows a preposition ("waited for the bill"): the object of a phrase, not the
    /// subject of what the clause says.
    object: bool,
    /// The list of things named together it belongs to ("the host, the bartender and the
    /// servers"): the index of the list's first mention.
    group: u32,
}

/// An opinion word attached to an aspect.
#[derive(Clone, Copy, Debug)]
struct Opinion {
    aspect: u32,
    word: u32,
    valence: f64,
}

/// What the aspects' word lists say about one word of the text.
#[derive(Clone, Copy, Debug)]
struct Mark {
    /// The first aspect the word is an opinion word of, and an attribute word of.
    opinion_of: u32,
    attribute_of: u32,
    /// Some aspect lists the word (see [`AspectsScratch::claims`]).
    claimed: bool,
    /// Some aspect gives the word a valence, and the scorer gave it none.
    valenced: bool,
    /// A negation just before it in its clause.
    negated: bool,
    /// Inside a term of several words ("fast food", "happy hour"): part of a name.
    in_term: bool,
}

impl Default for Mark {
    fn default() -> Self {
        Mark {
            opinion_of: NONE,
            attribute_of: NONE,
            claimed: false,
            valenced: false,
            negated: false,
            in_term: false,
        }
    }
}

/// Buffers the aspect stage reuses between texts.
#[derive(Clone, Debug, Default)]
pub(crate) struct AspectsScratch {
    /// Per word: its valence from the scorer, then with the aspects' own valences.
    valences: Vec<f64>,
    /// Where [`add_valence`](Self::add_valence) is in the words.
    cursor: usize,
    places: Vec<Place>,
    sentence_starts: Vec<u32>,
    /// The text's sentences as cue patterns see them (where `^` and `$` may match).
    cue_sentences: Vec<Sentence>,
    /// Matches of the index: (pattern, first word, end word).
    matches: Vec<(u32, u32, u32)>,
    /// Context rules whose context occurs: (rule, sentence).
    near: Vec<(u32, u32)>,
    marks: Vec<Mark>,
    /// The aspects that list each word as an opinion, attribute or valence word: (word,
    /// aspect, valence or 0), by word.
    claims: Vec<(u32, u32, f64)>,
    mentions: Vec<Mention>,
    opinions: Vec<Opinion>,
    /// Opinion words attached to nothing named (or to the place or product as a whole).
    free: Vec<Opinion>,
    /// The aspects (and target) named explicitly in each sentence: (sentence, aspect).
    named: Vec<(u32, u32)>,
    spans: Vec<AspectEvidence>,
}

impl AspectsScratch {
    /// Starts taking the valences of the scorer for `words`: every word at 0.
    pub(crate) fn start_valences(&mut self, words: &Words) {
        self.valences.clear();
        self.valences.resize(words.as_slice().len(), 0.0);
        self.cursor = 0;
    }

    /// Adds `valence` to the word of `words` that holds the span `start..end` (spans come in
    /// text order; a word split in parts, as a hashtag, sums them).
    pub(crate) fn add_valence(&mut self, words: &Words, start: usize, end: usize, valence: f64) {
        let all = words.as_slice();
        while self.cursor < all.len() && all[self.cursor].end <= start {
            self.cursor += 1;
        }
        let mut k = self.cursor;
        while k < all.len() && all[k].start < end && all[k].kind == TokenKind::Punct {
            k += 1;
        }
        if k < all.len() && all[k].start < end {
            self.valences[k] += valence;
        } else if let Some(v) = self.valences.get_mut(self.cursor) {
            *v += valence;
        }
    }
}

fn normalize(x: f64) -> f64 {
    x / (x * x + ALPHA).sqrt()
}

impl Aspects {
    /// The aspects of `text` (its `words` read with [`vocabulary`](Self::vocabulary), its
    /// valences given to `scratch`), into `out`, labelled with the neutral `band`.
    pub(crate) fn find_into(
        &self,
        text: &str,
        words: &Words,
        shared: Option<cues::Found<'_>>,
        scratch: &mut AspectsScratch,
        band: f64,
        out: &mut Vec<Aspect>,
    ) {
        out.clear();
        self.attach(text, words, shared, scratch, None);
        let model = &*self.model;
        let AspectsScratch {
            mentions,
            opinions,
            free,
            places,
            named,
            spans,
            ..
        } = scratch;
        let all = words.as_slice();
        let others: &[(u32, u32)] = named;
        mentions.sort_unstable_by_key(|m| (m.aspect, m.from, m.to));
        opinions.sort_unstable_by_key(|o| (o.aspect, o.word));
        let (mut mi, mut oi) = (0, 0);
        while mi < mentions.len() {
            let aspect = mentions[mi].aspect;
            let m_end = mi
                + mentions[mi..]
                    .iter()
                    .take_while(|m| m.aspect == aspect)
                    .count();
            while oi < opinions.len() && opinions[oi].aspect < aspect {
                oi += 1;
            }
            let o_end = oi
                + opinions[oi..]
                    .iter()
                    .take_while(|o| o.aspect == aspect)
                    .count();
            let (group, judged) = (&mentions[mi..m_end], &opinions[oi..o_end]);
            (mi, oi) = (m_end, o_end);
            let Some(compiled) = model.aspects.get(aspect as usize) else {
                continue; // a target
            };
            if !compiled.report || (judged.is_empty() && group.iter().all(|m| m.yielded)) {
                continue;
            }
            let sum = if judged.is_empty() {
                inherited(group, free, places, others)
            } else {
                judged.iter().map(|o| o.valence).sum()
            };
            if sum == 0.0 && judged.is_empty() {
                // Named, but nothing is said of it: a mention is not feedback.
                continue;
            }
            out.push(Aspect {
                label: compiled.label.clone(),
                sentiment: AspectSentiment::new(normalize(sum), band),
                evidence: evidence(all, group, judged, spans),
            });
        }
        // In order of appearance (each has evidence); labels are unique, so the order is total.
        out.sort_unstable_by(|a, b| {
            let first = |x: &Aspect| x.evidence.first().map_or(0, |e| e.start);
            first(a).cmp(&first(b)).then_with(|| a.label.cmp(&b.label))
        });
    }

    /// How `text` feels about the words that overlap the byte span `start..end`.
    pub(crate) fn toward(
        &self,
        text: &str,
        words: &Words,
        (start, end): (usize, usize),
        scratch: &mut AspectsScratch,
        band: f64,
    ) -> Target {
        let all = words.as_slice();
        // An empty span names nothing.
        let start = if start >= end { usize::MAX } else { start };
        let from = all.partition_point(|w| w.end <= start);
        let to = from + all[from..].iter().take_while(|w| w.start < end).count();
        let (from, to) = {
            // Punctuation at the edges is not part of what is named.
            let mut f = from;
            let mut t = to;
            while f < t && all[f].kind == TokenKind::Punct {
                f += 1;
            }
            while t > f && all[t - 1].kind == TokenKind::Punct {
                t -= 1;
            }
            (f, t)
        };
        if from >= to {
            // Nothing named: an empty target where the span starts, on a character boundary.
            let mut at = start.min(end).min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            return Target {
                start: at,
                end: at,
                ..Target::default()
            };
        }
        self.attach(text, words, None, scratch, Some((from as u32, to as u32)));
        let AspectsScratch {
            mentions,
            opinions,
            free,
            places,
            named,
            spans,
            ..
        } = scratch;
        let others: &[(u32, u32)] = named;
        let judged: &[Opinion] = {
            opinions.retain(|o| o.aspect == TARGET);
            opinions
        };
        mentions.retain(|m| m.aspect == TARGET);
        let sum = if judged.is_empty() {
            inherited(mentions, free, places, others)
        } else {
            judged.iter().map(|o| o.valence).sum()
        };
        Target {
            start: all[from].start,
            end: all[to - 1].end,
            sentiment: AspectSentiment::new(normalize(sum), band),
            evidence: evidence(all, mentions, judged, spans),
        }
    }

    /// Steps 1–4 of the module docs: fills `scratch.mentions` and `scratch.opinions`, with a
    /// mention of the target's words `target` when one is given.
    fn attach(
        &self,
        text: &str,
        words: &Words,
        shared: Option<cues::Found<'_>>,
        scratch: &mut AspectsScratch,
        target: Option<(u32, u32)>,
    ) {
        let model = &*self.model;
        let all = words.as_slice();
        let n = all.len();
        let AspectsScratch {
            valences,
            places: place,
            sentence_starts,
            cue_sentences,
            matches,
            near,
            marks,
            claims,
            mentions,
            opinions,
            free,
            named,
            ..
        } = scratch;
        if valences.len() != n {
            // No valences were given (a preset without them): every word at 0.
            valences.clear();
            valences.resize(n, 0.0);
        }
        // Mentions and marks.
        matches.clear();
        let cue_sentences: &[Sentence] = match words.sentences() {
            Some(found) => found,
            None => {
                find_sentences(text, words.lower_buffer(), all, cue_sentences);
                cue_sentences
            }
        };
        model.index.each_match(
            &TokenView::new(text, words, cue_sentences),
            shared,
            |p, from, to| {
                matches.push((p, from as u32, to as u32));
            },
        );
        // Cleared before the early return below, which leaves them empty for the caller.
        mentions.clear();
        opinions.clear();
        if matches.is_empty() && target.is_none() {
            // No term, opinion word or valence of an aspect: nothing is named or implied, and
            // the words' places are not needed (51 of the 320 sample posts, no long review).
            return;
        }
        places(
            text,
            words,
            |w, lower| model.roles(w, lower),
            place,
            sentence_starts,
        );
        marks.clear();
        marks.resize(n, Mark::default());
        near.clear();
        claims.clear();
        for &(p, from, to) in matches.iter() {
            let (from, to) = (from as usize, to as usize);
            match model.meanings[p as usize] {
                Meaning::ContextNear(rule) => near.push((rule, place[from].sentence)),
                Meaning::Opinion(a) => {
                    for (k, m) in marks[from..to].iter_mut().enumerate() {
                        if m.opinion_of == NONE {
                            m.opinion_of = a;
                        }
                        m.claimed = true;
                        claims.push(((from + k) as u32, a, 0.0));
                    }
                }
                Meaning::Attribute(a) => {
                    for (k, m) in marks[from..to].iter_mut().enumerate() {
                        if m.attribute_of == NONE {
                            m.attribute_of = a;
                        }
                        m.claimed = true;
                        claims.push(((from + k) as u32, a, 0.0));
                    }
                }
                Meaning::Valence(a, v) => {
                    marks[from].claimed = true;
                    marks[from].valenced = true;
                    claims.push((from as u32, a, v));
                }
                Meaning::Term(_) | Meaning::ContextTerm(_) => {}
            }
        }
        for &(p, from, to) in matches.iter() {
            let (aspect, context) = match model.meanings[p as usize] {
                Meaning::Term(a) => (a, false),
                Meaning::ContextTerm(rule)
                    if near.contains(&(rule, place[from as usize].sentence)) =>
                {
                    (model.rules[rule as usize], true)
                }
                _ => continue,
            };
            mentions.push(Mention {
                aspect,
                from,
                to,
                implied: false,
                context,
                yielded: false,
                object: false,
                group: 0,
            });
        }
        // The longest of overlapping terms wins; on the same words, a term in its context wins
        // over plain terms; otherwise the same words may name two aspects.
        mentions.sort_unstable_by_key(|m| (m.from, std::cmp::Reverse(m.to), !m.context, m.aspect));
        let (mut kept, mut reach) = (0, 0);
        let mut last: Option<Mention> = None;
        for k in 0..mentions.len() {
            let m = mentions[k];
            let same = last.filter(|l| (l.from, l.to) == (m.from, m.to));
            let inside = m.to <= reach && same.is_none();
            if inside || same.is_some_and(|l| l.aspect == m.aspect || (l.context && !m.context)) {
                continue;
            }
            reach = reach.max(m.to);
            last = Some(m);
            mentions[kept] = m;
            kept += 1;
        }
        mentions.truncate(kept);
        for m in mentions.iter().filter(|m| m.to - m.from > 1) {
            for mark in &mut marks[m.from as usize..m.to as usize] {
                mark.in_term = true;
            }
        }
        let mut target_aspect = NONE;
        if let Some((from, to)) = target {
            // The target is read with the aspect of a term it names ("the gnocchi": food).
            target_aspect = mentions
                .iter()
                .find(|m| m.from < to && m.to > from)
                .map_or(NONE, |m| m.aspect);
            mentions.retain(|m| m.to <= from || m.from >= to);
            let at = mentions.partition_point(|m| m.from < from);
            mentions.insert(
                at,
                Mention {
                    aspect: TARGET,
                    from,
                    to,
                    implied: false,
                    context: false,
                    yielded: false,
                    object: false,
                    group: 0,
                },
            );
            // The target's own words never judge it ("Taylor Swift").
            for mark in &mut marks[from as usize..to as usize] {
                mark.in_term = true;
            }
        }
        let reported =
            |a: u32| a == TARGET || model.aspects.get(a as usize).is_some_and(|x| x.report);
        // Lists: mentions a few words apart, joined by a comma, "and" or "or", with no opinion
        // word or copula between ("the host, the bartender and the servers", "iTunes, the
        // apparent security, the form factor").
        let roles = |k: usize| model.roles(&all[k], words.lower(text, &all[k]));
        for m in mentions.iter_mut() {
            let mut j = m.from as usize;
            while j > 0 && roles(j - 1).has(WordRoles::DETERMINER) {
                j -= 1;
            }
            m.object = j > 0 && roles(j - 1).has(WordRoles::PREPOSITION);
        }
        for k in 0..mentions.len() {
            let listed = k > 0 && {
                let (prev, m) = (&mentions[k - 1], &mentions[k]);
                let between = prev.to as usize..m.from as usize;
                let joined = between.clone().any(|j| {
                    roles(j).has(WordRoles::AND)
                        || (all[j].kind == TokenKind::Punct && words.lower(text, &all[j]) == ",")
                });
                joined
                    && between.len() <= LIST_GAP
                    && place[prev.from as usize].sentence == place[m.from as usize].sentence
                    && between.clone().all(|j| {
                        valences[j] == 0.0
                            && !roles(j).has(WordRoles::COPULA)
                            && !roles(j).has(WordRoles::CONTRAST)
                            && (all[j].kind != TokenKind::Punct
                                || words.lower(text, &all[j]) == ",")
                    })
            };
            // Lists are bounded, so that sharing a word with one stays cheap on any input.
            let listed = listed && k - (mentions[k - 1].group as usize) < LIST_MAX;
            mentions[k].group = if listed {
                mentions[k - 1].group
            } else {
                k as u32
            };
        }

        // The aspects' own valences count where the scorer gave the word none, negated by a
        // negation just before them in their clause (whose own lean then goes).
        claims.sort_unstable_by(|x, y| {
            (x.0, x.1)
                .cmp(&(y.0, y.1))
                .then(y.2.abs().total_cmp(&x.2.abs()))
        });
        for i in 0..n {
            if !marks[i].valenced || valences[i] != 0.0 {
                marks[i].valenced = false;
                continue;
            }
            let segment = place[i].segment;
            let negation = (i.saturating_sub(NEGATION_REACH)..i).rev().find(|&j| {
                place[j].segment == segment
                    && model
                        .roles(&all[j], words.lower(text, &all[j]))
                        .has(WordRoles::NEGATOR)
            });
            if let Some(j) = negation {
                marks[i].negated = true;
                if valences[j] < 0.0 {
                    valences[j] = 0.0;
                }
            }
        }
        // The claim of `aspect` on word `i` (its valence first, if it gives one).
        let claim = |i: usize, aspect: u32| -> Option<f64> {
            let at = claims.partition_point(|&(w, a, _)| (w, a) < (i as u32, aspect));
            match claims.get(at) {
                Some(&(w, a, v)) if (w, a) == (i as u32, aspect) => Some(v),
                _ => None,
            }
        };
        // The valence of word `i` said of `aspect`: the scorer's, or the aspect's own, or
        // that of an aspect that is not reported (the whole: its valences hold for every
        // part). A target is read with the aspect of the term it names, if it names one.
        let valence_of = |i: usize, aspect: u32, valences: &[f64]| -> f64 {
            if valences[i] != 0.0 || !marks[i].valenced {
                return valences[i];
            }
            let is_target = aspect == TARGET;
            let aspect = if is_target { target_aspect } else { aspect };
            let at = claims.partition_point(|&(w, _, _)| w < i as u32);
            let word_claims = claims[at..].iter().take_while(|c| c.0 == i as u32);
            let own = word_claims
                .clone()
                .find(|c| c.1 == aspect && c.2 != 0.0)
                .map(|c| c.2);
            let universal = || {
                word_claims
                    .clone()
                    .find(|c| c.2 != 0.0 && !reported(c.1))
                    .map(|c| c.2)
            };
            // A target takes the valence of the aspect the word judges when its own has none
            // ("the SuperDrive is quiet", "browsing is very quick", "the OS is fast").
            let judges = || {
                let m = marks[i];
                let of = if m.attribute_of != NONE {
                    m.attribute_of
                } else {
                    m.opinion_of
                };
                word_claims
                    .clone()
                    .find(|c| c.1 == of && c.2 != 0.0)
                    .map(|c| c.2)
            };
            let v = own
                .or_else(universal)
                .or_else(|| if is_target { judges() } else { None })
                .unwrap_or(0.0);
            v * match (marks[i].negated, v > 0.0) {
                (false, _) => 1.0,
                (true, true) => NEGATE_POSITIVE,
                (true, false) => NEGATE_NEGATIVE,
            }
        };

        // Which sentences name which aspects (each aspect once per sentence).
        named.clear();
        let mut seen: (u32, u32) = (NONE, NONE);
        let _ = &mut seen;
        for m in mentions.iter() {
            if reported(m.aspect) {
                named.push((place[m.from as usize].sentence, m.aspect));
            }
        }
        named.sort_unstable();
        named.dedup();
        // Attachment.
        free.clear();
        let explicit = mentions.len();
        let ctx = Ctx {
            place,
            sentence_starts,
            roles: |k: usize| model.roles(&all[k], words.lower(text, &all[k])),
        };
        for i in 0..n {
            let mark = marks[i];
            // A word of a term of several words is part of a name ("fast food", "happy hour"):
            // it judges nothing.
            if (valences[i] == 0.0 && !mark.valenced) || mark.in_term || place[i].skip {
                continue;
            }
            // A negation of what its clause says ("not", "never", "n't", "nobody"), with no
            // sentiment word to negate, leans negative (the default preset's
            // `negated_statement`): "the waiter never brought the wine" says it of its subject,
            // named before it, not of what follows ("no wine" does deny the wine).
            let lean = valences[i] < 0.0 && {
                let r = roles(i);
                r.has(WordRoles::NEGATOR) && !r.has(WordRoles::DENIES)
            };
            // An interjection ("yes", "thanks", "please", "lol") is said to the reader: it
            // judges nothing named (it still counts for the text).
            if roles(i).has(WordRoles::INTERJECTION) {
                continue;
            }
            let found = ctx.best_mention(i as u32, &mentions[..explicit], lean);
            if lean && found.is_none() {
                // Said of a subject not named ("I couldn't believe how much food they
                // brought", "nobody took our drink order"): not of the thing named after it,
                // nor of the sentence's only thing (see `inherited`).
                continue;
            }
            let best = found.map(|(b, _)| b);
            let weight = found.map_or(1.0, |(_, c)| 1.0 / (1.0 + (c - 1.0).max(0.0) * DECAY));
            let judged = best.map(|b| mentions[b].aspect);
            // A thing whose own aspect lists the word keeps it ("the battery died").
            let owns =
                judged.is_some_and(|a| a == TARGET || (mark.claimed && claim(i, a).is_some()));
            let implied = if owns {
                None
            } else if mark.attribute_of != NONE {
                Some(mark.attribute_of)
            } else if mark.opinion_of != NONE
                && (judged.is_none_or(|a| !reported(a))
                    || found.is_some_and(|(b, _)| {
                        place[mentions[b].from as usize].segment != place[i].segment
                    }))
            {
                // An opinion word of an aspect names it when it judges nothing named, or
                // only the whole, or nothing in its own clause ("..., a bit noisy").
                Some(mark.opinion_of)
            } else {
                None
            };
            let Some(aspect) = implied.or(judged) else {
                if valences[i] != 0.0 {
                    free.push(Opinion {
                        aspect: place[i].sentence,
                        word: i as u32,
                        valence: valences[i],
                    });
                }
                continue;
            };
            // What is said of the whole ("great place") is said of nothing in particular: a
            // thing named alone in its sentence with nothing said of it takes it (below).
            if implied.is_none() && !reported(aspect) && valences[i] != 0.0 {
                free.push(Opinion {
                    aspect: place[i].sentence,
                    word: i as u32,
                    valence: valences[i],
                });
            }
            let valence = valence_of(i, aspect, valences);
            let valence = if implied.is_some() {
                valence
            } else {
                valence * weight
            };
            if valence == 0.0 {
                continue;
            }
            let yours = judged
                .filter(|&a| a != TARGET && model.aspects.get(a as usize).is_some_and(|x| x.yours));
            if let (Some(b), true) = (best, mark.attribute_of == aspect) {
                match yours {
                    // What you asked about keeps what is said of it: "the checkout is
                    // confusing" is about the checkout (and its usability).
                    Some(a) => opinions.push(Opinion {
                        aspect: a,
                        word: i as u32,
                        valence,
                    }),
                    // The thing the attribute was said of keeps only its other opinions.
                    None => mentions[b].yielded = true,
                }
            }
            if implied.is_none()
                && let Some(b) = best
            {
                // A list judged together: "great food and service", "the host and the
                // servers were lovely".
                let m = mentions[b];
                let group = &mentions[m.group as usize..explicit];
                let last = group.iter().take_while(|x| x.group == m.group).last();
                let first = &mentions[m.group as usize];
                // A list that opens its clause is its subject ("the decor and the music
                // were great", "... and the food and service was amazing").
                let opens = {
                    let mut j = first.from as usize;
                    while j > 0 && roles(j - 1).has(WordRoles::DETERMINER) {
                        j -= 1;
                    }
                    j == 0
                        || place[j - 1].segment != place[j].segment
                        || place[j - 1].skip
                        || roles(j - 1).has(WordRoles::AND)
                        || roles(j - 1).has(WordRoles::CONTRAST)
                };
                let shared = last.is_some_and(|last| {
                    let before = (i as u32) < first.from && first.from - i as u32 <= 3;
                    let copula = place[i].copulas != place[last.to as usize - 1].copulas;
                    let plural = place[i].plurals != place[last.to as usize - 1].plurals;
                    let after = i as u32 >= last.to && (plural || (copula && opens));
                    last.from != first.from && (before || after)
                });
                if shared {
                    let first = m.group as usize;
                    let count = group.iter().take_while(|x| x.group == m.group).count();
                    for (k, other) in (first..first + count).map(|k| (k, mentions[k].aspect)) {
                        let pushed = opinions
                            .iter()
                            .rev()
                            .take_while(|o| o.word == i as u32)
                            .any(|o| o.aspect == other);
                        if k != b && other != aspect && !pushed {
                            let v = valence_of(i, other, valences) * weight;
                            if v != 0.0 {
                                opinions.push(Opinion {
                                    aspect: other,
                                    word: i as u32,
                                    valence: v,
                                });
                            }
                        }
                    }
                }
            }
            if implied.is_some() {
                mentions.push(Mention {
                    aspect,
                    from: i as u32,
                    to: i as u32 + 1,
                    implied: true,
                    context: false,
                    yielded: false,
                    object: false,
                    group: NONE,
                });
            }
            opinions.push(Opinion {
                aspect,
                word: i as u32,
                valence,
            });
        }
    }
}

/// The sum of the `free` opinions (their `aspect` is their sentence) in the sentences where
/// `mentions` are the only aspect named (`named`: the aspects named per sentence).
fn inherited(
    mentions: &[Mention],
    free: &[Opinion],
    places: &[Place],
    named: &[(u32, u32)],
) -> f64 {
    // `mentions` come in text order, `free` and `named` by sentence: one look per sentence.
    let (mut sum, mut last) = (0.0, NONE);
    // A prepositional object is not what the sentence is about: "a great place for dinner"
    // does not praise the dinner.
    for m in mentions
        .iter()
        .filter(|m| !m.implied && !m.yielded && !m.object)
    {
        let sentence = places[m.from as usize].sentence;
        if sentence == last {
            continue;
        }
        last = sentence;
        let (lo, hi) = (
            named.partition_point(|&(s, _)| s < sentence),
            named.partition_point(|&(s, _)| s <= sentence),
        );
        if named[lo..hi].iter().any(|&(_, a)| a != m.aspect) {
            continue; // not alone in its sentence
        }
        let (lo, hi) = (
            free.partition_point(|o| o.aspect < sentence),
            free.partition_point(|o| o.aspect <= sentence),
        );
        sum += free[lo..hi].iter().map(|o| o.valence).sum::<f64>();
    }
    sum
}

/// What attachment reads.
struct Ctx<'a, R> {
    place: &'a [Place],
    sentence_starts: &'a [u32],
    roles: R,
}

impl<R: Fn(usize) -> WordRoles> Ctx<'_, R> {
    /// The mention (of `mentions`, sorted by position) the opinion word `i` is said of, if any;
    /// only one that ends before it when `before_only`.
    fn best_mention(
        &self,
        i: u32,
        mentions: &[Mention],
        before_only: bool,
    ) -> Option<(usize, f64)> {
        let k = mentions.partition_point(|m| m.from <= i);
        let mut best: Option<(f64, usize)> = None;
        let from = k.saturating_sub(CANDIDATES);
        let to = if before_only {
            k
        } else {
            (k + CANDIDATES).min(mentions.len())
        };
        for (j, m) in mentions[from..to].iter().enumerate() {
            if before_only && m.to > i {
                continue;
            }
            if let Some(c) = self.cost(i, m)
                && best.is_none_or(|(b, _)| c < b)
            {
                best = Some((c, from + j));
            }
        }
        if let Some((c, j)) = best {
            return Some((j, c));
        }
        // "We had the lamb. It was overcooked.": a sentence that names nothing and opens with a
        // pronoun is about the last thing named in the sentence before.
        let sentence = self.place[i as usize].sentence as usize;
        if sentence == 0 {
            return None;
        }
        let opens = self.sentence_starts[sentence] as usize;
        if !(self.roles)(opens).has(WordRoles::PRONOUN) {
            return None;
        }
        let before = mentions.partition_point(|m| (m.from as usize) < opens);
        let last = before.checked_sub(1)?;
        (self.place[mentions[last].from as usize].sentence as usize == sentence - 1)
            .then_some((last, PRONOUN_COST))
    }

    /// How far opinion word `i` is from mention `m`, in words with the costs of the module
    /// docs; `None` across sentences and contrast words.
    fn cost(&self, i: u32, m: &Mention) -> Option<f64> {
        let p = self.place;
        let (i, from, to) = (i as usize, m.from as usize, m.to as usize);
        if p[i].sentence != p[from].sentence {
            return None;
        }
        if (from..to).contains(&i) {
            return Some(0.0);
        }
        let (lo, hi) = if i < from { (i, from) } else { (to - 1, i) };
        let contrasts = (p[hi].contrasts - p[lo].contrasts) as f64;
        if contrasts > 0.0 && i < from {
            // What comes before "but" is never said of what comes after it; what comes after
            // may finish what was said before ("good, but not outstanding").
            return None;
        }
        let d = (hi - lo - 1) as f64;
        // A relative clause right after the object is about it ("made with soy mayonnaise,
        // which is pretty good").
        let relative = i >= to
            && (to..i)
                .take(3)
                .find(|&k| !self.place[k].skip)
                .is_some_and(|k| (self.roles)(k).has(WordRoles::RELATIVE));
        let object = if m.object && !(i < from && d == 0.0) && !relative {
            OBJECT
        } else {
            0.0
        };
        let base = if i < from {
            BEFORE * d
        } else if p[hi].copulas != p[lo].copulas {
            AFTER_COPULA + 0.01 * d
        } else {
            d + AFTER
        };
        let clauses = (p[hi].segment - p[lo].segment) as f64;
        let ands = (p[hi].ands - p[lo].ands) as f64;
        Some(object + base + CROSS_CLAUSE * clauses + CROSS_AND * ands + CROSS_CONTRAST * contrasts)
    }
}

/// The evidence of one aspect or target: the spans of its explicit `mentions` (terms) and of
/// its opinion words, in text order, the first [`AspectEvidenceList::CAPACITY`].
fn evidence(
    all: &[crate::read::Word],
    mentions: &[Mention],
    judged: &[Opinion],
    spans: &mut Vec<AspectEvidence>,
) -> AspectEvidenceList {
    spans.clear();
    for m in mentions.iter().filter(|m| !m.implied) {
        spans.push(AspectEvidence {
            start: all[m.from as usize].start,
            end: all[m.to as usize - 1].end,
            role: Role::Term,
        });
    }
    for o in judged {
        let w = &all[o.word as usize];
        spans.push(AspectEvidence {
            start: w.start,
            end: w.end,
            role: Role::Opinion,
        });
    }
    spans.sort_unstable_by_key(|s| (s.start, s.end, s.role == Role::Opinion));
    spans.dedup_by_key(|s| (s.start, s.end));
    let mut list = AspectEvidenceList::default();
    for s in spans.iter() {
        if !list.push(*s) {
            break;
        }
    }
    list
}
