//! `earshot._earshot`: the native module of the earshot Python package.
//!
//! A thin layer: texts in (a `str`, a list of them, or an Arrow string array through the
//! PyCapsule interface), earshot's results out (dicts from their serde form, or Arrow arrays
//! built by `earshot-arrow`). The work runs with the GIL released, on all cores unless the
//! analyzer was given a number of threads. The Python-side API and its types are in
//! `python/earshot/_earshot.pyi`.
#![deny(unsafe_code)]

use std::path::PathBuf;
use std::sync::{LazyLock, Mutex};

use arrow_data::ArrayData;
use arrow_pyarrow::{FromPyArrow, ToPyArrow};
use earshot::lexicon::LexiconOverlay;
use earshot::{Columns, Config, ErrorKind, Preset};
use earshot_arrow::arrow_array::{Array, make_array};
use pyo3::exceptions::{PyFileNotFoundError, PyImportError, PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyList, PyTuple};

pyo3::create_exception!(
    _earshot,
    EarshotError,
    PyValueError,
    "A lexicon or configuration that earshot cannot use, or texts it cannot read (not UTF-8)."
);

/// An earshot error as the Python exception a caller expects: a file that cannot be read is
/// an `OSError` (`FileNotFoundError` when it is missing), anything else an `EarshotError` (a
/// `ValueError`); the message names the file and line where there is one.
fn to_py_err(e: earshot::Error) -> PyErr {
    if e.kind() == ErrorKind::Io {
        let missing = std::error::Error::source(&e)
            .and_then(|s| s.downcast_ref::<std::io::Error>())
            .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound);
        return if missing {
            PyFileNotFoundError::new_err(e.to_string())
        } else {
            PyOSError::new_err(e.to_string())
        };
    }
    EarshotError::new_err(e.to_string())
}

fn arrow_err(e: earshot_arrow::Error) -> PyErr {
    match e {
        earshot_arrow::Error::NotText(_) => PyTypeError::new_err(e.to_string()),
        earshot_arrow::Error::Earshot(e) => to_py_err(e),
    }
}

/// What an analyzer was built from: the contents of its files, not their paths, so that a
/// pickled analyzer is rebuilt on a worker that has none of them.
#[derive(Clone)]
struct Recipe {
    preset: Preset,
    lexicons: Vec<String>,
    configs: Vec<String>,
    neutral_band: f64,
    /// The stages after sentiment, each on or off.
    stages: Stages,
    threads: Option<usize>,
}

/// Which stages an analyzer runs besides sentiment (all by default).
#[derive(Clone, Copy)]
struct Stages {
    categories: bool,
    risk: bool,
    aspects: bool,
}

impl Recipe {
    fn build(&self) -> Result<earshot::Analyzer, earshot::Error> {
        let mut builder = earshot::Analyzer::builder();
        builder
            .preset(self.preset)
            .neutral_band(self.neutral_band)
            .categories(self.stages.categories)
            .risk(self.stages.risk)
            .aspects(self.stages.aspects);
        for text in &self.lexicons {
            builder.lexicon(&LexiconOverlay::parse(text)?);
        }
        for text in &self.configs {
            builder.config(&Config::from_json(text)?);
        }
        builder.build()
    }
}

/// Paths from `None`, one path, or a list of paths.
fn paths(value: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<PathBuf>> {
    match value {
        None => Ok(Vec::new()),
        Some(v) if v.is_none() => Ok(Vec::new()),
        Some(v) => match v.extract::<PathBuf>() {
            Ok(one) => Ok(vec![one]),
            Err(_) => v.extract::<Vec<PathBuf>>().map_err(|_| {
                PyTypeError::new_err("expected a path or a list of paths (str or os.PathLike)")
            }),
        },
    }
}

/// Reads a file that `check` has accepted (so errors name the file and line), keeping its text.
fn read_checked<T>(
    path: &PathBuf,
    check: impl Fn(&PathBuf) -> Result<T, earshot::Error>,
) -> PyResult<String> {
    check(path).map_err(to_py_err)?;
    std::fs::read_to_string(path)
        .map_err(|e| PyOSError::new_err(format!("{}: {e}", path.display())))
}

fn preset(name: &str) -> PyResult<Preset> {
    match name {
        "default" => Ok(Preset::Default),
        "vader" => Ok(Preset::Vader),
        other => Err(PyValueError::new_err(format!(
            "unknown preset {other:?}: expected \"default\" or \"vader\""
        ))),
    }
}

fn preset_name(p: Preset) -> &'static str {
    match p {
        Preset::Vader => "vader",
        _ => "default",
    }
}

