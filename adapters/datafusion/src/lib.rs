//! earshot in DataFusion: `sentiment(text)` and `analyze(text)` as scalar UDFs returning
//! structs, over any of Arrow's string layouts (`Utf8`, `LargeUtf8`, `Utf8View`), nulls in,
//! nulls out.
//!
//! ```
//! use datafusion::prelude::SessionContext;
//!
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! let ctx = SessionContext::new();
//! earshot_datafusion::register(&ctx, earshot::Analyzer::default());
//! let df = ctx
//!     .sql("SELECT sentiment('I love it')['label'] AS label, earshot_analyze('the app crashed') AS a")
//!     .await?;
//! let batches = df.collect().await?;
//! assert_eq!(batches[0].num_rows(), 1);
//! # Ok::<(), datafusion::error::DataFusionError>(())
//! # }).unwrap();
//! ```
//!
//! The result types are `earshot-arrow`'s: `sentiment` is `struct<compound, positive, negative,
//! neutral: double, label: string>`; `analyze` is `struct<sentiment: that struct, categories:
//! list<struct<label, confidence, evidence: list<struct<start, end, text, sentence>>>>, risk:
//! struct<urgency, flags: list<like a category>, route: list<string>>, aspects:
//! list<struct<label, sentiment: struct<compound, label>, evidence: list<struct<start, end,
//! text, role>>>>>` (the fields of `earshot analyze`'s JSON). DataFusion runs
//! one batch per partition at a time, so each call analyses on one thread by default (the
//! partitions use the cores); [`EarshotUdf::with_threads`] changes that.
//!
//! `report(text)` (alias `earshot_report`) is the listening report as an aggregate: each
//! partition adds its texts to an [`earshot::report::Report`], the partial reports travel as
//! their bytes (`Binary` state) and merge, and the result is the report's summary as JSON
//! (what `earshot report` writes to `report.json`). See [`ReportUdaf`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use datafusion::arrow::array::{Array, ArrayRef, StructArray, cast::AsArray};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{DataFusionError, Result, ScalarValue, exec_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{
    Accumulator, AggregateUDF, AggregateUDFImpl, ColumnarValue, ScalarFunctionArgs, ScalarUDF,
    ScalarUDFImpl, Signature, Volatility,
};
use datafusion::prelude::SessionContext;
use earshot::report::{Post, Report};
use earshot::{Analysis, Analyzer, Columns};

/// Registers `sentiment(text)`, `analyze(text)` and the aggregate `report(text)` backed by
/// `analyzer` in `ctx`.
pub fn register(ctx: &SessionContext, analyzer: Analyzer) {
    let analyzer = Arc::new(analyzer);
    ctx.register_udf(EarshotUdf::sentiment(analyzer.clone()).into_udf());
    ctx.register_udf(EarshotUdf::analyze(analyzer.clone()).into_udf());
    ctx.register_udaf(ReportUdaf::new(analyzer).into_udaf());
}

/// The text layouts the functions take as they are.
fn text_signature() -> Signature {
    Signature::uniform(
        1,
        vec![DataType::Utf8, DataType::LargeUtf8, DataType::Utf8View],
        Volatility::Immutable,
    )
}

/// What a UDF returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Output {
    Sentiment,
    Analysis,
}

/// One of earshot's scalar UDFs: `sentiment(text)` or `analyze(text)`, also named
/// `earshot_sentiment` and `earshot_analyze`.
///
/// `ANALYZE` is a keyword of DataFusion's SQL parser, which ends a select list at it after a
/// comma (it reads the comma as a trailing one): write `analyze(t)` first, `"analyze"(t)`
/// quoted, or `earshot_analyze(t)`.
///
/// ```
/// let udf = earshot_datafusion::EarshotUdf::analyze(std::sync::Arc::new(earshot::Analyzer::default()));
/// assert_eq!(udf.with_threads(2).into_udf().name(), "analyze");
/// ```
pub struct EarshotUdf {
    analyzer: Arc<Analyzer>,
    output: Output,
    threads: usize,
    signature: Signature,
    aliases: Vec<String>,
    /// Working space reused by the calls that find it free (partitions run calls at once).
    columns: Mutex<Vec<Columns>>,
}

impl EarshotUdf {
    fn new(analyzer: Arc<Analyzer>, output: Output) -> EarshotUdf {
        EarshotUdf {
            analyzer,
            output,
            threads: 1,
            // The three layouts as they are: a Utf8View column is read as views, not cast.
            signature: text_signature(),
            aliases: vec![match output {
                Output::Sentiment => "earshot_sentiment".to_string(),
                Output::Analysis => "earshot_analyze".to_string(),
            }],
            columns: Mutex::new(Vec::new()),
        }
    }

