"""Recipe: the listening report of a PySpark job, built per partition and merged on the driver
(the same code runs on ``local[*]`` and on a cluster).

    python spark_report_recipe.py posts.parquet out/   # ``text``, optionally ``time``, ``source``, ``author``

Each task builds an :class:`earshot.Report` of its rows in ``mapInArrow`` (a report is bounded
in memory whatever the partition's size) and yields one row: the report's bytes
(``Report.to_bytes``). The driver reads those rows one at a time and merges them — merging in
any grouping gives the report of one pass over all posts — then writes ``report.json`` (the
summary) and ``report.html`` (the page).
"""

import json
import pathlib
import sys
from typing import Iterator, Optional

import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession

import earshot

# What a post's row may carry besides its text; the report uses those present.
META = ("time", "source", "author")


def partition_reports(
    posts: DataFrame, analyzer: Optional[earshot.Analyzer] = None
) -> DataFrame:
    """One row per partition of ``posts`` (a ``text`` column, and any of ``time``, ``source``,
    ``author``): ``state``, the bytes of the report of its posts."""
    analyzer = analyzer or earshot.Analyzer(threads=1)
    meta = [c for c in META if c in posts.columns]

    def build(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        report = earshot.Report()
        for batch in batches:
            if not meta:
                # Texts only: the batch's column as it is, analysed on this task's core.
                report.add_arrow(batch.column("text"), analyzer)
                continue
            for row in batch.to_pylist():
                if row["text"] is not None:
                    report.add(
                        row["text"], analyzer=analyzer, **{c: row[c] for c in meta}
                    )
        yield pa.RecordBatch.from_arrays(
            [pa.array([report.to_bytes()], pa.binary())], names=["state"]
        )

    return posts.select("text", *meta).mapInArrow(build, "state binary")


def merged_report(states: DataFrame) -> earshot.Report:
    """The partitions' reports merged on the driver, read one at a time (the driver holds
    one partition's report besides the merged one)."""
    report = earshot.Report()
    for row in states.toLocalIterator():
        report.merge(earshot.Report.from_bytes(bytes(row["state"])))
    return report


def write_report(report: earshot.Report, out: str) -> None:
    """``report.json`` and ``report.html`` in the folder ``out``."""
    folder = pathlib.Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(json.dumps(report.summary(), indent=2), encoding="utf-8")
    (folder / "report.html").write_text(report.html(), encoding="utf-8")


if __name__ == "__main__":
    spark = (
        SparkSession.builder.master("local[*]")
        .appName("earshot-report")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    report = merged_report(partition_reports(spark.read.parquet(sys.argv[1])))
    write_report(report, sys.argv[2])
    print(f"{report.posts} posts: {sys.argv[2]}/report.html")
    spark.stop()
