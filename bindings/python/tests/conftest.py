"""Shared fixtures: the repository's corpus (data/posts.txt, data/reviews.txt) as texts and as
a small Parquet file, and the recipes (examples/) importable as modules."""

import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "examples"))


@pytest.fixture(scope="session")
def posts():
    """Every line of both corpora."""
    lines = []
    for name in ["posts.txt", "reviews.txt"]:
        lines += (ROOT / "data" / name).read_text(encoding="utf-8").splitlines()
    return lines


@pytest.fixture(scope="session")
def posts_with_nulls(posts):
    """The corpus with a null every seventh row."""
    return [None if i % 7 == 3 else p for i, p in enumerate(posts)]


@pytest.fixture(scope="session")
def posts_parquet(tmp_path_factory, posts_with_nulls):
    """A Parquet file of ``id`` and ``text`` (with nulls), in several row groups."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {"id": pa.array(range(len(posts_with_nulls)), pa.int64()), "text": posts_with_nulls}
    )
    path = tmp_path_factory.mktemp("parquet") / "posts.parquet"
    pq.write_table(table, path, row_group_size=100)
    return str(path)
