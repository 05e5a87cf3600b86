"""Exports as OCMWs make them, through a spreadsheet: INSZ numbers in number cells that lost their
zeros, a title above the header, an Info sheet before the table, Dutch and French column names, a
mapping file for other names. The statistics of the shipped fixture saved in each of these forms
are those of its CSV; every rule at its boundary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from annual_report.cluster_input import COSTS
from annual_report.participation_input import ACTIVITIES as PARTICIPATION_ACTIVITIES
from annual_report.psa_input import ACTIVITIES as PSA_ACTIVITIES
from gpmi_stats.columns import EVALUATIONS, VERSIONS
from gpmi_stats.figures import compute
from gpmi_stats.inputs import load_inputs
from gpmi_stats.period import Period
from storage.imports import DECISIONS, GPMI_VERSIONS
from tabular.choices import TableChoices, load_choices
from tabular.column_names import COLUMN_NAMES, header_key, names_of
from tabular.columns import TableSpec
from tabular.headers import HEADER_ROWS
from tabular.parsing import ssin_text
from tabular.problems import InvalidFiles, TableProblem
from tabular.reader import TableReader
from tests.conftest import ROOT, gpmi_version_row, ssin_for, ssin_with
from tests.spreadsheets import (
    DUTCH,
    EXPECTED,
    FRENCH,
    GPMI,
    INFO,
    TITLE,
    Form,
    csv_text,
    excel_value,
    fixture_table,
    mapping,
    saved,
    write_workbook,
)

YEAR = Period.year(2024)
FORMS = {
    "workbook with number cells": Form(),
    "workbook with a title": Form(title=True),
    "workbook with an Info sheet first": Form(info_sheet=True),
    "workbook with Dutch headers": Form(headers=DUTCH),
    "workbook with French headers": Form(headers=FRENCH),
    "workbook with all of these": Form(title=True, info_sheet=True, headers=DUTCH),
    "CSV saved from a workbook": Form(workbook=False),
    "CSV saved from a workbook with a title and French headers": Form(workbook=False, title=True, headers=FRENCH),
}
SPECS_BY_PAGE = {
    "docs/gpmi-statistics.md": (VERSIONS, EVALUATIONS),
    "docs/exchange.md": (DECISIONS, GPMI_VERSIONS),
    "docs/annual-report.md": (PARTICIPATION_ACTIVITIES, PSA_ACTIVITIES, COSTS),
}
SPECS = [spec for specs in SPECS_BY_PAGE.values() for spec in specs]
NAMES = [column.name for column in VERSIONS.columns]


def refusal(versions: Path, evaluations: Path | None = None, reader: TableReader | None = None) -> list[TableProblem]:
    with pytest.raises(InvalidFiles) as refused:
        load_inputs(versions, evaluations, reader)
    return refused.value.problems


def versions_csv(folder: Path, rows: list[dict[str, str]], above: list[list[str]] | None = None) -> Path:
    """Version rows as a CSV export with the lines ``above`` its header."""
    path = folder / "versions.csv"
    path.write_text(csv_text([*(above or []), NAMES, *([row[name] for name in NAMES] for row in rows)]), "utf-8")
    return path


def with_ssins(*numbers: str) -> list[dict[str, str]]:
    return [gpmi_version_row(number) | {"contract_id": f"C{index}"} for index, number in enumerate(numbers)]


# The fixture saved in every form


@pytest.mark.parametrize("form", FORMS.values(), ids=FORMS)
def test_the_fixture_saved_in_each_form_gives_the_figures_of_its_csv(tmp_path: Path, form: Form) -> None:
    versions, evaluations = saved(tmp_path, "versions.csv", form), saved(tmp_path, "evaluations.csv", form)
    assert compute(load_inputs(versions, evaluations), YEAR) == EXPECTED


def test_the_workbook_holds_what_excel_makes_of_the_export(tmp_path: Path) -> None:
    sheet = load_workbook(saved(tmp_path, "versions.csv", Form(title=True))).worksheets[0]
    assert sheet["A1"].value == TITLE[0] and sheet["A2"].value is None and sheet["A3"].value == "CONTRACT_ID"
    assert [sheet["D11"].value, sheet["D12"].value] == [3052124132, 1431205533]  # 03052124132, 01431205533
    assert sheet["B4"].value == 1 and sheet["G4"].value == 44021
    assert sheet["C4"].value == dt.datetime(2023, 11, 20) and sheet["C4"].number_format == "DD/MM/YYYY"


# INSZ numbers that lost their zeros


def test_numbers_that_lost_their_zeros_are_said_with_their_rows(tmp_path: Path) -> None:
    versions = saved(tmp_path, "versions.csv", Form())
    inputs = load_inputs(versions)
    assert inputs.said() == [
        f"{versions}, column ssin: 2 numbers of 8 to 10 digits were read as INSZ/BIS numbers with the zeros in "
        "front that a spreadsheet's number cell drops, their check digits then being right: rows 9, 10"
    ]
    assert inputs.said("nl") == [
        f"{versions}, kolom ssin: 2 getallen van 8 tot 10 cijfers zijn gelezen als INSZ/BIS-nummers met de nullen "
        "vooraan die een getalcel van een rekenblad weglaat, omdat de controlecijfers dan kloppen: rijen 9, 10"
    ]
    young = inputs.versions[inputs.versions["row"].isin([9, 10])]
    assert ssin_text(young["ssin"]).tolist() == ["03052124132", "01431205533"]


@pytest.mark.parametrize(
    ("number", "digits"),
    [
        (ssin_for(dt.date(2003, 5, 21), 241), 10),  # 03...: one zero lost
        (ssin_for(dt.date(2000, 11, 5), 12), 9),  # 0011...: two
        (ssin_with("002105012", born_from_2000=True), 9),  # a BIS number of 2000 (month + 20)
        (ssin_for(dt.date(2000, 3, 15), 12), 8),  # 000315...: three
    ],
)
def test_a_number_of_8_to_10_digits_is_read_with_its_zeros_when_its_check_digits_then_hold(
    tmp_path: Path, number: str, digits: int
) -> None:
    stripped = number.lstrip("0")
    assert len(stripped) == digits
    inputs = load_inputs(versions_csv(tmp_path, with_ssins(stripped)))
    assert ssin_text(inputs.versions["ssin"]).tolist() == [number]
    assert inputs.said()[0].endswith("its check digits then being right: row 2")  # one number: singular
    assert inputs.said("fr")[0].endswith("ses chiffres de contrôle étant alors corrects : ligne 2")


def test_a_number_of_7_digits_is_refused_even_when_zeros_would_make_it_valid(tmp_path: Path) -> None:
    number = ssin_with("000010012", born_from_2000=True)  # born in 2000, month and day unknown: 00 00 10
    assert len(number.lstrip("0")) == 7
    problems = refusal(versions_csv(tmp_path, with_ssins(number.lstrip("0"))))
    assert [(problem.row, problem.message) for problem in problems] == [
        (2, f"{number.lstrip('0')!r} is not an INSZ/BIS number: 11 digits (dots, dashes and spaces allowed)")
    ]


def test_a_number_of_10_digits_with_wrong_check_digits_is_refused(tmp_path: Path) -> None:
    wrong = "3052124133"
    problems = refusal(versions_csv(tmp_path, with_ssins(wrong)))
    assert [(problem.row, problem.column, problem.message) for problem in problems] == [
        (
            2,
            "ssin",
            "'3052124133' has 10 digits: an INSZ/BIS number has 11, and with zeros in front (03052124133) it is not "
            "a valid one either",
        )
    ]


def test_numbers_of_11_digits_are_not_said(tmp_path: Path) -> None:
    assert load_inputs(versions_csv(tmp_path, with_ssins(ssin_for(dt.date(2003, 5, 21), 241)))).said() == []


def test_many_rows_are_said_as_a_few_and_how_many_more(tmp_path: Path) -> None:
    young = [ssin_for(dt.date(2001, 1, day), 10).lstrip("0") for day in range(1, 8)]
    warning = load_inputs(versions_csv(tmp_path, with_ssins(*young))).said()[0]
    assert warning.startswith(f"{tmp_path / 'versions.csv'}, column ssin: 7 numbers of 8 to 10 digits")
    assert warning.endswith(": rows 2, 3, 4, 5, 6 and 2 more")


# The header below a title


def test_the_header_is_found_below_a_title_and_said(tmp_path: Path) -> None:
    versions = saved(tmp_path, "versions.csv", Form(workbook=False, title=True))
    inputs = load_inputs(versions)
    assert inputs.said()[0] == f"{versions}, row 3: the header was taken from this row; rows 1-2 above it were skipped"
    assert inputs.versions["row"].tolist()[:2] == [4, 5]


def test_a_header_on_row_2_says_row_1_was_skipped(tmp_path: Path) -> None:
    versions = versions_csv(tmp_path, with_ssins(ssin_for(dt.date(1985, 7, 30), 33)), [TITLE])
    assert load_inputs(versions).said() == [
        f"{versions}, row 2: the header was taken from this row; row 1 above it was skipped"
    ]
    assert load_inputs(versions).said("fr") == [
        f"{versions}, ligne 2 : l'en-tête a été pris dans cette ligne ; la ligne 1 au-dessus a été ignorée"
    ]


@pytest.mark.parametrize("workbook", [False, True], ids=["csv", "xlsx"])
def test_rows_below_a_title_keep_the_numbers_of_the_sheet(tmp_path: Path, workbook: bool) -> None:
    rows = with_ssins(ssin_for(dt.date(1985, 7, 30), 33), ssin_for(dt.date(1992, 2, 14), 162))
    rows[1]["kind"] = "opleiding"
    path = versions_csv(tmp_path, rows, [TITLE, []])
    if workbook:
        header, *cells = [line.split(";") for line in path.read_text(encoding="utf-8-sig").splitlines()]
        path = tmp_path / "versions.xlsx"
        write_workbook(path, {}, [header, *cells])
    problems = refusal(path)
    assert [(problem.row, problem.column) for problem in problems] == [(5, "kind")]


def test_the_header_is_searched_in_the_first_20_rows_only(tmp_path: Path) -> None:
    rows = with_ssins(ssin_for(dt.date(1985, 7, 30), 33))
    notes = [[f"opmerking {number}"] for number in range(HEADER_ROWS - 1)]
    found = load_inputs(versions_csv(tmp_path, rows, notes))
    assert found.versions["row"].tolist() == [HEADER_ROWS + 1]
    too_low = versions_csv(tmp_path, rows, [*notes, ["nog een opmerking"]])
    assert refusal(too_low) == [
        TableProblem(
            str(too_low),
            None,
            None,
            "no header row: none of the first 20 rows names the columns of the contract versions (contract_id, "
            "version, ssin, ocmw_nis, social_worker, start_date, end_date, kind, or their Dutch or French names); "
            "is this the right file?",
        )
    ]


def test_columns_missing_from_a_header_below_a_title_are_named_on_its_row(tmp_path: Path) -> None:
    path = tmp_path / "versions.csv"
    path.write_text(csv_text([TITLE, [], [name for name in NAMES if name != "ocmw_nis"]]), encoding="utf-8")
    assert [(problem.row, problem.column) for problem in refusal(path)] == [(3, "ocmw_nis")]


# The sheet that holds the table


def test_the_sheet_that_holds_the_table_is_read_and_named(tmp_path: Path) -> None:
    versions = saved(tmp_path, "versions.csv", Form(info_sheet=True))
    assert f"{versions}, sheet GPMI: the table was read from this sheet; not from Info" in load_inputs(versions).said()


def test_the_problems_of_a_workbook_of_several_sheets_name_the_sheet(tmp_path: Path) -> None:
    header, *rows = fixture_table("versions.csv")
    rows[0][header.index("kind")] = "opleiding"
    path = tmp_path / "versions.xlsx"
    write_workbook(path, INFO, [header, *rows])
    assert [problem.format() for problem in refusal(path)] == [
        f"{path}, sheet GPMI, row 2, column kind: 'opleiding' is not one of: general, studies, training, "
        "community_service"
    ]


def two_tables(folder: Path) -> Path:
    """A workbook holding the export twice: the sheets 2023 and 2024, and an Info sheet."""
    table = fixture_table("versions.csv")
    path = folder / "versions.xlsx"
    write_workbook(path, {**INFO, "2023": table[:3]}, table, sheet="2024")
    return path


def test_a_workbook_holding_the_table_on_two_sheets_asks_which(tmp_path: Path) -> None:
    path = two_tables(tmp_path)
    assert refusal(path) == [
        TableProblem(
            str(path), None, None, "the sheets 2023, 2024 each hold the columns of the contract versions; name the "
            "sheet to read (--sheet NAME, or the sheet field of the statistics page)"
        )
    ]  # fmt: skip
    read = load_inputs(path, reader=TableReader(TableChoices(sheets=("2024",))))
    assert compute(read, YEAR) == compute(load_inputs(GPMI / "versions.csv"), YEAR)
    assert len(load_inputs(path, reader=TableReader(TableChoices(sheets=("2023",)))).versions) == 2


def test_a_sheet_named_that_the_workbook_does_not_have_is_said_when_the_choice_is_needed(tmp_path: Path) -> None:
    path = two_tables(tmp_path)
    problems = refusal(path, reader=TableReader(TableChoices(sheets=("2025",))))
    assert problems[0].message.endswith(
        "name the sheet to read (--sheet NAME, or the sheet field of the statistics page); it has no sheet 2025"
    )
    single = saved(tmp_path, "versions.csv", Form(info_sheet=True))  # the sheet named may be another workbook's
    assert len(load_inputs(single, reader=TableReader(TableChoices(sheets=("2025",)))).versions) == 12


def test_a_sheet_named_that_does_not_hold_the_table_is_read_and_refused(tmp_path: Path) -> None:
    path = saved(tmp_path, "versions.csv", Form(info_sheet=True))
    problems = refusal(path, reader=TableReader(TableChoices(sheets=("info",))))
    assert [problem.format() for problem in problems] == [
        f"{path}, sheet Info: no header row: none of the first 20 rows names the columns of the contract versions "
        "(contract_id, version, ssin, ocmw_nis, social_worker, start_date, end_date, kind, or their Dutch or French "
        "names); is this the right file?"
    ]


def test_a_workbook_without_the_table_is_refused_in_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "versions.xlsx"
    write_workbook(path, INFO, [["Blad zonder tabel"]], sheet="Blad2")
    assert refusal(path) == [
        TableProblem(
            str(path), None, None, "none of the sheets Info, Blad2 names the columns of the contract versions in its "
            "first 20 rows; is this the right file?"
        )
    ]  # fmt: skip


def test_an_empty_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "versions.xlsx"
    write_workbook(path, {}, [])
    assert refusal(path) == [TableProblem(str(path), 1, None, "the workbook is empty: expected a header row")]


# The names of the columns


def test_every_column_of_every_table_has_dutch_and_french_names() -> None:
    for spec in SPECS:
        for column in spec.columns:
            assert COLUMN_NAMES[column.name].nl and COLUMN_NAMES[column.name].fr, column.name


@pytest.mark.parametrize("spec", SPECS, ids=[spec.name for spec in SPECS])
def test_no_name_names_two_columns_of_one_table(spec: TableSpec) -> None:
    named = [(header_key(name), column.name) for column in spec.columns for name in names_of(column.name)]
    keys = [key for key, _ in named]
    assert [pair for pair in named if keys.count(pair[0]) > 1] == []


@pytest.mark.parametrize(("page", "specs"), SPECS_BY_PAGE.items())
def test_the_docs_list_every_name_of_their_tables(page: str, specs: tuple[TableSpec, ...]) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    for spec in specs:
        for column in spec.columns:
            names = COLUMN_NAMES[column.name]
            listed = f"| `{column.name}` | {', '.join(names.nl)} | {', '.join(names.fr)} |"
            assert listed in text, listed


def test_names_are_matched_without_regard_to_case_accents_and_punctuation(tmp_path: Path) -> None:
    headers = {**FRENCH, "start_date": "DATE DE DEBUT", "end_date": "date_de_fin", "birth_date": " Date de naissance "}
    versions = saved(tmp_path, "versions.csv", Form(headers=headers))
    assert compute(load_inputs(versions, GPMI / "evaluations.csv"), YEAR) == EXPECTED


def test_a_column_given_under_two_of_its_names_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "versions.csv"
    path.write_text(csv_text([[*NAMES, "Soort"]]), encoding="utf-8")
    assert refusal(path) == [
        TableProblem(str(path), 1, "kind", "the column kind appears 2 times in the header ('kind', 'Soort')")
    ]


# The mapping file


def test_a_mapping_file_names_the_columns_of_any_export(tmp_path: Path) -> None:
    own = {**DUTCH, "contract_id": "Nr. GPMI", "ssin": "Rijksregister", "kind": "Type contract", "outcome": "Besluit"}
    versions = saved(tmp_path, "versions.csv", Form(headers=own))
    evaluations = saved(tmp_path, "evaluations.csv", Form(headers=own))
    choices = load_choices(
        (),
        mapping(
            tmp_path,
            '"Nr. GPMI" = "contract_id"\nrijksregister = "ssin"\n"Type contract" = "kind"\n"Besluit" = "outcome"\n',
        ),
    )
    assert compute(load_inputs(versions, evaluations, TableReader(choices)), YEAR) == EXPECTED
    assert refusal(versions, evaluations)[0].message.startswith("the required column contract_id is missing")


def test_the_mapping_file_comes_before_the_names_of_the_table(tmp_path: Path) -> None:
    rows = with_ssins(ssin_for(dt.date(1985, 7, 30), 33))
    path = tmp_path / "versions.csv"
    names = [name if name != "social_worker" else "naam" for name in NAMES]  # "naam" is a decision's last_name
    path.write_text(csv_text([names, *([row[name] for name in NAMES] for row in rows)]), encoding="utf-8")
    choices = load_choices((), mapping(tmp_path, 'naam = "social_worker"\n'))
    assert load_inputs(path, reader=TableReader(choices)).versions["social_worker"].tolist() == ["sw1"]


def test_every_problem_of_a_mapping_file_is_named(tmp_path: Path) -> None:
    path = mapping(tmp_path, 'Rijksregister = "insz"\n"Nr" = "contract_id"\nnr = "dossier_id"\n"***" = "ssin"\nx = 3\n')
    with pytest.raises(InvalidFiles) as refused:
        load_choices((), path)
    assert [problem.format() for problem in refused.value.problems] == [
        f"{path}: '***': a header needs a letter or a digit",
        f"{path}: Rijksregister: 'insz' is not a column of the toolkit's tables; write the header of the export, "
        'then the column it holds: "Rijksregister" = "ssin"',
        f"{path}: nr: given twice, as contract_id and dossier_id",
        f"{path}: x: 3 is not a column of the toolkit's tables; write the header of the export, then the column it "
        'holds: "Rijksregister" = "ssin"',
    ]


def test_a_mapping_file_that_is_no_toml_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidFiles) as refused:
        load_choices((), mapping(tmp_path, "Rijksregister: ssin\n"))
    assert refused.value.problems[0].message.startswith("not a TOML file: ")


def test_a_workbook_given_as_the_mapping_file_is_said_to_be_no_text(tmp_path: Path) -> None:
    workbook = saved(tmp_path, "versions.csv", Form())
    with pytest.raises(InvalidFiles) as refused:
        load_choices((), workbook)
    assert [problem.format() for problem in refused.value.problems] == [
        f"{workbook}: this is not UTF-8 text: save it as plain text (TOML, UTF-8)"
    ]


def test_a_workbook_saved_under_a_csv_name_is_read_as_the_workbook_it_is(tmp_path: Path) -> None:
    versions = saved(tmp_path, "versions.csv", Form()).rename(tmp_path / "versions-export.csv")
    evaluations = saved(tmp_path, "evaluations.csv", Form())
    assert compute(load_inputs(versions, evaluations), YEAR) == EXPECTED


# What is not a table


@pytest.mark.parametrize(
    ("start", "said"),
    [
        (b"%PDF-1.7\n", "a PDF document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 'an Excel 97-2003 workbook (.xls); save it as "Excel workbook (.xlsx)" '
                                              'or as "CSV UTF-8"'),
        ("contract_id\tversion\n".encode("utf-16"), 'UTF-16 text (Excel\'s "Unicode text"); save it as "CSV UTF-8"'),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "no text: it holds binary data"),
    ],
    ids=["pdf", "xls", "utf-16", "png"],
)  # fmt: skip
def test_a_file_that_is_not_a_table_is_refused_in_one_sentence(tmp_path: Path, start: bytes, said: str) -> None:
    path = tmp_path / "versions.csv"
    path.write_bytes(start + b"\x00 rest of the file")
    assert refusal(path) == [TableProblem(str(path), None, None, f"this file is not a table (CSV or XLSX) but {said}")]


@pytest.mark.parametrize(("separator", "said"), [("\t", "tabs"), ("|", "vertical bars")])
def test_a_table_with_another_separator_is_refused_in_one_sentence(tmp_path: Path, separator: str, said: str) -> None:
    path = tmp_path / "versions.txt"
    path.write_text((GPMI / "versions.csv").read_text(encoding="utf-8-sig").replace(";", separator), encoding="utf-8")
    assert refusal(path) == [
        TableProblem(
            str(path), None, None, f"the columns are separated by {said}; save the export as CSV, with ; or , between "
            "the columns"
        )
    ]  # fmt: skip


def test_a_number_shown_with_its_zeros_is_read_as_shown_without_a_warning(tmp_path: Path) -> None:
    header, *rows = fixture_table("versions.csv")
    path = tmp_path / "versions.xlsx"
    write_workbook(path, {}, [header, *([excel_value(column, text) for column, text in zip(header, row, strict=True)]
                                        for row in rows)])  # fmt: skip
    book = load_workbook(path)
    for cell in book.worksheets[0]["D"][1:]:
        cell.number_format = "00000000000"
    book.save(path)
    inputs = load_inputs(path)
    assert inputs.said() == []
    assert ssin_text(inputs.versions.loc[inputs.versions["row"] == 9, "ssin"]).tolist() == ["03052124132"]
