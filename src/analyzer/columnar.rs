//! Columnar batches: texts as one byte buffer plus offsets (or string views), results as
//! struct-of-arrays — the shape engines exchange (Arrow's string, large string and string view
//! layouts), so that an adapter hands earshot its buffers as they are and builds its arrays
//! from whole columns.
//!
//! [`Texts`] borrows the caller's buffers (nothing is copied: each text is a slice of them,
//! checked as UTF-8 where it lies); [`Columns`] holds the results, one entry per text, and
//! keeps each thread's working space, so that a warm batch on one thread allocates nothing.
//!
//! One column group per stage: [`SentimentColumns`], [`CategoryColumns`], [`RiskColumns`] and
//! [`AspectColumns`]; a stage's lists (categories, flags, routes, aspects, their evidence) are
//! flat, with offsets, as Arrow's list arrays are. Adding a stage's results: a column group
//! beside them (its own `push`, `push_empty`, `append`, `clear` and `get`), one field in
//! `Rows`, one line in each of `Rows`'s methods, a line in [`Columns::get`] and an accessor on
//! [`Columns`].

use std::ops::Range;

use super::{Analysis, Analyzer, Workspace};
use crate::aspects::{Aspect, AspectEvidence, AspectEvidenceList, AspectSentiment};
use crate::classifier::{Category, Evidence, EvidenceList};
use crate::error::{Error, ErrorKind};
use crate::risk::Risk;
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

    /// The texts that are not null, read as strings, in order; the error of the first that is
    /// not UTF-8 (an [`ErrorKind::Utf8`] naming it). What an adapter feeding texts one by one
    /// (a report, say) needs, checked the way the batch calls check them (a contiguous range
    /// of an offset layout in one pass).
    ///
    /// ```
    /// let offsets = [0, 5, 5, 12];
    /// let texts = earshot::Texts::new(b"greathate it", &offsets)?.with_validity(&[0b101], 0)?;
    /// assert_eq!(texts.strs()?, ["great", "hate it"]);
    /// let bad = earshot::Texts::new(b"ok\xff", &[0, 2, 3])?;
    /// assert_eq!(bad.strs().unwrap_err().kind(), earshot::ErrorKind::Utf8);
    /// # Ok::<(), earshot::Error>(())
    /// ```
    pub fn strs(&self) -> Result<Vec<&'a str>, Error> {
        let mut out = Vec::with_capacity(self.len);
        self.each_text(0..self.len, |text| out.extend(text))?;
        Ok(out)
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

/// Entries `offsets[i]..offsets[i + 1]`: the items of row `i` of a flat list (empty when `i`
/// is out of range).
fn entries(offsets: &[usize], i: usize) -> Range<usize> {
    match (offsets.get(i), offsets.get(i.wrapping_add(1))) {
        (Some(&start), Some(&end)) => start..end,
        _ => 0..0,
    }
}

/// `other`'s offsets (without its leading 0) after `offsets`, shifted by `base`, the number of
/// items `offsets` already counts.
fn append_offsets(offsets: &mut Vec<usize>, other: &[usize], base: usize) {
    offsets.extend(other.iter().skip(1).map(|o| o + base));
}

/// Feedback categories (or risk flags: [`RiskColumns::flags`]) as flat lists: text `i`'s
/// categories are entries `offsets[i]..offsets[i + 1]` of `label` and `confidence` (most
/// confident first, as in [`Analysis::categories`]); category `k`'s evidence is entries
/// `evidence_offsets[k]..evidence_offsets[k + 1]` of `evidence` (byte spans of its text).
///
/// ```
/// let analyzer = earshot::Analyzer::default();
/// let text = "The app keeps crashing";
/// let offsets = [0, text.len() as i32];
/// let texts = earshot::Texts::new(text.as_bytes(), &offsets)?;
/// let mut out = earshot::Columns::new();
/// analyzer.analyze_columns(&texts, &mut out)?;
/// let c = out.categories();
/// let problem = c.range(0).find(|&k| c.label()[k] == "problem").unwrap();
/// assert_eq!(c.evidence_of(problem)[0].text(text), "keeps crashing");
/// assert_eq!(c.offsets(), [0, c.label().len()]);
/// # Ok::<(), earshot::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CategoryColumns(Nested<f64, Evidence>);

