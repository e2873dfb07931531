#!/usr/bin/env python3
"""Write the built-in chain's compiled snapshot (src/analyzer/builtin.postcard).

The snapshot is what compiling the built-in chain gives (categories, aspects, risk flags and
the default preset's tables, from the crate's JSON, TSV and lexicon files, which stay the
source of truth); `Analyzer::default()` and `Analyzer::vader()` load it instead of compiling
(src/analyzer/snapshot.rs). Its test, `the_snapshot_is_the_compiled_chain`, compiles the
chain and compares the bytes with the file; this script runs that test with
EARSHOT_WRITE_SNAPSHOT=1, which writes the file when it is stale. Run it after editing a
cue, category, aspect, risk or lexicon file, or a type the chain holds, and commit the file.

usage: python3 scripts/gen_snapshot.py [--check]
  --check: write nothing; exit 1 if the file is stale (CI runs this).
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PATH = "src/analyzer/builtin.postcard"
TEST = "analyzer::snapshot::tests::the_snapshot_is_the_compiled_chain"


def main():
    check = "--check" in sys.argv[1:]
    env = dict(os.environ)
    env.pop("EARSHOT_WRITE_SNAPSHOT", None)
    if not check:
        env["EARSHOT_WRITE_SNAPSHOT"] = "1"
    run = subprocess.run(["cargo", "test", "--quiet", "--lib", "--", "--exact", TEST],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    if run.returncode != 0:
        print(run.stdout + run.stderr, file=sys.stderr)
        print(f"{PATH} is stale: run python3 scripts/gen_snapshot.py" if check
              else f"{PATH} could not be written", file=sys.stderr)
        sys.exit(1)
    size = os.path.getsize(os.path.join(ROOT, PATH))
    # Written by the test when stale: it is then embedded in the next build.
    print(f"ok  {PATH}: {size} bytes, the compiled chain" if check
          else f"{PATH}: {size} bytes")


if __name__ == "__main__":
    main()
