"""What is wrong with an input table, and where (``tabular.problems``): a problem written with what is known of
its place, all problems in the order of their files, rows and columns, the whole file's first, and counted in
one sentence; and the warnings a reader keeps of every table it read (``tabular.reader``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabular.columns import Column, TableSpec, Type
from tabular.problems import InvalidFiles, TableProblem
from tabular.reader import TableReader


@pytest.mark.parametrize(
    ("row", "column", "written"),
    [
        (None, None, "a.csv: the file is empty"),
        (3, None, "a.csv, row 3: the file is empty"),
        (None, "ssin", "a.csv, column ssin: the file is empty"),
        (3, "ssin", "a.csv, row 3, column ssin: the file is empty"),
    ],
)
def test_a_problem_is_written_with_what_is_known_of_its_place(
    row: int | None, column: str | None, written: str
) -> None:
    assert TableProblem("a.csv", row, column, "the file is empty").format() == written


def test_problems_come_by_file_row_and_column_the_whole_file_s_first_and_are_counted() -> None:
    refused = InvalidFiles(
        [
            TableProblem("b.csv", 2, "kind", "b"),
            TableProblem("a.csv", 10, None, "a row"),
            TableProblem("a.csv", 2, "version", "a version"),
            TableProblem("a.csv", 2, "kind", "a kind"),
            TableProblem("a.csv", None, None, "a file"),
        ]
    )
    assert [problem.format() for problem in refused.problems] == [
        "a.csv: a file",
        "a.csv, row 2, column kind: a kind",
        "a.csv, row 2, column version: a version",
        "a.csv, row 10: a row",
        "b.csv, row 2, column kind: b",
    ]
    assert str(refused) == "5 problems in the input"
    assert str(InvalidFiles(refused.problems[:1])) == "1 problem in the input"


def test_a_reader_keeps_the_warnings_of_every_table_it_read_in_turn(tmp_path: Path) -> None:
    spec = TableSpec("notes", (Column("note", Type.TEXT, required=True),))
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text("Notities\nnote\nx\n", encoding="utf-8")
    second.write_text("Notities\n\nnote\ny\n", encoding="utf-8")
    reader = TableReader()
    assert reader.parsed(first, spec).frame["note"].tolist() == ["x"]
    assert reader.parsed(second, spec).frame["note"].tolist() == ["y"]
    assert [warning.format() for warning in reader.warnings] == [
        f"{first}, row 2: the header was taken from this row; row 1 above it was skipped",
        f"{second}, row 3: the header was taken from this row; rows 1-2 above it were skipped",
    ]
