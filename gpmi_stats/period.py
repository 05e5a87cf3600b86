"""The period of the statistics and the definitions every measure stands on, written once:
the effective version of a contract, its finish, and whether it is in scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd


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
