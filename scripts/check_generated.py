#!/usr/bin/env python3
"""Checks that every generated file is what its generator writes (CI runs this).

* src/tokenizer/tables.rs (scripts/gen_unicode_tables.py, from the Unicode Character Database)
  and src/lexicon/data/vader_*.tsv (scripts/gen_vader_lexicon.py, from the vaderSentiment wheel
  on PyPI): their generators need a download, so their headers and checksums are checked (see
  scripts/generated.py); with --regenerate they are also regenerated and compared (needs the
  `unicode-data` Debian package and PyPI).
* src/classifier/data/categories.json: its fitted weights are refitted from ../shared/evaldata
  and compared (scripts/fit_categories.py --check).
* src/risk/data/risk.json: the urgency model's fitted weights are refitted from ../shared/evaldata
  and compared (scripts/fit_urgency.py --check).
* src/analyzer/builtin.postcard: the built-in chain's compiled snapshot is compiled again from
  the crate's data and compared byte for byte (scripts/gen_snapshot.py --check, which runs its
  test).

usage: python3 scripts/check_generated.py [--regenerate]
"""
import os
import shutil
import subprocess
import sys
import tempfile

import generated

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEALED = [
    ("src/tokenizer/tables.rs", ["scripts/gen_unicode_tables.py"]),
    ("src/lexicon/data/vader_lexicon.tsv", ["scripts/gen_vader_lexicon.py"]),
    ("src/lexicon/data/vader_emoji.tsv", ["scripts/gen_vader_lexicon.py"]),
]


def main():
    failures = []
    for path, _ in SEALED:
        why = generated.verify(os.path.join(ROOT, path))
        if why:
            failures.append(why)
        else:
            print(f"ok  {path}: header and checksum")
    if "--regenerate" in sys.argv[1:]:
        saved = {p: open(os.path.join(ROOT, p), encoding="utf-8").read() for p, _ in SEALED}
        try:
            tables = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_unicode_tables.py")],
                                    check=True, capture_output=True, text=True, cwd=ROOT).stdout
            with open(os.path.join(ROOT, "src/tokenizer/tables.rs"), "w", encoding="utf-8") as f:
                f.write(tables)
            subprocess.run(["rustfmt", "--edition", "2024", "src/tokenizer/tables.rs"], check=True, cwd=ROOT)
            generated.seal(os.path.join(ROOT, "src/tokenizer/tables.rs"), "//")
            subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_vader_lexicon.py")], check=True, cwd=ROOT)
            for p, _ in SEALED:
                if open(os.path.join(ROOT, p), encoding="utf-8").read() != saved[p]:
                    failures.append(f"{p}: its generator writes something else")
                else:
                    print(f"ok  {p}: regenerates identically")
        finally:
            for p, text in saved.items():
                with open(os.path.join(ROOT, p), "w", encoding="utf-8") as f:
                    f.write(text)
    for script, path in [("fit_categories.py", "src/classifier/data/categories.json"),
                         ("fit_urgency.py", "src/risk/data/risk.json")]:
        fit = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", script), "--check"],
                             cwd=ROOT, capture_output=True, text=True)
        if fit.returncode != 0:
            failures.append(f"{path}: {fit.stderr.strip() or fit.stdout.strip()}")
        else:
            print(f"ok  {path}: the fitted weights regenerate identically")
    snapshot = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_snapshot.py"), "--check"],
                              cwd=ROOT, capture_output=True, text=True)
    if snapshot.returncode != 0:
        failures.append(f"src/analyzer/builtin.postcard: {snapshot.stderr.strip()}")
    else:
        print(snapshot.stdout.strip())
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
