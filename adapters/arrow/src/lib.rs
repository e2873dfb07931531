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
//!                           evidence: list<struct<start: int64, end: int64, text: string,
//!                                                 sentence: int64>>>>,
//!   risk: struct<urgency: double,
//!                flags: list<struct<label: string, confidence: double,
//!                                   evidence: list<struct<start: int64, end: int64, text: string,
//!                                                         sentence: int64>>>>,
//!                route: list<string>>,
//!   aspects: list<struct<label: string, sentiment: struct<compound: double, label: string>,
//!                        evidence: list<struct<start: int64, end: int64, text: string,
//!                                              role: string>>>>>
//! ```
//!
//! The fields and their order are those of the JSON that `earshot analyze` prints (a span's
//! `role` is `term` or `opinion`; `sentence` counts the text's sentences from 0). [`sentiment_array`] returns the `sentiment` struct alone. A
//! null text gives a null row. Numbers keep their full precision (the JSON forms round them);
//! spans are byte offsets into the text's UTF-8, with the span's text beside them.
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
    Array, ArrayRef, Float64Array, Int64Array, ListArray, StructArray, builder::StringBuilder,
};
use arrow_buffer::{NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, FieldRef, Fields};
use earshot::aspects::Role;
use earshot::{Analyzer, CategoryColumns, Columns, Name, Texts};

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

/// Sentiment, categories, risk and aspects of each text of `array` (a string array of any
/// layout) on at most `threads` threads, as a struct array of the crate's schema; null where the
/// text is null.
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
    let fields = [
        (field("compound", DataType::Float64), doubles(s.compound())),
        (field("positive", DataType::Float64), doubles(s.positive())),
        (field("negative", DataType::Float64), doubles(s.negative())),
        (field("neutral", DataType::Float64), doubles(s.neutral())),
        (
            field("label", DataType::Utf8),
            strings(s.label().iter().map(|l| l.as_str())),
        ),
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

fn list(name: &str, offsets: OffsetBuffer<i32>, values: ArrayRef) -> (FieldRef, ArrayRef) {
    let item = Arc::new(Field::new("item", values.data_type().clone(), false));
    let list = ListArray::try_new(item.clone(), offsets, values, None)
        .unwrap_or_else(|e| unreachable!("offsets within the values: {e}"));
    (field(name, DataType::List(item)), Arc::new(list))
}

fn strings<'a>(values: impl ExactSizeIterator<Item = &'a str>) -> ArrayRef {
    let mut out = StringBuilder::with_capacity(values.len(), values.len() * 8);
    for v in values {
        out.append_value(v);
    }
    Arc::new(out.finish())
}

fn labels(names: &[Name]) -> ArrayRef {
    strings(names.iter().map(Name::as_str))
}

/// The analysis struct: one field per stage's results, in the order of the JSON form. When
/// `Analysis` gains a stage, its column goes in the list below (and nowhere else: the type is
/// derived from this function).
fn analysis_struct(columns: &Columns, texts: &Texts<'_>, nulls: Option<NullBuffer>) -> StructArray {
    let sentiment = sentiment_struct(columns, None);
    let fields = [
        (
            field("sentiment", sentiment.data_type().clone()),
            Arc::new(sentiment) as ArrayRef,
        ),
        categories_list("categories", columns.categories(), texts),
        risk_struct(columns, texts),
        aspects_list(columns, texts),
    ];
    struct_array(fields.into_iter(), nulls)
}

/// Evidence spans as Arrow columns: byte offsets, the span's text read from the text it came
/// from, and either the sentence it is in (categories' and flags' evidence) or its role
/// (aspects').
struct Spans {
    starts: Vec<i64>,
    ends: Vec<i64>,
    texts: StringBuilder,
    sentences: Option<Vec<i64>>,
    roles: Option<StringBuilder>,
}

/// What a span carries beside its offsets and text, as the JSON form has it.
#[derive(Clone, Copy, PartialEq)]
enum SpanExtra {
    Sentence,
    Role,
}

