"""CSV files and workbooks read directly (``tabular.reading``, ``tabular.delimited``, ``tabular.workbook``) at
the limits the GPMI exports do not reach. CSV: text that stops being UTF-8 below the rows searched for the
header, a file of a header only, empty lines below the header, UTF-16 text in big-endian order with its byte
order mark or without. Workbooks: cells read as their CSV export would hold them (percentages with their
decimals, rounded half up; zeros in front from a format of two zeros on; yes/no, days and times), the sheet
named by the user whatever its case and spaces, a named sheet that is empty, a sheet of a header only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tabular.choices import TableChoices
from tabular.columns import Column, TableSpec, Type
from tabular.headers import HEADER_ROWS
from tabular.problems import InvalidFiles, TableProblem
from tabular.reading import RawTable, read_table
from tests.spreadsheets import write_workbook

PAYMENTS = TableSpec("payments", (Column("amount", Type.AMOUNT, required=True), Column("note", Type.TEXT)))


def saved(folder: Path, data: bytes) -> Path:
    path = folder / "payments.csv"
    path.write_bytes(data)
    return path


def workbook(
    folder: Path, before: dict[str, list[list[Any]]], table: list[list[Any]], sheet: str = "Betalingen"
) -> Path:
    """A workbook of the sheets ``before``, then the table's (``tests.spreadsheets.write_workbook``)."""
    path = folder / "payments.xlsx"
    write_workbook(path, before, table, sheet)
    return path


def texts(table: RawTable, column: str) -> list[str]:
    """The column's text in each row read."""
    texts = table.columns[column]
    return [texts.distinct[int(position)].as_py() for position in texts.positions]


def refusal(path: Path) -> list[TableProblem]:
    with pytest.raises(InvalidFiles) as refused:
        read_table(path, PAYMENTS)
    return refused.value.problems


# CSV


@pytest.mark.parametrize("rows", [HEADER_ROWS, HEADER_ROWS + 1, 5_000])
def test_a_byte_that_is_not_utf8_is_said_the_same_way_in_the_header_rows_or_below(tmp_path: Path, rows: int) -> None:
    path = saved(tmp_path, b"amount;note\n" + b"1;a\n" * (rows - 2) + "2;Lefèvre\n".encode("latin-1"))
    assert refusal(path) == [TableProblem(str(path), None, None, 'the file is not UTF-8 text; save it as "CSV UTF-8"')]


@pytest.mark.parametrize("end", ["\n", "\r\n", ""], ids=["lf", "crlf", "no-newline"])
def test_a_header_without_rows_is_a_table_of_no_rows(tmp_path: Path, end: str) -> None:
    table = read_table(saved(tmp_path, f"amount;note{end}".encode()), PAYMENTS)
    assert (table.rows.tolist(), table.rows_read, table.problems) == ([], 0, [])
    assert texts(table, "amount") == []


def test_empty_lines_below_the_header_are_no_rows(tmp_path: Path) -> None:
    table = read_table(saved(tmp_path, b"amount;note\n1;a\n\n\r\n2;b\n\n"), PAYMENTS)
    assert (table.rows_read, table.problems) == (2, [])
    assert texts(table, "amount") == ["1", "2"]


def test_utf16_text_with_its_byte_order_mark_in_big_endian_order_is_refused_in_one_sentence(tmp_path: Path) -> None:
    path = saved(tmp_path, "\ufeffamount;note\n1;a\n".encode("utf-16-be"))
    assert refusal(path) == [
        TableProblem(
            str(path), None, None, 'this file is not a table (CSV or XLSX) but UTF-16 text; save it as "CSV UTF-8"'
        )
    ]


def test_utf16_text_without_its_byte_order_mark_is_binary_data(tmp_path: Path) -> None:
    path = saved(tmp_path, "amount;note\n1;a\n".encode("utf-16-be"))
    assert [problem.message for problem in refusal(path)] == [
        "this file is not a table (CSV or XLSX) but no text: it holds binary data"
    ]


# Workbooks


@pytest.mark.parametrize(
    ("cell", "number_format", "shown"),
    [
        (0.4, "0.00%", "40.00%"),
        (0.1255, "0.0%", "12.6%"),
        (7, "00", "07"),
        (7, "000", "007"),
        (7, "0", "7"),
        (True, "General", "true"),
        (dt.datetime(2024, 5, 6), "DD/MM/YYYY", "2024-05-06"),
        (dt.datetime(2024, 5, 6, 9, 30), "DD/MM/YYYY HH:MM", "2024-05-06T09:30:00"),
    ],
)
def test_a_cell_is_read_as_the_text_a_csv_export_of_it_would_hold(
    tmp_path: Path, cell: Any, number_format: str, shown: str
) -> None:
    path = workbook(tmp_path, {}, [["amount", "note"], [cell, "x"]])
    book = load_workbook(path)
    book.worksheets[0]["A2"].number_format = number_format
    book.save(path)
    assert texts(read_table(path, PAYMENTS), "amount") == [shown]


@pytest.mark.parametrize("asked", ["Betalingen 2024", "betalingen 2024", "  BETALINGEN 2024 "])
def test_the_sheet_named_is_found_whatever_its_case_and_the_spaces_around_it(tmp_path: Path, asked: str) -> None:
    table = [["amount", "note"], [12, "x"]]
    path = workbook(tmp_path, {"Betalingen 2023": [*table, [13, "y"]]}, table, "Betalingen 2024")
    read = read_table(path, PAYMENTS, choices=TableChoices(sheets=(asked,)))
    assert read.source == f"{path}, sheet Betalingen 2024"
    assert texts(read, "amount") == ["12"]


def test_a_named_sheet_that_is_empty_is_said_to_be_so(tmp_path: Path) -> None:
    path = workbook(tmp_path, {"Info": []}, [["amount", "note"], [12, "x"]])
    with pytest.raises(InvalidFiles) as refused:
        read_table(path, PAYMENTS, choices=TableChoices(sheets=("info",)))
    assert refused.value.problems == [
        TableProblem(str(path), 1, None, "the sheet Info is empty: expected a header row")
    ]


def test_a_sheet_of_a_header_only_is_a_table_of_no_rows(tmp_path: Path) -> None:
    table = read_table(workbook(tmp_path, {}, [["amount", "note"]]), PAYMENTS)
    assert (table.rows.tolist(), table.rows_read, table.problems) == ([], 0, [])
    assert [warning.message for warning in table.warnings] == ["the table has no rows below its header"]
