"""Reading a CSV export: its separator (``;`` or ``,``) and header row found together among its first
rows, then the records below the header read by pyarrow, the table's columns only.

Rows are numbered as a spreadsheet numbers them: every row above the header counts, empty or not;
below it, empty lines are skipped and not counted (pyarrow skips them).
"""

from __future__ import annotations

import contextlib
import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
from rich.console import Console
from rich.progress import Progress

from tabular.columns import Type
from tabular.headers import (
    HEADER_ROWS,
    Extracted,
    HeaderNames,
    HeaderRow,
    best_row,
    fitness,
    header_rows,
    header_warning,
    table_header,
)
from tabular.memory import reading_pool
from tabular.problems import InvalidFiles, TableProblem

SEPARATORS = (";", ",")
OTHER_SEPARATORS = {"\t": "tabs", "|": "vertical bars"}
"""Separators of other exports, recognised only to say so."""
NOT_UTF8 = 'the file is not UTF-8 text; save it as "CSV UTF-8"'
QUOTES_SEARCHED_PER_READ = 4 * 1024 * 1024
UNCLOSED = '; a quote (") in it may not be closed, which makes one value of the lines that follow it'
MANY_DISTINCT = (Type.TEXT, Type.SSIN)
"""Columns read as plain text: nearly every row holds another value, a dictionary would not pay."""


def read_delimited(path: Path, names: HeaderNames, show_progress: bool, *, alone: bool = True) -> Extracted:
    """The table's columns of a CSV file; ``InvalidFiles`` when its header cannot be found. ``alone``:
    whether the reading runs alone, with pyarrow's threads and into the system allocator
    (``tabular.memory``); a reading beside other work takes one thread, and holds less memory while
    it reads."""
    source = str(path)
    separator, header, end = _header(path, names)
    wanted = {column: positions[0] for column, positions in header.positions.items()}
    types = {column.name: column.type for column in names.spec.columns}
    convert = pacsv.ConvertOptions(
        column_types={
            str(position): pa.string() if types[column] in MANY_DISTINCT else pa.dictionary(pa.int32(), pa.string())
            for column, position in wanted.items()
        },
        include_columns=[str(position) for position in wanted.values()],
        strings_can_be_null=False,
    )
    skipped: list[pacsv.InvalidRow] = []

    def skip(row: pacsv.InvalidRow) -> str:
        skipped.append(row)
        return "skip"

    parse = pacsv.ParseOptions(delimiter=separator, newlines_in_values=_quoted(path, end), invalid_row_handler=skip)
    fields = [str(position) for position in range(len(header.cells))]
    if end >= path.stat().st_size:  # nothing below the header (Arrow refuses an empty text)
        table = pa.table({str(position): pa.array([], pa.string()) for position in wanted.values()})
    else:
        try:
            with _below(path, end, show_progress) as stream:
                options = pacsv.ReadOptions(column_names=fields, use_threads=alone)
                table = pacsv.read_csv(stream, options, parse, convert, memory_pool=reading_pool(alone))
            if skipped:  # the numbers of skipped records are known only when reading in one thread
                skipped.clear()
                with _below(path, end, False) as stream:
                    single = pacsv.ReadOptions(column_names=fields, use_threads=False)
                    table = pacsv.read_csv(stream, single, parse, convert, memory_pool=reading_pool(alone))
        except pa.ArrowInvalid as error:
            raise InvalidFiles([TableProblem(source, None, None, _csv_error(error))]) from None
    table = table.rename_columns(list(wanted))
    numbers = sorted(header.number + row.number for row in skipped if row.number is not None)
    problems = [
        TableProblem(
            source,
            header.number + row.number if row.number is not None else None,
            None,
            f"{_fields(row.actual_columns)} where the header has {row.expected_columns}"
            + (UNCLOSED if '"' in row.text else ""),
        )
        for row in skipped
    ]
    first = header.number + 1
    rows = np.arange(first, first + table.num_rows + len(numbers), dtype=np.int32)
    if numbers:
        rows = rows[~np.isin(rows, numbers)]
    return Extracted(source, table, rows, problems, header_warning(source, header))


def _fields(count: int) -> str:
    return f"{count} field" if count == 1 else f"{count} fields"


