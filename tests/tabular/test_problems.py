"""What is wrong with an input table, and where (``tabular.problems``): a problem written with what is known of
its place, all problems in the order of their files, rows and columns, the whole file's first, and counted in
one sentence; and the warnings a reader keeps of every table it read (``tabular.reader``)."""

from __future__ import annotations

from dataclasses import replace
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


def test_the_same_problem_on_many_rows_is_said_once_with_its_rows() -> None:
    wrong_kind = "'opleiding' is not one of: general, studies, training, community_service"
    refused = InvalidFiles(
        [TableProblem("a.csv", row, "kind", wrong_kind) for row in range(9, 1, -1)]
        + [
            TableProblem("a.csv", 4, "kind", "'stage' is not one of: general, studies, training, community_service"),
            TableProblem("a.csv", 5, "version", wrong_kind),  # another column: another problem
            TableProblem("b.csv", 2, "kind", wrong_kind),  # another file: another problem
            TableProblem("a.csv", None, None, "the file is empty"),
            TableProblem("a.csv", None, None, "the file is empty"),
        ]
    )
    assert [problem.format() for problem in refused.problems] == [
        "a.csv: the file is empty",
        f"a.csv, rows 2-9, column kind: {wrong_kind}",  # every row, to be fixed
        "a.csv, row 4, column kind: 'stage' is not one of: general, studies, training, community_service",
        f"a.csv, row 5, column version: {wrong_kind}",
        f"b.csv, row 2, column kind: {wrong_kind}",
    ]
    assert refused.problems[1].rows == (2, 3, 4, 5, 6, 7, 8, 9)
    assert str(refused) == "5 problems in the input"


def test_rows_said_once_are_named_in_the_language_of_the_message() -> None:
    said = TableProblem.written("a.csv", 2, "kind", lambda lang: {"en": "wrong", "nl": "fout", "fr": "faux"}[lang])
    (merged,) = InvalidFiles([said, *(replace(said, row=row) for row in (3, 4))]).problems
    assert merged.format("nl") == "a.csv, rijen 2-4, kolom kind: fout"
    assert merged.format("fr") == "a.csv, lignes 2-4, colonne kind : faux"


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
