"""Reading a report's inputs: its table (CSV or XLSX, every problem named by file, row and column)
and its settings file (TOML, every problem named by the file and the key); all problems are
reported at once and nothing is computed from a faulty input."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from annual_report.participation import Measure
from annual_report.shared import CENT, ZERO, Agreement
from ground import days
from ground.errors import InvalidValue
from tabular.columns import TableSpec
from tabular.problems import InvalidFiles, TableProblem
from tabular.reader import TableReader

Row = dict[Hashable, Any]
"""A row of a parsed table, by column name, with the ``row`` it was read from."""

DECREE_AMOUNT = "the amount of the royal decree for the year"
LARGEST_AMOUNT = Decimal("1E12")
"""Above any subsidy: an amount this large is a typing error."""
SETTINGS_KEYS: dict[str, frozenset[str]] = {
    "participation": frozenset({"year", "ocmw", *Measure}),
    "psa": frozenset(
        {"year", "ocmw", "granted", "personnel_lump_sum", "cooperation_total", "cooperation", "allocated"}
    ),
    "cluster": frozenset(
        {"year", "promoter", "members", "content", "subsidy", "training", "cooperation", "activated_persons"}
    ),
}
"""The settings each report (``ocmw report <name>``) takes at the top of its file."""


@dataclass(frozen=True)
class Rows:
    """A report's table as read: the rows whose every value could be read (a row with a value that
    could not be is not checked further: its problem says why), the problems of the values, and
    where the table was read, to name in the problems of its rules."""

    rows: list[Row]
    problems: list[TableProblem]
    source: str


def read_rows(path: Path, spec: TableSpec, reader: TableReader | None = None) -> Rows:
    """The table's rows, parsed (equal rows kept: two equal invoices are two costs); no rows when the
    file cannot be read as the table. ``reader`` reads it with the user's choices (the sheet, the
    mapping file) and keeps its warnings."""
    try:
        parsed = (reader or TableReader()).parsed(path, spec, drop_copies=False)
    except InvalidFiles as invalid:
        return Rows([], invalid.problems, str(path))
    unread = {row for problem in parsed.problems for row in problem.rows}
    rows = [row for row in parsed.frame.to_dict("records") if int(row["row"]) not in unread]
    return Rows(rows, parsed.problems, parsed.source)


def comparable(text: str) -> str:
    """``text`` as it is compared with another: without case, accents, punctuation or extra spaces.

    >>> comparable("  Toegangstickets  théâtre, Arca! "), comparable("OCMW  berlare") == comparable("ocmw Berlare")
    ('toegangstickets theatre arca', True)
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", plain.casefold()).split())


def toml_text(value: object) -> str:
    """A setting's value as it reads in the TOML file, for messages: text in double quotes, true
    and false, dates as written; a list or a table by its kind.

    >>> [toml_text(value) for value in ("2025", True, 1e30, ["own"], {"a": 1}, dt.date(2025, 3, 1))]
    ['"2025"', 'true', '1e+30', 'a list', 'a table', '2025-03-01']
    """
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def settings_problem(source: str, key: str, message: str) -> TableProblem:
    """A problem of the setting ``key`` of the settings file ``source``."""
    return TableProblem(source, None, None, f"{key}: {message}")


def _leaf(key: str) -> str:
    """The name a setting has on its own line: ``decree_amount`` for ``participation.decree_amount``."""
    return key.rsplit(".", 1)[-1]


