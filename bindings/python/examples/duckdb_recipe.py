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
import pyarrow as pa

import earshot


def duckdb_type(t: pa.DataType) -> "duckdb.sqltypes.DuckDBPyType":
    """The DuckDB type of an earshot result type (structs, lists, doubles, integers, strings),
    so that the UDFs declare exactly what ``analyze_arrow`` returns."""
    if pa.types.is_struct(t):
        return duckdb.struct_type({f.name: duckdb_type(f.type) for f in t})
    if pa.types.is_list(t):
        return duckdb.list_type(duckdb_type(t.value_type))
    names = {pa.float64(): "DOUBLE", pa.int64(): "BIGINT", pa.string(): "VARCHAR"}
    return duckdb.sqltype(names[t])


SENTIMENT = duckdb_type(earshot.sentiment_arrow_type())
# STRUCT(sentiment STRUCT(...), categories STRUCT(label, confidence, evidence)[],
#        risk STRUCT(urgency, flags STRUCT(...)[], route VARCHAR[]), aspects STRUCT(...)[])
ANALYSIS = duckdb_type(earshot.analysis_arrow_type())


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
            returns,
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


def urgent_posts(con: duckdb.DuckDBPyConnection, path: str, limit: int = 10) -> list:
    """The posts of the Parquet file at ``path`` to answer first (urgency >= 0.5), most urgent
    first, with their risk flags and the teams to notify."""
    return con.sql(
        f"SELECT text, a.risk.urgency AS urgency, "
        f"  list_transform(a.risk.flags, lambda f: f.label) AS flags, a.risk.route AS route "
        f"FROM (SELECT text, earshot_analyze(text) AS a FROM read_parquet('{path}')) "
        f"WHERE a.risk.urgency >= 0.5 ORDER BY urgency DESC, text LIMIT {int(limit)}"
    ).fetchall()


def aspect_sentiment(con: duckdb.DuckDBPyConnection, path: str) -> list:
    """Each aspect of the Parquet file at ``path``: how often it is named, and how often
    judged positively and negatively."""
    return con.sql(
        f"SELECT x.label AS aspect, count(*) AS n, "
        f"  count(*) FILTER (WHERE x.sentiment.label = 'positive') AS positive, "
        f"  count(*) FILTER (WHERE x.sentiment.label = 'negative') AS negative "
        f"FROM (SELECT unnest(earshot_analyze(text).aspects) AS x FROM read_parquet('{path}')) "
        f"GROUP BY 1 ORDER BY 1"
    ).fetchall()


if __name__ == "__main__":
    con = connect()
    print(label_counts(con, sys.argv[1]))
    print(category_counts(con, sys.argv[1]))
    print(urgent_posts(con, sys.argv[1]))
    print(aspect_sentiment(con, sys.argv[1]))