/// Reads a text and says how it feels and what kind of feedback it is; built once, used from
/// any thread, pickled by its configuration.
#[pyclass(frozen, module = "earshot", name = "Analyzer")]
struct PyAnalyzer {
    analyzer: earshot::Analyzer,
    recipe: Recipe,
    /// Working space of Arrow batches, reused when no other call holds it.
    columns: Mutex<Columns>,
}

impl PyAnalyzer {
    fn from_recipe(recipe: Recipe) -> PyResult<PyAnalyzer> {
        Ok(PyAnalyzer {
            analyzer: recipe.build().map_err(to_py_err)?,
            recipe,
            columns: Mutex::new(Columns::new()),
        })
    }

    fn threads(&self) -> usize {
        self.recipe
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
    }

    /// Runs `f` (an `earshot-arrow` function) over each Arrow array in `data` with the GIL
    /// released, and returns its results as pyarrow arrays (a chunked array for chunked input).
    fn arrow_call(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        what: &str,
        f: fn(
            &dyn Array,
            &earshot::Analyzer,
            &mut Columns,
            usize,
        ) -> Result<earshot_arrow::arrow_array::StructArray, earshot_arrow::Error>,
    ) -> PyResult<Py<PyAny>> {
        let pyarrow = || {
            py.import("pyarrow").map_err(|_| {
                PyImportError::new_err(format!(
                    "{what} returns pyarrow arrays: install pyarrow (pip install 'earshot[arrow]')"
                ))
            })
        };
        let one = |array: &Bound<'_, PyAny>| -> PyResult<Bound<'_, PyAny>> {
            let data = ArrayData::from_pyarrow_bound(array)?;
            let array = make_array(data);
            let threads = self.threads();
            let out = py.detach(|| {
                // Another call holding the working space (threads of an engine sharing one
                // analyzer) is not waited for: this one works in space of its own.
                let mut mine = None;
                let mut guard = self.columns.try_lock();
                let columns = match guard.as_deref_mut() {
                    Ok(c) => c,
                    Err(_) => mine.insert(Columns::new()),
                };
                f(&*array, &self.analyzer, columns, threads)
            });
            let out = out.map_err(arrow_err)?;
            pyarrow()?;
            out.into_data().to_pyarrow(py)
        };
        if data.hasattr("__arrow_c_array__")? {
            return Ok(one(data)?.unbind());
        }
        if data.hasattr("__arrow_c_stream__")? || data.hasattr("chunks")? {
            // A chunked array (pyarrow.ChunkedArray, a Polars Series, any Arrow stream of
            // one column): each chunk in turn, the results chunked alike.
            let pa = pyarrow()?;
            let chunked = pa.call_method1("chunked_array", (data,))?;
            let mut results = Vec::new();
            for chunk in chunked.getattr("chunks")?.try_iter()? {
                results.push(one(&chunk?)?);
            }
            let out_type = match what {
                "sentiment_arrow" => earshot_arrow::sentiment_type(),
                _ => earshot_arrow::analysis_type(),
            };
            return Ok(pa
                .call_method1("chunked_array", (results, out_type.to_pyarrow(py)?))?
                .unbind());
        }
        Err(PyTypeError::new_err(format!(
            "{what} takes an Arrow string array (an object with __arrow_c_array__ or \
             __arrow_c_stream__, such as pyarrow.Array or a Polars Series), got {}; for a list \
             of str use analyze_batch",
            data.get_type().name()?
        )))
    }
}

