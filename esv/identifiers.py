"""Belgian identifiers of the exchange: INSZ/NISS and BIS numbers, KBO/BCE enterprise numbers.

The check digits are python-stdnum's (``stdnum.be.nn``, ``stdnum.be.bis``, ``stdnum.be.vat``); this
module only turns its verdicts into sentences for people and picks between INSZ and BIS.
"""

from __future__ import annotations

import re
from datetime import date
from types import ModuleType

from stdnum import exceptions as stdnum_errors
from stdnum.be import bis, nn, vat

WRITTEN_SSIN = re.compile(r" *[0-9](?:[ .\/\-]{0,3}[0-9]){10} *")
"""An INSZ as people write it: 11 digits (ASCII only), with or without dots, dashes, slashes and
spaces between them (``92.02.14-162.06``, ``920214 162 06``, ``92021416206``). The pages give the same
expression to the browser as the field's ``pattern``.

>>> bool(WRITTEN_SSIN.fullmatch("92.02.14-162.06")), bool(WRITTEN_SSIN.fullmatch("²²²²²²²²²²²"))
(True, False)
"""


def ssin_problem(value: str) -> str | None:
    """Why ``value`` is not a valid INSZ/NISS or BIS number, or ``None`` when it is.

    >>> ssin_problem("85073003328") is None
    True
    >>> ssin_problem("85073003329")[:40]
    'INSZ/NISS number 850730 033 29 has wrong'
    >>> ssin_problem("٨٥٠٧٣٠٠٣٣٢٨")
    "'٨٥٠٧٣٠٠٣٣٢٨' is not an INSZ/NISS or BIS number: it must be 11 digits"
    """
    number = ssin_digits(value) if WRITTEN_SSIN.fullmatch(value) else ""
    if len(number) != 11:
        return f"{value!r} is not an INSZ/NISS or BIS number: it must be 11 digits"
    module = _module_of(number)
    kind = "BIS" if module is bis else "INSZ/NISS"
    try:
        module.validate(number)
    except stdnum_errors.InvalidChecksum:
        return (
            f"{kind} number {format_ssin(number)} has wrong check digits: the last two digits must be"
            " 97 minus the first nine digits modulo 97 (with a 2 in front for births from 2000)"
        )
    except stdnum_errors.ValidationError:
        return f"{kind} number {format_ssin(number)} does not hold a possible birth date"
    return None


def kbo_problem(value: str) -> str | None:
    """Why ``value`` is not a valid KBO/BCE enterprise number, or ``None`` when it is.

    >>> kbo_problem("0216695822") is None
    True
    """
    try:
        vat.validate(value)
    except stdnum_errors.InvalidChecksum:
        return (
            f"KBO/BCE number {value} has wrong check digits: the last two digits must be"
            " 97 minus the first eight digits modulo 97"
        )
    except stdnum_errors.ValidationError:
        return f"{value!r} is not a KBO/BCE number: it must be 10 digits starting with 0 or 1"
    return None


def ssin_digits(value: str) -> str:
    """The digits of an INSZ as typed or printed (``92.02.14-162.06``, ``920214 162 06``), ASCII
    digits only; whether they make a valid number is ``ssin_problem``'s to say.

    >>> ssin_digits("92.02.14-162.06"), ssin_digits("٩٢٠٢١٤١٦٢٠٦")
    ('92021416206', '')
    """
    return re.sub("[^0-9]", "", value)


def format_ssin(value: str) -> str:
    """An INSZ the way the screens write it: ``920501 481 01``."""
    return f"{value[:6]} {value[6:9]} {value[9:]}" if len(value) == 11 else value


def _module_of(number: str) -> ModuleType:
    return bis if int(number[2:4]) >= 20 else nn


def ssin_gender(number: str) -> str | None:
    """``M`` or ``F`` as the INSZ tells it (odd sequence number: M); a BIS number tells it only when
    its month is increased by 40. ``number`` is a valid, compact INSZ or BIS number."""
    gender: str | None = _module_of(number).get_gender(number)
    return gender


def ssin_birth_date(number: str) -> date | None:
    """The birth date an INSZ or BIS number holds (its century from the check digits), if known."""
    birth: date | None = _module_of(number).get_birth_date(number)
    return birth
