//! Columnar batches: texts as one byte buffer plus offsets (or string views), results as
//! struct-of-arrays — the shape engines exchange (Arrow's string, large string and string view
//! layouts), so that an adapter hands earshot its buffers as they are and builds its arrays
//! from whole columns.
//!
//! [`Texts`] borrows the caller's buffers (nothing is copied: each text is a slice of them,
//! checked as UTF-8 where it lies); [`Columns`] holds the results, one entry per text, and
//! keeps each thread's working space, so that a warm batch on one thread allocates nothing.
//!
//! Adding a stage's results: a column group beside [`SentimentColumns`] and
//! [`CategoryColumns`] (its own `push`, `push_empty`, `append` and `clear`), one field in
//! `Rows`, one line in each of `Rows`'s four methods, and an accessor on [`Columns`].

use std::ops::Range;

use super::{Analysis, Analyzer, Workspace};
use crate::classifier::Evidence;
use crate::error::{Error, ErrorKind};
use crate::scorer::{Label, Sentiment};
use crate::util::Name;

/// Texts in one of Arrow's three string layouts, borrowed: the bytes of every text in one
/// buffer with `i32` or `i64` offsets (Arrow's `string` and `large_string`), or 16-byte views
/// into data buffers (`string_view`); with an optional validity bitmap for null texts.
///
/// The constructors check the layout (offsets in bounds and not decreasing, views pointing
/// into their buffers) and return an [`ErrorKind::Columns`] error otherwise; each text is
/// checked as UTF-8 when it is analysed.
///
/// ```
/// let data = b"love ithate it";
/// let texts = earshot::Texts::new(data, &[0, 7, 14])?;
/// assert_eq!(texts.len(), 2);
/// assert_eq!(texts.bytes(1), Some(&b"hate it"[..]));
/// # Ok::<(), earshot::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Texts<'a> {
    layout: Layout<'a>,
    /// Arrow's validity bitmap (bit set: the text is there; least significant bit first) and
    /// the bit of the first text.
    validity: Option<(&'a [u8], usize)>,
    len: usize,
}

#[derive(Clone, Copy, Debug)]
enum Layout<'a> {
    Offsets32 {
        data: &'a [u8],
        offsets: &'a [i32],
    },
    Offsets64 {
        data: &'a [u8],
        offsets: &'a [i64],
    },
    Views {
        views: &'a [u8],
        buffers: &'a [&'a [u8]],
    },
}

/// The bytes of one string view: Arrow's layout.
const VIEW_BYTES: usize = 16;
/// A view's text is inline when it is at most this long.
const INLINE_BYTES: usize = 12;

fn layout_error(message: String) -> Error {
    Error::new(ErrorKind::Columns, None, message)
}

/// Checks that `offsets` (turned into `usize` by `at`) describe texts of `data`.
fn check_offsets<T: Copy + std::fmt::Display>(
    data: &[u8],
    offsets: &[T],
    at: impl Fn(T) -> Option<usize>,
) -> Result<usize, Error> {
    let Some((&first, rest)) = offsets.split_first() else {
        return Err(layout_error(
            "offsets are empty: n texts need n + 1 offsets".into(),
        ));
    };
    let mut previous = at(first).ok_or_else(|| layout_error(format!("offset {first} < 0")))?;
    for (k, &offset) in rest.iter().enumerate() {
        let here = at(offset)
            .filter(|&o| o >= previous)
            .ok_or_else(|| layout_error(format!("offset {} ({offset}) decreases", k + 1)))?;
        previous = here;
    }
    // No text, nothing to read: a zero-length slice may come with its data buffer cut to
    // nothing and its one offset where the slice starts.
    if previous > data.len() && !rest.is_empty() {
        return Err(layout_error(format!(
            "last offset {previous} is past the data's {} bytes",
            data.len()
        )));
    }
    Ok(rest.len())
}

