"""The types of cell of ``tabular.columns`` that only the imports and the annual report use, each at its limits
on a table of its own: amounts in euro, counts, whole numbers of at least 1 and texts of a limited length;
and rows equal once parsed, dropped as copies or kept when the table counts each row."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tabular.columns import Column, TableSpec, Type
from tabular.parsing import VALUE_SHOWN, ParsedTable, parse_table
from tabular.reading import read_table

CELLS = TableSpec(
    "cells",
    (
        Column("label", Type.TEXT, required=True, max_length=5),
        Column("amount", Type.AMOUNT),
        Column("count", Type.COUNT),
        Column("number", Type.POSITIVE_INTEGER),
    ),
)


def parsed(folder: Path, *rows: str, drop_copies: bool = True) -> ParsedTable:
    """The table of ``rows`` (``label;amount;count;number``) below its header, parsed."""
    path = folder / "cells.csv"
    path.write_text("\n".join(["label;amount;count;number", *rows]) + "\n", encoding="utf-8")
    return parse_table(read_table(path, CELLS), CELLS, drop_copies=drop_copies)


def value(folder: Path, column: str, text: str) -> object:
    """The value of ``text`` in ``column``, which must be read without a problem."""
    cells = {"label": "x", "amount": "", "count": "", "number": "", column: text}
    table = parsed(folder, ";".join(cells.values()))
    assert table.problems == []
    return table.frame[column].iloc[0]


def problem(folder: Path, column: str, text: str) -> str:
    """The one problem of ``text`` in ``column``, on row 2."""
    cells = {"label": "x", "amount": "", "count": "", "number": "", column: text}
    table = parsed(folder, ";".join(cells.values()))
    assert [(found.row, found.column) for found in table.problems] == [(2, column)]
    return table.problems[0].message


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("0", "0"),
        ("1234,5", "1234.5"),
        ("1234.50", "1234.50"),
        ("9999999999,99", "9999999999.99"),
        (" 12,30 ", "12.30"),
    ],
)
def test_an_amount_has_up_to_10_digits_and_2_decimals_after_a_comma_or_a_point(
    tmp_path: Path, text: str, amount: str
) -> None:
    read = value(tmp_path, "amount", text)
    assert isinstance(read, Decimal) and str(read) == amount


@pytest.mark.parametrize("text", ["12345678901", "12,345", "-5,00", "1.234,50", "€ 12", "12,"])
def test_another_amount_is_refused_with_an_example(tmp_path: Path, text: str) -> None:
    assert problem(tmp_path, "amount", text) == f"{text!r} is not an amount in euro such as 1234.50 or 1234,50"


def test_an_empty_amount_is_no_amount(tmp_path: Path) -> None:
    assert value(tmp_path, "amount", "") is None


@pytest.mark.parametrize(("text", "count"), [("0", 0), ("", 0), ("+2", 2), ("999999999", 999_999_999)])
def test_a_count_is_a_whole_number_from_0(tmp_path: Path, text: str, count: int) -> None:
    assert value(tmp_path, "count", text) == count


@pytest.mark.parametrize("text", ["-1", "1.5", "1000000000"])
def test_a_count_below_0_or_not_whole_is_refused(tmp_path: Path, text: str) -> None:
    assert problem(tmp_path, "count", text) == f"{text!r} is not a whole number of at least 0"


def test_a_whole_number_has_at_most_9_digits(tmp_path: Path) -> None:
    assert value(tmp_path, "number", "999999999") == 999_999_999
    assert problem(tmp_path, "number", "1000000000") == "'1000000000' is not a whole number of at least 1"


@pytest.mark.parametrize(("text", "accepted"), [("abcde", True), (" abcde ", True), ("abcdef", False)])
def test_a_text_has_at_most_its_length_after_the_spaces_around_it(tmp_path: Path, text: str, accepted: bool) -> None:
    if accepted:
        assert value(tmp_path, "label", text) == "abcde"
    else:
        assert problem(tmp_path, "label", text) == "the text is 6 characters long; at most 5 are allowed"


def test_rows_equal_once_parsed_are_one_row_unless_each_row_counts(tmp_path: Path) -> None:
    rows = ("x;12,50;1;1", "x;12.5;01;+1", "x;12,51;1;1")
    assert parsed(tmp_path, *rows).frame["row"].tolist() == [2, 4]
    kept = parsed(tmp_path, *rows, drop_copies=False).frame
    assert kept["row"].tolist() == [2, 3, 4]
    assert kept["amount"].tolist() == [Decimal("12.50"), Decimal("12.5"), Decimal("12.51")]


def test_copies_are_found_however_many_values_the_columns_hold(tmp_path: Path) -> None:
    """Fourteen columns of 40 values each number more rows than 64 bits can tell apart: the copies are
    still found, and so are the rows that differ from another in the first or only in the last column."""
    wide = TableSpec("wide", tuple(Column(f"c{number}", Type.COUNT) for number in range(14)))
    rows = [[str(value)] * 14 for value in range(40)]
    copy = ["0" + text for text in rows[7]]  # row 9 written otherwise: 07 is 7
    first_differs, last_differs = ["39", *rows[3][1:]], [*rows[5][:-1], "0"]
    path = tmp_path / "wide.csv"
    lines = [";".join(wide_row) for wide_row in [*rows, copy, first_differs, last_differs, rows[12]]]
    path.write_text("\n".join([";".join(column.name for column in wide.columns), *lines]) + "\n", encoding="utf-8")
    table = parse_table(read_table(path, wide), wide)
    assert table.frame["row"].tolist() == [*range(2, 42), 43, 44]  # rows 42 (row 9) and 45 (row 14) are copies


@pytest.mark.parametrize(
    ("length", "shown"), [(VALUE_SHOWN, "1" * VALUE_SHOWN), (VALUE_SHOWN + 1, "1" * VALUE_SHOWN + "…")]
)
def test_a_long_wrong_value_is_cut_where_its_problem_repeats_it(tmp_path: Path, length: int, shown: str) -> None:
    assert problem(tmp_path, "amount", "1" * length) == f"'{shown}' is not an amount in euro such as 1234.50 or 1234,50"


def test_a_text_too_long_says_its_whole_length_however_long(tmp_path: Path) -> None:
    assert problem(tmp_path, "label", "x" * 1000) == "the text is 1000 characters long; at most 5 are allowed"
