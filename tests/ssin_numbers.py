"""INSZ/BIS numbers drawn for the property tests that hold the checks of many numbers at once to
python-stdnum: valid and wrong ones, at and beside the edges of the months and centuries."""

from __future__ import annotations

import datetime as dt
from types import ModuleType

from hypothesis import strategies as st
from stdnum.be import bis, nn

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
