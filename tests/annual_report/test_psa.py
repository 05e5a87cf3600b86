"""The participation and social activation subsidy (circular of 29 May 2017): the exemption under
€7 500 and indicator 12 at their boundaries, the indicators 1-15 with exact values, every refusal
with its place and sentence, the outputs of the shipped fixtures (the workbook opened back), and the
sums that hold for any activities."""

from __future__ import annotations

import io
import json
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from annual_report.lump_sum import LumpSumOutcome
from annual_report.participation import Category
from annual_report.psa import KINDS, Indicators, LumpSumKind, Part, PsaActivity, PsaReport, PsaSettings, report
from annual_report.psa_input import load_psa
from cli import main
from tabular.problems import InvalidFiles
from tests.conftest import FIXTURES

PSA = FIXTURES / "annual_report" / "psa"
SHIPPED = ["report", "psa", "--activities", str(PSA / "activities.csv"), "--settings", str(PSA / "psa.toml")]
SMALL = ["report", "psa", "--activities", str(PSA / "activities-small.csv"), "--settings", str(PSA / "psa-small.toml")]
HEADER = (
    "part;activity;description;beneficiaries;with_integration_right;with_trajectory;spent;personnel_costs;"
    "dropouts;progressed\n"
)
PART_A = "events, associations, initiatives, ict"
EVERY_KIND = ", ".join(kind for part in Part for kind in KINDS[part])
TOTALS_ONLY = "A;;Tussenkomsten participatie;;;;2650,00;;;\nB;;Module koken;;;;900,00;;;\n"
ESTIMATE = "{!r} is not a number of beneficiaries (such as 4) or a percentage of them (such as 40%)"
NOT_A_YEAR = "is not a subsidy year (2000 to 2100); write it as a whole number, such as year = 2025"
DECREE = "the amount of the royal decree for the year"
NOT_A_KIND = 'is not one of none, own, external; write one of them in quotes, such as personnel_lump_sum = "own"'
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
    return [(problem.row, problem.column, problem.message) for problem in refused.value.problems]


def psa(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args))


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


# Refusals


def test_an_activity_of_another_part_is_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path, "A;school_support;x;5;;;10,00;;;\n") == [
        (2, "activity", f"school_support is not an activity of part A; use {PART_A}")
    ]


def test_an_unknown_part_is_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path, "D;events;x;5;;;10,00;;;\n") == [(2, "part", "'D' is not one of: A, B, C")]


def test_an_unknown_activity_is_refused_with_its_place(tmp_path: Path) -> None:
    assert refusal(tmp_path, "A;sports;x;5;;;10,00;;;\n") == [(2, "activity", f"'sports' is not one of: {EVERY_KIND}")]


@pytest.mark.parametrize("beneficiaries", ["4 tot 10", "0"])
def test_beneficiaries_are_one_whole_number_of_at_least_1(tmp_path: Path, beneficiaries: str) -> None:
    problems = refusal(tmp_path, f"A;events;x;{beneficiaries};;;10,00;;;\n")
    assert (2, "beneficiaries", f"'{beneficiaries}' is not a whole number of at least 1") in problems


@pytest.mark.parametrize("beneficiaries", ["4 tot 10", "0"])
def test_unreadable_beneficiaries_are_one_problem_and_not_called_empty(tmp_path: Path, beneficiaries: str) -> None:
    assert refusal(tmp_path, f"A;events;x;{beneficiaries};3;;10,00;;;\n") == [
        (2, "beneficiaries", f"'{beneficiaries}' is not a whole number of at least 1")
    ]


@pytest.mark.parametrize(("length", "accepted"), [(250, True), (251, False)])
def test_the_description_has_at_most_250_characters(tmp_path: Path, length: int, accepted: bool) -> None:
    row = f"A;events;{'x' * length};5;;;10,00;;;\n"
    if accepted:
        assert len(load_psa(*files(tmp_path, row, toml()))[1][0].description) == 250
    else:
        message = "the text is 251 characters long; at most 250 are allowed"
        assert refusal(tmp_path, row) == [(2, "description", message)]


