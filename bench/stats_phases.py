"""Where the time of ``ocmw stats`` goes: the wall time of each phase and the processor time of all
threads in it, medians of several runs, each in a fresh process, on the synthetic exports of
bench/stats_data.py.

    python bench/stats_phases.py [--size 600000] [--year 2023] [--repeat 5] [--profile stats.prof]

The phases, on the command's own thread: start-up (the interpreter, click, pyarrow, the options),
imports (pandas and the statistics' code, while pyarrow reads the versions beside them), reading
(what is left to wait for of both files' reading into distinct texts per column), parsing (each
distinct text once: dates, numbers, choices; copies found; the evaluations read beside the
versions' parsing), checks (INSZ check digits, conflicting versions, ends before starts, finals
without outcome, unknown contracts), measures (every figure) and output (the JSON). The processor
time of a phase is that of all threads while it lasts (the readings beside the imports and the
parsing count in those). ``--profile`` also writes cProfile's
statistics of one more run to a file (``python -m pstats FILE``).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import json
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()
HERE = Path(__file__).resolve().parent
PHASES = ("start-up", "imports", "reading", "parsing", "checks", "measures", "output")


def timed(spent: dict[str, float], phase: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def measured(*args: Any, **kwargs: Any) -> Any:
        spent.setdefault(f"{phase} entered", time.perf_counter() - STARTED)
        spent.setdefault(f"{phase} entered cpu", time.process_time())
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[phase] = spent.get(phase, 0.0) + time.perf_counter() - start
            spent[f"{phase} cpu"] = spent.get(f"{phase} cpu", 0.0) + time.process_time() - start_cpu

    return measured


def once(arguments: list[str], profile: Path | None) -> None:
    """One run of ``ocmw stats`` in this process; its phases as JSON on standard output."""
    sys.path.insert(0, str(HERE.parent))
    import concurrent.futures

    import commands.stats
    import gpmi_stats.reading
    from cli import main as ocmw

    spent: dict[str, float] = {}
    # gpmi_stats.inputs and .figures are imported by the command, beside the versions' reading: they
    # are wrapped as they are imported (a meta path hook would be more general, and more than needed).
    begin = gpmi_stats.reading.begin_reading

    def begun(*args: Any, **kwargs: Any) -> Any:
        reading = timed(spent, "begun", begin)(*args, **kwargs)
        import gpmi_stats.figures
        import gpmi_stats.inputs
        import tabular.parsing

        tabular.parsing.parse_table = timed(spent, "parsing", tabular.parsing.parse_table)  # type: ignore[assignment]
        gpmi_stats.inputs.load_inputs = timed(spent, "loading", gpmi_stats.inputs.load_inputs)  # type: ignore[assignment]
        gpmi_stats.figures.compute = timed(spent, "measures", gpmi_stats.figures.compute)  # type: ignore[assignment]
        return reading

    gpmi_stats.reading.begin_reading = begun  # type: ignore[assignment]
    commands.stats.deliver = timed(spent, "output", commands.stats.deliver)  # type: ignore[assignment]
    result, waited = concurrent.futures.Future.result, timed(spent, "waiting", concurrent.futures.Future.result)

    def waiting(future: concurrent.futures.Future[Any], timeout: float | None = None) -> Any:
        """The command's own thread waiting for a reading (the readings wait for their encodings too)."""
        if threading.current_thread() is threading.main_thread():
            return waited(future, timeout)
        return result(future, timeout)

    concurrent.futures.Future.result = waiting  # type: ignore[method-assign]
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    try:
        ocmw(arguments)
    except SystemExit as exit_:
        if exit_.code:
            raise
    if profiler and profile:
        profiler.disable()
        profiler.dump_stats(profile)
    phases = {}
    for unit in ("", " cpu"):
        total = time.perf_counter() - STARTED if unit == "" else time.process_time()
        measured = {
            "start-up": spent[f"begun entered{unit}"],
            "imports": spent[f"loading entered{unit}"] - spent[f"begun entered{unit}"],
            "reading": spent[f"waiting{unit}"],
            "parsing": spent[f"parsing{unit}"],
            "checks": spent[f"loading{unit}"] - spent[f"waiting{unit}"] - spent[f"parsing{unit}"],
            "measures": spent[f"measures{unit}"],
            "output": spent[f"output{unit}"],
        }
        measured |= {"other": total - sum(measured.values()), "total": total}
        phases |= {f"{phase}{unit}": seconds for phase, seconds in measured.items()}
    print(json.dumps(phases))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=600_000)
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--repeat", type=int, default=5, help="runs; the median of each phase is printed")
    parser.add_argument("--profile", type=Path, help="also write cProfile's statistics of one run here")
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    folder = HERE / "out" / f"{args.size // 1000}k"
    versions, evaluations = folder / "versions.csv", folder / "evaluations.csv"
    arguments = [
        "stats", "--versions", str(versions), "--evaluations", str(evaluations),
        "--year", str(args.year), "--format", "json", "--out", str(folder / "figures-phases.json"),
    ]  # fmt: skip
    if args.once:
        once(arguments, args.profile)
        return
    if not (versions.exists() and evaluations.exists()):
        subprocess.run(
            [sys.executable, str(HERE / "stats_data.py"), "--versions", str(args.size), "--out", str(folder)],
            check=True,
        )
    me = [sys.executable, __file__, "--once", "--size", str(args.size), "--year", str(args.year)]
    runs = [
        json.loads(subprocess.run(me, capture_output=True, text=True, check=True).stdout) for _ in range(args.repeat)
    ]
    if args.profile:
        subprocess.run([*me, "--profile", str(args.profile)], capture_output=True, check=True)
    print(f"{'phase':<10} {'wall':>7}  {'fastest - slowest':<17} {'processor':>9}")
    for phase in (*PHASES, "other", "total"):
        seconds, cpu = [run[phase] for run in runs], [run[f"{phase} cpu"] for run in runs]
        print(
            f"{phase:<10} {statistics.median(seconds):>6.2f}s  {min(seconds):>5.2f}s - {max(seconds):>5.2f}s"
            f" {statistics.median(cpu):>8.2f}s"
        )


if __name__ == "__main__":
    main()
