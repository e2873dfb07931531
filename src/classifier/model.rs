//! The compiled classifier: every category's patterns in one cue index, and each category's
//! small linear model over the cue groups that matched and the text's sentiment.

use std::sync::{Arc, LazyLock};

use super::result::{Category, CategoryScore, Evidence, EvidenceList};
use crate::config::{CategorySpec, SentimentWeights, builtin_specs, config_error};
use crate::cues;
use crate::error::Error;
use crate::read::{Vocabulary, Words};
use crate::scorer::Sentiment;
use crate::util::{Name, SCORE_DECIMALS, rounded};

/// A compiled category.
#[derive(Clone, Debug)]
struct Compiled {
    label: Name,
    bias: f64,
    threshold: f64,
    sentiment: SentimentWeights,
    /// `(name, weight)` per group; group `g` of this category is global group `first_group + g`.
    groups: Vec<(String, f64)>,
    first_group: usize,
}

/// The feedback classifier: every category's patterns in one index by first word.
///
/// Build once ([`Classifier::new`] for the built-in categories, [`Classifier::builder`] to
/// customise) and share: it is `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Classifier {
    categories: Arc<[Compiled]>,
    pub(super) index: Arc<cues::Index>,
    /// The global group of each pattern.
    pattern_group: Arc<[u32]>,
    /// The category of each global group.
    group_category: Arc<[u32]>,
}

impl Default for Classifier {
    fn default() -> Classifier {
        Classifier::new()
    }
}

/// One category's model laid out for an explanation (see [`Classifier::scores_after`]).
pub(crate) struct ModelParts {
    pub bias: f64,
    pub sentiment: SentimentWeights,
    /// Each group's name, weight, and whether it matched.
    pub groups: Vec<(String, f64, bool)>,
}

