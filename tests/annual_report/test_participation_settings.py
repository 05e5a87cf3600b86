"""The settings file of the participation report: every refusal, key by key, in words; the problems of
the settings and of the activities in one refusal; the command's exit 1 with every problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from annual_report.participation import (
    Measure,
)
from annual_report.participation_input import load_participation
from cli import main
from tabular.problems import InvalidFiles
from tests.annual_report.participation_cases import (
    MEASURE_SETTINGS,
    SETTINGS,
    files,
    line,
    loaded,
    refusal,
    settings_refusal,
)

NOT_A_YEAR = "is not a subsidy year (2000 to 2100); write it as a whole number, such as year = 2025"


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
