"""Which row is a table's header and which header names which column (``tabular.headers``,
``tabular.column_names``): the first row naming every required column, else the row naming the most; the
mapping file's names before the table's own; headers compared without regard to case, accents and the
punctuation between their words, but not to their words."""

from __future__ import annotations

import pytest

from tabular.column_names import header_key, names_of
from tabular.columns import Column, TableSpec, Type
from tabular.headers import HEADER_ROWS, HeaderNames, best_row, header_rows

VERSIONS = TableSpec(
    "versions",
    (
        Column("contract_id", Type.TEXT, required=True),
        Column("version", Type.POSITIVE_INTEGER, required=True),
        Column("signed_on", Type.DATE),
    ),
)
NAMES = HeaderNames(VERSIONS, {})


def header_of(*rows: list[str]) -> int | None:
    """The number of the row taken as the header, if any."""
    found = best_row(header_rows(rows, NAMES))
    return found.number if found is not None else None


def test_the_first_row_naming_every_required_column_is_the_header_even_when_a_later_one_names_more() -> None:
    assert header_of(["Export"], ["contract_id", "version"], ["contract_id", "version", "signed_on"]) == 2


def test_without_a_row_naming_every_required_column_the_first_naming_the_most_tells_what_is_missing() -> None:
    rows = header_rows([["contract_id"], ["contract_id", "signed_on"], ["signed_on", "contract_id"]], NAMES)
    best = best_row(rows)
    assert best is not None and (best.number, best.missing) == (2, ["version"])


def test_a_file_whose_rows_name_no_column_has_no_header() -> None:
    assert header_of(["Export"], [], ["nummer", "versienummer 2"]) is None


def test_only_the_first_20_rows_are_searched() -> None:
    notes = [[f"opmerking {number}"] for number in range(HEADER_ROWS - 1)]
    assert header_of(*notes, ["contract_id", "version"]) == HEADER_ROWS
    assert header_of(*notes, ["opmerking"], ["contract_id", "version"]) is None


def test_the_mapping_file_names_a_column_before_the_table_s_own_names() -> None:
    assert NAMES.column("Versie") == "version"
    assert HeaderNames(VERSIONS, {"versie": "contract_id"}).column("Versie") == "contract_id"


def test_a_mapped_column_of_another_table_is_not_one_of_this_table() -> None:
    names = HeaderNames(VERSIONS, {"naam": "last_name", "versie": "contract_id"})
    assert (names.column("naam"), names.column("versie")) == (None, "contract_id")


@pytest.mark.parametrize(
    "written",
    ["Date d'évaluation", "DATE D'EVALUATION", "date_d_evaluation", " date-d-évaluation. ", "date/d (évaluation)"],
)
def test_a_header_is_compared_without_regard_to_case_accents_and_punctuation_between_words(written: str) -> None:
    assert header_key(written) == "date d evaluation"
    assert HeaderNames(TableSpec("evaluations", (Column("evaluated_on", Type.DATE),)), {}).column(written) == (
        "evaluated_on"
    )


def test_the_words_of_a_header_count() -> None:
    assert (NAMES.column("VERSIE"), NAMES.column("Versie 2"), NAMES.column("versies")) == ("version", None, None)


def test_a_column_without_dutch_or_french_names_has_its_own_name_only() -> None:
    assert names_of("a_column_of_no_table") == ("a_column_of_no_table",)
