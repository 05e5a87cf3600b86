"""Benchmark of ``ocmw stats`` against the peer a data engineer would write: the same definitions in
DuckDB SQL (bench/stats_duckdb.py), in one run, on the same synthetic exports.

    python bench/stats_vs_duckdb.py [--sizes 100000 300000 600000 1000000] [--year 2023] [--repeat 3]

For every size it generates the exports once (bench/out/, Belgian dialect), runs both in a fresh
process each, alternately, ``--repeat`` times, checks that they give the same figures, and prints
the median wall time (start-up included), the ratio, and the peak memory of the process against the
size of the input files.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(*arguments: str) -> dict[str, float]:
    finished = subprocess.run([sys.executable, str(HERE / "peak.py"), *arguments], capture_output=True, text=True)
    if finished.returncode:
        raise SystemExit(f"{' '.join(arguments[:2])} failed:\n{finished.stderr}")
    measured: dict[str, float] = json.loads(finished.stderr.strip().splitlines()[-1])
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 600_000, 1_000_000])
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the median time is printed")
    args = parser.parse_args()
    print(
        f"{'version rows':>12} {'eval rows':>10} {'input':>8}  {'ocmw stats':>10} {'duckdb':>8} {'ratio':>6}"
        f"  {'peak ocmw':>10} {'peak duckdb':>11} {'peak/input':>10}  same figures"
    )
    for size in args.sizes:
        folder = HERE / "out" / f"{size // 1000}k"
        versions, evaluations = folder / "versions.csv", folder / "evaluations.csv"
        if not (versions.exists() and evaluations.exists()):
            subprocess.run(
                [sys.executable, str(HERE / "stats_data.py"), "--versions", str(size), "--out", str(folder)], check=True
            )
        ours_json, theirs_json = folder / "figures-ocmw.json", folder / "figures-duckdb.json"
        ours = run(
            "ocmw", "stats", "--versions", str(versions), "--evaluations", str(evaluations),
            "--year", str(args.year), "--format", "json", "--out", str(ours_json),
        )  # fmt: skip
        theirs = run(
            "duckdb", str(versions), str(evaluations), f"{args.year}-01-01", f"{args.year}-12-31", str(theirs_json)
        )
        same = json.loads(ours_json.read_text()) == json.loads(theirs_json.read_text())
        input_bytes = versions.stat().st_size + evaluations.stat().st_size
        rows = [sum(1 for _ in path.open("rb")) - 1 for path in (versions, evaluations)]
        ratio = theirs["seconds"] / ours["seconds"]
        print(
            f"{rows[0]:>12,} {rows[1]:>10,} {input_bytes / 1e6:>6.0f}MB  {ours['seconds']:>9.2f}s"
            f" {theirs['seconds']:>7.2f}s {ratio:>5.2f}x  {ours['peak'] / 1e6:>8.0f}MB {theirs['peak'] / 1e6:>9.0f}MB"
            f" {ours['peak'] / input_bytes:>9.2f}x  {'yes' if same else 'NO'}"
        )


if __name__ == "__main__":
    main()
