"""Reading what the cluster promoter fills in: the cost lines (CSV or XLSX, one row per line) and
the report's settings (a TOML file). Every problem of both is reported at once, with file, row and
column for the lines and file and key for the settings; nothing is computed from a faulty input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annual_report.cluster import (
    CONTENT_LIMIT,
    SUBSIDY,
    ClusterReport,
    CostCategory,
    CostLine,
    TrainingCount,
)
from annual_report.inputs import SettingsCheck, load_toml, read_rows
from annual_report.shared import ZERO
from tabular.columns import Column, TableSpec, Type
from tabular.problems import InvalidInput, TableProblem
from tabular.reader import TableReader

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


def load_cluster_report(costs: Path, settings: Path, reader: TableReader | None = None) -> ClusterReport:
    """The report of the two files; ``InvalidInput`` with every problem of both."""
    problems: list[TableProblem] = []
    try:
        lines = _cost_lines(costs, reader)
    except InvalidInput as invalid:
        problems += invalid.problems
    try:
        values = _settings(settings)
    except InvalidInput as invalid:
        problems += invalid.problems
    if problems:
        raise InvalidInput(problems)
    return ClusterReport(costs=tuple(lines), **values)


def _cost_lines(path: Path, reader: TableReader | None) -> list[CostLine]:
    rows, problems = read_rows(path, COSTS, reader)
    lines = []
    for row in rows:
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
    data = load_toml(path)
    check = SettingsCheck(path)
    check.known(data, {"year", "promoter", "members", "content", "subsidy", "training", "cooperation"})
    members = data.get("members", [])
    if not isinstance(members, list) or not all(isinstance(name, str) and name.strip() for name in members):
        check.problem("members", 'a list of the member OCMWs\' names: members = ["OCMW A", "OCMW B"]')
        members = []
    content = data.get("content", "")
    if not isinstance(content, str):
        check.problem("content", "the description of the year's work is text")
        content = ""
    elif len(content) > CONTENT_LIMIT:
        check.problem("content", f"{len(content)} characters; the form allows {CONTENT_LIMIT}")
    values = {
        "year": check.year(data.get("year")),
        "promoter": check.name(data.get("promoter"), "promoter", "the cluster promoter's name"),
        "members": tuple(name.strip() for name in members),
        "content": content,
        "subsidy": check.amount(data.get("subsidy", SUBSIDY), "subsidy"),
        "training": _training(data.get("training", {}), check),
        "cooperations": check.agreements(data.get("cooperation", [])),
    }
    check.raise_problems()
    return values


def _training(table: object, check: SettingsCheck) -> dict[TrainingCount, int]:
    if not isinstance(table, dict):
        check.problem("training", "a table of counts: [training] with one line per count")
        return {}
    counts: dict[TrainingCount, int] = {}
    for key, value in table.items():
        if key not in COUNTS:
            check.problem(f"training.{key}", f"unknown count; the counts are {', '.join(TrainingCount)}")
        elif not isinstance(value, int) or isinstance(value, bool) or value < 0:
            check.problem(f"training.{key}", f"{value!r} is not a whole number of persons")
        else:
            counts[TrainingCount(key)] = value
    for count in TrainingCount:
        if count is not TrainingCount.SOCIAL_ACTIVATION and count.value not in table:
            check.problem(f"training.{count}", "required; write 0 when there were none")
    return counts
