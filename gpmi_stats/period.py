"""The period of the statistics and the definitions every measure stands on, written once:
how a period is chosen (a year, or a first and a last day, each read by ``ground.days``), the
effective version of a contract, its finish, and whether it is in scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from ground import periods
from ground.errors import UsageError

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Period:
    """``from``..``to``, both inclusive."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        periods.validate(self.start, self.end)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def first_day(self) -> np.datetime64:
        return np.datetime64(self.start, "s")

    @property
    def last_day(self) -> np.datetime64:
        return np.datetime64(self.end, "s")

    def holds(self, days: pd.Series) -> pd.Series:
        """Which days fall in the period (``NaT`` does not)."""
        return (days >= self.first_day) & (days <= self.last_day)


class PeriodRefused(UsageError):
    """A period chosen against the rule: ``year_and_days`` or ``no_period``."""

    def __init__(self, kind: Literal["year_and_days", "no_period"]) -> None:
        super().__init__(_SAID[kind])
        self.kind = kind


_SAID = {
    "year_and_days": "give either --year or --from and --to, not both",
    "no_period": "give the period: --year YYYY, or --from DD/MM/YYYY and --to DD/MM/YYYY",
}


def chosen_period(year: int | None, first: dt.date | None, last: dt.date | None) -> Period:
    """The period of the statistics: a calendar year, or a first and a last day, one of the two; a
    period ends on or after its first day. ``PeriodRefused`` says which part of the choice is broken,
    ``ground.periods.ReversedPeriod`` that the period ends before it begins."""
    if year is not None:
        if first is not None or last is not None:
            raise PeriodRefused("year_and_days")
        return Period.year(year)
    if first is None or last is None:
        raise PeriodRefused("no_period")
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