def _quoted(path: Path, start: int) -> bool:
    """Whether the file holds a quote from byte ``start`` on. Only a quoted value can hold a line
    break; pyarrow splits a file that has none among its threads without looking for them, a third
    faster."""
    block = bytearray(QUOTES_SEARCHED_PER_READ)  # one buffer for every read
    with path.open("rb", buffering=0) as file:
        file.seek(start)
        while read := file.readinto(block):
            if block.find(b'"', 0, read) >= 0:
                return True
    return False


def _header(path: Path, names: HeaderNames) -> tuple[str, HeaderRow, int]:
    """The separator, the header row, and where the records below it begin (in bytes)."""
    source = str(path)
    found = {}
    for separator in (*SEPARATORS, *OTHER_SEPARATORS):
        records, ends = _first_records(path, separator)
        found[separator] = (header_rows(records, names), ends)
    if not any(any(cell.strip() for cell in row.cells) for row in found[SEPARATORS[0]][0]):
        raise InvalidFiles([TableProblem(source, 1, None, "the file is empty: expected a header row")])
    separator = max(found, key=lambda separator: fitness(found[separator][0]))
    if separator in OTHER_SEPARATORS and best_row(found[separator][0]) is not None:
        raise InvalidFiles(
            [
                TableProblem(
                    source,
                    None,
                    None,
                    f"the columns are separated by {OTHER_SEPARATORS[separator]}; save the export as CSV, "
                    "with ; or , between the columns",
                )
            ]
        )
    candidates, ends = found[separator if separator in SEPARATORS else SEPARATORS[0]]
    header = table_header(source, candidates, names)
    return separator, header, ends[header.number - 1]


def _first_records(path: Path, separator: str) -> tuple[list[list[str]], list[int]]:
    """The first records of the file split at ``separator``, and where each ends (in bytes)."""
    read = 0

    def lines(file: IO[bytes]) -> Iterator[str]:
        nonlocal read
        for number, line in enumerate(_lines(file)):
            read += len(line)
            text = line.decode("utf-8")
            yield text.removeprefix("\ufeff") if number == 0 else text

    records: list[list[str]] = []
    ends: list[int] = []
    with path.open("rb") as file:
        reader = csv.reader(lines(file), delimiter=separator)
        try:
            while len(records) < HEADER_ROWS and (record := next(reader, None)) is not None:
                records.append(record)
                ends.append(read)
        except UnicodeDecodeError:
            raise InvalidFiles([TableProblem(str(path), None, None, NOT_UTF8)]) from None
        except csv.Error:
            pass  # a record the csv module cannot take is pyarrow's to report
    return records, ends


_LINE_END = re.compile(rb"\r\n|\r|\n")


def _lines(file: IO[bytes], block: int = 64 * 1024) -> Iterator[bytes]:
    """The lines of ``file`` with their ends, which may be ``\\r\\n``, ``\\n`` or a lone ``\\r`` (the
    "CSV (Macintosh)" that Excel for the Mac saves), as pyarrow reads them too.

    >>> import io
    >>> list(_lines(io.BytesIO(b"a;b\\rc;d\\r\\ne\\n"), block=4))
    [b'a;b\\r', b'c;d\\r\\n', b'e\\n']
    """
    pending = b""
    searched = 0  # what of ``pending`` holds no line end: a long line is searched once
    while chunk := file.read(block):
        pending += chunk
        start = 0
        for end in _LINE_END.finditer(pending, searched):
            if end.group() == b"\r" and end.end() == len(pending):
                break  # a \r at the end of what is read may be the first half of \r\n
            yield pending[start : end.end()]
            start = end.end()
        pending = pending[start:]
        searched = len(pending) - 1 if pending.endswith(b"\r") else len(pending)
    if pending:
        yield pending


def _csv_error(error: pa.ArrowInvalid) -> str:
    if "invalid UTF8" in str(error):
        return NOT_UTF8
    return f"the file cannot be read as CSV: {error}"


@contextlib.contextmanager
def _below(path: Path, start: int, show: bool) -> Iterator[pa.NativeFile | IO[bytes]]:
    """The file from byte ``start`` on, with a progress bar on standard error while it is read, when asked."""
    if not show:
        with pa.OSFile(str(path)) as file:
            file.seek(start)
            yield file
        return
    with (
        Progress(console=Console(stderr=True), transient=True) as progress,
        progress.open(path, "rb", description=f"reading {path.name}") as file,
    ):
        file.seek(start)
        yield file
