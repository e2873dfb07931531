"""Recipe: earshot in Polars, one Arrow batch at a time with ``map_batches``.

    python polars_recipe.py posts.parquet   # a Parquet file with a ``text`` column

Each batch of the ``text`` column goes to ``Analyzer.analyze_arrow`` as it is (a Polars Series
speaks the Arrow PyCapsule interface: no copy into Python strings); the result is a struct
column, unnested here into the columns a dashboard wants.
"""

import sys
from typing import Optional

import polars as pl
import pyarrow as pa

import earshot

# The Polars type of analyze_arrow's struct (given to map_batches, so the plan knows it).
ANALYSIS = pl.Series(pa.array([], earshot.analysis_arrow_type())).dtype


def analyze_posts(path: str, analyzer: Optional[earshot.Analyzer] = None) -> pl.DataFrame:
    """The posts of the Parquet file at ``path`` with their sentiment, category labels,
    urgency, risk flags and aspects."""
    analyzer = analyzer or earshot.Analyzer()
    analysis = pl.col("text").map_batches(
        lambda texts: pl.Series(analyzer.analyze_arrow(texts)), return_dtype=ANALYSIS
    )
    part = pl.col("analysis").struct.field
    labels = pl.element().struct.field("label")
    return (
        pl.scan_parquet(path)
        .with_columns(analysis.alias("analysis"))
        .with_columns(
            part("sentiment").struct.field("compound").alias("compound"),
            part("sentiment").struct.field("label").alias("label"),
            part("categories").list.eval(labels).alias("categories"),
            part("risk").struct.field("urgency").alias("urgency"),
            part("risk").struct.field("flags").list.eval(labels).alias("flags"),
            part("aspects").list.eval(labels).alias("aspects"),
        )
        .drop("analysis")
        .collect()
    )


if __name__ == "__main__":
    frame = analyze_posts(sys.argv[1])
    print(frame)
    print(frame.group_by("label").len().sort("label"))
    print(frame.filter(pl.col("urgency") >= 0.5).sort("urgency", descending=True))
