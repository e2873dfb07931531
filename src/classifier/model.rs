//! The compiled classifier: every category's patterns in one cue index, and each category's
//! small linear model over the cue groups that matched and the text's sentiment.

use std::sync::{Arc, LazyLock};

use super::result::{Category, CategoryScore, Evidence, EvidenceList, Part, SentenceScore};
use crate::config::{
    CategorySpec, CueKind, RatingWeights, SentimentWeights, builtin_specs, config_error,
};
use crate::cues::{self, Sentence, find_sentences};
use crate::error::Error;
use crate::read::{Vocabulary, Words};
use crate::scorer::Sentiment;
use crate::util::{Name, SCORE_DECIMALS, rounded};

/// A compiled category.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct Compiled {
    label: Name,
    bias: f64,
    threshold: f64,
    sentiment: SentimentWeights,
    rating: RatingWeights,
    /// `(name, weight, kind)` per group; group `g` of this category is global group
    /// `first_group + g`.
    groups: Vec<(String, f64, CueKind)>,
    first_group: usize,
}

/// What the matcher needs of a global group, in one flat table.
#[derive(Clone, Copy, Debug, serde::Serialize, serde::Deserialize)]
struct GroupInfo {
    category: u32,
    weight: f64,
    kind: CueKind,
}

impl GroupInfo {
    /// Whether a match is evidence: a cue with a positive weight.
    fn is_evidence(&self) -> bool {
        self.kind == CueKind::Cue && self.weight > 0.0
    }
}

/// The feedback classifier: every category's patterns in one index by first word.
///
/// Build once ([`Classifier::new`] for the built-in categories, [`Classifier::builder`] to
/// customise) and share: it is `Send + Sync`.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Classifier {
    categories: Arc<[Compiled]>,
    pub(super) index: cues::StageIndex,
    /// The global group of each pattern.
    pattern_group: Arc<[u32]>,
    /// Each global group's category, weight and kind.
    groups: Arc<[GroupInfo]>,
}

impl Default for Classifier {
    fn default() -> Classifier {
        Classifier::new()
    }
}

/// What came with a text, for the classifier: the title's words and the star rating.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Context<'a> {
    /// The title and its words.
    pub title: Option<(&'a str, &'a Words)>,
    /// The rating as a share of the scale's top, in [0, 1] (checked by the caller).
    pub rating: Option<f64>,
}

/// One category's model laid out for an explanation (see [`Classifier::text_model`]).
pub(crate) struct ModelParts {
    pub bias: f64,
    pub sentiment: SentimentWeights,
    /// Each group's name, weight, and whether it matched.
    pub groups: Vec<(String, f64, bool)>,
}

/// One match of a pattern: where, in which sentence, for which group. Sorted, matches come
/// category by category, then sentence by sentence (the title's first), then group by group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Match {
    category: u32,
    part: Part,
    sentence: u32,
    group: u32,
    start: usize,
    end: usize,
}

/// Buffers the classifier reuses between texts.
#[derive(Clone, Debug, Default)]
pub(crate) struct ClassifierScratch {
    /// The text's sentences, and the title's.
    sentences: Vec<Sentence>,
    title_sentences: Vec<Sentence>,
    matches: Vec<Match>,
    /// Per global group: whether a context group has been counted (reset per text).
    seen: Vec<bool>,
    /// One sentence's evidence spans, being merged.
    spans: Vec<(usize, usize)>,
}

/// The matches of one category split into its sentences' runs.
fn sentence_runs(matches: &[Match]) -> impl Iterator<Item = &[Match]> {
    matches.chunk_by(|a, b| (a.part, a.sentence) == (b.part, b.sentence))
}

impl Classifier {
    /// The built-in categories (compiled once per process; another costs a reference count).
    ///
    /// ```
    /// let c = earshot::classifier::Classifier::new();
    /// assert!(c.labels().any(|l| l == "idea"));
    /// ```
    pub fn new() -> Classifier {
        static BUILTIN: LazyLock<Classifier> = LazyLock::new(|| {
            Classifier::compile(&builtin_specs(), Vocabulary::new())
                .unwrap_or_else(|e| unreachable!("the built-in categories compile (tested): {e}"))
        });
        BUILTIN.clone()
    }

    /// Every literal word of the patterns (and the reading stage's common words), with its id:
    /// words read with it carry the ids the patterns test.
    pub(crate) fn vocabulary(&self) -> &Arc<Vocabulary> {
        self.index.vocabulary()
    }