#[pymethods]
impl PyAnalyzer {
    #[new]
    #[pyo3(signature = (preset="default", lexicon=None, config=None, *, neutral_band=0.05, categories=true, risk=true, aspects=true, threads=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        preset: &str,
        lexicon: Option<&Bound<'_, PyAny>>,
        config: Option<&Bound<'_, PyAny>>,
        neutral_band: f64,
        categories: bool,
        risk: bool,
        aspects: bool,
        threads: Option<usize>,
    ) -> PyResult<PyAnalyzer> {
        let recipe = Recipe {
            preset: self::preset(preset)?,
            lexicons: paths(lexicon)?
                .iter()
                .map(|p| read_checked(p, |p| LexiconOverlay::load(p)))
                .collect::<PyResult<_>>()?,
            configs: paths(config)?
                .iter()
                .map(|p| read_checked(p, |p| Config::load(p)))
                .collect::<PyResult<_>>()?,
            neutral_band,
            stages: Stages {
                categories,
                risk,
                aspects,
            },
            threads: threads.map(|t| t.max(1)),
        };
        PyAnalyzer::from_recipe(recipe)
    }

    /// Rebuilds a pickled analyzer from its configuration (see `__reduce__`).
    #[staticmethod]
    #[allow(clippy::too_many_arguments)]
    fn _from_state(
        preset: &str,
        lexicons: Vec<String>,
        configs: Vec<String>,
        neutral_band: f64,
        stages: (bool, bool, bool),
        threads: Option<usize>,
    ) -> PyResult<PyAnalyzer> {
        let (categories, risk, aspects) = stages;
        PyAnalyzer::from_recipe(Recipe {
            preset: self::preset(preset)?,
            lexicons,
            configs,
            neutral_band,
            stages: Stages {
                categories,
                risk,
                aspects,
            },
            threads,
        })
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let r = &self.recipe;
        let rebuild = py.import("earshot")?.getattr("_rebuild_analyzer")?;
        let state = (
            preset_name(r.preset),
            r.lexicons.clone(),
            r.configs.clone(),
            r.neutral_band,
            (r.stages.categories, r.stages.risk, r.stages.aspects),
            r.threads,
        );
        PyTuple::new(py, [rebuild, state.into_pyobject(py)?.into_any()])
    }

    fn __repr__(&self) -> String {
        let r = &self.recipe;
        let py_bool = |b: bool| if b { "True" } else { "False" };
        format!(
            "Analyzer(preset={:?}, lexicons={}, configs={}, neutral_band={}, categories={}, risk={}, aspects={}, threads={})",
            preset_name(r.preset),
            r.lexicons.len(),
            r.configs.len(),
            r.neutral_band,
            py_bool(r.stages.categories),
            py_bool(r.stages.risk),
            py_bool(r.stages.aspects),
            r.threads.map_or("None".to_string(), |t| t.to_string()),
        )
    }

    #[getter]
    fn preset(&self) -> &'static str {
        preset_name(self.recipe.preset)
    }

    #[getter]
    fn neutral_band(&self) -> f64 {
        self.recipe.neutral_band
    }

    #[getter(threads)]
    fn threads_used(&self) -> usize {
        self.threads()
    }

    fn sentiment<'py>(&self, py: Python<'py>, text: PyBackedStr) -> PyResult<Bound<'py, PyAny>> {
        let s = py.detach(|| self.analyzer.sentiment(&text));
        Ok(pythonize::pythonize(py, &s)?)
    }

    fn analyze<'py>(&self, py: Python<'py>, text: PyBackedStr) -> PyResult<Bound<'py, PyAny>> {
        let a = py.detach(|| self.analyzer.analyze(&text));
        Ok(pythonize::pythonize(py, &a.with_text(&text))?)
    }

    fn analyze_batch<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<PyBackedStr>,
    ) -> PyResult<Bound<'py, PyList>> {
        let threads = self.threads();
        let mut out = Vec::new();
        py.detach(|| {
            self.analyzer
                .analyze_batch_with_threads(&texts, &mut out, threads)
        });
        let dicts = out
            .iter()
            .zip(&texts)
            .map(|(a, t)| pythonize::pythonize(py, &a.with_text(t)))
            .collect::<Result<Vec<_>, _>>()?;
        PyList::new(py, dicts)
    }

    fn analyze_arrow(&self, py: Python<'_>, array: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        self.arrow_call(py, array, "analyze_arrow", earshot_arrow::analysis_array)
    }

    fn sentiment_arrow(&self, py: Python<'_>, array: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        self.arrow_call(py, array, "sentiment_arrow", earshot_arrow::sentiment_array)
    }
}

