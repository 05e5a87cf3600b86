"""Every definition of the GPMI statistics at its boundaries, on small exports written for the test."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from gpmi_stats.columns import EVALUATIONS, VERSIONS
from gpmi_stats.figures import Figures, compute
from gpmi_stats.inputs import load_inputs
from gpmi_stats.period import Period
from tests.conftest import FIXTURES, gpmi_version_row, ssin_for, ssin_with

YEAR = Period.year(2024)
ANN = ssin_for(dt.date(1985, 7, 30), 34)  # F
BOB = ssin_for(dt.date(1976, 9, 12), 87)  # M


def version(**values: str) -> dict[str, str]:
    """A signed version of a general contract running 1 February - 31 July 2024."""
    return gpmi_version_row(ANN) | values


def evaluation(contract: str, day: str, kind: str = "intermediate", outcome: str = "") -> dict[str, str]:
    return {"contract_id": contract, "evaluated_on": day, "kind": kind, "outcome": outcome}


class Export:
    """Writes rows as the two CSV files of an export and computes their figures."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def write(self, name: str, rows: list[dict[str, str]], columns: list[str]) -> Path:
        path = self.folder / name
        with path.open("w", newline="", encoding="utf-8") as file:
            writer = csv.DictWriter(file, columns)
            writer.writeheader()
            writer.writerows(rows)
        return path

    def figures(
        self, versions: list[dict[str, str]], evaluations: list[dict[str, str]] | None = None, period: Period = YEAR
    ) -> Figures:
        versions_file = self.write("versions.csv", versions, [column.name for column in VERSIONS.columns])
        evaluations_file = self.write("evaluations.csv", evaluations or [], [c.name for c in EVALUATIONS.columns])
        return compute(load_inputs(versions_file, evaluations_file), period)


@pytest.fixture
def export(tmp_path: Path) -> Export:
    return Export(tmp_path)


def counted(figures: Figures) -> int:
    result: int = figures["projects"]["total"]
    return result


# Effective version: among its versions with signed_on <= to, the one with the highest version.


def test_a_version_signed_after_to_is_not_the_effective_one(export: Export) -> None:
    figures = export.figures([version(), version(version="2", signed_on="2025-01-02", end_date="2025-06-30")])
    assert figures["projects"]["closed"] == 1  # version 1 ends 31 July 2024
    assert figures["versions"] == {"rows": 2, "contracts": 1, "duplicates_removed": 0}


def test_a_version_signed_on_to_is_the_effective_one(export: Export) -> None:
    figures = export.figures([version(), version(version="2", signed_on="2024-12-31", end_date="2025-06-30")])
    assert figures["projects"]["running"] == 1
    assert figures["versions"]["duplicates_removed"] == 1


def test_a_newer_draft_is_never_counted(export: Export) -> None:
    figures = export.figures([version(), version(version="2", signed_on="", kind="training", end_date="2025-06-30")])
    assert figures["content"]["training"] == 0
    assert figures["projects"]["closed"] == 1


def test_a_contract_signed_only_after_to_is_not_counted_anywhere(export: Export) -> None:
    figures = export.figures(
        [version(signed_on="2025-01-05")],
        [evaluation("C1", "2024-03-01"), evaluation("C1", "2024-06-01", "final", "reached")],
    )
    assert counted(figures) == 0
    assert figures["beneficiaries"]["total"] == 0
    assert figures["evaluations"] == {"total": 0, "intermediate": 0, "final": 0}
    assert figures["final_evaluations"]["reached"] == 0


def test_a_contract_of_only_drafts_is_not_counted(export: Export) -> None:
    assert counted(export.figures([version(signed_on=""), version(version="2", signed_on="")])) == 0


# In scope: start_date <= to and finish >= from; finish: closed_on, else end_date.


@pytest.mark.parametrize(
    ("start", "end", "in_scope"),
    [
        ("2023-06-01", "2023-12-31", False),  # ends the day before from
        ("2023-06-01", "2024-01-01", True),  # ends on from
        ("2024-12-31", "2025-06-30", True),  # starts on to
        ("2025-01-01", "2025-06-30", False),  # starts the day after to
    ],
)
def test_in_scope_boundaries(export: Export, start: str, end: str, in_scope: bool) -> None:
    figures = export.figures([version(signed_on="2023-05-01", start_date=start, end_date=end)])
    assert counted(figures) == int(in_scope)


