"""Reading a report's inputs: its table (CSV or XLSX, every problem named by file, row and column)
and its settings file (TOML, every problem named by the file and the key); all problems are
reported at once and nothing is computed from a faulty input."""

from __future__ import annotations

import tomllib
from collections.abc import Hashable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from annual_report.shared import CENT, ZERO, Agreement
from tabular.columns import TableSpec
from tabular.problems import InvalidInput, TableProblem
from tabular.reader import TableReader

Row = dict[Hashable, Any]
"""A row of a parsed table, by column name, with the ``row`` it was read from."""

DECREE_AMOUNT = "the amount of the royal decree for the year"
LARGEST_AMOUNT = Decimal("1E12")
"""Above any subsidy: an amount this large is a typing error."""


def read_rows(path: Path, spec: TableSpec, reader: TableReader | None = None) -> tuple[list[Row], list[TableProblem]]:
    """The table's rows, parsed (equal rows kept: two equal invoices are two costs), and the problems
    of its values; no rows when the file cannot be read as the table. ``reader`` reads it with the
    user's choices (the sheet, the mapping file) and keeps its warnings."""
    try:
        parsed = (reader or TableReader()).parsed(path, spec, drop_copies=False)
    except InvalidInput as invalid:
        return [], invalid.problems
    return parsed.frame.to_dict("records"), parsed.problems


def load_toml(path: Path) -> dict[str, Any]:
    """The file's values; ``InvalidInput`` when it cannot be read or is not TOML."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput([TableProblem(str(path), None, None, f"the file cannot be read: {error}")]) from None
    except tomllib.TOMLDecodeError as error:
        raise InvalidInput([TableProblem(str(path), None, None, f"not a TOML file: {error}")]) from None


class SettingsCheck:
    """Collects the problems of one settings file while its values are taken out of it."""

    def __init__(self, path: Path) -> None:
        self.source = str(path)
        self.problems: list[TableProblem] = []
        self._wrong: set[str] = set()

    def problem(self, key: str, message: str) -> None:
        self.problems.append(TableProblem(self.source, None, None, f"{key}: {message}"))
        self._wrong.add(key)

    def failed(self, key: str) -> bool:
        """Whether the setting ``key`` had a problem (its value is then not to be compared)."""
        return key in self._wrong

    def raise_problems(self) -> None:
        if self.problems:
            raise InvalidInput(self.problems)

    def known(self, table: dict[str, Any], keys: set[str], prefix: str = "") -> None:
        """A problem for every key of ``table`` that is not one of ``keys``: a misspelt setting is
        never silently ignored."""
        for key in sorted(set(table) - keys):
            self.problem(f"{prefix}{key}", f"unknown setting; the settings here are {', '.join(sorted(keys))}")

    def year(self, value: object, key: str = "year") -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not 2000 <= value <= 2100:
            self.problem(key, f"{value!r} is not a year such as 2025")
            return 0
        return value

    def name(self, value: object, key: str, what: str) -> str:
        if value is not None and not isinstance(value, str):
            self.problem(key, f"{value!r} is not text: write {what} in quotes")
            return ""
        if not value or not value.strip():
            self.problem(key, f"{what} is required")
            return ""
        return value.strip()

    def amount(self, value: object, key: str) -> Decimal:
        """An amount in euro of at least 0 with at most two decimals (12500, 12500.5, "12500.50")."""
        try:
            amount = (
                Decimal(str(value))
                if isinstance(value, Decimal | int | float | str) and not isinstance(value, bool)
                else None
            )
        except InvalidOperation:
            amount = None
        if (
            amount is None
            or not amount.is_finite()
            or not ZERO <= amount < LARGEST_AMOUNT
            or amount != amount.quantize(CENT)
        ):
            self.problem(key, f"{value!r} is not an amount in euro such as 12500.00")
            return ZERO
        return amount.quantize(CENT)

    def required_amount(self, table: dict[str, Any], name: str, key: str, what: str = "") -> Decimal:
        """The amount ``table[name]`` (see ``amount``); a problem at ``key`` when it is missing,
        ``what`` saying what it is."""
        if name not in table:
            self.problem(key, f"required: {what}" if what else "required")
            return ZERO
        return self.amount(table[name], key)

    def flag(self, value: object, key: str) -> bool:
        if not isinstance(value, bool):
            self.problem(key, f"{value!r} is not true or false")
            return False
        return value

    def agreements(self, value: object, key: str = "cooperation") -> tuple[Agreement, ...]:
        """The cooperation agreements, ``[[cooperation]]`` tables with a partner and a kind."""
        found = []
        example = f'[[{key}]] with partner = "..." and kind = "..."'
        for number, entry in enumerate(self.tables(value, key, example), start=1):
            where = f"{key}[{number}]"
            self.known(entry, {"partner", "kind"}, prefix=f"{where}.")
            partner = self.name(entry.get("partner"), f"{where}.partner", "the partner's name")
            kind = self.name(entry.get("kind"), f"{where}.kind", "the kind of agreement")
            found.append(Agreement(partner, kind))
        return tuple(found)

    def tables(self, value: object, key: str, example: str) -> list[dict[str, Any]]:
        """A list of tables (``[[key]]`` in the file)."""
        if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
            self.problem(key, f"a list of tables: {example}")
            return []
        return value
