"""The personnel lump sum of the participation report (1.12, 3.8): the manual's examples, its thresholds and
its rounding at their boundaries, and in a cooperation each OCMW's council decision and requested amount
(1.12.2), in every output."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from annual_report.lump_sum import LumpSum, LumpSumOutcome, personnel_lump_sum
from annual_report.participation import (
    Cooperation,
    Measure,
    settle,
)
from cli import main
from tests.annual_report.participation_cases import (
    EURO_FORMAT,
    SHIPPED,
    activity,
    decree,
    line,
    loaded,
    refusal,
    report,
    shipped,
)


def test_example_1_a_registration_under_25000_gives_no_lump_sum() -> None:
    assert personnel_lump_sum(Decimal("27000.00"), Decimal("26000.00"), registered=Decimal("20000.00")) == LumpSum(
        LumpSumOutcome.BELOW_THRESHOLD, Decimal("2600.00"), Decimal("0.00")
    )


def test_example_2_the_lump_sum_is_limited_to_what_the_decree_leaves() -> None:
    assert personnel_lump_sum(Decimal("27000.00"), Decimal("26000.00"), registered=Decimal("27000.00")) == LumpSum(
        LumpSumOutcome.LIMITED, Decimal("2600.00"), Decimal("1000.00")
    )


def test_example_3_a_justified_amount_above_the_decree_leaves_no_lump_sum() -> None:
    assert personnel_lump_sum(Decimal("27000.00"), Decimal("35000.00"), registered=Decimal("27000.00")) == LumpSum(
        LumpSumOutcome.LIMITED, Decimal("2700.00"), Decimal("0.00")
    )


@pytest.mark.parametrize(
    ("ocmw_decree", "justified", "outcome", "ten_percent", "amount"),
    [
        ("5000.00", "4500.00", LumpSumOutcome.GRANTED, "450.00", "450.00"),
        ("10000.00", "11000.00", LumpSumOutcome.LIMITED, "1000.00", "0.00"),
        ("12000.00", "10000.00", LumpSumOutcome.GRANTED, "1000.00", "1000.00"),
    ],
)
def test_the_cooperation_example_gives_each_ocmw_10_percent_of_its_own_justified_amount(
    ocmw_decree: str, justified: str, outcome: LumpSumOutcome, ten_percent: str, amount: str
) -> None:
    found = personnel_lump_sum(Decimal(ocmw_decree), Decimal(justified), cooperation_total=Decimal("27000.00"))
    assert found == LumpSum(outcome, Decimal(ten_percent), Decimal(amount))


@pytest.mark.parametrize(
    ("ocmw_decree", "outcome", "amount"),
    [("25000.00", LumpSumOutcome.GRANTED, "2000.00"), ("24999.99", LumpSumOutcome.BELOW_THRESHOLD, "0.00")],
)
def test_a_decree_of_25000_gives_a_lump_sum_and_one_cent_less_none(
    ocmw_decree: str, outcome: LumpSumOutcome, amount: str
) -> None:
    found = personnel_lump_sum(Decimal(ocmw_decree), Decimal("20000.00"))
    assert (found.outcome, found.amount) == (outcome, Decimal(amount))


@pytest.mark.parametrize(
    ("total", "outcome", "amount"),
    [("25000.00", LumpSumOutcome.GRANTED, "800.00"), ("24999.99", LumpSumOutcome.BELOW_THRESHOLD, "0.00")],
)
def test_a_cooperation_of_25000_gives_a_lump_sum_and_one_cent_less_none(
    total: str, outcome: LumpSumOutcome, amount: str
) -> None:
    found = personnel_lump_sum(Decimal("10000.00"), Decimal("8000.00"), cooperation_total=Decimal(total))
    assert (found.outcome, found.amount) == (outcome, Decimal(amount))


@pytest.mark.parametrize(
    ("justified", "outcome", "amount"),
    [("25000.00", LumpSumOutcome.GRANTED, "2500.00"), ("25000.01", LumpSumOutcome.LIMITED, "2499.99")],
)
def test_the_lump_sum_and_the_justified_amount_together_reach_the_decree_at_most(
    justified: str, outcome: LumpSumOutcome, amount: str
) -> None:
    found = personnel_lump_sum(Decimal("27500.00"), Decimal(justified))
    assert (found.outcome, found.amount) == (outcome, Decimal(amount))


@pytest.mark.parametrize(("justified", "amount"), [("12345.67", "1234.57"), ("12345.65", "1234.57")])
def test_the_lump_sum_is_rounded_to_the_cent_half_up(justified: str, amount: str) -> None:
    found = personnel_lump_sum(Decimal("30000.00"), Decimal(justified))
    assert (found.outcome, found.ten_percent, found.amount) == (
        LumpSumOutcome.GRANTED,
        Decimal(amount),
        Decimal(amount),
    )


def test_a_lump_sum_not_asked_for_is_zero() -> None:
    settled = settle(report(activity("26000.00", row=2), participation=decree("27000.00")))
    assert settled.measures[Measure.PARTICIPATION].lump_sum == LumpSum(
        LumpSumOutcome.NOT_ASKED, Decimal("2600.00"), Decimal("0.00")
    )
    assert settled.measures[Measure.PARTICIPATION].used == Decimal("26000.00")


def test_the_settlement_takes_the_registered_amount_for_the_threshold() -> None:
    settings = decree("27000.00", registered=Decimal("20000.00"), lump_sum_asked=True)
    settled = settle(report(activity("26000.00", row=2), participation=settings))
    assert settled.measures[Measure.PARTICIPATION].lump_sum == LumpSum(
        LumpSumOutcome.BELOW_THRESHOLD, Decimal("2600.00"), Decimal("0.00")
    )


def test_the_settings_file_s_cooperation_gives_each_partner_its_lump_sum(tmp_path: Path) -> None:
    settings = (
        'year = 2025\nocmw = "OCMW A"\n'
        "[participation]\ndecree_amount = 5000.00\npersonnel_lump_sum = true\n"
        "council_decision = 2025-02-03\nrequested_amount = 450.00\n"
        '[[participation.cooperation]]\nocmw = "OCMW B"\ndecree_amount = 10000.00\njustified = 11000.00\n'
        "council_decision = 2025-02-10\nrequested_amount = 0.00\n"
        '[[participation.cooperation]]\nocmw = "OCMW C"\ndecree_amount = 12000.00\njustified = 10000.00\n'
        "council_decision = 2025-02-17\nrequested_amount = 1000.00\n"
    )
    entered = loaded(tmp_path, line(amount="4500,00"), settings).report
    assert entered.measures[Measure.PARTICIPATION].cooperations == (
        Cooperation("OCMW B", Decimal("10000.00"), Decimal("11000.00"), dt.date(2025, 2, 10), Decimal("0.00")),
        Cooperation("OCMW C", Decimal("12000.00"), Decimal("10000.00"), dt.date(2025, 2, 17), Decimal("1000.00")),
    )
    settled = settle(entered).measures[Measure.PARTICIPATION]
    assert settled.lump_sum == LumpSum(LumpSumOutcome.GRANTED, Decimal("450.00"), Decimal("450.00"))
    assert [(partner.cooperation.ocmw, partner.lump_sum.amount) for partner in settled.partners] == [
        ("OCMW B", Decimal("0.00")),
        ("OCMW C", Decimal("1000.00")),
    ]
    assert (settled.used, settled.unused) == (Decimal("4950.00"), Decimal("50.00"))


# Section 1.12.2: each OCMW of the cooperation gives the date of its council decision and the amount it asks

SHARED = (
    'year = 2025\nocmw = "OCMW Zele"\n'
    "[child_poverty]\ndecree_amount = 9000.00\npersonnel_lump_sum = true\n"
    "council_decision = 2025-02-24\nrequested_amount = 795.50\n"
    '[[child_poverty.cooperation]]\nocmw = "OCMW Berlare"\ndecree_amount = 16500.00\njustified = 15800.00\n'
    'council_decision = "10/03/2025"\nrequested_amount = 700.00\n'
)

CHILD = line(measure="child_poverty", category="school_support", description="Schoolboeken", amount="7955,00")


def shared_refusal(folder: Path, settings: str) -> list[str]:
    """The messages of the settings' problems, with a child-poverty activity."""
    return [message for row, column, message in refusal(folder, CHILD, settings) if row is None]


