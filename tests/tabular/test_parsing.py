"""Parsing the cells of a table (``tabular.parsing``), on the GPMI exports: dates ISO or Belgian, yes/no in
three languages, whole numbers, INSZ/BIS numbers as they are written, NIS codes, choices and required
values, each at its boundaries and each refusal with its row, column and sentence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gpmi_stats.columns import EVALUATIONS
from gpmi_stats.inputs import load_inputs
from tabular.parsing import parse_table, ssin_text
from tabular.reading import read_table
from tests.gpmi_exports import (
    ANN,
    BIS_GENDER_KNOWN,
    BIS_GENDER_UNKNOWN,
    EVALUATION,
    NOT_YES_NO,
    REQUIRED_EVALUATION_COLUMNS,
    REQUIRED_VERSION_COLUMNS,
    YOUNG,
    csv_text,
    day_problem,
    evaluation_problem,
    only_problem,
    parsed_value,
    row,
    versions_file,
    where,
    write,
)

# Dates


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


# Booleans

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


# Whole numbers: the version


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


# INSZ/BIS numbers


@pytest.mark.parametrize(
    "written",
    ["85.07.30-033.28", "85-07-30-033-28", "85 07 30 033 28", "850730-033.28", " 85073003328 ", "85073003328"],
)
def test_an_insz_may_hold_dots_dashes_and_spaces(tmp_path: Path, written: str) -> None:
    assert parsed_value(tmp_path, "ssin", written) == int(ANN)


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


def test_an_insz_starting_with_zero_keeps_its_digits(tmp_path: Path) -> None:
    assert ssin_text(pd.Series([parsed_value(tmp_path, "ssin", YOUNG)])).tolist() == [YOUNG]


# NIS codes


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


# Choices


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


# Required values


@pytest.mark.parametrize("column", REQUIRED_VERSION_COLUMNS)
def test_a_required_version_value_may_not_be_empty(tmp_path: Path, column: str) -> None:
    problem = only_problem(tmp_path, **{column: "   "})
    assert (problem.column, problem.message) == (column, "empty; this column is required")


@pytest.mark.parametrize("column", REQUIRED_EVALUATION_COLUMNS)
def test_a_required_evaluation_value_may_not_be_empty(tmp_path: Path, column: str) -> None:
    problem = evaluation_problem(tmp_path, **{column: ""})
    assert (problem.column, problem.message) == (column, "empty; this column is required")


# Every problem of a table


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
