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
    columns = ["text", "compound", "label", "categories", "urgency", "flags", "aspects"]
    for text, compound, label, categories, urgency, flags, aspects in frame.select(
        columns
    ).iter_rows():
        if text is None:
            assert (compound, label, categories, urgency, flags, aspects) == (None,) * 6
            continue
        want = earshot.analyze(text)
        assert round(compound, 4) == want["sentiment"]["compound"]
        assert label == want["sentiment"]["label"]
        assert categories == [c["label"] for c in want["categories"]]
        assert round(urgency, 3) == want["risk"]["urgency"]
        assert flags == [f["label"] for f in want["risk"]["flags"]]
        assert aspects == [x["label"] for x in want["aspects"]]
    assert frame["flags"].list.len().sum() > 0 and frame["aspects"].list.len().sum() > 0


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
    analyses = {p: earshot.analyze(p) for p in posts_with_nulls if p is not None}
    urgent = sorted(
        ((a["risk"]["urgency"], p) for p, a in analyses.items() if a["risk"]["urgency"] >= 0.5),
        key=lambda x: (-x[0], x[1]),
    )
    got = duckdb_recipe.urgent_posts(con, posts_parquet, limit=len(analyses))
    assert urgent, "the corpus has urgent posts"
    # Texts that repeat in the corpus appear once per row.
    assert sorted({(round(u, 3), t) for t, u, _, _ in got}, key=lambda x: (-x[0], x[1])) == urgent
    for text, _, flags, route in got:
        risk = analyses[text]["risk"]
        assert (flags, route) == ([f["label"] for f in risk["flags"]], risk["route"])
    want_aspects = collections.defaultdict(lambda: [0, 0, 0])
    for p in posts_with_nulls:
        for x in [] if p is None else analyses[p]["aspects"]:
            counts = want_aspects[x["label"]]
            counts[0] += 1
            counts[1] += x["sentiment"]["label"] == "positive"
            counts[2] += x["sentiment"]["label"] == "negative"
    rows = duckdb_recipe.aspect_sentiment(con, posts_parquet)
    got = {a: [n, pos, neg] for a, n, pos, neg in rows}
    assert got == dict(want_aspects)


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
        assert round(got["risk"]["urgency"], 3) == want["risk"]["urgency"]
        assert got["risk"]["route"] == want["risk"]["route"]
        assert [x["label"] for x in got["aspects"]] == [x["label"] for x in want["aspects"]]
        assert [e["role"] for x in got["aspects"] for e in x["evidence"]] == [
            e["role"] for x in want["aspects"] for e in x["evidence"]
        ]
    labels = dict(spark_recipe.label_counts(posts))
    labels.pop(None, None)
    assert labels == expected_labels(posts_with_nulls)
    flags = collections.Counter(
        f["label"]
        for p in posts_with_nulls
        if p is not None
        for f in earshot.analyze(p)["risk"]["flags"]
    )
    assert flags and dict(spark_recipe.flag_counts(posts)) == flags


@pytest.fixture(scope="module")
def posts_with_meta_parquet(tmp_path_factory, posts_with_nulls):
    """The corpus with a time (ten minutes apart, UTC) and a source per post."""
    import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    start = datetime.datetime(2026, 11, 2, tzinfo=datetime.timezone.utc)
    times = [start + datetime.timedelta(minutes=10 * i) for i in range(len(posts_with_nulls))]
    sources = [["twitter", "app_store", "email"][i % 3] for i in range(len(posts_with_nulls))]
    table = pa.table(
        {
            "text": posts_with_nulls,
            "time": pa.array(times, pa.timestamp("s", tz="UTC")),
            "source": sources,
        }
    )
    path = tmp_path_factory.mktemp("parquet") / "posts_meta.parquet"
    pq.write_table(table, path, row_group_size=100)
    return str(path), times, sources


@pytest.mark.parametrize("with_meta", [False, True], ids=["texts", "time-and-source"])
def test_pyspark_report_per_partition_merged_on_the_driver(
    spark, posts_parquet, posts_with_meta_parquet, posts_with_nulls, tmp_path, with_meta
):
    import json

    import spark_report_recipe

    path, times, sources = posts_with_meta_parquet
    frame = spark.read.parquet(path if with_meta else posts_parquet).repartition(3)
    states = spark_report_recipe.partition_reports(frame)
    assert states.count() == 3
    report = spark_report_recipe.merged_report(states)
    spark_report_recipe.write_report(report, str(tmp_path))

    # The same posts in one process, one at a time.
    alone = earshot.Report()
    for i, text in enumerate(posts_with_nulls):
        if text is not None:
            meta = {"time": times[i], "source": sources[i]} if with_meta else {}
            alone.add(text, **meta)
    texts = [p for p in posts_with_nulls if p is not None]
    assert report.posts == alone.posts == len(texts)
    got, want = report.summary(), alone.summary()
    assert {c["label"]: c["posts"] for c in got["categories"]} == expected_categories(
        posts_with_nulls
    )
    assert {c["label"]: c["posts"] for c in got["categories"]} == {
        c["label"]: c["posts"] for c in want["categories"]
    }
    assert got["limits"]["term_error"] == 0, "no table was pruned: merging is exact"
    assert got == want
    if with_meta:
        assert {s["source"] for s in got["sources"]} == {"twitter", "app_store", "email"}
        assert got["timed_posts"] == len(texts)
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8")) == got
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
