"""Type stubs of earshot's native module (re-exported by ``earshot``)."""

import datetime
import os
from typing import Any, Dict, List, Literal, Optional, Sequence, TypedDict, Union

import pyarrow

_Paths = Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]], None]

class SentimentDict(TypedDict):
    """How a text feels: compound in -1..1 (4 decimals), proportions (3 decimals), label."""

    compound: float
    positive: float
    negative: float
    neutral: float
    label: Literal["positive", "negative", "neutral"]

class SpanDict(TypedDict):
    """A span of the text that fired a category or flag: UTF-8 byte offsets, the span's text
    and the sentence it is in (counted from 0)."""

    start: int
    end: int
    text: str
    sentence: int

class CategoryDict(TypedDict):
    """One feedback category: its label, confidence (3 decimals) and evidence."""

    label: str
    confidence: float
    evidence: List[SpanDict]

class RiskDict(TypedDict):
    """How urgent a text is (0..1, 3 decimals; >= 0.5: answer first), the risk flags found
    (``safety``, ``legal``, ``churn``, ``escalation``, ``security``, ``abuse``; most confident
    first, shaped as categories) and the teams to notify, in order."""

    urgency: float
    flags: List[CategoryDict]
    route: List[str]

class AspectSentimentDict(TypedDict):
    """How the text feels about one aspect: compound in -1..1 (4 decimals) and its label."""

    compound: float
    label: Literal["positive", "negative", "neutral"]

class AspectSpanDict(TypedDict):
    """A span of an aspect's evidence: UTF-8 byte offsets, its text, and whether it names the
    aspect (``term``) or judges it (``opinion``)."""

    start: int
    end: int
    text: str
    role: Literal["term", "opinion"]

class AspectDict(TypedDict):
    """One aspect the text talks about (``food``, ``price``, ``battery``...), how the text
    feels about it and why."""

    label: str
    sentiment: AspectSentimentDict
    evidence: List[AspectSpanDict]

class AnalysisDict(TypedDict):
    """What ``earshot analyze`` prints for one text (the same keys, in the same order, as the
    rows of ``analyze_arrow``, which keep full precision)."""

    sentiment: SentimentDict
    categories: List[CategoryDict]
    risk: RiskDict
    aspects: List[AspectDict]

class EarshotError(ValueError):
    """A lexicon or configuration earshot cannot use, or texts that are not UTF-8."""

class Analyzer:
    """Reads texts and says how they feel, what kind of feedback they are, which cannot wait
    and what they talk about.

    Built once from a preset (``"default"`` or ``"vader"``), lexicon files (``term<TAB>valence``
    lines) and configuration files (JSON: categories, competitors, risk flags, aspects...);
    pickles by the contents of those files, so a worker rebuilds it without them. A missing file
    raises ``FileNotFoundError``; a file earshot cannot use raises ``EarshotError`` naming its
    line. ``categories``, ``risk`` and ``aspects`` switch those stages off (their results are
    then empty: faster when they are not wanted). ``threads`` bounds the threads of batch calls
    (default: all cores).
    """

    def __init__(
        self,
        preset: Literal["default", "vader"] = "default",
        lexicon: _Paths = None,
        config: _Paths = None,
        *,
        neutral_band: float = 0.05,
        categories: bool = True,
        risk: bool = True,
        aspects: bool = True,
        threads: Optional[int] = None,
    ) -> None: ...
    @property
    def preset(self) -> str: ...
    @property
    def neutral_band(self) -> float: ...
    @property
    def threads(self) -> int: ...
    def sentiment(self, text: str) -> SentimentDict: ...
    def analyze(self, text: str) -> AnalysisDict: ...
    def analyze_batch(self, texts: Sequence[str]) -> List[AnalysisDict]:
        """``analyze`` of each text, on all cores (slower than ``analyze_arrow``: dicts)."""
    def analyze_arrow(self, array: Any) -> Union[pyarrow.StructArray, pyarrow.ChunkedArray]:
        """Analyses an Arrow string array (``__arrow_c_array__``) or a chunked one
        (``__arrow_c_stream__``: ``pyarrow.ChunkedArray``, a Polars Series). Returns a struct
        array of type :func:`analysis_arrow_type` (full precision), null where a text is null.
        A non-string array raises ``TypeError``."""
    def sentiment_arrow(self, array: Any) -> Union[pyarrow.StructArray, pyarrow.ChunkedArray]:
        """Like ``analyze_arrow``, sentiment only (type :func:`sentiment_arrow_type`)."""

class Report:
    """The listening report: analysed posts aggregated (sentiment over time, categories, risk
    flags, aspects, the most urgent posts, phrases, emerging terms), bounded in memory whatever
    the number of posts, mergeable in any grouping, and shipped between processes as bytes
    (``to_bytes`` / ``from_bytes``; pickling uses them), so that the reports of a job's
    partitions merge on its driver into the report of all posts."""

    def __init__(self) -> None: ...
    def add(
        self,
        text: str,
        *,
        time: Union[str, int, float, datetime.datetime, None] = None,
        source: Optional[str] = None,
        author: Optional[str] = None,
        id: Optional[str] = None,
        title: Optional[str] = None,
        rating: Optional[float] = None,
        analyzer: Optional[Analyzer] = None,
    ) -> None:
        """Analyses ``text`` (with ``analyzer``, or earshot's defaults) and adds it. ``time``:
        RFC 3339 text or a date (``ValueError`` otherwise), Unix seconds, or a ``datetime``
        (naive: UTC)."""
    def add_arrow(self, array: Any, analyzer: Optional[Analyzer] = None) -> None:
        """Analyses the texts of an Arrow string array (or a chunked one) on all cores and adds
        them; null texts are skipped. A non-string array raises ``TypeError``."""
    def merge(self, other: "Report") -> None:
        """Adds everything ``other`` holds: the report of both sets of posts."""
    def to_bytes(self) -> bytes:
        """The report's state (JSON bytes), read back by :meth:`from_bytes`."""
    @staticmethod
    def from_bytes(data: bytes) -> "Report":
        """A report from :meth:`to_bytes`' bytes; anything else raises ``EarshotError``."""
    @property
    def posts(self) -> int:
        """Posts added so far."""
    def summary(self) -> Dict[str, Any]:
        """The summary (what ``earshot report`` writes to ``report.json``) as a dict."""
    def html(self) -> str:
        """The report's page: one self-contained HTML file."""

def sentiment(text: str) -> SentimentDict:
    """The sentiment of ``text`` with earshot's defaults."""

def analyze(text: str) -> AnalysisDict:
    """Sentiment, feedback categories, risk and aspects of ``text`` with earshot's defaults."""

def analysis_arrow_type() -> pyarrow.DataType:
    """The struct type ``analyze_arrow`` returns."""

def sentiment_arrow_type() -> pyarrow.DataType:
    """The struct type ``sentiment_arrow`` returns."""
