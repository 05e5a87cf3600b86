"""The participation and social activation subsidy (circular of 29 May 2017): the exemption under €7 500 and
indicator 12 at their boundaries, the indicators 1-15 with exact values and the refusals of the values
they stand on, and the sums that hold for any activities."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annual_report.lump_sum import LumpSumOutcome
from annual_report.participation import Category
from annual_report.psa import KINDS, LumpSumKind, Part, PsaActivity, PsaSettings, report
from tests.annual_report.psa_cases import (
    ALLOCATED,
    EVERY_KIND,
    PART_A,
    TOTALS_ONLY,
    computed,
    indicators,
    refusal,
    toml,
)

ESTIMATE = "{!r} is not a number of beneficiaries (such as 4) or a percentage of them (such as 40%)"


# The exemption under €7 500 and indicator 12


def test_a_grant_under_7500_is_exempt_with_totals_per_part_only_and_no_activity_needed(tmp_path: Path) -> None:
    result = computed(tmp_path, TOTALS_ONLY, toml("7499.99"))
    assert result.settings.exempt is True
    assert result.indicators is None
    assert result.totals == {
        Part.SOCIAL_INTEGRATION: Decimal("2650.00"),
        Part.COLLECTIVE_MODULES: Decimal("900.00"),
        Part.CHILD_POVERTY: Decimal("0.00"),
    }
    assert result.small_subsidy_spending_rate is None  # above 5 000


def test_a_grant_of_7500_is_not_exempt_and_needs_the_activity_and_its_beneficiaries(tmp_path: Path) -> None:
    assert refusal(tmp_path, TOTALS_ONLY, toml("7500.00")) == [
        (2, "activity", f"empty; required for a subsidy of 7 500 or more: {PART_A}"),
        (2, "beneficiaries", "empty; one whole number is required for a subsidy of 7 500 or more"),
        (3, "activity", "empty; required for a subsidy of 7 500 or more: collective_modules"),
        (3, "beneficiaries", "empty; one whole number is required for a subsidy of 7 500 or more"),
    ]
    assert computed(tmp_path, "A;events;x;3;;;2650,00;;;\n", toml("7500.00")).indicators is not None


@pytest.mark.parametrize(("granted", "rate"), [("5000.00", Decimal("94.6")), ("5000.01", None)])
def test_indicator_12_is_given_for_a_grant_of_5000_or_less(tmp_path: Path, granted: str, rate: Decimal | None) -> None:
    result = computed(tmp_path, "A;;x;;;;4730,00;;;\n", toml(granted))
    assert result.small_subsidy_spending_rate == rate
    assert result.indicators is None


@pytest.mark.parametrize(("spent", "rate"), [("4730,00", "98.5"), ("4800,00", "100.0"), ("6000,00", "100.0")])
def test_indicator_12_is_the_spending_up_to_the_grant_in_percent_with_one_decimal(
    tmp_path: Path, spent: str, rate: str
) -> None:
    result = computed(tmp_path, f"A;;x;;;;{spent};;;\n", toml("4800.00"))
    assert result.small_subsidy_spending_rate == Decimal(rate)


# Indicators 1-4: beneficiaries and average cost


def test_indicators_1_and_4_are_per_kind_of_activity_with_the_cost_rounded_half_up_to_cents(tmp_path: Path) -> None:
    rows = "A;events;x;3;;;1000,00;;;\nA;ict;x;3;;;2,00;;;\nC;school_support;x;2;;;0,05;;;\n"
    kinds = indicators(tmp_path, rows).kinds
    assert (kinds[Category.EVENTS].beneficiaries, kinds[Category.EVENTS].average_cost) == (3, Decimal("333.33"))
    assert kinds[Category.ICT].average_cost == Decimal("0.67")
    assert kinds[Category.SCHOOL_SUPPORT].average_cost == Decimal("0.03")  # 0.025, half up
    empty = kinds[Category.ASSOCIATIONS]
    assert (empty.beneficiaries, empty.spent, empty.average_cost) == (0, Decimal("0.00"), None)


def test_two_equal_rows_are_two_activities(tmp_path: Path) -> None:
    events = indicators(tmp_path, "A;events;x;3;;;100,00;;;\nA;events;x;3;;;100,00;;;\n").kinds[Category.EVENTS]
    assert (events.beneficiaries, events.spent) == (6, Decimal("200.00"))


def test_indicators_2_and_3_sum_the_parts_activities(tmp_path: Path) -> None:
    rows = "A;events;x;10;4;2;1000,00;;;\nA;ict;x;5;3;1;500,00;;;\nC;school_support;x;7;7;0;70,00;;;\n"
    parts = indicators(tmp_path, rows).parts
    a = parts[Part.SOCIAL_INTEGRATION]
    assert (a.beneficiaries, a.with_integration_right, a.with_trajectory) == (15, 7, 3)
    assert (a.spent, a.average_cost) == (Decimal("1500.00"), Decimal("100.00"))
    b = parts[Part.COLLECTIVE_MODULES]
    assert (b.beneficiaries, b.spent, b.average_cost, b.spending_rate) == (0, Decimal("0.00"), None, Decimal("0.0"))


@pytest.mark.parametrize(
    ("estimate", "beneficiaries", "count"),
    [
        ("40%", 12, 5),  # 4.8
        ("50 %", 12, 6),
        ("12,5%", 8, 1),
        ("50%", 5, 3),  # 2.5, half up
        ("100%", 7, 7),
        ("0%", 7, 0),
        ("7", 7, 7),
        ("", 7, 0),
    ],
)
def test_indicators_2_1_and_2_2_may_be_estimated_as_a_percentage_of_the_beneficiaries(
    tmp_path: Path, estimate: str, beneficiaries: int, count: int
) -> None:
    rows = f"A;events;x;{beneficiaries};{estimate};{estimate};100,00;;;\n"
    events = indicators(tmp_path, rows).kinds[Category.EVENTS]
    assert (events.with_integration_right, events.with_trajectory) == (count, count)


@pytest.mark.parametrize(
    ("estimate", "message"),
    [
        ("101%", ESTIMATE.format("101%")),
        ("100,01%", ESTIMATE.format("100,01%")),
        ("9", "9 is more than the activity's 8 beneficiaries"),
        ("veel", ESTIMATE.format("veel")),
        ("4 tot 6", ESTIMATE.format("4 tot 6")),
    ],
)
def test_an_estimate_above_the_beneficiaries_or_not_a_count_is_refused(
    tmp_path: Path, estimate: str, message: str
) -> None:
    assert refusal(tmp_path, f"A;events;x;8;;{estimate};100,00;;;\n") == [(2, "with_trajectory", message)]


# Indicator 5: the collective modules


def test_indicator_5_sums_participants_dropouts_and_progress_of_the_part_b_rows(tmp_path: Path) -> None:
    rows = "B;collective_modules;x;11;;;4200,00;;2;7\nB;collective_modules;y;9;;;2750,00;;1;6\n"
    rows += "A;events;z;30;;;10,00;;;\n"
    modules = indicators(tmp_path, rows).collective_modules
    assert (modules.participants, modules.dropouts, modules.progressed) == (20, 3, 13)


def test_dropouts_up_to_the_participants_are_accepted_and_one_more_refused(tmp_path: Path) -> None:
    modules = indicators(tmp_path, "B;collective_modules;x;10;;;10,00;;10;0\n").collective_modules
    assert (modules.participants, modules.dropouts, modules.progressed) == (10, 10, 0)
    assert refusal(tmp_path, "B;collective_modules;x;10;;;10,00;;11;\n") == [
        (2, "dropouts", "11 drop-outs of 10 participants; at most 10")
    ]


def test_progress_up_to_the_participants_who_finished_is_accepted_and_one_more_refused(tmp_path: Path) -> None:
    assert indicators(tmp_path, "B;collective_modules;x;10;;;10,00;;3;7\n").collective_modules.progressed == 7
    assert refusal(tmp_path, "B;collective_modules;x;10;;;10,00;;3;8\n") == [
        (
            2,
            "progressed",
            "8 made progress, but 7 of 10 participants finished; progress is measured at the end of the module",
        )
    ]


@pytest.mark.parametrize("row", ["A;events;x;10;;;10,00;;1;1\n", "C;collective_actions;x;10;;;10,00;;1;1\n"])
def test_dropouts_and_progress_outside_part_b_are_refused(tmp_path: Path, row: str) -> None:
    message = "only collective modules (part B) count drop-outs and progress; leave it empty"
    assert refusal(tmp_path, row) == [(2, "dropouts", message), (2, "progressed", message)]


# Indicators 6-11: the grant, the justified amount, the rates


@pytest.mark.parametrize(
    ("spent", "justified", "rate", "overrun"),
    [
        ("9999,99", "9999.99", "100.0", "0.0"),
        ("10000,00", "10000.00", "100.0", "0.0"),
        ("10500,00", "10000.00", "100.0", "5.0"),
        ("7500,00", "7500.00", "75.0", "0.0"),
    ],
)
def test_indicators_6_7_10_the_justified_amount_is_the_spending_up_to_the_grant_and_the_rest_an_overrun(
    tmp_path: Path, spent: str, justified: str, rate: str, overrun: str
) -> None:
    found = indicators(tmp_path, f"A;events;x;5;;;{spent};;;\n")
    assert (found.grant.granted, found.grant.spent) == (Decimal("10000.00"), Decimal(spent.replace(",", ".")))
    assert (found.grant.justified, found.grant.used) == (Decimal(justified), Decimal(justified))
    assert (found.spending_rate, found.overrun_rate) == (Decimal(rate), Decimal(overrun))


def test_indicator_8_per_part_and_activity_is_the_spending_as_a_share_of_the_grant_rounded_half_up(
    tmp_path: Path,
) -> None:
    found = indicators(tmp_path, "A;events;x;5;;;1225,00;;;\nB;collective_modules;y;5;;;3000,00;;;\n")
    assert found.kinds[Category.EVENTS].spending_rate == Decimal("12.3")  # 12.25
    assert found.parts[Part.SOCIAL_INTEGRATION].spending_rate == Decimal("12.3")
    assert found.parts[Part.COLLECTIVE_MODULES].spending_rate == Decimal("30.0")
    assert found.parts[Part.CHILD_POVERTY].spending_rate == Decimal("0.0")
    assert (found.spending_rate, found.unused_rate) == (Decimal("42.3"), Decimal("57.7"))  # 42.25 rounded, the rest


def test_indicator_8_of_a_part_shows_its_overspending_but_the_whole_grant_stops_at_100(tmp_path: Path) -> None:
    found = indicators(tmp_path, "C;school_support;x;5;;;10500,00;;;\n")
    assert found.parts[Part.CHILD_POVERTY].spending_rate == Decimal("105.0")
    assert (found.spending_rate, found.unused_rate, found.overrun_rate) == (
        Decimal("100.0"),
        Decimal("0.0"),
        Decimal("5.0"),
    )


def test_indicator_11_is_the_personnel_costs_as_a_share_of_the_spending(tmp_path: Path) -> None:
    rows = "A;events;x;5;;;3000,00;1000,00;;\nB;collective_modules;y;5;;;800,00;800,00;;\n"
    rows += "C;school_support;z;1;;;0,00;;;\n"
    parts = indicators(tmp_path, rows).parts
    assert parts[Part.SOCIAL_INTEGRATION].personnel_share == Decimal("33.3")
    assert parts[Part.COLLECTIVE_MODULES].personnel_share == Decimal("100.0")
    assert parts[Part.CHILD_POVERTY].personnel_share is None  # nothing spent


def test_personnel_costs_above_the_spending_are_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path, "A;events;x;5;;;10,00;10,01;;\n") == [
        (2, "personnel_costs", "10.01 is more than what was spent (10.00), of which it is part")
    ]


# Indicator 9 per part and per activity: what was allocated there and not spent


def test_indicator_9_per_part_and_activity_is_the_allocation_left_unspent_as_a_share_of_the_grant(
    tmp_path: Path,
) -> None:
    allocated = "[allocated]\nevents = 3000.00\nict = 1000.00\ncollective_modules = 2000.00\n"
    rows = "A;events;x;5;;;2500,00;;;\nA;ict;y;5;;;1200,00;;;\nB;collective_modules;z;5;;;2000,00;;;\n"
    found = indicators(tmp_path, rows, toml(allocated=allocated))
    events, ict = found.kinds[Category.EVENTS], found.kinds[Category.ICT]
    assert (events.allocated, events.unused, events.unused_rate) == (
        Decimal("3000.00"),
        Decimal("500.00"),
        Decimal("5.0"),
    )
    assert (ict.allocated, ict.unused, ict.unused_rate) == (Decimal("1000.00"), Decimal("0.00"), Decimal("0.0"))
    part_a = found.parts[Part.SOCIAL_INTEGRATION]  # 4 000 allocated, 3 700 spent: ict's overspending counts
    assert (part_a.allocated, part_a.unused, part_a.unused_rate) == (
        Decimal("4000.00"),
        Decimal("300.00"),
        Decimal("3.0"),
    )
    modules = found.parts[Part.COLLECTIVE_MODULES]  # spent as allocated
    assert (modules.unused, modules.unused_rate) == (Decimal("0.00"), Decimal("0.0"))
    school = found.kinds[Category.SCHOOL_SUPPORT]  # nothing allocated, nothing spent
    assert (school.allocated, school.unused, school.unused_rate) == (Decimal("0.00"), Decimal("0.00"), Decimal("0.0"))
    assert found.unused_rate == Decimal("43.0")  # the whole grant: 5 700 of 10 000 used


@pytest.mark.parametrize(("spent", "unused"), [("999,99", "0.01"), ("1000,00", "0.00"), ("1000,01", "0.00")])
def test_indicator_9_of_an_activity_is_its_allocation_less_its_spending_never_below_0(
    tmp_path: Path, spent: str, unused: str
) -> None:
    allocated = "[allocated]\nict = 1000.00\n"
    ict = indicators(tmp_path, f"A;ict;x;5;;;{spent};;;\n", toml(allocated=allocated)).kinds[Category.ICT]
    assert ict.unused == Decimal(unused)


def test_an_ocmw_granted_7500_or_more_divides_its_grant_over_the_activities(tmp_path: Path) -> None:
    assert refusal(tmp_path, "A;events;x;5;;;10,00;;;\n", toml(allocated="")) == [
        (
            None,
            None,
            "allocated: missing; write how the grant is divided over the activities (indicator 9), such as "
            "[allocated] with events = 5000.00 and collective_modules = 2500.00",
        )
    ]


def test_an_exempt_ocmw_has_no_indicators_and_so_no_division(tmp_path: Path) -> None:
    settings = toml("7499.99") + ALLOCATED
    assert refusal(tmp_path, TOTALS_ONLY, settings) == [
        (None, None, "allocated: only for a grant of 7 500 or more, which has indicators; remove it")
    ]


@pytest.mark.parametrize(("second", "refused"), [("5000.00", False), ("5000.01", True)])
def test_the_division_adds_up_to_the_grant_at_most(tmp_path: Path, second: str, refused: bool) -> None:
    settings = toml(allocated=f"[allocated]\nevents = 5000.00\ncollective_modules = {second}\n")
    if refused:
        assert refusal(tmp_path, "A;events;x;5;;;10,00;;;\n", settings) == [
            (
                None,
                None,
                "allocated: the activities are given 10000.01 in all, more than the grant (10000.00); "
                "divide the grant, at most its amount",
            )
        ]
    else:
        assert indicators(tmp_path, "A;events;x;5;;;10,00;;;\n", settings).parts[Part.COLLECTIVE_MODULES].allocated == (
            Decimal("5000.00")
        )


def test_the_division_names_known_activities_with_amounts(tmp_path: Path) -> None:
    settings = toml(allocated='[allocated]\nsports = 100.00\nevents = "veel"\n')
    assert refusal(tmp_path, "A;events;x;5;;;10,00;;;\n", settings) == [
        (None, None, 'allocated.events: "veel" is not an amount in euro such as 12500.00'),
        (
            None,
            None,
            f"allocated.sports: unknown setting; the settings here are {', '.join(sorted(EVERY_KIND.split(', ')))}",
        ),
    ]


# Indicators 13 and 14: the personnel lump sum; 15: the cooperation agreements


@pytest.mark.parametrize(
    ("granted", "outcome", "amount", "rate"),
    [
        ("24999.99", LumpSumOutcome.BELOW_THRESHOLD, "0.00", "80.0"),
        ("25000.00", LumpSumOutcome.GRANTED, "2000.00", "88.0"),
    ],
)
def test_indicator_13_the_own_lump_sum_needs_a_grant_of_25000(
    tmp_path: Path, granted: str, outcome: LumpSumOutcome, amount: str, rate: str
) -> None:
    settings = toml(granted, 'personnel_lump_sum = "own"\n')
    found = indicators(tmp_path, "A;events;x;5;;;20000,00;;;\n", settings)
    assert (found.grant.lump_sum_kind, found.grant.lump_sum.outcome, found.grant.lump_sum.amount) == (
        LumpSumKind.OWN,
        outcome,
        Decimal(amount),
    )
    assert (found.grant.used, found.spending_rate) == (Decimal("20000.00") + Decimal(amount), Decimal(rate))


@pytest.mark.parametrize(
    ("total", "outcome", "amount"),
    [("24999.99", LumpSumOutcome.BELOW_THRESHOLD, "0.00"), ("25000.00", LumpSumOutcome.GRANTED, "900.00")],
)
def test_indicator_14_the_external_lump_sum_needs_a_cooperation_of_25000_whatever_the_grant(
    tmp_path: Path, total: str, outcome: LumpSumOutcome, amount: str
) -> None:
    settings = toml("10000.00", f'personnel_lump_sum = "external"\ncooperation_total = {total}\n')
    found = indicators(tmp_path, "A;events;x;5;;;9000,00;;;\n", settings)
    assert (found.grant.lump_sum_kind, found.grant.lump_sum.outcome, found.grant.lump_sum.amount) == (
        LumpSumKind.EXTERNAL,
        outcome,
        Decimal(amount),
    )


def test_the_external_lump_sum_needs_the_cooperation_total(tmp_path: Path) -> None:
    assert refusal(tmp_path, "A;events;x;5;;;10,00;;;\n", toml("30000.00", 'personnel_lump_sum = "external"\n')) == [
        (
            None,
            None,
            "cooperation_total: required with an external lump sum: "
            "the royal-decree amounts of the cooperating OCMWs, this one included",
        )
    ]


def test_a_cooperation_total_below_the_own_grant_is_refused_and_equal_accepted(tmp_path: Path) -> None:
    lower = toml("30000.00", 'personnel_lump_sum = "external"\ncooperation_total = 29999.99\n')
    assert refusal(tmp_path, "A;events;x;5;;;10,00;;;\n", lower) == [
        (
            None,
            None,
            "cooperation_total: 29999.99 is less than this OCMW's own grant (30000.00), "
            "which the cooperation's total includes",
        )
    ]
    equal = toml("30000.00", 'personnel_lump_sum = "external"\ncooperation_total = 30000.00\n')
    assert indicators(tmp_path, "A;events;x;5;;;10,00;;;\n", equal).grant.lump_sum_kind is LumpSumKind.EXTERNAL


def test_no_lump_sum_is_asked_by_default(tmp_path: Path) -> None:
    found = indicators(tmp_path, "A;events;x;5;;;20000,00;;;\n", toml("30000.00"))
    assert (found.grant.lump_sum_kind, found.grant.lump_sum.outcome) == (LumpSumKind.NONE, LumpSumOutcome.NOT_ASKED)
    assert (found.grant.lump_sum.amount, found.grant.used) == (Decimal("0.00"), Decimal("20000.00"))


@pytest.mark.parametrize(("spent", "amount"), [("24000,00", "1000.00"), ("30000,00", "0.00")])
def test_the_lump_sum_never_takes_the_justified_amount_above_the_grant(tmp_path: Path, spent: str, amount: str) -> None:
    found = indicators(tmp_path, f"A;events;x;5;;;{spent};;;\n", toml("25000.00", 'personnel_lump_sum = "own"\n'))
    assert (found.grant.lump_sum.outcome, found.grant.lump_sum.amount) == (LumpSumOutcome.LIMITED, Decimal(amount))
    assert found.grant.used == Decimal("25000.00")
    assert (found.spending_rate, found.unused_rate) == (Decimal("100.0"), Decimal("0.0"))


def test_an_exempt_ocmw_in_a_cooperation_keeps_its_lump_sum_and_indicator_12_counts_it(tmp_path: Path) -> None:
    settings = toml("4800.00", 'personnel_lump_sum = "external"\ncooperation_total = 30000.00\n')
    found = computed(tmp_path, "A;;Tussenkomsten;;;;4000,00;;;\n", settings)
    assert found.indicators is None
    assert (found.grant.lump_sum.outcome, found.grant.lump_sum.amount) == (LumpSumOutcome.GRANTED, Decimal("400.00"))
    assert found.grant.lump_sum_rate == Decimal("100.0")
    assert found.small_subsidy_spending_rate == Decimal("91.7")  # 4 400 of 4 800


def test_indicator_15_counts_the_cooperation_agreements(tmp_path: Path) -> None:
    assert indicators(tmp_path, "A;events;x;5;;;10,00;;;\n").agreements == 0
    agreements = '[[cooperation]]\npartner = "vzw Buurtwerk"\nkind = "toneel"\n'
    agreements += '[[cooperation]]\npartner = "Sportdienst gemeente Zele"\nkind = "sportkampen"\n'
    assert indicators(tmp_path, "A;events;x;5;;;10,00;;;\n", toml(extra=agreements)).agreements == 2


def test_an_agreement_needs_its_partner_and_kind(tmp_path: Path) -> None:
    agreement = "[[cooperation]]\npartner = 3\n"
    assert refusal(tmp_path, "A;events;x;5;;;10,00;;;\n", toml(extra=agreement)) == [
        (
            None,
            None,
            "cooperation[1].kind: missing; write the kind of agreement in quotes, "
            'such as kind = "samenwerkingsovereenkomst"',
        ),
        (
            None,
            None,
            "cooperation[1].partner: 3 is not text; write the partner's name in quotes, "
            'such as partner = "vzw Buurtwerk"',
        ),
    ]


# What holds for any activities of an OCMW that is not exempt

CENTS = st.integers(0, 2_000_000)

KIND_OF_PART = [(part, kind) for part in Part for kind in KINDS[part]]


@st.composite
def activities(draw: st.DrawFn) -> PsaActivity:
    part, kind = draw(st.sampled_from(KIND_OF_PART))
    beneficiaries = draw(st.integers(1, 60))
    spent = draw(CENTS)
    dropouts = draw(st.integers(0, beneficiaries)) if part is Part.COLLECTIVE_MODULES else 0
    progressed = draw(st.integers(0, beneficiaries - dropouts)) if part is Part.COLLECTIVE_MODULES else 0
    return PsaActivity(
        part=part,
        kind=kind,
        description="",
        spent=Decimal(spent) / 100,
        beneficiaries=beneficiaries,
        with_integration_right=draw(st.integers(0, beneficiaries)),
        with_trajectory=draw(st.integers(0, beneficiaries)),
        personnel_costs=Decimal(draw(st.integers(0, spent))) / 100,
        dropouts=dropouts,
        progressed=progressed,
    )


@st.composite
def grants(draw: st.DrawFn) -> PsaSettings:
    kind = draw(st.sampled_from(LumpSumKind))
    total = Decimal(draw(st.integers(750_000, 6_000_000))) / 100 if kind is LumpSumKind.EXTERNAL else None
    granted = Decimal(draw(st.integers(750_000, 6_000_000))) / 100
    shares = draw(st.dictionaries(st.sampled_from([kind for _, kind in KIND_OF_PART]), st.integers(0, 100)))
    whole = max(sum(shares.values()), 100)
    allocated = {
        kind: (granted * share / whole).quantize(Decimal("0.01"), ROUND_DOWN) for kind, share in shares.items()
    }
    return PsaSettings(2025, "OCMW Zele", granted, kind, total, allocated=allocated)


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(grants(), st.lists(activities(), max_size=12))
def test_the_kinds_add_up_to_their_parts_and_the_grant_is_never_exceeded(
    grant: PsaSettings, rows: list[PsaActivity]
) -> None:
    found = report(grant, rows).indicators
    assert found is not None
    for part, group in found.parts.items():
        kinds = [found.kinds[kind] for kind in KINDS[part]]
        for field in ("beneficiaries", "with_integration_right", "with_trajectory", "spent", "personnel_costs"):
            assert sum(getattr(kind, field) for kind in kinds) == getattr(group, field)
    assert sum(group.spent for group in found.parts.values()) == found.grant.spent == sum(row.spent for row in rows)
    assert found.collective_modules.participants == found.parts[Part.COLLECTIVE_MODULES].beneficiaries
    assert found.grant.justified + found.grant.lump_sum.amount == found.grant.used <= grant.granted
    assert found.spending_rate is not None and found.unused_rate is not None
    assert abs(found.spending_rate + found.unused_rate - 100) <= Decimal("0.1")
    for group in (*found.parts.values(), *found.kinds.values()):
        assert group.unused == max(group.allocated - group.spent, Decimal(0)) <= group.allocated
    assert sum(group.allocated for group in found.parts.values()) <= grant.granted
