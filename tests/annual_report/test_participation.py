"""Social and cultural participation, child poverty and recycled computers: every refusal with its
place, the abbreviation warnings, the caps at their boundaries, the control overview, the manual's
examples of the personnel lump sum, the settlement of each measure and the outputs (the workbook
opened back)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from annual_report.lump_sum import LumpSum, LumpSumOutcome, personnel_lump_sum
from annual_report.participation import (
    CATEGORIES,
    Activity,
    Cap,
    Category,
    Cooperation,
    Cut,
    Measure,
    MeasureSettings,
    ParticipationReport,
    apply_caps,
    settle,
)
from annual_report.participation_input import ParticipationInput, load_participation
from cli import main
from ground import ssin
from tabular.problems import InvalidFiles
from tests.conftest import FIXTURES, ssin_for
from tests.spreadsheets import write_workbook

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
WRONG_CHECK_DIGITS = f"{FIRST[:9]}{(int(FIRST[9:]) + 1) % 100:02d}"
DAY = dt.date(2025, 3, 15)
MEASURE_SETTINGS = (
    "cooperation, council_decision, decree_amount, personnel_lump_sum, registered_amount, requested_amount"
)
NOT_A_YEAR = "is not a subsidy year (2000 to 2100); write it as a whole number, such as year = 2025"
ABBREVIATED = ': abbreviations are not accepted; describe the activity in full (e.g. "BMX" as "purchase of a bicycle")'


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


RECYCLED = {"measure": "recycled_pcs", "category": "recycled_pcs", "description": "Gerecycleerde computer"}
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


# Refusals: the settings, and both files together


def test_problems_of_both_files_come_in_one_refusal(tmp_path: Path) -> None:
    settings = SETTINGS.replace("[child_poverty]\ndecree_amount", "[child_poverty]\ndecre_amount")
    assert refusal(tmp_path, line(beneficiaries="vier"), settings) == [
        (2, "beneficiaries", "'vier' is not a whole number of at least 1"),
        (
            None,
            None,
            f"child_poverty.decre_amount: unknown setting; the settings here are {MEASURE_SETTINGS}",
        ),
        (
            None,
            None,
            "child_poverty.decree_amount: missing; write the amount of the royal decree for the year, "
            "such as decree_amount = 12500.00",
        ),
    ]


def test_an_out_of_year_date_is_reported_with_a_misspelt_settings_key(tmp_path: Path) -> None:
    settings = SETTINGS.replace("[recycled_pcs]\ndecree_amount", "[recycled_pcs]\ndecre_amount")
    problems = refusal(tmp_path, line(date="31/12/2024"), settings)
    assert [column for row, column, message in problems if row == 2] == ["imputation_date"]


def test_a_missing_column_and_a_faulty_settings_file_come_in_one_refusal(tmp_path: Path) -> None:
    activities, settings = files(tmp_path, "", 'year = 2025\nocmw = "OCMW Zele"\n')
    activities.write_text("measure;category;imputation_date;description;beneficiaries\n", encoding="utf-8")
    with pytest.raises(InvalidFiles) as refused:
        load_participation(activities, settings)
    assert [(problem.row, problem.column, problem.message) for problem in refused.value.problems] == [
        (
            1,
            "amount",
            "the required column amount is missing from the header (other names it may have: bedrag, montant)",
        ),
        (
            None,
            None,
            "measures: no measure; add at least one of the tables [participation], [child_poverty], [recycled_pcs]",
        ),
    ]


def test_a_misspelt_decree_amount_is_named_and_the_decree_amount_required(tmp_path: Path) -> None:
    settings = SETTINGS.replace("[participation]\ndecree_amount", "[participation]\ndecre_amount")
    assert settings_refusal(tmp_path, settings) == [
        f"participation.decre_amount: unknown setting; the settings here are {MEASURE_SETTINGS}",
        "participation.decree_amount: missing; write the amount of the royal decree for the year, "
        "such as decree_amount = 12500.00",
    ]


def test_recycled_computers_take_only_a_decree_amount(tmp_path: Path) -> None:
    settings = SETTINGS.replace("[recycled_pcs]\n", "[recycled_pcs]\npersonnel_lump_sum = true\n")
    assert settings_refusal(tmp_path, settings) == [
        "recycled_pcs.personnel_lump_sum: unknown setting; the settings here are decree_amount"
    ]


def test_an_unknown_top_level_key_is_named(tmp_path: Path) -> None:
    [message] = settings_refusal(tmp_path, SETTINGS.replace("year = 2025", "year = 2025\njaar = 2025"))
    assert message.startswith("jaar: unknown setting; the settings here are ")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"veel"', 'participation.decree_amount: "veel" is not an amount in euro such as 12500.00'),
        ("-1", "participation.decree_amount: -1 is not an amount in euro such as 12500.00"),
        ("1000.005", "participation.decree_amount: 1000.005 is not an amount in euro such as 12500.00"),
        ('"27000,00"', 'participation.decree_amount: "27000,00" is not an amount in euro such as 12500.00'),
        ("true", "participation.decree_amount: true is not an amount in euro such as 12500.00"),
    ],
)
def test_a_decree_amount_that_is_not_an_amount_is_refused(tmp_path: Path, value: str, message: str) -> None:
    settings = SETTINGS.replace(
        "[participation]\ndecree_amount = 27000.00", f"[participation]\ndecree_amount = {value}"
    )
    assert settings_refusal(tmp_path, settings) == [message]


@pytest.mark.parametrize("value", ["27000", "27000.0", '"27000.00"'])
def test_a_decree_amount_is_read_as_euro_and_cents(tmp_path: Path, value: str) -> None:
    settings = SETTINGS.replace(
        "[participation]\ndecree_amount = 27000.00", f"[participation]\ndecree_amount = {value}"
    )
    measures = loaded(tmp_path, line(), settings).report.measures
    assert str(measures[Measure.PARTICIPATION].decree) == "27000.00"


def test_the_registered_amount_and_the_lump_sum_flag_are_checked(tmp_path: Path) -> None:
    settings = SETTINGS.replace(
        "[participation]\n", '[participation]\nregistered_amount = "twintig"\npersonnel_lump_sum = "ja"\n'
    )
    assert settings_refusal(tmp_path, settings) == [
        'participation.personnel_lump_sum: "ja" is not true or false; '
        "write personnel_lump_sum = true or personnel_lump_sum = false",
        'participation.registered_amount: "twintig" is not an amount in euro such as 12500.00',
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"2025"', f'year: "2025" {NOT_A_YEAR}'),
        ("1999", f"year: 1999 {NOT_A_YEAR}"),
        ("2101", f"year: 2101 {NOT_A_YEAR}"),
    ],
)
def test_the_year_is_a_year(tmp_path: Path, value: str, message: str) -> None:
    assert settings_refusal(tmp_path, SETTINGS.replace("year = 2025", f"year = {value}")) == [message]


def test_settings_without_a_measure_table_are_refused_naming_the_tables_the_activities_need(tmp_path: Path) -> None:
    assert settings_refusal(tmp_path, 'year = 2025\nocmw = "OCMW Zele"\n') == [
        "measures: no measure; the activities are of participation: add the tables [participation], "
        "each with its decree_amount"
    ]


def test_the_ocmw_is_named(tmp_path: Path) -> None:
    assert settings_refusal(tmp_path, SETTINGS.replace('ocmw = "OCMW Zele"', 'ocmw = " "')) == [
        'ocmw: empty; write the OCMW\'s name in quotes, such as ocmw = "OCMW Zele"'
    ]


def test_a_cooperation_entry_needs_its_decree_amount_and_justified_amount(tmp_path: Path) -> None:
    settings = (
        SETTINGS + '[[child_poverty.cooperation]]\nocmw = "OCMW Berlare"\ndecree_amount = 16500.00\n'
        "council_decision = 2025-03-10\nrequested_amount = 700.00\n"
    )
    assert settings_refusal(tmp_path, settings) == [
        "child_poverty.cooperation[1].justified: missing; write the amount in euro, such as justified = 12500.00"
    ]
    settings = (
        SETTINGS + "[[child_poverty.cooperation]]\njustified = 100.00\ncouncil_decision = 2025-03-10\n"
        "requested_amount = 0.00\n"
    )
    assert settings_refusal(tmp_path, settings) == [
        "child_poverty.cooperation[1].decree_amount: missing; write the amount in euro, "
        "such as decree_amount = 12500.00",
        "child_poverty.cooperation[1].ocmw: missing; write the cooperating OCMW's name in quotes, "
        'such as ocmw = "OCMW Berlare"',
    ]


def test_the_command_refuses_invalid_input_with_exit_1_and_prints_every_problem(tmp_path: Path) -> None:
    settings_text = SETTINGS.replace("[participation]\ndecree_amount", "[participation]\ndecre_amount")
    activities, settings = files(tmp_path, line(beneficiaries="4 tot 10") + line(amount="100,01", invoice="100,00"))
    settings.write_text(settings_text, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["report", "participation", "--activities", str(activities), "--settings", str(settings)]
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{activities}, row 2, column beneficiaries: '4 tot 10' is not a whole number of at least 1",
        f"{activities}, row 3, column amount: 100.01 is more than the invoice (100.00); "
        "enter only the part charged to the subsidy, at most the invoice",
        f"{settings}: participation.decre_amount: unknown setting; the settings here are {MEASURE_SETTINGS}",
        f"{settings}: participation.decree_amount: missing; write the amount of the royal decree for the year, "
        "such as decree_amount = 12500.00",
        "4 problems found; nothing was computed.",
    ]


# Warnings: abbreviations


@pytest.mark.parametrize(
    ("description", "words"),
    [
        ("BMX", "BMX"),
        ("GWP-schoolreis", "GWP"),
        ("Fiets B.M.X. voor de sportclub", "B.M.X"),
        ("Fiets B.M.X voor de sportclub", "B.M.X"),
        ("Stage ÉTÉ", "ÉTÉ"),
        ("BMX en GWP", "BMX, GWP"),
    ],
)
def test_a_description_with_an_abbreviation_is_warned_about(tmp_path: Path, description: str, words: str) -> None:
    entered = loaded(tmp_path, line(description=description))
    assert [(item.row, item.column, item.message) for item in entered.warnings] == [
        (
            2,
            "description",
            f"{words}{ABBREVIATED}",
        )
    ]


@pytest.mark.parametrize(
    "description",
    [
        "Aankoop van een fiets voor de sportclub",
        "Informaticalessen georganiseerd door het OCMW",
        "Laptop 400 euro excl. BTW",
        "Gerecycleerde PC voor een gezin",
        "Daguitstap Zoo Antwerpen",
    ],
)
def test_words_and_abbreviations_everyone_knows_are_not_warned_about(tmp_path: Path, description: str) -> None:
    assert loaded(tmp_path, line(description=description)).warnings == []


def test_the_command_warns_on_stderr_computes_and_lists_the_warnings_in_json() -> None:
    result = shipped("--format", "json")
    assert result.exit_code == 0
    message = f"BMX{ABBREVIATED}"
    assert result.stderr == f"warning: {PARTICIPATION / 'activities.csv'}, row 7, column description: {message}\n"
    assert json.loads(result.stdout)["warnings"] == [
        {"file": str(PARTICIPATION / "activities.csv"), "row": 7, "column": "description", "message": message}
    ]


# Warnings: one activity under several categories (1.8)


def test_one_activity_under_two_categories_of_a_measure_is_warned_about_naming_its_rows(tmp_path: Path) -> None:
    rows = (
        line(category="events", description="Toegangstickets theater Arca")
        + line(category="associations", description="Lidgeld voetbalclub")
        + line(category="associations", description="  toegangstickets Théater, arca ")
        + line(category="events", description="Toegangstickets theater Arca")
    )
    assert [(item.row, item.column, item.message) for item in loaded(tmp_path, rows).warnings] == [
        (
            2,
            "category",
            'rows 2 and 4-5 enter one activity ("Toegangstickets theater Arca") under events and associations; '
            "an activity belongs under one category only, even in doubt (1.8): keep it under one",
        )
    ]


def test_the_same_description_under_one_category_or_in_two_measures_is_not_warned_about(tmp_path: Path) -> None:
    rows = (
        line(category="ict", description="Laptop voor het leslokaal")
        + line(category="ict", description="Laptop voor het leslokaal")
        + line(measure="child_poverty", category="educational_material", description="Laptop voor het leslokaal")
    )
    assert loaded(tmp_path, rows).warnings == []


def test_warnings_come_in_the_order_of_the_rows(tmp_path: Path) -> None:
    rows = (
        line(category="events", description="Kamp") + line(description="BMX") + line(category="ict", description="kamp")
    )
    assert [(item.row, item.column) for item in loaded(tmp_path, rows).warnings] == [
        (2, "category"),
        (3, "description"),
    ]


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


# Personnel lump sum (1.12, 3.8)


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


# Settlement per measure


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


# Outputs


def test_the_command_prints_the_report_in_dutch() -> None:
    result = shipped()
    assert result.exit_code == 0, result.output
    for text in ("Sociale en culturele participatie", "Kinderarmoede", "Gerecycleerde computers", "Saldo"):
        assert text in result.stdout
    assert "13.880,00 €" in result.stdout and "1.388,00 €" in result.stdout
    assert "OCMW Berlare" in result.stdout and "700,00 €" in result.stdout


def test_the_command_prints_the_report_in_french_with_narrow_no_break_spaces() -> None:
    result = shipped("--lang", "fr")
    assert result.exit_code == 0, result.output
    for text in ("Participation sociale et culturelle", "Pauvreté infantile", "Ordinateurs recyclés", "Solde"):
        assert text in result.stdout
    assert "13\u202f880,00 €" in result.stdout and "1\u202f388,00 €" in result.stdout
    assert "13.880" not in result.stdout


def test_the_json_holds_the_fixture_s_computed_numbers() -> None:
    result = shipped("--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["year"], data["ocmw"]) == (2025, "OCMW Zele")
    participation = data["measures"]["participation"]
    assert {key: participation[key] for key in ("justified", "used", "unused", "advance", "balance")} == {
        "justified": "13880.00",
        "used": "15268.00",
        "unused": "11732.00",
        "advance": "13500.00",
        "balance": "1768.00",
    }
    assert participation["lump_sum"] == {"outcome": "granted", "ten_percent": "1388.00", "amount": "1388.00"}
    assert participation["small_investments"] == "500.00"
    assert participation["overview"]["ict"] == {"beneficiaries": 22, "entered": "3440.00", "accepted": "3240.00"}
    assert participation["overview"]["associations"]["accepted"] == "3050.00"
    child = data["measures"]["child_poverty"]
    assert (child["justified"], child["lump_sum"]["amount"], child["balance"]) == ("7955.00", "795.50", "4250.50")
    assert child["overview"]["psychological_support"] == {"beneficiaries": 0, "entered": "0.00", "accepted": "0.00"}
    assert child["cooperation"] == [
        {
            "ocmw": "OCMW Berlare",
            "decree": "16500.00",
            "justified": "15800.00",
            "lump_sum": {"outcome": "limited", "ten_percent": "1580.00", "amount": "700.00"},
            "council_decision": "2025-03-10",
            "requested_amount": "700.00",
        }
    ]
    recycled = data["measures"]["recycled_pcs"]
    assert (recycled["justified"], recycled["advance"], recycled["lump_sum"]) == ("500.00", "0.00", None)
    assert recycled["overview"]["recycled_pcs"] == {"beneficiaries": 6, "entered": "630.00", "accepted": "500.00"}
    assert data["recycled_pcs_overflow"] == "100.00"
    assert data["not_accepted"] == [
        {"row": 8, "rule": "person_purchases", "amount": "60.00"},
        {"row": 12, "rule": "small_investments", "amount": "300.00"},
        {"row": 20, "rule": "recycled_pc", "amount": "30.00"},
    ]


def test_the_workbook_holds_the_numbers_in_euro(tmp_path: Path) -> None:
    out = tmp_path / "participation.xlsx"
    result = shipped("--format", "xlsx", "--out", str(out))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(io.BytesIO(out.read_bytes())).active
    assert sheet is not None
    rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for cells in sheet.iter_rows():
        if cells[0].value:
            rows[str(cells[0].value)].append(tuple(cells[1:]))
    justified = [cells[0] for cells in rows["Verantwoord bedrag"]]
    assert [cell.value for cell in justified] == [13880.0, 7955.0, 500.0]
    assert {cell.number_format for cell in justified} == {EURO_FORMAT}
    assert [cells[0].value for cells in rows["Saldo"]] == [1768.0, 4250.5, 500.0]
    assert [tuple(cell.value for cell in cells[:3]) for cells in rows["Totaal"]] == [
        (109, 14140.0, 13880.0),
        (72, 7955.0, 7955.0),
        (6, 630.0, 500.0),
    ]
    lump_sums = rows["Personeelsforfait (10 % van het verantwoorde bedrag)"]
    assert [cells[0].value for cells in lump_sums] == [1388.0, 795.5]
    berlare, request = rows["OCMW Berlare"]
    assert [cell.value for cell in berlare] == [16500.0, 15800.0, 700.0]
    assert [cell.value for cell in request[:2]] == [700.0, dt.datetime(2025, 3, 10)]
    ict = rows["Toegang tot de nieuwe informatie- en communicatietechnologieën"][0]
    assert (ict[0].value, ict[1].value, ict[2].value) == (22, 3440.0, 3240.0)
    assert (ict[1].number_format, ict[2].number_format) == (EURO_FORMAT, EURO_FORMAT)
    not_accepted = [cells[:3] for cells in sheet.iter_rows() if isinstance(cells[0].value, int)]
    assert [tuple(cell.value for cell in cells) for cells in not_accepted] == [
        (8, "individuele aankopen boven € 500 (excl. btw) per persoon", 60.0),
        (12, "kleine investeringen boven € 500 (excl. btw) over de hele subsidie", 300.0),
        (20, "gerecycleerde computers boven € 100 per stuk", 30.0),
    ]
    assert {cells[2].number_format for cells in not_accepted} == {EURO_FORMAT}


def test_a_workbook_without_out_is_a_usage_error() -> None:
    result = shipped("--format", "xlsx")
    assert result.exit_code == 2
    assert "--format xlsx writes a workbook: give its file with --out" in result.stderr


def test_the_fixture_as_a_workbook_gives_the_same_json(tmp_path: Path) -> None:
    with (PARTICIPATION / "activities.csv").open(encoding="utf-8-sig", newline="") as file:
        header, *records = list(csv.reader(file, delimiter=";"))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for record in records:
        values: dict[str, Any] = dict(zip(header, record, strict=True))
        values["imputation_date"] = dt.datetime.strptime(values["imputation_date"], "%d/%m/%Y").date()
        values["beneficiaries"] = int(values["beneficiaries"])
        for name in ("amount", "invoice"):
            values[name] = float(values[name].replace(",", ".")) if values[name] else None
        values["guarantee_months"] = int(values["guarantee_months"]) if values["guarantee_months"] else None
        sheet.append([values[name] for name in header])
    workbook = tmp_path / "activities.xlsx"
    book.save(workbook)
    settings = str(PARTICIPATION / "participation.toml")
    from_xlsx = CliRunner().invoke(
        main,
        ["report", "participation", "--activities", str(workbook), "--settings", settings, "--format", "json"],
    )
    assert from_xlsx.exit_code == 0, from_xlsx.output
    from_csv = json.loads(shipped("--format", "json").stdout)
    for warning in from_csv["warnings"]:
        warning["file"] = str(workbook)  # the same warnings, of the workbook
    assert json.loads(from_xlsx.stdout) == from_csv


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
