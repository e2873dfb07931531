//! earshot's columnar batches as Arrow arrays: the one schema that the Python package and the
//! DataFusion UDFs share.
//!
//! An Arrow string array (`string`, `large_string` or `string_view`, with nulls, sliced or not)
//! is handed to earshot's columnar batch ([`earshot::Texts`]) as its buffers are, without
//! copying a text, and the results ([`earshot::Columns`]) become a struct array:
//!
//! ```text
//! analysis: struct<
//!   sentiment: struct<compound: double, positive: double, negative: double, neutral: double,
//!                     label: string>,
//!   categories: list<struct<label: string, confidence: double,
//!                           evidence: list<struct<start: int64, end: int64, text: string>>>>>
//! ```
//!
//! [`sentiment_array`] returns the `sentiment` struct alone. A null text gives a null row.
//! Numbers keep their full precision (the JSON forms round them); spans are byte offsets into
//! the text's UTF-8, with the span's text beside them.
//!
//! ```
//! use std::sync::Arc;
//! use arrow_array::{Array, StringArray, cast::AsArray};
//!
//! let texts = StringArray::from(vec![Some("love it"), None, Some("the app keeps crashing")]);
//! let analyzer = earshot::Analyzer::default();
//! let mut columns = earshot::Columns::new();
//! let out = earshot_arrow::analysis_array(&texts, &analyzer, &mut columns, 2)?;
//! assert_eq!(out.data_type(), &earshot_arrow::analysis_type());
//! assert!(out.is_null(1));
//! let sentiment = out.column_by_name("sentiment").unwrap().as_struct();
//! let compound = sentiment.column_by_name("compound").unwrap();
//! assert!(compound.as_primitive::<arrow_array::types::Float64Type>().value(0) > 0.0);
//! # Ok::<(), earshot_arrow::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::fmt;
use std::sync::{Arc, LazyLock};

use arrow_array::cast::AsArray;
use arrow_array::{
    Array, ArrayRef, Float64Array, Int64Array, ListArray, StringArray, StructArray,
    builder::StringBuilder,
};
use arrow_buffer::{NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, FieldRef, Fields};
use earshot::{Analyzer, Columns, Texts};

pub use arrow_array;
pub use arrow_schema;

/// What went wrong turning an Arrow array into earshot's results.
#[derive(Debug)]
pub enum Error {
    /// The array is not one of the three string types; holds its type.
    NotText(DataType),
    /// earshot refused the texts (a text that is not UTF-8, a malformed array).
    Earshot(earshot::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotText(t) => write!(
                f,
                "expected an Arrow string array (string, large_string or string_view), got {t}"
            ),
            Error::Earshot(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::NotText(_) => None,
            Error::Earshot(e) => Some(e),
        }
    }
}

impl From<earshot::Error> for Error {
    fn from(e: earshot::Error) -> Error {
        Error::Earshot(e)
    }
}

/// Whether `data_type` is one of the string types earshot reads.
///
/// ```
/// use earshot_arrow::arrow_schema::DataType;
/// assert!(earshot_arrow::is_text(&DataType::Utf8View));
/// assert!(!earshot_arrow::is_text(&DataType::Binary));
/// ```
pub fn is_text(data_type: &DataType) -> bool {
    matches!(
        data_type,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
    )
}