    /// `sentiment(text)`: the `sentiment` struct of each text.
    pub fn sentiment(analyzer: Arc<Analyzer>) -> EarshotUdf {
        EarshotUdf::new(analyzer, Output::Sentiment)
    }

    /// `analyze(text)`: sentiment, categories, risk and aspects of each text.
    pub fn analyze(analyzer: Arc<Analyzer>) -> EarshotUdf {
        EarshotUdf::new(analyzer, Output::Analysis)
    }

    /// Analyses each batch on up to `threads` threads (default 1: DataFusion's partitions
    /// already run on every core; more helps a plan with a single partition).
    pub fn with_threads(mut self, threads: usize) -> EarshotUdf {
        self.threads = threads.max(1);
        self
    }

    /// The UDF to register.
    pub fn into_udf(self) -> ScalarUDF {
        ScalarUDF::new_from_impl(self)
    }

    fn run(&self, texts: &dyn Array) -> Result<StructArray> {
        let mut columns = self
            .columns
            .lock()
            .map(|mut free| free.pop())
            .ok()
            .flatten()
            .unwrap_or_default();
        let out = match self.output {
            Output::Sentiment => {
                earshot_arrow::sentiment_array(texts, &self.analyzer, &mut columns, self.threads)
            }
            Output::Analysis => {
                earshot_arrow::analysis_array(texts, &self.analyzer, &mut columns, self.threads)
            }
        };
        if let Ok(mut free) = self.columns.lock() {
            free.push(columns);
        }
        out.map_err(|e| DataFusionError::Execution(format!("{}: {e}", self.name())))
    }
}

impl std::fmt::Debug for EarshotUdf {
    /// The function, not the analyzer's tables (which DataFusion would print in plan errors).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EarshotUdf")
            .field("name", &self.name())
            .field("preset", &self.analyzer.preset())
            .field("threads", &self.threads)
            .finish()
    }
}

impl PartialEq for EarshotUdf {
    /// The same function over the same analyzer.
    fn eq(&self, other: &EarshotUdf) -> bool {
        self.output == other.output
            && self.threads == other.threads
            && Arc::ptr_eq(&self.analyzer, &other.analyzer)
    }
}

impl Eq for EarshotUdf {}

impl Hash for EarshotUdf {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.output.hash(state);
        self.threads.hash(state);
        Arc::as_ptr(&self.analyzer).hash(state);
    }
}

impl ScalarUDFImpl for EarshotUdf {
    fn name(&self) -> &str {
        match self.output {
            Output::Sentiment => "sentiment",
            Output::Analysis => "analyze",
        }
    }

    fn aliases(&self) -> &[String] {
        &self.aliases
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _: &[DataType]) -> Result<DataType> {
        Ok(match self.output {
            Output::Sentiment => earshot_arrow::sentiment_type(),
            Output::Analysis => earshot_arrow::analysis_type(),
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [arg] = args.args.as_slice() else {
            return exec_err!(
                "{} takes one argument, got {}",
                self.name(),
                args.args.len()
            );
        };
        match arg {
            ColumnarValue::Array(texts) => {
                Ok(ColumnarValue::Array(Arc::new(self.run(texts)?) as ArrayRef))
            }
            // A constant: analysed once, not once per row.
            ColumnarValue::Scalar(text) => {
                let out = self.run(&text.to_array()?)?;
                Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&out, 0)?))
            }
        }
    }
}

/// `report(text)`: the listening report of the texts (nulls skipped), as the JSON of its
/// [`Summary`](earshot::report::Summary). An aggregate, with `GROUP BY` too (one report per
/// group). Each partition's accumulator analyses its batches (one thread: the partitions use
/// the cores) and adds them to a [`Report`]; its state is the report's bytes
/// ([`Report::to_bytes`]), merged with [`Report::merge`], so the result does not depend on
/// how the rows were partitioned while no term table was pruned (see the report's module).
///
/// ```
/// use datafusion::prelude::SessionContext;
/// use datafusion::arrow::array::cast::AsArray;
///
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let ctx = SessionContext::new();
/// earshot_datafusion::register(&ctx, earshot::Analyzer::default());
/// let sql = "SELECT report(t) FROM (VALUES ('Love it'), ('It crashed'), (NULL)) AS p(t)";
/// let batches = ctx.sql(sql).await?.collect().await?;
/// let json = batches[0].column(0).as_string::<i32>().value(0);
/// let summary: earshot::report::Summary = serde_json::from_str(json).unwrap();
/// assert_eq!(summary.posts, 2);
/// # Ok::<(), datafusion::error::DataFusionError>(())
/// # }).unwrap();
/// ```
#[derive(Debug)]
pub struct ReportUdaf {
    analyzer: Arc<Analyzer>,
    signature: Signature,
    aliases: Vec<String>,
}

