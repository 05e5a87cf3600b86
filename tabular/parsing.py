"""Parsing the text of an input table into typed columns, vectorised with pyarrow, every problem
named by file, row and column.

Dates are ISO (``2024-03-01``) or Belgian (``01/03/2024``); booleans ``true/false``, ``1/0``,
``yes/no``, ``ja/nee``, ``oui/non``, empty = false; INSZ/BIS numbers may hold dots, dashes and
spaces, and a number of 8 to 10 digits is read with the zeros in front that a spreadsheet's number
cell drops when its check digits then hold; choices are read without regard to case. Each distinct
text of a column is parsed once (``tabular.reading.Texts``) and the result spread over the rows that
hold it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ground import days, ssin
from ground.numbers import Counted, counted
from tabular.columns import Column, TableSpec, Type
from tabular.problems import TableProblem, written_rows
from tabular.reading import RawTable

TRUE = ("true", "1", "yes", "ja", "oui")
FALSE = ("false", "0", "no", "nee", "non", "")


class Parsed(NamedTuple):
    """Per distinct text: its value (an array of values, or of normalised texts for a column kept as
    categories), whether it is invalid, and the sentence for an invalid text; for INSZ numbers, whether
    it was read with the zeros in front that a number cell drops."""

    values: np.ndarray | pa.Array
    invalid: np.ndarray
    sentence: Callable[[str], str]
    restored: np.ndarray | None = None


@dataclass(frozen=True)
class ParsedTable:
    """The typed table, one row per row of the file that is not a copy of an earlier one (rows whose
    values are equal once parsed), with the ``row`` it came from; every problem of its values; and
    what the reading and parsing have to say (the header's row, the sheet, numbers given their zeros)."""

    frame: pd.DataFrame
    problems: list[TableProblem]
    warnings: list[TableProblem]
    source: str = ""
    """Where the table was read, as its problems name it: the file, and the sheet of a workbook of several."""


def parse_table(raw: RawTable, spec: TableSpec, *, drop_copies: bool = True) -> ParsedTable:
    """Parse every column of the raw table, which is consumed. Each distinct text is parsed once;
    copies (rows with the same values) are found from the parsed values and, unless ``drop_copies``
    is false, left out before the typed columns are built."""
    problems = list(raw.problems)
    warnings = list(raw.warnings)
    key = _CopiesKey(len(raw.rows))
    parsed: dict[str, tuple[np.ndarray | pa.Array, np.ndarray]] = {}
    for column in spec.columns:
        texts = raw.columns.pop(column.name)
        distinct = pc.utf8_trim_whitespace(texts.distinct)
        values, invalid, sentence, restored = _PARSERS[column.type](distinct, column)
        empty = pc.equal(distinct, "").to_numpy(zero_copy_only=False)
        if column.required and empty.any():
            invalid = invalid & ~empty
            problems += [
                TableProblem(raw.source, int(row), column.name, "empty; this column is required")
                for row in raw.rows[empty[texts.positions]]
            ]
        if invalid.any():
            wrong = invalid[texts.positions]
            said = {int(index): _said(sentence, distinct[int(index)].as_py()) for index in np.flatnonzero(invalid)}
            problems += [
                TableProblem(raw.source, int(row), column.name, said[int(index)])
                for row, index in zip(raw.rows[wrong], texts.positions[wrong], strict=True)
            ]
        if restored is not None and restored.any():
            warnings.append(_restored_warning(raw, column, raw.rows[restored[texts.positions]]))
        if not isinstance(values, np.ndarray):  # texts: one code per distinct normalised text
            values = _coded(values, texts.distinct)
        if drop_copies:
            key.add(*_value_ids(values), texts.positions)
        parsed[column.name] = (values, texts.positions)
    kept = ~key.copies() if drop_copies else np.ones(len(raw.rows), dtype=bool)
    columns: dict[str, np.ndarray | pd.Categorical] = {"row": raw.rows[kept]}
    for name in list(parsed):  # each column's positions let go once spread
        values, positions = parsed.pop(name)
        columns[name] = _spread(values, positions[kept])
    return ParsedTable(pd.DataFrame(columns, copy=False), problems, warnings, raw.source)


VALUE_SHOWN = 60
"""The characters of a wrong value a problem repeats; a longer one is cut."""


def _said(sentence: Callable[[str], str], value: str) -> str:
    """What is wrong with ``value``, a long value cut where the sentence repeats it.

    >>> _said(lambda value: f"{value!r} is not a day", "1" * 100)[-20:]
    "11111…' is not a day"
    """
    said = sentence(value)
    if len(value) <= VALUE_SHOWN:
        return said
    cut = value[:VALUE_SHOWN] + "…"
    for written in (repr, str):  # as the sentence writes it: quoted with its line breaks escaped, or as is
        if written(value) in said:
            return said.replace(written(value), written(cut))
    return said


def _restored_warning(raw: RawTable, column: Column, rows: np.ndarray) -> TableProblem:
    listed = rows.tolist()
    return TableProblem.written(
        raw.source,
        None,
        column.name,
        lambda lang: counted(_RESTORED, len(listed), lang, rows=written_rows(listed, lang)),
    )


_RESTORED: Counted = {
    "en": (
        "{n} number of 8 to 10 digits was read as an INSZ/BIS number with the zeros in front that a spreadsheet's "
        "number cell drops, its check digits then being right: {rows}",
        "{n} numbers of 8 to 10 digits were read as INSZ/BIS numbers with the zeros in front that a spreadsheet's "
        "number cell drops, their check digits then being right: {rows}",
    ),
    "nl": (
        "{n} getal van 8 tot 10 cijfers is gelezen als INSZ/BIS-nummer met de nullen vooraan die een getalcel van "
        "een rekenblad weglaat, omdat de controlecijfers dan kloppen: {rows}",
        "{n} getallen van 8 tot 10 cijfers zijn gelezen als INSZ/BIS-nummers met de nullen vooraan die een getalcel "
        "van een rekenblad weglaat, omdat de controlecijfers dan kloppen: {rows}",
    ),
    "fr": (
        "{n} nombre de 8 à 10 chiffres a été lu comme un NISS/numéro BIS avec les zéros en tête qu'une cellule "
        "numérique de tableur supprime, ses chiffres de contrôle étant alors corrects : {rows}",
        "{n} nombres de 8 à 10 chiffres ont été lus comme des NISS/numéros BIS avec les zéros en tête qu'une cellule "
        "numérique de tableur supprime, leurs chiffres de contrôle étant alors corrects : {rows}",
    ),
}


def _coded(normal: pa.Array, distinct: pa.Array) -> pa.DictionaryArray:
    """The normalised texts of a column's distinct texts, one code per distinct normalised text. (Where
    normalising changed no text, they are still distinct: their codes are their positions.)"""
    if len(normal) and pc.all(pc.equal(normal, distinct)).as_py():
        return pa.DictionaryArray.from_arrays(pa.array(np.arange(len(normal), dtype=np.int32)), normal)
    return pc.dictionary_encode(normal)


def _value_ids(values: np.ndarray | pa.DictionaryArray) -> tuple[np.ndarray, int]:
    """Per distinct text, a number of its parsed value, and how many values there are."""
    if isinstance(values, np.ndarray):
        ids, distinct = pd.factorize(values, use_na_sentinel=False)
        return ids, len(distinct)
    return values.indices.to_numpy(zero_copy_only=False), len(values.dictionary)


def _spread(values: np.ndarray | pa.DictionaryArray, positions: np.ndarray) -> np.ndarray | pd.Categorical:
    """The values of the rows; texts become a categorical whose categories pyarrow holds."""
    if isinstance(values, np.ndarray):
        return values[positions] if len(values) else np.zeros(len(positions), values.dtype)
    codes = values.indices.to_numpy(zero_copy_only=False)
    categories = pd.Index(pd.array(values.dictionary, dtype=pd.ArrowDtype(pa.string())))
    return pd.Categorical.from_codes(codes[positions] if len(codes) else codes, categories=categories)


class _CopiesKey:
    """Finds the copies among the rows from their values, column after column: it numbers the rows
    that may still be copies so that two get the same number exactly when all their values so far are
    equal. When the numbers grow too large they are renumbered, and the rows whose values no other row
    has are left out: they are no copies. (An export's first columns, such as a contract and its
    version, leave few rows to compare in the others.)"""

    def __init__(self, rows: int) -> None:
        self._all_rows = rows
        self._rows: np.ndarray | None = None  # all of them
        self._numbers = np.zeros(rows, dtype=np.int64)
        self._size = 1

    def add(self, value_ids: np.ndarray, count: int, positions: np.ndarray) -> None:
        """``value_ids``: a number per distinct text of the column, ``count`` of them; ``positions``: each
        row's distinct text."""
        if self._size * (count + 1) >= 2**62:
            numbers, distinct = pd.factorize(self._numbers)
            shared = np.bincount(numbers)[numbers] > 1
            rows = np.flatnonzero(shared) if self._rows is None else self._rows[shared]
            self._rows, self._numbers, self._size = rows, numbers[shared], len(distinct)
        if not len(value_ids):
            ids = np.zeros(len(self._numbers), dtype=np.int64)
        else:
            ids = value_ids[positions if self._rows is None else positions[self._rows]]
        self._numbers *= count + 1  # in place: a table of a million rows holds eight megabytes of these
        self._numbers += ids
        self._size *= count + 1

    def copies(self) -> np.ndarray:
        """Per row, whether an earlier row has all its values."""
        copies = np.zeros(self._all_rows, dtype=bool)
        repeated = pd.Series(self._numbers).duplicated().to_numpy()
        copies[repeated if self._rows is None else self._rows[repeated]] = True
        return copies


def _text(text: pa.Array, column: Column) -> Parsed:
    if column.max_length is None:
        return Parsed(text, np.zeros(len(text), dtype=bool), str)
    invalid = pc.greater(pc.utf8_length(text), column.max_length).to_numpy(zero_copy_only=False)
    return Parsed(
        text,
        invalid,
        lambda value: f"the text is {len(value)} characters long; at most {column.max_length} are allowed",
    )


def _positive_integer(text: pa.Array, column: Column) -> Parsed:
    """Whole numbers of at least 1; 0 stands for an empty value (refused when the column is required)."""
    return _whole_number(text, 1)


def _count(text: pa.Array, column: Column) -> Parsed:
    """Whole numbers of at least 0; an empty value counts 0 (refused when the column is required)."""
    return _whole_number(text, 0)


def _whole_number(text: pa.Array, minimum: int) -> Parsed:
    digits = pc.match_substring_regex(text, r"^\+?\d{1,9}$").to_numpy(zero_copy_only=False)
    unsigned = pc.replace_substring_regex(text, r"^\+", "")  # Arrow's cast takes no sign
    values = pc.cast(pc.if_else(pa.array(digits), unsigned, "0"), pa.int32()).to_numpy(zero_copy_only=False)
    empty = pc.equal(text, "").to_numpy(zero_copy_only=False)
    invalid = (~digits | (values < minimum)) & ~empty
    return Parsed(values, invalid, lambda value: f"{value!r} is not a whole number of at least {minimum}")


def _amount(text: pa.Array, column: Column) -> Parsed:
    """Euro amounts of at least 0 with at most 2 decimals, with a decimal point or comma; ``None``
    for an empty value. (Each distinct amount becomes a ``Decimal``: exact, never a float.)"""
    shaped = pc.match_substring_regex(text, r"^\d{1,10}([.,]\d{1,2})?$").to_numpy(zero_copy_only=False)
    values = np.array(
        [Decimal(value.replace(",", ".")) if ok else None for value, ok in zip(text.to_pylist(), shaped, strict=True)],
        dtype=object,
    )
    invalid = ~shaped & pc.not_equal(text, "").to_numpy(zero_copy_only=False)
    return Parsed(values, invalid, lambda value: f"{value!r} is not an amount in euro such as 1234.50 or 1234,50")


EARLIEST_DAY, LATEST_DAY = dt.date(1900, 1, 1), dt.date(2200, 12, 31)
"""The days a table may hold; a year outside them (``0024``, ``9999``) is a typing error."""


def _date(text: pa.Array, column: Column) -> Parsed:
    values = parse_dates(text)
    latest = dt.date.today() if column.past else LATEST_DAY
    outside = (values < np.datetime64(EARLIEST_DAY)) | (values > np.datetime64(latest))  # never NaT
    invalid = (np.isnat(values) & pc.not_equal(text, "").to_numpy(zero_copy_only=False)) | outside
    return Parsed(values, invalid, lambda value: _not_a_day(value, column))


def _not_a_day(value: str, column: Column) -> str:
    """Why a cell is not a day, as ``ground.days`` says it of a day typed on the command line; or why
    the day it writes cannot be meant."""
    if (problem := days.problem(value)) is not None:
        return str(problem)
    if column.past and days.validate(value) > dt.date.today():
        return f"{value!r} is after today: a birth date lies in the past"
    first, last = days.format(EARLIEST_DAY), "today" if column.past else days.format(LATEST_DAY)
    return f"{value!r} is not a day from {first} to {last}: check its year"


def parse_dates(text: pa.Array) -> np.ndarray:
    """ISO or Belgian dates; ``NaT`` for an empty, unreadable or impossible date (no 30 February)."""
    dates = pc.coalesce(*(_dates_in_form(text, form) for form in (_ISO, _BELGIAN)))
    return np.asarray(dates.to_numpy(zero_copy_only=False), dtype="datetime64[s]")


def _dates_in_form(text: pa.Array, form: tuple[str, str, Callable[[pa.Array], pa.Array]]) -> pa.Array:
    shape, pattern, day_of = form
    dates = pc.strptime(text, format=pattern, unit="s", error_is_null=True)
    day = pc.cast(pc.if_else(pc.is_valid(dates), day_of(text), "0"), pa.int64())
    kept = pc.and_(
        pc.match_substring_regex(text, shape),  # strptime also takes a year of two digits
        pc.fill_null(pc.equal(pc.day(dates), day), False),  # and rolls 30 February over to March
    )
    return pc.if_else(kept, dates, pa.scalar(None, dates.type))


_ISO = (f"^{days.ISO}$", "%Y-%m-%d", lambda text: pc.utf8_slice_codeunits(text, -2))
_BELGIAN = (
    f"^{days.BELGIAN}$",
    "%d/%m/%Y",
    lambda text: pc.utf8_rtrim(pc.utf8_slice_codeunits(text, 0, 2), "/"),
)


def _boolean(text: pa.Array, column: Column) -> Parsed:
    lower = pc.utf8_lower(text)
    values = pc.is_in(lower, pa.array(TRUE)).to_numpy(zero_copy_only=False)
    invalid = ~(values | pc.is_in(lower, pa.array(FALSE)).to_numpy(zero_copy_only=False))
    return Parsed(
        values,
        invalid,
        lambda value: f"{value!r} is not a yes/no value: use true/false, 1/0, yes/no, ja/nee or oui/non",
    )


def _choice(text: pa.Array, column: Column) -> Parsed:
    normal = pc.utf8_upper(text) if column.choices[0].isupper() else pc.utf8_lower(text)
    invalid = ~pc.is_in(normal, pa.array([*column.choices, ""])).to_numpy(zero_copy_only=False)
    return Parsed(normal, invalid, lambda value: f"{value!r} is not one of: {', '.join(column.choices)}")


def _nis(text: pa.Array, column: Column) -> Parsed:
    invalid = ~pc.match_substring_regex(text, r"^(\d{5})?$").to_numpy(zero_copy_only=False)
    return Parsed(text, invalid, lambda value: f"{value!r} is not a NIS code: 5 digits")


def compact_ssins(text: pa.Array) -> pa.Array:
    """INSZ/BIS numbers without the dots, dashes and spaces they may be written with."""
    for separator in (".", "-", " "):
        text = pc.replace_substring(text, separator, "")
    return text


def _ssin(text: pa.Array, column: Column) -> Parsed:
    """Numbers of 11 digits, kept as integers (``ssin_text`` writes them back), 0 for an empty value;
    their check digits are the caller's job (``ground.ssin``), except for the numbers
    that lost their zeros in front (``restored_ssins``)."""
    compact = compact_ssins(text)
    restored = restored_ssins(compact)
    read = pc.match_substring_regex(compact, r"^\d{11}$").to_numpy(zero_copy_only=False) | restored
    numbers = pc.cast(pc.if_else(pa.array(read), compact, "0"), pa.int64()).to_numpy(zero_copy_only=False)
    empty = pc.equal(text, "").to_numpy(zero_copy_only=False)
    return Parsed(numbers, ~read & ~empty, _not_an_ssin, restored)


def restored_ssins(compact: pa.Array) -> np.ndarray:
    """Per number, whether it is an INSZ/BIS number that a spreadsheet's number cell stripped of its
    zeros in front: 8 to 10 digits (born in 2000-2009, 00 and a month 01-09 lose three), which with
    those zeros have right check digits. python-stdnum's verdict, asked for these few numbers only."""
    short = pc.match_substring_regex(compact, r"^\d{8,10}$").to_numpy(zero_copy_only=False)
    restored = np.zeros(len(compact), dtype=bool)
    for index in np.flatnonzero(short):
        restored[index] = ssin.is_valid(compact[int(index)].as_py().zfill(11))
    return restored


def _not_an_ssin(value: str) -> str:
    digits = value.replace(".", "").replace("-", "").replace(" ", "")  # as compact_ssins writes it
    if 8 <= len(digits) <= 10 and digits.isdigit():
        return (
            f"{value!r} has {len(digits)} digits: an INSZ/BIS number has 11, and with zeros in front "
            f"({digits.zfill(11)}) it is not a valid one either"
        )
    return f"{value!r} is not an INSZ/BIS number: 11 digits (dots, dashes and spaces allowed)"


def ssin_text(numbers: pd.Series) -> pd.Series:
    """INSZ/BIS numbers kept as integers, written with their 11 digits again."""
    return numbers.astype(str).str.zfill(11)


_PARSERS: dict[Type, Callable[[pa.Array, Column], Parsed]] = {
    Type.TEXT: _text,
    Type.POSITIVE_INTEGER: _positive_integer,
    Type.COUNT: _count,
    Type.DATE: _date,
    Type.BOOLEAN: _boolean,
    Type.SSIN: _ssin,
    Type.NIS: _nis,
    Type.CHOICE: _choice,
    Type.AMOUNT: _amount,
}
