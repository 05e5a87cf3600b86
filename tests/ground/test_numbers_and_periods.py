"""Numbers written the Belgian way, and the period rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ground import numbers, periods


@pytest.mark.parametrize(
    ("value", "nl", "fr"),
    [
        (0, "0", "0"),
        (999, "999", "999"),
        (1000, "1.000", "1\u202f000"),
        (1234567, "1.234.567", "1\u202f234\u202f567"),
        (Decimal("12500.00"), "12.500,00", "12\u202f500,00"),
        (Decimal("0.5"), "0,5", "0,5"),
        (8.07, "8,07", "8,07"),
        (-1234.5, "-1.234,50", "-1\u202f234,50"),
    ],
)
def test_numbers_are_written_as_their_readers_write_them(value: int | float | Decimal, nl: str, fr: str) -> None:
    assert (numbers.written(value, "nl"), numbers.written(value, "fr")) == (nl, fr)


def test_a_period_of_one_day_is_a_period() -> None:
    day = dt.date(2026, 3, 1)
    assert periods.validate(day, day) == (day, day)


def test_a_period_that_ends_the_day_before_it_begins_is_refused_in_every_language() -> None:
    with pytest.raises(periods.ReversedPeriod) as refused:
        periods.validate(dt.date(2026, 3, 2), dt.date(2026, 3, 1))
    assert refused.value.message("nl").startswith("de periode eindigt op 01/03/2026, vóór ze begint op 02/03/2026")
    assert refused.value.message("fr").startswith("la période se termine le 01/03/2026")