/// Labelled items with a value and evidence spans, as flat lists (the machinery that
/// [`CategoryColumns`] and [`AspectColumns`] share): row `i`'s items are entries
/// `offsets[i]..offsets[i + 1]` of `label` and `value`; item `k`'s evidence is entries
/// `evidence_offsets[k]..evidence_offsets[k + 1]` of `evidence`.
#[derive(Clone, Debug, PartialEq)]
struct Nested<V, E> {
    offsets: Vec<usize>,
    label: Vec<Name>,
    value: Vec<V>,
    evidence_offsets: Vec<usize>,
    evidence: Vec<E>,
}

impl<V, E> Default for Nested<V, E> {
    fn default() -> Self {
        Nested {
            offsets: vec![0],
            label: Vec::new(),
            value: Vec::new(),
            evidence_offsets: vec![0],
            evidence: Vec::new(),
        }
    }
}

impl<V: Copy, E: Copy> Nested<V, E> {
    fn range(&self, i: usize) -> Range<usize> {
        entries(&self.offsets, i)
    }

    fn evidence_of(&self, k: usize) -> &[E] {
        &self.evidence[entries(&self.evidence_offsets, k)]
    }

    /// Row `i`'s items, each made by `make` from its label, value and evidence.
    fn get<T>(&self, i: usize, make: impl Fn(Name, V, &[E]) -> T) -> Vec<T> {
        self.range(i)
            .map(|k| make(self.label[k].clone(), self.value[k], self.evidence_of(k)))
            .collect()
    }

    /// One row of `items` (their labels moved, not cloned), each split by `parts` into its
    /// label, value and evidence.
    fn push<T, L: std::ops::Deref<Target = [E]>>(
        &mut self,
        items: impl Iterator<Item = T>,
        parts: impl Fn(T) -> (Name, V, L),
    ) {
        for item in items {
            let (label, value, evidence) = parts(item);
            self.evidence.extend_from_slice(&evidence);
            self.evidence_offsets.push(self.evidence.len());
            self.label.push(label);
            self.value.push(value);
        }
        self.offsets.push(self.label.len());
    }

    fn push_empty(&mut self) {
        self.offsets.push(self.label.len());
    }

    /// Moves `other`'s rows after these.
    fn append(&mut self, other: &mut Self) {
        append_offsets(&mut self.offsets, &other.offsets, self.label.len());
        append_offsets(
            &mut self.evidence_offsets,
            &other.evidence_offsets,
            self.evidence.len(),
        );
        self.label.append(&mut other.label);
        self.value.extend_from_slice(&other.value);
        self.evidence.extend_from_slice(&other.evidence);
    }

    fn clear(&mut self) {
        self.offsets.clear();
        self.offsets.push(0);
        self.label.clear();
        self.value.clear();
        self.evidence_offsets.clear();
        self.evidence_offsets.push(0);
        self.evidence.clear();
    }
}

impl CategoryColumns {
    /// Where each text's categories start, and the end of the last (one more entry than
    /// texts, starting at 0).
    pub fn offsets(&self) -> &[usize] {
        &self.0.offsets
    }
    /// Each category's label.
    pub fn label(&self) -> &[Name] {
        &self.0.label
    }
    /// Each category's confidence.
    pub fn confidence(&self) -> &[f64] {
        &self.0.value
    }
    /// Where each category's evidence starts, and the end of the last (one more entry than
    /// categories, starting at 0).
    pub fn evidence_offsets(&self) -> &[usize] {
        &self.0.evidence_offsets
    }
    /// Every category's evidence, category after category: byte spans of its text.
    pub fn evidence(&self) -> &[Evidence] {
        &self.0.evidence
    }

    /// The categories of text `i`, as entries of [`label`](Self::label) and
    /// [`confidence`](Self::confidence).
    pub fn range(&self, i: usize) -> Range<usize> {
        self.0.range(i)
    }

    /// The evidence of category `k` (an entry of [`label`](Self::label)).
    pub fn evidence_of(&self, k: usize) -> &[Evidence] {
        self.0.evidence_of(k)
    }

