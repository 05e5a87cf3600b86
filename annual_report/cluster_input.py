"""Reading what the cluster promoter fills in: the cost lines (CSV or XLSX, one row per line) and
the report's settings (a TOML file). Every problem of both is reported at once, with file, row and
column for the lines and file and key for the settings; nothing is computed from a faulty input."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from annual_report.cluster import (
    CONTENT_LIMIT,
    SUBSIDY,
    ClusterReport,
    Cooperation,
    CostCategory,
    CostLine,
    TrainingCount,
)
from tabular.columns import Column, TableSpec, Type
from tabular.parsing import parse_table
from tabular.problems import InvalidInput, TableProblem
from tabular.reading import read_table

INVESTMENT = "investment"
COSTS = TableSpec(
    "cluster costs",
    (
        Column("category", Type.CHOICE, required=True, choices=(*CostCategory, INVESTMENT)),
        Column("description", Type.TEXT, max_length=200),
        Column("total", Type.AMOUNT, required=True),
        Column("ocmw_share", Type.AMOUNT),
        Column("public_share", Type.AMOUNT),
        Column("income", Type.AMOUNT),
    ),
)
CATEGORIES = frozenset(CostCategory)
COUNTS = frozenset(TrainingCount)
ZERO = Decimal("0.00")
Report = Callable[[str, str], None]
"""Adds a problem of a setting: its key, and what is wrong."""


def load_cluster_report(costs: Path, settings: Path) -> ClusterReport:
    """The report of the two files; ``InvalidInput`` with every problem of both."""
    problems: list[TableProblem] = []
    try:
        lines = _cost_lines(costs)
    except InvalidInput as invalid:
        problems += invalid.problems
    try:
        values = _settings(settings)
    except InvalidInput as invalid:
        problems += invalid.problems
    if problems:
        raise InvalidInput(problems)
    return ClusterReport(costs=tuple(lines), **values)


def _cost_lines(path: Path) -> list[CostLine]:
    parsed = parse_table(read_table(path, COSTS), COSTS, drop_copies=False)  # two equal invoices are two costs
    problems = list(parsed.problems)
    lines = []
    for row in parsed.frame.to_dict("records"):
        number = int(row["row"])
        if row["category"] == INVESTMENT:
            problems.append(
                TableProblem(str(path), number, "category", "investment costs are not accepted in the cluster plan")
            )
            continue
        if row["category"] not in CATEGORIES:
            continue  # refused by the parser
        line = CostLine(
            category=CostCategory(row["category"]),
            description=str(row["description"] or ""),
            total=row["total"] if row["total"] is not None else ZERO,
            ocmw_share=row["ocmw_share"] or ZERO,
            public_share=row["public_share"] or ZERO,
            income=row["income"] or ZERO,
            row=number,
        )
        if line.cluster_share < 0:
            covered = line.ocmw_share + line.public_share + line.income
            problems.append(
                TableProblem(
                    str(path),
                    number,
                    "total",
                    f"the OCMW share, public share and income ({covered}) are more than the total ({line.total}): "
                    "the cluster-subsidy share would be negative",
                )
            )
        lines.append(line)
    if problems:
        raise InvalidInput(problems)
    return lines


def _settings(path: Path) -> dict[str, Any]:
    """The settings' values; ``InvalidInput`` with all their problems."""
    source = str(path)
    problems: list[TableProblem] = []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput([TableProblem(source, None, None, f"the file cannot be read: {error}")]) from None
    except tomllib.TOMLDecodeError as error:
        raise InvalidInput([TableProblem(source, None, None, f"not a TOML file: {error}")]) from None

    def problem(key: str, message: str) -> None:
        problems.append(TableProblem(source, None, None, f"{key}: {message}"))

    known = {"year", "promoter", "members", "content", "subsidy", "training", "cooperation"}
    for key in sorted(set(data) - known):
        problem(key, f"unknown setting; the settings are {', '.join(sorted(known))}")
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        problem("year", f"{year!r} is not a year such as 2025")
    promoter = data.get("promoter")
    if not isinstance(promoter, str) or not promoter.strip():
        problem("promoter", "the cluster promoter's name is required")
    members = data.get("members", [])
    if not isinstance(members, list) or not all(isinstance(name, str) and name.strip() for name in members):
        problem("members", 'a list of the member OCMWs\' names: members = ["OCMW A", "OCMW B"]')
        members = []
    content = data.get("content", "")
    if not isinstance(content, str):
        problem("content", "the description of the year's work is text")
        content = ""
    elif len(content) > CONTENT_LIMIT:
        problem("content", f"{len(content)} characters; the form allows {CONTENT_LIMIT}")
    values = {
        "year": year,
        "promoter": promoter.strip() if isinstance(promoter, str) else "",
        "members": tuple(name.strip() for name in members),
        "content": content,
        "subsidy": _amount(data.get("subsidy", SUBSIDY), "subsidy", problem),
        "training": _training(data.get("training", {}), problem),
        "cooperations": _cooperations(data.get("cooperation", []), problem),
    }
    if problems:
        raise InvalidInput(problems)
    return values


def _amount(value: object, key: str, problem: Report) -> Decimal:
    try:
        amount = (
            Decimal(str(value))
            if isinstance(value, Decimal | int | float | str) and not isinstance(value, bool)
            else None
        )
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
        problem(key, f"{value!r} is not an amount in euro such as 12500.00")
        return ZERO
    return amount.quantize(Decimal("0.01"))


def _training(table: object, problem: Report) -> dict[TrainingCount, int]:
    if not isinstance(table, dict):
        problem("training", "a table of counts: [training] with one line per count")
        return {}
    counts: dict[TrainingCount, int] = {}
    for key, value in table.items():
        if key not in COUNTS:
            problem(f"training.{key}", f"unknown count; the counts are {', '.join(TrainingCount)}")
        elif not isinstance(value, int) or isinstance(value, bool) or value < 0:
            problem(f"training.{key}", f"{value!r} is not a whole number of persons")
        else:
            counts[TrainingCount(key)] = value
    for count in TrainingCount:
        if count is not TrainingCount.SOCIAL_ACTIVATION and count.value not in table:
            problem(f"training.{count}", "required; write 0 when there were none")
    return counts


def _cooperations(entries: object, problem: Report) -> tuple[Cooperation, ...]:
    if not isinstance(entries, list):
        problem("cooperation", 'a list: [[cooperation]] with partner = "..." and kind = "..."')
        return ()
    found = []
    for number, entry in enumerate(entries, start=1):
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("partner"), str)
            or not isinstance(entry.get("kind"), str)
            or not entry["partner"].strip()
        ):
            problem(f"cooperation[{number}]", 'needs partner = "..." and kind = "..." (an agreement, by its kind)')
            continue
        found.append(Cooperation(partner=entry["partner"].strip(), kind=entry["kind"].strip()))
    return tuple(found)
