"""The personnel lump sum (personeelsforfait) of section 1.12 of the manual on social and cultural
participation (seed 001), which the child-poverty measure (its section 3.8) and the participation
and social activation subsidy (seed 000, indicators 13 and 14) take over.

An OCMW whose subsidy is €25 000 or more, or that cooperates with other OCMWs whose subsidies
together are €25 000 or more, may ask for 10 % of its justified amount, on three conditions: the
justified amount counts up to the royal decree's amount only; the lump sum is at most 10 % of it;
and the justified amount and the lump sum together stay within the royal decree's amount.

The manual's examples, each a test:

>>> alone = Decimal("27000.00")
>>> personnel_lump_sum(alone, Decimal("26000.00"), registered=Decimal("20000.00")).amount
Decimal('0.00')
>>> personnel_lump_sum(alone, Decimal("26000.00")).amount
Decimal('1000.00')
>>> personnel_lump_sum(alone, Decimal("35000.00")).amount
Decimal('0.00')
>>> cooperation = Decimal("27000.00")
>>> [personnel_lump_sum(Decimal(decree), Decimal(justified), cooperation_total=cooperation).amount
...  for decree, justified in (("5000", "4500"), ("10000", "11000"), ("12000", "10000"))]
[Decimal('450.00'), Decimal('0.00'), Decimal('1000.00')]

Decision: example 1 has no lump sum although its royal-decree amount (27 000) is above the
threshold; what it asked at registration (20 000) is not. The subsidy an OCMW has a right to is
therefore taken as the smaller of the two for the threshold; the caps use the royal decree's amount,
as the text says.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from annual_report.shared import CENT, ZERO

THRESHOLD = Decimal("25000.00")
RATE = Decimal("0.10")


class LumpSumOutcome(enum.StrEnum):
    NOT_ASKED = "not_asked"
    """The OCMW did not ask for it (the application's default)."""
    BELOW_THRESHOLD = "below_threshold"
    """The subsidy, alone or of the cooperation, is under €25 000."""
    GRANTED = "granted"
    """The full 10 % of the justified amount."""
    LIMITED = "limited"
    """Less than 10 %: the justified amount and the lump sum together reach the royal decree's amount."""


@dataclass(frozen=True)
class LumpSum:
    outcome: LumpSumOutcome
    ten_percent: Decimal
    """10 % of the justified amount (counted up to the royal decree's amount)."""
    amount: Decimal
    """What the OCMW receives."""


def personnel_lump_sum(
    decree: Decimal,
    justified: Decimal,
    *,
    registered: Decimal | None = None,
    cooperation_total: Decimal | None = None,
    asked: bool = True,
) -> LumpSum:
    """The lump sum of an OCMW with ``decree`` as its royal decree's amount and ``justified`` as
    what its activities justify; ``registered`` is what it asked at registration (when asked),
    ``cooperation_total`` the sum of the royal decree's amounts of the cooperating OCMWs (itself
    included) when it shares a staff member with them."""
    counted = min(justified, decree)
    ten_percent = (counted * RATE).quantize(CENT, ROUND_HALF_UP)
    entitled = decree if registered is None else min(decree, registered)
    if not asked:
        return LumpSum(LumpSumOutcome.NOT_ASKED, ten_percent, ZERO)
    if entitled < THRESHOLD and (cooperation_total is None or cooperation_total < THRESHOLD):
        return LumpSum(LumpSumOutcome.BELOW_THRESHOLD, ten_percent, ZERO)
    room = (decree - counted).quantize(CENT)
    if ten_percent <= room:
        return LumpSum(LumpSumOutcome.GRANTED, ten_percent, ten_percent)
    return LumpSum(LumpSumOutcome.LIMITED, ten_percent, room)