/// A time given to `Report.add`: RFC 3339 text, Unix seconds (int or float), or a
/// `datetime.datetime` (naive ones are read as UTC, as the report is in UTC).
fn post_time(value: &Bound<'_, PyAny>) -> PyResult<i64> {
    if let Ok(text) = value.extract::<PyBackedStr>() {
        return earshot::report::parse_time(&text).ok_or_else(|| {
            PyValueError::new_err(format!(
                "time {:?} is not an RFC 3339 time (2026-11-23T09:00:00Z) or a date",
                &*text
            ))
        });
    }
    let seconds = if value.hasattr("timestamp")? && value.hasattr("tzinfo")? {
        let aware = if value.getattr("tzinfo")?.is_none() {
            let utc = value
                .py()
                .import("datetime")?
                .getattr("timezone")?
                .getattr("utc")?;
            let kwargs = pyo3::types::PyDict::new(value.py());
            kwargs.set_item("tzinfo", utc)?;
            value.call_method("replace", (), Some(&kwargs))?
        } else {
            value.clone()
        };
        aware.call_method0("timestamp")?.extract::<f64>()?
    } else if let Ok(seconds) = value.extract::<f64>() {
        seconds
    } else {
        return Err(PyTypeError::new_err(format!(
            "time must be a str (RFC 3339), Unix seconds or a datetime, got {}",
            value.get_type().name()?
        )));
    };
    earshot::report::time_from_seconds(seconds)
        .ok_or_else(|| PyValueError::new_err(format!("time {seconds} is not a Unix time")))
}

/// The analyzer a report call uses: the one given, or earshot's defaults.
fn analyzer_of<'a>(analyzer: &'a Option<Bound<'_, PyAnalyzer>>) -> &'a earshot::Analyzer {
    match analyzer {
        Some(a) => &a.get().analyzer,
        None => &DEFAULT,
    }
}

/// The listening report: posts analysed and aggregated (sentiment over time, categories, risk
/// flags, aspects, urgent posts, phrases, emerging terms), bounded in memory, mergeable, and
/// shipped as bytes (`to_bytes`, pickling) so that the reports of partitions merge on a driver.
#[pyclass(module = "earshot", name = "Report")]
struct PyReport {
    report: earshot::report::Report,
}

#[pymethods]
impl PyReport {
    #[new]
    fn new() -> PyReport {
        PyReport {
            report: earshot::report::Report::new(),
        }
    }

