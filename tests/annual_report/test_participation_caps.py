"""The caps of the participation report at their boundaries: small investments, individual purchases and
recycled computers, what a recycled computer's budget cannot take moved to participation's ICT category
(2.7), and the control overview per category."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from annual_report.participation import (
    CATEGORIES,
    Cap,
    Category,
    Cut,
    Measure,
    apply_caps,
    settle,
)
from tests.annual_report.participation_cases import (
    FIRST,
    SECOND,
    accepted_amounts,
    activity,
    decree,
    line,
    loaded,
    report,
    shipped,
)

# Caps: small investments, individual purchases, recycled computers


@pytest.mark.parametrize(("amount", "cut"), [("500.00", None), ("500.01", "0.01")])
def test_small_investments_are_accepted_up_to_500(amount: str, cut: str | None) -> None:
    accepted, cuts = accepted_amounts(activity(amount, investment=True, row=2))
    assert accepted == [Decimal("500.00")]
    assert cuts == ([] if cut is None else [Cut(2, Cap.SMALL_INVESTMENTS, Decimal(cut))])


def test_small_investments_share_500_over_all_categories_of_a_measure() -> None:
    accepted, cuts = accepted_amounts(
        activity("300.00", category=Category.INITIATIVES, investment=True, row=2),
        activity("300.00", category=Category.ICT, investment=True, row=3),
    )
    assert accepted == [Decimal("300.00"), Decimal("200.00")]
    assert cuts == [Cut(3, Cap.SMALL_INVESTMENTS, Decimal("100.00"))]


def test_an_investment_for_a_partner_uses_the_same_500() -> None:
    accepted, cuts = accepted_amounts(
        activity("500.00", category=Category.INITIATIVES, investment=True, partner="vzw Buurtwerk", row=2),
        activity("120.00", category=Category.ICT, investment=True, day=dt.date(2025, 3, 16), row=3),
    )
    assert accepted == [Decimal("500.00"), Decimal("0.00")]
    assert cuts == [Cut(3, Cap.SMALL_INVESTMENTS, Decimal("120.00"))]


def test_the_later_imputation_date_is_cut_not_the_later_row() -> None:
    later = activity("300.00", investment=True, day=dt.date(2025, 6, 1), row=2)
    earlier = activity("300.00", investment=True, day=dt.date(2025, 2, 1), row=3)
    accepted, cuts = apply_caps([later, earlier])
    assert [(item.activity.row, item.amount) for item in accepted] == [(3, Decimal("300.00")), (2, Decimal("200.00"))]
    assert cuts == [Cut(2, Cap.SMALL_INVESTMENTS, Decimal("100.00"))]


def test_two_equal_investment_rows_are_two_investments(tmp_path: Path) -> None:
    row = line(category="ict", description="Laptop voor het leslokaal", amount="300,00", investment="ja")
    settled = settle(loaded(tmp_path, row + row).report)
    assert settled.cuts == (Cut(3, Cap.SMALL_INVESTMENTS, Decimal("100.00")),)
    assert settled.measures[Measure.PARTICIPATION].small_investments == Decimal("500.00")


def test_the_investment_caps_are_participation_s_not_child_poverty_s() -> None:
    accepted, cuts = accepted_amounts(
        activity("500.00", investment=True, row=2),
        activity("600.00", measure=Measure.CHILD_POVERTY, category=Category.SCHOOL_SUPPORT, investment=True, row=3),
        activity(
            "900.00",
            measure=Measure.CHILD_POVERTY,
            category=Category.PARAMEDICAL_SUPPORT,
            investment=True,
            person=FIRST,
            row=4,
        ),
    )
    assert (accepted, cuts) == ([Decimal("500.00"), Decimal("600.00"), Decimal("900.00")], [])


def test_only_participation_reports_its_small_investments() -> None:
    settled = settle(
        report(
            activity("300.00", investment=True, row=2),
            activity("600.00", measure=Measure.CHILD_POVERTY, category=Category.SCHOOL_SUPPORT, investment=True, row=3),
            participation=decree("27000.00"),
            child_poverty=decree("9000.00"),
            recycled_pcs=decree("500.00"),
        )
    )
    assert [settled.measures[measure].small_investments for measure in Measure] == [Decimal("300.00"), None, None]
    data = json.loads(shipped("--format", "json").stdout)
    assert [data["measures"][measure]["small_investments"] for measure in Measure] == ["500.00", None, None]


def test_individual_purchases_are_accepted_up_to_500_per_person() -> None:
    accepted, cuts = accepted_amounts(
        activity("300.00", investment=True, person=FIRST, row=2),
        activity("250.00", investment=True, person=FIRST, day=dt.date(2025, 4, 1), row=3),
    )
    assert accepted == [Decimal("300.00"), Decimal("200.00")]
    assert cuts == [Cut(3, Cap.PERSON_PURCHASES, Decimal("50.00"))]


def test_purchases_for_two_persons_are_capped_apart() -> None:
    accepted, cuts = accepted_amounts(
        activity("400.00", investment=True, person=FIRST, row=2),
        activity("400.00", investment=True, person=SECOND, row=3),
    )
    assert (accepted, cuts) == ([Decimal("400.00"), Decimal("400.00")], [])


def test_a_purchase_for_a_person_does_not_use_the_small_investments_500() -> None:
    accepted, cuts = accepted_amounts(
        activity("500.00", investment=True, person=FIRST, row=2),
        activity("500.00", investment=True, row=3),
    )
    assert (accepted, cuts) == ([Decimal("500.00"), Decimal("500.00")], [])


def test_a_person_s_activity_that_is_no_investment_is_not_capped() -> None:
    accepted, cuts = accepted_amounts(
        activity("900.00", person=FIRST, row=2), activity("900.00", investment=True, person=FIRST, row=3)
    )
    assert accepted == [Decimal("900.00"), Decimal("500.00")]
    assert cuts == [Cut(3, Cap.PERSON_PURCHASES, Decimal("400.00"))]


@pytest.mark.parametrize(("amount", "accepted", "cut"), [("300.00", "300.00", None), ("300.01", "300.00", "0.01")])
def test_recycled_computers_are_accepted_up_to_100_each(amount: str, accepted: str, cut: str | None) -> None:
    found, cuts = accepted_amounts(activity(amount, measure=Measure.RECYCLED_PCS, beneficiaries=3, row=2))
    assert found == [Decimal(accepted)]
    assert cuts == ([] if cut is None else [Cut(2, Cap.RECYCLED_PC, Decimal(cut))])


# Overflow of recycled computers into category 4 of participation (2.7)


def test_recycled_computers_above_their_budget_go_to_the_ict_category() -> None:
    settled = settle(
        report(
            activity("1000.00", category=Category.ICT, row=2),
            activity("600.00", measure=Measure.RECYCLED_PCS, beneficiaries=6, row=3),
            participation=decree("27000.00"),
            recycled_pcs=decree("500.00"),
        )
    )
    assert settled.overflow == Decimal("100.00")
    ict = settled.measures[Measure.PARTICIPATION].overview[Category.ICT]
    assert (ict.beneficiaries, ict.entered, ict.accepted) == (1, Decimal("1000.00"), Decimal("1100.00"))
    assert settled.measures[Measure.PARTICIPATION].justified == Decimal("1100.00")
    recycled = settled.measures[Measure.RECYCLED_PCS]
    assert (recycled.accepted, recycled.justified, recycled.unused) == (
        Decimal("500.00"),
        Decimal("500.00"),
        Decimal("0.00"),
    )
    assert settled.cuts == ()


def test_recycled_computers_within_their_budget_leave_no_overflow() -> None:
    settled = settle(
        report(
            activity("500.00", measure=Measure.RECYCLED_PCS, beneficiaries=5, row=2),
            participation=decree("27000.00"),
            recycled_pcs=decree("500.00"),
        )
    )
    assert settled.overflow == Decimal("0.00")
    assert settled.measures[Measure.PARTICIPATION].overview[Category.ICT].accepted == Decimal("0.00")


def test_the_part_above_100_per_computer_is_never_moved() -> None:
    settled = settle(
        report(
            activity("750.00", measure=Measure.RECYCLED_PCS, beneficiaries=6, row=2),
            participation=decree("27000.00"),
            recycled_pcs=decree("500.00"),
        )
    )
    assert settled.cuts == (Cut(2, Cap.RECYCLED_PC, Decimal("150.00")),)
    assert settled.overflow == Decimal("100.00")
    assert settled.measures[Measure.PARTICIPATION].overview[Category.ICT].accepted == Decimal("100.00")
    assert settled.measures[Measure.RECYCLED_PCS].justified == Decimal("500.00")


def test_without_participation_the_recycled_computers_above_their_budget_are_cut() -> None:
    settled = settle(
        report(
            activity("600.00", measure=Measure.RECYCLED_PCS, beneficiaries=6, row=2),
            recycled_pcs=decree("500.00"),
        )
    )
    assert settled.cuts == (Cut(None, Cap.RECYCLED_PC_BUDGET, Decimal("100.00")),)
    recycled = settled.measures[Measure.RECYCLED_PCS]
    assert (recycled.accepted, recycled.justified) == (Decimal("500.00"), Decimal("500.00"))


# Control overview


def test_the_overview_counts_beneficiaries_entered_and_accepted_per_category() -> None:
    settled = settle(
        report(
            activity("540.00", category=Category.EVENTS, beneficiaries=12, row=2),
            activity("880.00", category=Category.EVENTS, beneficiaries=4, row=3),
            activity("600.00", category=Category.ICT, beneficiaries=1, investment=True, row=4),
            participation=decree("27000.00"),
        )
    )
    overview = settled.measures[Measure.PARTICIPATION].overview
    assert list(overview) == [Category.EVENTS, Category.ASSOCIATIONS, Category.INITIATIVES, Category.ICT]
    assert [(line.beneficiaries, line.entered, line.accepted) for line in overview.values()] == [
        (16, Decimal("1420.00"), Decimal("1420.00")),
        (0, Decimal("0.00"), Decimal("0.00")),
        (0, Decimal("0.00"), Decimal("0.00")),
        (1, Decimal("600.00"), Decimal("500.00")),
    ]
    assert settled.measures[Measure.PARTICIPATION].accepted == Decimal("1920.00")


def test_a_measure_without_activities_has_a_zero_overview() -> None:
    settled = settle(report(child_poverty=decree("9000.00")))
    child = settled.measures[Measure.CHILD_POVERTY]
    assert list(child.overview) == list(CATEGORIES[Measure.CHILD_POVERTY])
    assert {(line.beneficiaries, line.entered, line.accepted) for line in child.overview.values()} == {
        (0, Decimal("0.00"), Decimal("0.00"))
    }
    assert (child.accepted, child.justified, child.unused) == (Decimal("0.00"), Decimal("0.00"), Decimal("9000.00"))
