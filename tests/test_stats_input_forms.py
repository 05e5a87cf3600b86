"""Reading the exports: dialects, headers, every value form the specification allows, and every
refusal with its file, row and column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from gpmi_stats.figures import compute
from gpmi_stats.inputs import load_inputs
from gpmi_stats.period import Period
from tabular.parsing import ssin_text
from tabular.problems import InvalidInput, TableProblem
from tests.conftest import ssin_for

ANN = ssin_for(dt.date(1985, 7, 30), 34)
HEADER = (
    "contract_id,version,signed_on,ssin,gender,birth_date,residence_nis,ocmw_nis,social_worker,"
    "start_date,end_date,closed_on,kind,training,studies,community_service,extra_support"
)
ROW = f"C1,1,2024-01-20,{ANN},F,1985-07-30,44021,44021,sw1,2024-02-01,2024-07-31,,general,,,,"


def write(folder: Path, text: str, name: str = "versions.csv", encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def refusal(versions: Path, evaluations: Path | None = None) -> list[TableProblem]:
    with pytest.raises(InvalidInput) as refused:
        load_inputs(versions, evaluations)
    return refused.value.problems


def with_value(column: str, value: str) -> str:
    names = HEADER.split(",")
    values = ROW.split(",")
    values[names.index(column)] = value
    return f"{HEADER}\n{','.join(values)}\n"


def one_problem(folder: Path, column: str, value: str) -> TableProblem:
    problems = refusal(write(folder, with_value(column, value)))
    assert len(problems) == 1, problems
    return problems[0]


def parsed(folder: Path, column: str, value: str) -> object:
    return load_inputs(write(folder, with_value(column, value))).versions[column].iloc[0]


# Dialects and headers.


def test_the_belgian_dialect_with_a_bom_reads_as_the_international_one(tmp_path: Path) -> None:
    international = load_inputs(write(tmp_path, f"{HEADER}\n{ROW}\n"))
    belgian_row = ROW.replace(",", ";").replace("2024-01-20", "20/01/2024").replace("1985-07-30", "30/07/1985")
    belgian = load_inputs(write(tmp_path, f"\ufeff{HEADER.replace(',', ';')}\n{belgian_row}\n", "be.csv"))
    pd.testing.assert_frame_equal(belgian.versions, international.versions)


def test_header_names_are_matched_without_regard_to_case_or_spaces(tmp_path: Path) -> None:
    header = ",".join(f" {name.upper()} " for name in HEADER.split(","))
    assert len(load_inputs(write(tmp_path, f"{header}\n{ROW}\n")).versions) == 1


def test_unknown_columns_are_ignored_and_optional_columns_may_be_absent(tmp_path: Path) -> None:
    names = HEADER.split(",")
    keep = [i for i, name in enumerate(names) if name not in ("closed_on", "training", "gender", "birth_date")]
    header = ",".join([names[i] for i in keep] + ["remark"])
    row = ",".join([ROW.split(",")[i] for i in keep] + ["anything, quoted".join('""')])
    versions = load_inputs(write(tmp_path, f"{header}\n{row}\n")).versions
    assert versions["closed_on"].isna().all()
    assert not versions["training"].any()
    assert "remark" not in versions


def test_a_missing_required_column_is_named_on_row_1(tmp_path: Path) -> None:
    header = HEADER.replace("social_worker,", "")
    path = write(tmp_path, f"{header}\n")
    assert refusal(path) == [
        TableProblem(str(path), 1, "social_worker", "the required column social_worker is missing from the header")
    ]


def test_a_column_given_twice_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER},Kind\n{ROW},general\n")
    assert refusal(path) == [TableProblem(str(path), 1, "kind", "the column kind appears 2 times in the header")]


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    assert refusal(path) == [TableProblem(str(path), 1, None, "the file is empty: expected a header row")]


def test_a_header_without_rows_gives_zero_figures(tmp_path: Path) -> None:
    figures = compute(load_inputs(write(tmp_path, f"{HEADER}\n")), Period.year(2024))
    assert figures["projects"]["total"] == 0
    assert figures["versions"] == {"rows": 0, "contracts": 0, "duplicates_removed": 0}


def test_rows_with_too_many_or_too_few_fields_are_refused_and_later_rows_keep_their_numbers(tmp_path: Path) -> None:
    rows = [
        ROW,
        ROW.replace("C1", "C2") + ",extra",
        ROW.replace("C1", "C3").rsplit(",", 3)[0],
        with_value("version", "x").split("\n")[1].replace("C1", "C4"),
    ]
    path = write(tmp_path, HEADER + "\n" + "\n".join(rows) + "\n")
    assert [(problem.row, problem.column, problem.message) for problem in refusal(path)] == [
        (3, None, "this row has 18 fields where the header has 17"),
        (4, None, "this row has 14 fields where the header has 17"),
        (5, "version", "'x' is not a whole number of at least 1"),
    ]  # fmt: skip


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\n{ROW.replace('sw1', 'Séverine')}\n", encoding="latin-1")
    assert refusal(path) == [TableProblem(str(path), None, None, 'the file is not UTF-8 text; save it as "CSV UTF-8"')]


# Values.


@pytest.mark.parametrize(
    ("text", "day"),
    [("2024-03-01", dt.date(2024, 3, 1)), ("01/03/2024", dt.date(2024, 3, 1)), ("1/3/2024", dt.date(2024, 3, 1)),
     ("29/02/2024", dt.date(2024, 2, 29)), (" 2024-03-01 ", dt.date(2024, 3, 1))],
)  # fmt: skip
def test_dates_in_iso_or_belgian_form(tmp_path: Path, text: str, day: dt.date) -> None:
    assert parsed(tmp_path, "signed_on", text) == pd.Timestamp(day)


@pytest.mark.parametrize("text", ["30/02/2024", "2023-02-29", "2024-13-01", "2024-3-1", "01-03-2024", "1/3/24", "soon"])
def test_impossible_or_unknown_dates_are_refused(tmp_path: Path, text: str) -> None:
    problem = one_problem(tmp_path, "signed_on", text)
    assert (problem.row, problem.column) == (2, "signed_on")
    assert problem.message == f"{text!r} is not an existing date written as 2024-03-01 or 01/03/2024"


@pytest.mark.parametrize(
    ("text", "value"),
    [("true", True), ("TRUE", True), ("1", True), ("yes", True), ("Ja", True), ("oui", True),
     ("false", False), ("0", False), ("no", False), ("nee", False), ("NON", False), ("", False)],
)  # fmt: skip
def test_every_yes_no_form(tmp_path: Path, text: str, value: bool) -> None:
    assert parsed(tmp_path, "extra_support", text) == value


def test_another_yes_no_value_is_refused(tmp_path: Path) -> None:
    assert one_problem(tmp_path, "training", "misschien").message == (
        "'misschien' is not a yes/no value: use true/false, 1/0, yes/no, ja/nee or oui/non"
    )


@pytest.mark.parametrize("text", ["0", "-1", "1.5", "abc", "2b"])
def test_a_version_is_a_whole_number_of_at_least_1(tmp_path: Path, text: str) -> None:
    assert one_problem(tmp_path, "version", text).message == f"{text!r} is not a whole number of at least 1"


def test_an_insz_may_hold_dots_dashes_and_spaces(tmp_path: Path) -> None:
    dotted = f"{ANN[:2]}.{ANN[2:4]}.{ANN[4:6]}-{ANN[6:9]}.{ANN[9:]}"
    assert parsed(tmp_path, "ssin", dotted) == int(ANN)
    assert parsed(tmp_path, "ssin", f"{ANN[:6]} {ANN[6:9]} {ANN[9:]}") == int(ANN)


def test_an_insz_starting_with_zero_keeps_its_digits(tmp_path: Path) -> None:
    young = ssin_for(dt.date(2003, 5, 21), 240)
    assert ssin_text(pd.Series([parsed(tmp_path, "ssin", young)])).tolist() == [young]


def test_an_insz_of_ten_digits_is_refused(tmp_path: Path) -> None:
    assert one_problem(tmp_path, "ssin", ANN[:10]).message == (
        f"{ANN[:10]!r} is not an INSZ/BIS number: 11 digits (dots, dashes and spaces allowed)"
    )


def test_an_insz_with_wrong_check_digits_is_refused(tmp_path: Path) -> None:
    wrong = ANN[:9] + f"{(int(ANN[9:]) + 1) % 100:02d}"
    problem = one_problem(tmp_path, "ssin", wrong)
    assert (problem.row, problem.column) == (2, "ssin")
    assert "has wrong check digits" in problem.message


def test_nis_codes_have_5_digits_and_residence_may_be_empty(tmp_path: Path) -> None:
    assert parsed(tmp_path, "residence_nis", "") == ""
    assert one_problem(tmp_path, "residence_nis", "4402").message == "'4402' is not a NIS code: 5 digits"


def test_choices_are_read_without_regard_to_case(tmp_path: Path) -> None:
    assert parsed(tmp_path, "kind", "Training") == "training"
    assert parsed(tmp_path, "gender", "m") == "M"
    assert one_problem(tmp_path, "kind", "opleiding").message == (
        "'opleiding' is not one of: general, studies, training, community_service"
    )


def test_a_required_value_may_not_be_empty(tmp_path: Path) -> None:
    assert one_problem(tmp_path, "social_worker", "  ").message == "empty; this column is required"


# XLSX and all problems at once.


def test_a_workbook_reads_as_the_equivalent_csv(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER.split(","))
    row = ["C1", 1, dt.datetime(2024, 1, 20), ANN, "F", dt.date(1985, 7, 30), 44021, "44021", "sw1",
           dt.date(2024, 2, 1), dt.date(2024, 7, 31), None, "general", None, False, None, True]  # fmt: skip
    sheet.append(row)
    sheet.append([None] * 17)  # an empty row: skipped, the numbering of the sheet kept
    sheet.append(["C2", 1.0, dt.date(2024, 1, 20), ANN, "F", None, None, "44021", "sw1",
                  dt.date(2024, 2, 1), dt.date(2024, 7, 31), None, "bogus", None, None, None, None])  # fmt: skip
    book.save(tmp_path / "versions.xlsx")
    problems = refusal(tmp_path / "versions.xlsx")
    assert [(problem.row, problem.column) for problem in problems] == [(4, "kind")]
    sheet.delete_rows(3, 2)
    book.save(tmp_path / "versions.xlsx")
    from_sheet = load_inputs(tmp_path / "versions.xlsx").versions
    csv_row = ROW.replace(",general,,,,", ",general,,false,,true")
    from_csv = load_inputs(write(tmp_path, f"{HEADER}\n{csv_row}\n")).versions
    pd.testing.assert_frame_equal(from_sheet, from_csv)


def test_a_file_that_is_no_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "versions.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    problems = refusal(path)
    assert len(problems) == 1
    assert problems[0].message.startswith("the file cannot be read as an XLSX workbook")


def test_all_problems_of_both_files_come_together(tmp_path: Path) -> None:
    versions = write(tmp_path, with_value("end_date", "31/02/2024").replace("sw1", ""))
    evaluations = write(tmp_path, "contract_id,evaluated_on,kind,outcome\nC1,2024-05-01,final,\nC1,x,intermediate,\n",
                        "evaluations.csv")  # fmt: skip
    assert [(Path(problem.file).name, problem.row, problem.column) for problem in refusal(versions, evaluations)] == [
        ("evaluations.csv", 2, "outcome"),
        ("evaluations.csv", 3, "evaluated_on"),
        ("versions.csv", 2, "end_date"),
        ("versions.csv", 2, "social_worker"),
    ]
