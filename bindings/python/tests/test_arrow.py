"""analyze_arrow and sentiment_arrow: every string layout, nulls, slices and chunks, through
the Arrow PyCapsule interface; results equal to the dict API in every part (sentiment,
categories, risk, aspects; at full precision: the dicts round to the command line's decimals),
and clear errors for what is not a string array."""

import pickle

import pyarrow as pa
import pytest

import earshot

LAYOUTS = [pa.string(), pa.large_string(), pa.string_view()]


def rounded_categories(categories):
    return [
        {
            "label": c["label"],
            "confidence": round(c["confidence"], 3),
            "evidence": c["evidence"],
        }
        for c in categories
    ]


def rounded(row):
    """An analyze_arrow row as the dict API gives it: rounded as the command line rounds
    (valences at 4 decimals, proportions, confidences and urgency at 3)."""
    s = row["sentiment"]
    risk = row["risk"]
    return {
        "sentiment": {
            "compound": round(s["compound"], 4),
            **{k: round(s[k], 3) for k in ["positive", "negative", "neutral"]},
            "label": s["label"],
        },
        "categories": rounded_categories(row["categories"]),
        "risk": {
            "urgency": round(risk["urgency"], 3),
            "flags": rounded_categories(risk["flags"]),
            "route": risk["route"],
        },
        "aspects": [
            {
                "label": x["label"],
                "sentiment": {
                    "compound": round(x["sentiment"]["compound"], 4),
                    "label": x["sentiment"]["label"],
                },
                "evidence": x["evidence"],
            }
            for x in row["aspects"]
        ],
    }


def test_the_struct_has_the_dict_apis_keys_in_order():
    t = earshot.analysis_arrow_type()
    assert [f.name for f in t] == ["sentiment", "categories", "risk", "aspects"]
    risk = t.field("risk").type
    assert [f.name for f in risk] == ["urgency", "flags", "route"]
    assert risk.field("flags").type == t.field("categories").type
    category = t.field("categories").type.value_type
    assert [f.name for f in category.field("evidence").type.value_type] == [
        "start", "end", "text", "sentence"
    ]
    assert risk.field("route").type.value_type == pa.string()
    aspect = t.field("aspects").type.value_type
    assert [f.name for f in aspect] == ["label", "sentiment", "evidence"]
    assert [f.name for f in aspect.field("evidence").type.value_type] == [
        "start", "end", "text", "role"
    ]
    text = "My charger caught fire, and the battery is awful"
    row = earshot.Analyzer().analyze_arrow(pa.array([text])).to_pylist()[0]
    assert list(row) == list(earshot.analyze(text))
    assert row["risk"]["flags"][0]["label"] == "safety"
    assert {x["label"] for x in row["aspects"]} >= {"battery"}


@pytest.mark.parametrize("layout", LAYOUTS, ids=str)
def test_every_layout_equals_the_dict_api_with_nulls(layout, posts_with_nulls):
    analyzer = earshot.Analyzer()
    array = pa.array(posts_with_nulls, layout)
    out = analyzer.analyze_arrow(array)
    assert isinstance(out, pa.StructArray)
    assert out.type == earshot.analysis_arrow_type()
    assert out.null_count == array.null_count > 0
    for text, row in zip(posts_with_nulls, out.to_pylist()):
        if text is None:
            assert row is None
        else:
            assert rounded(row) == analyzer.analyze(text)
    sentiment = analyzer.sentiment_arrow(array)
    assert sentiment.type == earshot.sentiment_arrow_type()
    assert sentiment.to_pylist() == [None if r is None else r["sentiment"] for r in out.to_pylist()]


@pytest.mark.parametrize("layout", LAYOUTS, ids=str)
def test_slices_read_their_own_rows(layout, posts_with_nulls):
    analyzer = earshot.Analyzer()
    array = pa.array(posts_with_nulls, layout)
    whole = analyzer.analyze_arrow(array).to_pylist()
    for offset, length in [(1, 10), (3, 1), (5, 0), (17, len(posts_with_nulls) - 17)]:
        part = analyzer.analyze_arrow(array.slice(offset, length)).to_pylist()
        assert part == whole[offset : offset + length], (offset, length)