def test_the_finish_is_the_closing_day_when_there_is_one(export: Export) -> None:
    closed_early = version(start_date="2023-06-01", end_date="2024-06-30", closed_on="2023-12-31")
    assert counted(export.figures([closed_early])) == 0
    figures = export.figures([version(end_date="2025-06-30", closed_on="2024-10-15")])
    assert (figures["projects"]["running"], figures["projects"]["closed"]) == (0, 1)


def test_started_running_and_closed(export: Export) -> None:
    figures = export.figures(
        [
            version(contract_id="A", start_date="2023-12-31", end_date="2024-01-01"),  # closed on from
            version(contract_id="B", start_date="2024-01-01", end_date="2024-12-31"),  # started on from, closed on to
            version(contract_id="C", start_date="2024-12-31", end_date="2025-01-01"),  # started on to, running
            version(contract_id="D", start_date="2023-01-01", end_date="2025-12-31"),  # running all year
        ]
    )
    assert figures["projects"] == {"total": 4, "started": 2, "running": 2, "closed": 2}


# Duration: start + N months = the same day N months later, clipped to the month's last day.


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2024-01-31", "2024-07-30", (1, 0, 0)),  # 31 Jan + 6 months = 31 Jul; less a day: 30 Jul
        ("2024-01-31", "2024-07-29", (0, 0, 0)),
        ("2023-08-31", "2024-02-28", (1, 0, 0)),  # 31 Aug + 6 months = 29 Feb 2024 (leap year)
        ("2023-08-31", "2024-02-27", (0, 0, 0)),
        ("2024-08-31", "2025-02-27", (1, 0, 0)),  # 31 Aug + 6 months = 28 Feb 2025
        ("2024-02-29", "2025-02-27", (1, 1, 0)),  # 29 Feb 2024 + 12 months = 28 Feb 2025; less a day: 27 Feb
        ("2024-02-29", "2025-02-26", (1, 0, 0)),
        ("2024-02-29", "2025-02-28", (1, 1, 1)),
        ("2024-03-01", "2025-02-28", (1, 1, 0)),
        ("2024-03-01", "2025-03-01", (1, 1, 1)),
    ],
)
def test_duration_boundaries(export: Export, start: str, end: str, expected: tuple[int, int, int]) -> None:
    figures = export.figures([version(start_date=start, end_date=end, signed_on="2023-01-01")])
    duration = figures["duration"]
    assert (duration["at_least_6_months"], duration["at_least_1_year"], duration["more_than_1_year"]) == expected


def test_duration_is_planned_closing_early_does_not_shorten_it(export: Export) -> None:
    figures = export.figures([version(start_date="2024-01-01", end_date="2024-12-31", closed_on="2024-02-15")])
    assert figures["duration"]["at_least_1_year"] == 1


# Beneficiaries: distinct persons; gender and birth date from the contract with the latest signed_on.


def test_a_person_with_several_contracts_is_one_beneficiary(export: Export) -> None:
    figures = export.figures([version(contract_id="A"), version(contract_id="B", ssin=ANN[:2] + "." + ANN[2:])])
    assert figures["beneficiaries"]["total"] == 1
    assert counted(figures) == 2


def test_gender_and_birth_date_come_from_the_latest_signed_contract(export: Export) -> None:
    figures = export.figures(
        [
            version(contract_id="A", signed_on="2024-01-10", gender="F", birth_date="1985-07-30"),
            version(contract_id="B", signed_on="2024-03-10", gender="X", birth_date="2000-01-01"),
        ]
    )
    assert figures["beneficiaries"]["by_gender_age"] == {"X": {"18-24": 1}}


def test_on_the_same_signing_day_the_greatest_contract_id_decides(export: Export) -> None:
    figures = export.figures(
        [
            version(contract_id="C-10", gender="M", birth_date="1985-07-30"),
            version(contract_id="C-9", gender="F", birth_date="1985-07-30"),
        ]
    )
    assert figures["beneficiaries"]["by_gender_age"] == {"F": {"35-44": 1}}  # "C-9" > "C-10" as text


@pytest.mark.parametrize(
    ("birth", "band"),
    [
        ("2006-12-31", "18-24"),  # 18th birthday on to
        ("2007-01-01", "<18"),
        ("1999-12-31", "25-34"),
        ("2000-01-01", "18-24"),
        ("1959-12-31", "65+"),
        ("1960-01-01", "55-64"),
    ],
)
def test_age_is_full_years_on_to(export: Export, birth: str, band: str) -> None:
    figures = export.figures([version(birth_date=birth)])
    assert figures["beneficiaries"]["by_gender_age"] == {"F": {band: 1}}