impl Spans {
    fn new(spans: usize, extra: SpanExtra) -> Spans {
        Spans {
            starts: Vec::with_capacity(spans),
            ends: Vec::with_capacity(spans),
            texts: StringBuilder::with_capacity(spans, spans * 16),
            sentences: (extra == SpanExtra::Sentence).then(|| Vec::with_capacity(spans)),
            roles: (extra == SpanExtra::Role)
                .then(|| StringBuilder::with_capacity(spans, spans * 8)),
        }
    }

    fn push_sentence(&mut self, sentence: u32) {
        if let Some(sentences) = &mut self.sentences {
            sentences.push(i64::from(sentence));
        }
    }

    fn push(&mut self, text: &[u8], start: usize, end: usize) {
        self.starts.push(i64::try_from(start).unwrap_or(i64::MAX));
        self.ends.push(i64::try_from(end).unwrap_or(i64::MAX));
        let span = text.get(start..end).unwrap_or_default();
        self.texts
            .append_value(std::str::from_utf8(span).unwrap_or_default());
    }

    fn push_role(&mut self, role: Role) {
        if let Some(roles) = &mut self.roles {
            roles.append_value(role.as_str());
        }
    }

    /// The list column `name`: each item's spans, as `offsets` delimit them.
    fn finish(mut self, offsets: &[usize]) -> (FieldRef, ArrayRef) {
        let mut columns = vec![
            (
                field("start", DataType::Int64),
                Arc::new(Int64Array::from(self.starts)) as ArrayRef,
            ),
            (
                field("end", DataType::Int64),
                Arc::new(Int64Array::from(self.ends)),
            ),
            (field("text", DataType::Utf8), Arc::new(self.texts.finish())),
        ];
        if let Some(sentences) = self.sentences.take() {
            columns.push((
                field("sentence", DataType::Int64),
                Arc::new(Int64Array::from(sentences)),
            ));
        }
        if let Some(roles) = &mut self.roles {
            columns.push((field("role", DataType::Utf8), Arc::new(roles.finish())));
        }
        let spans = struct_array(columns.into_iter(), None);
        list("evidence", list_offsets(offsets), Arc::new(spans))
    }
}

/// Categories or risk flags: `list<struct<label, confidence, evidence: list<span>>>`.
fn categories_list(name: &str, c: &CategoryColumns, texts: &Texts<'_>) -> (FieldRef, ArrayRef) {
    let mut spans = Spans::new(c.evidence().len(), SpanExtra::Sentence);
    for row in 0..c.offsets().len().saturating_sub(1) {
        let text = texts.bytes(row).unwrap_or_default();
        for k in c.range(row) {
            for e in c.evidence_of(k) {
                spans.push(text, e.start, e.end);
                spans.push_sentence(e.sentence);
            }
        }
    }
    let category = struct_array(
        [
            (field("label", DataType::Utf8), labels(c.label())),
            (
                field("confidence", DataType::Float64),
                doubles(c.confidence()),
            ),
            spans.finish(c.evidence_offsets()),
        ]
        .into_iter(),
        None,
    );
    list(name, list_offsets(c.offsets()), Arc::new(category))
}

/// `struct<urgency: double, flags: list<category>, route: list<string>>`.
fn risk_struct(columns: &Columns, texts: &Texts<'_>) -> (FieldRef, ArrayRef) {
    let r = columns.risk();
    let risk = struct_array(
        [
            (field("urgency", DataType::Float64), doubles(r.urgency())),
            categories_list("flags", r.flags(), texts),
            list("route", list_offsets(r.route_offsets()), labels(r.route())),
        ]
        .into_iter(),
        None,
    );
    (
        field("risk", risk.data_type().clone()),
        Arc::new(risk) as ArrayRef,
    )
}

