"""What the export's INSZ/BIS numbers say: which are wrong, and what gender and birth date a number
tells.

The verdict is python-stdnum's (``stdnum.be.nn`` and ``stdnum.be.bis``, through ``ground.ssin``).
stdnum reads one number at a time, in Python, and a large export holds a hundred thousand persons
or more: ``ground.ssins.valid_numbers`` and ``told_by_number`` apply stdnum's rules to all of them at
once, and stdnum itself is asked only about the few numbers found wrong, for the sentence that says
what is wrong with each. Property tests hold both to stdnum's verdict and reading on every number
they draw.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ground import ssin
from ground.ssins import valid_numbers


def wrong_numbers(numbers: pa.Array) -> dict[str, str]:
    """What is wrong with each wrong number of ``numbers`` (texts of 11 ASCII digits); valid ones are left out."""
    valid = valid_numbers(pc.cast(numbers, pa.int64()).to_numpy(zero_copy_only=False))
    wrong = numbers.filter(pa.array(~valid)).to_pylist()
    return {number: str(problem) for number in wrong if (problem := ssin.problem(number))}


def told_by_number(numbers: np.ndarray) -> pd.DataFrame:
    """``gender`` and ``birth_date`` as each of ``numbers`` (valid INSZ or BIS numbers, as integers)
    tells them, read as python-stdnum reads them: the gender from the sequence (odd: ``M``), except in a
    BIS number whose month is raised by 20 (``None``); the birth date with the century whose check
    digits hold (1900 first), the month less 20 or 40, ``NaT`` where that month is 0 (so also for the
    numbers of persons whose birth date was not known at all: ``000001``, ``002001``, ``004001``) or
    the day is 0 or past the month's end.

    >>> told = told_by_number(np.array([92021416206, 1431205533, 90221501032, 85023003291]))
    >>> told["gender"].tolist(), [str(day.date()) if day is not pd.NaT else None for day in told["birth_date"]]
    (['F', 'M', None, 'F'], ['1992-02-14', '2001-03-12', '1990-02-15', None])
    """
    body, check = np.divmod(numbers.astype(np.int64), 100)
    month_written, day = body // 100_000 % 100, body // 1_000 % 100
    gender = np.where(body % 1_000 % 2 == 1, "M", "F").astype(object)
    gender[(month_written >= 20) & (month_written < 40)] = None
    century = np.where(97 - body % 97 == check, 1900, 2000)
    month = (body // 10_000_000 + century - 1970) * 12 + month_written % 20 - 1
    first_day = month.astype("datetime64[M]").astype("datetime64[D]")
    month_length = ((month + 1).astype("datetime64[M]").astype("datetime64[D]") - first_day).astype(np.int64)
    known = (month_written % 20 > 0) & (day >= 1) & (day <= month_length)
    birth = np.where(known, first_day + (day - 1).astype("timedelta64[D]"), np.datetime64("NaT"))
    return pd.DataFrame({"gender": pd.Series(gender, dtype=object), "birth_date": birth.astype("datetime64[s]")})