def test_born_on_29_february_is_a_year_older_on_1_march_of_a_common_year(export: Export) -> None:
    row = version(birth_date="2004-02-29", start_date="2022-01-01", end_date="2022-12-31", signed_on="2021-12-01")
    assert export.figures([row], period=Period(dt.date(2022, 1, 1), dt.date(2022, 2, 28)))["beneficiaries"][
        "by_gender_age"
    ] == {"F": {"<18": 1}}
    assert export.figures([row], period=Period(dt.date(2022, 1, 1), dt.date(2022, 3, 1)))["beneficiaries"][
        "by_gender_age"
    ] == {"F": {"18-24": 1}}


def test_empty_gender_and_birth_date_come_from_the_insz(export: Export) -> None:
    odd = ssin_for(dt.date(1990, 5, 17), 123)
    figures = export.figures([version(ssin=odd, gender="", birth_date="")])
    assert figures["beneficiaries"]["by_gender_age"] == {"M": {"25-34": 1}}


def test_an_insz_of_a_birth_after_2000_gives_the_right_century(export: Export) -> None:
    young = ssin_for(dt.date(2003, 5, 21), 240)
    figures = export.figures([version(ssin=young, gender="", birth_date="")])
    assert figures["beneficiaries"]["by_gender_age"] == {"F": {"18-24": 1}}


def test_a_bis_number_with_the_gender_known_tells_it(export: Export) -> None:
    known = ssin_with("014312055", born_from_2000=True)  # month + 40: gender known, odd: M
    figures = export.figures([version(ssin=known, gender="", birth_date="")])
    assert figures["beneficiaries"]["by_gender_age"] == {"M": {"18-24": 1}}


def test_a_bis_number_with_the_gender_unknown_gives_x(export: Export) -> None:
    unknown = ssin_with("982615100")  # month + 20: gender unknown
    figures = export.figures([version(ssin=unknown, gender="", birth_date="")])
    assert figures["beneficiaries"]["by_gender_age"] == {"X": {"25-34": 1}}


def test_no_birth_date_anywhere_is_the_unknown_band(export: Export) -> None:
    no_month = ssin_with("902000155")  # BIS, month 20: birth month (and date) unknown
    figures = export.figures([version(ssin=no_month, gender="F", birth_date="")])
    assert figures["beneficiaries"]["by_gender_age"] == {"F": {"unknown": 1}}


def test_residing_elsewhere_counts_persons_with_another_set_residence(export: Export) -> None:
    figures = export.figures(
        [
            version(contract_id="A", residence_nis="44013"),
            version(contract_id="B", residence_nis="44021", ssin=BOB),
            version(contract_id="C", residence_nis="", ssin=ssin_for(dt.date(1990, 1, 1), 2)),
            version(contract_id="D", residence_nis="11002"),  # Ann again: one person
        ]
    )
    assert figures["beneficiaries"]["residing_elsewhere"] == 1


# Social workers, content, extra support.


def test_social_workers_and_their_averages(export: Export) -> None:
    figures = export.figures(
        [
            version(contract_id="A", social_worker="sw1"),
            version(contract_id="B", social_worker="sw1"),
            version(contract_id="C", social_worker="sw1", ssin=BOB),
            version(contract_id="D", social_worker="sw2"),
            version(contract_id="E", social_worker="sw3", ssin=BOB),
            version(contract_id="F", social_worker="sw4", signed_on="2025-02-01"),  # no effective version
        ]
    )
    assert figures["social_workers"] == {
        "count": 3,
        "projects": {"sw1": 3, "sw2": 1, "sw3": 1},
        "beneficiaries": {"sw1": 2, "sw2": 1, "sw3": 1},
        "avg_projects": 1.67,
        "avg_beneficiaries": 1.33,
    }


def test_no_project_gives_zero_averages(export: Export) -> None:
    figures = export.figures([version(signed_on="2025-02-01")])
    assert figures["social_workers"] == {
        "count": 0,
        "projects": {},
        "beneficiaries": {},
        "avg_projects": 0.0,
        "avg_beneficiaries": 0.0,
    }


