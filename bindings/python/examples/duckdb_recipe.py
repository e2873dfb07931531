"""Recipe: earshot in DuckDB, as Arrow UDFs called from SQL.

    python duckdb_recipe.py posts.parquet   # a Parquet file with a ``text`` column

DuckDB hands an Arrow UDF whole vectors of rows as Arrow arrays; ``analyze_arrow`` and
``sentiment_arrow`` take them as they are and return struct arrays, which SQL takes apart with
``.field`` and ``unnest``. (The functions are registered as ``earshot_*``: ``ANALYZE`` is an SQL
keyword.)
"""

import sys
from typing import Optional

import duckdb

import earshot

SENTIMENT = (
    "STRUCT(compound DOUBLE, positive DOUBLE, negative DOUBLE, neutral DOUBLE, label VARCHAR)"
)
ANALYSIS = (
    f"STRUCT(sentiment {SENTIMENT}, categories STRUCT(label VARCHAR, confidence DOUBLE, "
    'evidence STRUCT(start BIGINT, "end" BIGINT, text VARCHAR)[])[])'
)


def connect(analyzer: Optional[earshot.Analyzer] = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with ``earshot_sentiment(text)`` and ``earshot_analyze(text)``."""
    analyzer = analyzer or earshot.Analyzer()
    con = duckdb.connect()
    for name, function, returns in [
        ("earshot_sentiment", analyzer.sentiment_arrow, SENTIMENT),
        ("earshot_analyze", analyzer.analyze_arrow, ANALYSIS),
    ]:
        con.create_function(
            name,
            function,
            [duckdb.sqltype("VARCHAR")],
            duckdb.sqltype(returns),
            type="arrow",
            null_handling="special",  # null texts reach earshot, which returns null rows
        )
    return con


def label_counts(con: duckdb.DuckDBPyConnection, path: str) -> list:
    """How many posts of the Parquet file at ``path`` have each sentiment label."""
    return con.sql(
        f"SELECT earshot_sentiment(text).label AS label, count(*) AS n "
        f"FROM read_parquet('{path}') GROUP BY 1 ORDER BY 1"
    ).fetchall()


def category_counts(con: duckdb.DuckDBPyConnection, path: str) -> list:
    """How many posts of the Parquet file at ``path`` carry each feedback category."""
    return con.sql(
        f"SELECT c.label AS category, count(*) AS n FROM ("
        f"  SELECT unnest(earshot_analyze(text).categories) AS c FROM read_parquet('{path}')"
        f") GROUP BY 1 ORDER BY 1"
    ).fetchall()


if __name__ == "__main__":
    con = connect()
    print(label_counts(con, sys.argv[1]))
    print(category_counts(con, sys.argv[1]))
