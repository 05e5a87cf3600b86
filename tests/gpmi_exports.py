"""GPMI exports written row by row for a test, and what the statistics' reading of them
(``gpmi_stats.inputs.load_inputs``) gives or refuses: ``tabular``'s reading and parsing are tested on
these real tables, and the statistics' own checks of the whole exports on the same."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from gpmi_stats.columns import EVALUATIONS, VERSIONS
from gpmi_stats.inputs import load_inputs
from ground import days
from tabular.column_names import names_of
from tabular.problems import InvalidFiles, TableProblem
from tests.conftest import gpmi_version_row, ssin_for, ssin_with

VERSION_NAMES = [column.name for column in VERSIONS.columns]
EVALUATION_NAMES = [column.name for column in EVALUATIONS.columns]
REQUIRED_VERSION_COLUMNS = [column.name for column in VERSIONS.columns if column.required]
REQUIRED_EVALUATION_COLUMNS = [column.name for column in EVALUATIONS.columns if column.required]


def day_problem(text: str) -> str:
    """What ``ground.days`` says of a day typed as ``text``: the sentences of the tables are its own."""
    wrong = days.problem(text)
    assert wrong is not None
    return str(wrong)


NOT_YES_NO = "is not a yes/no value: use true/false, 1/0, yes/no, ja/nee or oui/non"
NOT_A_KIND = "is not one of: general, studies, training, community_service"
NO_OUTCOME = "a final evaluation needs its outcome: reached, partially_reached or not_reached"

ANN = ssin_for(dt.date(1985, 7, 30), 33)  # 85073003328
YOUNG = ssin_for(dt.date(2003, 5, 21), 241)  # born from 2000: a 2 in front for the check digits
BIS_GENDER_KNOWN = ssin_with("854730033")  # month + 40
BIS_GENDER_UNKNOWN = ssin_with("852730033")  # month + 20

BASE = gpmi_version_row(ANN)
EVALUATION = {"contract_id": "C1", "evaluated_on": "2024-05-01", "kind": "intermediate", "outcome": ""}


def missing(column: str) -> str:
    """The sentence for a required column missing from the header."""
    others = ", ".join(names_of(column)[1:])
    return f"the required column {column} is missing from the header (other names it may have: {others})"


def row(**changes: str) -> dict[str, str]:
    """A valid version row, with some of its values changed."""
    return {**BASE, **changes}


def csv_text(rows: list[dict[str, str]], names: list[str] | None = None, delimiter: str = ",") -> str:
    """The rows as CSV text with a header of ``names`` (by default the columns of the first row)."""
    names = names if names is not None else list(rows[0])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(names)
    for values in rows:
        writer.writerow([values.get(name.strip().lower(), "") for name in names])
    return out.getvalue()


def write(folder: Path, text: str | bytes, name: str = "versions.csv", *, bom: bool = False) -> Path:
    path = folder / name
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def versions_file(folder: Path, *rows: dict[str, str], name: str = "versions.csv") -> Path:
    return write(folder, csv_text(list(rows) or [BASE], VERSION_NAMES), name)


def refusal(versions: Path, evaluations: Path | None = None) -> list[TableProblem]:
    with pytest.raises(InvalidFiles) as refused:
        load_inputs(versions, evaluations)
    return refused.value.problems


def where(problems: list[TableProblem]) -> list[tuple[str, int | None, str | None, str]]:
    return [(Path(problem.file).name, problem.row, problem.column, problem.message) for problem in problems]


def only_problem(folder: Path, **changes: str) -> TableProblem:
    """The single problem of a file of one row with ``changes``; it must be on row 2."""
    path = versions_file(folder, row(**changes))
    problems = refusal(path)
    assert len(problems) == 1, problems
    assert problems[0].file == str(path)
    assert problems[0].row == 2
    return problems[0]


def parsed_value(folder: Path, column: str, text: str) -> object:
    return load_inputs(versions_file(folder, row(**{column: text}))).versions[column].iloc[0]


def evaluation_problem(folder: Path, **changes: str) -> TableProblem:
    versions = versions_file(folder)
    evaluations = write(folder, csv_text([{**EVALUATION, **changes}]), "evaluations.csv")
    problems = refusal(versions, evaluations)
    assert len(problems) == 1, problems
    assert (problems[0].file, problems[0].row) == (str(evaluations), 2)
    return problems[0]
