"""Reading an export into texts, begun before pandas is imported: ``ocmw stats`` begins reading the
versions before it imports the statistics' code, so that pyarrow parses the CSV file while Python
imports pandas (0.2 to 0.3 s). Choosing the period and this module load no pandas; the encoding of
the columns, which pyarrow hands to numpy, waits for the import (pyarrow imports pandas itself)."""

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


class BegunReading:
    """A table being read in a thread of its own. It is handed over once (``take``), so that its texts
    are let go of as soon as the one who took them is done with them."""

    def __init__(self, path: Path, spec: TableSpec, reader: TableReader) -> None:
        thread = ThreadPoolExecutor(1, thread_name_prefix=spec.name)
        self._reading: Future[TableRead] | None = thread.submit(read, path, spec, reader)
        thread.shutdown(wait=False)  # the thread ends when the reading does

    def take(self) -> TableRead:
        """The table read, once it is; only once."""
        if self._reading is None:
            raise RuntimeError("the table was taken already")
        reading, self._reading = self._reading, None
        return reading.result()


def begin_reading(versions_path: Path, reader: TableReader) -> BegunReading:
    """The versions being read from now on."""
    return BegunReading(versions_path, VERSIONS, reader)
