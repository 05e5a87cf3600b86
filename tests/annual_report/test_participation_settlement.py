"""The settlement of each measure of the participation report: the justified amount up to the decree, what
was used and not, the advance and the balance; and, for any activities, caps and settlement that keep
within their limits."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from annual_report.participation import (
    CATEGORIES,
    Activity,
    Category,
    Measure,
    MeasureSettings,
    ParticipationReport,
    apply_caps,
    settle,
)
from tests.annual_report.participation_cases import FIRST, SECOND, activity, decree, report


def test_the_justified_amount_is_the_accepted_amount_up_to_the_decree() -> None:
    settled = settle(report(activity("9000.01", category=Category.EVENTS, row=2), participation=decree("9000.00")))
    part = settled.measures[Measure.PARTICIPATION]
    assert (part.accepted, part.justified, part.unused) == (Decimal("9000.01"), Decimal("9000.00"), Decimal("0.00"))


def test_used_is_justified_plus_the_lump_sum_and_the_rest_is_unused() -> None:
    settled = settle(report(activity("20000.00", row=2), participation=decree("27000.00", lump_sum_asked=True)))
    part = settled.measures[Measure.PARTICIPATION]
    assert (part.justified, part.used, part.unused) == (Decimal("20000.00"), Decimal("22000.00"), Decimal("5000.00"))
    assert (part.advance, part.balance) == (Decimal("13500.00"), Decimal("8500.00"))


def test_the_balance_is_negative_when_the_advance_was_more_than_what_was_used() -> None:
    settled = settle(
        report(activity("3000.00", measure=Measure.CHILD_POVERTY, row=2), child_poverty=decree("10000.00"))
    )
    child = settled.measures[Measure.CHILD_POVERTY]
    assert (child.used, child.unused, child.advance, child.balance) == (
        Decimal("3000.00"),
        Decimal("7000.00"),
        Decimal("5000.00"),
        Decimal("-2000.00"),
    )


def test_recycled_computers_get_no_advance_and_no_lump_sum() -> None:
    settled = settle(
        report(activity("300.00", measure=Measure.RECYCLED_PCS, beneficiaries=3, row=2), recycled_pcs=decree("500.00"))
    )
    recycled = settled.measures[Measure.RECYCLED_PCS]
    assert (recycled.lump_sum, recycled.partners) == (None, ())
    assert (recycled.justified, recycled.used, recycled.unused) == (
        Decimal("300.00"),
        Decimal("300.00"),
        Decimal("200.00"),
    )
    assert (recycled.advance, recycled.balance) == (Decimal("0.00"), Decimal("300.00"))


def test_the_advance_is_at_most_half_the_decree_amount() -> None:
    settled = settle(report(participation=decree("1000.03")))
    assert settled.measures[Measure.PARTICIPATION].advance == Decimal("500.01")


# Properties


@st.composite
def activity_lists(draw: st.DrawFn) -> list[Activity]:
    found = []
    for number in range(draw(st.integers(0, 12))):
        measure = draw(st.sampled_from(list(Measure)))
        found.append(
            Activity(
                measure=measure,
                category=draw(st.sampled_from(CATEGORIES[measure])),
                imputation_date=dt.date(2025, 1, 1) + dt.timedelta(days=draw(st.integers(0, 364))),
                description="Activiteit",
                beneficiaries=draw(st.integers(1, 5)),
                amount=Decimal(draw(st.integers(0, 90_000))).scaleb(-2),
                investment=draw(st.booleans()),
                person=draw(st.sampled_from([None, FIRST, SECOND])),
                row=number + 2,
            )
        )
    return found


@settings(max_examples=30, deadline=None)
@given(
    activities=activity_lists(),
    decrees=st.tuples(*(st.integers(0, 3_000_000) for _ in Measure)),
    asked=st.booleans(),
)
def test_the_caps_and_the_settlement_keep_within_their_limits(
    activities: list[Activity], decrees: tuple[int, ...], asked: bool
) -> None:
    accepted, cuts = apply_caps(activities)
    measure_of = {item.row: item.measure for item in activities}
    entered: dict[Measure, Decimal] = defaultdict(Decimal)
    kept: dict[Measure, Decimal] = defaultdict(Decimal)
    investments: dict[Measure, Decimal] = defaultdict(Decimal)
    purchases: dict[tuple[Measure, str], Decimal] = defaultdict(Decimal)
    for item in accepted:
        found = item.activity
        assert Decimal(0) <= item.amount <= found.amount
        entered[found.measure] += found.amount
        kept[found.measure] += item.amount
        if found.investment and found.person is None and found.measure is Measure.PARTICIPATION:
            investments[found.measure] += item.amount
        if found.investment and found.person is not None and found.measure is Measure.PARTICIPATION:
            purchases[found.measure, found.person] += item.amount
        if found.measure is Measure.RECYCLED_PCS:
            assert item.amount <= Decimal("100.00") * found.beneficiaries
    for cut in cuts:
        assert cut.amount > 0
        kept[measure_of[cut.row]] += cut.amount
    assert kept == entered
    assert all(total <= Decimal("500.00") for total in investments.values())
    assert all(total <= Decimal("500.00") for total in purchases.values())
    measures = {
        measure: MeasureSettings(Decimal(cents).scaleb(-2), lump_sum_asked=asked)
        for measure, cents in zip(Measure, decrees, strict=True)
    }
    settled = settle(ParticipationReport(2025, "OCMW Zele", measures, tuple(activities)))
    for settlement in settled.measures.values():
        assert Decimal(0) <= settlement.justified <= settlement.decree
        assert settlement.justified <= settlement.used <= settlement.decree
        assert settlement.unused == settlement.decree - settlement.used
    total_accepted = sum((settlement.accepted for settlement in settled.measures.values()), Decimal(0))
    assert total_accepted + sum((cut.amount for cut in settled.cuts), Decimal(0)) == sum(entered.values(), Decimal(0))