impl ReportUdaf {
    /// `report(text)` with `analyzer`.
    pub fn new(analyzer: Arc<Analyzer>) -> ReportUdaf {
        ReportUdaf {
            analyzer,
            signature: text_signature(),
            aliases: vec!["earshot_report".to_string()],
        }
    }

    /// The aggregate to register.
    pub fn into_udaf(self) -> AggregateUDF {
        AggregateUDF::new_from_impl(self)
    }
}

impl PartialEq for ReportUdaf {
    /// The same function over the same analyzer.
    fn eq(&self, other: &ReportUdaf) -> bool {
        Arc::ptr_eq(&self.analyzer, &other.analyzer)
    }
}

impl Eq for ReportUdaf {}

impl Hash for ReportUdaf {
    fn hash<H: Hasher>(&self, state: &mut H) {
        Arc::as_ptr(&self.analyzer).hash(state);
    }
}

impl AggregateUDFImpl for ReportUdaf {
    fn name(&self) -> &str {
        "report"
    }

    fn aliases(&self) -> &[String] {
        &self.aliases
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![Arc::new(Field::new(
            format_state_name(args.name, "report"),
            DataType::Binary,
            true,
        ))])
    }

    fn accumulator(&self, _: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(ReportAccumulator {
            analyzer: self.analyzer.clone(),
            report: Report::new(),
            analyses: Vec::new(),
        }))
    }
}

/// One partition's (or group's) report, with the analyses of a batch reused from batch to
/// batch.
struct ReportAccumulator {
    analyzer: Arc<Analyzer>,
    report: Report,
    analyses: Vec<Analysis>,
}

impl std::fmt::Debug for ReportAccumulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReportAccumulator")
            .field("posts", &self.report.posts())
            .finish()
    }
}

fn report_err(e: impl std::fmt::Display) -> DataFusionError {
    DataFusionError::Execution(format!("report: {e}"))
}

impl Accumulator for ReportAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let [texts] = values else {
            return exec_err!("report takes one argument, got {}", values.len());
        };
        let (analyzer, report, analyses) = (&self.analyzer, &mut self.report, &mut self.analyses);
        earshot_arrow::with_texts(texts.as_ref(), |texts| -> Result<()> {
            let kept = texts.strs().map_err(report_err)?;
            analyzer.analyze_batch_with_threads(&kept, analyses, 1);
            for (text, analysis) in kept.iter().zip(analyses.iter()) {
                report.add(&Post::new(text), analysis);
            }
            Ok(())
        })
        .map_err(report_err)?
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let [states] = states else {
            return exec_err!("report: one state column expected, got {}", states.len());
        };
        let Some(states) = states.as_binary_opt::<i32>() else {
            return exec_err!(
                "report: a Binary state expected, got {}",
                states.data_type()
            );
        };
        for bytes in states.iter().flatten() {
            self.report
                .merge(&Report::from_bytes(bytes).map_err(report_err)?);
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Binary(Some(self.report.to_bytes()))])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let json = serde_json::to_string(&self.report.finish()).map_err(report_err)?;
        Ok(ScalarValue::Utf8(Some(json)))
    }

    fn size(&self) -> usize {
        // A rough measure (DataFusion's memory accounting): the report's largest part, the
        // 4 KiB authors' sketch and its tables, is not walked; its state's length would cost
        // a serialization per call.
        std::mem::size_of::<Self>()
            + 4096
            + self.analyses.capacity() * std::mem::size_of::<Analysis>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::Int64Array;
    use datafusion::arrow::datatypes::Field;
    use datafusion::config::ConfigOptions;

    /// SQL casts most arguments to text before the call; an array that reaches the function
    /// with another type anyway is an execution error naming the function and the type.
    #[test]
    fn a_non_text_array_is_an_execution_error() {
        let udf = EarshotUdf::sentiment(Arc::new(Analyzer::default()));
        let args = ScalarFunctionArgs {
            args: vec![ColumnarValue::Array(Arc::new(Int64Array::from(vec![1, 2])))],
            arg_fields: vec![Arc::new(Field::new("x", DataType::Int64, true))],
            number_rows: 2,
            return_field: Arc::new(Field::new("s", earshot_arrow::sentiment_type(), true)),
            config_options: Arc::new(ConfigOptions::default()),
        };
        let err = udf.invoke_with_args(args).unwrap_err().to_string();
        assert!(
            err.contains("sentiment: expected an Arrow string array"),
            "{err}"
        );
        assert!(err.contains("got Int64"), "{err}");
    }
}