def test_every_problem_of_both_files_comes_at_once(tmp_path: Path) -> None:
    settings = 'year = 1999\nocmw = "OCMW Zele"\npersonnel_lump_sum = "both"\ncolour = 1\n'
    problems = refusal(tmp_path, "A;events;x;5;;;;;;\nD;events;x;5;;;10,00;;;\n", settings)
    assert problems == [  # by file: activities.csv, then psa.toml
        (2, "spent", "empty; this column is required"),
        (3, "part", "'D' is not one of: A, B, C"),
        (None, None, "colour: unknown setting; the settings here are "
         "allocated, cooperation, cooperation_total, granted, ocmw, personnel_lump_sum, year"),
        (None, None, f"granted: missing; write {DECREE}, such as granted = 12500.00"),
        (None, None, f'personnel_lump_sum: "both" {NOT_A_KIND}'),
        (None, None, f"year: 1999 {NOT_A_YEAR}"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("granted = 7499.999", "granted: 7499.999 is not an amount in euro such as 12500.00"),
        ('granted = "veel"', 'granted: "veel" is not an amount in euro such as 12500.00'),
        ("granted = -1", "granted: -1 is not an amount in euro such as 12500.00"),
    ],
)
def test_the_grant_is_an_amount_in_euro(tmp_path: Path, line: str, message: str) -> None:
    settings = toml().replace("granted = 10000.00", line)
    assert refusal(tmp_path, "A;events;x;5;;;10,00;;;\n", settings) == [(None, None, message)]


def test_a_settings_problem_does_not_make_an_exempt_ocmws_rows_wrong(tmp_path: Path) -> None:
    assert refusal(tmp_path, TOTALS_ONLY, toml("4800.00", "colour = 1\n")) == [
        (None, None, "colour: unknown setting; the settings here are "
         "allocated, cooperation, cooperation_total, granted, ocmw, personnel_lump_sum, year"),
    ]  # fmt: skip


def test_the_command_refuses_invalid_input_with_exit_1_and_every_problem(tmp_path: Path) -> None:
    activities, settings = files(tmp_path, "A;school_support;x;5;;;10,00;;;\n", 'year = 2025\nocmw = "OCMW Zele"\n')
    result = psa("report", "psa", "--activities", str(activities), "--settings", str(settings))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{activities}, row 2, column activity: school_support is not an activity of part A; use {PART_A}",
        f"{settings}: granted: missing; write the amount of the royal decree for the year, such as granted = 12500.00",
        "2 problems found; nothing was computed.",
    ]
    assert result.stdout == ""


# Outputs


def test_the_json_of_the_shipped_fixture() -> None:
    result = psa(*SHIPPED, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["grant"]["granted"], data["exempt"], data["small_subsidy_spending_rate"]) == ("31500.00", False, None)
    assert data["spent_per_part"] == {"A": "16270.00", "B": "6950.00", "C": "7910.00"}
    found = data["indicators"]
    assert found["parts"]["A"] == {
        "beneficiaries": 119,
        "with_integration_right": 59,  # 40% of 64 is 26, 50% of 18 is 9
        "with_trajectory": 31,
        "spent": "16270.00",
        "average_cost": "136.72",
        "spending_rate": "51.7",
        "personnel_share": "14.8",
        "allocated": "17000.00",
        "unused": "730.00",
        "unused_rate": "2.3",
    }
    assert found["activities"]["social_programmes"]["average_cost"] is None
    assert found["collective_modules"] == {"participants": 20, "dropouts": 3, "progressed": 13}
    grant = data["grant"]
    assert (grant["spent"], grant["justified"], grant["used"]) == ("31130.00", "31130.00", "31500.00")
    assert grant["personnel_lump_sum"] == {
        "kind": "own",
        "outcome": "limited",
        "ten_percent": "3113.00",
        "amount": "370.00",
        "rate": "11.9",
    }
    assert (found["spending_rate"], found["unused_rate"], found["overrun_rate"]) == ("100.0", "0.0", "0.0")
    assert found["cooperation_agreements"] == 2
    assert data["cooperation_agreements"] == [
        {"partner": "vzw Buurtwerk", "kind": "samenwerkingsovereenkomst toneelproject"},
        {"partner": "Sportdienst gemeente Zele", "kind": "overeenkomst sportkampen"},
    ]


