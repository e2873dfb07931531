//! Batches: many texts on several threads, results in input order.

use super::{Analysis, Analyzer, Feedback, Workspace};

/// What a batch can hold: texts, or texts with their context.
trait Item: Sync {
    /// The bytes to analyse (to balance the threads' shares).
    fn len(&self) -> usize;
    /// Analyses the item in `workspace` into `out`.
    fn analyze(&self, analyzer: &Analyzer, workspace: &mut Workspace, out: &mut Analysis);
}

impl<S: AsRef<str> + Sync> Item for S {
    fn len(&self) -> usize {
        self.as_ref().len()
    }
    fn analyze(&self, analyzer: &Analyzer, workspace: &mut Workspace, out: &mut Analysis) {
        analyzer.analyze_with(self.as_ref(), workspace, out);
    }
}

impl Item for Feedback<'_> {
    fn len(&self) -> usize {
        self.text.len() + self.title.map_or(0, str::len)
    }
    fn analyze(&self, analyzer: &Analyzer, workspace: &mut Workspace, out: &mut Analysis) {
        analyzer.analyze_feedback_with(self, workspace, out);
    }
}

impl Analyzer {
    /// Analyses many texts on all cores; the results come back in the order of `texts`.
    ///
    /// The texts are split into one contiguous share per core, balanced by length, and
    /// analysed on scoped threads (std only; the number of threads is
    /// [`std::thread::available_parallelism`]). Small batches run on the calling thread, where
    /// starting threads would cost more than it saves.
    ///
    /// ```
    /// let analyzer = earshot::Analyzer::default();
    /// let posts = ["love it", "the app keeps crashing", "how do I reset it?"];
    /// let results = analyzer.analyze_batch(&posts);
    /// assert_eq!(results.len(), 3);
    /// assert!(results[0].sentiment.compound > 0.0);
    /// assert!(results[1].categories.iter().any(|c| c.label == "problem"));
    /// ```
    pub fn analyze_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Analysis> {
        let mut out = Vec::new();
        self.analyze_batch_into(texts, &mut out);
        out
    }

    /// Like [`analyze_batch`](Self::analyze_batch), reusing the [`Analysis`] values already in
    /// `out` (it is resized to `texts.len()`). Each thread works in one [`Workspace`] of its
    /// own and writes each result in place, so memory grows with the results, not with a
    /// workspace per text; with warm results a batch allocates only each thread and its
    /// workspace.
    ///
    /// ```
    /// let analyzer = earshot::Analyzer::default();
    /// let mut out = Vec::new();
    /// for batch in [["great", "awful"], ["fine", "meh"]] {
    ///     analyzer.analyze_batch_into(&batch, &mut out);
    ///     assert_eq!(out.len(), 2);
    /// }
    /// ```
    pub fn analyze_batch_into<S: AsRef<str> + Sync>(&self, texts: &[S], out: &mut Vec<Analysis>) {
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        self.analyze_batch_with_threads(texts, out, threads);
    }

    /// [`analyze_batch_into`](Self::analyze_batch_into) on at most `threads` threads (`0` is
    /// taken as 1), for a service that keeps cores for other work or a benchmark that compares
    /// one thread with several. The results are the same for every thread count.
    ///
    /// ```
    /// let analyzer = earshot::Analyzer::default();
    /// let posts = ["love it", "the app keeps crashing"];
    /// let (mut one, mut two) = (Vec::new(), Vec::new());
    /// analyzer.analyze_batch_with_threads(&posts, &mut one, 1);
    /// analyzer.analyze_batch_with_threads(&posts, &mut two, 2);
    /// for (a, b) in one.iter().zip(&two) {
    ///     assert_eq!((a.sentiment, &a.categories), (b.sentiment, &b.categories));
    /// }
    /// ```
    pub fn analyze_batch_with_threads<S: AsRef<str> + Sync>(
        &self,
        texts: &[S],
        out: &mut Vec<Analysis>,
        threads: usize,
    ) {
        self.batch(texts, out, threads);
    }

    /// Like [`analyze_batch_into`](Self::analyze_batch_into), for texts with their titles
    /// and ratings (see [`Feedback`]).
    ///
    /// ```
    /// use earshot::Feedback;
    ///
    /// let analyzer = earshot::Analyzer::default();
    /// let reviews = [Feedback::new("It crashes").with_rating(1.0, 5.0), Feedback::new("great")];
    /// let mut out = Vec::new();
    /// analyzer.analyze_feedback_batch_into(&reviews, &mut out);
    /// assert!(out[0].categories.iter().any(|c| c.label == "problem"));
    /// ```
    pub fn analyze_feedback_batch_into(&self, items: &[Feedback<'_>], out: &mut Vec<Analysis>) {
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        self.batch(items, out, threads);
    }

    /// Analyses `texts` into `out` on at most `threads` threads.
    fn batch<T: Item>(&self, texts: &[T], out: &mut Vec<Analysis>, threads: usize) {
        out.truncate(texts.len());
        out.resize_with(texts.len(), Analysis::default);
        let total: usize = texts.iter().map(Item::len).sum();
        // Below this many bytes a thread's start-up (tens of microseconds) outweighs the work.
        const MIN_BYTES_PER_THREAD: usize = 16 * 1024;
        let threads = threads.min(total / MIN_BYTES_PER_THREAD).max(1);
        if threads == 1 {
            self.analyze_share(texts, out);
            return;
        }
        // Contiguous shares of about equal bytes, so one long review doesn't leave a core idle
        // while another works through it and its neighbours.
        let share = total.div_ceil(threads);
        std::thread::scope(|scope| {
            let mut texts = texts;
            let mut outs = out.as_mut_slice();
            while !texts.is_empty() {
                let mut bytes = 0;
                let mut n = 0;
                while n < texts.len() && (n == 0 || bytes < share) {
                    bytes += texts[n].len();
                    n += 1;
                }
                let (mine, rest) = texts.split_at(n);
                let (my_outs, rest_outs) = outs.split_at_mut(n);
                texts = rest;
                outs = rest_outs;
                let work = move || {
                    let my_outs = my_outs;
                    self.analyze_share(mine, my_outs)
                };
                if texts.is_empty() {
                    // The last share runs on the calling thread.
                    work();
                } else {
                    scope.spawn(work);
                }
            }
        });
    }

    /// Analyses `texts` into `outs` on this thread, in one workspace.
    fn analyze_share<T: Item>(&self, texts: &[T], outs: &mut [Analysis]) {
        let mut workspace = Workspace::new();
        for (text, out) in texts.iter().zip(outs) {
            text.analyze(self, &mut workspace, out);
        }
    }
}
