"""INSZ/NISS and BIS numbers, the identification numbers of the Belgian social security, as people
write them: ``92.02.14-162.06``, ``920214 162 06``, ``92021416206``. The check digits and the birth
date they hold are python-stdnum's (``stdnum.be.nn``, ``stdnum.be.bis``); this module picks between
the two, reads the written forms and says what is wrong in words people understand.

>>> validate("92.02.14-162.06"), format("92021416206")
('92021416206', '92.02.14-162.06')
"""

from __future__ import annotations

import datetime as dt
import re
from types import ModuleType

from stdnum import exceptions as stdnum_errors
from stdnum.be import bis, nn

from ground.errors import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidValue, problem_of
from ground.lang import Said

WRITTEN = re.compile(r" *[0-9](?:[ .\/\-]{0,3}[0-9]){10} *")
"""An INSZ as people write it: 11 digits (ASCII only), with or without dots, dashes, slashes and
spaces between them. The pages give the same expression to the browser as the field's ``pattern``.

>>> bool(WRITTEN.fullmatch("92.02.14-162.06")), bool(WRITTEN.fullmatch("²²²²²²²²²²²"))
(True, False)
"""

NOT_AN_SSIN: Said = {
    "en": "'{written}' is not an INSZ/NISS: an INSZ has 11 digits, such as 92.02.14-162.06",
    "nl": "'{written}' is geen INSZ: een INSZ heeft 11 cijfers, bv. 92.02.14-162.06",
    "fr": "'{written}' n'est pas un NISS : un NISS a 11 chiffres, p. ex. 92.02.14-162.06",
}
WRONG_CHECK_DIGITS: Said = {
    "en": "{kind_en} {number} has wrong check digits: one of its digits is probably mistyped; check it against "
    "the identity card or the register",
    "nl": "{number} is geen geldig {kind_nl}: wellicht is een cijfer verkeerd getypt; controleer de cijfers op de "
    "identiteitskaart of in het register",
    "fr": "{number} n'est pas un {kind_fr} valable : un chiffre est sans doute mal tapé ; vérifiez les chiffres sur la "
    "carte d'identité ou dans le registre",
}
NO_BIRTH_DATE: Said = {
    "en": "{kind_en} {number} does not hold a possible birth date: check its first six digits",
    "nl": "{kind_nl} {number} bevat geen mogelijke geboortedatum: controleer de eerste zes cijfers",
    "fr": "{kind_fr} {number} ne contient pas de date de naissance possible : vérifiez les six premiers chiffres",
}
_KINDS: dict[str, Said] = {
    "nn": {"en": "INSZ/NISS number", "nl": "INSZ", "fr": "NISS"},
    "bis": {"en": "BIS number", "nl": "BIS-nummer", "fr": "numéro BIS"},
}


def compact(text: str) -> str:
    """The 11 digits of an INSZ written in any of the forms of ``WRITTEN``; ``InvalidFormat`` otherwise
    (digits of other scripts, letters, too few or too many digits)."""
    if not WRITTEN.fullmatch(text):
        raise InvalidFormat(NOT_AN_SSIN, written=text.strip())
    return re.sub("[^0-9]", "", text)


def validate(text: str) -> str:
    """The INSZ or BIS number ``text`` writes, as 11 digits; ``InvalidFormat``, ``InvalidChecksum``
    or ``InvalidComponent`` (no possible birth date) otherwise.

    >>> validate("92.02.14-162.07")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ground.errors.InvalidChecksum: INSZ/NISS number 92.02.14-162.07 has wrong check digits: ...
    """
    number = compact(text)
    module = _module_of(number)
    kinds = {f"kind_{lang}": word for lang, word in _KINDS[module.__name__.rsplit(".", 1)[1]].items()}
    try:
        module.validate(number)
    except stdnum_errors.InvalidChecksum:
        raise InvalidChecksum(WRONG_CHECK_DIGITS, number=format(number), **kinds) from None
    except stdnum_errors.ValidationError:
        raise InvalidComponent(NO_BIRTH_DATE, number=format(number), **kinds) from None
    return number


def is_valid(text: str) -> bool:
    return problem(text) is None


def problem(text: str) -> InvalidValue | None:
    """The error ``validate`` raises for ``text`` (what is wrong with it as an INSZ or BIS number), or ``None``."""
    return problem_of(validate, text)


def format(number: str) -> str:
    """An INSZ as people write it: ``92.02.14-162.06``."""
    return nn.format(number) if len(number) == 11 else number


def gender(number: str) -> str | None:
    """``M`` or ``F`` as the number tells it (odd sequence number: M); a BIS number tells it only when
    its month is increased by 40. ``number`` is a valid, compact INSZ or BIS number."""
    said: str | None = _module_of(number).get_gender(number)
    return said


def birth_date(number: str) -> dt.date | None:
    """The birth date a valid, compact INSZ or BIS number holds (its century from the check digits), if known."""
    born: dt.date | None = _module_of(number).get_birth_date(number)
    return born


def _module_of(number: str) -> ModuleType:
    return bis if int(number[2:4]) >= 20 else nn
