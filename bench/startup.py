"""Start-up benchmark of the ``ocmw`` command: how long a person waits for ``--help`` and for the
check of a small document.

    python bench/startup.py [--runs 7] [--cold-runs 5]

Each case is a new process, ``python -m cli ...``, timed from its start to its exit, as a person
typing the command waits for it:

- ``ocmw --help`` and the ``--help`` of every command and group (found by walking the command tree);
- ``ocmw esv validate`` of a small social report (``fixtures/esv/response-gpmi-withheld.xml``, 3.7 kB).

Warm: the project's compiled modules (``__pycache__``) are there, as on every run but the first.
Cold: the first run of a fresh checkout or an editable install, the project's modules compiled as
they are imported (each cold run on a fresh copy of the sources without ``__pycache__``; the
installed libraries keep the bytecode their install wrote, as a wheel's install writes the
project's too, and the system's file cache is left as it is). Python is let write its compiled
modules whatever ``PYTHONDONTWRITEBYTECODE`` says. Each figure is the median of its runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HELP_TARGET = 0.3
VALIDATE_TARGET = 0.5
SMALL_DOCUMENT = ROOT / "fixtures" / "esv" / "response-gpmi-withheld.xml"
SOURCES = ("cli.py", "commands", "service", "web", "exchange", "directory", "storage", "esv", "gpmi_stats",
           "annual_report", "tabular", "ground", "fixtures/esv")  # fmt: skip


def command_paths() -> Iterator[list[str]]:
    """Every command and group of ``ocmw``, as the words typed after it."""
    from cli import main

    def walk(command: click.Command, path: list[str]) -> Iterator[list[str]]:
        yield path
        if isinstance(command, click.Group):
            context = click.Context(command)
            for name in command.list_commands(context):
                found = command.get_command(context, name)
                assert found is not None
                yield from walk(found, [*path, name])

    yield from walk(main, [])


ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
"""Python writes the compiled modules, as it does for a person who runs ``ocmw``."""


def seconds(arguments: list[str], folder: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cli", *arguments], cwd=folder, env=ENVIRONMENT, capture_output=True)
    return time.perf_counter() - start


def fresh_copy() -> Path:
    """The project's sources, without compiled modules, in a new folder."""
    folder = Path(tempfile.mkdtemp(prefix="ocmw-cold-"))
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__", "tests"))
        else:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, folder / name)
    return folder


def cold(arguments: list[str], runs: int) -> float:
    taken = []
    for _ in range(runs):
        folder = fresh_copy()
        try:
            taken.append(seconds(arguments, folder))
        finally:
            shutil.rmtree(folder)
    return statistics.median(taken)


def warm(arguments: list[str], runs: int) -> float:
    seconds(arguments, ROOT)  # compiles what a change left uncompiled
    return statistics.median(seconds(arguments, ROOT) for _ in range(runs))


def row(name: str, cold_s: float, warm_s: float, target: float) -> str:
    met = "yes" if max(cold_s, warm_s) < target else "NO"
    return f"{name:<48} {cold_s * 1000:>8.0f} {warm_s * 1000:>8.0f} {f'< {target * 1000:.0f}':>8} {met:>5}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="warm runs of each case")
    parser.add_argument("--cold-runs", type=int, default=5, help="cold runs of each case")
    args = parser.parse_args()
    cases = [(" ".join(["ocmw", *path, "--help"]), [*path, "--help"], HELP_TARGET) for path in command_paths()]
    document = SMALL_DOCUMENT.relative_to(ROOT)
    cases.append((f"ocmw esv validate {document.name}", ["esv", "validate", str(document)], VALIDATE_TARGET))
    print(f"{'case':<48} {'cold ms':>8} {'warm ms':>8} {'target':>8} {'met':>5}")
    helps = []
    for name, arguments, target in cases:
        figures = cold(arguments, args.cold_runs), warm(arguments, args.runs)
        if target == HELP_TARGET:
            helps.append((figures, name))
        print(row(name, *figures, target), flush=True)
    slowest_cold = max(helps, key=lambda found: found[0][0])
    slowest_warm = max(helps, key=lambda found: found[0][1])
    print()
    print(f"slowest --help of {len(helps)}: cold {slowest_cold[0][0] * 1000:.0f} ms ({slowest_cold[1]}), "
          f"warm {slowest_warm[0][1] * 1000:.0f} ms ({slowest_warm[1]})")  # fmt: skip
    print(f"medians of {args.cold_runs} cold and {args.runs} warm runs of each case")


if __name__ == "__main__":
    main()
