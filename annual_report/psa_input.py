"""Reading what the OCMW enters for the participation and social activation subsidy: the activities
(CSV or XLSX, one row per activity) and the settings (TOML). Every problem of both files is reported
at once.

The beneficiaries with a right to social integration and with an individual trajectory may be
estimated as a percentage of the activity's beneficiaries ("when in doubt", says the circular):
``40%`` of 12 beneficiaries counts 5 (rounded half up)."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from annual_report.inputs import DECREE_AMOUNT, SETTINGS_KEYS, Row, SettingsCheck, read_rows, toml_text
from annual_report.participation import Category
from annual_report.psa import EXEMPTION_LIMIT, KINDS, LumpSumKind, Part, PsaActivity, PsaSettings
from annual_report.shared import ZERO
from tabular.columns import Column, TableSpec, Type
from tabular.problems import InvalidFiles, TableProblem
from tabular.reader import TableReader
from tabular.toml_file import read_toml

ESTIMATED = ("with_integration_right", "with_trajectory")
ACTIVITIES = TableSpec(
    "PSA activities",
    (
        Column("part", Type.CHOICE, required=True, choices=tuple(Part)),
        Column("activity", Type.CHOICE, choices=tuple(kind for kinds in KINDS.values() for kind in kinds)),
        Column("description", Type.TEXT, required=True, max_length=250),
        Column("beneficiaries", Type.POSITIVE_INTEGER),
        *(Column(name, Type.TEXT) for name in ESTIMATED),
        Column("spent", Type.AMOUNT, required=True),
        Column("personnel_costs", Type.AMOUNT),
        Column("dropouts", Type.COUNT),
        Column("progressed", Type.COUNT),
    ),
)
NUMBER = re.compile(r"\+?(\d{1,9})")
PERCENTAGE = re.compile(r"(\d{1,3}(?:[.,]\d{1,2})?) ?%")
FRACTION = re.compile(r"0\.\d+")
"""What 40 % typed as a fraction reads as (a percentage cell of a workbook reads ``40%``, as it is shown)."""
Report = Callable[[str, str], None]
"""Adds a problem of the row: its column, and what is wrong."""


def load_psa(
    activities: Path, settings: Path, reader: TableReader | None = None
) -> tuple[PsaSettings, list[PsaActivity]]:
    """The settings and activities of the two files; ``InvalidFiles`` with every problem of both.
    A row with a value that could not be read is not checked further (its problem says why)."""
    found, problems = _settings(settings)
    table = read_rows(activities, ACTIVITIES, reader)
    problems += table.problems
    exempt = None if found is None else found.exempt
    read: list[PsaActivity] = []
    for row in table.rows:
        activity, row_problems = _activity(table.source, row, exempt)
        problems += row_problems
        if activity is not None:
            read.append(activity)
    if problems or found is None:
        raise InvalidFiles(problems)
    return found, read


def _activity(source: str, row: Row, exempt: bool | None) -> tuple[PsaActivity | None, list[TableProblem]]:
    """The row's activity, or None when it has problems; the row's problems. ``exempt`` is None when
    the grant could not be read: what an exempt OCMW may leave empty is then not asked for."""
    number = int(row["row"])
    problems: list[TableProblem] = []

    def problem(column: str, message: str) -> None:
        problems.append(TableProblem(source, number, column, message))

    part = Part(row["part"])
    kind = Category(row["activity"]) if row["activity"] else None
    beneficiaries = int(row["beneficiaries"])
    if exempt is False:
        if kind is None:
            problem("activity", f"empty; required for a subsidy of 7 500 or more: {', '.join(KINDS[part])}")
        if not beneficiaries:
            problem("beneficiaries", "empty; one whole number is required for a subsidy of 7 500 or more")
    if kind is not None and kind not in KINDS[part]:
        problem("activity", f"{kind} is not an activity of part {part}; use {', '.join(KINDS[part])}")
    estimated = {name: _estimate(str(row[name] or ""), beneficiaries, name, problem) for name in ESTIMATED}
    personnel = row["personnel_costs"] or Decimal("0.00")
    if personnel > row["spent"]:
        problem("personnel_costs", f"{personnel} is more than what was spent ({row['spent']}), of which it is part")
    dropouts, progressed = int(row["dropouts"]), int(row["progressed"])
    if part is not Part.COLLECTIVE_MODULES:
        for name, value in (("dropouts", dropouts), ("progressed", progressed)):
            if value:
                problem(name, "only collective modules (part B) count drop-outs and progress; leave it empty")
    elif dropouts > beneficiaries:
        problem("dropouts", f"{dropouts} drop-outs of {beneficiaries} participants; at most {beneficiaries}")
    elif progressed > beneficiaries - dropouts:
        problem(
            "progressed",
            f"{progressed} made progress, but {beneficiaries - dropouts} of {beneficiaries} participants finished; "
            "progress is measured at the end of the module",
        )
    if problems:
        return None, problems
    return (
        PsaActivity(
            part=part,
            kind=kind,
            description=str(row["description"]).strip(),
            spent=row["spent"],
            beneficiaries=beneficiaries,
            personnel_costs=personnel,
            dropouts=dropouts,
            progressed=progressed,
            row=number,
            **estimated,
        ),
        [],
    )


def _estimate(text: str, beneficiaries: int, column: str, problem: Report) -> int:
    """A count of beneficiaries, given as a number or a percentage of the activity's beneficiaries."""
    value = text.strip()
    if not value:
        return 0
    if match := NUMBER.fullmatch(value):
        count = int(match[1])
    elif (match := PERCENTAGE.fullmatch(value)) and Decimal(match[1].replace(",", ".")) <= 100:
        share = Decimal(match[1].replace(",", "."))
        count = int((share * beneficiaries / 100).quantize(Decimal(1), ROUND_HALF_UP))
    elif FRACTION.fullmatch(value):
        problem(
            column,
            f"{value!r} looks like a spreadsheet cell shown as a percentage; type the percentage as text "
            "(such as 40%) or give the number of beneficiaries",
        )
        return 0
    else:
        problem(column, f"{value!r} is not a number of beneficiaries (such as 4) or a percentage of them (such as 40%)")
        return 0
    if count > beneficiaries:
        problem(column, f"{count} is more than the activity's {beneficiaries} beneficiaries")
    return count