impl<'a> Texts<'a> {
    /// `offsets.len() - 1` texts: text `i` is `data[offsets[i]..offsets[i + 1]]` (Arrow's
    /// `string` layout; the offsets of a slice of an array may start anywhere).
    ///
    /// ```
    /// let texts = earshot::Texts::new(b"xxgreat", &[2, 7])?; // a slice: starts at 2
    /// assert_eq!(texts.bytes(0), Some(&b"great"[..]));
    /// assert!(earshot::Texts::new(b"abc", &[0, 2, 1]).is_err());
    /// # Ok::<(), earshot::Error>(())
    /// ```
    pub fn new(data: &'a [u8], offsets: &'a [i32]) -> Result<Texts<'a>, Error> {
        let len = check_offsets(data, offsets, |o| usize::try_from(o).ok())?;
        Ok(Texts {
            layout: Layout::Offsets32 { data, offsets },
            validity: None,
            len,
        })
    }

    /// Like [`new`](Self::new) with `i64` offsets (Arrow's `large_string` layout).
    ///
    /// ```
    /// let texts = earshot::Texts::with_large_offsets(b"fine", &[0, 4])?;
    /// assert_eq!(texts.bytes(0), Some(&b"fine"[..]));
    /// # Ok::<(), earshot::Error>(())
    /// ```
    pub fn with_large_offsets(data: &'a [u8], offsets: &'a [i64]) -> Result<Texts<'a>, Error> {
        let len = check_offsets(data, offsets, |o| usize::try_from(o).ok())?;
        Ok(Texts {
            layout: Layout::Offsets64 { data, offsets },
            validity: None,
            len,
        })
    }

    /// Texts in Arrow's `string_view` layout: `views` holds 16 bytes per text (little-endian:
    /// the length as `u32`, then up to 12 bytes inline, or a 4-byte prefix, the index of a
    /// buffer in `buffers` and the offset in it, each `u32`).
    ///
    /// ```
    /// let mut views = Vec::new();
    /// // "short": inline.
    /// views.extend_from_slice(&5u32.to_le_bytes());
    /// views.extend_from_slice(b"short\0\0\0\0\0\0\0");
    /// // 13 bytes of buffer 0 from offset 2.
    /// views.extend_from_slice(&13u32.to_le_bytes());
    /// views.extend_from_slice(b"love");
    /// views.extend_from_slice(&0u32.to_le_bytes());
    /// views.extend_from_slice(&2u32.to_le_bytes());
    /// let buffers: [&[u8]; 1] = [b"..love the app!"];
    /// let texts = earshot::Texts::with_views(&views, &buffers)?;
    /// assert_eq!(texts.bytes(0), Some(&b"short"[..]));
    /// assert_eq!(texts.bytes(1), Some(&b"love the app!"[..]));
    /// # Ok::<(), earshot::Error>(())
    /// ```
    pub fn with_views(views: &'a [u8], buffers: &'a [&'a [u8]]) -> Result<Texts<'a>, Error> {
        if !views.len().is_multiple_of(VIEW_BYTES) {
            return Err(layout_error(format!(
                "views are {} bytes, not a multiple of {VIEW_BYTES}",
                views.len()
            )));
        }
        let texts = Texts {
            layout: Layout::Views { views, buffers },
            validity: None,
            len: views.len() / VIEW_BYTES,
        };
        for i in 0..texts.len {
            if texts.view(views, buffers, i).is_none() {
                return Err(layout_error(format!("view {i} points outside its buffer")));
            }
        }
        Ok(texts)
    }

    /// These texts with a validity bitmap: text `i` is null (no text, a null result) when bit
    /// `offset + i` of `bits` is clear (least significant bit first, as in Arrow).
    ///
    /// ```
    /// let texts = earshot::Texts::new(b"ab", &[0, 1, 2])?.with_validity(&[0b10], 0)?;
    /// assert_eq!((texts.bytes(0), texts.bytes(1)), (None, Some(&b"b"[..])));
    /// # Ok::<(), earshot::Error>(())
    /// ```
    pub fn with_validity(mut self, bits: &'a [u8], offset: usize) -> Result<Texts<'a>, Error> {
        let needed = offset.checked_add(self.len).map(|end| end.div_ceil(8));
        if needed.is_none_or(|n| n > bits.len()) {
            return Err(layout_error(format!(
                "validity of {} bytes is too short for {} texts from bit {offset}",
                bits.len(),
                self.len
            )));
        }
        self.validity = Some((bits, offset));
        Ok(self)
    }

    /// The number of texts (null ones included).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no texts.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether text `i` is there (not null).
    pub fn is_valid(&self, i: usize) -> bool {
        match self.validity {
            None => i < self.len,
            Some((bits, offset)) => {
                let bit = offset + i;
                i < self.len && bits.get(bit / 8).is_some_and(|b| b >> (bit % 8) & 1 == 1)
            }
        }
    }

    /// The bytes of text `i`; `None` when it is null or out of range.
    pub fn bytes(&self, i: usize) -> Option<&'a [u8]> {
        if !self.is_valid(i) {
            return None;
        }
        match self.layout {
            Layout::Offsets32 { data, .. } | Layout::Offsets64 { data, .. } => {
                data.get(self.bounds(i)?)
            }
            Layout::Views { views, buffers } => self.view(views, buffers, i),
        }
    }

    /// Where text `i` lies in the data buffer (offset layouts only).
    fn bounds(&self, i: usize) -> Option<Range<usize>> {
        let (start, end) = match self.layout {
            Layout::Offsets32 { offsets, .. } => (
                usize::try_from(*offsets.get(i)?).ok()?,
                usize::try_from(*offsets.get(i + 1)?).ok()?,
            ),
            Layout::Offsets64 { offsets, .. } => (
                usize::try_from(*offsets.get(i)?).ok()?,
                usize::try_from(*offsets.get(i + 1)?).ok()?,
            ),
            Layout::Views { .. } => return None,
        };
        Some(start..end)
    }

    /// The bytes view `i` points to.
    fn view(&self, views: &'a [u8], buffers: &'a [&'a [u8]], i: usize) -> Option<&'a [u8]> {
        let view = views.get(i * VIEW_BYTES..(i + 1) * VIEW_BYTES)?;
        let word = |k: usize| -> Option<usize> {
            let bytes: [u8; 4] = view.get(k..k + 4)?.try_into().ok()?;
            usize::try_from(u32::from_le_bytes(bytes)).ok()
        };
        let len = word(0)?;
        if len <= INLINE_BYTES {
            return view.get(4..4 + len);
        }
        let buffer = buffers.get(word(8)?)?;
        let start = word(12)?;
        buffer.get(start..start.checked_add(len)?)
    }

    /// The bytes of texts `rows` for balancing threads (null texts count as empty).
    fn bytes_in(&self, rows: Range<usize>) -> usize {
        match self.layout {
            Layout::Offsets32 { .. } | Layout::Offsets64 { .. } if self.validity.is_none() => {
                // One subtraction: the texts of a range are contiguous.
                match (
                    self.bounds(rows.start),
                    self.bounds(rows.end.saturating_sub(1)),
                ) {
                    (Some(first), Some(last)) if !rows.is_empty() => last.end - first.start,
                    _ => 0,
                }
            }
            _ => rows.map(|i| self.bytes(i).map_or(0, <[u8]>::len)).sum(),
        }
    }

    /// Texts `rows` read as strings, in order (`None` for a null text), or the error of the
    /// first that is not UTF-8. For the offset layouts the whole range is checked at once when
    /// it can be (one pass over contiguous bytes), and each text is then a slice of it.
    fn each_text(
        &self,
        rows: Range<usize>,
        mut visit: impl FnMut(Option<&'a str>),
    ) -> Result<(), Error> {
        let whole = match (self.layout, rows.is_empty()) {
            (Layout::Offsets32 { data, .. } | Layout::Offsets64 { data, .. }, false) => {
                let first = self.bounds(rows.start).map_or(0, |r| r.start);
                let last = self.bounds(rows.end - 1).map_or(0, |r| r.end);
                data.get(first..last)
                    .and_then(|bytes| std::str::from_utf8(bytes).ok())
                    .map(|s| (s, first))
            }
            _ => None,
        };
        for i in rows {
            if !self.is_valid(i) {
                visit(None);
                continue;
            }
            // Within a checked range, a text is a slice of it if its ends fall between
            // characters (`get` checks that); otherwise (views, or a range with bad bytes in a
            // null text) each text is checked alone.
            let text = match (whole, self.bounds(i)) {
                (Some((whole, base)), Some(r)) => whole.get(r.start - base..r.end - base),
                _ => None,
            };
            let text = match text {
                Some(t) => t,
                None => {
                    let bytes = self.bytes(i).unwrap_or_default();
                    std::str::from_utf8(bytes).map_err(|e| {
                        Error::new(
                            ErrorKind::Utf8,
                            None,
                            format!("text {i} is not valid UTF-8 (byte {})", e.valid_up_to()),
                        )
                        .with_source(e)
                    })?
                }
            };
            visit(Some(text));
        }
        Ok(())
    }
}

/// Sentiment, one entry per text: VADER's four scores and the label, each a column.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SentimentColumns {
    compound: Vec<f64>,
    positive: Vec<f64>,
    negative: Vec<f64>,
    neutral: Vec<f64>,
    label: Vec<Label>,
}

impl SentimentColumns {
    /// [`Sentiment::compound`] of each text.
    pub fn compound(&self) -> &[f64] {
        &self.compound
    }
    /// [`Sentiment::positive`] of each text.
    pub fn positive(&self) -> &[f64] {
        &self.positive
    }
    /// [`Sentiment::negative`] of each text.
    pub fn negative(&self) -> &[f64] {
        &self.negative
    }
    /// [`Sentiment::neutral`] of each text.
    pub fn neutral(&self) -> &[f64] {
        &self.neutral
    }
    /// [`Sentiment::label`] of each text.
    pub fn label(&self) -> &[Label] {
        &self.label
    }

    /// Text `i`'s sentiment.
    pub fn get(&self, i: usize) -> Option<Sentiment> {
        Some(Sentiment {
            compound: *self.compound.get(i)?,
            positive: *self.positive.get(i)?,
            negative: *self.negative.get(i)?,
            neutral: *self.neutral.get(i)?,
            label: *self.label.get(i)?,
        })
    }

    fn push(&mut self, s: Sentiment) {
        self.compound.push(s.compound);
        self.positive.push(s.positive);
        self.negative.push(s.negative);
        self.neutral.push(s.neutral);
        self.label.push(s.label);
    }

    fn append(&mut self, other: &SentimentColumns) {
        self.compound.extend_from_slice(&other.compound);
        self.positive.extend_from_slice(&other.positive);
        self.negative.extend_from_slice(&other.negative);
        self.neutral.extend_from_slice(&other.neutral);
        self.label.extend_from_slice(&other.label);
    }

    fn clear(&mut self) {
        self.compound.clear();
        self.positive.clear();
        self.negative.clear();
        self.neutral.clear();
        self.label.clear();
    }
}

/// Feedback categories as flat lists: text `i`'s categories are entries
/// `offsets[i]..offsets[i + 1]` of `label` and `confidence` (most confident first, as in
/// [`Analysis::categories`]); category `k`'s evidence is entries
/// `evidence_offsets[k]..evidence_offsets[k + 1]` of `evidence` (byte spans of its text).
#[derive(Clone, Debug, PartialEq)]
pub struct CategoryColumns {
    offsets: Vec<usize>,
    label: Vec<Name>,
    confidence: Vec<f64>,
    evidence_offsets: Vec<usize>,
    evidence: Vec<Evidence>,
}

impl Default for CategoryColumns {
    fn default() -> CategoryColumns {
        CategoryColumns {
            offsets: vec![0],
            label: Vec::new(),
            confidence: Vec::new(),
            evidence_offsets: vec![0],
            evidence: Vec::new(),
        }
    }
}

impl CategoryColumns {
    /// Where each text's categories start, and the end of the last (one more entry than
    /// texts, starting at 0).
    pub fn offsets(&self) -> &[usize] {
        &self.offsets
    }
    /// Each category's label.
    pub fn label(&self) -> &[Name] {
        &self.label
    }
    /// Each category's confidence.
    pub fn confidence(&self) -> &[f64] {
        &self.confidence
    }
    /// Where each category's evidence starts, and the end of the last (one more entry than
    /// categories, starting at 0).
    pub fn evidence_offsets(&self) -> &[usize] {
        &self.evidence_offsets
    }
    /// Every category's evidence, category after category: byte spans of its text.
    pub fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }

    /// The categories of text `i`, as entries of [`label`](Self::label) and
    /// [`confidence`](Self::confidence).
    pub fn range(&self, i: usize) -> Range<usize> {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&start), Some(&end)) => start..end,
            _ => 0..0,
        }
    }

    /// The evidence of category `k` (an entry of [`label`](Self::label)).
    pub fn evidence_of(&self, k: usize) -> &[Evidence] {
        match (
            self.evidence_offsets.get(k),
            self.evidence_offsets.get(k + 1),
        ) {
            (Some(&start), Some(&end)) => &self.evidence[start..end],
            _ => &[],
        }
    }

    /// Moves `analysis`'s categories into the columns (their labels are moved, not cloned).
    fn push(&mut self, analysis: &mut Analysis) {
        for c in analysis.categories.drain(..) {
            self.evidence.extend_from_slice(&c.evidence);
            self.evidence_offsets.push(self.evidence.len());
            self.label.push(c.label);
            self.confidence.push(c.confidence);
        }
        self.offsets.push(self.label.len());
    }

    fn push_empty(&mut self) {
        self.offsets.push(self.label.len());
    }

    /// Moves `other`'s rows after these.
    fn append(&mut self, other: &mut CategoryColumns) {
        let (rows, categories) = (self.label.len(), self.evidence.len());
        self.offsets
            .extend(other.offsets.iter().skip(1).map(|o| o + rows));
        self.evidence_offsets.extend(
            other
                .evidence_offsets
                .iter()
                .skip(1)
                .map(|o| o + categories),
        );
        self.label.append(&mut other.label);
        self.confidence.extend_from_slice(&other.confidence);
        self.evidence.extend_from_slice(&other.evidence);
    }

    fn clear(&mut self) {
        self.offsets.clear();
        self.offsets.push(0);
        self.label.clear();
        self.confidence.clear();
        self.evidence_offsets.clear();
        self.evidence_offsets.push(0);
        self.evidence.clear();
    }
}

