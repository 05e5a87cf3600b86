"""The inputs of the PSA subsidy: every refusal of a row of activities and of the settings with its place
and sentence, all problems of both files at once, and a workbook's percentage cells read as they are shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from annual_report.psa_input import load_psa
from tabular.problems import InvalidFiles
from tests.annual_report.psa_cases import (
    EVERY_KIND,
    HEADER,
    PART_A,
    TOTALS_ONLY,
    files,
    psa,
    refusal,
    toml,
)

NOT_A_YEAR = "is not a subsidy year (2000 to 2100); write it as a whole number, such as year = 2025"
DECREE = "the amount of the royal decree for the year"
NOT_A_KIND = 'is not one of none, own, external; write one of them in quotes, such as personnel_lump_sum = "own"'


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
