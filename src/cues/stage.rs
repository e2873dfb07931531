//! A stage's patterns in an index: the stage's own, or its part of the one index that an
//! analyzer's cue stages share, so that one pass over a text's words finds every stage's
//! matches.

use super::index::{Index, TokenView};
use crate::read::Vocabulary;
use std::ops::Range;
use std::sync::Arc;

/// One match of a pattern: `(pattern, first token, end token)`.
pub(crate) type CueMatch = (u32, u32, u32);

/// The matches of a shared index in one text, found once by an analyzer for all its stages.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Found<'a> {
    /// The index that found them.
    pub index: &'a Arc<Index>,
    pub matches: &'a [CueMatch],
}

/// A stage's patterns: pattern `p` of the stage is pattern `first + p` of `index`.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct StageIndex {
    /// Shared by an analyzer's stages: a snapshot holds it once, and each stage's part is
    /// pointed at it again on loading ([`StageIndex::share`]).
    #[serde(skip, default = "Index::unset")]
    index: Arc<Index>,
    first: u32,
    len: u32,
}

impl StageIndex {
    /// A stage's own index.
    pub(crate) fn new(index: Index) -> StageIndex {
        StageIndex {
            len: index.patterns(),
            index: Arc::new(index),
            first: 0,
        }
    }

    /// The vocabulary the patterns are compiled against.
    pub(crate) fn vocabulary(&self) -> &Arc<Vocabulary> {
        self.index.vocabulary()
    }

    /// The vocabulary, moved out when the index is the stage's alone (see
    /// [`Index::take_vocabulary`]).
    pub(crate) fn take_vocabulary(&mut self) -> Option<Vocabulary> {
        Arc::get_mut(&mut self.index)?.take_vocabulary()
    }

    /// Reads with `vocabulary`, which extends the patterns' (when the index is not shared yet;
    /// else nothing changes).
    pub(crate) fn share_vocabulary(&mut self, vocabulary: &Arc<Vocabulary>) {
        if let Some(index) = Arc::get_mut(&mut self.index) {
            index.share_vocabulary(vocabulary);
        }
    }

    /// The index and the range of its patterns that are the stage's (to merge it with others).
    pub(crate) fn part(&self) -> (&Arc<Index>, Range<u32>) {
        (&self.index, self.patterns())
    }

    /// The stage's patterns in its index.
    fn patterns(&self) -> Range<u32> {
        self.first..self.first + self.len
    }

    /// `found`, called only for the stage's patterns, with the stage's pattern ids.
    fn own(&self, mut found: impl FnMut(u32, usize, usize)) -> impl FnMut(u32, usize, usize) {
        let range = self.patterns();
        move |p, from, to| {
            if range.contains(&p) {
                found(p - range.start, from, to);
            }
        }
    }

    /// The stage's patterns are now `first..` of `shared` (which holds them, as
    /// [`Index::merge`] put them there).
    pub(crate) fn share(&mut self, shared: &Arc<Index>, first: u32) {
        debug_assert!(first + self.len <= shared.patterns());
        self.index = Arc::clone(shared);
        self.first = first;
    }

    /// Points the stage at `shared`, which holds its patterns where it had them (a stage
    /// loaded from a snapshot, whose index was kept once for all stages); false, nothing
    /// changed, if `shared` is too small to hold them.
    pub(crate) fn attach(&mut self, shared: &Arc<Index>) -> bool {
        let fits = self
            .first
            .checked_add(self.len)
            .is_some_and(|end| end <= shared.patterns());
        if fits {
            self.index = Arc::clone(shared);
        }
        fits
    }

    /// Whether every pattern of its index is the stage's.
    pub(crate) fn owns_whole_index(&self) -> bool {
        self.first == 0 && self.len == self.index.patterns()
    }

    /// Points the stage at an index of its own patterns only, when it has a part of a larger
    /// one: a stage that runs without the others it was compiled beside (the built-in chain
    /// shares one index) then tries none of their patterns on every text.
    pub(crate) fn keep_only_own(&mut self) {
        if self.owns_whole_index() {
            return;
        }
        let own = Arc::new(Index::merge(&[(&self.index, self.patterns())]));
        self.share(&own, 0);
    }

    /// Calls `found(pattern, first token, end token)` for every match of the stage's patterns
    /// (see [`Index::find_all`]).
    pub(crate) fn find_all(&self, tokens: &TokenView<'_>, found: impl FnMut(u32, usize, usize)) {
        if self.owns_whole_index() {
            return self.index.find_all(tokens, found);
        }
        self.index.find_all(tokens, self.own(found));
    }

    /// Like [`find_all`](Self::find_all), taking the matches from `shared` when they were
    /// found by the index the stage's patterns are in (in the order its own pass would find
    /// them), and finding them itself otherwise.
    pub(crate) fn each_match(
        &self,
        tokens: &TokenView<'_>,
        shared: Option<Found<'_>>,
        found: impl FnMut(u32, usize, usize),
    ) {
        match shared {
            Some(shared) if Arc::ptr_eq(shared.index, &self.index) => {
                let mut found = self.own(found);
                for &(p, from, to) in shared.matches {
                    found(p, from as usize, to as usize);
                }
            }
            _ => self.find_all(tokens, found),
        }
    }

    /// [`find_all`](Self::find_all) trying every pattern at every token (tests only).
    #[cfg(test)]
    pub(crate) fn find_all_slowly(
        &self,
        tokens: &TokenView<'_>,
        found: impl FnMut(u32, usize, usize),
    ) {
        self.index.find_all_slowly(tokens, self.own(found));
    }
}

/// The index `stages` share already, when they hold exactly its patterns, in order (the
/// stages of the built-in chain do).
pub(crate) fn already_shared(stages: &[&StageIndex]) -> Option<Arc<Index>> {
    let shared = &stages.first()?.index;
    let mut next = 0;
    for stage in stages {
        if !Arc::ptr_eq(&stage.index, shared) || stage.first != next {
            return None;
        }
        next += stage.len;
    }
    (next == shared.patterns()).then(|| Arc::clone(shared))
}

/// Points `stages` at one new index holding all their patterns, in order ([`Index::merge`]),
/// and returns it.
pub(crate) fn share_one_index(stages: &mut [&mut StageIndex]) -> Arc<Index> {
    let parts: Vec<(&Index, Range<u32>)> = stages
        .iter()
        .map(|s| {
            let (index, range) = s.part();
            (&**index, range)
        })
        .collect();
    let merged = Arc::new(Index::merge(&parts));
    let mut first = 0;
    for stage in stages.iter_mut() {
        stage.share(&merged, first);
        first += stage.len;
    }
    merged
}