/// The results of one batch: a column group per stage. When a stage is added to
/// [`Analysis`], its group goes here and in each method below.
#[derive(Clone, Debug, Default, PartialEq)]
struct Rows {
    sentiment: SentimentColumns,
    categories: CategoryColumns,
}

impl Rows {
    fn push(&mut self, analysis: &mut Analysis) {
        self.sentiment.push(analysis.sentiment);
        self.categories.push(analysis);
    }

    /// A null text's row: zero scores, no categories.
    fn push_empty(&mut self) {
        self.sentiment.push(Sentiment::ZERO);
        self.categories.push_empty();
    }

    fn append(&mut self, other: &mut Rows) {
        self.sentiment.append(&other.sentiment);
        self.categories.append(&mut other.categories);
    }

    fn clear(&mut self) {
        self.sentiment.clear();
        self.categories.clear();
    }
}

/// One thread's working space and results, kept warm between batches.
#[derive(Debug, Default)]
struct Shard {
    workspace: Workspace,
    analysis: Analysis,
    rows: Rows,
    error: Option<Error>,
}

/// The results of a columnar batch ([`Analyzer::analyze_columns`]), struct-of-arrays: one
/// entry per text in each column, null texts included (zero scores, no categories). It keeps
/// each thread's working space, so reusing it makes a warm batch allocation-free on one thread.
///
/// ```
/// let analyzer = earshot::Analyzer::default();
/// let texts = earshot::Texts::new(b"love itthe app keeps crashing", &[0, 7, 29])?;
/// let mut columns = earshot::Columns::new();
/// analyzer.analyze_columns(&texts, &mut columns)?;
/// assert_eq!(columns.len(), 2);
/// assert!(columns.sentiment().compound()[0] > 0.0);
/// let categories = columns.categories();
/// let labels = &categories.label()[categories.range(1)];
/// assert!(labels.iter().any(|l| l == "problem"));
/// # Ok::<(), earshot::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct Columns {
    rows: Rows,
    shards: Vec<Shard>,
}