def test_each_ocmw_of_the_cooperation_gives_its_council_decision_and_requested_amount(tmp_path: Path) -> None:
    measure = loaded(tmp_path, CHILD, SHARED).report.measures[Measure.CHILD_POVERTY]
    assert (measure.council_decision, measure.requested) == (dt.date(2025, 2, 24), Decimal("795.50"))
    [berlare] = measure.cooperations
    assert (berlare.council_decision, berlare.requested) == (dt.date(2025, 3, 10), Decimal("700.00"))


def test_a_shared_lump_sum_without_the_council_decisions_and_requested_amounts_is_refused(tmp_path: Path) -> None:
    settings = "\n".join(line for line in SHARED.splitlines() if not line.startswith(("council", "requested")))
    assert shared_refusal(tmp_path, settings) == [
        "child_poverty.cooperation[1].council_decision: missing; write the date of the OCMW council's decision "
        "on the cooperation, such as council_decision = 2025-03-12",
        "child_poverty.cooperation[1].requested_amount: missing; write the personnel lump sum this OCMW asks, "
        "such as requested_amount = 12500.00",
        "child_poverty.council_decision: missing; write the date of the OCMW council's decision on the "
        "cooperation, such as council_decision = 2025-03-12",
        "child_poverty.requested_amount: missing; write the personnel lump sum this OCMW asks, "
        "such as requested_amount = 12500.00",
    ]


