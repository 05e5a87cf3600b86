"""Properties of the GPMI statistics for the year 2024, on small generated exports: the figures do not
depend on the order of the rows, on copies of a version row (even with its dates written the other
way), on unsigned versions, nor on evaluation rows repeated once per version as exports repeat them.
Every comparison leaves out ``versions.rows``, which counts the rows as read.

Also: the shipped fixtures, as CSV and as XLSX, give exactly ``expected-2024.json``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gpmi_stats.columns import EVALUATIONS, GPMI_KINDS, OUTCOMES, VERSIONS
from gpmi_stats.figures import Figures, compute
from gpmi_stats.inputs import load_inputs
from gpmi_stats.period import Period
from tests.conftest import FIXTURES, ssin_for, ssin_with

Row = dict[str, str]
YEAR = Period.year(2024)
GPMI_FIXTURES = FIXTURES / "gpmi"
VERSION_NAMES = [column.name for column in VERSIONS.columns]
EVALUATION_NAMES = [column.name for column in EVALUATIONS.columns]
DATE_COLUMNS = ("signed_on", "birth_date", "start_date", "end_date", "closed_on", "evaluated_on")

PERSONS = [
    ssin_for(dt.date(1985, 7, 30), 33),  # M, 39 at the end of 2024
    ssin_for(dt.date(1992, 2, 14), 162),  # F
    ssin_for(dt.date(2003, 5, 21), 241),  # born from 2000: M, 21
    ssin_for(dt.date(2008, 12, 31), 12),  # F, under 18
    ssin_for(dt.date(1959, 1, 1), 7),  # M, 65
    ssin_with("854730033"),  # BIS, month + 40: gender known (M)
    ssin_with("902215010"),  # BIS, month + 20: gender unknown
    ssin_with("004000002"),  # BIS without a birth date: age unknown unless the export gives it
    ssin_with("852000003"),  # BIS without gender or birth date
]
WORKERS = ["An Peeters", "Dubois, Marie", "Youssef El Amrani", "sarah"]
BIRTH_DATES = ["", "", "1985-07-30", "2000-02-29", "2006-12-31", "2007-01-01", "1959-12-31"]
EDGES = [dt.date(2023, 12, 31), dt.date(2024, 1, 1), dt.date(2024, 2, 29), dt.date(2024, 12, 31), dt.date(2025, 1, 1)]
days = st.one_of(st.sampled_from(EDGES), st.dates(dt.date(2023, 1, 1), dt.date(2025, 12, 31)))

PROPERTY = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@dataclass(frozen=True)
class Export:
    """The two tables of an export as rows of text, and how the CSV files are written."""

    versions: list[Row]
    evaluations: list[Row]
    delimiter: str = ","
    bom: bool = False


@st.composite
def written_date(draw: st.DrawFn, day: dt.date) -> str:
    """A date as an export writes it: ISO, or Belgian with or without leading zeros."""
    return draw(st.sampled_from([day.isoformat(), f"{day:%d/%m/%Y}", f"{day.day}/{day.month}/{day.year}"]))


@st.composite
def written_ssin(draw: st.DrawFn, number: str) -> str:
    return draw(
        st.sampled_from(
            [
                number,
                f"{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}",
                f"{number[:6]} {number[6:9]} {number[9:]}",
            ]
        )
    )


@st.composite
def version_values(draw: st.DrawFn, contract_id: str, version: int, person: str, signed: dt.date | None) -> Row:
    """One version row: contract, version, person and signature as given, every other value drawn."""
    start = draw(days)
    end = start + dt.timedelta(days=draw(st.sampled_from([0, 181, 182, 364, 365, 366]) | st.integers(0, 800)))
    closed = draw(st.none() | st.integers(0, 500))
    ocmw = draw(st.sampled_from(["44021", "11002"]))
    return {
        "contract_id": contract_id,
        "version": str(version),
        "signed_on": "" if signed is None else draw(written_date(signed)),
        "ssin": draw(written_ssin(person)),
        "gender": draw(st.sampled_from(["", "M", "F", "X", "m", "f"])),
        "birth_date": draw(
            st.sampled_from(BIRTH_DATES).flatmap(
                lambda b: st.just("") if not b else written_date(dt.date.fromisoformat(b))
            )
        ),
        "residence_nis": draw(st.sampled_from(["", ocmw, "44013"])),
        "ocmw_nis": ocmw,
        "social_worker": draw(st.sampled_from(WORKERS)),
        "start_date": draw(written_date(start)),
        "end_date": draw(written_date(end)),
        "closed_on": "" if closed is None else draw(written_date(start + dt.timedelta(days=closed))),
        "kind": draw(st.sampled_from([*GPMI_KINDS, "Training", "GENERAL"])),
        "training": draw(st.sampled_from(["", "ja", "nee", "true", "0"])),
        "studies": draw(st.sampled_from(["", "yes", "Non", "1"])),
        "community_service": draw(st.sampled_from(["", "oui", "false"])),
        "extra_support": draw(st.sampled_from(["", "1", "no", "JA"])),
    }


@st.composite
def contract_rows(draw: st.DrawFn, contract_id: str) -> list[Row]:
    """The versions 1..n of one contract, all of one person; the last one sometimes a draft."""
    person = draw(st.sampled_from(PERSONS))
    count = draw(st.integers(1, 4))
    last_is_draft = draw(st.booleans())
    return [
        draw(version_values(contract_id, version, person, None if version == count and last_is_draft else draw(days)))
        for version in range(1, count + 1)
    ]


@st.composite
def exports(draw: st.DrawFn) -> Export:
    numbers = draw(st.lists(st.integers(1, 30), min_size=1, max_size=8, unique=True))
    contracts = [f"C-{number}" for number in numbers]  # C-10 sorts before C-2: ties by the greatest id
    versions = [row for contract in contracts for row in draw(contract_rows(contract))]
    versions = draw(st.permutations(versions))
    evaluations: list[Row] = []
    final_outcomes: dict[tuple[str, dt.date], str] = {}
    for _ in range(draw(st.integers(0, 10))):
        contract, day = draw(st.sampled_from(contracts)), draw(days)
        if draw(st.booleans()):
            # never two final rows of one contract on one day with different outcomes: file order would decide
            outcome = final_outcomes.setdefault((contract, day), draw(st.sampled_from(OUTCOMES)))
            row = {
                "contract_id": contract,
                "evaluated_on": draw(written_date(day)),
                "kind": "final",
                "outcome": outcome,
            }
        else:
            row = {
                "contract_id": contract,
                "evaluated_on": draw(written_date(day)),
                "kind": "intermediate",
                "outcome": "",
            }
        evaluations.append(row)
    return Export(versions, evaluations, draw(st.sampled_from([",", ";"])), draw(st.booleans()))


def csv_text(rows: list[Row], names: list[str], delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, names, delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def figures(export: Export) -> Figures:
    """The figures of 2024 for the export, without ``versions.rows``."""
    with tempfile.TemporaryDirectory() as folder:
        versions, evaluations = Path(folder) / "versions.csv", Path(folder) / "evaluations.csv"
        encoding = "utf-8-sig" if export.bom else "utf-8"
        versions.write_text(csv_text(export.versions, VERSION_NAMES, export.delimiter), encoding, newline="")
        evaluations.write_text(csv_text(export.evaluations, EVALUATION_NAMES, export.delimiter), encoding, newline="")
        result: dict[str, Any] = compute(load_inputs(versions, evaluations), YEAR)
    del result["versions"]["rows"]
    return result


def other_format(text: str) -> str:
    """A date written the other way: ISO becomes Belgian, Belgian becomes ISO."""
    if not text:
        return text
    if "-" in text:
        return f"{dt.date.fromisoformat(text):%d/%m/%Y}"
    return dt.datetime.strptime(text, "%d/%m/%Y").date().isoformat()


@PROPERTY
@given(exports(), st.data())
def test_shuffling_the_rows_does_not_change_the_figures(export: Export, data: st.DataObject) -> None:
    shuffled = replace(
        export,
        versions=data.draw(st.permutations(export.versions), label="versions"),
        evaluations=data.draw(st.permutations(export.evaluations), label="evaluations"),
    )
    assert figures(shuffled) == figures(export)


@PROPERTY
@given(exports(), st.data())
def test_a_repeated_version_row_does_not_change_the_figures(export: Export, data: st.DataObject) -> None:
    original = data.draw(st.sampled_from(export.versions), label="repeated")
    rewritten = data.draw(st.booleans(), label="dates written the other way")
    copy = {
        name: other_format(value) if name in DATE_COLUMNS and rewritten else value for name, value in original.items()
    }
    at = data.draw(st.integers(0, len(export.versions)), label="at")
    repeated = replace(export, versions=[*export.versions[:at], copy, *export.versions[at:]])
    assert figures(repeated) == figures(export)


@PROPERTY
@given(exports(), st.data())
def test_an_added_unsigned_version_does_not_change_the_figures(export: Export, data: st.DataObject) -> None:
    contract = data.draw(st.sampled_from(sorted({row["contract_id"] for row in export.versions})), label="contract")
    versions = [row for row in export.versions if row["contract_id"] == contract]
    number = max(int(row["version"]) for row in versions) + 1
    person = data.draw(st.sampled_from(PERSONS), label="person")  # a draft may even name another person
    draft = data.draw(version_values(contract, number, person, None), label="draft")
    at = data.draw(st.integers(0, len(export.versions)), label="at")
    added = replace(export, versions=[*export.versions[:at], draft, *export.versions[at:]])
    assert figures(added) == figures(export)


@PROPERTY
@given(exports())
def test_evaluations_repeated_once_per_version_do_not_change_the_figures(export: Export) -> None:
    # as an export joining evaluations to versions writes them: per version row, its contract's evaluations
    joined = [
        evaluation
        for version in export.versions
        for evaluation in export.evaluations
        if evaluation["contract_id"] == version["contract_id"]
    ]
    assert figures(replace(export, evaluations=joined)) == figures(export)


@pytest.mark.parametrize("versions", ["versions.csv", "versions.xlsx"])
def test_the_fixtures_give_the_expected_figures_of_2024(versions: str) -> None:
    inputs = load_inputs(GPMI_FIXTURES / versions, GPMI_FIXTURES / "evaluations.csv")
    expected = json.loads((GPMI_FIXTURES / "expected-2024.json").read_text(encoding="utf-8"))
    assert compute(inputs, YEAR) == expected
    assert len(inputs.said()) == 1
    assert "1 evaluation row of 1 contract that is not in the versions" in inputs.said()[0]
