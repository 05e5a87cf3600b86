"""Finding a table's header among the first rows of a file or a sheet: the row that names the
table's required columns, under their own, Dutch or French names (``tabular.column_names``) or the
names of the user's mapping file. Exports often put a title, a date and an empty row above it.

When no row names them all, the row that names the most columns tells which are missing; when no
row names any, the file is not the table asked for, and one sentence says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from ground.lang import Said
from tabular.column_names import header_key, names_of
from tabular.columns import TableSpec
from tabular.problems import InvalidFiles, TableProblem

HEADER_ROWS = 20
"""How many rows are searched for the header: room for a title, dates, notes and empty rows."""


class HeaderNames:
    """Which header names which column of a table: the mapping file's names first, then each
    column's own, Dutch and French names."""

    def __init__(self, spec: TableSpec, mapping: Mapping[str, str]) -> None:
        self.spec = spec
        known = {column.name for column in spec.columns}
        self._columns = {key: column for key, column in mapping.items() if column in known}
        for column in spec.columns:
            for name in names_of(column.name):
                self._columns.setdefault(header_key(name), column.name)

    def column(self, header: str) -> str | None:
        """The column ``header`` names, if it names one of the table's."""
        return self._columns.get(header_key(header))


@dataclass(frozen=True)
class HeaderRow:
    """A row that may be the header: its number (as a spreadsheet counts), its cells, and per
    column of the table the positions of the cells that name it."""

    number: int
    cells: tuple[str, ...]
    positions: dict[str, list[int]]
    missing: list[str]
    """The required columns it does not name."""

    @property
    def fitness(self) -> tuple[bool, int]:
        """How well it fits the table: whether it names every required column, else how many columns
        it names (of rows naming every required column, the first is the header)."""
        return not self.missing, 0 if not self.missing else len(self.positions)


def header_rows(rows: Iterable[Sequence[str]], names: HeaderNames) -> list[HeaderRow]:
    """The first ``HEADER_ROWS`` rows, as headers they could be (row 1 first)."""
    found = []
    for number, cells in enumerate(rows, start=1):
        if number > HEADER_ROWS:
            break
        positions: dict[str, list[int]] = {}
        for position, cell in enumerate(cells):
            if (column := names.column(cell)) is not None:
                positions.setdefault(column, []).append(position)
        missing = [column.name for column in names.spec.columns if column.required and column.name not in positions]
        found.append(HeaderRow(number, tuple(cells), positions, missing))
    return found


def best_row(candidates: list[HeaderRow]) -> HeaderRow | None:
    """The first row naming every required column, else the first naming the most columns; ``None``
    when no row names a column."""
    best = max(candidates, key=lambda row: row.fitness, default=None)  # max keeps the first of equals
    return best if best is not None and best.positions else None


def fitness(candidates: list[HeaderRow]) -> tuple[bool, int]:
    """How well the best of the rows fits the table; below any row's when no row names a column."""
    best = best_row(candidates)
    return best.fitness if best is not None else (False, -1)


def table_header(source: str, candidates: list[HeaderRow], names: HeaderNames) -> HeaderRow:
    """The header of the table, or ``InvalidFiles``: a column named twice, the required columns the
    best row misses, or, when no row names any column, one sentence."""
    spec = names.spec
    header = best_row(candidates)
    if header is None:
        required = ", ".join(column.name for column in spec.columns if column.required)
        raise InvalidFiles(
            [
                TableProblem(
                    source,
                    None,
                    None,
                    f"no header row: none of the first {HEADER_ROWS} rows names the columns of the {spec.name} "
                    f"({required}, or their Dutch or French names); is this the right file?",
                )
            ]
        )
    problems = [
        TableProblem(
            source,
            header.number,
            column,
            f"the column {column} appears {len(positions)} times in the header "
            f"({', '.join(repr(header.cells[position].strip()) for position in positions)})",
        )
        for column, positions in sorted(header.positions.items())
        if len(positions) > 1
    ] + [
        TableProblem(
            source,
            header.number,
            column,
            f"the required column {column} is missing from the header (other names it may have: "
            f"{', '.join(names_of(column)[1:])})",
        )
        for column in header.missing
    ]
    if problems:
        raise InvalidFiles(problems)
    return header


def header_warning(source: str, header: HeaderRow) -> list[TableProblem]:
    """Said when the header is not the first row: the rows above it were not read."""
    if header.number == 1:
        return []
    above = _ROW_ABOVE if header.number == 2 else _ROWS_ABOVE
    return [TableProblem.written(source, header.number, None, lambda lang: above[lang].format(last=header.number - 1))]


_ROW_ABOVE: Said = {
    "en": "the header was taken from this row; row 1 above it was skipped",
    "nl": "de kopregel is uit deze rij genomen; rij 1 erboven is overgeslagen",
    "fr": "l'en-tête a été pris dans cette ligne ; la ligne 1 au-dessus a été ignorée",
}
_ROWS_ABOVE: Said = {
    "en": "the header was taken from this row; rows 1-{last} above it were skipped",
    "nl": "de kopregel is uit deze rij genomen; de rijen 1-{last} erboven zijn overgeslagen",
    "fr": "l'en-tête a été pris dans cette ligne ; les lignes 1-{last} au-dessus ont été ignorées",
}


@dataclass(frozen=True)
class Extracted:
    """What a reader took from below the header: the columns of the table it found, as text under
    their own names, the row number of every record, the problems of rows that could not be split
    into fields, and what it has to say of the file (which row or sheet it read)."""

    source: str
    table: pa.Table
    rows: np.ndarray
    problems: list[TableProblem]
    warnings: list[TableProblem]
