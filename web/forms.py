"""Reading the fields of a form: every problem collected with its field and a sentence saying what
is wrong and what would be right, so that a page shows them all at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TypeVar

from starlette.datastructures import FormData, UploadFile

from ground import days, periods
from ground import kbo as kbo_number
from ground import ssin as ssin_number
from ground.errors import InvalidValue
from ground.lang import sentence
from web.words import Words

V = TypeVar("V")


class Problems(dict[str, str]):
    """The problems of a form, by field name, each a sentence (``ground.lang.sentence``); the first
    problem of a field is the one shown."""

    @classmethod
    def of(cls, found: Iterable[tuple[str, str]]) -> Problems:
        """The problems ``found``, as field and message."""
        problems = cls()
        for field, message in found:
            problems.add(field, message)
        return problems

    def add(self, field: str, message: str) -> None:
        self.setdefault(field, sentence(message))


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def secret(form: FormData, name: str) -> str:
    """A password field, exactly as typed (spaces included)."""
    value = form.get(name)
    return value if isinstance(value, str) else ""


def upload(form: FormData, name: str) -> UploadFile | None:
    """The file sent in field ``name``, if one was chosen."""
    value = form.get(name)
    return value if isinstance(value, UploadFile) and value.filename else None


def required_text(form: FormData, name: str, problems: Problems, t: Words) -> str:
    value = text(form, name)
    if not value:
        problems.add(name, t("required"))
    return value


def day(form: FormData, name: str, problems: Problems, t: Words, *, required: bool = True) -> dt.date | None:
    """A date written DD/MM/YYYY (or YYYY-MM-DD)."""
    return _validated(form, name, problems, t, days.validate, required=required)


def _validated(
    form: FormData, name: str, problems: Problems, t: Words, validate: Callable[[str], V], *, required: bool
) -> V | None:
    """The field's value as a ``ground`` module's ``validate`` reads it; its problem, in the user's
    language, added under the field's name otherwise."""
    value = required_text(form, name, problems, t) if required else text(form, name)
    if not value:
        return None
    try:
        return validate(value)
    except InvalidValue as wrong:
        problems.add(name, wrong.message(t.lang))
        return None


def period(form: FormData, names: tuple[str, str], problems: Problems, t: Words) -> tuple[dt.date, dt.date] | None:
    """Two dates, the second on or after the first (``ground.periods``)."""
    begin, end = (day(form, name, problems, t) for name in names)
    if begin is None or end is None or _reversed(begin, end, names[1], problems, t):
        return None
    return begin, end


def open_period(
    form: FormData, names: tuple[str, str], problems: Problems, t: Words
) -> tuple[dt.date | None, dt.date | None] | None:
    """Two dates, each of which may be left empty (from the first, to the last); when both are given,
    the second on or after the first (``ground.periods``). ``None`` when one is wrong."""
    begin, end = (day(form, name, problems, t, required=False) for name in names)
    if any(name in problems for name in names):
        return None
    if begin is not None and end is not None and _reversed(begin, end, names[1], problems, t):
        return None
    return begin, end


def _reversed(begin: dt.date, end: dt.date, field: str, problems: Problems, t: Words) -> bool:
    """Whether the period ends before it begins, said under ``field``."""
    try:
        periods.validate(begin, end)
    except periods.ReversedPeriod as reversed_days:
        problems.add(field, reversed_days.message(t.lang))
        return True
    return False


def ssin(form: FormData, name: str, problems: Problems, t: Words, *, required: bool = True) -> str | None:
    """An INSZ/NISS or BIS number in any written form, as 11 digits, its check digits verified (``ground.ssin``)."""
    return _validated(form, name, problems, t, ssin_number.validate, required=required)


def kbo(form: FormData, name: str, problems: Problems, t: Words) -> str | None:
    """A KBO/BCE number in any written form, as 10 digits, its check digits verified (``ground.kbo``)."""
    return _validated(form, name, problems, t, kbo_number.validate, required=True)
