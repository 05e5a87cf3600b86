"""The participation report's cases as the tests write them: rows of activities and settings files, what
loading them gives or refuses, activities and reports built in Python, and the shipped fixture run
through ``ocmw report participation``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from annual_report.participation import (
    CATEGORIES,
    Activity,
    Category,
    Cut,
    Measure,
    MeasureSettings,
    ParticipationReport,
    apply_caps,
)
from annual_report.participation_input import ParticipationInput, load_participation
from cli import main
from tabular.problems import InvalidFiles
from tests.conftest import FIXTURES, ssin_for

PARTICIPATION = FIXTURES / "annual_report" / "participation"
SHIPPED = [
    "report",
    "participation",
    "--activities",
    str(PARTICIPATION / "activities.csv"),
    "--settings",
    str(PARTICIPATION / "participation.toml"),
]
HEADER = (
    "measure;category;imputation_date;description;beneficiaries;amount;invoice;investment;person;partner;"
    "guarantee_months\n"
)
SETTINGS = (
    'year = 2025\nocmw = "OCMW Zele"\n'
    "[participation]\ndecree_amount = 27000.00\n"
    "[child_poverty]\ndecree_amount = 9000.00\n"
    "[recycled_pcs]\ndecree_amount = 500.00\n"
)
EURO_FORMAT = '#,##0.00 "€"'
FIRST = ssin_for(dt.date(1985, 7, 30), 33)
SECOND = ssin_for(dt.date(2001, 2, 14), 12)
DAY = dt.date(2025, 3, 15)
MEASURE_SETTINGS = (
    "cooperation, council_decision, decree_amount, personnel_lump_sum, registered_amount, requested_amount"
)


RECYCLED = {"measure": "recycled_pcs", "category": "recycled_pcs", "description": "Gerecycleerde computer"}


def line(
    *,
    measure: str = "participation",
    category: str = "events",
    date: str = "15/03/2025",
    description: str = "Toegangstickets theater",
    beneficiaries: str = "1",
    amount: str = "10,00",
    invoice: str = "",
    investment: str = "",
    person: str = "",
    partner: str = "",
    guarantee: str = "",
) -> str:
    """One activity as a row of the CSV file."""
    values = (
        measure,
        category,
        date,
        description,
        beneficiaries,
        amount,
        invoice,
        investment,
        person,
        partner,
        guarantee,
    )
    return ";".join(values) + "\n"


def files(folder: Path, activities: str, settings: str = SETTINGS) -> tuple[Path, Path]:
    (folder / "activities.csv").write_text(HEADER + activities, encoding="utf-8")
    (folder / "participation.toml").write_text(settings, encoding="utf-8")
    return folder / "activities.csv", folder / "participation.toml"


def loaded(folder: Path, activities: str, settings: str = SETTINGS) -> ParticipationInput:
    return load_participation(*files(folder, activities, settings))


def refusal(folder: Path, activities: str, settings: str = SETTINGS) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(InvalidFiles) as refused:
        load_participation(*files(folder, activities, settings))
    return [(problem.row, problem.column, problem.message) for problem in refused.value.problems]


def settings_refusal(folder: Path, settings: str) -> list[str]:
    """The messages of the settings file's problems (they have neither row nor column)."""
    return [message for row, column, message in refusal(folder, line(), settings) if row is None]


def activity(
    amount: str,
    *,
    measure: Measure = Measure.PARTICIPATION,
    category: Category | None = None,
    day: dt.date = DAY,
    beneficiaries: int = 1,
    investment: bool = False,
    person: str | None = None,
    partner: str = "",
    row: int | None = None,
) -> Activity:
    return Activity(
        measure=measure,
        category=category or CATEGORIES[measure][0],
        imputation_date=day,
        description="Activiteit",
        beneficiaries=beneficiaries,
        amount=Decimal(amount),
        investment=investment,
        person=person,
        partner=partner,
        row=row,
    )


def report(*activities: Activity, **measures: MeasureSettings) -> ParticipationReport:
    return ParticipationReport(
        2025, "OCMW Zele", {Measure(name): value for name, value in measures.items()}, activities
    )


def decree(amount: str, **values: Any) -> MeasureSettings:
    return MeasureSettings(decree=Decimal(amount), **values)


def accepted_amounts(*activities: Activity) -> tuple[list[Decimal], list[Cut]]:
    accepted, cuts = apply_caps(activities)
    return [item.amount for item in accepted], cuts


def shipped(*options: str) -> Result:
    return CliRunner().invoke(main, [*SHIPPED, *options])