def test_indicator_9_per_part_and_activity_is_in_every_output(tmp_path: Path) -> None:
    found = json.loads(psa(*SHIPPED, "--format", "json").stdout)["indicators"]
    assert {key: found["parts"]["A"][key] for key in ("allocated", "unused", "unused_rate")} == {
        "allocated": "17000.00",
        "unused": "730.00",
        "unused_rate": "2.3",
    }
    assert [found["parts"][part]["unused"] for part in "BC"] == ["50.00", "0.00"]  # C spent 410 above its 7 500
    assert {key: found["activities"]["ict"][key] for key in ("allocated", "unused", "unused_rate")} == {
        "allocated": "2500.00",
        "unused": "400.00",
        "unused_rate": "1.3",
    }
    dutch = psa(*SHIPPED).stdout
    assert "9. Mate van onbenutte bedragen per luik en per activiteit" in dutch
    assert "Toegewezen" in dutch and "17.000,00 €" in dutch and "730,00 €" in dutch and "2,3 %" in dutch
    french = psa(*SHIPPED, "--lang", "fr").stdout
    assert "9. Taux de montants non utilisés par volet et par activité" in french and "Attribué" in french
    out = tmp_path / "psa.xlsx"
    assert psa(*SHIPPED, "--format", "xlsx", "--out", str(out)).exit_code == 0
    sheet = load_workbook(out).active
    assert sheet is not None
    rows = {row[0].value: row[1:] for row in sheet.iter_rows() if row and row[0].value}
    ict = rows["  Toegang tot de nieuwe informatie- en communicatietechnologieën"]
    assert [cell.value for cell in ict[:4]] == [2500, 2100, 400, 0.013]
    assert [cell.number_format for cell in ict[:4]] == ['#,##0.00 "€"'] * 3 + ["0.0 %"]


def test_the_json_of_the_small_fixture_has_totals_and_indicator_12_only() -> None:
    data = json.loads(psa(*SMALL, "--format", "json").stdout)
    assert data == {
        "year": 2025,
        "ocmw": "OCMW Moerbeke",
        "exempt": True,
        "spent_per_part": {"A": "2650.00", "B": "900.00", "C": "1180.00"},
        "grant": {
            "granted": "4800.00",
            "spent": "4730.00",
            "justified": "4730.00",
            "personnel_lump_sum": {
                "kind": "none",
                "outcome": "not_asked",
                "ten_percent": "473.00",
                "amount": "0.00",
                "rate": "0.0",
            },
            "used": "4730.00",
        },
        "small_subsidy_spending_rate": "98.5",
        "cooperation_agreements": [],
        "indicators": None,
    }


def test_the_table_uses_the_circulars_labels_in_dutch_and_french() -> None:
    dutch = psa(*SHIPPED)
    assert dutch.exit_code == 0, dutch.output
    for label in ("5.1. Afhakers", "5.2. Meetbare vooruitgang", "7. Verantwoord bedrag", "16.270,00 €", "51,7 %"):
        assert label in dutch.stdout
    assert "13. Personeelsforfait zonder externe samenwerking (10 % eigen personeel)" in dutch.stdout
    french = psa(*SHIPPED, "--lang", "fr")
    for label in ("5.1. Abandons", "9. Taux de montants non utilisés", "16\u202f270,00 €", "51,7 %"):
        assert label in french.stdout
    small = psa(*SMALL, "--lang", "fr").stdout
    assert "12. Taux d'utilisation (subside de 5 000 € ou moins)" in small and "98,5 %" in small
    assert "Subside inférieur à 7 500 €" in small
    assert "98,5 %" in psa(*SMALL).stdout


def test_the_workbook_holds_amounts_in_euro_and_rates_as_fractions(tmp_path: Path) -> None:
    out = tmp_path / "psa.xlsx"
    result = psa(*SHIPPED, "--format", "xlsx", "--out", str(out))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(io.BytesIO(out.read_bytes())).active
    assert sheet is not None
    rows = {row[0].value: row[1:] for row in sheet.iter_rows() if row and row[0].value}
    _, part_a, _ = [
        row[1:] for row in sheet.iter_rows() if row[0].value == "A. Bevorderen van maatschappelijke integratie"
    ]
    # the part's spending, its indicators 2-3, 8 and 11, its indicator 9
    assert [cell.value for cell in part_a[:7]] == [119, 59, 31, 16270, 136.72, 0.517, 0.148]
    assert [cell.number_format for cell in part_a[3:7]] == ['#,##0.00 "€"', '#,##0.00 "€"', "0.0 %", "0.0 %"]
    nothing = rows["Deelname aan sociale programma's"]  # no spending: no average cost nor personnel share
    assert [cell.value for cell in nothing[:7]] == [0, 0, 0, 0, None, 0, None]
    assert nothing[6].number_format == "0.0 %"
    label = (
        "13. Personeelsforfait zonder externe samenwerking (10 % eigen personeel) (beperkt tot het bedrag van het KB)"
    )
    assert rows[label][0].value == 370
    assert rows["8. Mate van besteding"][0].value == 1
    assert rows["5.1. Afhakers"][0].value == 3


