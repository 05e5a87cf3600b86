"""The mapping file read directly (``tabular.choices``): several headers may hold one column, each header
once whatever its spelling, the column named in any case, and a file that cannot be read is one problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabular.choices import load_choices, read_mapping
from tabular.problems import InvalidFiles
from tests.spreadsheets import mapping


def test_the_headers_of_two_programs_may_hold_one_column(tmp_path: Path) -> None:
    path = mapping(tmp_path, '"Nr. GPMI" = "contract_id"\n"Contract" = "contract_id"\n')
    assert read_mapping(path) == {"nr gpmi": "contract_id", "contract": "contract_id"}


def test_one_header_written_twice_for_the_same_column_is_kept_once(tmp_path: Path) -> None:
    path = mapping(tmp_path, '"Nr. GPMI" = "contract_id"\n"nr gpmi" = "contract_id"\n')
    assert read_mapping(path) == {"nr gpmi": "contract_id"}


def test_the_column_is_named_in_any_case_with_spaces_around_it(tmp_path: Path) -> None:
    assert read_mapping(mapping(tmp_path, 'Rijksregister = " SSIN "\n')) == {"rijksregister": "ssin"}


def test_a_mapping_file_that_cannot_be_read_is_one_problem_saying_why(tmp_path: Path) -> None:
    with pytest.raises(InvalidFiles) as refused:
        load_choices((), tmp_path)
    [problem] = refused.value.problems
    assert (problem.file, problem.row, problem.column) == (str(tmp_path), None, None)
    assert problem.message.startswith("the file cannot be read: ")


def test_without_a_mapping_file_only_the_sheets_are_chosen() -> None:
    choices = load_choices(("GPMI",))
    assert (choices.sheets, dict(choices.columns)) == (("GPMI",), {})
