"""The PSA subsidy's cases as the tests write them: rows of activities and settings files (an OCMW granted
7 500 or more dividing its grant over the activities), what loading them computes or refuses, and
``ocmw report psa`` run as it is typed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annual_report.psa import KINDS, Indicators, Part, PsaReport, report
from annual_report.psa_input import load_psa
from cli import main
from tabular.problems import InvalidFiles
from tests.conftest import FIXTURES

PSA = FIXTURES / "annual_report" / "psa"
HEADER = (
    "part;activity;description;beneficiaries;with_integration_right;with_trajectory;spent;personnel_costs;"
    "dropouts;progressed\n"
)
PART_A = "events, associations, initiatives, ict"
EVERY_KIND = ", ".join(kind for part in Part for kind in KINDS[part])
TOTALS_ONLY = "A;;Tussenkomsten participatie;;;;2650,00;;;\nB;;Module koken;;;;900,00;;;\n"
Problem = tuple[int | None, str | None, str]


ALLOCATED = "[allocated]\nevents = 5000.00\nschool_support = 2500.00\n"
"""How the tests' OCMWs divide their grant over the activities (indicator 9), within every grant of 7 500 or more."""


def toml(granted: str = "10000.00", extra: str = "", allocated: str = ALLOCATED) -> str:
    """The settings; an OCMW granted 7 500 or more divides its grant over the activities (``allocated``)."""
    division = allocated if Decimal(granted) >= Decimal("7500.00") else ""
    return f'year = 2025\nocmw = "OCMW Zele"\ngranted = {granted}\n{extra}\n{division}'


def files(folder: Path, rows: str, settings: str) -> tuple[Path, Path]:
    (folder / "activities.csv").write_text(HEADER + rows, encoding="utf-8")
    (folder / "psa.toml").write_text(settings, encoding="utf-8")
    return folder / "activities.csv", folder / "psa.toml"


def computed(folder: Path, rows: str, settings: str | None = None) -> PsaReport:
    return report(*load_psa(*files(folder, rows, settings or toml())))


def indicators(folder: Path, rows: str, settings: str | None = None) -> Indicators:
    found = computed(folder, rows, settings).indicators
    assert found is not None
    return found


def refusal(folder: Path, rows: str, settings: str | None = None) -> list[Problem]:
    with pytest.raises(InvalidFiles) as refused:
        load_psa(*files(folder, rows, settings or toml()))
    each_row = sorted(  # a problem said once for several rows, here once per row, in InvalidFiles' order
        (
            (problem.file, row, problem.column, problem.message)
            for problem in refused.value.problems
            for row in problem.rows or (None,)
        ),
        key=lambda each: (each[0], each[1] or 0, each[2] or "", each[3]),
    )
    return [(row, column, message) for _, row, column, message in each_row]


def psa(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args))
