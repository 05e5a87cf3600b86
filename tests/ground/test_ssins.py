"""Many INSZ/BIS numbers at once (``ground.ssins``): python-stdnum's verdict on every number, and its
words for each wrong one, whatever form it is written in."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ground import ssin, ssins
from ground.ssins import valid_numbers
from tests.conftest import ssin_for, ssin_with
from tests.ssin_numbers import THIS_YEAR, UNKNOWN, numbers, stdnum_verdict


@settings(max_examples=500, deadline=None, database=None)
@given(st.lists(numbers(), min_size=1, max_size=40))
@example(["00000000000", "00000000097", *(ssin_with(body) for body in UNKNOWN)])  # all zeros; unknown births
@example([ssin_for(dt.date(1999, 12, 31), 1), ssin_for(dt.date(2000, 1, 1), 2), ssin_with("854730033")])
@example([ssin_for(dt.date(2000 + THIS_YEAR, 1, 1), 3), ssin_with(f"{(THIS_YEAR + 1) % 100:02d}0101003")])
def test_the_verdict_on_all_numbers_at_once_is_python_stdnums(drawn: list[str]) -> None:
    verdicts = valid_numbers(np.array([int(number) for number in drawn], dtype=np.int64))
    assert verdicts.tolist() == [stdnum_verdict(number) for number in drawn]


def test_the_examples_hold_both_verdicts() -> None:
    """The drawn numbers are not all wrong: the strategy reaches both sides of the verdict."""
    valid = [ssin_for(dt.date(1985, 7, 30), 33), ssin_for(dt.date(2003, 5, 21), 241), ssin_with("854730033")]
    wrong = [number[:9] + f"{(int(number[9:]) + 1) % 100:02d}" for number in valid] + [ssin_with("851330033")]
    assert valid_numbers(np.array([int(number) for number in valid + wrong])).tolist() == [True] * 3 + [False] * 4


written_forms = st.one_of(
    numbers(),
    numbers().map(ssin.format),  # 92.02.14-162.06: read by stdnum itself
    st.text(alphabet="0123456789 .-x²", max_size=14),  # too short or long, letters, other digits
)


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(written_forms, max_size=30))
@example([])
@example(["00000000000", "", " 92021416206", "92021416206 ", "٩٢٠٢١٤١٦٢٠٦"])  # spaces around; Arabic-Indic digits
def test_the_problems_of_many_numbers_are_those_of_each_said_alone(texts: list[str]) -> None:
    alone = {at: str(wrong) for at, text in enumerate(texts) if (wrong := ssin.problem(text)) is not None}
    assert {at: str(wrong) for at, wrong in ssins.problems(texts).items()} == alone