/// Calls `f` with the texts of `array` as earshot reads them, borrowed from the array's
/// buffers (its offsets or views, data and validity, slice offsets included).
///
/// ```
/// use earshot_arrow::arrow_array::{LargeStringArray, Array};
/// let array = LargeStringArray::from(vec!["a", "bc", "def"]).slice(1, 2);
/// let n = earshot_arrow::with_texts(&array, |texts| texts.bytes(1).map(<[u8]>::len))?;
/// assert_eq!(n, Some(3));
/// # Ok::<(), earshot_arrow::Error>(())
/// ```
pub fn with_texts<R>(array: &dyn Array, f: impl FnOnce(&Texts<'_>) -> R) -> Result<R, Error> {
    let texts = match array.data_type() {
        DataType::Utf8 => {
            let a = array.as_string::<i32>();
            Texts::new(a.values().as_slice(), a.value_offsets())?
        }
        DataType::LargeUtf8 => {
            let a = array.as_string::<i64>();
            Texts::with_large_offsets(a.values().as_slice(), a.value_offsets())?
        }
        DataType::Utf8View => {
            let a = array.as_string_view();
            let buffers: Vec<&[u8]> = a.data_buffers().iter().map(|b| b.as_slice()).collect();
            let views = a.views().inner().as_slice();
            let texts = with_validity(Texts::with_views(views, &buffers)?, array.nulls())?;
            return Ok(f(&texts));
        }
        other => return Err(Error::NotText(other.clone())),
    };
    Ok(f(&with_validity(texts, array.nulls())?))
}

fn with_validity<'a>(texts: Texts<'a>, nulls: Option<&'a NullBuffer>) -> Result<Texts<'a>, Error> {
    Ok(match nulls {
        Some(n) => {
            let bits = n.inner();
            texts.with_validity(bits.values(), bits.offset())?
        }
        None => texts,
    })
}

/// The type of [`sentiment_array`]'s result.
pub fn sentiment_type() -> DataType {
    static TYPE: LazyLock<DataType> = LazyLock::new(|| {
        // Derived from the builder itself, on no rows, so type and arrays cannot disagree.
        DataType::Struct(sentiment_struct(&Columns::new(), None).fields().clone())
    });
    TYPE.clone()
}

/// The type of [`analysis_array`]'s result.
pub fn analysis_type() -> DataType {
    static TYPE: LazyLock<DataType> = LazyLock::new(|| {
        let texts = Texts::new(&[], &[0]).unwrap_or_else(|e| unreachable!("no texts: {e}"));
        DataType::Struct(
            analysis_struct(&Columns::new(), &texts, None)
                .fields()
                .clone(),
        )
    });
    TYPE.clone()
}

/// The sentiment of each text of `array` (a string array of any layout) on at most `threads`
/// threads, as a struct array of `compound`, `positive`, `negative`, `neutral` (doubles) and
/// `label` (string); null where the text is null. `columns` is the working space (reuse it).
///
/// ```
/// use earshot_arrow::arrow_array::{Array, StringViewArray};
/// let texts = StringViewArray::from(vec![Some("I hate waiting on hold"), None]);
/// let out = earshot_arrow::sentiment_array(
///     &texts,
///     &earshot::Analyzer::default(),
///     &mut earshot::Columns::new(),
///     1,
/// )?;
/// assert_eq!((out.len(), out.null_count()), (2, 1));
/// # Ok::<(), earshot_arrow::Error>(())
/// ```
pub fn sentiment_array(
    array: &dyn Array,
    analyzer: &Analyzer,
    columns: &mut Columns,
    threads: usize,
) -> Result<StructArray, Error> {
    with_texts(array, |texts| {
        analyzer.sentiment_columns_with_threads(texts, columns, threads)
    })??;
    Ok(sentiment_struct(columns, array.nulls().cloned()))
}

/// Sentiment and categories of each text of `array` (a string array of any layout) on at most
/// `threads` threads, as a struct array of the crate's schema; null where the text is null.
/// `columns` is the working space (reuse it).
pub fn analysis_array(
    array: &dyn Array,
    analyzer: &Analyzer,
    columns: &mut Columns,
    threads: usize,
) -> Result<StructArray, Error> {
    with_texts(array, |texts| {
        analyzer.analyze_columns_with_threads(texts, columns, threads)?;
        Ok::<_, Error>(analysis_struct(columns, texts, array.nulls().cloned()))
    })?
}

fn field(name: &str, data_type: DataType) -> FieldRef {
    Arc::new(Field::new(name, data_type, false))
}

fn doubles(values: &[f64]) -> ArrayRef {
    Arc::new(Float64Array::new(ScalarBuffer::from(values.to_vec()), None))
}

/// Offsets of a list column from earshot's `usize` offsets. Arrow's `list` has `i32` offsets:
/// more than 2^31 categories or spans in one batch would not fit, and are cut to an empty list
/// past that point rather than wrapping (no engine batch comes near it).
fn list_offsets(offsets: &[usize]) -> OffsetBuffer<i32> {
    let mut last = 0;
    let offsets: Vec<i32> = offsets
        .iter()
        .map(|&o| {
            last = i32::try_from(o).unwrap_or(last);
            last
        })
        .collect();
    OffsetBuffer::new(ScalarBuffer::from(offsets))
}

fn sentiment_struct(columns: &Columns, nulls: Option<NullBuffer>) -> StructArray {
    let s = columns.sentiment();
    let labels: StringArray = s.label().iter().map(|l| Some(l.as_str())).collect();
    let fields = [
        (field("compound", DataType::Float64), doubles(s.compound())),
        (field("positive", DataType::Float64), doubles(s.positive())),
        (field("negative", DataType::Float64), doubles(s.negative())),
        (field("neutral", DataType::Float64), doubles(s.neutral())),
        (field("label", DataType::Utf8), Arc::new(labels) as ArrayRef),
    ];
    struct_array(fields.into_iter(), nulls)
}

fn struct_array(
    columns: impl Iterator<Item = (FieldRef, ArrayRef)>,
    nulls: Option<NullBuffer>,
) -> StructArray {
    let (fields, arrays): (Vec<FieldRef>, Vec<ArrayRef>) = columns.unzip();
    StructArray::try_new(Fields::from(fields), arrays, nulls)
        .unwrap_or_else(|e| unreachable!("columns of one length, no nulls in them: {e}"))
}

fn list(name: &str, offsets: OffsetBuffer<i32>, values: StructArray) -> (FieldRef, ArrayRef) {
    let item = Arc::new(Field::new("item", values.data_type().clone(), false));
    let list = ListArray::try_new(item.clone(), offsets, Arc::new(values), None)
        .unwrap_or_else(|e| unreachable!("offsets within the values: {e}"));
    (field(name, DataType::List(item)), Arc::new(list))
}

/// The analysis struct: one field per stage's results. When `Analysis` gains a stage (risk
/// flags, aspects), its column goes in the list below (and nowhere else: the type is derived
/// from this function).
fn analysis_struct(columns: &Columns, texts: &Texts<'_>, nulls: Option<NullBuffer>) -> StructArray {
    let sentiment = sentiment_struct(columns, None);
    let fields = [
        (
            field("sentiment", sentiment.data_type().clone()),
            Arc::new(sentiment) as ArrayRef,
        ),
        categories_list(columns, texts),
    ];
    struct_array(fields.into_iter(), nulls)
}

fn categories_list(columns: &Columns, texts: &Texts<'_>) -> (FieldRef, ArrayRef) {
    let c = columns.categories();
    let labels: StringArray = c.label().iter().map(|l| Some(l.as_str())).collect();
    // Each span with its text, read from the text it came from.
    let spans = c.evidence().len();
    let (mut starts, mut ends) = (Vec::with_capacity(spans), Vec::with_capacity(spans));
    let mut span_texts = StringBuilder::with_capacity(spans, spans * 16);
    for row in 0..columns.len() {
        let text = texts.bytes(row).unwrap_or_default();
        for k in c.range(row) {
            for e in c.evidence_of(k) {
                starts.push(i64::try_from(e.start).unwrap_or(i64::MAX));
                ends.push(i64::try_from(e.end).unwrap_or(i64::MAX));
                let span = text.get(e.start..e.end).unwrap_or_default();
                span_texts.append_value(std::str::from_utf8(span).unwrap_or_default());
            }
        }
    }
    let evidence = struct_array(
        [
            (
                field("start", DataType::Int64),
                Arc::new(Int64Array::from(starts)) as ArrayRef,
            ),
            (
                field("end", DataType::Int64),
                Arc::new(Int64Array::from(ends)),
            ),
            (field("text", DataType::Utf8), Arc::new(span_texts.finish())),
        ]
        .into_iter(),
        None,
    );
    let (evidence_field, evidence) = list("evidence", list_offsets(c.evidence_offsets()), evidence);
    let category = struct_array(
        [
            (field("label", DataType::Utf8), Arc::new(labels) as ArrayRef),
            (
                field("confidence", DataType::Float64),
                doubles(c.confidence()),
            ),
            (evidence_field, evidence),
        ]
        .into_iter(),
        None,
    );
    list("categories", list_offsets(c.offsets()), category)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::types::Float64Type;
    use arrow_array::{LargeStringArray, StringViewArray};

    const POSTS: &[Option<&str>] = &[
        Some("I love it"),
        None,
        Some("The app keeps crashing, please fix it"),
        Some(""),
        Some("Please add a dark mode to the app, it would be so much better"),
        None,
        Some("Thinking about switching, the service has been awful lately"),
    ];

    fn layouts(texts: &[Option<&str>]) -> Vec<ArrayRef> {
        vec![
            Arc::new(StringArray::from(texts.to_vec())),
            Arc::new(LargeStringArray::from(texts.to_vec())),
            Arc::new(StringViewArray::from(texts.to_vec())),
        ]
    }

    /// Every layout, whole and sliced, gives the results of `analyze` row by row, nulls as
    /// nulls, and the types the schema functions give.
    #[test]
    fn every_layout_whole_and_sliced_gives_analyze_row_by_row() {
        let analyzer = earshot::Analyzer::default();
        let mut columns = Columns::new();
        for array in layouts(POSTS) {
            for (offset, len) in [(0, POSTS.len()), (1, 4), (2, 5), (7, 0)] {
                let slice = array.slice(offset, len);
                let expected = &POSTS[offset..offset + len];
                let out = analysis_array(&slice, &analyzer, &mut columns, 2).unwrap();
                assert_eq!(out.data_type(), &analysis_type());
                assert_eq!(out.len(), len);
                let sentiment = out.column(0).as_struct();
                let compound = sentiment.column(0).as_primitive::<Float64Type>();
                let labels = sentiment.column(4).as_string::<i32>();
                let categories = out.column(1).as_list::<i32>();
                for (i, text) in expected.iter().enumerate() {
                    let Some(text) = text else {
                        assert!(out.is_null(i), "{}: row {i}", array.data_type());
                        continue;
                    };
                    let want = analyzer.analyze(text);
                    assert!(out.is_valid(i));
                    assert_eq!(compound.value(i), want.sentiment.compound, "{text}");
                    assert_eq!(labels.value(i), want.sentiment.label.as_str());
                    let cats = categories.value(i);
                    let cats = cats.as_struct();
                    assert_eq!(cats.len(), want.categories.len(), "{text}");
                    let cat_labels = cats.column(0).as_string::<i32>();
                    let evidence = cats.column(2).as_list::<i32>();
                    for (k, c) in want.categories.iter().enumerate() {
                        assert_eq!(cat_labels.value(k), c.label.as_str());
                        let spans = evidence.value(k);
                        let span_texts = spans.as_struct().column(2).as_string::<i32>();
                        let want_texts: Vec<&str> =
                            c.evidence.iter().map(|e| e.text(text)).collect();
                        let got: Vec<&str> = span_texts.iter().map(Option::unwrap).collect();
                        assert_eq!(got, want_texts);
                    }
                }
                let s = sentiment_array(&slice, &analyzer, &mut columns, 2).unwrap();
                assert_eq!(s.data_type(), &sentiment_type());
                assert_eq!(s.logical_null_count(), slice.null_count());
            }
        }
    }

    /// Anything but text is refused with its type in the message.
    #[test]
    fn non_text_is_an_error_naming_the_type() {
        let numbers = Int64Array::from(vec![1, 2]);
        let err = analysis_array(
            &numbers,
            &earshot::Analyzer::default(),
            &mut Columns::new(),
            1,
        )
        .unwrap_err();
        assert!(matches!(err, Error::NotText(DataType::Int64)));
        assert!(err.to_string().contains("got Int64"), "{err}");
    }
}
