"""All of an export's INSZ/BIS numbers at once: python-stdnum's verdict on the check digits of every
number and its reading of their gender and birth date, computed for all together, and stdnum's own
words for the numbers that are wrong."""

from __future__ import annotations

import datetime as dt
from types import ModuleType

import numpy as np
import pandas as pd
import pyarrow as pa
from hypothesis import example, given, settings
from hypothesis import strategies as st
from stdnum.be import bis, nn

from gpmi_stats.persons import told_by_number, valid_numbers, wrong_numbers
from ground import ssin
from tests.conftest import ssin_for, ssin_with

THIS_YEAR = dt.date.today().year % 100
MONTH_EDGES = [0, 1, 2, 12, 13, 19, 20, 21, 22, 32, 33, 39, 40, 41, 42, 52, 53, 59, 60, 72, 99]
"""The months of INSZ numbers (0-12), of BIS numbers (20-32 without a gender, 40-52 with one) and
those beside them; 0 (and 20, 40) an unknown month, February for its 29th day."""

UNKNOWN = ["000001001", "002001001", "004001001", "850030033", "852230032", "920200162"]
"""Numbers whose birth date is unknown: all of it, the month, the day (0, or 30 February)."""


@st.composite
def numbers(draw: st.DrawFn) -> str:
    """Eleven digits, valid or not: a year (this one, the ones beside it, or any), a month at or beside
    the edges of an INSZ's and a BIS number's, any day and sequence, and check digits right for a birth
    before 2000, right for one from 2000, or any two digits."""
    year = draw(st.one_of(st.sampled_from([(THIS_YEAR + step) % 100 for step in (-1, 0, 1)]), st.integers(0, 99)))
    month = draw(st.one_of(st.sampled_from(MONTH_EDGES), st.integers(0, 99)))
    day = draw(st.one_of(st.sampled_from([0, 1, 28, 29, 30, 31, 32]), st.integers(0, 99)))
    body = f"{year:02d}{month:02d}{day:02d}{draw(st.integers(0, 999)):03d}"
    check = draw(
        st.one_of(
            st.just(97 - int(body) % 97),
            st.just(97 - (2_000_000_000 + int(body)) % 97),
            st.integers(0, 99),
        )
    )
    return f"{body}{check:02d}"


def stdnum_of(number: str) -> ModuleType:
    return bis if int(number[2:4]) >= 20 else nn


def stdnum_verdict(number: str) -> bool:
    return bool(stdnum_of(number).is_valid(number))


@settings(max_examples=500, deadline=None, database=None)
@given(st.lists(numbers(), min_size=1, max_size=40))
@example(["00000000000", "00000000097", *(ssin_with(body) for body in UNKNOWN)])  # all zeros; unknown births
@example([ssin_for(dt.date(1999, 12, 31), 1), ssin_for(dt.date(2000, 1, 1), 2), ssin_with("854730033")])
@example([ssin_for(dt.date(2000 + THIS_YEAR, 1, 1), 3), ssin_with(f"{(THIS_YEAR + 1) % 100:02d}0101003")])
def test_the_verdict_on_all_numbers_at_once_is_python_stdnums(drawn: list[str]) -> None:
    verdicts = valid_numbers(np.array([int(number) for number in drawn], dtype=np.int64))
    assert verdicts.tolist() == [stdnum_verdict(number) for number in drawn]


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(numbers(), min_size=1, max_size=40))
@example([ssin_with(body, born_from_2000=later) for body in UNKNOWN for later in (False, True)])
@example([ssin_with(body, born_from_2000=later) for body in ("000229001", "010229001") for later in (False, True)])
@example([ssin_for(dt.date(1992, 2, 14), 162), ssin_with("854730033"), ssin_with("902215010")])  # INSZ, BIS
def test_gender_and_birth_date_of_all_numbers_at_once_are_python_stdnums(drawn: list[str]) -> None:
    valid = [number for number in drawn if stdnum_verdict(number)]
    told = told_by_number(np.array([int(number) for number in valid], dtype=np.int64))
    assert told["gender"].tolist() == [stdnum_of(number).get_gender(number) for number in valid]
    born = [None if pd.isna(day) else day.date() for day in told["birth_date"]]
    assert born == [stdnum_of(number).get_birth_date(number) for number in valid]


def test_the_examples_hold_both_verdicts() -> None:
    """The drawn numbers are not all wrong: the strategy reaches both sides of the verdict."""
    valid = [ssin_for(dt.date(1985, 7, 30), 33), ssin_for(dt.date(2003, 5, 21), 241), ssin_with("854730033")]
    wrong = [number[:9] + f"{(int(number[9:]) + 1) % 100:02d}" for number in valid] + [ssin_with("851330033")]
    assert valid_numbers(np.array([int(number) for number in valid + wrong])).tolist() == [True] * 3 + [False] * 4


def test_wrong_numbers_are_said_in_stdnums_words_and_valid_ones_left_out() -> None:
    right, mistyped, no_month = ssin_for(dt.date(1992, 2, 14), 162), "92021416207", ssin_with("921314162")
    assert wrong_numbers(pa.array([right, mistyped, no_month])) == {
        mistyped: str(ssin.problem(mistyped)),
        no_month: str(ssin.problem(no_month)),
    }
