"""A period: a first and a last day, both included; it ends on or after the day it begins. The one
definition of that rule, for the commands, the pages, the format's rules and the statistics."""

from __future__ import annotations

import datetime as dt

from ground import days
from ground.errors import InvalidComponent
from ground.lang import Said

REVERSED: Said = {
    "en": "the period ends on {end}, before it begins on {begin}: its last day is on or after its first",
    "nl": "de periode eindigt op {end}, vóór ze begint op {begin}: de laatste dag valt op of na de eerste",
    "fr": "la période se termine le {end}, avant de commencer le {begin} : son dernier jour est le premier ou après",
}


class ReversedPeriod(InvalidComponent):
    """A period whose last day is before its first."""


def validate(begin: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """``(begin, end)`` when the period ends on or after its first day; ``ReversedPeriod`` otherwise.

    >>> validate(dt.date(2026, 1, 1), dt.date(2026, 1, 1))
    (datetime.date(2026, 1, 1), datetime.date(2026, 1, 1))
    >>> validate(dt.date(2026, 1, 2), dt.date(2026, 1, 1))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ground.periods.ReversedPeriod: the period ends on 01/01/2026, before it begins on 02/01/2026: ...
    """
    if end < begin:
        raise ReversedPeriod(REVERSED, begin=days.format(begin), end=days.format(end))
    return begin, end


def problem(begin: dt.date, end: dt.date) -> ReversedPeriod | None:
    """The error ``validate`` raises for the period, or ``None`` when it ends on or after its first day."""
    try:
        validate(begin, end)
    except ReversedPeriod as wrong:
        return wrong
    return None
