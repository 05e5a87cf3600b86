"""What python-stdnum says of the export's INSZ/BIS numbers: which are wrong, and what gender and
birth date a number tells.

stdnum checks one number at a time, in Python. A large export holds a hundred thousand persons or
more, so the check runs in a forked process while the rest of the export is parsed, and its
answers are collected when they are needed.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor

import pandas as pd

from ground import ssin

BACKGROUND_FROM = 20_000
"""Numbers from which checking in another process pays for starting it."""


def wrong_numbers(numbers: list[str]) -> dict[str, str]:
    """What is wrong with each wrong number of ``numbers`` (11 digits each); valid ones are left out."""
    return {number: str(problem) for number in numbers if (problem := ssin.problem(number))}


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


class PendingCheck:
    """``wrong_numbers`` started now, in a forked process when the list is long and the system forks;
    ``result()`` waits for it."""

    def __init__(self, numbers: list[str]) -> None:
        self._numbers = numbers
        self._pool: ProcessPoolExecutor | None = None
        self._future: Future[dict[str, str]] | None = None
        if len(numbers) >= BACKGROUND_FROM and "fork" in multiprocessing.get_all_start_methods():
            # A forked worker only runs python-stdnum on a list of strings; it starts in milliseconds,
            # where a spawned one would import pandas and pyarrow again first.
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            self._future = self._pool.submit(wrong_numbers, numbers)
            self._numbers = []  # the worker has them

    def result(self) -> dict[str, str]:
        if self._future is None:
            return wrong_numbers(self._numbers)
        try:
            return self._future.result()
        finally:
            assert self._pool is not None
            self._pool.shutdown()
