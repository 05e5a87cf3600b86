"""Social and cultural participation, child poverty and recycled computers: every refusal of a row of
activities with its place, at its boundary (the subsidy year, the beneficiaries, the invoice, the
category, the person, a recycled computer's invoice and guarantee), and a cooperation with a partner
organisation entered under category 3 or 4 and said to be one (1.10.2)."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from annual_report.participation_input import load_participation
from ground import ssin
from tabular.problems import InvalidFiles
from tests.annual_report.participation_cases import FIRST, RECYCLED, files, line, loaded, refusal
from tests.spreadsheets import write_workbook

WRONG_CHECK_DIGITS = f"{FIRST[:9]}{(int(FIRST[9:]) + 1) % 100:02d}"


# Refusals: the activities


@pytest.mark.parametrize("day", ["31/12/2024", "01/01/2026"])
def test_an_imputation_date_outside_the_settings_year_is_refused(tmp_path: Path, day: str) -> None:
    assert refusal(tmp_path, line(date=day)) == [
        (
            2,
            "imputation_date",
            f"{day} is outside the subsidy year 2025 (01/01/2025 to 31/12/2025); "
            "the imputation date is the day the expense was booked",
        )
    ]


@pytest.mark.parametrize(
    ("day", "imputed"), [("01/01/2025", dt.date(2025, 1, 1)), ("31/12/2025", dt.date(2025, 12, 31))]
)
def test_the_first_and_the_last_day_of_the_settings_year_are_accepted(
    tmp_path: Path, day: str, imputed: dt.date
) -> None:
    [entered] = loaded(tmp_path, line(date=day)).report.activities
    assert entered.imputation_date == imputed


@pytest.mark.parametrize(
    ("beneficiaries", "message"),
    [
        ("4 tot 10", "'4 tot 10' is not a whole number of at least 1"),
        ("vier", "'vier' is not a whole number of at least 1"),
        ("2.5", "'2.5' is not a whole number of at least 1"),
        ("0", "'0' is not a whole number of at least 1"),
        ("", "empty; this column is required"),
    ],
)
def test_the_beneficiaries_are_one_whole_number_of_at_least_1(tmp_path: Path, beneficiaries: str, message: str) -> None:
    assert refusal(tmp_path, line(beneficiaries=beneficiaries)) == [(2, "beneficiaries", message)]


def test_one_beneficiary_is_accepted(tmp_path: Path) -> None:
    [entered] = loaded(tmp_path, line(beneficiaries="1")).report.activities
    assert entered.beneficiaries == 1


def test_an_amount_one_cent_above_the_invoice_is_refused_and_equal_to_it_accepted(tmp_path: Path) -> None:
    assert refusal(tmp_path, line(amount="100,01", invoice="100,00")) == [
        (
            2,
            "amount",
            "100.01 is more than the invoice (100.00); enter only the part charged to the subsidy, at most the invoice",
        )
    ]
    [entered] = loaded(tmp_path, line(amount="100,00", invoice="100,00")).report.activities
    assert (entered.amount, entered.invoice) == (Decimal("100.00"), Decimal("100.00"))


def test_without_an_invoice_the_amount_is_not_compared(tmp_path: Path) -> None:
    [entered] = loaded(tmp_path, line(amount="2500,00")).report.activities
    assert (entered.amount, entered.invoice) == (Decimal("2500.00"), None)


def test_a_category_of_another_measure_is_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path, line(category="school_support")) == [
        (2, "category", "school_support is not a category of participation; use events, associations, initiatives, ict")
    ]


def test_activities_of_a_measure_without_a_table_in_the_settings_are_one_problem_naming_their_rows(
    tmp_path: Path,
) -> None:
    settings = 'year = 2025\nocmw = "OCMW Zele"\n[participation]\ndecree_amount = 27000.00\n'
    child = line(measure="child_poverty", category="school_support")
    assert refusal(tmp_path, child + line() + child + child, settings) == [
        (
            None,
            None,
            "child_poverty: missing; the activities have child_poverty in rows 2 and 4-5: add a [child_poverty] "
            "table with its decree_amount, or move those activities",
        )
    ]


def test_a_person_with_wrong_check_digits_is_refused_with_the_identifier_check_s_message(tmp_path: Path) -> None:
    message = str(ssin.problem(WRONG_CHECK_DIGITS))
    assert message is not None and "wrong check digits" in message
    assert refusal(tmp_path, line(investment="ja", person=WRONG_CHECK_DIGITS)) == [(2, "person", message)]


def test_a_person_written_with_dots_and_dash_is_kept_as_eleven_digits(tmp_path: Path) -> None:
    written = f"{FIRST[:2]}.{FIRST[2:4]}.{FIRST[4:6]}-{FIRST[6:9]}.{FIRST[9:]}"
    [entered] = loaded(tmp_path, line(investment="ja", person=written)).report.activities
    assert (entered.person, entered.investment) == (FIRST, True)


NEEDS_GUARANTEE = (
    "the supplier must guarantee each recycled computer for at least 12 months (2.7): "
    "enter the guarantee in months, 12 or more"
)


def test_a_recycled_computer_without_an_invoice_is_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path, line(**RECYCLED, amount="100,00", guarantee="12")) == [
        (2, "invoice", "empty; each recycled computer needs an invoice (2.7): enter the invoice's amount")
    ]


@pytest.mark.parametrize(
    ("guarantee", "message"), [("", f"empty; {NEEDS_GUARANTEE}"), ("11", f"11 months; {NEEDS_GUARANTEE}")]
)
def test_a_recycled_computer_guaranteed_less_than_12_months_is_refused(
    tmp_path: Path, guarantee: str, message: str
) -> None:
    row = line(**RECYCLED, amount="100,00", invoice="120,00", guarantee=guarantee)
    assert refusal(tmp_path, row) == [(2, "guarantee_months", message)]


def test_a_recycled_computer_with_its_invoice_and_12_months_of_guarantee_is_accepted(tmp_path: Path) -> None:
    [entered] = loaded(tmp_path, line(**RECYCLED, amount="100,00", invoice="120,00", guarantee="12")).report.activities
    assert (entered.invoice, entered.guarantee_months) == (Decimal("120.00"), 12)


def test_other_computers_need_neither_invoice_nor_guarantee(tmp_path: Path) -> None:
    [entered] = loaded(tmp_path, line(category="ict", description="Laptop voor het leslokaal")).report.activities
    assert (entered.invoice, entered.guarantee_months) == (None, 0)


@pytest.mark.parametrize(("column", "typed"), [("guarantee", "12,5"), ("invoice", "honderd")])
def test_an_unreadable_invoice_or_guarantee_of_a_recycled_computer_is_one_problem(
    tmp_path: Path, column: str, typed: str
) -> None:
    values = {"invoice": "120,00", "guarantee": "12"} | {column: typed}
    problems = refusal(tmp_path, line(**RECYCLED, amount="100,00", **values))
    assert len(problems) == 1
    assert problems[0][:2] == (2, {"guarantee": "guarantee_months", "invoice": "invoice"}[column])
    assert typed in problems[0][2]


def test_the_rules_of_a_workbook_of_several_sheets_name_the_sheet_read(tmp_path: Path) -> None:
    activities, settings = files(tmp_path, line(date="31/12/2024"))
    rows = [next(csv.reader([text], delimiter=";")) for text in activities.read_text(encoding="utf-8").splitlines()]
    workbook = tmp_path / "activities.xlsx"
    write_workbook(workbook, {"Info": [["Uitvoer"]]}, rows, sheet="Activiteiten")
    with pytest.raises(InvalidFiles) as refused:
        load_participation(workbook, settings)
    [problem] = refused.value.problems
    assert (problem.file, problem.row, problem.column) == (f"{workbook}, sheet Activiteiten", 2, "imputation_date")


# Section 1.10.2: a cooperation with a partner organisation is entered under category 3 or 4

UNDER_3_OR_4 = (
    "an activity with a partner organisation is a cooperation, entered under initiatives or ict (1.10.2): "
    "move it there, or leave partner empty when the organisation only sells the ticket or membership"
)

AGREEMENT = "Toneelproject, samenwerkingsakkoord met de buurtwerking"


@pytest.mark.parametrize("category", ["events", "associations"])
@pytest.mark.parametrize("investment", ["nee", "ja"])
def test_a_cooperation_under_category_1_or_2_is_refused(tmp_path: Path, category: str, investment: str) -> None:
    row = line(category=category, description=AGREEMENT, partner="vzw Buurtwerk", investment=investment)
    assert refusal(tmp_path, row) == [(2, "category", UNDER_3_OR_4)]


@pytest.mark.parametrize("category", ["initiatives", "ict"])
def test_a_cooperation_under_category_3_or_4_is_accepted(tmp_path: Path, category: str) -> None:
    entered = loaded(tmp_path, line(category=category, description=AGREEMENT, partner="vzw Buurtwerk"))
    assert ([activity.partner for activity in entered.report.activities], entered.warnings) == (["vzw Buurtwerk"], [])


def test_child_poverty_s_partners_are_not_held_to_participation_s_categories(tmp_path: Path) -> None:
    row = line(
        measure="child_poverty", category="school_support", description="Huiswerkschool", partner="vzw Leerkracht"
    )
    assert loaded(tmp_path, row).warnings == []


@pytest.mark.parametrize(
    "description",
    [
        "Toneelproject, samenwerkingsovereenkomst",
        "Cours d'informatique, convention avec l'association",
        "Accord de coopération",
    ],
)
def test_a_cooperation_that_mentions_its_agreement_is_not_warned_about(tmp_path: Path, description: str) -> None:
    row = line(category="initiatives", description=description, partner="vzw Buurtwerk")
    assert loaded(tmp_path, row).warnings == []


def test_a_cooperation_that_does_not_mention_its_agreement_is_warned_about(tmp_path: Path) -> None:
    row = line(category="initiatives", description="Toneelproject met de buurtwerking", partner="vzw Buurtwerk")
    assert [(item.row, item.column, item.message) for item in loaded(tmp_path, row).warnings] == [
        (
            2,
            "description",
            "the activity with vzw Buurtwerk is a cooperation: say so in the description, such as "
            '"samenwerkingsakkoord" or "accord de coopération" (1.10.2)',
        )
    ]


def test_an_investment_for_the_partner_need_not_mention_the_agreement(tmp_path: Path) -> None:
    row = line(category="initiatives", description="Geluidsinstallatie", partner="vzw Buurtwerk", investment="ja")
    assert loaded(tmp_path, row).warnings == []
