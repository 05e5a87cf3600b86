"""What the subsidy parts share: amounts in euro to the cent, the part of an amount paid in advance,
and the cooperation agreements they list."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def advance_of(amount: Decimal, share: Decimal) -> Decimal:
    """``share`` of ``amount`` paid in advance, to the cent below: an advance is "at most" that share.

    >>> advance_of(Decimal("12500.00"), Decimal("0.75")), advance_of(Decimal("1000.03"), Decimal("0.5"))
    (Decimal('9375.00'), Decimal('500.01'))
    """
    return (amount * share).quantize(CENT, ROUND_DOWN)


@dataclass(frozen=True)
class Agreement:
    """A cooperation agreement: the partner, and the kind of agreement."""

    partner: str
    kind: str
