"""Numbers written the way their readers write them, by Babel's Belgian locales: ``1.234`` and
``8,07`` in Dutch, ``1 234`` and ``8,07`` in French (a narrow no-break space between thousands).

>>> written(Decimal("12500.00"), "nl"), written(1234, "fr"), written(8.07, "nl")
('12.500,00', '1\\u202f234', '8,07')
"""

from __future__ import annotations

from decimal import Decimal

from babel import Locale
from babel.numbers import format_decimal

from ground.lang import LOCALES, Lang, Language

_BABEL_LOCALES: dict[Language, str] = {"nl": LOCALES["nl"], "fr": LOCALES["fr"], "en": "en_GB"}
"""English too, for the lines of the commands that have no ``--lang``."""


def written(value: int | float | Decimal, lang: Language) -> str:
    """``value`` in ``lang``: a whole number without decimals, a float with two, a ``Decimal`` with its own."""
    if isinstance(value, float):
        decimals = 2
    elif isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    else:
        decimals = 0
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return str(format_decimal(value, format=pattern, locale=_BABEL_LOCALES[lang], decimal_quantization=True))


_UNITS = {"nl": ("kB", "MB"), "fr": ("Ko", "Mo")}


def file_size(size: int, lang: Lang) -> str:
    """A size in bytes as people read it: ``64 kB`` under a mebibyte (at least 1), ``1,5 MB`` above
    it (one decimal under 10), ``Ko``/``Mo`` in French.

    >>> file_size(23_879, "nl"), file_size(65_536, "fr"), file_size(1_572_864, "nl"), file_size(128 * 2**20, "fr")
    ('23 kB', '64 Ko', '1,5 MB', '128 Mo')
    """
    kilo, mega = _UNITS[lang]
    if size < 2**20:
        return f"{written(max(1, size // 2**10), lang)} {kilo}"
    megabytes = Decimal(size) / 2**20
    shown = megabytes.quantize(Decimal("0.1")) if megabytes < 10 else megabytes.quantize(Decimal("1"))
    return f"{written(shown.normalize() if shown == shown.to_integral() else shown, lang)} {mega}"


Counted = dict[Language, tuple[str, str]]
"""A sentence about a number of things, in each language, in its singular and its plural form, with
``{n}`` for the number: ``{"nl": ("{n} aanvraag", "{n} aanvragen"), "fr": (...)}``; English for the
lines of a command without ``--lang``."""


def counted(forms: Counted, count: int, lang: Language, **named: object) -> str:
    """The form of ``forms`` that ``count`` takes in ``lang`` (by Babel's plural rules: in French 0
    and 1 are singular, in Dutch and English 1 only), the number written in ``lang``.

    >>> sent = {"nl": ("{n} aanvraag", "{n} aanvragen"), "fr": ("{n} demande", "{n} demandes")}
    >>> counted(sent, 0, "nl"), counted(sent, 0, "fr"), counted(sent, 1, "nl"), counted(sent, 1200, "fr")
    ('0 aanvragen', '0 demande', '1 aanvraag', '1\\u202f200 demandes')
    """
    one, other = forms[lang]
    form = one if Locale.parse(_BABEL_LOCALES[lang]).plural_form(count) == "one" else other
    return form.format(n=written(count, lang), **named)