    /// The categories of text `i`, as [`Analysis::categories`] holds them.
    fn get(&self, i: usize) -> Vec<Category> {
        self.0.get(i, |label, confidence, spans| {
            let mut evidence = EvidenceList::default();
            for &e in spans {
                evidence.push(e);
            }
            Category {
                label,
                confidence,
                evidence,
            }
        })
    }

    /// Moves `categories` into the columns as one text's row (their labels are moved, not
    /// cloned), leaving it empty with its room.
    fn push(&mut self, categories: &mut Vec<Category>) {
        self.0.push(categories.drain(..), |c| {
            (c.label, c.confidence, c.evidence)
        });
    }

    fn push_empty(&mut self) {
        self.0.push_empty();
    }

    /// Moves `other`'s rows after these.
    fn append(&mut self, other: &mut CategoryColumns) {
        self.0.append(&mut other.0);
    }

    fn clear(&mut self) {
        self.0.clear();
    }
}

/// The risk stage's results ([`Analysis::risk`]), one row per text: the urgency, the flags
/// (flat lists, as categories are) and the teams to notify (a flat list: text `i`'s are
/// entries `route_offsets[i]..route_offsets[i + 1]` of `route`). Zero urgency, no flags and
/// no route for a null text, a sentiment batch, or an analyzer without the risk stage.
///
/// ```
/// let analyzer = earshot::Analyzer::default();
/// let text = "My charger caught fire last night, I want a refund today";
/// let offsets = [0, text.len() as i32];
/// let texts = earshot::Texts::new(text.as_bytes(), &offsets)?;
/// let mut out = earshot::Columns::new();
/// analyzer.analyze_columns(&texts, &mut out)?;
/// let risk = out.risk();
/// assert!(risk.urgency()[0] >= 0.5);
/// let flags = risk.flags();
/// assert!(flags.range(0).any(|k| flags.label()[k] == "safety"));
/// assert_eq!(risk.route_of(0)[0], "safety");
/// # Ok::<(), earshot::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct RiskColumns {
    urgency: Vec<f64>,
    flags: CategoryColumns,
    route_offsets: Vec<usize>,
    route: Vec<Name>,
}

impl Default for RiskColumns {
    fn default() -> RiskColumns {
        RiskColumns {
            urgency: Vec::new(),
            flags: CategoryColumns::default(),
            route_offsets: vec![0],
            route: Vec::new(),
        }
    }
}

impl RiskColumns {
    /// [`Risk::urgency`] of each text.
    pub fn urgency(&self) -> &[f64] {
        &self.urgency
    }
    /// The flags of each text ([`Risk::flags`]), most confident first, with their evidence.
    pub fn flags(&self) -> &CategoryColumns {
        &self.flags
    }
    /// Where each text's teams start in [`route`](Self::route), and the end of the last (one
    /// more entry than texts, starting at 0).
    pub fn route_offsets(&self) -> &[usize] {
        &self.route_offsets
    }
    /// Every text's teams to notify ([`Risk::route`]), text after text.
    pub fn route(&self) -> &[Name] {
        &self.route
    }
    /// The teams to notify about text `i`, in order (empty when `i` is out of range).
    pub fn route_of(&self, i: usize) -> &[Name] {
        &self.route[entries(&self.route_offsets, i)]
    }

    /// Text `i`'s risk, as [`Analysis::risk`] holds it.
    fn get(&self, i: usize) -> Option<Risk> {
        Some(Risk {
            urgency: *self.urgency.get(i)?,
            flags: self.flags.get(i),
            route: self.route_of(i).to_vec(),
        })
    }

    /// Moves `risk`'s flags and route into the columns, leaving them empty with their room.
    fn push(&mut self, risk: &mut Risk) {
        self.urgency.push(risk.urgency);
        self.flags.push(&mut risk.flags);
        self.route.append(&mut risk.route);
        self.route_offsets.push(self.route.len());
    }

    fn push_empty(&mut self) {
        self.urgency.push(0.0);
        self.flags.push_empty();
        self.route_offsets.push(self.route.len());
    }

    fn append(&mut self, other: &mut RiskColumns) {
        self.urgency.extend_from_slice(&other.urgency);
        self.flags.append(&mut other.flags);
        append_offsets(
            &mut self.route_offsets,
            &other.route_offsets,
            self.route.len(),
        );
        self.route.append(&mut other.route);
    }

