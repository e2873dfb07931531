#!/usr/bin/env python3
"""What a review's title and star rating add to its categories, measured through the command line.

../shared/tools/evaluate.py sends each review's text alone. The app-review sets also give a
title (Maalej et al.) and a star rating (Maalej et al., CLAP): this script sends them as the
optional `title` and `rating` fields of `earshot analyze --jsonl`, four ways (text only, with the
title, with the rating, with both), and reports precision, recall and F1 of the same labels
evaluate.py scores (Maalej Bug -> problem, Feature -> idea; CLAP bug -> problem, feature -> idea).

usage: python3 scripts/eval_context.py [--cmd 'target/release/earshot analyze']
       (Python 3 standard library only; build with `cargo build --release --features cli`)
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL = os.path.join(os.path.dirname(ROOT), "shared", "evaldata")

# set, file, stars field, title field, [(figure, gold row -> bool, earshot label)]
SETS = [
    ("maalej", "maalej_app_reviews/app_reviews_multilabel.tsv", "stars", "title", [
        ("maalej Bug -> problem", lambda r: "Bug" in r["labels"].split(","), "problem"),
        ("maalej Feature -> idea", lambda r: "Feature" in r["labels"].split(","), "idea"),
    ]),
    ("clap", "app_reviews_clap/reviews.tsv", "stars", None, [
        ("clap bug -> problem", lambda r: r["label"] == "bug", "problem"),
        ("clap feature -> idea", lambda r: r["label"] == "feature", "idea"),
    ]),
]


def read_tsv(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    head = lines[0].split("\t")
    return [dict(zip(head, l.split("\t"))) for l in lines[1:] if l]


def labels(cmd, records):
    """The labels earshot gives each record (JSON lines through `cmd --jsonl`)."""
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"
    p = subprocess.run(cmd + " --jsonl", shell=True, input=lines.encode(), capture_output=True)
    if p.returncode != 0:
        sys.exit(f"analyzer failed ({p.returncode}): {p.stderr.decode(errors='replace')[-500:]}")
    out = [json.loads(l) for l in p.stdout.decode().split("\n") if l.strip()]
    assert len(out) == len(records)
    return [{c["label"] for c in o.get("categories", [])} for o in out]


def prf(gold, pred):
    tp = sum(g and p for g, p in zip(gold, pred))
    fp = sum(p and not g for g, p in zip(gold, pred))
    fn = sum(g and not p for g, p in zip(gold, pred))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    ap = argparse.ArgumentParser()
    target = os.path.join(ROOT, os.environ.get("CARGO_TARGET_DIR", "target"))
    ap.add_argument("--cmd", default=os.path.join(target, "release", "earshot") + " analyze")
    a = ap.parse_args()
    print("| figure | text only | + title | + rating | + title and rating |")
    print("|---|---|---|---|---|")
    for _name, file, stars, title, figures in SETS:
        rows = read_tsv(os.path.join(EVAL, file))
        ways = [(False, False), (True, False), (False, True), (True, True)]
        if title is None:
            ways = [(False, False), (False, True)]
        found = {}
        for use_title, use_rating in ways:
            records = []
            for r in rows:
                rec = {"text": r["text"]}
                if use_title and r.get(title, "").strip():
                    rec["title"] = r[title]
                if use_rating and r.get(stars, "").strip():
                    rec["rating"] = float(r[stars])
                records.append(rec)
            found[(use_title, use_rating)] = labels(a.cmd, records)
        for figure, gold_of, label in figures:
            gold = [gold_of(r) for r in rows]
            cells = []
            for way in [(False, False), (True, False), (False, True), (True, True)]:
                if way not in found:
                    cells.append("–")
                    continue
                p, r, f = prf(gold, [label in got for got in found[way]])
                cells.append(f"{p:.3f} / {r:.3f} / **{f:.3f}**")
            print(f"| {figure} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
