"""All of an export's INSZ/BIS numbers at once: python-stdnum's reading of their gender and birth
date, computed for all together, and stdnum's own words for the numbers that are wrong (its verdict
on all of them at once: ``tests/ground/test_ssins.py``)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gpmi_stats.persons import told_by_number, wrong_numbers
from ground import ssin
from tests.conftest import ssin_for, ssin_with
from tests.ssin_numbers import UNKNOWN, numbers, stdnum_of, stdnum_verdict


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


def test_wrong_numbers_are_said_in_stdnums_words_and_valid_ones_left_out() -> None:
    right, mistyped, no_month = ssin_for(dt.date(1992, 2, 14), 162), "92021416207", ssin_with("921314162")
    assert wrong_numbers(pa.array([right, mistyped, no_month])) == {
        mistyped: str(ssin.problem(mistyped)),
        no_month: str(ssin.problem(no_month)),
    }
