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
from pyspark.sql.pandas.types import from_arrow_type
from pyspark.sql.types import LongType, StructField, StructType

import earshot

# The rows mapInArrow yields: the post's id and its analysis (Spark's type of analyze_arrow's
# struct: sentiment, categories, risk, aspects), null for a null text.
SCHEMA = StructType(
    [
        StructField("id", LongType()),
        StructField("analysis", from_arrow_type(earshot.analysis_arrow_type())),
    ]
)


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


def flag_counts(posts: DataFrame) -> list:
    """How many posts carry each risk flag."""
    from pyspark.sql import functions as F

    flags = posts.select(F.explode("analysis.risk.flags.label").alias("flag"))
    rows = flags.groupBy("flag").count().orderBy("flag").collect()
    return [(r["flag"], r["count"]) for r in rows]


if __name__ == "__main__":
    spark = (
        SparkSession.builder.master("local[*]")
        .appName("earshot")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    posts = analyze_posts(spark, sys.argv[1])
    print(label_counts(posts))
    print(flag_counts(posts))
    spark.stop()
