#!/usr/bin/env python3
"""Recompute the expected numbers of tests/data/vader_golden.tsv with vaderSentiment 3.3.2.

The table pins earshot's VADER preset (`Analyzer::vader()`, checked by tests/vader_golden.rs)
to the Python reference, one hand-written sentence per rule or edge case. Its columns are

    rule  text  compound  positive  negative  neutral

This script reads only the `rule` and `text` columns (any numbers already there are ignored,
so new rows may be added with just `rule<TAB>text`), runs vaderSentiment's
`SentimentIntensityAnalyzer().polarity_scores(text)` on each text and rewrites the file in
place with the four numbers as Python prints them (`repr` of the rounded floats VADER
returns: compound to 4 decimals, the proportions to 3). The file stays UTF-8 with LF line
ends; texts must not contain TAB, LF or CR.

usage (from anywhere):
    python3 scripts/vader_golden.py [--check]

The reference must be installed in the virtualenv target/vader-venv (scripts/vader_parity.py
creates it: `python3 -m venv target/vader-venv && target/vader-venv/bin/pip install
vaderSentiment==3.3.2`). When started by another interpreter the script re-executes itself
with target/vader-venv/bin/python. With --check it rewrites nothing and exits 1 if the file
differs from what it would write.
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(ROOT, "tests", "data", "vader_golden.tsv")
VENV_PYTHON = os.path.join(ROOT, "target", "vader-venv", "bin", "python")
HEADER = ["rule", "text", "compound", "positive", "negative", "neutral"]
VERSION = "3.3.2"


def reexec_in_venv():
    """Run this script under the virtualenv's interpreter unless it already is."""
    if os.path.realpath(sys.prefix) == os.path.realpath(os.path.dirname(os.path.dirname(VENV_PYTHON))):
        return
    if not os.path.exists(VENV_PYTHON):
        sys.exit(f"error: {VENV_PYTHON} not found; create it with vaderSentiment=={VERSION} "
                 "(see scripts/vader_parity.py)")
    os.execv(VENV_PYTHON, [VENV_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        data = f.read()
    if "\r" in data:
        sys.exit(f"error: {path} contains CR; use LF line ends and no CR in texts")
    lines = data.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0].split("\t") != HEADER:
        sys.exit(f"error: {path}: first line must be the header {HEADER}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) not in (2, 6):
            sys.exit(f"error: {path}:{number}: expected rule<TAB>text[<TAB>4 numbers], "
                     f"got {len(fields)} fields")
        rule, text = fields[0], fields[1]
        if not rule or not all(c == "_" or (c.isascii() and c.isalnum()) for c in rule):
            sys.exit(f"error: {path}:{number}: rule {rule!r} is not a snake_case name")
        rows.append((rule, text))
    return rows


def main():
    reexec_in_venv()
    from importlib.metadata import version
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    found = version("vaderSentiment")
    if found != VERSION:
        sys.exit(f"error: vaderSentiment {found} installed, the table needs {VERSION}")

    analyzer = SentimentIntensityAnalyzer()
    out = ["\t".join(HEADER)]
    for rule, text in read_rows(TABLE):
        s = analyzer.polarity_scores(text)
        numbers = [s["compound"], s["pos"], s["neg"], s["neu"]]
        out.append("\t".join([rule, text] + [repr(float(n)) for n in numbers]))
    new = "\n".join(out) + "\n"

    with open(TABLE, encoding="utf-8", newline="") as f:
        old = f.read()
    if "--check" in sys.argv[1:]:
        if old != new:
            sys.exit(f"{TABLE} is out of date; run scripts/vader_golden.py")
        print(f"{TABLE}: {len(out) - 1} rows, up to date")
        return
    with open(TABLE, "w", encoding="utf-8", newline="") as f:
        f.write(new)
    print(f"{TABLE}: {len(out) - 1} rows{' (unchanged)' if old == new else ' rewritten'}")


if __name__ == "__main__":
    main()