impl Clone for Columns {
    /// The results; the copy's working space starts empty.
    fn clone(&self) -> Columns {
        Columns {
            rows: self.rows.clone(),
            shards: Vec::new(),
        }
    }
}

impl Columns {
    /// Empty columns (they grow to the batches they hold).
    pub fn new() -> Columns {
        Columns::default()
    }

    /// The number of texts.
    pub fn len(&self) -> usize {
        self.rows.sentiment.compound.len()
    }

    /// Whether there are no texts.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Each text's sentiment.
    pub fn sentiment(&self) -> &SentimentColumns {
        &self.rows.sentiment
    }

    /// Each text's categories (empty for a sentiment batch).
    pub fn categories(&self) -> &CategoryColumns {
        &self.rows.categories
    }
}

/// What a batch fills.
#[derive(Clone, Copy, PartialEq)]
enum Fill {
    Sentiment,
    Analysis,
}

/// Below this many bytes per thread, a thread's start-up (tens of microseconds) outweighs its
/// work (as for [`Analyzer::analyze_batch`]).
const MIN_BYTES_PER_THREAD: usize = 16 * 1024;

impl Analyzer {
    /// Analyses every text of `texts` into `out` on all cores (see
    /// [`analyze_columns_with_threads`](Self::analyze_columns_with_threads)).
    ///
    /// ```
    /// let texts = earshot::Texts::new(b"great", &[0, 5])?;
    /// let mut out = earshot::Columns::new();
    /// earshot::Analyzer::default().analyze_columns(&texts, &mut out)?;
    /// assert_eq!(out.sentiment().label()[0], earshot::Label::Positive);
    /// # Ok::<(), earshot::Error>(())
    /// ```
    pub fn analyze_columns(&self, texts: &Texts<'_>, out: &mut Columns) -> Result<(), Error> {
        self.fill_columns(texts, out, available_threads(), Fill::Analysis)
    }

