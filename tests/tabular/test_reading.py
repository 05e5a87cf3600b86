"""Reading a table (``tabular.reading``, ``delimited``, ``workbook``, ``headers``), on the GPMI exports: both
CSV dialects with or without BOM, the header's names, missing and repeated columns, empty and broken
files, rows numbered as a spreadsheet numbers them, text that is not UTF-8, and XLSX beside CSV."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from openpyxl import Workbook

from gpmi_stats.columns import VERSIONS
from gpmi_stats.inputs import load_inputs
from tabular.columns import Column, TableSpec, Type
from tabular.delimited import QUOTES_SEARCHED_PER_READ, UNCLOSED
from tabular.parsing import parse_table
from tabular.problems import TableProblem
from tabular.reading import Texts, read_table
from tabular.workbook import DAMAGED
from tests.gpmi_exports import (
    ANN,
    BASE,
    EVALUATION,
    EVALUATION_NAMES,
    NOT_A_KIND,
    REQUIRED_EVALUATION_COLUMNS,
    REQUIRED_VERSION_COLUMNS,
    VERSION_NAMES,
    YOUNG,
    csv_text,
    day_problem,
    missing,
    refusal,
    row,
    versions_file,
    where,
    write,
)


def reference_versions(folder: Path) -> pd.DataFrame:
    rows = [row(), row(contract_id="C2", ssin=YOUNG, gender="", birth_date="", closed_on="2024-05-31", training="ja")]
    return load_inputs(write(folder, csv_text(rows), "reference.csv")).versions


# Dialects, BOM, header names


@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
def test_both_dialects_with_or_without_bom_give_the_same_frame(tmp_path: Path, delimiter: str, bom: bool) -> None:
    rows = [row(), row(contract_id="C2", ssin=YOUNG, gender="", birth_date="", closed_on="2024-05-31", training="ja")]
    path = write(tmp_path, csv_text(rows, delimiter=delimiter), bom=bom)
    versions = load_inputs(path).versions
    pd.testing.assert_frame_equal(versions, reference_versions(tmp_path))
    assert versions["contract_id"].astype(str).tolist() == ["C1", "C2"]  # the BOM is not part of the first name
    assert versions["row"].tolist() == [2, 3]


@pytest.mark.parametrize("newline", ["\r", "\r\n"], ids=["mac", "windows"])
def test_the_line_ends_of_every_system_give_the_same_frame(tmp_path: Path, newline: str) -> None:
    rows = [row(), row(contract_id="C2", ssin=YOUNG, gender="", birth_date="", closed_on="2024-05-31", training="ja")]
    title = "GPMI-export;;;\n"  # a line above the header: the header is found on the right line
    path = write(tmp_path, (title + csv_text(rows, delimiter=";")).replace("\n", newline), bom=True)
    versions = load_inputs(path).versions
    pd.testing.assert_frame_equal(versions.assign(row=versions["row"] - 1), reference_versions(tmp_path))
    assert versions["row"].tolist() == [3, 4]


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


# Empty and broken files


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n", b"\r\n\r\n"], ids=["empty", "bom", "lf", "crlf"])
def test_an_empty_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, content)
    assert refusal(path) == [TableProblem(str(path), 1, None, "the file is empty: expected a header row")]


def test_an_empty_evaluations_file_is_refused_beside_valid_versions(tmp_path: Path) -> None:
    evaluations = write(tmp_path, b"", "evaluations.csv")
    assert refusal(versions_file(tmp_path), evaluations) == [
        TableProblem(str(evaluations), 1, None, "the file is empty: expected a header row")
    ]


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
        ("versions.csv", 3, None, "18 fields where the header has 17"),
        ("versions.csv", 4, "kind", f"'opleiding' {NOT_A_KIND}"),
        ("versions.csv", 5, None, "3 fields where the header has 17"),
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
        ("versions.csv", 9_002, None, "18 fields where the header has 17"),
        ("versions.csv", 12_002, None, "2 fields where the header has 17"),
        ("versions.csv", 15_002, "kind", f"'?' {NOT_A_KIND}"),
    ]


@pytest.mark.parametrize("alone", [True, False])
def test_each_column_read_is_let_go_once_encoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, alone: bool) -> None:
    """What the file's table holds falls column by column while a large file is encoded: the table is
    not kept whole until every column is done (it was, through the reader's result). Alone, the file
    is read into the system allocator and its columns are encoded on every core at once."""
    path = versions_file(tmp_path, *(row(contract_id=f"C{number}", ssin=ANN) for number in range(20_000)))
    pool = pa.system_memory_pool() if alone else pa.default_memory_pool()
    held: list[int] = []
    encode = Texts.of

    def counting(column: pa.ChunkedArray) -> Texts:
        held.append(pool.bytes_allocated())
        return encode(column)

    monkeypatch.setattr(Texts, "of", staticmethod(counting))
    read_table(path, VERSIONS, alone=alone)
    assert held[-1] < held[0] / 2


def test_a_value_across_lines_where_pyarrow_cuts_the_file_into_blocks_is_one_value(tmp_path: Path) -> None:
    """The only quoted value, more than 1 MB below the header, holds the last line break before the
    1 MiB at which pyarrow cuts the file into blocks, and after it a comma: a reading that did not look
    for quotes would cut it into two rows that each look right."""
    notes = TableSpec("notes", (Column("label", Type.TEXT, required=True), Column("note", Type.TEXT)))
    block = 1024 * 1024
    lines: list[str] = []
    written = 0  # kept as it grows: summing the lines at each step takes minutes
    while written + len("x0000000,y\n") + len('q,"a\n') <= block:
        lines.append(f"x{len(lines):07d},y\n")
        written += len(lines[-1])
    lines[0] = lines[0].replace(",y", ",y" + " " * (block - written - len('q,"a\n')))
    below = "".join(lines) + 'q,"a\nb,c"\n' + "z,y\n"
    path = tmp_path / "notes.csv"
    path.write_text("label,note\n" + below, encoding="utf-8")
    assert below.encode().index(b"a\nb,c") + 1 == block - 1
    frame = parse_table(read_table(path, notes), notes).frame
    assert frame["row"].tolist()[-2:] == [len(lines) + 2, len(lines) + 3]
    assert frame["note"].astype(str).tolist()[-2:] == ["a\nb,c", "y"]


def test_a_quote_after_the_first_read_of_the_search_for_quotes_is_found(tmp_path: Path) -> None:
    """The file is searched for quotes in reads of ``QUOTES_SEARCHED_PER_READ`` bytes: the only quoted
    value lies in the second read, its line break the last before a block at which pyarrow cuts the
    file (1 MiB), so that a search of the first read alone would cut it into two rows."""
    notes = TableSpec("notes", (Column("label", Type.TEXT, required=True), Column("note", Type.TEXT)))
    block = 1024 * 1024
    line_break_at = QUOTES_SEARCHED_PER_READ + block - 1
    filler = "x,y\n" * ((line_break_at - len('q,"a')) // len("x,y\n"))
    label = "q" + " " * (line_break_at - len(filler) - len('q,"a'))
    below = f'{filler}{label},"a\nb,c"\nz,y\n'
    assert below.index("\n", len(filler)) == line_break_at and below.index('"') >= QUOTES_SEARCHED_PER_READ
    path = tmp_path / "notes.csv"
    path.write_text("label,note\n" + below, encoding="utf-8")
    frame = parse_table(read_table(path, notes), notes).frame
    assert frame["note"].astype(str).tolist()[-2:] == ["a\nb,c", "y"]


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


# XLSX


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


def test_a_workbook_missing_a_required_column_is_refused_on_row_1(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([name for name in VERSION_NAMES if name != "ocmw_nis"])
    path = tmp_path / "versions.xlsx"
    book.save(path)
    assert refusal(path) == [TableProblem(str(path), 1, "ocmw_nis", missing("ocmw_nis"))]


def test_a_file_that_is_no_workbook_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, b"PK\x03\x04 not really a zip", "versions.xlsx")
    problems = refusal(path)
    assert len(problems) == 1
    assert problems[0].message.startswith("the file cannot be read as an XLSX workbook")


def _with_part(source: Path, name: str, content: bytes, target: Path) -> Path:
    """A copy of the workbook ``source`` with its part ``name`` replaced by ``content``."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            copy.writestr(item, content if item.filename == name else original.read(item.filename))
    return target


def test_a_workbook_with_a_damaged_sheet_is_refused_in_one_sentence(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(VERSION_NAMES))
    book.save(tmp_path / "whole.xlsx")
    path = _with_part(tmp_path / "whole.xlsx", "xl/worksheets/sheet1.xml", b"<worksheet garbage", tmp_path / "v.xlsx")
    assert refusal(path) == [
        TableProblem(str(path), None, None, f"the file cannot be read as an XLSX workbook{DAMAGED}")
    ]


def test_a_workbook_with_a_part_openpyxl_cannot_take_is_refused_in_one_sentence(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(VERSION_NAMES))
    book.create_chartsheet("Chart")
    path = tmp_path / "versions.xlsx"
    book.save(path)  # openpyxl writes a chart sheet that it cannot read back
    assert refusal(path) == [
        TableProblem(str(path), None, None, f"the file cannot be read as an XLSX workbook{DAMAGED}")
    ]


def test_rows_of_separators_only_are_skipped_as_empty_lines_and_the_others_keep_their_numbers(tmp_path: Path) -> None:
    separators = "," * (len(VERSION_NAMES) - 1)
    text = csv_text([row(), row(contract_id="C2")], VERSION_NAMES).splitlines()
    path = write(tmp_path, "\n".join([text[0], text[1], separators, " " + separators, text[2]]) + "\n")
    inputs = load_inputs(path)
    assert inputs.versions["row"].tolist() == [2, 5]
    assert inputs.version_rows_read == 2
    assert inputs.warnings == []


def test_a_row_with_one_value_is_no_blank_row(tmp_path: Path) -> None:
    path = write(tmp_path, csv_text([row(), dict.fromkeys(VERSION_NAMES, "") | {"kind": "general"}], VERSION_NAMES))
    assert {problem.column for problem in refusal(path)} == set(REQUIRED_VERSION_COLUMNS) - {"kind"}


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "versions.csv: the table has no rows below its header"),
        ("nl", "versions.csv: de tabel heeft geen rijen onder zijn kopregel"),
        ("fr", "versions.csv : le tableau n'a aucune ligne sous sa ligne d'en-tête"),
    ],
)
def test_a_table_without_rows_is_read_with_a_warning(tmp_path: Path, lang: str, said: str) -> None:
    path = write(tmp_path, ",".join(VERSION_NAMES) + "\n" + "," * (len(VERSION_NAMES) - 1) + "\n")
    inputs = load_inputs(path)
    assert len(inputs.versions) == 0
    assert [
        Path(warning.file).name + warning.format(lang).removeprefix(warning.file) for warning in inputs.warnings
    ] == [said]


