"""The period of the statistics and the definitions every measure stands on, written once:
how a period is chosen (a year, or a first and a last day, each read by ``ground.days``), the
effective version of a contract, its finish, and whether it is in scope."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

import pandas as pd

FIRST_YEAR, LAST_YEAR = 1990, 2200
"""The years a period may be; one outside them is a typing error."""


@dataclass(frozen=True)
class Period:
    """``from``..``to``, both inclusive."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def first_day(self) -> pd.Timestamp:
        return pd.Timestamp(self.start)

    @property
    def last_day(self) -> pd.Timestamp:
        return pd.Timestamp(self.end)

    def holds(self, days: pd.Series) -> pd.Series:
        """Which days fall in the period (``NaT`` does not)."""
        return (days >= self.first_day) & (days <= self.last_day)


def written_year(text: str) -> int | None:
    """The year ``text`` writes in ASCII digits, from ``FIRST_YEAR`` to ``LAST_YEAR``, or ``None``.

    >>> written_year("2024"), written_year("²⁰²⁴"), written_year("1989")
    (2024, None, None)
    """
    year = int(text) if re.fullmatch("[0-9]{4}", text) else None
    return year if year is not None and FIRST_YEAR <= year <= LAST_YEAR else None


class PeriodRefused(ValueError):
    """A period chosen against the rule: ``year_and_days``, ``no_period`` or ``reversed``."""

    def __init__(self, kind: Literal["year_and_days", "no_period", "reversed"]) -> None:
        super().__init__(kind)
        self.kind = kind


def chosen_period(year: int | None, first: dt.date | None, last: dt.date | None) -> Period:
    """The period of the statistics: a calendar year, or a first and a last day, one of the two; a
    period ends on or after its first day. ``PeriodRefused`` says which part of the rule is broken."""
    if year is not None:
        if first is not None or last is not None:
            raise PeriodRefused("year_and_days")
        return Period.year(year)
    if first is None or last is None:
        raise PeriodRefused("no_period")
    if last < first:
        raise PeriodRefused("reversed")
    return Period(first, last)


def effective_versions(versions: pd.DataFrame, period: Period) -> pd.DataFrame:
    """**Effective version** of a contract: among its versions with ``signed_on <= to``, the one with the
    highest ``version``. A contract with none is not counted anywhere."""
    signed = versions[versions["signed_on"] <= period.last_day]
    return signed.sort_values(["contract_id", "version"]).drop_duplicates("contract_id", keep="last")


def finish(contracts: pd.DataFrame) -> pd.Series:
    """**Finish** of a contract: its effective version's ``closed_on``, else its ``end_date``."""
    return contracts["closed_on"].fillna(contracts["end_date"])


def in_scope(contracts: pd.DataFrame, period: Period) -> pd.Series:
    """**In scope**: ``start_date <= to`` and ``finish >= from``."""
    return (contracts["start_date"] <= period.last_day) & (finish(contracts) >= period.first_day)