    /// Analyses every text of `texts` into `out` (its columns replaced) on at most `threads`
    /// threads (`0` is taken as 1): the same results as [`analyze`](Self::analyze) on each
    /// text, in order, and a null text gets a row of zero scores and no categories.
    ///
    /// The texts are split into contiguous shares of about equal bytes; each thread reads its
    /// texts where they lie and fills columns of its own, which are then moved after one
    /// another. Errors: a text (not null) that is not UTF-8 ([`ErrorKind::Utf8`], naming the
    /// first such text); `out` then holds no rows.
    ///
    /// ```
    /// let analyzer = earshot::Analyzer::default();
    /// let texts = earshot::Texts::new(b"ok\xff", &[0, 2, 3])?;
    /// let err = analyzer
    ///     .analyze_columns_with_threads(&texts, &mut earshot::Columns::new(), 1)
    ///     .unwrap_err();
    /// assert_eq!(err.kind(), earshot::ErrorKind::Utf8);
    /// assert!(err.to_string().contains("text 1"));
    /// # Ok::<(), earshot::Error>(())
    /// ```
    pub fn analyze_columns_with_threads(
        &self,
        texts: &Texts<'_>,
        out: &mut Columns,
        threads: usize,
    ) -> Result<(), Error> {
        self.fill_columns(texts, out, threads, Fill::Analysis)
    }

