"""The Python calls against each other on the same texts (a measurement, not a test: the
machine's load moves it; run it a few times and give ranges).

    cargo run --release --example synth_posts -- 200000 42 > target/synth.txt
    python bindings/python/bench/bench_python.py target/synth.txt

Prints the best of five runs of ``analyze_arrow`` and ``sentiment_arrow`` on a pyarrow string
array, and of ``analyze_batch`` on a ``list[str]`` (which returns dicts), all on all cores.
Compare with ``bench_batch`` (adapters/arrow/examples) or ``bench_udf``
(adapters/datafusion/examples), which time the Rust batch API on the same texts.
"""

import sys
import time

import pyarrow as pa

import earshot

RUNS = 5


def best(run):
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main(path):
    with open(path, encoding="utf-8", newline="") as f:
        data = f.read()
    # Cut as Rust's str::lines cuts (at "\n" only, a trailing "\r" dropped), so that these
    # are the texts the Rust benches read (splitlines also breaks at U+2028 and others).
    texts = [line.removesuffix("\r") for line in data.split("\n")]
    if data.endswith("\n"):
        texts.pop()
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    analyzer = earshot.Analyzer()
    array = pa.array(texts, pa.string())
    print(f"{len(texts)} texts, {megabytes:.1f} MB, {analyzer.threads} threads")
    results = {}
    for name, run in [
        ("analyze_arrow (pyarrow string)", lambda: analyzer.analyze_arrow(array)),
        ("analyze_arrow (pyarrow string_view)", lambda: analyzer.analyze_arrow(array.cast(pa.string_view()))),
        ("sentiment_arrow (pyarrow string)", lambda: analyzer.sentiment_arrow(array)),
        ("analyze_batch (list[str] -> list[dict])", lambda: analyzer.analyze_batch(texts)),
    ]:
        results[name] = best(run)
        print(f"{name:<44} {results[name]:8.3f} s {megabytes / results[name]:7.1f} MB/s")
    ratio = results["analyze_batch (list[str] -> list[dict])"] / results["analyze_arrow (pyarrow string)"]
    print(f"list[str] call / Arrow call: {ratio:.2f}x the time")


if __name__ == "__main__":
    main(sys.argv[1])
