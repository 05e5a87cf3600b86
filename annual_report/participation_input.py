"""Reading what the OCMW fills in for social and cultural participation, child poverty and recycled
computers: the activities (CSV or XLSX, one row per activity) and the measures' settings (TOML).
Every problem of both files is reported at once; descriptions written as abbreviations are warned
about (the manual refuses them, but only a reader can tell "BMX" from a word)."""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

import pandas as pd

from annual_report.participation import (
    CATEGORIES,
    Activity,
    Category,
    Cooperation,
    Measure,
    MeasureSettings,
    ParticipationReport,
)
from annual_report.settings import SettingsCheck, load_toml
from esv.identifiers import ssin_problem
from tabular.columns import Column, TableSpec, Type
from tabular.parsing import parse_table
from tabular.problems import InvalidInput, TableProblem
from tabular.reading import read_table

ACTIVITIES = TableSpec(
    "activities",
    (
        Column("measure", Type.CHOICE, required=True, choices=tuple(Measure)),
        Column("category", Type.CHOICE, required=True, choices=tuple(chain(*CATEGORIES.values()))),
        Column("imputation_date", Type.DATE, required=True),
        Column("description", Type.TEXT, required=True, max_length=250),
        Column("beneficiaries", Type.POSITIVE_INTEGER, required=True),
        Column("amount", Type.AMOUNT, required=True),
        Column("invoice", Type.AMOUNT),
        Column("investment", Type.BOOLEAN),
        Column("person", Type.SSIN),
        Column("partner", Type.TEXT, max_length=200),
    ),
)
ABBREVIATION = re.compile(r"\b(?:[A-Z]{2,}[0-9]*|(?:[A-Z]\.){2,})(?=\W|$)")
"""A word of capitals ("BMX", "GWP", "B.M.X."): the manual asks for the activity in full."""
KNOWN_ABBREVIATIONS = frozenset({"OCMW", "CPAS", "BTW", "TVA", "PC", "ICT"})
"""Abbreviations the form itself uses, which every reader knows."""
Row = dict[Hashable, Any]
"""A row of the parsed table."""
MEASURE_KEYS = {"decree_amount", "registered_amount", "personnel_lump_sum", "cooperation"}


@dataclass(frozen=True)
class ParticipationInput:
    report: ParticipationReport
    warnings: list[TableProblem]


def load_participation(activities: Path, settings: Path) -> ParticipationInput:
    """The report of the two files; ``InvalidInput`` with every problem of both."""
    problems: list[TableProblem] = []
    year, ocmw, measures = 0, "", dict[Measure, MeasureSettings]()
    try:
        year, ocmw, measures = _settings(settings)
    except InvalidInput as invalid:
        problems += invalid.problems
    parsed = parse_table(read_table(activities, ACTIVITIES), ACTIVITIES, drop_copies=False)
    problems += parsed.problems
    rows = [row for row in parsed.frame.to_dict("records") if _complete(row)]
    problems += _row_problems(str(activities), rows, year, measures)
    if problems:
        raise InvalidInput(problems)
    found = tuple(_activity(row) for row in rows)
    return ParticipationInput(
        ParticipationReport(year=year, ocmw=ocmw, measures=measures, activities=found),
        [_abbreviation_warning(str(activities), activity) for activity in found if _abbreviations(activity)],
    )


def _complete(row: Row) -> bool:
    """Whether the row's required values were read (the parser reported the others)."""
    return (
        row["measure"] in set(Measure)
        and row["category"] in ACTIVITIES.column("category").choices
        and not pd.isna(row["imputation_date"])
        and row["beneficiaries"] >= 1
        and row["amount"] is not None
        and bool(row["description"])
    )


def _row_problems(
    source: str, rows: list[Row], year: int, measures: dict[Measure, MeasureSettings]
) -> list[TableProblem]:
    problems = []
    for row in rows:
        number = int(row["row"])
        measure, category = Measure(row["measure"]), Category(row["category"])
        if category not in CATEGORIES[measure]:
            allowed = ", ".join(CATEGORIES[measure])
            problems.append(
                TableProblem(source, number, "category", f"{category} is not a category of {measure}; use {allowed}")
            )
        if measure not in measures and year:
            problems.append(
                TableProblem(
                    source,
                    number,
                    "measure",
                    f"the settings have no [{measure}] table with its decree_amount; add it, or move the activity",
                )
            )
        imputed = pd.Timestamp(row["imputation_date"]).date()
        if year and imputed.year != year:
            problems.append(
                TableProblem(
                    source,
                    number,
                    "imputation_date",
                    f"{imputed.isoformat()} is outside the subsidy year {year} ({year}-01-01 to {year}-12-31); "
                    "the imputation date is the day the expense was booked",
                )
            )
        person = _person(row)
        problem = ssin_problem(person) if person else None
        if problem:
            problems.append(TableProblem(source, number, "person", problem))
        invoice = row["invoice"]
        if invoice is not None and row["amount"] > invoice:
            problems.append(
                TableProblem(
                    source,
                    number,
                    "amount",
                    f"{row['amount']} is more than the invoice ({invoice}); enter only the part charged "
                    "to the subsidy, at most the invoice",
                )
            )
    return problems