    /// Analyses `text` (with `analyzer`, or earshot's defaults) and adds it.
    #[pyo3(signature = (text, *, time=None, source=None, author=None, id=None, title=None, rating=None, analyzer=None))]
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        py: Python<'_>,
        text: PyBackedStr,
        time: Option<&Bound<'_, PyAny>>,
        source: Option<PyBackedStr>,
        author: Option<PyBackedStr>,
        id: Option<PyBackedStr>,
        title: Option<PyBackedStr>,
        rating: Option<f64>,
        analyzer: Option<Bound<'_, PyAnalyzer>>,
    ) -> PyResult<()> {
        let time = match time {
            Some(t) if !t.is_none() => Some(post_time(t)?),
            _ => None,
        };
        let analyzer = analyzer_of(&analyzer);
        let report = &mut self.report;
        py.detach(|| {
            let post = earshot::report::Post {
                text: &text,
                time,
                source: source.as_deref(),
                author: author.as_deref(),
                id: id.as_deref(),
                title: title.as_deref(),
                rating,
            };
            report.add(&post, &analyzer.analyze(&text));
        });
        Ok(())
    }

    /// Analyses the texts of an Arrow string array (any layout; nulls are skipped) on all
    /// cores and adds them.
    #[pyo3(signature = (array, analyzer=None))]
    fn add_arrow(
        &mut self,
        py: Python<'_>,
        array: &Bound<'_, PyAny>,
        analyzer: Option<Bound<'_, PyAnalyzer>>,
    ) -> PyResult<()> {
        let arrays: Vec<Bound<'_, PyAny>> = if array.hasattr("__arrow_c_array__")? {
            vec![array.clone()]
        } else if array.hasattr("__arrow_c_stream__")? || array.hasattr("chunks")? {
            let pa = py.import("pyarrow")?;
            let chunked = pa.call_method1("chunked_array", (array,))?;
            chunked
                .getattr("chunks")?
                .try_iter()?
                .collect::<PyResult<_>>()?
        } else {
            return Err(PyTypeError::new_err(format!(
                "add_arrow takes an Arrow string array (an object with __arrow_c_array__ or \
                 __arrow_c_stream__), got {}; for one text use add",
                array.get_type().name()?
            )));
        };
        let (analyzer, threads) = match &analyzer {
            Some(a) => (&a.get().analyzer, a.get().threads()),
            None => (
                &*DEFAULT,
                std::thread::available_parallelism().map_or(1, usize::from),
            ),
        };
        for chunk in arrays {
            let array = make_array(ArrayData::from_pyarrow_bound(&chunk)?);
            let report = &mut self.report;
            py.detach(|| {
                earshot_arrow::with_texts(&*array, |texts| -> Result<(), PyErr> {
                    let kept = texts.strs().map_err(to_py_err)?;
                    let mut analyses = Vec::new();
                    analyzer.analyze_batch_with_threads(&kept, &mut analyses, threads);
                    for (text, analysis) in kept.iter().zip(&analyses) {
                        report.add(&earshot::report::Post::new(text), analysis);
                    }
                    Ok(())
                })
                .map_err(arrow_err)?
            })?;
        }
        Ok(())
    }

    /// Adds everything `other` holds: the report of both sets of posts.
    fn merge(slf: &Bound<'_, Self>, other: &Bound<'_, PyReport>) -> PyResult<()> {
        if slf.is(other) {
            return Err(PyValueError::new_err(
                "a report cannot be merged into itself (merge a copy: Report.from_bytes(r.to_bytes()))",
            ));
        }
        let mut mine = slf.try_borrow_mut()?;
        let theirs = other.try_borrow()?;
        let (mine, theirs) = (&mut mine.report, &theirs.report);
        slf.py().detach(|| mine.merge(theirs));
        Ok(())
    }

    /// The report's state as bytes (JSON), for `Report.from_bytes` in another process.
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, pyo3::types::PyBytes> {
        let bytes = py.detach(|| self.report.to_bytes());
        pyo3::types::PyBytes::new(py, &bytes)
    }

    /// A report from the bytes `to_bytes` wrote; bytes that are not a report's state raise
    /// `EarshotError`.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<PyReport> {
        let report = py
            .detach(|| earshot::report::Report::from_bytes(data))
            .map_err(to_py_err)?;
        Ok(PyReport { report })
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let rebuild = py.import("earshot")?.getattr("_rebuild_report")?;
        let state = PyTuple::new(py, [self.to_bytes(py)])?;
        PyTuple::new(py, [rebuild, state.into_any()])
    }

    fn __repr__(&self) -> String {
        format!("Report(posts={})", self.report.posts())
    }

    /// Posts added so far.
    #[getter]
    fn posts(&self) -> u64 {
        self.report.posts()
    }

    /// The report's summary (what `report.json` holds) as a dict.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let summary = py.detach(|| self.report.finish());
        Ok(pythonize::pythonize(py, &summary)?)
    }

    /// The report's page (one self-contained HTML file).
    fn html(&self, py: Python<'_>) -> PyResult<String> {
        py.detach(|| earshot::report::render_html(&self.report.finish()))
            .map_err(to_py_err)
    }
}

/// The analyzer of the module-level functions: earshot's defaults, built on first use.
static DEFAULT: LazyLock<earshot::Analyzer> = LazyLock::new(earshot::Analyzer::default);

/// The sentiment of `text` with earshot's defaults, as a dict.
#[pyfunction]
fn sentiment<'py>(py: Python<'py>, text: PyBackedStr) -> PyResult<Bound<'py, PyAny>> {
    let s = py.detach(|| DEFAULT.sentiment(&text));
    Ok(pythonize::pythonize(py, &s)?)
}

/// Sentiment, categories, risk and aspects of `text` with earshot's defaults, as a dict.
#[pyfunction]
fn analyze<'py>(py: Python<'py>, text: PyBackedStr) -> PyResult<Bound<'py, PyAny>> {
    let a = py.detach(|| DEFAULT.analyze(&text));
    Ok(pythonize::pythonize(py, &a.with_text(&text))?)
}

/// The pyarrow type of `analyze_arrow`'s results.
#[pyfunction]
fn analysis_arrow_type(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    earshot_arrow::analysis_type().to_pyarrow(py)
}

/// The pyarrow type of `sentiment_arrow`'s results.
#[pyfunction]
fn sentiment_arrow_type(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    earshot_arrow::sentiment_type().to_pyarrow(py)
}

#[pymodule]
fn _earshot(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyAnalyzer>()?;
    m.add_class::<PyReport>()?;
    m.add_function(wrap_pyfunction!(sentiment, m)?)?;
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(analysis_arrow_type, m)?)?;
    m.add_function(wrap_pyfunction!(sentiment_arrow_type, m)?)?;
    m.add("EarshotError", m.py().get_type::<EarshotError>())?;
    Ok(())
}
