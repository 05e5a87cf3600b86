"""What the export's INSZ/BIS numbers say: which are wrong, and what gender and birth date a number
tells.

The verdict is python-stdnum's (``stdnum.be.nn`` and ``stdnum.be.bis``, through ``ground.ssin``).
stdnum checks one number at a time, in Python, and a large export holds a hundred thousand persons
or more: ``valid_numbers`` applies stdnum's rules to all of them at once, and stdnum itself is asked
only about the few numbers found wrong, for the sentence that says what is wrong with each. A
property test holds the two to the same verdict on every number it draws.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ground import ssin


def valid_numbers(numbers: np.ndarray) -> np.ndarray:
    """Which of ``numbers`` (11 digits each, as integers) python-stdnum holds for valid INSZ or BIS
    numbers: check digits 97 minus the first nine digits modulo 97 (never 00, so never all zeros), or,
    for a birth from 2000 on (a year no later than this one), the same of the nine digits with a 2 in
    front; a month of 0-12 (INSZ), 20-32 or 40-52 (BIS). The day is not checked: stdnum takes an
    impossible day for an unknown one.

    >>> valid_numbers(np.array([92021416206, 92021416207, 3052124132, 1431205533, 92131416206])).tolist()
    [True, False, True, True, False]
    """
    body, check = np.divmod(numbers.astype(np.int64), 100)
    year, month = body // 10_000_000, body // 100_000 % 100
    born_before_2000 = 97 - body % 97 == check
    born_from_2000 = (year + 2000 <= dt.date.today().year) & (97 - (body + 2_000_000_000) % 97 == check)
    month_of_a_kind = (month <= 12) | ((month >= 20) & (month <= 32)) | ((month >= 40) & (month <= 52))
    valid: np.ndarray = (born_before_2000 | born_from_2000) & month_of_a_kind
    return valid


def wrong_numbers(numbers: pa.Array) -> dict[str, str]:
    """What is wrong with each wrong number of ``numbers`` (texts of 11 ASCII digits); valid ones are left out."""
    valid = valid_numbers(pc.cast(numbers, pa.int64()).to_numpy(zero_copy_only=False))
    wrong = numbers.filter(pa.array(~valid)).to_pylist()
    return {number: str(problem) for number in wrong if (problem := ssin.problem(number))}


def told_by_number(numbers: pd.Series) -> pd.DataFrame:
    """``gender`` and ``birth_date`` as each (valid) number tells them, ``None`` where it does not."""
    unique = pd.unique(numbers)
    return pd.DataFrame(
        {
            "gender": pd.Series([ssin.gender(number) for number in unique], index=unique, dtype=object),
            "birth_date": pd.Series(
                [ssin.birth_date(number) for number in unique], index=unique, dtype="datetime64[s]"
            ),
        }
    )
