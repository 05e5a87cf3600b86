"""A day as people type it: ``DD/MM/YYYY`` (``31/12/2026``, also ``1/3/2026``), and ``YYYY-MM-DD`` as
exports and scripts write it. ASCII digits only.

>>> validate("29/02/2024"), validate("2024-02-29")
(datetime.date(2024, 2, 29), datetime.date(2024, 2, 29))
>>> format(validate(" 1/3/2026 "))
'01/03/2026'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ground.errors import InvalidComponent, InvalidFormat, InvalidValue, problem_of
from ground.lang import LOCALES, Language, Said

WRITTEN = "DD/MM/YYYY"
"""How a day is written, in help texts and messages."""
BELGIAN = r"(?P<day>[0-9]{1,2})/(?P<month>[0-9]{1,2})/(?P<year>[0-9]{4})"
ISO = r"(?P<iso_year>[0-9]{4})-(?P<iso_month>[0-9]{2})-(?P<iso_day>[0-9]{2})"
"""The two shapes of a day, also given to the vectorised reading of table cells (``tabular.parsing``)."""
_SHAPES = re.compile(f"{BELGIAN}|{ISO}")


NOT_A_DAY: Said = {
    "en": "'{written}' is not a day: write it as DD/MM/YYYY, such as 31/12/2026",
    "nl": "'{written}' is geen datum: schrijf ze als DD/MM/JJJJ, bv. 31/12/2026",
    "fr": "'{written}' n'est pas une date : écrivez-la comme JJ/MM/AAAA, p. ex. 31/12/2026",
}
NO_SUCH_MONTH: Said = {
    "en": "{written} does not exist: there is no month {month}; months go from 1 to 12",
    "nl": "{written} bestaat niet: er is geen maand {month}; de maanden gaan van 1 tot 12",
    "fr": "{written} n'existe pas : il n'y a pas de mois {month} ; les mois vont de 1 à 12",
}
NO_SUCH_DAY: Said = {
    "en": "{written} does not exist: {month_en} {year} has {days} days",
    "nl": "{written} bestaat niet: {month_nl} {year} telt {days} dagen",
    "fr": "{written} n'existe pas : {month_fr} {year} compte {days} jours",
}


def validate(text: str) -> dt.date:
    """The day ``text`` writes; ``InvalidFormat`` when it is not written as a day, ``InvalidComponent``
    when it is but does not exist.

    >>> validate("31/02/2026")
    Traceback (most recent call last):
    ...
    ground.errors.InvalidComponent: 31/02/2026 does not exist: February 2026 has 28 days
    >>> validate("2026/02/01")
    Traceback (most recent call last):
    ...
    ground.errors.InvalidFormat: '2026/02/01' is not a day: write it as DD/MM/YYYY, such as 31/12/2026
    """
    written = text.strip()
    shape = _SHAPES.fullmatch(written)
    if shape is None:
        raise InvalidFormat(NOT_A_DAY, written=written)
    parts = shape.groupdict()
    year, month, day = (int(parts[name] or parts[f"iso_{name}"]) for name in ("year", "month", "day"))
    if year == 0:  # no calendar has a year 0
        raise InvalidFormat(NOT_A_DAY, written=written)
    if not 1 <= month <= 12:
        raise InvalidComponent(NO_SUCH_MONTH, written=written, month=month)
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        names = {f"month_{lang}": month_name(month, lang) for lang in ("en", "nl", "fr")}
        raise InvalidComponent(NO_SUCH_DAY, written=written, year=year, days=last, **names)
    return dt.date(year, month, day)


def month_name(month: int, lang: Language) -> str:
    """``februari``, ``février``, ``February``: as Babel's Belgian locales write it."""
    from babel.dates import get_month_names  # only when a month is named: Babel's data takes time to load

    locale = "en" if lang == "en" else LOCALES[lang]
    return str(get_month_names("wide", locale=locale)[month])


FIRST_YEAR, LAST_YEAR = 1990, 2200
"""The years a period may be in; one outside them is a typing error."""
NOT_A_YEAR: Said = {
    "en": "'{written}' is not a year from {first} to {last}: write it with four digits, such as 2024",
    "nl": "'{written}' is geen jaar tussen {first} en {last}: schrijf het met vier cijfers, bv. 2024",
    "fr": "'{written}' n'est pas une année entre {first} et {last} : écrivez-la en quatre chiffres, p. ex. 2024",
}


def year(text: str) -> int:
    """The year ``text`` writes in four ASCII digits, from ``FIRST_YEAR`` to ``LAST_YEAR``;
    ``InvalidFormat`` otherwise.

    >>> year("2024")
    2024
    >>> year("²⁰²⁴")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ground.errors.InvalidFormat: '²⁰²⁴' is not a year from 1990 to 2200: ...
    """
    written = text.strip()
    if not re.fullmatch("[0-9]{4}", written) or not FIRST_YEAR <= int(written) <= LAST_YEAR:
        raise InvalidFormat(NOT_A_YEAR, written=written, first=FIRST_YEAR, last=LAST_YEAR)
    return int(written)


def is_valid(text: str) -> bool:
    """Whether ``text`` writes a day that exists."""
    return problem(text) is None


def problem(text: str) -> InvalidValue | None:
    """The error ``validate`` raises for ``text``, or ``None`` when it writes a day that exists."""
    return problem_of(validate, text)


def format(day: dt.date) -> str:
    """The day as people write it: ``31/12/2026``."""
    return f"{day:%d/%m/%Y}"
