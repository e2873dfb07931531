"""earshot.Report: posts added one by one or as an Arrow array, merged, shipped as bytes and
pickled, read as a dict or a page; bad input raises a clear exception."""

import datetime
import pickle

import pyarrow as pa
import pytest

import earshot

TEXTS = [
    "Love the new update, works like a charm!",
    "The app crashes every time I open the camera, please fix",
    "My charger caught fire last night, I want a refund today",
    "Please add a dark mode",
    "How do I change my password?",
]


def test_one_post_at_a_time_counts_what_the_analyzer_finds():
    report = earshot.Report()
    for text in TEXTS:
        report.add(text)
    summary = report.summary()
    assert report.posts == summary["posts"] == len(TEXTS)
    want = {}
    for text in TEXTS:
        for c in earshot.analyze(text)["categories"]:
            want[c["label"]] = want.get(c["label"], 0) + 1
    assert {c["label"]: c["posts"] for c in summary["categories"]} == want
    assert summary["flags"][0]["label"] == "safety"
    assert "caught fire" in summary["urgent"]["items"][0]["text"]


def test_times_sources_and_metadata():
    report = earshot.Report()
    report.add(TEXTS[0], time="2026-11-23T09:00:00Z", source="twitter", author="ann", rating=5)
    report.add(TEXTS[1], time=1795428000, source="app_store", author="bo", title="Crash")
    report.add(TEXTS[2], time=datetime.datetime(2026, 11, 23, 11, 0), id="t-3")
    aware = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.timezone.utc)
    report.add(TEXTS[3], time=aware)
    summary = report.summary()
    assert summary["timed_posts"] == 4
    assert summary["first"] == "2026-11-23T09:00:00Z"
    # A naive datetime is UTC, as the report is.
    assert summary["last"] == "2026-11-23T12:00:00Z"
    assert {s["source"] for s in summary["sources"]} >= {"twitter", "app_store"}


def test_arrow_equals_one_at_a_time_in_every_layout():
    texts = TEXTS + [None, ""]
    alone = earshot.Report()
    for t in texts:
        if t is not None:
            alone.add(t)
    for layout in [pa.string(), pa.large_string(), pa.string_view()]:
        array = pa.array(["skip"] + texts, layout).slice(1)
        report = earshot.Report()
        report.add_arrow(array)
        assert report.summary() == alone.summary(), layout
    chunked = earshot.Report()
    chunked.add_arrow(pa.chunked_array([texts[:3], texts[3:]]), earshot.Analyzer(threads=2))
    assert chunked.summary() == alone.summary()


def test_merged_bytes_and_pickles_equal_one_pass():
    whole, parts = earshot.Report(), [earshot.Report(), earshot.Report(), earshot.Report()]
    for i, text in enumerate(TEXTS * 3):
        whole.add(text, source=["a", "b"][i % 2])
        parts[i % 3].add(text, source=["a", "b"][i % 2])
    driver = earshot.Report()
    driver.merge(earshot.Report.from_bytes(parts[0].to_bytes()))
    driver.merge(pickle.loads(pickle.dumps(parts[1])))
    driver.merge(parts[2])
    assert driver.posts == whole.posts == 15
    assert driver.summary() == whole.summary()
    # The same report gives the same bytes.
    assert earshot.Report.from_bytes(driver.to_bytes()).to_bytes() == driver.to_bytes()
    assert repr(driver) == "Report(posts=15)"


def test_analyzer_is_used():
    text = "The food was great"
    report = earshot.Report()
    report.add(text, analyzer=earshot.Analyzer(aspects=False))
    assert report.summary()["aspects"] == []
    report.add(text)
    assert [a["label"] for a in report.summary()["aspects"]] == ["food"]


def test_the_page():
    report = earshot.Report()
    report.add("<script>alert(1)</script> the app crashed")
    page = report.html()
    assert page.startswith("<!DOCTYPE html>")
    assert "<script>alert(1)</script>" not in page


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda r: earshot.Report.from_bytes(b"garbage"), earshot.EarshotError, "not a valid report state"),
        (lambda r: earshot.Report.from_bytes(r.to_bytes()[:100]), earshot.EarshotError, "not a valid report state"),
        (lambda r: earshot.Report.from_bytes("text"), TypeError, None),
        (lambda r: r.add("x", time="yesterday"), ValueError, "RFC 3339"),
        (lambda r: r.add("x", time=float("nan")), ValueError, "not a Unix time"),
        (lambda r: r.add("x", time=[1]), TypeError, "time must be"),
        (lambda r: r.add(3), TypeError, None),
        (lambda r: r.add_arrow(pa.array([1, 2])), TypeError, "expected an Arrow string array"),
        (lambda r: r.add_arrow(["a list"]), TypeError, "add_arrow takes an Arrow string array"),
        (lambda r: r.merge(r), ValueError, "into itself"),
        (lambda r: r.merge("report"), TypeError, None),
    ],
)
def test_bad_input_raises_a_clear_exception(call, error, words):
    report = earshot.Report()
    report.add("fine")
    with pytest.raises(error, match=words):
        call(report)
    assert report.posts == 1
