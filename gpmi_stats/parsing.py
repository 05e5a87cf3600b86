"""Parsing the text of an input table into typed columns, vectorised with pyarrow, every problem
named by file, row and column.

Dates are ISO (``2024-03-01``) or Belgian (``01/03/2024``); booleans ``true/false``, ``1/0``,
``yes/no``, ``ja/nee``, ``oui/non``, empty = false; INSZ/BIS numbers may hold dots, dashes and
spaces; choices are read without regard to case.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from gpmi_stats.columns import Column, TableSpec, Type
from gpmi_stats.problems import TableProblem
from gpmi_stats.reading import RawTable

TRUE = ("true", "1", "yes", "ja", "oui")
FALSE = ("false", "0", "no", "nee", "non", "")

Parsed = tuple[pd.Series, np.ndarray, Callable[[str], str]]
"""Values, the mask of invalid entries, and the sentence for an invalid entry."""


def parse_table(raw: RawTable, spec: TableSpec) -> tuple[pd.DataFrame, list[TableProblem]]:
    """The typed table (with a ``row`` column) and every problem of its values."""
    frame = pd.DataFrame({"row": raw.rows})
    problems = list(raw.problems)
    for column in spec.columns:
        text = _one_chunk(pc.utf8_trim_whitespace(raw.columns[column.name]))
        values, invalid, sentence = _PARSERS[column.type](text, column)
        missing = pc.equal(text, "").to_numpy(zero_copy_only=False) if column.required else None
        if missing is not None:
            invalid = invalid & ~missing
            problems += [
                TableProblem(raw.source, int(row), column.name, "empty; this column is required")
                for row in raw.rows[missing]
            ]
        if invalid.any():
            problems += [
                TableProblem(raw.source, int(row), column.name, sentence(value))
                for row, value in zip(raw.rows[invalid], text.filter(pa.array(invalid)).to_pylist(), strict=True)
            ]
        frame[column.name] = values
    return frame, problems


def _one_chunk(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


def _text(text: pa.Array, column: Column) -> Parsed:
    return _categories(text), np.zeros(len(text), dtype=bool), str


def _positive_integer(text: pa.Array, column: Column) -> Parsed:
    digits = pc.match_substring_regex(text, r"^\+?\d{1,9}$").to_numpy(zero_copy_only=False)
    values = pc.cast(pc.if_else(pa.array(digits), text, "0"), pa.int64()).to_numpy(zero_copy_only=False)
    invalid = ~digits | (values < 1)
    return pd.Series(values), invalid, lambda value: f"{value!r} is not a whole number of at least 1"


def _date(text: pa.Array, column: Column) -> Parsed:
    values = parse_dates(text)
    invalid = values.isna().to_numpy() & pc.not_equal(text, "").to_numpy(zero_copy_only=False)
    return values, invalid, lambda value: f"{value!r} is not an existing date written as 2024-03-01 or 01/03/2024"


def parse_dates(text: pa.Array) -> pd.Series:
    """ISO or Belgian dates; ``NaT`` for an empty, unreadable or impossible date (no 30 February).

    The form of the column's first date is tried first on every row, the other only where it fails.
    """
    first = next((value for value in text.slice(0, 1000).to_pylist() if value), "")
    forms = (_BELGIAN, _ISO) if "/" in first else (_ISO, _BELGIAN)
    dates = _dates_in_form(text, forms[0])
    retry = pc.and_(pc.is_null(dates), pc.not_equal(text, ""))
    if pc.any(retry).as_py():
        dates = pc.replace_with_mask(dates, retry, _dates_in_form(text.filter(retry), forms[1]))
    return pd.Series(dates.to_numpy(zero_copy_only=False).astype("datetime64[s]"))


def _dates_in_form(text: pa.Array, form: tuple[str, Callable[[pa.Array], pa.Array]]) -> pa.Array:
    pattern, day_of = form
    dates = pc.strptime(text, format=pattern, unit="s", error_is_null=True)
    day = pc.cast(pc.if_else(pc.is_valid(dates), day_of(text), "0"), pa.int64())
    kept = pc.fill_null(pc.equal(pc.day(dates), day), False)  # strptime rolls 30 February over to March
    return pc.if_else(kept, dates, pa.scalar(None, dates.type))


_ISO = ("%Y-%m-%d", lambda text: pc.utf8_slice_codeunits(text, -2))
_BELGIAN = ("%d/%m/%Y", lambda text: pc.utf8_rtrim(pc.utf8_slice_codeunits(text, 0, 2), "/"))


def _boolean(text: pa.Array, column: Column) -> Parsed:
    lower = pc.utf8_lower(text)
    values = pc.is_in(lower, pa.array(TRUE)).to_numpy(zero_copy_only=False)
    invalid = ~(values | pc.is_in(lower, pa.array(FALSE)).to_numpy(zero_copy_only=False))
    return (
        pd.Series(values),
        invalid,
        lambda value: f"{value!r} is not a yes/no value: use true/false, 1/0, yes/no, ja/nee or oui/non",
    )


def _choice(text: pa.Array, column: Column) -> Parsed:
    upper = column.choices[0].isupper()
    normal = pc.utf8_upper(text) if upper else pc.utf8_lower(text)
    invalid = ~pc.is_in(normal, pa.array([*column.choices, ""])).to_numpy(zero_copy_only=False)
    return _categories(normal), invalid, lambda value: f"{value!r} is not one of: {', '.join(column.choices)}"


def _nis(text: pa.Array, column: Column) -> Parsed:
    invalid = ~pc.match_substring_regex(text, r"^(\d{5})?$").to_numpy(zero_copy_only=False)
    return _categories(text), invalid, lambda value: f"{value!r} is not a NIS code: 5 digits"


def _ssin(text: pa.Array, column: Column) -> Parsed:
    """Compact numbers of 11 digits; their check digits are ``gpmi_stats.persons``' job."""
    compact = text
    for separator in (".", "-", " "):
        compact = pc.replace_substring(compact, separator, "")
    invalid = ~pc.match_substring_regex(compact, r"^\d{11}$").to_numpy(zero_copy_only=False)
    return (
        _categories(compact),
        invalid,
        lambda value: f"{value!r} is not an INSZ/BIS number: 11 digits (dots, dashes and spaces allowed)",
    )


def _categories(values: pa.Array) -> pd.Series:
    """Text as a pandas categorical: grouping, sorting and matching on codes, not on strings."""
    encoded = values if pa.types.is_dictionary(values.type) else pc.dictionary_encode(values)
    return pd.Series(encoded.to_pandas())


_PARSERS: dict[Type, Callable[[pa.Array, Column], Parsed]] = {
    Type.TEXT: _text,
    Type.POSITIVE_INTEGER: _positive_integer,
    Type.DATE: _date,
    Type.BOOLEAN: _boolean,
    Type.SSIN: _ssin,
    Type.NIS: _nis,
    Type.CHOICE: _choice,
}