/// Buffers the classifier reuses between texts.
#[derive(Clone, Debug, Default)]
pub(crate) struct ClassifierScratch {
    /// Per global group: whether it matched.
    hits: Vec<bool>,
    /// Matches with a positive weight: (category, first word, end word).
    evidence: Vec<(u32, usize, usize)>,
    /// One category's evidence spans, being merged.
    spans: Vec<(usize, usize)>,
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
            Classifier::compile(builtin_specs(), Vocabulary::new())
                .unwrap_or_else(|e| unreachable!("the built-in categories compile (tested): {e}"))
        });
        BUILTIN.clone()
    }

    /// The built-in categories, compiled afresh (not shared with [`Classifier::new`]'s), so
    /// that an analyzer's chain owns them (see [`share_vocabulary`](Self::share_vocabulary)).
    pub(crate) fn compile_builtin() -> Classifier {
        Classifier::compile(builtin_specs(), Vocabulary::new())
            .unwrap_or_else(|e| unreachable!("the built-in categories compile (tested): {e}"))
    }

    /// Reads with `vocabulary`, which extends this classifier's, instead of a copy of its own
    /// (when the compiled patterns are not shared yet; else nothing changes).
    pub(crate) fn share_vocabulary(&mut self, vocabulary: &Arc<Vocabulary>) {
        if let Some(index) = Arc::get_mut(&mut self.index) {
            index.share_vocabulary(vocabulary);
        }
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

    /// Compiles the enabled categories of `specs`, their words interned into `vocabulary`
    /// (which may hold other stages' words already: their ids are kept).
    pub(crate) fn compile(
        specs: &[CategorySpec],
        vocabulary: Vocabulary,
    ) -> Result<Classifier, Error> {
        let mut patterns = Vec::new();
        let mut pattern_group = Vec::new();
        let mut group_category = Vec::new();
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
            let first_group = group_category.len();
            for group in &spec.cues {
                let global = group_category.len() as u32;
                group_category.push(categories.len() as u32);
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
                groups: spec
                    .cues
                    .iter()
                    .map(|g| (g.name.clone(), g.weight))
                    .collect(),
                first_group,
            });
        }
        Ok(Classifier {
            categories: categories.into(),
            index: Arc::new(cues::Index::new(patterns, vocabulary)),
            pattern_group: pattern_group.into(),
            group_category: group_category.into(),
        })
    }

    /// Finds every cue among the `words` of `text`: fills `scratch.hits` (per global group) and
    /// `scratch.evidence` (matches of positive-weight groups).
    /// Asserts that the cue index finds, in each of `texts`, exactly the matches of trying
    /// every pattern at every token; returns how many matches there were (tests only).
    #[cfg(test)]
    pub(crate) fn check_index_against_every_pattern(&self, texts: &[String]) -> usize {
        use std::collections::BTreeSet;
        let mut words = Words::default();
        let mut matched = 0;
        for text in texts {
            words.read(text, self.vocabulary());
            let view = cues::TokenView::new(text, &words);
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

    fn find_cues(&self, text: &str, words: &Words, scratch: &mut ClassifierScratch) {
        let ClassifierScratch { hits, evidence, .. } = scratch;
        hits.clear();
        hits.resize(self.group_category.len(), false);
        evidence.clear();
        self.index
            .find_all(&cues::TokenView::new(text, words), |pattern, from, to| {
                let group = self.pattern_group[pattern as usize] as usize;
                hits[group] = true;
                let category = self.group_category[group];
                let c = &self.categories[category as usize];
                if c.groups[group - c.first_group].1 > 0.0 {
                    evidence.push((category, from, to));
                }
            });
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
            sentiment,
            &mut ClassifierScratch::default(),
            &mut out,
        );
        out
    }

    /// How every enabled category scored `text`: the matched groups, log-odds and confidence —
    /// the explanation behind [`classify`](Self::classify).
    ///
    /// ```
    /// use earshot::{classifier::Classifier, Sentiment};
    ///
    /// let scores = Classifier::new().scores("please add dark mode", &Sentiment::ZERO);
    /// let idea = scores.iter().find(|s| s.label == "idea").unwrap();
    /// assert!(idea.groups.iter().any(|(name, _, matched)| name == "request" && *matched));
    /// ```
    pub fn scores(&self, text: &str, sentiment: &Sentiment) -> Vec<CategoryScore> {
        let reported = self.classify(text, sentiment);
        let mut words = Words::default();
        words.read(text, self.vocabulary());
        let mut scratch = ClassifierScratch::default();
        self.find_cues(text, &words, &mut scratch);
        self.categories
            .iter()
            .map(|c| {
                let groups = c
                    .groups
                    .iter()
                    .enumerate()
                    .map(|(g, (name, w))| (name.clone(), *w, scratch.hits[c.first_group + g]))
                    .collect();
                let logit = self.logit(c, sentiment, &scratch.hits);
                CategoryScore {
                    label: c.label.clone(),
                    logit,
                    confidence: sigmoid(logit),
                    groups,
                    reported: reported.iter().any(|r| r.label == c.label),
                }
            })
            .collect()
    }

    /// The position of the enabled category `label`, if there is one.
    pub(crate) fn position(&self, label: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.label == label)
    }

    /// The log-odds of the category at `position` for the text last classified with `scratch`,
    /// whether or not it was reported (for a stage that uses a category as a model of its own).
    pub(crate) fn logit_at(
        &self,
        position: usize,
        sentiment: &Sentiment,
        scratch: &ClassifierScratch,
    ) -> f64 {
        self.logit(&self.categories[position], sentiment, &scratch.hits)
    }

    /// The parts of the model of the category at `position` for the text last classified with
    /// `scratch`: bias, sentiment weights, and each group's name, weight and whether it matched.
    pub(crate) fn scores_after(
        &self,
        position: usize,
        _sentiment: &Sentiment,
        scratch: &ClassifierScratch,
    ) -> ModelParts {
        let c = &self.categories[position];
        ModelParts {
            bias: c.bias,
            sentiment: c.sentiment,
            groups: c
                .groups
                .iter()
                .enumerate()
                .map(|(g, (name, w))| (name.clone(), *w, scratch.hits[c.first_group + g]))
                .collect(),
        }
    }

    fn logit(&self, c: &Compiled, sentiment: &Sentiment, hits: &[bool]) -> f64 {
        c.bias
            + c.sentiment.negative * sentiment.negative
            + c.sentiment.positive * sentiment.positive
            // Weights times 0 or 1, not a branch per group: which groups matched is as good
            // as random. (Weights are finite: checked when building.)
            + c.groups
                .iter()
                .zip(&hits[c.first_group..])
                .map(|((_, w), &hit)| w * f64::from(u8::from(hit)))
                .sum::<f64>()
    }

    /// Classifies `text`, whose words are `words`, into `out` (cleared first; with room in
    /// `out`, nothing is allocated).
    pub(crate) fn classify_into(
        &self,
        text: &str,
        words: &Words,
        sentiment: &Sentiment,
        scratch: &mut ClassifierScratch,
        out: &mut Vec<Category>,
    ) {
        out.clear();
        self.find_cues(text, words, scratch);
        if scratch.evidence.is_empty() {
            return;
        }
        let words = words.as_slice();
        let ClassifierScratch {
            hits,
            evidence,
            spans,
        } = scratch;
        // Sorted, the evidence comes category by category, each in text order. A category
        // without evidence is never reported, so only these are scored.
        evidence.sort_unstable();
        let mut rest = &evidence[..];
        while let Some(&(k, _, _)) = rest.first() {
            let mine;
            (mine, rest) = rest.split_at(rest.iter().take_while(|e| e.0 == k).count());
            let category = &self.categories[k as usize];
            let confidence = sigmoid(self.logit(category, sentiment, hits));
            if confidence < category.threshold {
                continue;
            }
            // The matched word spans in text order, overlapping ones merged.
            spans.clear();
            spans.extend(
                mine.iter()
                    .map(|&(_, from, to)| (words[from].start, words[to - 1].end)),
            );
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
            let mut evidence = EvidenceList::default();
            for &(start, end) in &spans[..merged] {
                if !evidence.push(Evidence { start, end }) {
                    break;
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

fn sigmoid(logit: f64) -> f64 {
    1.0 / (1.0 + (-logit).exp())
}
