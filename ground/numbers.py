"""Numbers written the way their readers write them, by Babel's Belgian locales: ``1.234`` and
``8,07`` in Dutch, ``1 234`` and ``8,07`` in French (a narrow no-break space between thousands).

>>> written(Decimal("12500.00"), "nl"), written(1234, "fr"), written(8.07, "nl")
('12.500,00', '1\\u202f234', '8,07')
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal

from ground.lang import LOCALES, Lang


def written(value: int | float | Decimal, lang: Lang) -> str:
    """``value`` in ``lang``: a whole number without decimals, a float with two, a ``Decimal`` with its own."""
    if isinstance(value, float):
        decimals = 2
    elif isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    else:
        decimals = 0
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return str(format_decimal(value, format=pattern, locale=LOCALES[lang], decimal_quantization=True))