def _settings(path: Path) -> tuple[PsaSettings | None, list[TableProblem]]:
    """The settings, or None when the grant could not be read; their problems."""
    try:
        data = read_toml(path)
    except InvalidFiles as invalid:
        return None, invalid.problems
    check = SettingsCheck(path)
    if check.of_another_report(data, "psa"):
        return None, check.problems
    check.known(data, SETTINGS_KEYS["psa"])
    granted = check.required_amount(data, "granted", "granted", DECREE_AMOUNT)
    kind = data.get("personnel_lump_sum", LumpSumKind.NONE.value)
    if not isinstance(kind, str) or kind not in set(LumpSumKind):
        check.problem(
            "personnel_lump_sum",
            f"{toml_text(kind)} is not one of {', '.join(LumpSumKind)}; "
            'write one of them in quotes, such as personnel_lump_sum = "own"',
        )
        kind = LumpSumKind.NONE.value
    total = None if "cooperation_total" not in data else check.amount(data["cooperation_total"], "cooperation_total")
    if kind == LumpSumKind.EXTERNAL and total is None:
        check.problem(
            "cooperation_total",
            "required with an external lump sum: the royal-decree amounts of the cooperating OCMWs, this one included",
        )
    elif total is not None and not check.failed("cooperation_total") and total < granted:
        check.problem(
            "cooperation_total",
            f"{total} is less than this OCMW's own grant ({granted}), which the cooperation's total includes",
        )
    allocated = None if check.failed("granted") else _allocated(data.get("allocated"), granted, check)
    settings = PsaSettings(
        year=check.year(data.get("year")),
        ocmw=check.name(data.get("ocmw"), "ocmw", "the OCMW's name", "OCMW Zele"),
        granted=granted,
        lump_sum=LumpSumKind(kind),
        cooperation_total=total,
        agreements=check.agreements(data.get("cooperation", [])),
        allocated=allocated or {},
    )
    return None if check.failed("granted") else settings, check.problems


def _allocated(value: object, granted: Decimal, check: SettingsCheck) -> dict[Category, Decimal]:
    """How the OCMW divides its grant over the kinds of activity (indicator 9), ``[allocated]`` with
    an amount per kind: required from a grant of 7 500, with the indicators, and at most the grant."""
    if granted < EXEMPTION_LIMIT:
        if value is not None:
            check.problem("allocated", "only for a grant of 7 500 or more, which has indicators; remove it")
        return {}
    if value is None:
        check.problem(
            "allocated",
            "missing; write how the grant is divided over the activities (indicator 9), such as "
            "[allocated] with events = 5000.00 and collective_modules = 2500.00",
        )
        return {}
    if not isinstance(value, dict):
        check.problem("allocated", f"{toml_text(value)} is not a table; write [allocated] with events = 5000.00")
        return {}
    kinds = [kind for part in Part for kind in KINDS[part]]
    check.known(value, kinds, prefix="allocated.")
    allocated = {kind: check.amount(value[kind.value], f"allocated.{kind}") for kind in kinds if kind.value in value}
    total = sum(allocated.values(), ZERO)
    if total > granted:
        check.problem(
            "allocated",
            f"the activities are given {total} in all, more than the grant ({granted}); divide the grant, "
            "at most its amount",
        )
    return allocated
