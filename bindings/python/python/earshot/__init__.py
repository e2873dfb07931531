"""earshot: listen to customers.

Fast, explainable sentiment, feedback categories, risk flags and aspects for posts, reviews and
tickets.

>>> import earshot
>>> earshot.sentiment("I hate waiting on hold")["label"]
'negative'
>>> [c["label"] for c in earshot.analyze("Please add a dark mode")["categories"]]
['idea']

An :class:`Analyzer` is built once (preset, lexicon and configuration files) and analyses
Arrow string arrays in one call with ``analyze_arrow``, on all cores with the GIL released.

A :class:`Report` aggregates analysed posts into the listening report; reports merge, and
travel as bytes (``to_bytes`` / ``Report.from_bytes``, or pickling), so that each partition of a
job builds one and the driver merges them:

>>> a, b = earshot.Report(), earshot.Report()
>>> a.add("Love the new update")
>>> b.add("The app crashes on login", source="app_store")
>>> a.merge(earshot.Report.from_bytes(b.to_bytes()))
>>> a.posts, a.summary()["posts"]
(2, 2)
"""

from earshot._earshot import (
    Analyzer,
    EarshotError,
    Report,
    analysis_arrow_type,
    analyze,
    sentiment,
    sentiment_arrow_type,
)

__all__ = [
    "Analyzer",
    "EarshotError",
    "Report",
    "analysis_arrow_type",
    "analyze",
    "sentiment",
    "sentiment_arrow_type",
]


def _rebuild_analyzer(preset, lexicons, configs, neutral_band, stages, threads):
    """Rebuilds a pickled :class:`Analyzer` from its configuration (file contents, not paths;
    ``stages``: whether categories, risk and aspects are on)."""
    return Analyzer._from_state(preset, lexicons, configs, neutral_band, stages, threads)


def _rebuild_report(state):
    """Rebuilds a pickled :class:`Report` from its bytes (``Report.to_bytes``)."""
    return Report.from_bytes(state)
