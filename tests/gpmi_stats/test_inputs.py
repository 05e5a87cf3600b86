"""The two GPMI exports read as a whole by the statistics (``gpmi_stats.inputs``): the figures of exports
without rows, the finish without a ``closed_on`` column, the INSZ check digits (python-stdnum's verdict),
copies dropped and conflicting versions refused, the rules that span columns, and all problems of both
files in one refusal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from pandas.testing import assert_frame_equal

from gpmi_stats.figures import compute
from gpmi_stats.inputs import Inputs, load_inputs
from gpmi_stats.period import Period
from gpmi_stats.reading import begin_reading
from ground import ssin
from tabular.problems import InvalidFiles
from tabular.reader import TableReader
from tests.conftest import FIXTURES, ssin_with
from tests.gpmi_exports import (
    ANN,
    BIS_GENDER_KNOWN,
    BIS_GENDER_UNKNOWN,
    EVALUATION,
    EVALUATION_NAMES,
    NO_OUTCOME,
    NOT_A_KIND,
    NOT_YES_NO,
    REQUIRED_VERSION_COLUMNS,
    VERSION_NAMES,
    YOUNG,
    csv_text,
    day_problem,
    evaluation_problem,
    missing,
    only_problem,
    refusal,
    row,
    versions_file,
    where,
    write,
)

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


def test_without_a_closed_on_column_the_planned_end_is_the_finish(tmp_path: Path) -> None:
    names = [name for name in VERSION_NAMES if name != "closed_on"]
    figures = compute(load_inputs(write(tmp_path, csv_text([row()], names))), Period.year(2024))
    assert figures["projects"] == {"total": 1, "started": 1, "running": 0, "closed": 1}


@pytest.mark.parametrize(
    ("delimiter", "bom", "newline"), [(",", False, "\n"), (";", True, "\r\n")], ids=["international", "belgian"]
)
def test_header_only_files_give_zero_figures(tmp_path: Path, delimiter: str, bom: bool, newline: str) -> None:
    versions = write(tmp_path, delimiter.join(VERSION_NAMES) + newline, bom=bom)
    evaluations = write(tmp_path, delimiter.join(EVALUATION_NAMES) + newline, "evaluations.csv", bom=bom)
    inputs = load_inputs(versions, evaluations)
    assert (len(inputs.versions), len(inputs.evaluations), inputs.version_rows_read) == (0, 0, 0)
    assert inputs.said() == [f"{path}: the table has no rows below its header" for path in (versions, evaluations)]
    assert compute(inputs, Period.year(2024)) == ZERO_FIGURES


def test_a_header_only_versions_file_without_evaluations_gives_zero_figures(tmp_path: Path) -> None:
    inputs = load_inputs(write(tmp_path, ",".join(REQUIRED_VERSION_COLUMNS) + "\n"))
    assert compute(inputs, Period.year(2024)) == ZERO_FIGURES


def test_a_header_only_file_without_final_newline_gives_zero_figures(tmp_path: Path) -> None:
    inputs = load_inputs(write(tmp_path, ",".join(VERSION_NAMES)))
    assert compute(inputs, Period.year(2024)) == ZERO_FIGURES


def test_a_header_only_workbook_gives_zero_figures(tmp_path: Path) -> None:
    for names, name in ((VERSION_NAMES, "versions.xlsx"), (EVALUATION_NAMES, "evaluations.xlsx")):
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append([*names, None, "opmerking"])
        book.save(tmp_path / name)
    inputs = load_inputs(tmp_path / "versions.xlsx", tmp_path / "evaluations.xlsx")
    assert compute(inputs, Period.year(2024)) == ZERO_FIGURES


def test_valid_inputs_load_with_their_rows(tmp_path: Path) -> None:
    inputs = load_inputs(versions_file(tmp_path, row(), row(contract_id="C2")))
    assert isinstance(inputs, Inputs)
    assert inputs.versions["row"].tolist() == [2, 3]
    assert inputs.version_rows_read == 2


@pytest.mark.parametrize("folder", [FIXTURES / "gpmi", FIXTURES / "gpmi" / "invalid"])
def test_a_reading_of_the_versions_begun_before_gives_what_a_reading_then_gives(folder: Path) -> None:
    """``ocmw stats`` begins reading the versions before it imports the statistics' code: the
    inputs, or the problems, are the same."""
    versions, evaluations = folder / "versions.csv", folder / "evaluations.csv"

    def loaded(begun: bool) -> Inputs | list[str]:
        reader = TableReader()
        try:
            return load_inputs(
                versions, evaluations, reader, versions_begun=begin_reading(versions, reader) if begun else None
            )
        except InvalidFiles as invalid:
            return [problem.format() for problem in invalid.problems]

    then, before = loaded(begun=False), loaded(begun=True)
    if isinstance(then, Inputs):
        assert isinstance(before, Inputs)
        assert_frame_equal(before.versions, then.versions)
        assert_frame_equal(before.evaluations, then.evaluations)
        assert (before.version_rows_read, before.said()) == (then.version_rows_read, then.said())
    else:
        assert then and before == then


def test_a_reading_begun_is_handed_over_once() -> None:
    begun = begin_reading(FIXTURES / "gpmi" / "versions.csv", TableReader())
    assert begun.take().raw is not None
    with pytest.raises(RuntimeError):
        begun.take()


# INSZ/BIS numbers: one person, and the check digits


def test_one_person_written_in_two_ways_is_one_beneficiary(tmp_path: Path) -> None:
    path = versions_file(tmp_path, row(), row(contract_id="C2", ssin="85.07.30-033.28"))
    assert compute(load_inputs(path), Period.year(2024))["beneficiaries"]["total"] == 1


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
    assert [(problem.rows, problem.column) for problem in refusal(path)] == [((2, 4), "ssin")]  # said once


def test_digits_of_another_script_are_one_problem_of_their_own_row(tmp_path: Path) -> None:
    arabic_indic = "".join(chr(0x0660 + int(digit)) for digit in ANN)  # the same number in other digits
    path = versions_file(tmp_path, row(), row(contract_id="C2", ssin=arabic_indic))
    assert [(problem.row, problem.column, problem.message) for problem in refusal(path)] == [
        (3, "ssin", f"'{arabic_indic}' is not an INSZ/BIS number: 11 digits (dots, dashes and spaces allowed)")
    ]


def test_a_number_of_zeros_does_not_add_a_problem_to_rows_whose_insz_is_no_number(tmp_path: Path) -> None:
    """A text that is no number of 11 digits is kept as 0, as ``00000000000`` is: each row has its own problem."""
    path = versions_file(tmp_path, row(ssin="850730O3328"), row(contract_id="C2", ssin="00000000000"))
    assert [(problem.row, problem.message) for problem in refusal(path)] == [
        (2, "'850730O3328' is not an INSZ/BIS number: 11 digits (dots, dashes and spaces allowed)"),
        (3, str(ssin.problem("00000000000"))),
    ]


# Rules across columns and rows


@pytest.mark.parametrize(
    ("column", "day"),
    [
        ("birth_date", "1900-01-01"),
        ("start_date", "1900-01-01"),
        ("end_date", "2200-12-31"),
        ("closed_on", "2024-02-01"),
    ],
)
def test_days_at_the_edges_of_what_a_table_may_hold_are_read(tmp_path: Path, column: str, day: str) -> None:
    load_inputs(versions_file(tmp_path, row(**{column: day})))


def test_a_birth_date_of_today_is_read_and_one_of_tomorrow_refused(tmp_path: Path) -> None:
    today = dt.date.today()
    load_inputs(versions_file(tmp_path, row(birth_date=today.isoformat())))
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    problem = only_problem(tmp_path, birth_date=tomorrow)
    assert (problem.column, problem.message) == (
        "birth_date",
        f"'{tomorrow}' is after today: a birth date lies in the past",
    )


@pytest.mark.parametrize(
    ("column", "day"), [("birth_date", "31/12/1899"), ("signed_on", "01/01/0024"), ("end_date", "01/01/2201")]
)
def test_a_day_whose_year_cannot_be_meant_is_refused(tmp_path: Path, column: str, day: str) -> None:
    problem = only_problem(tmp_path, **{column: day})
    last = "today" if column == "birth_date" else "31/12/2200"
    assert (problem.column, problem.message) == (
        column,
        f"'{day}' is not a day from 01/01/1900 to {last}: check its year",
    )


@pytest.mark.parametrize("day", ["0000-01-01", "01/01/0000"])
def test_a_day_of_the_year_0_is_no_day(tmp_path: Path, day: str) -> None:
    problem = only_problem(tmp_path, birth_date=day)
    assert problem.message.startswith(f"'{day}' is not a day: write it as DD/MM/YYYY")


def test_a_long_wrong_value_over_several_lines_is_cut_too(tmp_path: Path) -> None:
    value = "general\n" + "x" * 100  # what a quote never closed makes of the lines after it
    problem = only_problem(tmp_path, kind=value)
    assert problem.message == f"{value[:60] + '…'!r} is not one of: general, studies, training, community_service"


def test_a_contract_closed_before_it_starts_is_refused(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, closed_on="2024-01-31")
    assert (problem.column, problem.message) == (
        "closed_on",
        "the contract is closed on 31/01/2024, before it starts on 01/02/2024: check both days",
    )


def test_a_final_evaluation_needs_its_outcome(tmp_path: Path) -> None:
    problem = evaluation_problem(tmp_path, kind="final", outcome="")
    assert (problem.column, problem.message) == (
        "outcome",
        NO_OUTCOME,
    )


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


# All problems at once


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