    /// The labels of the enabled categories, in definition order.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.categories.iter().map(|c| c.label.as_str())
    }

    /// The built-in categories, compiled afresh (not shared with [`Classifier::new`]'s), so
    /// that an analyzer's chain owns them (see [`share_vocabulary`](Self::share_vocabulary)).
    pub(crate) fn compile_builtin() -> Classifier {
        Classifier::compile(&builtin_specs(), Vocabulary::new())
            .unwrap_or_else(|e| unreachable!("the built-in categories compile (tested): {e}"))
    }

    /// The vocabulary moved out, for the next stage of an analyzer's chain to extend (see
    /// `cues::Index::take_vocabulary`); the classifier reads with none until it is given the
    /// chain's last ([`share_vocabulary`](Self::share_vocabulary)).
    pub(crate) fn take_vocabulary(&mut self) -> Option<Vocabulary> {
        self.index.take_vocabulary()
    }

    /// Reads with `vocabulary`, which extends this classifier's, instead of a copy of its own
    /// (when the compiled patterns are not shared yet; else nothing changes).
    pub(crate) fn share_vocabulary(&mut self, vocabulary: &Arc<Vocabulary>) {
        self.index.share_vocabulary(vocabulary);
    }

    /// Where the patterns are: the classifier's own index, or its part of one shared with an
    /// analyzer's other stages.
    pub(crate) fn cue_index(&self) -> &cues::StageIndex {
        &self.index
    }

    /// [`cue_index`](Self::cue_index), to share it.
    pub(crate) fn cue_index_mut(&mut self) -> &mut cues::StageIndex {
        &mut self.index
    }

    /// The position of the enabled category `label`, if there is one.
    pub(crate) fn position(&self, label: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.label == label)
    }

    /// Compiles `specs`, their words interned into `vocabulary` (which may hold other stages'
    /// words: their ids are kept).
    pub(crate) fn compile(
        specs: &[CategorySpec],
        vocabulary: Vocabulary,
    ) -> Result<Classifier, Error> {
        let mut patterns = Vec::new();
        let mut pattern_group = Vec::new();
        let mut groups: Vec<GroupInfo> = Vec::new();
        let mut categories: Vec<Compiled> = Vec::new();
        for spec in specs.iter().filter(|s| s.enabled) {
            if spec.label.trim().is_empty() {
                return Err(config_error("a category has an empty label".into()));
            }
            if !(spec.threshold > 0.0 && spec.threshold <= 1.0) {
                return Err(config_error(format!(
                    "category {:?}: threshold {} is not in (0, 1]",
                    spec.label, spec.threshold
                )));
            }
            let finite = spec.bias.is_finite()
                && spec.sentiment.negative.is_finite()
                && spec.sentiment.positive.is_finite()
                && spec.rating.rated.is_finite()
                && spec.rating.low.is_finite()
                && spec.rating.high.is_finite()
                && spec.cues.iter().all(|g| g.weight.is_finite());
            if !finite {
                return Err(config_error(format!(
                    "category {:?}: a weight is not a finite number",
                    spec.label
                )));
            }
            if categories.iter().any(|c| c.label == spec.label.as_str()) {
                return Err(config_error(format!(
                    "two categories are labelled {:?}",
                    spec.label
                )));
            }
            let first_group = groups.len();
            for group in &spec.cues {
                let global = groups.len() as u32;
                groups.push(GroupInfo {
                    category: categories.len() as u32,
                    weight: group.weight,
                    kind: group.kind,
                });
                for p in &group.patterns {
                    let compiled = cues::compile(p).map_err(|why| {
                        config_error(format!(
                            "category {:?}, cues {:?}: pattern {p:?}: {why}",
                            spec.label, group.name
                        ))
                    })?;
                    patterns.push(compiled);
                    pattern_group.push(global);
                }
            }
            categories.push(Compiled {
                label: Name::new(&spec.label),
                bias: spec.bias,
                threshold: spec.threshold,
                sentiment: spec.sentiment,
                rating: spec.rating,
                groups: spec
                    .cues
                    .iter()
                    .map(|g| (g.name.clone(), g.weight, g.kind))
                    .collect(),
                first_group,
            });
        }
        Ok(Classifier {
            categories: categories.into(),
            index: cues::StageIndex::new(cues::Index::new(patterns, vocabulary)),
            pattern_group: pattern_group.into(),
            groups: groups.into(),
        })
    }

    /// Finds every cue among the `words` of `text` (the text or its title, as `part` says):
    /// in its sentences (found once by the reading, or here into `sentences`), and adds each
    /// match to `matches`. Returns whether any match is evidence.
    fn find_cues(
        &self,
        text: &str,
        words: &Words,
        part: Part,
        shared: Option<cues::Found<'_>>,
        sentences: &mut Vec<Sentence>,
        matches: &mut Vec<Match>,
    ) -> bool {
        let sentences: &[Sentence] = match words.sentences() {
            Some(found) => found,
            None => {
                find_sentences(text, words.lower_buffer(), words.as_slice(), sentences);
                sentences
            }
        };
        let view = cues::TokenView::new(text, words, sentences);
        let words = words.as_slice();
        let mut evidence = false;
        self.index.each_match(&view, shared, |pattern, from, to| {
            let group = self.pattern_group[pattern as usize];
            let info = self.groups[group as usize];
            evidence |= info.is_evidence();
            // The sentence of the match's first word; a match that runs on into the next
            // sentence (`? nope`) is evidence within its own.
            let sentence = sentences.partition_point(|s| s.end as usize <= from);
            let to = sentences
                .get(sentence)
                .map_or(to, |s| to.min(s.end as usize));
            matches.push(Match {
                category: info.category,
                part,
                sentence: sentence as u32,
                group,
                start: words[from].start,
                end: words[to - 1].end,
            });
        });
        evidence
    }

    /// Finds the cues of the text and its title into `scratch`, sorted; false (and the
    /// matches unsorted) if none is evidence, when nothing can be reported.
    fn find_all_cues(
        &self,
        text: &str,
        words: &Words,
        context: &Context<'_>,
        shared: Option<cues::Found<'_>>,
        scratch: &mut ClassifierScratch,
    ) -> bool {
        let ClassifierScratch {
            sentences,
            title_sentences,
            matches,
            seen,
            ..
        } = scratch;
        matches.clear();
        let mut evidence = self.find_cues(text, words, Part::Text, shared, sentences, matches);
        if let Some((title, title_words)) = context.title {
            evidence |= self.find_cues(
                title,
                title_words,
                Part::Title,
                None,
                title_sentences,
                matches,
            );
        }
        if evidence {
            matches.sort_unstable();
            seen.clear();
            seen.resize(self.groups.len(), false);
        }
        evidence
    }

    /// The categories of `text`, given its `sentiment`, most confident first.
    ///
    /// ```
    /// use earshot::{classifier::Classifier, Analyzer};
    ///
    /// let text = "Please add a dark mode";
    /// let found = Classifier::new().classify(text, &Analyzer::default().sentiment(text));
    /// assert_eq!(found[0].label, "idea");
    /// ```
    pub fn classify(&self, text: &str, sentiment: &Sentiment) -> Vec<Category> {
        let mut out = Vec::new();
        let mut words = Words::default();
        words.read(text, self.vocabulary());
        self.classify_into(
            text,
            &words,
            &Context::default(),
            sentiment,
            None,
            &mut ClassifierScratch::default(),
            &mut out,
        );
        out
    }

    /// How every enabled category scored `text`: the matched groups, each sentence's log-odds,
    /// the confidence — the explanation behind [`classify`](Self::classify).
    ///
    /// ```
    /// use earshot::{classifier::Classifier, Sentiment};
    ///
    /// let scores = Classifier::new().scores("Love it. Please add dark mode", &Sentiment::ZERO);
    /// let idea = scores.iter().find(|s| s.label == "idea").unwrap();
    /// assert!(idea.groups.iter().any(|(name, _, _, matched)| name == "request" && *matched));
    /// assert_eq!(idea.sentences[0].sentence, 1);
    /// ```
    pub fn scores(&self, text: &str, sentiment: &Sentiment) -> Vec<CategoryScore> {
        let reported = self.classify(text, sentiment);
        let mut words = Words::default();
        words.read(text, self.vocabulary());
        let mut scratch = ClassifierScratch::default();
        let context = Context::default();
        if !self.find_all_cues(text, &words, &context, None, &mut scratch) {
            // Unsorted, but scores do not need evidence: sort them all the same.
            scratch.matches.sort_unstable();
            scratch.seen.resize(self.groups.len(), false);
        }
        let ClassifierScratch { matches, seen, .. } = &mut scratch;
        self.categories
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let from = matches.partition_point(|m| (m.category as usize) < k);
                let to = matches.partition_point(|m| m.category as usize <= k);
                let mine = &matches[from..to];
                let base = self.base_logit(c, sentiment, &context, mine, seen);
                let groups = c
                    .groups
                    .iter()
                    .enumerate()
                    .map(|(g, (name, w, kind))| {
                        let global = (c.first_group + g) as u32;
                        (
                            name.clone(),
                            *w,
                            *kind,
                            mine.iter().any(|m| m.group == global),
                        )
                    })
                    .collect();
                let sentences: Vec<SentenceScore> = sentence_runs(mine)
                    .filter_map(|run| {
                        let mut groups: Vec<usize> = run
                            .iter()
                            .filter(|m| self.groups[m.group as usize].kind != CueKind::Context)
                            .map(|m| m.group as usize - c.first_group)
                            .collect();
                        groups.dedup();
                        let (logit, evidence) = self.sentence_logit(base, run);
                        (!groups.is_empty()).then(|| SentenceScore {
                            sentence: run[0].sentence,
                            part: run[0].part,
                            groups,
                            logit,
                            evidence,
                        })
                    })
                    .collect();
                let logit = sentences
                    .iter()
                    .filter(|s| s.evidence)
                    .map(|s| s.logit)
                    .max_by(f64::total_cmp)
                    .unwrap_or(base);
                CategoryScore {
                    label: c.label.clone(),
                    logit,
                    confidence: sigmoid(logit),
                    groups,
                    sentences,
                    reported: reported.iter().any(|r| r.label == c.label),
                }
            })
            .collect()
    }

    /// The log-odds of category `c` before any sentence's own cues: its bias, the sentiment
    /// and rating terms, and the context groups among its matches `mine` (each counted once,
    /// marked in `seen`).
    fn base_logit(
        &self,
        c: &Compiled,
        sentiment: &Sentiment,
        context: &Context<'_>,
        mine: &[Match],
        seen: &mut [bool],
    ) -> f64 {
        let mut logit = c.bias
            + c.sentiment.negative * sentiment.negative
            + c.sentiment.positive * sentiment.positive;
        if let Some(rating) = context.rating {
            let (low, high) = rating_features(rating);
            logit += c.rating.rated + c.rating.low * low + c.rating.high * high;
        }
        for m in mine {
            let g = &self.groups[m.group as usize];
            if g.kind == CueKind::Context && !seen[m.group as usize] {
                seen[m.group as usize] = true;
                logit += g.weight;
            }
        }
        logit
    }

    /// The log-odds of one sentence whose matches are `run` (sorted by group): `base` and the
    /// weight of each cue and guard group that matched in it, once; and whether a match is
    /// evidence.
    fn sentence_logit(&self, base: f64, run: &[Match]) -> (f64, bool) {
        let mut logit = base;
        let mut evidence = false;
        let mut previous = u32::MAX;
        for m in run {
            let g = &self.groups[m.group as usize];
            if m.group != previous && g.kind != CueKind::Context {
                logit += g.weight;
            }
            evidence |= g.is_evidence();
            previous = m.group;
        }
        (logit, evidence)
    }

    /// The log-odds of the category at `position` over the whole text last classified with
    /// `scratch`, reported or not: its bias, the sentiment terms and each of its groups that
    /// matched anywhere, once (for a stage that uses a category as a text-level model of its
    /// own, whose groups are all of kind context).
    pub(crate) fn text_logit(
        &self,
        position: usize,
        sentiment: &Sentiment,
        scratch: &ClassifierScratch,
    ) -> f64 {
        let c = &self.categories[position];
        let mut logit = c.bias
            + c.sentiment.negative * sentiment.negative
            + c.sentiment.positive * sentiment.positive;
        for (g, (_, weight, _)) in c.groups.iter().enumerate() {
            let global = (c.first_group + g) as u32;
            if scratch.matches.iter().any(|m| m.group == global) {
                logit += weight;
            }
        }
        logit
    }

    /// The model of the category at `position` for the text last classified with `scratch`:
    /// its bias, its sentiment weights, and each group's name, weight and whether it matched
    /// anywhere in the text (the explanation of [`text_logit`](Self::text_logit)).
    pub(crate) fn text_model(&self, position: usize, scratch: &ClassifierScratch) -> ModelParts {
        let c = &self.categories[position];
        ModelParts {
            bias: c.bias,
            sentiment: c.sentiment,
            groups: c
                .groups
                .iter()
                .enumerate()
                .map(|(g, (name, weight, _))| {
                    let global = (c.first_group + g) as u32;
                    let matched = scratch.matches.iter().any(|m| m.group == global);
                    (name.clone(), *weight, matched)
                })
                .collect(),
        }
    }

    /// Asserts that the cue index finds, in each of `texts`, exactly the matches of trying
    /// every pattern at every token (anchored ones at each sentence's first word); returns how
    /// many matches there were (tests only).
    #[cfg(test)]
    pub(crate) fn check_index_against_every_pattern(&self, texts: &[String]) -> usize {
        use std::collections::BTreeSet;
        let mut words = Words::default();
        let mut sentences = Vec::new();
        let mut matched = 0;
        for text in texts {
            words.read(text, self.vocabulary());
            find_sentences(text, words.lower_buffer(), words.as_slice(), &mut sentences);
            let view = cues::TokenView::new(text, &words, &sentences);
            let (mut fast, mut slow) = (BTreeSet::new(), BTreeSet::new());
            self.index.find_all(&view, |p, from, to| {
                fast.insert((p, from, to));
            });
            self.index.find_all_slowly(&view, |p, from, to| {
                slow.insert((p, from, to));
            });
            assert_eq!(fast, slow, "{text:?}");
            matched += fast.len();
        }
        matched
    }

    /// Classifies `text`, whose words are `words`, with what came with it (`context`) into
    /// `out` (cleared first; with room in `out`, nothing is allocated).
    ///
    /// Each sentence (of the title, then of the text) is scored alone: the category's bias,
    /// sentiment, rating and context groups, and the groups that matched in the sentence. The
    /// category's confidence is that of its best sentence with evidence, and its evidence the
    /// spans of every sentence that reaches the threshold, with the sentence's number. The
    /// text's cue matches come from `shared` when an analyzer found them for all its stages.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn classify_into(
        &self,
        text: &str,
        words: &Words,
        context: &Context<'_>,
        sentiment: &Sentiment,
        shared: Option<cues::Found<'_>>,
        scratch: &mut ClassifierScratch,
        out: &mut Vec<Category>,
    ) {
        out.clear();
        if !self.find_all_cues(text, words, context, shared, scratch) {
            return;
        }
        let ClassifierScratch {
            matches,
            seen,
            spans,
            ..
        } = scratch;
        for mine in matches.chunk_by(|a, b| a.category == b.category) {
            let category = &self.categories[mine[0].category as usize];
            let base = self.base_logit(category, sentiment, context, mine, seen);
            let best = sentence_runs(mine)
                .map(|run| self.sentence_logit(base, run))
                .filter(|&(_, evidence)| evidence)
                .map(|(logit, _)| logit)
                .max_by(f64::total_cmp);
            let Some(best) = best else { continue };
            let confidence = sigmoid(best);
            if confidence < category.threshold {
                continue;
            }
            // The evidence of every sentence that reaches the threshold alone: its matched
            // spans in text order, overlapping ones merged.
            let mut evidence = EvidenceList::default();
            'sentences: for run in sentence_runs(mine) {
                let (logit, fired) = self.sentence_logit(base, run);
                if !fired || sigmoid(logit) < category.threshold {
                    continue;
                }
                spans.clear();
                spans.extend(
                    run.iter()
                        .filter(|m| self.groups[m.group as usize].is_evidence())
                        .map(|m| (m.start, m.end)),
                );
                spans.sort_unstable();
                let mut merged = 0;
                for j in 0..spans.len() {
                    let (start, end) = spans[j];
                    if merged > 0 && start < spans[merged - 1].1 {
                        spans[merged - 1].1 = spans[merged - 1].1.max(end);
                    } else {
                        spans[merged] = (start, end);
                        merged += 1;
                    }
                }
                for &(start, end) in &spans[..merged] {
                    let span = Evidence {
                        start,
                        end,
                        sentence: run[0].sentence,
                        part: run[0].part,
                    };
                    if !evidence.push(span) {
                        break 'sentences;
                    }
                }
            }
            out.push(Category {
                label: category.label.clone(),
                confidence,
                evidence,
            });
        }
        // Most confident first, as confidences are reported (to 3 decimals), then by label:
        // labels are unique, so the order is total and the unstable sort deterministic (and it
        // does not allocate).
        out.sort_unstable_by(|a, b| {
            rounded(b.confidence, SCORE_DECIMALS)
                .total_cmp(&rounded(a.confidence, SCORE_DECIMALS))
                .then_with(|| a.label.cmp(&b.label))
        });
    }
}

/// The rating features of a rating `share` of the scale's top (one star of five is 0.2):
/// `low` is 1 for one star, ½ for two, 0 from three; `high` ½ for four, 1 for five.
fn rating_features(share: f64) -> (f64, f64) {
    let stars = share * 5.0;
    (
        ((3.0 - stars) / 2.0).clamp(0.0, 1.0),
        ((stars - 3.0) / 2.0).clamp(0.0, 1.0),
    )
}

fn sigmoid(logit: f64) -> f64 {
    1.0 / (1.0 + (-logit).exp())
}
