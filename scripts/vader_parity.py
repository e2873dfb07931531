#!/usr/bin/env python3
"""Compare earshot's VADER preset with vaderSentiment 3.3.2 (the Python reference) text by text.

Texts: every sentiment set in ../shared/evaldata (when present beside the repo) and the
synthetic corpus the repo generates with a fixed seed (examples/synth_posts.rs).

A text matches when compound (4 decimals) and pos/neg/neu (3 decimals) are all equal, the
precision vaderSentiment itself rounds to.

usage: python3 scripts/vader_parity.py [--synthetic N] [--seed S] [--diffs FILE]
  Builds target/release/earshot and the generator, creates a virtualenv with vaderSentiment
  3.3.2 in target/vader-venv on first use (needs PyPI), prints one line per corpus.
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL = os.path.join(os.path.dirname(ROOT), "shared", "evaldata")
VENV = os.path.join(ROOT, "target", "vader-venv")
SETS = [
    ("tweeteval test", "tweeteval_sentiment/test.tsv"),
    ("tweeteval val", "tweeteval_sentiment/val.tsv"),
    ("airline", "airline_tweets/airline_sentiment.tsv"),
    ("sentiment140", "sentiment140_test/test.tsv"),
    ("sst2 test", "sst/sst2_test.tsv"),
    ("sst2 dev", "sst/sst2_dev.tsv"),
    ("sst5 test", "sst/sst5_test.tsv"),
    ("sst5 dev", "sst/sst5_dev.tsv"),
]

# Runs inside the virtualenv: texts as JSON lines on stdin, scores as JSON lines on stdout.
REFERENCE = r"""
import json, sys
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
a = SentimentIntensityAnalyzer()
for line in sys.stdin:
    print(json.dumps(a.polarity_scores(json.loads(line))))
"""


def venv_python():
    py = os.path.join(VENV, "bin", "python")
    if not os.path.exists(py):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([py, "-m", "pip", "install", "-q", "vaderSentiment==3.3.2"], check=True)
    return py


def read_texts(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    head = lines[0].split("\t")
    col = head.index("text")
    return [l.split("\t")[col] for l in lines[1:] if l]


def reference(texts):
    p = subprocess.run([venv_python(), "-c", REFERENCE], check=True, capture_output=True,
                       input="\n".join(json.dumps(t) for t in texts).encode() + b"\n")
    return [json.loads(l) for l in p.stdout.decode().split("\n") if l]


def earshot(texts):
    binary = os.path.join(ROOT, "target", "release", "earshot")
    p = subprocess.run([binary, "analyze", "--preset", "vader"], check=True, capture_output=True,
                       input="\n".join(texts).encode() + b"\n")
    return [json.loads(l)["sentiment"] for l in p.stdout.decode().split("\n") if l]


def same(r, e):
    return (round(r["compound"], 4) == round(e["compound"], 4) and r["pos"] == e["positive"]
            and r["neg"] == e["negative"] and r["neu"] == e["neutral"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--synthetic", type=int, default=50_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--diffs", default=os.path.join(ROOT, "target", "vader-parity-diffs.tsv"))
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "-q", "--release", "--features", "cli", "--bin", "earshot", "--example", "synth_posts"],
                   cwd=ROOT, check=True)
    corpora = [(name, read_texts(os.path.join(EVAL, rel))) for name, rel in SETS
               if os.path.exists(os.path.join(EVAL, rel))]
    gen = subprocess.run([os.path.join(ROOT, "target", "release", "examples", "synth_posts"),
                          str(args.synthetic), str(args.seed)], check=True, capture_output=True)
    corpora.append((f"synthetic ({args.synthetic}, seed {args.seed})", gen.stdout.decode().split("\n")[:-1]))
    total = matched = 0
    with open(args.diffs, "w", encoding="utf-8") as diffs:
        diffs.write("corpus\tpython\tearshot\ttext\n")
        for name, texts in corpora:
            ref, ours = reference(texts), earshot(texts)
            assert len(ref) == len(ours) == len(texts), name
            ok = sum(same(r, e) for r, e in zip(ref, ours))
            flips = sum((r["compound"] > 0) != (e["compound"] > 0) and r["compound"] * e["compound"] != 0
                        for r, e in zip(ref, ours))
            for t, r, e in zip(texts, ref, ours):
                if not same(r, e):
                    diffs.write(f"{name}\t{r}\t{e}\t{t}\n")
            total += len(texts)
            matched += ok
            print(f"{name:32} {len(texts):7} texts  {100 * ok / len(texts):8.3f}% identical  {flips} sign flips",
                  flush=True)
    print(f"{'all':32} {total:7} texts  {100 * matched / total:8.3f}% identical   (differences: {args.diffs})")


if __name__ == "__main__":
    main()
