"""KBO/BCE enterprise numbers, as the Crossroads Bank for Enterprises writes them: ``0207.654.333``.
The check digits are python-stdnum's (``stdnum.be.vat``).

>>> validate("0207.654.333"), format("0207654333")
('0207654333', '0207.654.333')
"""

from __future__ import annotations

import re

from stdnum import exceptions as stdnum_errors
from stdnum.be import vat

from ground.errors import InvalidChecksum, InvalidFormat, InvalidValue, problem_of
from ground.lang import Said

WRITTEN = re.compile(r" *[01][0-9]{3}(?:[ .]?[0-9]{3}){2} *")
"""A KBO number as people write it: 10 digits starting with 0 or 1, with or without dots or spaces
after the fourth and the seventh."""

NOT_A_KBO: Said = {
    "en": "'{written}' is not a KBO/BCE number: it has 10 digits starting with 0 or 1, such as 0207.654.333",
    "nl": "'{written}' is geen KBO-nummer: het heeft 10 cijfers en begint met 0 of 1, bv. 0207.654.333",
    "fr": "'{written}' n'est pas un numéro BCE : il a 10 chiffres et commence par 0 ou 1, p. ex. 0207.654.333",
}
WRONG_CHECK_DIGITS: Said = {
    "en": "KBO/BCE number {number} has wrong check digits: one of its digits is probably mistyped",
    "nl": "{number} is geen geldig KBO-nummer: wellicht is een cijfer verkeerd getypt; controleer de cijfers",
    "fr": "{number} n'est pas un numéro BCE valable : un chiffre est sans doute mal tapé ; vérifiez les chiffres",
}


def compact(text: str) -> str:
    """The 10 digits of a KBO number written in a form of ``WRITTEN``; ``InvalidFormat`` otherwise."""
    if not WRITTEN.fullmatch(text):
        raise InvalidFormat(NOT_A_KBO, written=text.strip())
    return re.sub("[^0-9]", "", text)


def validate(text: str) -> str:
    """The KBO number ``text`` writes, as 10 digits; ``InvalidFormat`` or ``InvalidChecksum`` otherwise.

    >>> validate("0207654334")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ground.errors.InvalidChecksum: KBO/BCE number 0207.654.334 has wrong check digits: ...
    """
    number = compact(text)
    try:
        vat.validate(number)
    except stdnum_errors.ValidationError:
        raise InvalidChecksum(WRONG_CHECK_DIGITS, number=format(number)) from None
    return number


def is_valid(text: str) -> bool:
    return problem(text) is None


def problem(text: str) -> InvalidValue | None:
    """The error ``validate`` raises for ``text`` (what is wrong with it as a KBO/BCE number), or ``None``."""
    return problem_of(validate, text)


def format(number: str) -> str:
    """A KBO number as people write it: ``0207.654.333``."""
    return f"{number[:4]}.{number[4:7]}.{number[7:]}" if len(number) == 10 else number
