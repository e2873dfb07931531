"""The dict API: earshot.sentiment, earshot.analyze and Analyzer's methods give what the
command line prints (the Rust API's results), and bad input raises a clear exception."""

import json
import os
import pathlib
import pickle
import subprocess
import threading
import time

import pytest

import earshot


def cli_results(texts, *args):
    """What the ``earshot`` command line (the Rust API) prints for ``texts``, when CI has
    built it (EARSHOT_CLI); None otherwise."""
    cli = os.environ.get("EARSHOT_CLI")
    if not cli:
        return None
    out = subprocess.run(
        [cli, "analyze", *args],
        input="\n".join(texts) + "\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines()]


def test_module_functions_have_the_cli_shape():
    s = earshot.sentiment("I hate waiting on hold")
    assert list(s) == ["compound", "positive", "negative", "neutral", "label"]
    assert s["label"] == "negative" and s["compound"] < 0
    a = earshot.analyze("The app keeps crashing")
    assert list(a) == ["sentiment", "categories", "risk", "aspects"]
    problem = next(c for c in a["categories"] if c["label"] == "problem")
    assert problem["evidence"][0] == {
        "start": 8, "end": 22, "text": "keeps crashing", "sentence": 0
    }
    assert list(a["risk"]) == ["urgency", "flags", "route"]
    food = earshot.analyze("The food was great but the service was painfully slow")["aspects"][0]
    assert list(food) == ["label", "sentiment", "evidence"]
    assert food["sentiment"]["label"] == "positive"
    assert food["evidence"] == [
        {"start": 4, "end": 8, "text": "food", "role": "term"},
        {"start": 13, "end": 18, "text": "great", "role": "opinion"},
    ]
    # A near miss: praise has no problem.
    assert all(c["label"] != "problem" for c in earshot.analyze("Works great")["categories"])


@pytest.mark.parametrize(
    "text, flag",
    [
        ("My charger caught fire last night, I want a refund today", "safety"),
        ("Someone used my card without my permission", "security"),
        # Near misses: a figurative fire, a card used as meant.
        ("This new album is fire", None),
        ("I used my card to pay, all good", None),
    ],
)
def test_risk_flags_and_routes_in_the_dict(text, flag):
    risk = earshot.analyze(text)["risk"]
    flags = [f["label"] for f in risk["flags"]]
    if flag is None:
        assert flags == [] and not {"safety", "security"} & set(risk["route"])
    else:
        assert flags[0] == flag and risk["route"][0] == flag


def test_stages_can_be_switched_off():
    text = "My charger caught fire and the battery is awful"
    full = earshot.Analyzer().analyze(text)
    assert full["risk"]["flags"] and full["aspects"]
    off = earshot.Analyzer(categories=False, risk=False, aspects=False).analyze(text)
    assert off == {
        "sentiment": full["sentiment"],
        "categories": [],
        "risk": {"urgency": 0.0, "flags": [], "route": []},
        "aspects": [],
    }


def test_results_equal_the_command_line(posts):
    want = cli_results(posts)
    if want is None:
        pytest.skip("EARSHOT_CLI not set (CI sets it)")
    assert [earshot.analyze(p) for p in posts] == want
    assert earshot.Analyzer().analyze_batch(posts) == want
    vader = cli_results(posts, "--preset", "vader")
    assert earshot.Analyzer("vader").analyze_batch(posts) == vader


def test_batch_equals_one_by_one_and_keeps_order(posts):
    analyzer = earshot.Analyzer()
    assert analyzer.analyze_batch(posts) == [analyzer.analyze(p) for p in posts]
    assert analyzer.analyze_batch([]) == []


def test_lexicon_and_config_files(tmp_path):
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text("laggy\t-2.5\n", encoding="utf-8")
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"competitors": ["Globex"]}), encoding="utf-8")
    plain = earshot.Analyzer("vader")
    mine = earshot.Analyzer("vader", lexicon=[str(lexicon)], config=config)
    assert plain.sentiment("so laggy")["compound"] == 0.0
    assert mine.sentiment("so laggy")["compound"] < 0
    labels = [c["label"] for c in mine.analyze("thinking about Globex")["categories"]]
    assert "competitor" in labels
    assert "competitor" not in [c["label"] for c in plain.analyze("thinking about Globex")["categories"]]


def test_pickled_analyzers_are_rebuilt_without_their_files(tmp_path, posts):
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text("laggy\t-2.5\n", encoding="utf-8")
    analyzer = earshot.Analyzer("vader", lexicon=lexicon, neutral_band=0.2, threads=1)
    data = pickle.dumps(analyzer)
    lexicon.unlink()  # a worker has none of the driver's files
    copy = pickle.loads(data)
    assert (copy.preset, copy.neutral_band, copy.threads) == ("vader", 0.2, 1)
    assert copy.sentiment("so laggy") == analyzer.sentiment("so laggy")
    assert copy.analyze_batch(posts) == analyzer.analyze_batch(posts)


@pytest.mark.parametrize(
    "make, error, words",
    [
        (lambda d: earshot.Analyzer(lexicon=d / "missing.tsv"), FileNotFoundError, ["missing.tsv"]),
        (lambda d: earshot.Analyzer(config=[d / "nope.json"]), FileNotFoundError, ["nope.json"]),
        (lambda d: earshot.Analyzer(lexicon=d / "bad.tsv"), earshot.EarshotError, ["bad.tsv:2", "very bad"]),
        (lambda d: earshot.Analyzer(config=d / "bad.json"), earshot.EarshotError, ["bad.json:1"]),
        (lambda d: earshot.Analyzer("nltk"), ValueError, ["unknown preset", "nltk"]),
        (lambda d: earshot.Analyzer(neutral_band=2.0), ValueError, ["neutral band"]),
        (lambda d: earshot.Analyzer(lexicon=3), TypeError, ["path"]),
        (lambda d: earshot.analyze(None), TypeError, []),
        (lambda d: earshot.Analyzer().analyze_batch(["ok", 3]), TypeError, []),
    ],
)
def test_bad_input_raises_a_clear_exception(tmp_path, make, error, words):
    (tmp_path / "bad.tsv").write_text("great\t3.1\nawful\tvery bad\n", encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"categories": 3}', encoding="utf-8")
    with pytest.raises(error) as info:
        make(tmp_path)
    for word in words:
        assert word in str(info.value)


def test_earshot_error_is_a_value_error():
    assert issubclass(earshot.EarshotError, ValueError)


def test_the_gil_is_released_during_a_batch(posts):
    """Another Python thread runs while a batch is analysed (it could not with the GIL held)."""
    texts = posts * 40
    analyzer = earshot.Analyzer(threads=1)
    ticks = []
    done = threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    ticker = threading.Thread(target=tick)
    ticker.start()
    time.sleep(0.01)
    start = time.perf_counter()
    analyzer.analyze_batch(texts)
    end = time.perf_counter()
    done.set()
    ticker.join()
    during = [t for t in ticks if start < t < end]
    assert during, f"no tick in the {end - start:.3f} s of the batch"