def test_a_workbook_needs_a_file_to_be_written_to() -> None:
    result = psa(*SHIPPED, "--format", "xlsx")
    assert result.exit_code == 2
    assert "--format xlsx writes a workbook: give its file with --out" in result.stderr


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


def test_an_exempt_ocmw_in_a_cooperation_keeps_its_lump_sum_and_indicator_12_counts_it(tmp_path: Path) -> None:
    settings = toml("4800.00", 'personnel_lump_sum = "external"\ncooperation_total = 30000.00\n')
    found = computed(tmp_path, "A;;Tussenkomsten;;;;4000,00;;;\n", settings)
    assert found.indicators is None
    assert (found.grant.lump_sum.outcome, found.grant.lump_sum.amount) == (LumpSumOutcome.GRANTED, Decimal("400.00"))
    assert found.grant.lump_sum_rate == Decimal("100.0")
    assert found.small_subsidy_spending_rate == Decimal("91.7")  # 4 400 of 4 800


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("granted = 1e30", "granted: 1e+30 is not an amount in euro such as 12500.00"),
        ("granted = 1000000000000", "granted: 1000000000000 is not an amount in euro such as 12500.00"),
        (
            'granted = 100\npersonnel_lump_sum = ["own"]',
            f"personnel_lump_sum: a list {NOT_A_KIND}",
        ),
        (
            'granted = 100\npersonnel_lump_sum = "external"\ncooperation_total = "abc"',
            'cooperation_total: "abc" is not an amount in euro such as 12500.00',
        ),
    ],
)
def test_settings_of_the_wrong_shape_are_named_never_a_traceback(tmp_path: Path, setting: str, message: str) -> None:
    assert [
        problem[2] for problem in refusal(tmp_path, "A;;x;;;;10,00;;;\n", f"year = 2025\nocmw = 'Zele'\n{setting}\n")
    ] == [message]


def test_a_percentage_cell_of_a_workbook_gets_a_hint(tmp_path: Path) -> None:
    assert refusal(tmp_path, "A;events;x;12;0.4;;10,00;;;\n") == [
        (
            2,
            "with_integration_right",
            "'0.4' looks like a spreadsheet cell shown as a percentage; type the percentage as text (such as 40%) "
            "or give the number of beneficiaries",
        )
    ]


def activities_workbook(folder: Path, cell: float, number_format: str) -> Path:
    """One activity of 12 beneficiaries whose share with a right to social integration is ``cell``."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER.strip().split(";"))
    sheet.append(["A", "events", "Theater", 12, cell, None, 10, None, None, None])
    sheet["E2"].number_format = number_format
    path = folder / "activities.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize(("cell", "number_format", "counted"), [(0.4, "0%", 5), (0.125, "0.0%", 2), (1, "0%", 12)])
def test_a_percentage_cell_of_a_workbook_is_read_as_it_is_shown(
    tmp_path: Path, cell: float, number_format: str, counted: int
) -> None:
    _, settings = files(tmp_path, "", toml())
    _, activities = load_psa(activities_workbook(tmp_path, cell, number_format), settings)
    assert activities[0].with_integration_right == counted


def test_a_fraction_in_a_cell_not_shown_as_a_percentage_gets_the_hint(tmp_path: Path) -> None:
    _, settings = files(tmp_path, "", toml())
    with pytest.raises(InvalidFiles) as refused:
        load_psa(activities_workbook(tmp_path, 0.4, "General"), settings)
    assert refused.value.problems[0].message.startswith("'0.4' looks like a spreadsheet cell shown as a percentage")


def test_an_output_file_in_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = psa(*SHIPPED, "--format", "json", "--out", str(tmp_path / "missing" / "psa.json"))
    assert result.exit_code == 2
    assert f"cannot write {tmp_path / 'missing' / 'psa.json'}: No such file or directory" in result.stderr
