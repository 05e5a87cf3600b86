"""What a column of an input table holds, and a table as its named columns."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Type(enum.Enum):
    TEXT = "text"
    POSITIVE_INTEGER = "integer >= 1"
    COUNT = "integer >= 0"
    DATE = "date"
    BOOLEAN = "boolean"
    SSIN = "INSZ/BIS number"
    NIS = "NIS code"
    CHOICE = "choice"
    AMOUNT = "amount in euro"


@dataclass(frozen=True)
class Column:
    name: str
    type: Type
    required: bool = False
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    """For text: the longest value allowed, in characters."""
    past: bool = False
    """For a date: no later than today (a birth date)."""


@dataclass(frozen=True)
class TableSpec:
    """A table: its name in messages and its columns; other columns of a file are ignored."""

    name: str
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)
