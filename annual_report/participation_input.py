"""Reading what the OCMW fills in for social and cultural participation, child poverty and recycled
computers: the activities (CSV or XLSX, one row per activity) and the measures' settings (TOML).
Every problem of both files is reported at once; descriptions written as abbreviations are warned
about (the manual refuses them, but only a reader can tell "BMX" from a word)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

import pandas as pd

from annual_report.inputs import DECREE_AMOUNT, Row, SettingsCheck, load_toml, read_rows
from annual_report.participation import (
    CATEGORIES,
    Activity,
    Category,
    Cooperation,
    Measure,
    MeasureSettings,
    ParticipationReport,
)
from esv.identifiers import ssin_problem
from tabular.columns import Column, TableSpec, Type
from tabular.problems import InvalidInput, TableProblem
from tabular.reader import TableReader

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
WORD = re.compile(r"[\w.]+")
KNOWN_ABBREVIATIONS = frozenset({"OCMW", "CPAS", "BTW", "TVA", "PC", "ICT", "CD", "DVD", "TV", "GSM", "ERASMUS"})
"""Abbreviations the manual itself uses, which every reader knows."""
MEASURE_KEYS = {"decree_amount", "registered_amount", "personnel_lump_sum", "cooperation"}


@dataclass(frozen=True)
class ParticipationInput:
    report: ParticipationReport
    warnings: list[TableProblem]


def load_participation(activities: Path, settings: Path, reader: TableReader | None = None) -> ParticipationInput:
    """The report of the two files; ``InvalidInput`` with every problem of both. The rows are
    checked against what could be read of the settings (the year, the measures' tables) even when
    the settings have problems of their own."""
    found, problems = _settings(settings)
    rows, table_problems = read_rows(activities, ACTIVITIES, reader)
    rows = [row for row in rows if _complete(row)]
    problems += table_problems + _row_problems(str(activities), rows, found)
    if problems:
        raise InvalidInput(problems)
    read = tuple(_activity(row) for row in rows)
    return ParticipationInput(
        ParticipationReport(year=found.year, ocmw=found.ocmw, measures=found.measures, activities=read),
        [_abbreviation_warning(str(activities), activity) for activity in read if _abbreviations(activity)],
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


def _row_problems(source: str, rows: list[Row], settings: _Settings) -> list[TableProblem]:
    problems = []
    year = settings.year
    for row in rows:
        number = int(row["row"])
        measure, category = Measure(row["measure"]), Category(row["category"])
        if category not in CATEGORIES[measure]:
            allowed = ", ".join(CATEGORIES[measure])
            problems.append(
                TableProblem(source, number, "category", f"{category} is not a category of {measure}; use {allowed}")
            )
        if settings.tables is not None and measure not in settings.tables:
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
    """The words of capitals ("BMX", "GWP", "B.M.X", "ÉTÉ"): the manual asks for the activity in full."""
    words = (word.strip(".") for word in WORD.findall(activity.description))
    return [
        word
        for word in words
        if sum(character.isalpha() for character in word) >= 2
        and word.replace(".", "").isupper()
        and word not in KNOWN_ABBREVIATIONS
    ]


def _abbreviation_warning(source: str, activity: Activity) -> TableProblem:
    words = ", ".join(_abbreviations(activity))
    return TableProblem(
        source,
        activity.row,
        "description",
        f"{words}: abbreviations are not accepted; describe the activity in full "
        '(e.g. "BMX" as "purchase of a bicycle")',
    )


@dataclass(frozen=True)
class _Settings:
    """What could be read of the settings."""

    year: int
    """0 when it could not be read."""
    ocmw: str
    measures: dict[Measure, MeasureSettings]
    tables: frozenset[Measure] | None
    """The measures with a table in the file; None when the file could not be read."""


def _settings(path: Path) -> tuple[_Settings, list[TableProblem]]:
    try:
        data = load_toml(path)
    except InvalidInput as invalid:
        return _Settings(0, "", {}, None), invalid.problems
    check = SettingsCheck(path)
    check.known(data, {"year", "ocmw", *Measure})
    measures = {}
    for measure in Measure:
        table = data.get(measure.value)
        if table is None:
            continue
        if not isinstance(table, dict):
            check.problem(measure, f"a table: [{measure}] with decree_amount = ...")
            continue
        measures[measure] = _measure(measure, table, check)
    tables = frozenset(measure for measure in Measure if measure.value in data)
    if not tables:
        check.problem("measures", f"no measure; add at least one of the tables {', '.join(f'[{m}]' for m in Measure)}")
    found = _Settings(
        year=check.year(data.get("year")),
        ocmw=check.name(data.get("ocmw"), "ocmw", "the OCMW's name"),
        measures=measures,
        tables=tables,
    )
    return found, check.problems


def _measure(measure: Measure, table: dict[str, Any], check: SettingsCheck) -> MeasureSettings:
    keys = {"decree_amount"} if measure is Measure.RECYCLED_PCS else MEASURE_KEYS
    check.known(table, keys, prefix=f"{measure}.")
    registered = table.get("registered_amount")
    return MeasureSettings(
        decree=check.required_amount(table, "decree_amount", f"{measure}.decree_amount", DECREE_AMOUNT),
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
        found.append(
            Cooperation(
                ocmw=check.name(entry.get("ocmw"), f"{where}.ocmw", "the cooperating OCMW's name"),
                decree=check.required_amount(entry, "decree_amount", f"{where}.decree_amount"),
                justified=check.required_amount(entry, "justified", f"{where}.justified"),
            )
        )
    return found
