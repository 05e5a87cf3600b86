"""What is wrong with an input table, where: file, row and column, in a sentence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ground.errors import InvalidInput

ROWS_SHOWN = 5
"""How many rows a warning about many rows names, before "and N more"."""


@dataclass(frozen=True, order=True)
class TableProblem:
    """One problem of an input file; ``row`` counts as a spreadsheet does (the header is row 1),
    ``None`` for a problem of the whole file; ``column`` is ``None`` for a problem of a whole row."""

    file: str
    row: int | None
    column: str | None
    message: str

    def format(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"


class InvalidFiles(InvalidInput):
    """The input files (tables, settings, mappings) have problems, each with its file, row and
    column; nothing is computed from them."""

    def __init__(self, problems: list[TableProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or "", p.message))
        super().__init__(f"{len(problems)} {'problem' if len(problems) == 1 else 'problems'} in the input")


def written_rows(rows: Sequence[int]) -> str:
    """The rows a warning concerns: a few, then how many more.

    >>> written_rows([4]), written_rows([3, 7, 12, 15, 20, 21, 30])
    ('row 4', 'rows 3, 7, 12, 15, 20 and 2 more')
    """
    shown = ", ".join(str(row) for row in rows[:ROWS_SHOWN])
    if len(rows) == 1:
        return f"row {shown}"
    more = f" and {len(rows) - ROWS_SHOWN} more" if len(rows) > ROWS_SHOWN else ""
    return f"rows {shown}{more}"
