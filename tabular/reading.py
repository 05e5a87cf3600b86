"""Reading an export (CSV in the Belgian or the international dialect, or XLSX) into columns of
text with the row number of every record. Parsing the values is ``tabular.parsing``'s job.

Rows are numbered as a spreadsheet numbers them: the header is row 1. (Empty lines of a CSV file
are skipped and not counted.)
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from rich.console import Console
from rich.progress import Progress

from tabular.columns import TableSpec, Type
from tabular.problems import InvalidInput, TableProblem

PROGRESS_FROM_BYTES = 5 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Texts:
    """A column as its distinct texts and, per row, the position of the row's text among them: an
    export repeats its dates, codes and yes/no values endlessly, and each is parsed only once."""

    distinct: pa.Array
    positions: np.ndarray

    @classmethod
    def of(cls, column: pa.Array | pa.ChunkedArray) -> Texts:
        if not pa.types.is_dictionary(column.type):  # one dictionary for all: unifying per-chunk ones is slow
            column = pc.dictionary_encode(column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column)
        chunks = column.unify_dictionaries().chunks if isinstance(column, pa.ChunkedArray) else [column]
        if not chunks:
            return cls(pa.array([], pa.string()), np.zeros(0, dtype=np.int32))
        positions = np.concatenate([chunk.indices.to_numpy(zero_copy_only=False) for chunk in chunks])
        return cls(chunks[0].dictionary, positions)


@dataclass(frozen=True)
class RawTable:
    """The spec's columns of a file as text (an absent optional column is empty), the row number
    of every record, and the problems of rows that could not be split into fields."""

    source: str
    columns: dict[str, Texts]
    rows: np.ndarray
    problems: list[TableProblem] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return len(self.rows) + len(self.problems)


def read_table(path: Path, spec: TableSpec, *, show_progress: bool | None = None) -> RawTable:
    """The records of a CSV or XLSX file; ``InvalidInput`` for a file that cannot be read as the table."""
    if show_progress is None:
        show_progress = sys.stderr.isatty() and path.stat().st_size >= PROGRESS_FROM_BYTES
    with path.open("rb") as file:
        is_xlsx = file.read(4) == XLSX_MAGIC
    table, rows, problems = (_read_xlsx if is_xlsx else _read_csv)(path, spec, show_progress)
    table = table.rename_columns([name.strip().lower() for name in table.column_names])
    selected = {}
    for column in spec.columns:  # one column at a time, each let go once encoded
        if column.name in table.column_names:
            selected[column.name] = Texts.of(table.column(column.name))
            table = table.drop_columns([column.name])
        else:
            selected[column.name] = Texts(pa.array([""], pa.string()), np.zeros(len(rows), dtype=np.int32))
    return RawTable(str(path), selected, rows, problems)


Read = tuple[pa.Table, np.ndarray, list[TableProblem]]
MANY_DISTINCT = (Type.TEXT, Type.SSIN)
"""Columns read as plain text: nearly every row holds another value, a dictionary would not pay."""


def _read_csv(path: Path, spec: TableSpec, show_progress: bool) -> Read:
    source = str(path)
    with path.open("rb") as file:
        raw_first_line = file.readline()
        header_only = not file.read(1)
    first_line = raw_first_line.decode("utf-8-sig", errors="replace")
    if not first_line.strip():
        raise InvalidInput([TableProblem(source, 1, None, "the file is empty: expected a header row")])
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    header = next(csv.reader([first_line], delimiter=delimiter))
    _check_header(source, header, spec)
    skipped: list[pacsv.InvalidRow] = []

    def skip(row: pacsv.InvalidRow) -> str:
        skipped.append(row)
        return "skip"

    parse = pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True, invalid_row_handler=skip)
    types = {column.name: column.type for column in spec.columns}
    wanted = [name for name in header if name.strip().lower() in types]
    convert = pacsv.ConvertOptions(
        column_types={
            name: pa.string()
            if types[name.strip().lower()] in MANY_DISTINCT
            else pa.dictionary(pa.int32(), pa.string())
            for name in wanted
        },
        include_columns=wanted,
        strings_can_be_null=False,
    )
    if header_only:  # Arrow refuses a lone header without a line end; with one it reads zero rows
        ended = io.BytesIO(raw_first_line.rstrip(b"\r\n") + b"\n")
        return pacsv.read_csv(ended, parse_options=parse, convert_options=convert), np.arange(0, dtype=np.int32), []
    try:
        with _progress(path, show_progress) as stream:
            table = pacsv.read_csv(stream, parse_options=parse, convert_options=convert)
        if skipped:  # the row numbers of skipped records are known only when reading in one thread
            skipped.clear()
            single = pacsv.ReadOptions(use_threads=False)
            table = pacsv.read_csv(path, read_options=single, parse_options=parse, convert_options=convert)
    except pa.ArrowInvalid as error:
        raise InvalidInput([TableProblem(source, None, None, _csv_error(error))]) from None
    numbers = sorted(row.number for row in skipped if row.number is not None)
    problems = [
        TableProblem(
            source,
            row.number,
            None,
            f"this row has {row.actual_columns} fields where the header has {row.expected_columns}",
        )
        for row in skipped
    ]
    rows = np.arange(2, table.num_rows + len(numbers) + 2, dtype=np.int32)
    if numbers:
        rows = rows[~np.isin(rows, numbers)]
    return table, rows, problems


def _check_header(source: str, header: list[str], spec: TableSpec) -> None:
    """Column names are matched case-insensitively; a required one must be there, a known one not
    twice (unknown columns are ignored, however often they appear)."""
    names = [name.strip().lower() for name in header]
    known = {column.name for column in spec.columns}
    problems = [
        TableProblem(source, 1, name, f"the column {name} appears {names.count(name)} times in the header")
        for name in sorted({name for name in names if name in known and names.count(name) > 1})
    ] + [
        TableProblem(source, 1, column.name, f"the required column {column.name} is missing from the header")
        for column in spec.columns
        if column.required and column.name not in names
    ]
    if problems:
        raise InvalidInput(problems)


def _csv_error(error: pa.ArrowInvalid) -> str:
    if "invalid UTF8" in str(error):
        return 'the file is not UTF-8 text; save it as "CSV UTF-8"'
    return f"the file cannot be read as CSV: {error}"


@contextlib.contextmanager
def _progress(path: Path, show: bool) -> Iterator[IO[bytes] | Path]:
    """The file, with a progress bar on standard error while it is read, when asked."""
    if not show:
        yield path
        return
    with (
        Progress(console=Console(stderr=True), transient=True) as progress,
        progress.open(path, "rb", description=f"reading {path.name}") as file,
    ):
        yield file


def _read_xlsx(path: Path, spec: TableSpec, show_progress: bool) -> Read:
    from openpyxl import load_workbook  # only for workbooks: it takes a fifth of a second to import
    from openpyxl.utils.exceptions import InvalidFileException

    source = str(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as error:
        problem = TableProblem(source, None, None, f"the file cannot be read as an XLSX workbook ({error})")
        raise InvalidInput([problem]) from None
    try:
        sheet = workbook.worksheets[0]
        records = sheet.iter_rows(values_only=True)
        header = [_cell_text(value) for value in next(records, ())]
        if not any(header):
            raise InvalidInput([TableProblem(source, 1, None, "the first sheet is empty: expected a header row")])
        _check_header(source, header, spec)
        values: list[list[str]] = [[] for _ in header]
        rows: list[int] = []
        with Progress(console=Console(stderr=True), transient=True, disable=not show_progress) as progress:
            task = progress.add_task(f"reading {path.name}", total=sheet.max_row)
            for number, record in enumerate(records, start=2):
                progress.advance(task)
                texts = [_cell_text(value) for value in record[: len(header)]]
                if not any(texts):
                    continue
                rows.append(number)
                for column, text in zip(values, texts + [""] * (len(header) - len(texts)), strict=True):
                    column.append(text)
    finally:
        workbook.close()
    table = pa.table({name: pa.array(column, pa.string()) for name, column in zip(header, values, strict=True) if name})
    return table, np.array(rows, dtype=np.int32), []


def _cell_text(value: object) -> str:
    """A cell as the text a CSV export would hold: dates ISO, whole numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