def test_a_row_of_one_field_is_said_in_the_singular(tmp_path: Path) -> None:
    lines = csv_text([row(), row(contract_id="C2")], VERSION_NAMES).splitlines()
    path = write(tmp_path, "\n".join([*lines[:2], "C9", lines[2]]) + "\n")
    assert where(refusal(path)) == [("versions.csv", 3, None, "1 field where the header has 17")]


def test_a_row_cut_short_by_a_quote_never_closed_says_so(tmp_path: Path) -> None:
    lines = csv_text([row(), row(contract_id="C2")], VERSION_NAMES, delimiter=";").splitlines()
    cells = lines[1].split(";")
    cells[8] = '"An Peeters'  # the quote takes the line break and the next row into the social worker's name
    path = write(tmp_path, "\n".join([lines[0], ";".join(cells), lines[2]]) + "\n")
    [problem] = refusal(path)
    assert (problem.row, problem.message) == (2, f"9 fields where the header has 17{UNCLOSED}")


def test_a_row_of_too_few_fields_without_a_quote_says_nothing_of_quotes(tmp_path: Path) -> None:
    lines = csv_text([row(), row(contract_id="C2")], VERSION_NAMES).splitlines()
    path = write(tmp_path, "\n".join([lines[0], ",".join(lines[1].split(",")[:9]), lines[2]]) + "\n")
    assert [problem.message for problem in refusal(path)] == ["9 fields where the header has 17"]
