"""Benchmark of ``ocmw stats`` against the peers a data engineer would write: the same definitions in
DuckDB SQL (bench/stats_duckdb.py), reading every value as text, and the plain query that types the
columns as it reads them. In one run, on the same synthetic exports.

    python bench/stats_vs_duckdb.py [--sizes 100000 300000 600000 1000000] [--year 2023] [--repeat 5]

For every size it generates the exports once (bench/out/, Belgian dialect), runs the three in a fresh
process each, one after the other, ``--repeat`` times, checks that they give the same figures, and
prints for each the median wall time (start-up included) and the fastest and slowest run beside the
target, the plain query's median time, and the median peak memory of the process beside the target,
2.5 times the size of the input files.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEAK_PER_INPUT = 2.5
"""The target for memory: the process's peak at most this many times the size of the input files."""
PROGRAMS = {"ocmw stats": "ocmw", "duckdb, as text": "duckdb", "duckdb, typed (plain)": "duckdb-typed"}
"""What is printed, and what bench/peak.py runs; the last is the plain query, the target for time."""


def run(*arguments: str) -> dict[str, float]:
    finished = subprocess.run([sys.executable, str(HERE / "peak.py"), *arguments], capture_output=True, text=True)
    if finished.returncode:
        raise SystemExit(f"{' '.join(arguments[:2])} failed:\n{finished.stderr}")
    measured: dict[str, float] = json.loads(finished.stderr.strip().splitlines()[-1])
    return measured


def arguments(program: str, versions: Path, evaluations: Path, year: int, out: Path) -> list[str]:
    if program == "ocmw":
        return [
            "ocmw", "stats", "--versions", str(versions), "--evaluations", str(evaluations),
            "--year", str(year), "--format", "json", "--out", str(out),
        ]  # fmt: skip
    return [program, str(versions), str(evaluations), f"{year}-01-01", f"{year}-12-31", str(out)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 600_000, 1_000_000])
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each; the median is printed")
    args = parser.parse_args()
    print(
        f"{'version rows':>12} {'eval rows':>10} {'input':>6}  {'':<22} {'median':>7} {'fastest':>7} {'slowest':>7}"
        f" {'/ target':>8}  {'peak':>7} {'/ input':>7} {'target':>7}  same figures"
    )
    for size in args.sizes:
        folder = HERE / "out" / f"{size // 1000}k"
        versions, evaluations = folder / "versions.csv", folder / "evaluations.csv"
        if not (versions.exists() and evaluations.exists()):
            subprocess.run(
                [sys.executable, str(HERE / "stats_data.py"), "--versions", str(size), "--out", str(folder)], check=True
            )
        outs = {program: folder / f"figures-{program}.json" for program in PROGRAMS.values()}
        measured: dict[str, list[dict[str, float]]] = {program: [] for program in PROGRAMS.values()}
        for _ in range(args.repeat):
            for program in PROGRAMS.values():
                measured[program].append(run(*arguments(program, versions, evaluations, args.year, outs[program])))
        figures = {program: json.loads(out.read_text()) for program, out in outs.items()}
        input_bytes = versions.stat().st_size + evaluations.stat().st_size
        rows = [sum(1 for _ in path.open("rb")) - 1 for path in (versions, evaluations)]
        target = statistics.median(run["seconds"] for run in measured["duckdb-typed"])
        for line, (name, program) in enumerate(PROGRAMS.items()):
            seconds = [run["seconds"] for run in measured[program]]
            peak = statistics.median(run["peak"] for run in measured[program])
            same = figures[program] == figures["ocmw"]
            where = f"{rows[0]:>12,} {rows[1]:>10,} {input_bytes / 1e6:>4.0f}MB" if line == 0 else " " * 30
            print(
                f"{where}  {name:<22} {statistics.median(seconds):>6.2f}s {min(seconds):>6.2f}s {max(seconds):>6.2f}s"
                f" {statistics.median(seconds) / target:>7.2f}x  {peak / 1e6:>5.0f}MB {peak / input_bytes:>6.2f}x"
                f" {PEAK_PER_INPUT:>6.1f}x  {'yes' if same else 'NO'}"
            )


if __name__ == "__main__":
    main()