class SettingsCheck:
    """Collects the problems of one settings file while its values are taken out of it. A message
    says what is wrong and what would be right, the value as it reads in the file."""

    def __init__(self, path: Path) -> None:
        self.source = str(path)
        self.problems: list[TableProblem] = []
        self._wrong: set[str] = set()

    def problem(self, key: str, message: str) -> None:
        self.problems.append(settings_problem(self.source, key, message))
        self._wrong.add(key)

    def failed(self, key: str) -> bool:
        """Whether the setting ``key`` had a problem (its value is then not to be compared)."""
        return key in self._wrong

    def raise_problems(self) -> None:
        if self.problems:
            raise InvalidFiles(self.problems)

    def of_another_report(self, data: dict[str, Any], report: str) -> bool:
        """Whether the file is clearly the settings of another report: it has none of the settings
        only ``report`` takes, and some that only another takes. That is then its one problem."""
        own = _only_of(report)
        if own & set(data):
            return False
        others = {other: _only_of(other) & set(data) for other in SETTINGS_KEYS if other != report}
        other, found = max(others.items(), key=lambda item: len(item[1]))
        if not found:
            return False
        self.problems.append(
            TableProblem(
                self.source,
                None,
                None,
                f"these are the settings of ocmw report {other} (they have {', '.join(sorted(found))}); "
                f"ocmw report {report} needs its own settings file, with {', '.join(sorted(SETTINGS_KEYS[report]))}",
            )
        )
        return True

    def known(self, table: dict[str, Any], keys: Iterable[str], prefix: str = "") -> None:
        """A problem for every key of ``table`` that is not one of ``keys``: a misspelt setting is
        never silently ignored."""
        for key in sorted(set(table) - set(keys)):
            self.problem(f"{prefix}{key}", f"unknown setting; the settings here are {', '.join(sorted(keys))}")

    def year(self, value: object, key: str = "year") -> int:
        if value is None:
            self.problem(key, "missing; write the subsidy year, such as year = 2025")
            return 0
        if not isinstance(value, int) or isinstance(value, bool) or not 2000 <= value <= 2100:
            self.problem(
                key,
                f"{toml_text(value)} is not a subsidy year (2000 to 2100); "
                "write it as a whole number, such as year = 2025",
            )
            return 0
        return value

    def name(self, value: object, key: str, what: str, example: str) -> str:
        """A name: text that is not empty; ``what`` says what it names, ``example`` is one."""
        right = f'write {what} in quotes, such as {_leaf(key)} = "{example}"'
        if value is None:
            self.problem(key, f"missing; {right}")
            return ""
        if not isinstance(value, str):
            self.problem(key, f"{toml_text(value)} is not text; {right}")
            return ""
        if not value.strip():
            self.problem(key, f"empty; {right}")
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
            self.problem(key, f"{toml_text(value)} is not an amount in euro such as 12500.00")
            return ZERO
        return amount.quantize(CENT)

    def required_amount(self, table: dict[str, Any], name: str, key: str, what: str = "the amount in euro") -> Decimal:
        """The amount ``table[name]`` (see ``amount``); a problem at ``key`` when it is missing,
        ``what`` saying what it is."""
        if name not in table:
            self.problem(key, f"missing; write {what}, such as {name} = 12500.00")
            return ZERO
        return self.amount(table[name], key)

    def persons(self, value: object, key: str) -> int | None:
        """A number of persons: a whole number of at least 0; None when it is not one."""
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            self.problem(
                key, f"{toml_text(value)} is not a whole number of persons; write 0 or more, such as {_leaf(key)} = 3"
            )
            return None
        return value

    def day(self, value: object, key: str) -> dt.date | None:
        """A day: a TOML date (2025-03-12) or text as people write it ("12/03/2025"); None when it is
        not one."""
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return days.validate(value)
            except InvalidValue as wrong:
                self.problem(key, wrong.message("en"))
                return None
        self.problem(key, f"{toml_text(value)} is not a date; write it such as {_leaf(key)} = 2025-03-12")
        return None

    def flag(self, value: object, key: str) -> bool:
        if not isinstance(value, bool):
            leaf = _leaf(key)
            self.problem(key, f"{toml_text(value)} is not true or false; write {leaf} = true or {leaf} = false")
            return False
        return value

    def agreements(self, value: object, key: str = "cooperation") -> tuple[Agreement, ...]:
        """The cooperation agreements, ``[[cooperation]]`` tables with a partner and a kind."""
        found = []
        example = f'[[{key}]] with partner = "..." and kind = "..."'
        for number, entry in enumerate(self.tables(value, key, example), start=1):
            where = f"{key}[{number}]"
            self.known(entry, {"partner", "kind"}, prefix=f"{where}.")
            partner = self.name(entry.get("partner"), f"{where}.partner", "the partner's name", "vzw Buurtwerk")
            kind = self.name(entry.get("kind"), f"{where}.kind", "the kind of agreement", "samenwerkingsovereenkomst")
            found.append(Agreement(partner, kind))
        return tuple(found)

    def tables(self, value: object, key: str, example: str) -> list[dict[str, Any]]:
        """A list of tables (``[[key]]`` in the file)."""
        if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
            self.problem(key, f"a list of tables: {example}")
            return []
        return value


def _only_of(report: str) -> frozenset[str]:
    """The settings ``report`` takes and no other report does."""
    others = (keys for other, keys in SETTINGS_KEYS.items() if other != report)
    return SETTINGS_KEYS[report].difference(*others)
