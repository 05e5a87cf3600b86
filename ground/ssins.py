"""Many INSZ/BIS numbers at once: python-stdnum's verdict (``ground.ssin``) on a whole export or a
whole reference update, computed for all numbers together, and stdnum itself asked only about the few
found wrong, for the sentence that says what is wrong with each.

stdnum reads one number at a time, in Python: a reference update of 5 000 persons spends most of its
checking there. Property tests (``tests/ground/test_ssins.py``) hold ``valid_numbers`` to stdnum's
verdict on every number they draw.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import numpy as np

from ground import ssin
from ground.errors import InvalidValue

_DIGITS = re.compile(r"[0-9]{11}")


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


def problems(texts: Sequence[str]) -> dict[int, InvalidValue]:
    """What is wrong with each of ``texts`` that is no valid INSZ or BIS number, by its position, as
    ``ground.ssin.problem`` says it; the valid ones are left out. Texts of 11 ASCII digits are checked
    all at once; any other text (another written form, or none) is read by ``ground.ssin`` itself.

    >>> {at: type(wrong).__name__ for at, wrong in problems(["92021416206", "92021416207", "9202"]).items()}
    {1: 'InvalidChecksum', 2: 'InvalidFormat'}
    """
    compact = [at for at, text in enumerate(texts) if _DIGITS.fullmatch(text)]
    valid = valid_numbers(np.array([int(texts[at]) for at in compact], dtype=np.int64))
    suspect = {at for at, ok in zip(compact, valid.tolist(), strict=True) if not ok}
    suspect.update(set(range(len(texts))).difference(compact))
    return {at: wrong for at in sorted(suspect) if (wrong := ssin.problem(texts[at])) is not None}
