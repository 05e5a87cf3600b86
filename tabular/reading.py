"""Reading an export (CSV in the Belgian or the international dialect, or XLSX) into columns of
text with the row number of every record. Finding the table in the file is ``tabular.delimited``'s
and ``tabular.workbook``'s job, with ``tabular.headers``; parsing the values is ``tabular.parsing``'s.

Rows are numbered as a spreadsheet numbers them: the header is the row it is on (row 1 when nothing
is above it). (Empty lines below the header of a CSV file are skipped and not counted.)
"""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ground.lang import Said
from tabular.choices import TableChoices
from tabular.columns import TableSpec
from tabular.delimited import read_delimited
from tabular.headers import HeaderNames
from tabular.memory import give_back
from tabular.problems import InvalidFiles, TableProblem
from tabular.workbook import read_workbook

PROGRESS_FROM_BYTES = 5 * 1024 * 1024
COLUMNS_ENCODED_AT_ONCE = 2
"""For a file read alone. Each column being encoded holds its own buffers: more at once would be
faster on more cores but raise the peak (16 at once: 30 MB more at 630 000 contract versions)."""
XLSX_MAGIC = b"PK\x03\x04"
NOT_TABLES = {
    b"%PDF": "a PDF document",
    b"\xd0\xcf\x11\xe0": 'an Excel 97-2003 workbook (.xls); save it as "Excel workbook (.xlsx)" or as "CSV UTF-8"',
    b"\xff\xfe": 'UTF-16 text (Excel\'s "Unicode text"); save it as "CSV UTF-8"',
    b"\xfe\xff": 'UTF-16 text; save it as "CSV UTF-8"',
}
"""What the first bytes of a file that is not a table tell it is."""


@dataclass(frozen=True)
class Texts:
    """A column as its distinct texts and, per row, the position of the row's text among them: an
    export repeats its dates, codes and yes/no values endlessly, and each is parsed only once. The
    positions take the fewest bytes their count allows (one for a yes/no column), in pyarrow's memory,
    which the command gives back to the system as soon as it is freed."""

    distinct: pa.Array
    positions: np.ndarray

    @classmethod
    def of(cls, column: pa.Array | pa.ChunkedArray) -> Texts:
        chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
        if not pa.types.is_dictionary(column.type):
            # Chunk by chunk, into one dictionary that every chunk shares: no copy of the column's texts.
            chunks = pc.dictionary_encode(pa.chunked_array(chunks, column.type)).chunks
        chunks = [chunk for chunk in chunks if len(chunk)]
        if not chunks:
            return cls.repeated(pa.array([], pa.string()), 0)
        if len({chunk.dictionary.buffers()[1].address for chunk in chunks}) > 1:  # as read: one per block
            chunks = pa.chunked_array(chunks).unify_dictionaries().chunks
        distinct = chunks[0].dictionary
        indices = pc.cast(
            pa.chunked_array([chunk.indices for chunk in chunks]), pa.from_numpy_dtype(_position_type(len(distinct)))
        )
        return cls(distinct, indices.combine_chunks().to_numpy(zero_copy_only=False))

    @classmethod
    def repeated(cls, distinct: pa.Array, rows: int) -> Texts:
        """``rows`` rows of the first of ``distinct``."""
        return cls(distinct, np.zeros(rows, dtype=_position_type(len(distinct))))


def _position_type(distinct: int) -> np.dtype:
    """The smallest unsigned integer that numbers ``distinct`` texts."""
    return np.min_scalar_type(max(distinct - 1, 0))


@dataclass(frozen=True)
class RawTable:
    """The spec's columns of a file as text (an absent optional column is empty), the row number
    of every record, the problems of rows that could not be split into fields, and what the reading
    has to say of the file (the row of the header, the sheet read). ``source`` names the file, and the
    sheet of a workbook that has several."""

    source: str
    columns: dict[str, Texts]
    rows: np.ndarray
    problems: list[TableProblem] = field(default_factory=list)
    warnings: list[TableProblem] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return len(self.rows) + len(self.problems)


def read_table(
    path: Path,
    spec: TableSpec,
    *,
    choices: TableChoices | None = None,
    show_progress: bool | None = None,
    alone: bool = True,
) -> RawTable:
    """The records of a CSV or XLSX file; ``InvalidFiles`` for a file that cannot be read as the table.
    ``alone``: whether the reading runs alone, on every core (pyarrow's threads, and
    ``COLUMNS_ENCODED_AT_ONCE`` columns encoded at once), or beside other work, on one."""
    choices = choices or TableChoices()
    if show_progress is None:
        show_progress = sys.stderr.isatty() and path.stat().st_size >= PROGRESS_FROM_BYTES
    with path.open("rb") as file:
        start = file.read(4096)
    _refuse_what_is_not_a_table(str(path), start)
    names = HeaderNames(spec, choices.columns)
    if start.startswith(XLSX_MAGIC):
        found = read_workbook(path, names, choices.sheets, show_progress)
    else:
        found = read_delimited(path, names, show_progress, alone=alone)
    table, rows, source, problems, warnings = found.table, found.rows, found.source, found.problems, found.warnings
    del found
    # pyarrow encodes without holding Python's lock; each column is let go of once encoded.
    with ThreadPoolExecutor(COLUMNS_ENCODED_AT_ONCE if alone else 1) as encoding:
        encoded = {name: encoding.submit(Texts.of, table.column(name)) for name in table.column_names}
        del table
        empty = Texts.repeated(pa.array([""], pa.string()), len(rows))
        selected = {
            column.name: encoded[column.name].result() if column.name in encoded else empty for column in spec.columns
        }
    if alone:
        give_back()  # what the reading held (tabular.memory)
    blank = _blank_rows(selected, len(rows))
    if blank.any():
        selected = {name: Texts(texts.distinct, texts.positions[~blank]) for name, texts in selected.items()}
        rows = rows[~blank]
    if not len(rows):
        warnings = [*warnings, TableProblem.written(source, None, None, _NO_ROWS.__getitem__)]
    return RawTable(source, selected, rows, problems, warnings)


def _blank_rows(columns: dict[str, Texts], rows: int) -> np.ndarray:
    """Per row, whether every cell of the table's columns is empty or spaces: what a spreadsheet saves
    of a row that is formatted but holds nothing (``;;;;``). Such a row is skipped, as an empty line is."""
    blank = np.ones(rows, dtype=bool)
    for texts in columns.values():
        empty = pc.equal(pc.utf8_trim_whitespace(texts.distinct), "").to_numpy(zero_copy_only=False)
        if not empty.any():  # a column with a value on every row, as a required one has: no row is blank
            return np.zeros(rows, dtype=bool)
        blank &= empty[texts.positions]
    return blank


_NO_ROWS: Said = {
    "en": "the table has no rows below its header",
    "nl": "de tabel heeft geen rijen onder zijn kopregel",
    "fr": "le tableau n'a aucune ligne sous sa ligne d'en-tête",
}


def _refuse_what_is_not_a_table(source: str, start: bytes) -> None:
    """A file that is no text and no workbook is refused in one sentence, not column by column."""
    kind = next((kind for magic, kind in NOT_TABLES.items() if start.startswith(magic)), None)
    if kind is None and b"\0" in start and not start.startswith(XLSX_MAGIC):
        kind = "no text: it holds binary data"
    if kind is not None:
        raise InvalidFiles([TableProblem(source, None, None, f"this file is not a table (CSV or XLSX) but {kind}")])