    fn clear(&mut self) {
        self.urgency.clear();
        self.flags.clear();
        self.route_offsets.clear();
        self.route_offsets.push(0);
        self.route.clear();
    }
}

/// The aspects of each text ([`Analysis::aspects`]) as flat lists: text `i`'s aspects are
/// entries `offsets[i]..offsets[i + 1]` of `label` and `sentiment` (in order of appearance);
/// aspect `k`'s evidence is entries `evidence_offsets[k]..evidence_offsets[k + 1]` of
/// `evidence` (byte spans of its text, each naming the aspect or judging it).
///
/// ```
/// use earshot::{aspects::Role, Label};
///
/// let analyzer = earshot::Analyzer::default();
/// let text = "The food was great but the service was painfully slow";
/// let offsets = [0, text.len() as i32];
/// let texts = earshot::Texts::new(text.as_bytes(), &offsets)?;
/// let mut out = earshot::Columns::new();
/// analyzer.analyze_columns(&texts, &mut out)?;
/// let a = out.aspects();
/// let service = a.range(0).find(|&k| a.label()[k] == "service").unwrap();
/// assert_eq!(a.sentiment()[service].label, Label::Negative);
/// let evidence = a.evidence_of(service);
/// assert_eq!((evidence[0].text(text), evidence[0].role), ("service", Role::Term));
/// # Ok::<(), earshot::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AspectColumns(Nested<AspectSentiment, AspectEvidence>);

impl AspectColumns {
    /// Where each text's aspects start, and the end of the last (one more entry than texts,
    /// starting at 0).
    pub fn offsets(&self) -> &[usize] {
        &self.0.offsets
    }
    /// Each aspect's label.
    pub fn label(&self) -> &[Name] {
        &self.0.label
    }
    /// How the text feels about each aspect.
    pub fn sentiment(&self) -> &[AspectSentiment] {
        &self.0.value
    }
    /// Where each aspect's evidence starts, and the end of the last (one more entry than
    /// aspects, starting at 0).
    pub fn evidence_offsets(&self) -> &[usize] {
        &self.0.evidence_offsets
    }
    /// Every aspect's evidence, aspect after aspect: byte spans of its text with their role.
    pub fn evidence(&self) -> &[AspectEvidence] {
        &self.0.evidence
    }

    /// The aspects of text `i`, as entries of [`label`](Self::label) and
    /// [`sentiment`](Self::sentiment).
    pub fn range(&self, i: usize) -> Range<usize> {
        self.0.range(i)
    }

    /// The evidence of aspect `k` (an entry of [`label`](Self::label)).
    pub fn evidence_of(&self, k: usize) -> &[AspectEvidence] {
        self.0.evidence_of(k)
    }

    /// The aspects of text `i`, as [`Analysis::aspects`] holds them.
    fn get(&self, i: usize) -> Vec<Aspect> {
        self.0.get(i, |label, sentiment, spans| {
            let mut evidence = AspectEvidenceList::default();
            for &e in spans {
                evidence.push(e);
            }
            Aspect {
                label,
                sentiment,
                evidence,
            }
        })
    }

    /// Moves `aspects` into the columns as one text's row, leaving it empty with its room.
    fn push(&mut self, aspects: &mut Vec<Aspect>) {
        self.0
            .push(aspects.drain(..), |a| (a.label, a.sentiment, a.evidence));
    }

    fn push_empty(&mut self) {
        self.0.push_empty();
    }

    fn append(&mut self, other: &mut AspectColumns) {
        self.0.append(&mut other.0);
    }

    fn clear(&mut self) {
        self.0.clear();
    }
}

/// The results of one batch: a column group per stage. When a stage is added to
/// [`Analysis`], its group goes here and in each method below.
#[derive(Clone, Debug, Default, PartialEq)]
struct Rows {
    sentiment: SentimentColumns,
    categories: CategoryColumns,
    risk: RiskColumns,
    aspects: AspectColumns,
}