    /// The sentiment of every text of `texts` into `out` on all cores: as
    /// [`analyze_columns`](Self::analyze_columns), without categories (and as fast as
    /// [`sentiment`](Self::sentiment)).
    ///
    /// ```
    /// let texts = earshot::Texts::new(b"awful", &[0, 5])?;
    /// let mut out = earshot::Columns::new();
    /// earshot::Analyzer::default().sentiment_columns(&texts, &mut out)?;
    /// assert!(out.sentiment().compound()[0] < 0.0);
    /// assert!(out.categories().label().is_empty());
    /// # Ok::<(), earshot::Error>(())
    /// ```
    pub fn sentiment_columns(&self, texts: &Texts<'_>, out: &mut Columns) -> Result<(), Error> {
        self.fill_columns(texts, out, available_threads(), Fill::Sentiment)
    }

    /// [`sentiment_columns`](Self::sentiment_columns) on at most `threads` threads.
    pub fn sentiment_columns_with_threads(
        &self,
        texts: &Texts<'_>,
        out: &mut Columns,
        threads: usize,
    ) -> Result<(), Error> {
        self.fill_columns(texts, out, threads, Fill::Sentiment)
    }

    fn fill_columns(
        &self,
        texts: &Texts<'_>,
        out: &mut Columns,
        threads: usize,
        fill: Fill,
    ) -> Result<(), Error> {
        out.rows.clear();
        let total = texts.bytes_in(0..texts.len());
        let threads = threads
            .min(total / MIN_BYTES_PER_THREAD)
            .min(texts.len())
            .max(1);
        if out.shards.len() < threads {
            out.shards.resize_with(threads, Shard::default);
        }
        let result = if threads == 1 {
            let Shard {
                workspace,
                analysis,
                ..
            } = &mut out.shards[0];
            let rows = 0..texts.len();
            self.fill_share(texts, rows, workspace, analysis, &mut out.rows, fill)
        } else {
            self.fill_shares(texts, &mut out.shards[..threads], total, fill);
            let mut result = Ok(());
            for shard in &mut out.shards[..threads] {
                if let Some(e) = shard.error.take() {
                    // The first share's error names the first bad text.
                    result = result.and(Err(e));
                }
                out.rows.append(&mut shard.rows);
                shard.rows.clear();
            }
            result
        };
        if result.is_err() {
            out.rows.clear();
        }
        result
    }

    /// Splits `texts` into one contiguous share per shard, of about equal bytes, and fills
    /// each shard's rows on its own scoped thread (the last on the calling thread).
    fn fill_shares(&self, texts: &Texts<'_>, shards: &mut [Shard], total: usize, fill: Fill) {
        let share = total.div_ceil(shards.len());
        std::thread::scope(|scope| {
            let mut start = 0;
            let count = shards.len();
            for (k, shard) in shards.iter_mut().enumerate() {
                let mut end = start;
                let mut bytes = 0;
                if k + 1 == count {
                    end = texts.len();
                } else {
                    // At least one text per share, then texts until the share is full.
                    while end < texts.len() && (end == start || bytes < share) {
                        bytes += texts.bytes(end).map_or(0, <[u8]>::len);
                        end += 1;
                    }
                }
                let rows = start..end;
                start = end;
                let work = move || {
                    let Shard {
                        workspace,
                        analysis,
                        rows: out,
                        error,
                    } = shard;
                    *error = self
                        .fill_share(texts, rows, workspace, analysis, out, fill)
                        .err();
                };
                if k + 1 == count {
                    work();
                } else {
                    scope.spawn(work);
                }
            }
        });
    }

    /// Fills `out` with the results of texts `rows`, on this thread, in `workspace`.
    fn fill_share(
        &self,
        texts: &Texts<'_>,
        rows: Range<usize>,
        workspace: &mut Workspace,
        analysis: &mut Analysis,
        out: &mut Rows,
        fill: Fill,
    ) -> Result<(), Error> {
        texts.each_text(rows, |text| match (text, fill) {
            (None, _) => out.push_empty(),
            (Some(text), Fill::Analysis) => {
                self.analyze_with(text, workspace, analysis);
                out.push(analysis);
            }
            (Some(text), Fill::Sentiment) => {
                // What `sentiment` does, in this shard's scratch instead of a thread-local one.
                let sentiment = self
                    .scorer
                    .score(text, &mut workspace.scorer, false)
                    .with_neutral_band(self.neutral_band);
                out.sentiment.push(sentiment);
                out.categories.push_empty();
            }
        })
    }
}

