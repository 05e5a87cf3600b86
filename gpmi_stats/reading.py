"""Reading an export into texts, without pandas: ``ocmw stats`` begins reading the versions before it
imports the statistics' code, so that pyarrow reads while Python imports (pandas alone takes 0.2 to
0.3 s)."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from gpmi_stats.columns import VERSIONS
from tabular.columns import TableSpec
from tabular.problems import InvalidFiles, TableProblem
from tabular.reader import TableReader
from tabular.reading import RawTable


@dataclass(frozen=True)
class TableRead:
    """A table's texts, or ``None`` and the problems that kept it from being read."""

    raw: RawTable | None
    problems: list[TableProblem]


def read(path: Path, spec: TableSpec, reader: TableReader, *, alone: bool = True) -> TableRead:
    """The table read by ``reader``; ``alone``: whether the reading runs alone, on every core."""
    try:
        return TableRead(reader.read(path, spec, alone=alone), [])
    except InvalidFiles as invalid:
        return TableRead(None, invalid.problems)


def begin_reading(versions_path: Path, reader: TableReader) -> Future[TableRead]:
    """The versions being read in a thread of their own, from now on."""
    thread = ThreadPoolExecutor(1, thread_name_prefix="versions")
    reading = thread.submit(read, versions_path, VERSIONS, reader)
    thread.shutdown(wait=False)  # the thread ends when the reading does
    return reading