def test_chunked_arrays_and_polars_series(posts_with_nulls):
    import polars as pl

    analyzer = earshot.Analyzer()
    whole = analyzer.analyze_arrow(pa.array(posts_with_nulls)).to_pylist()
    chunked = pa.chunked_array([posts_with_nulls[:50], posts_with_nulls[50:]], pa.large_string())
    out = analyzer.analyze_arrow(chunked)
    assert isinstance(out, pa.ChunkedArray) and out.num_chunks == 2
    assert out.to_pylist() == whole
    series = pl.Series(posts_with_nulls)
    assert analyzer.analyze_arrow(series).to_pylist() == whole
    assert analyzer.analyze_arrow(pa.chunked_array([], pa.string())).to_pylist() == []


def test_empty_and_all_null_arrays():
    analyzer = earshot.Analyzer()
    assert analyzer.analyze_arrow(pa.array([], pa.string())).to_pylist() == []
    assert analyzer.analyze_arrow(pa.array([None, None], pa.string_view())).to_pylist() == [None, None]
    empty = analyzer.analyze_arrow(pa.array([""])).to_pylist()[0]
    assert empty["sentiment"]["label"] == "neutral" and empty["categories"] == []
    assert empty["risk"]["flags"] == [] and empty["risk"]["route"] == [] and empty["aspects"] == []


def test_threads_do_not_change_results(posts):
    texts = pa.array(posts * 3)
    one = earshot.Analyzer(threads=1).analyze_arrow(texts)
    many = earshot.Analyzer(threads=4).analyze_arrow(texts)
    assert one.equals(many)


def test_pickled_analyzer_gives_the_same_arrays(posts):
    texts = pa.array(posts)
    for analyzer in [
        earshot.Analyzer("vader", neutral_band=0.1),
        earshot.Analyzer(risk=False, aspects=False),
    ]:
        copy = pickle.loads(pickle.dumps(analyzer))
        assert repr(copy) == repr(analyzer)
        assert copy.analyze_arrow(texts).equals(analyzer.analyze_arrow(texts))


def test_stages_switched_off_give_empty_columns(posts):
    texts = pa.array(posts)
    full = earshot.Analyzer().analyze_arrow(texts).to_pylist()
    off = earshot.Analyzer(risk=False, aspects=False).analyze_arrow(texts).to_pylist()
    assert any(r["risk"]["flags"] for r in full) and any(r["aspects"] for r in full)
    for a, b in zip(full, off):
        assert b["risk"] == {"urgency": 0.0, "flags": [], "route": []} and b["aspects"] == []
        assert (b["sentiment"], b["categories"]) == (a["sentiment"], a["categories"])


@pytest.mark.parametrize(
    "data, error, words",
    [
        (pa.array([1, 2]), TypeError, ["string array", "int64"]),
        (pa.array([b"bytes"]), TypeError, ["string array", "binary"]),
        (pa.array([["a"]]), TypeError, ["string array"]),
        (["a", "b"], TypeError, ["Arrow string array", "list", "analyze_batch"]),
        ("a text", TypeError, ["Arrow string array", "str"]),
        (None, TypeError, ["Arrow string array", "NoneType"]),
    ],
)
def test_what_is_not_a_string_array_is_a_type_error(data, error, words):
    with pytest.raises(error) as info:
        earshot.Analyzer().analyze_arrow(data)
    for word in words:
        assert word.lower() in str(info.value).lower()


def test_invalid_utf8_is_a_value_error_not_a_crash():
    # Bytes viewed as strings without validation: what a careless producer could send.
    bad = pa.Array.from_buffers(
        pa.string(), 2, [None, pa.py_buffer(b"\x00\x00\x00\x00\x02\x00\x00\x00\x03\x00\x00\x00"), pa.py_buffer(b"ok\xff")]
    )
    with pytest.raises(ValueError) as info:
        earshot.Analyzer().analyze_arrow(bad)
    assert "text 1" in str(info.value) and "UTF-8" in str(info.value)


def test_the_gil_is_released_during_an_arrow_batch(posts):
    import threading
    import time

    texts = pa.array(posts * 40)
    analyzer = earshot.Analyzer(threads=1)
    ticks, done = [], threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    ticker = threading.Thread(target=tick)
    ticker.start()
    time.sleep(0.01)
    start = time.perf_counter()
    analyzer.analyze_arrow(texts)
    end = time.perf_counter()
    done.set()
    ticker.join()
    assert [t for t in ticks if start < t < end], f"no tick in {end - start:.3f} s"
