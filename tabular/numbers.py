"""Numbers in figures and tables written the way their readers write them."""

from __future__ import annotations

from decimal import Decimal
from typing import cast

from ground.lang import Lang


def written_number(value: int | float | Decimal, lang: str) -> str:
    """``1.234`` and ``8,07`` in Dutch, ``1 234`` and ``8,07`` in French (a narrow no-break space
    between thousands), as ``ground.numbers.written`` writes them; ``1,234`` and ``8.07`` in English.
    Floats get two decimals; a ``Decimal`` keeps its own.

    >>> written_number(Decimal("12500.00"), "nl"), written_number(1234, "fr"), written_number(8.07, "en")
    ('12.500,00', '1\\u202f234', '8.07')
    """
    if lang == "en":
        return f"{value:,.2f}" if isinstance(value, float) else f"{value:,}"
    from ground.numbers import written  # Babel's number data only once a number is written

    return written(value, cast(Lang, lang))
