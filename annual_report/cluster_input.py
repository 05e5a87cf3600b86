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
from annual_report.inputs import SETTINGS_KEYS, SettingsCheck, comparable, read_rows, toml_text
from annual_report.shared import ZERO
from tabular.columns import Column, TableSpec, Type
from tabular.problems import InvalidFiles, TableProblem
from tabular.reader import TableReader
from tabular.toml_file import read_toml

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
MEMBERS = 'write the other OCMWs of the cluster in a list, such as members = ["OCMW Berlare", "OCMW Waasmunster"]'
CATEGORIES = frozenset(CostCategory)
COUNTS = frozenset(TrainingCount)


def load_cluster_report(costs: Path, settings: Path, reader: TableReader | None = None) -> ClusterReport:
    """The report of the two files; ``InvalidFiles`` with every problem of both."""
    problems: list[TableProblem] = []
    try:
        lines = _cost_lines(costs, reader)
    except InvalidFiles as invalid:
        problems += invalid.problems
    try:
        values = _settings(settings)
    except InvalidFiles as invalid:
        problems += invalid.problems
    if problems:
        raise InvalidFiles(problems)
    return ClusterReport(costs=tuple(lines), **values)


def _cost_lines(path: Path, reader: TableReader | None) -> list[CostLine]:
    table = read_rows(path, COSTS, reader)
    rows, problems, source = table.rows, table.problems, table.source
    lines = []
    for row in rows:
        number = int(row["row"])
        if row["category"] == INVESTMENT:
            problems.append(
                TableProblem(source, number, "category", "investment costs are not accepted in the cluster plan")
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
                    source,
                    number,
                    "total",
                    f"the OCMW share, public share and income ({covered}) are more than the total ({line.total}): "
                    "the cluster-subsidy share would be negative",
                )
            )
        lines.append(line)
    if problems:
        raise InvalidFiles(problems)
    return lines


def _settings(path: Path) -> dict[str, Any]:
    """The settings' values; ``InvalidFiles`` with all their problems."""
    data = read_toml(path)
    check = SettingsCheck(path)
    if check.of_another_report(data, "cluster"):
        check.raise_problems()
    check.known(data, SETTINGS_KEYS["cluster"])
    content = data.get("content", "")
    if not isinstance(content, str):
        check.problem(
            "content",
            f"{toml_text(content)} is not text; write the description of the year's work in quotes, "
            'such as content = """..."""',
        )
        content = ""
    elif len(content) > CONTENT_LIMIT:
        check.problem("content", f"{len(content)} characters; the form allows {CONTENT_LIMIT}")
    promoter = check.name(data.get("promoter"), "promoter", "the cluster promoter's name", "OCMW Zele")
    values = {
        "year": check.year(data.get("year")),
        "promoter": promoter,
        "members": _members(data.get("members"), promoter, check),
        "content": content,
        "subsidy": check.amount(data.get("subsidy", SUBSIDY), "subsidy"),
        "training": _training(data.get("training"), check),
        "cooperations": check.agreements(data.get("cooperation", [])),
        "activated_persons": None
        if "activated_persons" not in data
        else check.persons(data["activated_persons"], "activated_persons"),
    }
    check.raise_problems()
    return values


def _members(value: object, promoter: str, check: SettingsCheck) -> tuple[str, ...]:
    """The other OCMWs of the cluster, which the promoter states (section 7.1): at least one, each
    once, the promoter not among them."""
    if value is None or value == []:
        check.problem("members", f"{'missing' if value is None else 'empty'}; {MEMBERS}")
        return ()
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        check.problem("members", f"{toml_text(value)} is not a list of names; {MEMBERS}")
        return ()
    members = tuple(name.strip() for name in value)
    if not all(members):
        check.problem("members", f"an empty name; {MEMBERS}")
    seen: dict[str, str] = {}
    for name in filter(None, members):
        if comparable(name) == comparable(promoter):
            check.problem("members", f"{name} is the promoter; list the other OCMWs of the cluster")
        elif comparable(name) in seen:
            check.problem("members", f"{name} names {seen[comparable(name)]} again; name each OCMW once")
        seen.setdefault(comparable(name), name)
    return members


def _training(table: object, check: SettingsCheck) -> dict[TrainingCount, int]:
    required = [count for count in TrainingCount if count is not TrainingCount.SOCIAL_ACTIVATION]
    if table is None:
        check.problem(
            "training",
            f"missing; add a [training] table with the counts {', '.join(required)} (0 when there were none)",
        )
        return {}
    if not isinstance(table, dict):
        check.problem("training", "a table of counts: [training] with one line per count")
        return {}
    counts: dict[TrainingCount, int] = {}
    for key, value in table.items():
        if key not in COUNTS:
            check.problem(f"training.{key}", f"unknown count; the counts are {', '.join(TrainingCount)}")
        elif (persons := check.persons(value, f"training.{key}")) is not None:
            counts[TrainingCount(key)] = persons
    for count in required:
        if count.value not in table:
            check.problem(f"training.{count}", "missing; write the number of persons, 0 when there were none")
    return counts
