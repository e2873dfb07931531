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
"""

from earshot._earshot import (
    Analyzer,
    EarshotError,
    analysis_arrow_type,
    analyze,
    sentiment,
    sentiment_arrow_type,
)

__all__ = [
    "Analyzer",
    "EarshotError",
    "analysis_arrow_type",
    "analyze",
    "sentiment",
    "sentiment_arrow_type",
]


def _rebuild_analyzer(preset, lexicons, configs, neutral_band, stages, threads):
    """Rebuilds a pickled :class:`Analyzer` from its configuration (file contents, not paths;
    ``stages``: whether categories, risk and aspects are on)."""
    return Analyzer._from_state(preset, lexicons, configs, neutral_band, stages, threads)
