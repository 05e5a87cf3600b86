"""Reading and parsing the two GPMI exports at their boundaries: dialects, headers, broken rows and
files, every value form the specification allows and every refusal, each with its exact file, row,
column and sentence; XLSX beside CSV; all problems of both files at once."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

from gpmi_stats.columns import EVALUATIONS, VERSIONS
from gpmi_stats.figures import compute
from gpmi_stats.inputs import Inputs, load_inputs
from gpmi_stats.period import Period
from ground import days, ssin
from tabular.column_names import names_of
from tabular.parsing import parse_table, ssin_text
from tabular.problems import InvalidFiles, TableProblem
from tabular.reading import read_table
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

ZERO_FIGURES = {
    "period": {"from": "2024-01-01", "to": "2024-12-31"},
    "beneficiaries": {"total": 0, "by_gender_age": {}, "residing_elsewhere": 0},
    "projects": {"total": 0, "started": 0, "running": 0, "closed": 0},
    "social_workers": {"count": 0, "projects": {}, "beneficiaries": {}, "avg_projects": 0.0, "avg_beneficiaries": 0.0},
    "duration": {"at_least_6_months": 0, "at_least_1_year": 0, "more_than_1_year": 0},
    "content": {"training": 0, "studies": 0, "community_service": 0},
    "extra_support": {"projects": 0, "beneficiaries": 0},
    "evaluations": {"total": 0, "intermediate": 0, "final": 0},
    "final_evaluations": {"reached": 0, "partially_reached": 0, "not_reached": 0},
    "versions": {"rows": 0, "contracts": 0, "duplicates_removed": 0},
}


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


def reference_versions(folder: Path) -> pd.DataFrame:
    rows = [row(), row(contract_id="C2", ssin=YOUNG, gender="", birth_date="", closed_on="2024-05-31", training="ja")]
    return load_inputs(write(folder, csv_text(rows), "reference.csv")).versions


# Dialects, BOM, header names.


@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
def test_both_dialects_with_or_without_bom_give_the_same_frame(tmp_path: Path, delimiter: str, bom: bool) -> None:
    rows = [row(), row(contract_id="C2", ssin=YOUNG, gender="", birth_date="", closed_on="2024-05-31", training="ja")]
    path = write(tmp_path, csv_text(rows, delimiter=delimiter), bom=bom)
    versions = load_inputs(path).versions
    pd.testing.assert_frame_equal(versions, reference_versions(tmp_path))
    assert versions["contract_id"].astype(str).tolist() == ["C1", "C2"]  # the BOM is not part of the first name
    assert versions["row"].tolist() == [2, 3]


def test_a_value_holding_the_other_delimiter_stays_one_value(tmp_path: Path) -> None:
    semicolons = write(tmp_path, csv_text([row(social_worker="Peeters, An")], delimiter=";"), "be.csv", bom=True)
    commas = write(tmp_path, csv_text([row(social_worker="Peeters; An")]), "int.csv")
    assert load_inputs(semicolons).versions["social_worker"].tolist() == ["Peeters, An"]
    assert load_inputs(commas).versions["social_worker"].tolist() == ["Peeters; An"]


def test_header_names_are_matched_without_regard_to_case_and_surrounding_spaces(tmp_path: Path) -> None:
    names = [f"  {name.upper()} " if index % 2 else name.title() for index, name in enumerate(VERSION_NAMES)]
    rows = [row(), row(contract_id="C2", ssin=YOUNG, gender="", birth_date="", closed_on="2024-05-31", training="ja")]
    path = write(tmp_path, csv_text(rows, names, delimiter=";"))
    pd.testing.assert_frame_equal(load_inputs(path).versions, reference_versions(tmp_path))


def test_unknown_columns_are_ignored(tmp_path: Path) -> None:
    names = ["opmerking", *VERSION_NAMES[:5], "Dossier nr", *VERSION_NAMES[5:], "extra"]
    rows = [
        {**row(), "opmerking": "eerste, versie", "dossier nr": "x;y", "extra": "12"},
        {**row(contract_id="C2", ssin=YOUNG, gender="", birth_date="", closed_on="2024-05-31", training="ja")},
    ]
    versions = load_inputs(write(tmp_path, csv_text(rows, names))).versions
    pd.testing.assert_frame_equal(versions, reference_versions(tmp_path))
    assert list(versions.columns) == ["row", *VERSION_NAMES]


def test_optional_columns_may_be_absent_altogether(tmp_path: Path) -> None:
    path = write(tmp_path, csv_text([row()], REQUIRED_VERSION_COLUMNS))
    versions = load_inputs(path).versions
    assert list(versions.columns) == ["row", *VERSION_NAMES]
    first = versions.iloc[0]
    assert pd.isna(first["signed_on"]) and pd.isna(first["birth_date"]) and pd.isna(first["closed_on"])
    assert (first["gender"], first["residence_nis"]) == ("", "")
    assert not any(first[flag] for flag in ("training", "studies", "community_service", "extra_support"))
    assert first["start_date"] == pd.Timestamp("2024-02-01")


def test_without_a_closed_on_column_the_planned_end_is_the_finish(tmp_path: Path) -> None:
    names = [name for name in VERSION_NAMES if name != "closed_on"]
    figures = compute(load_inputs(write(tmp_path, csv_text([row()], names))), Period.year(2024))
    assert figures["projects"] == {"total": 1, "started": 1, "running": 0, "closed": 1}


def test_an_absent_optional_column_reads_as_one_empty_text_for_every_row(tmp_path: Path) -> None:
    path = write(tmp_path, csv_text([row(), row(contract_id="C2")], REQUIRED_VERSION_COLUMNS))
    raw = read_table(path, VERSIONS)
    assert raw.rows.tolist() == [2, 3]
    assert raw.columns["closed_on"].distinct.to_pylist() == [""]
    assert raw.columns["closed_on"].positions.tolist() == [0, 0]
    assert raw.columns["contract_id"].distinct.to_pylist() == ["C1", "C2"]


@pytest.mark.parametrize("absent", REQUIRED_VERSION_COLUMNS)
def test_a_missing_required_version_column_is_one_problem_on_row_1(tmp_path: Path, absent: str) -> None:
    path = write(tmp_path, csv_text([row()], [name for name in VERSION_NAMES if name != absent]))
    assert refusal(path) == [TableProblem(str(path), 1, absent, missing(absent))]


@pytest.mark.parametrize("absent", REQUIRED_EVALUATION_COLUMNS)
def test_a_missing_required_evaluation_column_is_one_problem_on_row_1(tmp_path: Path, absent: str) -> None:
    evaluations = write(
        tmp_path, csv_text([EVALUATION], [name for name in EVALUATION_NAMES if name != absent]), "evaluations.csv"
    )
    assert refusal(versions_file(tmp_path), evaluations) == [TableProblem(str(evaluations), 1, absent, missing(absent))]


def test_an_evaluations_file_without_outcome_column_is_read(tmp_path: Path) -> None:
    evaluations = write(tmp_path, "contract_id;evaluated_on;kind\nC1;01/05/2024;Intermediate\n", "evaluations.csv")
    read = load_inputs(versions_file(tmp_path), evaluations).evaluations
    assert read[["contract_id", "kind", "outcome"]].astype(str).values.tolist() == [["C1", "intermediate", ""]]


def test_several_missing_required_columns_are_all_named(tmp_path: Path) -> None:
    path = write(tmp_path, csv_text([row()], [name for name in VERSION_NAMES if name not in ("ssin", "kind")]))
    assert where(refusal(path)) == [
        (
            "versions.csv",
            1,
            "kind",
            "the required column kind is missing from the header (other names it may have: soort, type)",
        ),
        (
            "versions.csv",
            1,
            "ssin",
            "the required column ssin is missing from the header (other names it may have: "
            "INSZ, INSZ-nummer, rijksregisternummer, NISS, numéro NISS, numéro de registre national)",
        ),
    ]


def test_a_column_appearing_twice_is_refused_even_written_differently(tmp_path: Path) -> None:
    names = [*VERSION_NAMES, " KIND "]
    path = write(tmp_path, csv_text([row()], names))
    assert refusal(path) == [
        TableProblem(str(path), 1, "kind", "the column kind appears 2 times in the header ('kind', 'KIND')")
    ]


def test_an_unknown_column_appearing_twice_is_ignored(tmp_path: Path) -> None:
    names = [*VERSION_NAMES, "opmerking", "Opmerking"]
    path = write(tmp_path, csv_text([{**row(), "opmerking": "x"}], names))
    assert len(load_inputs(path).versions) == 1


# Empty and broken files.


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n", b"\r\n\r\n"], ids=["empty", "bom", "lf", "crlf"])
def test_an_empty_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, content)
    assert refusal(path) == [TableProblem(str(path), 1, None, "the file is empty: expected a header row")]


def test_an_empty_evaluations_file_is_refused_beside_valid_versions(tmp_path: Path) -> None:
    evaluations = write(tmp_path, b"", "evaluations.csv")
    assert refusal(versions_file(tmp_path), evaluations) == [
        TableProblem(str(evaluations), 1, None, "the file is empty: expected a header row")
    ]


@pytest.mark.parametrize(
    ("delimiter", "bom", "newline"), [(",", False, "\n"), (";", True, "\r\n")], ids=["international", "belgian"]
)
def test_header_only_files_give_zero_figures(tmp_path: Path, delimiter: str, bom: bool, newline: str) -> None:
    versions = write(tmp_path, delimiter.join(VERSION_NAMES) + newline, bom=bom)
    evaluations = write(tmp_path, delimiter.join(EVALUATION_NAMES) + newline, "evaluations.csv", bom=bom)
    inputs = load_inputs(versions, evaluations)
    assert (len(inputs.versions), len(inputs.evaluations), inputs.version_rows_read) == (0, 0, 0)
    assert inputs.warnings == []
    assert compute(inputs, Period.year(2024)) == ZERO_FIGURES


def test_a_header_only_versions_file_without_evaluations_gives_zero_figures(tmp_path: Path) -> None:
    inputs = load_inputs(write(tmp_path, ",".join(REQUIRED_VERSION_COLUMNS) + "\n"))
    assert compute(inputs, Period.year(2024)) == ZERO_FIGURES


def test_a_header_only_file_without_final_newline_gives_zero_figures(tmp_path: Path) -> None:
    inputs = load_inputs(write(tmp_path, ",".join(VERSION_NAMES)))
    assert compute(inputs, Period.year(2024)) == ZERO_FIGURES


def test_rows_with_too_many_or_too_few_fields_are_named_and_later_rows_keep_their_numbers(tmp_path: Path) -> None:
    lines = csv_text(
        [
            row(),
            row(contract_id="C2"),
            row(contract_id="C3", kind="opleiding"),
            row(contract_id="C4"),
            row(contract_id="C5"),
            row(contract_id="C6", version="x"),
        ],
        VERSION_NAMES,
    ).splitlines()
    lines[2] += ",extra"  # row 3: 18 fields
    lines[4] = ",".join(lines[4].split(",")[:3])  # row 5: 3 fields
    path = write(tmp_path, "\n".join(lines) + "\n")
    assert where(refusal(path)) == [
        ("versions.csv", 3, None, "this row has 18 fields where the header has 17"),
        ("versions.csv", 4, "kind", f"'opleiding' {NOT_A_KIND}"),
        ("versions.csv", 5, None, "this row has 3 fields where the header has 17"),
        ("versions.csv", 7, "version", "'x' is not a whole number of at least 1"),
    ]
    raw = read_table(path, VERSIONS)
    assert raw.rows.tolist() == [2, 4, 6, 7]
    assert raw.rows_read == 6


def test_row_numbers_stay_right_in_a_file_read_in_several_blocks(tmp_path: Path) -> None:
    rows = [row(contract_id=f"C{number}") for number in range(20_000)]  # about 2 MB: pyarrow reads blocks of 1 MB
    rows[15_000]["kind"] = "?"
    lines = csv_text(rows, VERSION_NAMES, ";").splitlines()
    lines[9_001] += ";x"  # row 9002
    lines[12_001] = "C;1"  # row 12002
    path = write(tmp_path, "\n".join(lines) + "\n", bom=True)
    assert path.stat().st_size > 1024 * 1024
    assert where(refusal(path)) == [
        ("versions.csv", 9_002, None, "this row has 18 fields where the header has 17"),
        ("versions.csv", 12_002, None, "this row has 2 fields where the header has 17"),
        ("versions.csv", 15_002, "kind", f"'?' {NOT_A_KIND}"),
    ]


def test_a_value_across_lines_is_one_row_as_in_a_spreadsheet(tmp_path: Path) -> None:
    path = write(tmp_path, csv_text([row(social_worker="An Peeters\n(team 2)"), row(contract_id="C2", kind="?")]))
    problems = refusal(path)
    assert where(problems) == [("versions.csv", 3, "kind", f"'?' {NOT_A_KIND}")]


def test_a_file_that_is_not_utf8_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    text = csv_text([row(social_worker="Séverine Lefèvre")], delimiter=";")
    path = write(tmp_path, text.encode("latin-1"))
    assert refusal(path) == [TableProblem(str(path), None, None, 'the file is not UTF-8 text; save it as "CSV UTF-8"')]


def test_an_evaluations_file_that_is_not_utf8_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    evaluations = write(tmp_path, csv_text([{**EVALUATION, "contract_id": "Cé"}]).encode("cp1252"), "evaluations.csv")
    assert refusal(versions_file(tmp_path), evaluations) == [
        TableProblem(str(evaluations), None, None, 'the file is not UTF-8 text; save it as "CSV UTF-8"')
    ]


# Dates.


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-03-01", dt.date(2024, 3, 1)),
        ("01/03/2024", dt.date(2024, 3, 1)),
        ("1/3/2024", dt.date(2024, 3, 1)),
        ("29/02/2024", dt.date(2024, 2, 29)),
        ("2024-02-29", dt.date(2024, 2, 29)),
        ("31/12/2024", dt.date(2024, 12, 31)),
        ("  1/03/2024 ", dt.date(2024, 3, 1)),
    ],
)
def test_dates_iso_or_belgian_are_read(tmp_path: Path, text: str, day: dt.date) -> None:
    assert parsed_value(tmp_path, "signed_on", text) == pd.Timestamp(day)


@pytest.mark.parametrize(
    "text",
    ["30/02/2024", "2023-02-29", "29/02/2023", "31/04/2024", "2024-3-1", "2024-13-01", "01-03-2024", "1/3/24",
     "2024/03/01", "2024-03-01T00:00", "volgende week"],
)  # fmt: skip
def test_impossible_or_unknown_dates_are_refused(tmp_path: Path, text: str) -> None:
    problem = only_problem(tmp_path, signed_on=text)
    assert problem.column == "signed_on"
    assert problem.message == day_problem(text.strip())


def test_an_empty_optional_date_is_no_date(tmp_path: Path) -> None:
    assert pd.isna(parsed_value(tmp_path, "closed_on", ""))
    assert pd.isna(parsed_value(tmp_path, "signed_on", "  "))


def test_an_empty_required_date_is_refused_as_required(tmp_path: Path) -> None:
    assert only_problem(tmp_path, start_date="").message == "empty; this column is required"


def test_an_evaluation_date_is_checked_too(tmp_path: Path) -> None:
    problem = evaluation_problem(tmp_path, evaluated_on="29/02/2023")
    assert (problem.column, problem.message) == (
        "evaluated_on",
        day_problem("29/02/2023"),
    )


# Booleans.

YES = ["true", "True", "TRUE", "1", "yes", "Yes", "YES", "ja", "Ja", "JA", "oui", "Oui", "OUI"]
NO = ["false", "False", "FALSE", "0", "no", "No", "NO", "nee", "Nee", "NEE", "non", "Non", "NON", "", "  "]


@pytest.mark.parametrize(("text", "value"), [(text, True) for text in YES] + [(text, False) for text in NO])
def test_every_boolean_form_in_any_case(tmp_path: Path, text: str, value: bool) -> None:
    read = parsed_value(tmp_path, "extra_support", text)
    assert isinstance(read, np.bool_)
    assert read == value


@pytest.mark.parametrize("flag", ["training", "studies", "community_service", "extra_support"])
@pytest.mark.parametrize("text", ["misschien", "y", "2", "vrai"])
def test_another_boolean_value_is_refused(tmp_path: Path, flag: str, text: str) -> None:
    problem = only_problem(tmp_path, **{flag: text})
    assert (problem.column, problem.message) == (
        flag,
        f"{text!r} {NOT_YES_NO}",
    )


# Version numbers.


@pytest.mark.parametrize("text", ["0", "-1", "1.5", "abc", "1e3", "9999999999"])
def test_a_version_that_is_not_a_whole_number_of_at_least_1_is_refused(tmp_path: Path, text: str) -> None:
    problem = only_problem(tmp_path, version=text)
    assert (problem.column, problem.message) == ("version", f"{text!r} is not a whole number of at least 1")


@pytest.mark.parametrize(("text", "value"), [("3", 3), (" 3 ", 3), ("03", 3), ("1", 1)])
def test_a_whole_version_number_is_read(tmp_path: Path, text: str, value: int) -> None:
    assert parsed_value(tmp_path, "version", text) == value


def test_a_version_with_a_plus_sign_is_read_as_its_number(tmp_path: Path) -> None:
    assert load_inputs(versions_file(tmp_path, row(version="+3"))).versions["version"].tolist() == [3]


def test_a_version_with_two_signs_is_refused(tmp_path: Path) -> None:
    assert only_problem(tmp_path, version="++3").message == "'++3' is not a whole number of at least 1"


def test_an_empty_version_is_refused_as_required(tmp_path: Path) -> None:
    assert only_problem(tmp_path, version="").message == "empty; this column is required"


# INSZ/BIS numbers.


@pytest.mark.parametrize(
    "written",
    ["85.07.30-033.28", "85-07-30-033-28", "85 07 30 033 28", "850730-033.28", " 85073003328 ", "85073003328"],
)
def test_an_insz_may_hold_dots_dashes_and_spaces(tmp_path: Path, written: str) -> None:
    assert parsed_value(tmp_path, "ssin", written) == int(ANN)


def test_one_person_written_in_two_ways_is_one_beneficiary(tmp_path: Path) -> None:
    path = versions_file(tmp_path, row(), row(contract_id="C2", ssin="85.07.30-033.28"))
    assert compute(load_inputs(path), Period.year(2024))["beneficiaries"]["total"] == 1


@pytest.mark.parametrize("number", [BIS_GENDER_KNOWN, BIS_GENDER_UNKNOWN, YOUNG])
def test_bis_numbers_and_numbers_of_births_from_2000_are_accepted(tmp_path: Path, number: str) -> None:
    assert parsed_value(tmp_path, "ssin", number) == int(number)


@pytest.mark.parametrize("text", [ANN + "0", "8507300332X", "85/07/30/033/28", "8507300"])
def test_an_insz_that_is_not_11_digits_is_refused(tmp_path: Path, text: str) -> None:
    problem = only_problem(tmp_path, ssin=text)
    assert (problem.column, problem.message) == (
        "ssin",
        f"{text!r} is not an INSZ/BIS number: 11 digits (dots, dashes and spaces allowed)",
    )


@pytest.mark.parametrize(("text", "padded"), [(ANN[:10], "0" + ANN[:10]), ("85.07.30-033", "00850730033")])
def test_a_number_of_8_to_10_digits_whose_zeros_do_not_make_an_insz_is_refused(
    tmp_path: Path, text: str, padded: str
) -> None:
    problem = only_problem(tmp_path, ssin=text)
    digits = len(padded.lstrip("0"))
    assert (problem.column, problem.message) == (
        "ssin",
        f"{text!r} has {digits} digits: an INSZ/BIS number has 11, and with zeros in front ({padded}) it is not a "
        "valid one either",
    )


@pytest.mark.parametrize(
    ("number", "kind"),
    [(ANN, "INSZ/NISS"), (YOUNG, "INSZ/NISS"), (BIS_GENDER_KNOWN, "BIS"), (BIS_GENDER_UNKNOWN, "BIS")],
)
def test_wrong_check_digits_are_refused_with_stdnums_verdict(tmp_path: Path, number: str, kind: str) -> None:
    wrong = number[:9] + f"{(int(number[9:]) + 1) % 100:02d}"
    dotted = f"{wrong[:2]}.{wrong[2:4]}.{wrong[4:6]}-{wrong[6:9]}.{wrong[9:]}"
    problem = only_problem(tmp_path, ssin=dotted)
    assert problem.column == "ssin"
    assert problem.message == str(ssin.problem(wrong))
    assert problem.message.startswith(f"{kind} number {ssin.format(wrong)} has wrong check digits")


def test_an_insz_without_a_possible_birth_date_is_refused(tmp_path: Path) -> None:
    impossible = ssin_with("851330033")  # month 13
    problem = only_problem(tmp_path, ssin=impossible)
    assert problem.column == "ssin"
    assert (
        problem.message
        == f"INSZ/NISS number {ssin.format(impossible)} does not hold a possible birth date: check its first six digits"
    )


def test_every_row_of_a_wrong_number_is_named(tmp_path: Path) -> None:
    wrong = ANN[:9] + "00"
    path = versions_file(
        tmp_path, row(ssin=wrong), row(contract_id="C2"), row(contract_id="C3", ssin=wrong[:6] + " " + wrong[6:])
    )
    assert [(problem.row, problem.column) for problem in refusal(path)] == [(2, "ssin"), (4, "ssin")]


# NIS codes.


@pytest.mark.parametrize("column", ["residence_nis", "ocmw_nis"])
@pytest.mark.parametrize("text", ["4402", "440210", "4402a", "44.021"])
def test_a_nis_code_is_5_digits(tmp_path: Path, column: str, text: str) -> None:
    problem = only_problem(tmp_path, **{column: text})
    assert (problem.column, problem.message) == (column, f"{text!r} is not a NIS code: 5 digits")


def test_an_empty_residence_nis_is_accepted_and_an_empty_ocmw_nis_refused(tmp_path: Path) -> None:
    assert parsed_value(tmp_path, "residence_nis", "") == ""
    assert parsed_value(tmp_path, "residence_nis", " 44013 ") == "44013"
    problem = only_problem(tmp_path, ocmw_nis="")
    assert (problem.column, problem.message) == ("ocmw_nis", "empty; this column is required")


# Choices.


@pytest.mark.parametrize(
    ("column", "text", "value"),
    [("kind", "Training", "training"), ("kind", "COMMUNITY_SERVICE", "community_service"),
     ("kind", " Studies ", "studies"), ("gender", "m", "M"), ("gender", "f", "F"), ("gender", "x", "X"),
     ("gender", "", "")],
)  # fmt: skip
def test_version_choices_are_read_without_regard_to_case(tmp_path: Path, column: str, text: str, value: str) -> None:
    assert parsed_value(tmp_path, column, text) == value


@pytest.mark.parametrize(
    ("column", "text", "allowed"),
    [("kind", "opleiding", "general, studies, training, community_service"), ("gender", "V", "M, F, X"),
     ("gender", "male", "M, F, X")],
)  # fmt: skip
def test_an_unknown_version_choice_is_refused_with_the_allowed_values(
    tmp_path: Path, column: str, text: str, allowed: str
) -> None:
    problem = only_problem(tmp_path, **{column: text})
    assert (problem.column, problem.message) == (column, f"{text!r} is not one of: {allowed}")


def test_evaluation_choices_are_read_without_regard_to_case(tmp_path: Path) -> None:
    evaluations = write(
        tmp_path,
        csv_text(
            [{**EVALUATION, "kind": "Final", "outcome": "Partially_Reached"}, {**EVALUATION, "kind": "INTERMEDIATE"}]
        ),
        "evaluations.csv",
    )
    read = load_inputs(versions_file(tmp_path), evaluations).evaluations
    assert read[["kind", "outcome"]].astype(str).values.tolist() == [
        ["final", "partially_reached"],
        ["intermediate", ""],
    ]


@pytest.mark.parametrize(
    ("column", "text", "allowed"),
    [("kind", "eindevaluatie", "intermediate, final"), ("outcome", "goed", "reached, partially_reached, not_reached")],
)
def test_an_unknown_evaluation_choice_is_refused_with_the_allowed_values(
    tmp_path: Path, column: str, text: str, allowed: str
) -> None:
    problem = evaluation_problem(tmp_path, **{"kind": "final", "outcome": "reached", column: text})
    assert (problem.column, problem.message) == (column, f"{text!r} is not one of: {allowed}")


def test_a_final_evaluation_needs_its_outcome(tmp_path: Path) -> None:
    problem = evaluation_problem(tmp_path, kind="final", outcome="")
    assert (problem.column, problem.message) == (
        "outcome",
        NO_OUTCOME,
    )


# Required values.


@pytest.mark.parametrize("column", REQUIRED_VERSION_COLUMNS)
def test_a_required_version_value_may_not_be_empty(tmp_path: Path, column: str) -> None:
    problem = only_problem(tmp_path, **{column: "   "})
    assert (problem.column, problem.message) == (column, "empty; this column is required")


@pytest.mark.parametrize("column", REQUIRED_EVALUATION_COLUMNS)
def test_a_required_evaluation_value_may_not_be_empty(tmp_path: Path, column: str) -> None:
    problem = evaluation_problem(tmp_path, **{column: ""})
    assert (problem.column, problem.message) == (column, "empty; this column is required")


# XLSX.


def test_a_workbook_gives_the_same_frame_as_the_equivalent_csv(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Contract_ID", " version ", *VERSION_NAMES[2:], "opmerking"])
    sheet.append(["C1", 1, dt.datetime(2024, 1, 20), "85.07.30-033.28", "F", dt.date(1985, 7, 30), 44021, 44021,
                  "sw1", dt.date(2024, 2, 1), dt.datetime(2024, 7, 31), None, "General", True, False, None, 1,
                  "eerste versie"])  # fmt: skip
    sheet.append([])  # an empty row: skipped, the rows after it keep the sheet's numbers
    sheet.append(["C2", 2.0, None, YOUNG, None, None, None, "44021", "sw2", dt.date(2024, 3, 1),
                  dt.date(2025, 2, 28), dt.date(2024, 12, 31), "studies", None, "ja", True, False])  # fmt: skip
    book.save(tmp_path / "versions.xlsx")
    from_sheet = load_inputs(tmp_path / "versions.xlsx").versions
    equivalent = [
        row(ssin="85.07.30-033.28", birth_date="30/07/1985", training="true", studies="false", extra_support="1"),
        row(contract_id="C2", version="2", signed_on="", ssin=YOUNG, gender="", birth_date="", residence_nis="",
            social_worker="sw2", start_date="01/03/2024", end_date="2025-02-28", closed_on="31/12/2024",
            kind="studies", studies="ja", community_service="true", extra_support="false"),
    ]  # fmt: skip
    from_csv = load_inputs(write(tmp_path, csv_text(equivalent), bom=True)).versions
    assert from_sheet["row"].tolist() == [2, 4]
    assert from_csv["row"].tolist() == [2, 3]
    pd.testing.assert_frame_equal(from_sheet.drop(columns="row"), from_csv.drop(columns="row"))
    assert from_sheet["version"].tolist() == [1, 2]
    assert from_sheet["ssin"].tolist() == [int(ANN), int(YOUNG)]
    assert from_sheet["ocmw_nis"].tolist() == ["44021", "44021"]
    assert from_sheet["training"].tolist() == [True, False]


def test_a_problem_after_an_empty_sheet_row_names_the_sheets_row(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(VERSION_NAMES)
    sheet.append([BASE[name] for name in VERSION_NAMES])
    for _ in range(3):
        sheet.append([None] * len(VERSION_NAMES))
    sheet.append([" "] * len(VERSION_NAMES))  # blanks only: empty too
    sheet.append([{**BASE, "contract_id": "C2", "kind": "opleiding", "start_date": dt.datetime(2024, 2, 1, 9, 30)}[name]
                  for name in VERSION_NAMES])  # fmt: skip
    path = tmp_path / "versions.xlsx"
    book.save(path)
    assert refusal(path) == [
        TableProblem(str(path), 7, "kind", f"'opleiding' {NOT_A_KIND}"),
        TableProblem(str(path), 7, "start_date", day_problem("2024-02-01T09:30:00")),
    ]


def test_a_header_only_workbook_gives_zero_figures(tmp_path: Path) -> None:
    for names, name in ((VERSION_NAMES, "versions.xlsx"), (EVALUATION_NAMES, "evaluations.xlsx")):
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append([*names, None, "opmerking"])
        book.save(tmp_path / name)
    inputs = load_inputs(tmp_path / "versions.xlsx", tmp_path / "evaluations.xlsx")
    assert compute(inputs, Period.year(2024)) == ZERO_FIGURES


def test_a_workbook_missing_a_required_column_is_refused_on_row_1(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([name for name in VERSION_NAMES if name != "ocmw_nis"])
    path = tmp_path / "versions.xlsx"
    book.save(path)
    assert refusal(path) == [TableProblem(str(path), 1, "ocmw_nis", missing("ocmw_nis"))]


# All problems at once.


def test_all_problems_of_a_file_are_reported_at_once(tmp_path: Path) -> None:
    path = versions_file(
        tmp_path,
        row(version="0", signed_on="30/02/2024"),
        row(contract_id="C2"),
        row(contract_id="C3", ssin=ANN[:9] + "00", gender="V", training="misschien"),
        row(contract_id="C4", ocmw_nis="", start_date="2024-06-01", end_date="2024-05-31"),
        row(contract_id="C5", version="1", end_date="2024-12-31"),
        row(contract_id="C5", version="1", end_date="2025-01-31"),
    )
    assert where(refusal(path)) == [
        ("versions.csv", 2, "signed_on", day_problem("30/02/2024")),
        ("versions.csv", 2, "version", "'0' is not a whole number of at least 1"),
        ("versions.csv", 4, "gender", "'V' is not one of: M, F, X"),
        ("versions.csv", 4, "ssin", str(ssin.problem(ANN[:9] + "00"))),
        ("versions.csv", 4, "training", f"'misschien' {NOT_YES_NO}"),
        ("versions.csv", 5, "end_date", "the period ends on 31/05/2024, before it begins on 01/06/2024: its last day "
                                         "is on or after its first"),
        ("versions.csv", 5, "ocmw_nis", "empty; this column is required"),
        ("versions.csv", 7, "end_date",
         "rows 6, 7 are all version 1 of contract C5 but differ in end_date; keep one of them"),
    ]  # fmt: skip


def test_rows_equal_once_parsed_are_copies_and_not_a_conflict(tmp_path: Path) -> None:
    belgian = row(
        signed_on="20/01/2024",
        birth_date="30/7/1985",
        start_date="01/02/2024",
        end_date="31/07/2024",
        ssin="85.07.30-033.28",
        kind="GENERAL",
        gender="f",
        training="nee",
        studies="0",
        extra_support="no",
    )
    inputs = load_inputs(versions_file(tmp_path, row(), belgian))
    assert inputs.versions["row"].tolist() == [2]
    assert inputs.version_rows_read == 2


def test_problems_of_both_files_come_in_one_refusal(tmp_path: Path) -> None:
    versions = versions_file(tmp_path, row(version="abc"), row(contract_id="C2", residence_nis="4402"))
    evaluations = write(
        tmp_path,
        csv_text([
            EVALUATION,
            {**EVALUATION, "evaluated_on": "2024-3-1"},
            {**EVALUATION, "kind": "final", "outcome": ""},
        ]),
        "evaluations.csv",
    )  # fmt: skip
    assert where(refusal(versions, evaluations)) == [
        ("evaluations.csv", 3, "evaluated_on", day_problem("2024-3-1")),
        ("evaluations.csv", 4, "outcome", NO_OUTCOME),
        ("versions.csv", 2, "version", "'abc' is not a whole number of at least 1"),
        ("versions.csv", 3, "residence_nis", "'4402' is not a NIS code: 5 digits"),
    ]  # fmt: skip


def test_a_file_problem_of_one_file_comes_with_the_value_problems_of_the_other(tmp_path: Path) -> None:
    versions = versions_file(tmp_path, row(kind="?"))
    evaluations = write(tmp_path, "contract_id,kind\nC1,final\n", "evaluations.csv")
    assert where(refusal(versions, evaluations)) == [
        ("evaluations.csv", 1, "evaluated_on", missing("evaluated_on")),
        ("versions.csv", 2, "kind", f"'?' {NOT_A_KIND}"),
    ]
    empty_versions = write(tmp_path, b"", "empty.csv")
    bad_evaluations = write(tmp_path, csv_text([{**EVALUATION, "kind": "eind"}]), "evaluations.csv")
    assert where(refusal(empty_versions, bad_evaluations)) == [
        ("empty.csv", 1, None, "the file is empty: expected a header row"),
        ("evaluations.csv", 2, "kind", "'eind' is not one of: intermediate, final"),
    ]


def test_parse_table_reports_every_problem_of_a_raw_table(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        csv_text([{**EVALUATION, "evaluated_on": "x"}, EVALUATION, {**EVALUATION, "contract_id": "", "kind": "?"}]),
        "evaluations.csv",
    )
    parsed = parse_table(read_table(path, EVALUATIONS), EVALUATIONS)
    assert sorted(where(parsed.problems)) == [
        ("evaluations.csv", 2, "evaluated_on", day_problem("x")),
        ("evaluations.csv", 4, "contract_id", "empty; this column is required"),
        ("evaluations.csv", 4, "kind", "'?' is not one of: intermediate, final"),
    ]
    assert parsed.frame["row"].tolist() == [2, 3, 4]


def test_valid_inputs_load_with_their_rows(tmp_path: Path) -> None:
    inputs = load_inputs(versions_file(tmp_path, row(), row(contract_id="C2")))
    assert isinstance(inputs, Inputs)
    assert inputs.versions["row"].tolist() == [2, 3]
    assert inputs.version_rows_read == 2


def test_an_insz_starting_with_zero_keeps_its_digits(tmp_path: Path) -> None:
    assert ssin_text(pd.Series([parsed_value(tmp_path, "ssin", YOUNG)])).tolist() == [YOUNG]


def test_a_file_that_is_no_workbook_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, b"PK\x03\x04 not really a zip", "versions.xlsx")
    problems = refusal(path)
    assert len(problems) == 1
    assert problems[0].message.startswith("the file cannot be read as an XLSX workbook")
