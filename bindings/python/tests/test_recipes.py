"""Each recipe of the README (examples/) run for real on a small Parquet file, its results
checked against the dict API on the same texts."""

import collections

import pytest

import earshot


def expected_labels(posts_with_nulls):
    counts = collections.Counter(
        earshot.analyze(p)["sentiment"]["label"] for p in posts_with_nulls if p is not None
    )
    return counts


def expected_categories(posts_with_nulls):
    counts = collections.Counter()
    for p in posts_with_nulls:
        if p is not None:
            counts.update(c["label"] for c in earshot.analyze(p)["categories"])
    return counts


def test_polars_map_batches(posts_parquet, posts_with_nulls):
    import polars_recipe

    frame = polars_recipe.analyze_posts(posts_parquet)
    assert frame.height == len(posts_with_nulls)
    for text, compound, label, categories in frame.select(
        "text", "compound", "label", "categories"
    ).iter_rows():
        if text is None:
            assert (compound, label, categories) == (None, None, None)
            continue
        want = earshot.analyze(text)
        assert round(compound, 4) == want["sentiment"]["compound"]
        assert label == want["sentiment"]["label"]
        assert categories == [c["label"] for c in want["categories"]]


def test_duckdb_arrow_udf(posts_parquet, posts_with_nulls):
    import duckdb_recipe

    con = duckdb_recipe.connect()
    labels = dict(duckdb_recipe.label_counts(con, posts_parquet))
    nulls = labels.pop(None, 0)
    assert nulls == sum(p is None for p in posts_with_nulls)
    assert labels == expected_labels(posts_with_nulls)
    assert dict(duckdb_recipe.category_counts(con, posts_parquet)) == expected_categories(
        posts_with_nulls
    )


@pytest.fixture(scope="module")
def spark():
    import os
    import sys

    from pyspark.sql import SparkSession

    # Spark on this machine only: bound to the loopback address, no web UI; its Python
    # workers run this interpreter (the one with earshot and pyarrow installed).
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("earshot-tests")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_pyspark_map_in_arrow(spark, posts_parquet, posts_with_nulls):
    import spark_recipe

    posts = spark_recipe.analyze_posts(spark, posts_parquet)
    rows = {r["id"]: r["analysis"] for r in posts.collect()}
    assert len(rows) == len(posts_with_nulls)
    for i, text in enumerate(posts_with_nulls):
        if text is None:
            assert rows[i] is None
            continue
        want = earshot.analyze(text)
        got = rows[i].asDict(recursive=True)
        assert round(got["sentiment"]["compound"], 4) == want["sentiment"]["compound"]
        assert [c["label"] for c in got["categories"]] == [c["label"] for c in want["categories"]]
    labels = dict(spark_recipe.label_counts(posts))
    labels.pop(None, None)
    assert labels == expected_labels(posts_with_nulls)
