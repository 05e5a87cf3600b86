"""Run a command of the toolkit or a DuckDB peer in this process and print, on standard error,
its wall time, the processor time of all its threads, and its peak resident memory (VmHWM, which
starts afresh in every new program).

    python bench/peak.py ocmw stats --versions ... --format json --out figures.json
    python bench/peak.py duckdb VERSIONS.csv EVALUATIONS.csv FROM TO OUT.json
    python bench/peak.py duckdb-typed VERSIONS.csv EVALUATIONS.csv FROM TO OUT.json   # the plain query
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def vm_hwm() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def main() -> None:
    start = time.perf_counter()
    if sys.argv[1] == "ocmw":
        from cli import main as ocmw

        try:
            ocmw(sys.argv[2:])
        except SystemExit as exit_:
            if exit_.code:
                raise
    else:
        sys.path.insert(0, str(ROOT / "bench"))
        from stats_duckdb import figures

        versions, evaluations, first, last, out = sys.argv[2:7]
        plain = sys.argv[1] == "duckdb-typed"
        Path(out).write_text(json.dumps(figures(Path(versions), Path(evaluations), first, last, plain=plain)))
    used = resource.getrusage(resource.RUSAGE_SELF)
    measured = {"seconds": time.perf_counter() - start, "cpu": used.ru_utime + used.ru_stime, "peak": vm_hwm()}
    print(json.dumps(measured), file=sys.stderr)


if __name__ == "__main__":
    main()