def _person(row: Row) -> str | None:
    """The INSZ of the row's person as 11 digits, ``None`` when the column is empty."""
    return f"{int(row['person']):011d}" if row["person"] else None


def _activity(row: Row) -> Activity:
    return Activity(
        measure=Measure(row["measure"]),
        category=Category(row["category"]),
        imputation_date=pd.Timestamp(row["imputation_date"]).date(),
        description=str(row["description"]).strip(),
        beneficiaries=int(row["beneficiaries"]),
        amount=row["amount"],
        invoice=row["invoice"],
        investment=bool(row["investment"]),
        person=_person(row),
        partner=str(row["partner"] or "").strip(),
        row=int(row["row"]),
    )


def _abbreviations(activity: Activity) -> list[str]:
    return [word for word in ABBREVIATION.findall(activity.description) if word not in KNOWN_ABBREVIATIONS]


def _abbreviation_warning(source: str, activity: Activity) -> TableProblem:
    words = ", ".join(_abbreviations(activity))
    return TableProblem(
        source,
        activity.row,
        "description",
        f"{words}: abbreviations are not accepted; describe the activity in full "
        '(e.g. "BMX" as "purchase of a bicycle")',
    )


def _settings(path: Path) -> tuple[int, str, dict[Measure, MeasureSettings]]:
    data = load_toml(path)
    check = SettingsCheck(path)
    check.known(data, {"year", "ocmw", *Measure})
    year = check.year(data.get("year"))
    ocmw = check.name(data.get("ocmw"), "ocmw", "the OCMW's name")
    measures = {}
    for measure in Measure:
        table = data.get(measure.value)
        if table is None:
            continue
        if not isinstance(table, dict):
            check.problem(measure, f"a table: [{measure}] with decree_amount = ...")
            continue
        measures[measure] = _measure(measure, table, check)
    if not measures:
        check.problem("measures", f"no measure; add at least one of the tables {', '.join(f'[{m}]' for m in Measure)}")
    check.raise_problems()
    return year, ocmw, measures


def _measure(measure: Measure, table: dict[str, Any], check: SettingsCheck) -> MeasureSettings:
    keys = {"decree_amount"} if measure is Measure.RECYCLED_PCS else MEASURE_KEYS
    check.known(table, keys, prefix=f"{measure}.")
    if "decree_amount" not in table:
        check.problem(f"{measure}.decree_amount", "required: the amount of the royal decree for the year")
    registered = table.get("registered_amount")
    return MeasureSettings(
        decree=check.amount(table.get("decree_amount", 0), f"{measure}.decree_amount"),
        registered=None if registered is None else check.amount(registered, f"{measure}.registered_amount"),
        lump_sum_asked=check.flag(table.get("personnel_lump_sum", False), f"{measure}.personnel_lump_sum"),
        cooperations=tuple(_cooperation(measure, table.get("cooperation", []), check)),
    )


def _cooperation(measure: Measure, value: object, check: SettingsCheck) -> list[Cooperation]:
    key = f"{measure}.cooperation"
    found = []
    example = f'[[{key}]] with ocmw = "OCMW B", decree_amount = 10000.00 and justified = 11000.00'
    for number, entry in enumerate(check.tables(value, key, example), start=1):
        where = f"{key}[{number}]"
        check.known(entry, {"ocmw", "decree_amount", "justified"}, prefix=f"{where}.")
        for needed in ("decree_amount", "justified"):
            if needed not in entry:
                check.problem(f"{where}.{needed}", "required")
        found.append(
            Cooperation(
                ocmw=check.name(entry.get("ocmw"), f"{where}.ocmw", "the cooperating OCMW's name"),
                decree=check.amount(entry.get("decree_amount", 0), f"{where}.decree_amount"),
                justified=check.amount(entry.get("justified", 0), f"{where}.justified"),
            )
        )
    return found
