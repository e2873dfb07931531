#!/usr/bin/env python3
"""Times `earshot report` against `earshot analyze` on the same file of posts (issue 17: the
report must run at no less than 0.8x the speed of analyze).

Makes the input with the sample generator (scripts/gen_sample_posts.py --bytes, synthetic
JSONL posts) unless it exists, builds the release binary, then runs, alternating, each command
`--runs` times on the file (both with --jsonl, both on all cores; analyze's output goes to
/dev/null) and prints the best wall time of each, the throughput, the peak resident memory and
the ratio. On a shared, noisy machine the minimum over alternating runs is the fairest figure.

    python3 scripts/report_speed.py                      # 1 GiB in /tmp/earshot_posts_1g.jsonl
    python3 scripts/report_speed.py --bytes 268435456 --runs 5
"""

import argparse
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, stdout):
    """Wall seconds and peak RSS (MB) of one run of `cmd`."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{' '.join(cmd)} failed with status {status}")
    return seconds, usage.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", default="/tmp/earshot_posts_1g.jsonl")
    ap.add_argument("--bytes", type=int, default=1 << 30)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "report-speed"))
    args = ap.parse_args()
    if not os.path.exists(args.input):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_sample_posts.py"),
                        "--bytes", str(args.bytes), "--out", args.input], check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    subprocess.run(["cargo", "build", "--release", "--features", "cli"], cwd=ROOT, check=True)
    earshot = os.path.join(target, "release", "earshot")
    size = os.path.getsize(args.input)
    analyze = [earshot, "analyze", "--jsonl", args.input]
    report = [earshot, "report", "--jsonl", args.input, "--out", args.out]
    times = {"analyze": [], "report": []}
    rss = {"analyze": 0.0, "report": 0.0}
    with open(os.devnull, "wb") as devnull:
        for i in range(args.runs):
            for name, cmd in (("analyze", analyze), ("report", report)):
                seconds, peak = run(cmd, devnull)
                times[name].append(seconds)
                rss[name] = max(rss[name], peak)
                print(f"run {i + 1} {name}: {seconds:.1f} s", file=sys.stderr)
    mib = size / (1 << 20)
    for name in ("analyze", "report"):
        best = min(times[name])
        print(f"{name:8} best {best:6.1f} s  {mib / best:6.1f} MiB/s  peak RSS {rss[name]:6.0f} MB"
              f"  (runs: {', '.join(f'{t:.1f}' for t in times[name])})")
    ratio = min(times["analyze"]) / min(times["report"])
    print(f"report speed / analyze speed = {ratio:.2f} (target >= 0.80) on {mib:.0f} MiB, "
          f"{os.cpu_count()} cores")


if __name__ == "__main__":
    main()