/// `list<struct<label, sentiment: struct<compound: double, label>, evidence: list<span with
/// role>>>`.
fn aspects_list(columns: &Columns, texts: &Texts<'_>) -> (FieldRef, ArrayRef) {
    let a = columns.aspects();
    let mut spans = Spans::new(a.evidence().len(), SpanExtra::Role);
    for row in 0..columns.len() {
        let text = texts.bytes(row).unwrap_or_default();
        for k in a.range(row) {
            for e in a.evidence_of(k) {
                spans.push(text, e.start, e.end);
                spans.push_role(e.role);
            }
        }
    }
    let compound: Vec<f64> = a.sentiment().iter().map(|s| s.compound).collect();
    let sentiment = struct_array(
        [
            (field("compound", DataType::Float64), doubles(&compound)),
            (
                field("label", DataType::Utf8),
                strings(a.sentiment().iter().map(|s| s.label.as_str())),
            ),
        ]
        .into_iter(),
        None,
    );
    let aspect = struct_array(
        [
            (field("label", DataType::Utf8), labels(a.label())),
            (
                field("sentiment", sentiment.data_type().clone()),
                Arc::new(sentiment) as ArrayRef,
            ),
            spans.finish(a.evidence_offsets()),
        ]
        .into_iter(),
        None,
    );
    list("aspects", list_offsets(a.offsets()), Arc::new(aspect))
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::types::Float64Type;
    use arrow_array::{LargeStringArray, StringArray, StringViewArray};
    use earshot::aspects::{Aspect, AspectEvidence, AspectSentiment};
    use earshot::classifier::{Category, Evidence};
    use earshot::risk::Risk;
    use earshot::{Analysis, Label, Sentiment};

    /// Texts for every column group: categories, risk flags and routes, aspects with terms
    /// and opinions, a text beyond ASCII; nulls and an empty text among them.
    const POSTS: &[Option<&str>] = &[
        Some("I love it"),
        None,
        Some("The app keeps crashing, please fix it"),
        Some(""),
        Some("Please add a dark mode to the app, it would be so much better"),
        None,
        Some("Thinking about switching, the service has been awful lately"),
        Some("My charger caught fire last night, I want a refund today"),
        Some("The food was great but the service was painfully slow"),
        Some("Café: the staff were rude, I'm reporting you to the regulator"),
    ];

    fn layouts(texts: &[Option<&str>]) -> Vec<ArrayRef> {
        vec![
            Arc::new(StringArray::from(texts.to_vec())),
            Arc::new(LargeStringArray::from(texts.to_vec())),
            Arc::new(StringViewArray::from(texts.to_vec())),
        ]
    }

    fn doubles_of(a: &ArrayRef) -> &[f64] {
        a.as_primitive::<Float64Type>().values()
    }

    fn strings_of(a: &ArrayRef) -> Vec<&str> {
        a.as_string::<i32>().iter().map(Option::unwrap).collect()
    }

    fn label_of(s: &str) -> Label {
        match s {
            "positive" => Label::Positive,
            "negative" => Label::Negative,
            _ => Label::Neutral,
        }
    }

    /// One span read back: byte offsets, text, and the sentence or the role it carries.
    struct SpanRow {
        start: usize,
        end: usize,
        text: String,
        sentence: Option<u32>,
        role: Option<String>,
    }

    /// Row `row`'s spans.
    fn spans_of(list: &ListArray, row: usize) -> Vec<SpanRow> {
        let spans = list.value(row);
        let spans = spans.as_struct();
        let starts = spans
            .column(0)
            .as_primitive::<arrow_array::types::Int64Type>();
        let ends = spans
            .column(1)
            .as_primitive::<arrow_array::types::Int64Type>();
        let texts = strings_of(spans.column(2));
        let roles = spans.column_by_name("role").map(strings_of);
        let sentences = spans
            .column_by_name("sentence")
            .map(|c| c.as_primitive::<arrow_array::types::Int64Type>().values());
        (0..spans.len())
            .map(|k| SpanRow {
                start: starts.value(k) as usize,
                end: ends.value(k) as usize,
                text: texts[k].to_string(),
                sentence: sentences.map(|s| u32::try_from(s[k]).expect("a sentence index")),
                role: roles.as_ref().map(|r| r[k].to_string()),
            })
            .collect()
    }

    /// The categories (or flags) of row `row` of a `list<category>` column, and each span's
    /// text as the array holds it.
    fn categories_of(list: &ArrayRef, row: usize) -> (Vec<Category>, Vec<String>) {
        let items = list.as_list::<i32>().value(row);
        let items = items.as_struct();
        let (labels, confidence) = (strings_of(items.column(0)), doubles_of(items.column(1)));
        let evidence = items.column(2).as_list::<i32>();
        let mut texts = Vec::new();
        let categories = (0..items.len())
            .map(|k| {
                let mut c = Category {
                    label: Name::new(labels[k]),
                    confidence: confidence[k],
                    evidence: Default::default(),
                };
                for span in spans_of(evidence, k) {
                    assert_eq!(span.role, None);
                    assert!(c.evidence.push(Evidence {
                        start: span.start,
                        end: span.end,
                        sentence: span.sentence.expect("evidence carries its sentence"),
                        ..Default::default()
                    }));
                    texts.push(span.text);
                }
                c
            })
            .collect();
        (categories, texts)
    }

    /// Row `i` of an analysis struct array read back into an `Analysis`, with the text of
    /// every span as the array holds it (categories', flags' and aspects', in that order).
    fn analysis_of(out: &StructArray, i: usize) -> (Analysis, Vec<String>) {
        let s = out.column(0).as_struct();
        let sentiment = Sentiment {
            compound: doubles_of(s.column(0))[i],
            positive: doubles_of(s.column(1))[i],
            negative: doubles_of(s.column(2))[i],
            neutral: doubles_of(s.column(3))[i],
            label: label_of(strings_of(s.column(4))[i]),
        };
        let (categories, mut texts) = categories_of(out.column(1), i);
        let r = out.column(2).as_struct();
        let (flags, flag_texts) = categories_of(r.column(1), i);
        texts.extend(flag_texts);
        let route = r.column(2).as_list::<i32>().value(i);
        let risk = Risk {
            urgency: doubles_of(r.column(0))[i],
            flags,
            route: strings_of(&route).into_iter().map(Name::new).collect(),
        };
        let items = out.column(3).as_list::<i32>().value(i);
        let items = items.as_struct();
        let labels = strings_of(items.column(0));
        let sentiments = items.column(1).as_struct();
        let (compounds, sentiment_labels) = (
            doubles_of(sentiments.column(0)),
            strings_of(sentiments.column(1)),
        );
        let evidence = items.column(2).as_list::<i32>();
        let aspects = (0..items.len())
            .map(|k| {
                let mut a = Aspect {
                    label: Name::new(labels[k]),
                    sentiment: AspectSentiment {
                        compound: compounds[k],
                        label: label_of(sentiment_labels[k]),
                    },
                    evidence: Default::default(),
                };
                for span in spans_of(evidence, k) {
                    assert_eq!(span.sentence, None);
                    let role = match span.role.as_deref() {
                        Some("term") => Role::Term,
                        Some("opinion") => Role::Opinion,
                        other => panic!("role {other:?}"),
                    };
                    assert!(a.evidence.push(AspectEvidence {
                        start: span.start,
                        end: span.end,
                        role,
                    }));
                    texts.push(span.text);
                }
                a
            })
            .collect();
        let analysis = Analysis {
            sentiment,
            categories,
            risk,
            aspects,
            ..Analysis::default()
        };
        (analysis, texts)
    }

    /// The text of every span of `a`, in the order `analysis_of` reads them.
    fn span_texts(a: &Analysis, text: &str) -> Vec<String> {
        let categories = a.categories.iter().chain(&a.risk.flags);
        let spans = categories.flat_map(|c| c.evidence.iter().map(|e| e.text(text)));
        let aspect_spans = a.aspects.iter().flat_map(|x| x.evidence.iter());
        spans
            .chain(aspect_spans.map(|e| e.text(text)))
            .map(str::to_string)
            .collect()
    }

    /// The test texts fire what the comparison below is meant to cover.
    #[test]
    fn the_texts_fill_every_column_group() {
        let analyzer = earshot::Analyzer::default();
        let all: Vec<Analysis> = POSTS
            .iter()
            .flatten()
            .map(|t| analyzer.analyze(t))
            .collect();
        assert!(all.iter().any(|a| !a.categories.is_empty()));
        assert!(all.iter().any(|a| !a.risk.flags.is_empty()));
        assert!(all.iter().any(|a| a.risk.route.len() > 1));
        assert!(all.iter().any(|a| a.aspects.len() > 1));
    }

    /// Every layout, whole and sliced, on one thread and two, gives the results of `analyze`
    /// row by row in every field (read back from the arrays), spans with their own text,
    /// nulls as nulls, and the types the schema functions give.
    #[test]
    fn every_layout_whole_and_sliced_gives_analyze_row_by_row() {
        let analyzer = earshot::Analyzer::default();
        let mut columns = Columns::new();
        for array in layouts(POSTS) {
            for (offset, len, threads) in [(0, POSTS.len(), 2), (1, 4, 1), (2, 7, 2), (10, 0, 1)] {
                let slice = array.slice(offset, len);
                let expected = &POSTS[offset..offset + len];
                let out = analysis_array(&slice, &analyzer, &mut columns, threads).unwrap();
                assert_eq!(out.data_type(), &analysis_type());
                assert_eq!(out.len(), len);
                for (i, text) in expected.iter().enumerate() {
                    let Some(text) = text else {
                        assert!(out.is_null(i), "{}: row {i}", array.data_type());
                        continue;
                    };
                    let want = analyzer.analyze(text);
                    assert!(out.is_valid(i));
                    let (got, texts) = analysis_of(&out, i);
                    assert_eq!(got, want, "{}: {text}", array.data_type());
                    assert_eq!(texts, span_texts(&want, text), "{text}");
                }
                let s = sentiment_array(&slice, &analyzer, &mut columns, threads).unwrap();
                assert_eq!(s.data_type(), &sentiment_type());
                assert_eq!(s.logical_null_count(), slice.null_count());
            }
        }
    }

    /// The schema names the fields of the JSON form, in its order.
    #[test]
    fn the_schema_has_the_json_forms_fields_in_order() {
        let DataType::Struct(fields) = analysis_type() else {
            panic!("a struct")
        };
        let names: Vec<&str> = fields.iter().map(|f| f.name().as_str()).collect();
        assert_eq!(names, ["sentiment", "categories", "risk", "aspects"]);
        let text = "The food was great but the service was painfully slow";
        // The top-level keys of the JSON come first in it (nested ones repeat some later).
        let json = serde_json::to_string(&earshot::analyze(text).with_text(text)).unwrap();
        let at: Vec<usize> = names
            .iter()
            .map(|n| json.find(&format!("\"{n}\":")).unwrap())
            .collect();
        assert!(at.is_sorted(), "{json}");
        let nested = |t: &DataType| -> Vec<String> {
            let t = match t {
                DataType::List(item) => item.data_type().clone(),
                other => other.clone(),
            };
            match t {
                DataType::Struct(f) => f.iter().map(|f| f.name().clone()).collect(),
                _ => Vec::new(),
            }
        };
        let DataType::List(category) = fields[1].data_type() else {
            panic!("a list")
        };
        let DataType::Struct(category_fields) = category.data_type() else {
            panic!("a struct")
        };
        assert_eq!(
            nested(category_fields[2].data_type()),
            ["start", "end", "text", "sentence"]
        );
        let risk = nested(fields[2].data_type());
        assert_eq!(risk, ["urgency", "flags", "route"]);
        let aspect = nested(fields[3].data_type());
        assert_eq!(aspect, ["label", "sentiment", "evidence"]);
        let DataType::Struct(aspect_fields) = (match fields[3].data_type() {
            DataType::List(item) => item.data_type().clone(),
            _ => unreachable!(),
        }) else {
            unreachable!()
        };
        assert_eq!(
            nested(aspect_fields[2].data_type()),
            ["start", "end", "text", "role"]
        );
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
