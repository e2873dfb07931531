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
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use datafusion::arrow::array::{Array, ArrayRef, StructArray};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{DataFusionError, Result, ScalarValue, exec_err};
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use datafusion::prelude::SessionContext;
use earshot::{Analyzer, Columns};

/// Registers `sentiment(text)` and `analyze(text)` backed by `analyzer` in `ctx`.
pub fn register(ctx: &SessionContext, analyzer: Analyzer) {
    let analyzer = Arc::new(analyzer);
    ctx.register_udf(EarshotUdf::sentiment(analyzer.clone()).into_udf());
    ctx.register_udf(EarshotUdf::analyze(analyzer).into_udf());
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
            signature: Signature::uniform(
                1,
                vec![DataType::Utf8, DataType::LargeUtf8, DataType::Utf8View],
                Volatility::Immutable,
            ),
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