/// The number of cores, as [`Analyzer::analyze_batch`] counts them.
fn available_threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both corpora four times (about 140 KB: enough for 8 threads of 16 KiB).
    fn corpus() -> Vec<&'static str> {
        let once = include_str!("../../data/posts.txt")
            .lines()
            .chain(include_str!("../../data/reviews.txt").lines());
        once.clone()
            .chain(once.clone())
            .chain(once.clone())
            .chain(once)
            .collect()
    }

    /// `texts` as one buffer with i32 and i64 offsets, and as string views (long texts in two
    /// buffers, to exercise the buffer index).
    struct Layouts {
        data: Vec<u8>,
        offsets: Vec<i32>,
        large: Vec<i64>,
        views: Vec<u8>,
        buffers: [Vec<u8>; 2],
    }

    fn layouts(texts: &[&str]) -> Layouts {
        let mut l = Layouts {
            data: Vec::new(),
            offsets: vec![0],
            large: vec![0],
            views: Vec::new(),
            buffers: [Vec::new(), Vec::new()],
        };
        for (i, t) in texts.iter().enumerate() {
            l.data.extend_from_slice(t.as_bytes());
            l.offsets.push(l.data.len() as i32);
            l.large.push(l.data.len() as i64);
            l.views.extend_from_slice(&(t.len() as u32).to_le_bytes());
            if t.len() <= INLINE_BYTES {
                let mut inline = [0u8; 12];
                inline[..t.len()].copy_from_slice(t.as_bytes());
                l.views.extend_from_slice(&inline);
            } else {
                let buffer = &mut l.buffers[i % 2];
                l.views.extend_from_slice(&t.as_bytes()[..4]);
                l.views.extend_from_slice(&((i % 2) as u32).to_le_bytes());
                l.views
                    .extend_from_slice(&(buffer.len() as u32).to_le_bytes());
                buffer.extend_from_slice(t.as_bytes());
            }
        }
        l
    }

    /// Every layout and every thread count gives what `analyze` gives, text by text.
    #[test]
    fn columns_equal_one_by_one_analysis_in_every_layout() {
        let posts = corpus();
        let analyzer = Analyzer::default();
        let l = layouts(&posts);
        let buffers: Vec<&[u8]> = l.buffers.iter().map(Vec::as_slice).collect();
        let all = [
            Texts::new(&l.data, &l.offsets).unwrap(),
            Texts::with_large_offsets(&l.data, &l.large).unwrap(),
            Texts::with_views(&l.views, &buffers).unwrap(),
        ];
        let mut out = Columns::new();
        for texts in all {
            assert_eq!(texts.len(), posts.len());
            for threads in [1, 2, 3, 8] {
                analyzer
                    .analyze_columns_with_threads(&texts, &mut out, threads)
                    .unwrap();
                assert_eq!(out.len(), posts.len());
                let c = out.categories();
                for (i, post) in posts.iter().enumerate() {
                    let want = analyzer.analyze(post);
                    assert_eq!(out.sentiment().get(i), Some(want.sentiment), "{post}");
                    let range = c.range(i);
                    assert_eq!(range.len(), want.categories.len(), "{post}");
                    for (k, cat) in range.zip(&want.categories) {
                        assert_eq!(c.label()[k], cat.label);
                        assert_eq!(c.confidence()[k], cat.confidence);
                        assert_eq!(c.evidence_of(k), &cat.evidence[..]);
                    }
                }
                analyzer
                    .sentiment_columns_with_threads(&texts, &mut out, threads)
                    .unwrap();
                for (i, post) in posts.iter().enumerate() {
                    assert_eq!(out.sentiment().get(i), Some(analyzer.sentiment(post)));
                }
                assert_eq!(out.categories().offsets(), vec![0; posts.len() + 1]);
            }
        }
    }

    /// A slice (offsets starting past 0, validity from a later bit) reads the same texts; null
    /// texts get zero scores and no categories, whatever bytes their slots hold.
    #[test]
    fn slices_and_nulls() {
        let posts = [
            "xx",
            "I love it",
            "junk\u{ff}",
            "the app keeps crashing",
            "",
        ];
        let l = layouts(&posts);
        let analyzer = Analyzer::default();
        // Texts 1..4 of the batch (offsets from the second); text 2 (the second of the
        // slice) null, so the slice's validity starts at bit 1.
        let validity = [0b0001_1011];
        let texts = Texts::new(&l.data, &l.offsets[1..5])
            .unwrap()
            .with_validity(&validity, 1)
            .unwrap();
        assert_eq!(texts.len(), 3);
        assert_eq!(texts.bytes(1), None);
        let mut out = Columns::new();
        analyzer
            .analyze_columns_with_threads(&texts, &mut out, 1)
            .unwrap();
        assert_eq!(
            out.sentiment().get(0),
            Some(analyzer.sentiment("I love it"))
        );
        assert_eq!(out.sentiment().get(1), Some(Sentiment::ZERO));
        assert!(out.categories().range(1).is_empty());
        assert!(
            out.categories().label()[out.categories().range(2)]
                .iter()
                .any(|l| l == "problem")
        );
    }

    /// Bad bytes in a text, or a text cut inside a character, are errors naming the text;
    /// bad bytes in a null slot are not.
    #[test]
    fn invalid_utf8_is_an_error_naming_the_text() {
        let analyzer = Analyzer::default();
        let mut out = Columns::new();
        let data = "ok\u{e9}t\u{e9}".as_bytes(); // "é" is two bytes
        for (offsets, bad) in [(vec![0, 2, 3], Some(1)), (vec![0, 2, 4, 7], None)] {
            let texts = Texts::new(data, &offsets).unwrap();
            let result = analyzer.analyze_columns_with_threads(&texts, &mut out, 1);
            match bad {
                Some(i) => {
                    let err = result.unwrap_err();
                    assert_eq!(err.kind(), ErrorKind::Utf8);
                    assert!(err.to_string().contains(&format!("text {i} ")), "{err}");
                    assert!(out.is_empty());
                }
                None => assert_eq!(out.len(), 3),
            }
        }
        let data = b"good\xffbad";
        let texts = Texts::new(data, &[0, 4, 5, 8])
            .unwrap()
            .with_validity(&[0b101], 0)
            .unwrap();
        analyzer
            .analyze_columns_with_threads(&texts, &mut out, 1)
            .unwrap();
        assert_eq!(out.len(), 3);
    }

    /// Malformed layouts are errors, never panics.
    #[test]
    fn malformed_layouts_are_errors() {
        let data = b"abcdef";
        // An empty slice of a longer array: one offset past an empty data buffer is fine.
        assert_eq!(Texts::new(&[], &[373]).unwrap().len(), 0);
        for offsets in [&[][..], &[-1, 2], &[0, 3, 2], &[0, 7]] {
            let err = Texts::new(data, offsets).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Columns, "{offsets:?}");
        }
        assert!(Texts::with_large_offsets(data, &[0, 6, 5]).is_err());
        assert!(Texts::with_views(&[0; 15], &[]).is_err());
        let mut view = 13u32.to_le_bytes().to_vec();
        view.extend_from_slice(b"abcd");
        view.extend_from_slice(&0u32.to_le_bytes());
        view.extend_from_slice(&0u32.to_le_bytes());
        // Buffer 0 is too short, then missing.
        assert!(Texts::with_views(&view, &[b"abcdefghijkl"]).is_err());
        assert!(Texts::with_views(&view, &[]).is_err());
        assert!(Texts::with_views(&view, &[b"abcdefghijklm"]).is_ok());
        let texts = Texts::new(data, &[0, 1, 2]).unwrap();
        assert!(texts.with_validity(&[], 0).is_err());
        assert!(texts.with_validity(&[0xff], 7).is_err());
        assert!(texts.with_validity(&[0xff], 6).is_ok());
        assert!(texts.with_validity(&[0xff], usize::MAX).is_err());
    }

    /// Texts are shared by the threads of a batch, columns move to the thread that builds
    /// arrays from them.
    #[test]
    fn columnar_types_are_send_and_sync() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Texts<'static>>();
        send_sync::<Columns>();
        send_sync::<SentimentColumns>();
        send_sync::<CategoryColumns>();
    }

    /// An empty batch, and a batch of only nulls, on many threads.
    #[test]
    fn empty_and_all_null_batches() {
        let analyzer = Analyzer::default();
        let mut out = Columns::new();
        let texts = Texts::new(b"", &[0]).unwrap();
        analyzer
            .analyze_columns_with_threads(&texts, &mut out, 4)
            .unwrap();
        assert!(out.is_empty());
        assert_eq!(out.categories().offsets(), [0]);
        let texts = Texts::new(b"", &[0, 0, 0])
            .unwrap()
            .with_validity(&[0], 0)
            .unwrap();
        analyzer
            .analyze_columns_with_threads(&texts, &mut out, 4)
            .unwrap();
        assert_eq!(out.len(), 2);
        assert_eq!(out.categories().offsets(), [0, 0, 0]);
    }
}