impl Rows {
    /// Moves `analysis`'s results into a new row (labels moved, not cloned), leaving its
    /// vectors empty with their room for the next text.
    fn push(&mut self, analysis: &mut Analysis) {
        self.sentiment.push(analysis.sentiment);
        self.categories.push(&mut analysis.categories);
        self.risk.push(&mut analysis.risk);
        self.aspects.push(&mut analysis.aspects);
    }

    /// A row of a sentiment batch: the sentiment, and nothing from the other stages.
    fn push_sentiment(&mut self, sentiment: Sentiment) {
        self.sentiment.push(sentiment);
        self.categories.push_empty();
        self.risk.push_empty();
        self.aspects.push_empty();
    }

    /// A null text's row: zero scores, no categories, flags or aspects.
    fn push_empty(&mut self) {
        self.push_sentiment(Sentiment::ZERO);
    }

    fn append(&mut self, other: &mut Rows) {
        self.sentiment.append(&other.sentiment);
        self.categories.append(&mut other.categories);
        self.risk.append(&mut other.risk);
        self.aspects.append(&mut other.aspects);
    }

    fn clear(&mut self) {
        self.sentiment.clear();
        self.categories.clear();
        self.risk.clear();
        self.aspects.clear();
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
/// entry per text in each column, null texts included (zero scores, nothing else). It keeps
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
/// let aspects = columns.aspects();
/// assert_eq!(aspects.label()[aspects.range(1)], ["reliability"]); // "keeps crashing"
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

    /// Each text's risk flags, urgency and route (empty for a sentiment batch).
    pub fn risk(&self) -> &RiskColumns {
        &self.rows.risk
    }

    /// Each text's aspects (empty for a sentiment batch).
    pub fn aspects(&self) -> &AspectColumns {
        &self.rows.aspects
    }

    /// Text `i`'s results gathered into an [`Analysis`] (which allocates its vectors): after
    /// an analysis batch, what [`Analyzer::analyze`] gives for the text (sentences aside: the
    /// columns do not hold them); `None` past the last text.
    ///
    /// ```
    /// let analyzer = earshot::Analyzer::default();
    /// let text = "The battery dies fast, I want a refund";
    /// let offsets = [0, text.len() as i32];
    /// let texts = earshot::Texts::new(text.as_bytes(), &offsets)?;
    /// let mut out = earshot::Columns::new();
    /// analyzer.analyze_columns(&texts, &mut out)?;
    /// assert_eq!(out.get(0), Some(analyzer.analyze(text)));
    /// assert_eq!(out.get(1), None);
    /// # Ok::<(), earshot::Error>(())
    /// ```
    pub fn get(&self, i: usize) -> Option<Analysis> {
        let r = &self.rows;
        Some(Analysis {
            sentiment: r.sentiment.get(i)?,
            categories: r.categories.get(i),
            risk: r.risk.get(i)?,
            aspects: r.aspects.get(i),
            ..Analysis::default()
        })
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
    /// text, in order, and a null text gets a row of zero scores and nothing else.
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
    /// [`analyze_columns`](Self::analyze_columns), without categories, risk or aspects (and
    /// as fast as [`sentiment`](Self::sentiment)).
    ///
    /// ```
    /// let texts = earshot::Texts::new(b"awful", &[0, 5])?;
    /// let mut out = earshot::Columns::new();
    /// earshot::Analyzer::default().sentiment_columns(&texts, &mut out)?;
    /// assert!(out.sentiment().compound()[0] < 0.0);
    /// assert!(out.categories().label().is_empty());
    /// assert_eq!((out.risk().urgency(), out.aspects().offsets()), (&[0.0][..], &[0, 0][..]));
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
                out.push_sentiment(sentiment);
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

    /// Row `i` of `columns` holds `want`, label by label, span by span.
    fn assert_lists_equal(columns: &CategoryColumns, i: usize, want: &[Category], text: &str) {
        let range = columns.range(i);
        assert_eq!(range.len(), want.len(), "{text}");
        for (k, c) in range.zip(want) {
            assert_eq!(columns.label()[k], c.label, "{text}");
            assert_eq!(columns.confidence()[k], c.confidence, "{text}");
            assert_eq!(columns.evidence_of(k), &c.evidence[..], "{text}");
        }
    }

    /// The corpus has something in every column group (else the comparison below proves
    /// little): categories, flags, routes, aspects with opinion words.
    #[test]
    fn the_corpus_fills_every_column_group() {
        let texts = corpus();
        let l = layouts(&texts);
        let mut out = Columns::new();
        Analyzer::default()
            .analyze_columns_with_threads(&Texts::new(&l.data, &l.offsets).unwrap(), &mut out, 2)
            .unwrap();
        let r = out.risk();
        assert!(out.categories().label().len() > texts.len() / 2);
        assert!(r.flags().label().len() > 10, "{}", r.flags().label().len());
        assert!(r.route().len() > 10);
        assert!(r.urgency().iter().any(|&u| u >= 0.5));
        assert!(out.aspects().label().len() > texts.len() / 2);
        let roles = out.aspects().evidence().iter().map(|e| e.role);
        assert!(roles.clone().any(|r| r == crate::aspects::Role::Opinion));
        assert!(roles.clone().any(|r| r == crate::aspects::Role::Term));
    }

    /// Every layout and every thread count gives what `analyze` gives, text by text, in every
    /// column group.
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
                let (c, r, a) = (out.categories(), out.risk(), out.aspects());
                for (i, post) in posts.iter().enumerate() {
                    let want = analyzer.analyze(post);
                    assert_eq!(out.sentiment().get(i), Some(want.sentiment), "{post}");
                    assert_lists_equal(c, i, &want.categories, post);
                    assert_eq!(r.urgency()[i], want.risk.urgency, "{post}");
                    assert_lists_equal(r.flags(), i, &want.risk.flags, post);
                    assert_eq!(r.route_of(i), &want.risk.route[..], "{post}");
                    let range = a.range(i);
                    assert_eq!(range.len(), want.aspects.len(), "{post}");
                    for (k, aspect) in range.zip(&want.aspects) {
                        assert_eq!(a.label()[k], aspect.label, "{post}");
                        assert_eq!(a.sentiment()[k], aspect.sentiment, "{post}");
                        assert_eq!(a.evidence_of(k), &aspect.evidence[..], "{post}");
                    }
                    assert_eq!(out.get(i).as_ref(), Some(&want), "{post}");
                }
                assert!(out.get(posts.len()).is_none());
                analyzer
                    .sentiment_columns_with_threads(&texts, &mut out, threads)
                    .unwrap();
                for (i, post) in posts.iter().enumerate() {
                    assert_eq!(out.sentiment().get(i), Some(analyzer.sentiment(post)));
                }
                let none = vec![0; posts.len() + 1];
                assert_eq!(out.categories().offsets(), none);
                assert_eq!(out.risk().flags().offsets(), none);
                assert_eq!(out.risk().route_offsets(), none);
                assert_eq!(out.aspects().offsets(), none);
                assert!(out.risk().urgency().iter().all(|&u| u == 0.0));
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
        assert_eq!(out.risk().urgency()[1], 0.0);
        assert!(out.risk().flags().range(1).is_empty() && out.risk().route_of(1).is_empty());
        assert!(out.aspects().range(1).is_empty());
        // The rows on either side of the null one are their texts' own.
        for (i, text) in [(0, "I love it"), (2, "the app keeps crashing")] {
            assert_eq!(out.get(i), Some(analyzer.analyze(text)), "{text}");
        }
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
        send_sync::<RiskColumns>();
        send_sync::<AspectColumns>();
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
        assert_eq!(out.risk().route_offsets(), [0]);
        assert_eq!(out.aspects().offsets(), [0]);
        let texts = Texts::new(b"", &[0, 0, 0])
            .unwrap()
            .with_validity(&[0], 0)
            .unwrap();
        analyzer
            .analyze_columns_with_threads(&texts, &mut out, 4)
            .unwrap();
        assert_eq!(out.len(), 2);
        assert_eq!(out.categories().offsets(), [0, 0, 0]);
        assert_eq!(out.risk().flags().offsets(), [0, 0, 0]);
        assert_eq!(out.risk().route_offsets(), [0, 0, 0]);
        assert_eq!(out.aspects().offsets(), [0, 0, 0]);
        assert_eq!(out.risk().urgency(), [0.0, 0.0]);
    }
}