def test_content_counts_the_kind_or_the_flag(export: Export) -> None:
    figures = export.figures(
        [
            version(contract_id="A", kind="training"),
            version(contract_id="B", training="ja", studies="oui"),
            version(contract_id="C", kind="community_service", community_service="true"),
            version(contract_id="D", kind="studies", training="nee"),
        ]
    )
    assert figures["content"] == {"training": 2, "studies": 2, "community_service": 1}


def test_extra_support_counts_projects_and_distinct_beneficiaries(export: Export) -> None:
    figures = export.figures(
        [
            version(contract_id="A", extra_support="1"),
            version(contract_id="B", extra_support="yes"),
            version(contract_id="C", extra_support="", ssin=BOB),
        ]
    )
    assert figures["extra_support"] == {"projects": 2, "beneficiaries": 1}


# Evaluations and final evaluations.


def test_evaluations_repeated_per_version_are_counted_once(export: Export) -> None:
    rows = [evaluation("C1", "2024-03-01")] * 3 + [evaluation("C1", "01/03/2024")]
    figures = export.figures([version(), version(version="2", signed_on="2024-02-01")], rows)
    assert figures["evaluations"] == {"total": 1, "intermediate": 1, "final": 0}


def test_evaluations_outside_the_period_are_not_counted(export: Export) -> None:
    rows = [evaluation("C1", "2023-12-31"), evaluation("C1", "2024-01-01"), evaluation("C1", "2024-12-31"),
            evaluation("C1", "2025-01-01")]  # fmt: skip
    assert export.figures([version()], rows)["evaluations"]["total"] == 2


def test_evaluations_of_a_contract_out_of_scope_but_with_an_effective_version_count(export: Export) -> None:
    out_of_scope = version(start_date="2023-01-01", end_date="2023-06-30", signed_on="2022-12-01")
    figures = export.figures([out_of_scope], [evaluation("C1", "2024-02-01", "final", "reached")])
    assert counted(figures) == 0
    assert figures["evaluations"]["final"] == 1
    assert figures["final_evaluations"]["reached"] == 1


def test_evaluations_of_unknown_contracts_are_ignored_with_a_warning(tmp_path: Path) -> None:
    export = Export(tmp_path)
    versions = export.write("v.csv", [version()], [column.name for column in VERSIONS.columns])
    evaluations = export.write(
        "e.csv", [evaluation("C9", "2024-03-01"), evaluation("C9", "2024-04-01")], [c.name for c in EVALUATIONS.columns]
    )
    inputs = load_inputs(versions, evaluations)
    assert inputs.said() == [
        f"{evaluations}: 2 evaluation rows of 1 contract that is not in the versions were ignored (for example C9)"
    ]
    assert compute(inputs, YEAR)["evaluations"]["total"] == 0


def test_two_final_evaluations_on_one_day_the_last_row_counts(export: Export) -> None:
    rows = [
        evaluation("C1", "2024-06-30", "final", "reached"),
        evaluation("C1", "2024-06-30", "final", "not_reached"),
    ]
    figures = export.figures([version()], rows)
    assert figures["final_evaluations"] == {"reached": 0, "partially_reached": 0, "not_reached": 1}
    assert figures["evaluations"]["final"] == 1


def test_the_latest_final_evaluation_counts_only_when_it_falls_in_the_period(export: Export) -> None:
    rows = [
        evaluation("C1", "2024-07-31", "final", "partially_reached"),
        evaluation("C1", "2025-01-10", "final", "reached"),
    ]
    figures = export.figures([version()], rows)
    assert figures["final_evaluations"] == {"reached": 0, "partially_reached": 0, "not_reached": 0}
    assert figures["evaluations"]["final"] == 1


# Versions: rows read, contracts counted once, versions not counted twice.


def test_versions_count_what_a_per_version_count_would_have_added(export: Export) -> None:
    rows = [
        version(),
        version(version="2", signed_on="2024-02-10"),
        version(version="2", signed_on="10/02/2024"),  # a copy, its date written another way
        version(version="3", signed_on="2024-05-10"),
        version(version="4", signed_on=""),  # draft
        version(contract_id="C2", ssin=BOB),
    ]
    assert export.figures(rows)["versions"] == {"rows": 6, "contracts": 2, "duplicates_removed": 2}


def test_the_shipped_export_gives_the_hand_checked_figures() -> None:
    fixtures = FIXTURES / "gpmi"
    inputs = load_inputs(fixtures / "versions.csv", fixtures / "evaluations.csv")
    expected: dict[str, Any] = __import__("json").loads((fixtures / "expected-2024.json").read_text())
    assert compute(inputs, YEAR) == expected
