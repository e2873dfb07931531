"""PySpark end to end on a large Parquet file of posts: the time of the whole job and the share
of it spent inside earshot (a measurement, not a test).

    cargo run --release --example synth_posts -- 10500000 42 > target/posts-1gb.txt   # ~1 GB
    python bindings/python/bench/spark_1gb.py target/posts-1gb.txt

Writes the texts as Parquet (``id``, ``text``; row groups of 128k rows) beside the input unless
it is there already (the data is generated, never committed), then runs the PySpark recipe
(examples/spark_recipe.py: ``mapInArrow`` with one earshot thread per task) on ``local[2]`` and
writes the results to Spark's ``noop`` sink, so that everything but storing them is timed:
reading the Parquet, Arrow batches to and from the Python workers, earshot, Spark's handling
of the results. Each task adds the seconds it spends in ``analyze_arrow`` to an accumulator;
the share is that sum over the job's wall time times the two cores.
"""

import os
import pathlib
import sys
import time

import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "examples"))

import earshot  # noqa: E402
import spark_recipe  # noqa: E402


def to_parquet(path: str) -> str:
    out = path + ".parquet"
    if not os.path.exists(out):
        with open(path, encoding="utf-8") as f:
            texts = f.read().splitlines()
        table = pa.table({"id": pa.array(range(len(texts)), pa.int64()), "text": texts})
        pq.write_table(table, out, row_group_size=128 * 1024)
    return out


def main(path: str) -> None:
    from pyspark.sql import SparkSession

    parquet = to_parquet(path)
    megabytes = os.path.getsize(path) / 1e6
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("earshot-bench")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    seconds_in_earshot = spark.sparkContext.accumulator(0.0)
    analyzer = earshot.Analyzer(threads=1)

    class Timed:
        """The analyzer, timing each call into the accumulator (pickled with the job)."""

        def __init__(self, analyzer, acc):
            self.analyzer, self.acc = analyzer, acc

        def analyze_arrow(self, texts):
            start = time.perf_counter()
            out = self.analyzer.analyze_arrow(texts)
            self.acc.add(time.perf_counter() - start)
            return out

    start = time.perf_counter()
    posts = spark_recipe.analyze_posts(spark, parquet, Timed(analyzer, seconds_in_earshot))
    posts.write.format("noop").mode("overwrite").save()
    wall = time.perf_counter() - start
    share = seconds_in_earshot.value / (wall * 2)
    print(f"{megabytes:.0f} MB of posts, local[2]: {wall:.1f} s end to end, "
          f"{megabytes / wall:.1f} MB/s; {seconds_in_earshot.value:.1f} s in earshot "
          f"= {share:.0%} of 2 cores x wall time")
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1])