def test_an_ocmw_that_does_not_ask_the_lump_sum_need_not_give_its_own(tmp_path: Path) -> None:
    settings = SHARED.replace(
        "personnel_lump_sum = true\ncouncil_decision = 2025-02-24\nrequested_amount = 795.50\n", ""
    )
    measure = loaded(tmp_path, CHILD, settings).report.measures[Measure.CHILD_POVERTY]
    assert (measure.council_decision, measure.requested, len(measure.cooperations)) == (None, None, 1)


def test_a_council_decision_or_requested_amount_without_a_cooperation_is_refused(tmp_path: Path) -> None:
    settings = SHARED[: SHARED.index("[[child_poverty.cooperation]]")]
    assert shared_refusal(tmp_path, settings) == [
        "child_poverty.council_decision: only for a cooperation agreement (1.12.2); add its "
        "[[child_poverty.cooperation]] entries or remove this setting",
        "child_poverty.requested_amount: only for a cooperation agreement (1.12.2); add its "
        "[[child_poverty.cooperation]] entries or remove this setting",
    ]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2025-12-31", None),
        ('"31/12/2025"', None),
        (
            "2026-01-01",
            "01/01/2026 is after the subsidy year 2025: the cooperation of 2025 is decided by 31/12/2025",
        ),
        ('"2025-13-01"', "2025-13-01 does not exist: there is no month 13; months go from 1 to 12"),
        ('"31/02/2025"', "31/02/2025 does not exist: February 2025 has 28 days"),
        ('"2025/03/12"', "'2025/03/12' is not a day: write it as DD/MM/YYYY, such as 31/12/2026"),
        ("2025-03-12T10:00:00", "2025-03-12T10:00:00 is not a date; write it such as council_decision = 2025-03-12"),
        ("20250312", "20250312 is not a date; write it such as council_decision = 2025-03-12"),
    ],
)
def test_a_council_decision_is_a_date_by_the_end_of_the_subsidy_year(
    tmp_path: Path, written: str, message: str | None
) -> None:
    settings = SHARED.replace("council_decision = 2025-02-24", f"council_decision = {written}")
    if message is None:
        assert loaded(tmp_path, CHILD, settings).report.measures[Measure.CHILD_POVERTY].council_decision
    else:
        assert shared_refusal(tmp_path, settings) == [f"child_poverty.council_decision: {message}"]


@pytest.mark.parametrize(("requested", "refused"), [("900.00", False), ("900.01", True)])
def test_the_requested_amount_is_at_most_10_percent_of_the_decree_amount(
    tmp_path: Path, requested: str, refused: bool
) -> None:
    settings = SHARED.replace("requested_amount = 795.50", f"requested_amount = {requested}")
    if refused:
        assert shared_refusal(tmp_path, settings) == [
            "child_poverty.requested_amount: 900.01 is more than 10 % of the royal decree's amount (9000.00), "
            "the most a personnel lump sum can be (1.12)"
        ]
    else:
        assert loaded(tmp_path, CHILD, settings).report.measures[Measure.CHILD_POVERTY].requested == Decimal(requested)


def test_every_output_shows_each_ocmw_s_council_decision_and_requested_amount(tmp_path: Path) -> None:
    child = json.loads(shipped("--format", "json").stdout)["measures"]["child_poverty"]
    assert (child["council_decision"], child["requested_amount"]) == ("2025-02-24", "795.50")
    assert [(partner["council_decision"], partner["requested_amount"]) for partner in child["cooperation"]] == [
        ("2025-03-10", "700.00")
    ]
    assert json.loads(shipped("--format", "json").stdout)["measures"]["participation"]["council_decision"] is None
    dutch = CliRunner(env={"COLUMNS": "200"}).invoke(main, SHIPPED).stdout
    assert "Datum raadsbeslissing" in dutch and "Gevraagd bedrag" in dutch
    assert "24/02/2025" in dutch and "10/03/2025" in dutch
    french = CliRunner(env={"COLUMNS": "200"}).invoke(main, [*SHIPPED, "--lang", "fr"]).stdout
    assert "Date de la décision du conseil" in french and "Montant demandé" in french and "10/03/2025" in french
    out = tmp_path / "participation.xlsx"
    assert shipped("--format", "xlsx", "--out", str(out)).exit_code == 0
    sheet = load_workbook(out).active
    assert sheet is not None
    _, berlare = [cells for cells in sheet.iter_rows() if cells[0].value == "OCMW Berlare"]
    assert [cell.value for cell in berlare[1:3]] == [700.0, dt.datetime(2025, 3, 10)]
    assert (berlare[1].number_format, berlare[2].number_format) == (EURO_FORMAT, "DD/MM/YYYY")
