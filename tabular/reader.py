"""Reading the tables of one command or page: with the user's choices (the sheet, the mapping file),
and keeping what the reading had to say of each table (the header's row, the sheet read, numbers
given back their zeros) for the command to show beside its result."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tabular.choices import TableChoices
from tabular.columns import TableSpec
from tabular.problems import TableProblem
from tabular.reading import RawTable, read_table

if TYPE_CHECKING:
    from tabular.parsing import ParsedTable


class TableReader:
    """Reads and parses tables with the same choices, and collects their warnings."""

    def __init__(self, choices: TableChoices | None = None, *, show_progress: bool | None = None) -> None:
        self.choices = choices or TableChoices()
        self.show_progress = show_progress
        self.warnings: list[TableProblem] = []

    def read(self, path: Path, spec: TableSpec, *, alone: bool = True) -> RawTable:
        """The table's texts (``tabular.reading.read_table``); ``InvalidFiles`` when it cannot be found.
        ``alone``: whether the reading runs alone, on every core, or beside other work, on one."""
        return read_table(path, spec, choices=self.choices, show_progress=self.show_progress, alone=alone)

    def parse(self, raw: RawTable, spec: TableSpec, *, drop_copies: bool = True) -> ParsedTable:
        """The table typed (``tabular.parsing.parse_table``); its warnings kept."""
        from tabular.parsing import parse_table  # pandas, which the reading does not need

        parsed = parse_table(raw, spec, drop_copies=drop_copies)
        self.warnings += parsed.warnings
        return parsed

    def parsed(self, path: Path, spec: TableSpec, *, drop_copies: bool = True) -> ParsedTable:
        """Read, then parsed."""
        return self.parse(self.read(path, spec), spec, drop_copies=drop_copies)
