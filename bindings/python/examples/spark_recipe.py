"""Recipe: earshot in PySpark with ``mapInArrow`` (the same code runs on a cluster).

    python spark_recipe.py posts.parquet   # a Parquet file with ``id`` and ``text`` columns

Spark hands each task its rows as Arrow record batches; the analyzer, built once on the driver,
is pickled into the tasks (by its configuration, so the workers need none of its files), and
each batch's ``text`` column goes through ``analyze_arrow`` as it is. Spark runs one task per
core, so each analyzer uses one thread.
"""

import sys
from typing import Iterator, Optional

import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession

import earshot

SENTIMENT = (
    "struct<compound: double, positive: double, negative: double, neutral: double, "
    "label: string>"
)
ANALYSIS = (
    f"struct<sentiment: {SENTIMENT}, categories: array<struct<label: string, "
    f"confidence: double, evidence: array<struct<start: bigint, end: bigint, text: string>>>>>"
)
SCHEMA = f"id bigint, analysis {ANALYSIS}"


def analyze_posts(
    spark: SparkSession, path: str, analyzer: Optional[earshot.Analyzer] = None
) -> DataFrame:
    """The ``id`` of each post of the Parquet file at ``path`` and its analysis."""
    analyzer = analyzer or earshot.Analyzer(threads=1)

    def analyze_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            analysis = analyzer.analyze_arrow(batch.column("text"))
            yield pa.RecordBatch.from_arrays(
                [batch.column("id"), analysis], names=["id", "analysis"]
            )

    return spark.read.parquet(path).select("id", "text").mapInArrow(analyze_batches, SCHEMA)


def label_counts(posts: DataFrame) -> list:
    """How many posts have each sentiment label."""
    rows = posts.groupBy("analysis.sentiment.label").count().orderBy("label").collect()
    return [(r["label"], r["count"]) for r in rows]


if __name__ == "__main__":
    spark = (
        SparkSession.builder.master("local[*]")
        .appName("earshot")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    print(label_counts(analyze_posts(spark, sys.argv[1])))
    spark.stop()
