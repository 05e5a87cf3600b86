"""The participation and social activation subsidy (PSA, from 2017): the result indicators 1-15 of
the circular of 29 May 2017 (seed 000), from what an OCMW enters per activity in the three parts:
A social integration, B collective modules, C child poverty.

An OCMW granted less than €7 500 only justifies its spending per part: it gets the totals per part
and no indicators.

Decisions where the circular is silent or the data cannot say more:
- "Per activity" is per kind of activity of a part (the form's subdivision of parts A and C; part B
  has one kind), the level at which the application asks the figures.
- Beneficiaries of a part are the sum of its activities' beneficiaries (a person helped in two
  activities counts twice, as in the application's own totals).
- The grant is one amount for the three parts: the spending rate of a part or an activity is its
  spending as a share of the grant, and the overrun rate (10) is of the whole grant.
- The unused rate (9) "per part and per activity" needs to know what each was meant to get: the OCMW
  divides its grant over the kinds of activity (``allocated``, at most the grant), and the unused
  amount of an activity or a part is its allocation less its spending, never below 0, shown as a
  share of the grant like the other rates. For the whole grant it is 100 less the spending rate.
- Indicator 12 concerns OCMWs granted €5 000 or less, which are exempt from the others; it is given
  for them, from the totals per part that they do enter, with their lump sum (which an exempt OCMW
  in a cooperation of €25 000 or more may have).
- The personnel lump sum (13, 14) follows section 1.12 of the participation manual (seed 001):
  10 % of the justified amount, with its threshold and caps (``annual_report.lump_sum``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from annual_report.lump_sum import LumpSum, personnel_lump_sum
from annual_report.participation import CATEGORIES, Category, Measure
from annual_report.shared import CENT, ZERO, Agreement

EXEMPTION_LIMIT = Decimal("7500.00")
SMALL_SUBSIDY = Decimal("5000.00")


class Part(enum.StrEnum):
    SOCIAL_INTEGRATION = "A"
    COLLECTIVE_MODULES = "B"
    CHILD_POVERTY = "C"


KINDS: dict[Part, tuple[Category, ...]] = {
    Part.SOCIAL_INTEGRATION: CATEGORIES[Measure.PARTICIPATION],
    Part.COLLECTIVE_MODULES: (Category.COLLECTIVE_MODULES,),
    Part.CHILD_POVERTY: CATEGORIES[Measure.CHILD_POVERTY],
}
"""The kinds of activity of each part: those of participation and child poverty before 2017."""


class LumpSumKind(enum.StrEnum):
    NONE = "none"
    OWN = "own"
    """10 % for the OCMW's own staff, without external cooperation (indicator 13)."""
    EXTERNAL = "external"
    """10 % for external staff shared in a cooperation (indicator 14)."""


@dataclass(frozen=True)
class PsaActivity:
    part: Part
    kind: Category | None
    """None for an exempt OCMW's total of a part."""
    description: str
    spent: Decimal
    beneficiaries: int = 0
    with_integration_right: int = 0
    with_trajectory: int = 0
    personnel_costs: Decimal = ZERO
    dropouts: int = 0
    progressed: int = 0
    row: int | None = None


@dataclass(frozen=True)
class PsaSettings:
    year: int
    ocmw: str
    granted: Decimal
    lump_sum: LumpSumKind = LumpSumKind.NONE
    cooperation_total: Decimal | None = None
    """The royal-decree amounts of the OCMWs sharing staff, this one included (for ``EXTERNAL``)."""
    agreements: tuple[Agreement, ...] = ()
    """The formal cooperation agreements (indicator 15)."""
    allocated: dict[Category, Decimal] = field(default_factory=dict)
    """How the OCMW divides its grant over the kinds of activity (indicator 9); none for a kind not
    named."""

    @property
    def exempt(self) -> bool:
        return self.granted < EXEMPTION_LIMIT


@dataclass(frozen=True)
class Group:
    """The figures of a part or of a kind of activity."""

    beneficiaries: int
    with_integration_right: int
    with_trajectory: int
    spent: Decimal
    personnel_costs: Decimal
    average_cost: Decimal | None
    """Indicators 3 and 4: spending per beneficiary."""
    spending_rate: Decimal | None
    """Indicator 8: spending as a percentage of the grant."""
    personnel_share: Decimal | None
    """Indicator 11: personnel costs as a percentage of spending."""
    allocated: Decimal
    """What the OCMW allocated of its grant here."""
    unused: Decimal
    """The allocation less the spending, never below 0."""
    unused_rate: Decimal | None
    """Indicator 9: the unused amount as a percentage of the grant."""


@dataclass(frozen=True)
class CollectiveModules:
    """Indicators 5, 5.1 and 5.2."""

    participants: int
    dropouts: int
    progressed: int


@dataclass(frozen=True)
class GrantUse:
    """What every OCMW justifies of its grant, exempt or not."""

    granted: Decimal
    """Indicator 6."""
    spent: Decimal
    justified: Decimal
    """Indicator 7: the spending, at most the grant."""
    lump_sum_kind: LumpSumKind
    lump_sum: LumpSum
    """Indicators 13 and 14."""
    used: Decimal
    """The justified amount and the lump sum."""

    @property
    def lump_sum_rate(self) -> Decimal | None:
        """How much of the 10 % the lump sum is (indicators 13 and 14: "mate van besteding")."""
        return percentage(self.lump_sum.amount, self.lump_sum.ten_percent)


@dataclass(frozen=True)
class Indicators:
    grant: GrantUse
    spending_rate: Decimal | None
    """Indicator 8 for the whole grant: justified amount and lump sum."""
    unused_rate: Decimal | None
    """Indicator 9."""
    overrun_rate: Decimal | None
    """Indicator 10: spending above the grant, as a percentage of it."""
    parts: dict[Part, Group]
    kinds: dict[Category, Group]
    collective_modules: CollectiveModules
    agreements: int
    """Indicator 15."""


@dataclass(frozen=True)
class PsaReport:
    settings: PsaSettings
    totals: dict[Part, Decimal]
    """What was spent per part: what every OCMW justifies."""
    grant: GrantUse
    small_subsidy_spending_rate: Decimal | None
    """Indicator 12, for an OCMW granted €5 000 or less."""
    indicators: Indicators | None
    """None for an OCMW granted less than €7 500."""


def percentage(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """``part`` as a percentage of ``whole``, to one decimal; None when ``whole`` is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def per_person(amount: Decimal, persons: int) -> Decimal | None:
    return (amount / persons).quantize(CENT, ROUND_HALF_UP) if persons else None


def report(settings: PsaSettings, activities: Iterable[PsaActivity]) -> PsaReport:
    rows = list(activities)
    totals = {part: sum((row.spent for row in rows if row.part is part), ZERO) for part in Part}
    grant = _grant_use(settings, sum(totals.values(), ZERO))
    return PsaReport(
        settings=settings,
        totals=totals,
        grant=grant,
        small_subsidy_spending_rate=percentage(grant.used, grant.granted) if grant.granted <= SMALL_SUBSIDY else None,
        indicators=None if settings.exempt else _indicators(settings, rows, grant),
    )


def _grant_use(settings: PsaSettings, spent: Decimal) -> GrantUse:
    justified = min(spent, settings.granted)
    lump_sum = personnel_lump_sum(
        settings.granted,
        justified,
        cooperation_total=settings.cooperation_total if settings.lump_sum is LumpSumKind.EXTERNAL else None,
        asked=settings.lump_sum is not LumpSumKind.NONE,
    )
    return GrantUse(
        granted=settings.granted,
        spent=spent,
        justified=justified,
        lump_sum_kind=settings.lump_sum,
        lump_sum=lump_sum,
        used=justified + lump_sum.amount,
    )


def _indicators(settings: PsaSettings, rows: list[PsaActivity], grant: GrantUse) -> Indicators:
    granted = grant.granted
    spending_rate = percentage(grant.used, granted)
    modules = [row for row in rows if row.part is Part.COLLECTIVE_MODULES]
    return Indicators(
        grant=grant,
        spending_rate=spending_rate,
        unused_rate=None if spending_rate is None else 100 - spending_rate,  # the two add up to 100, rounded once
        overrun_rate=percentage(max(grant.spent - granted, ZERO), granted),
        parts={
            part: _group([row for row in rows if row.part is part], granted, _allocated(settings, KINDS[part]))
            for part in Part
        },
        kinds={
            kind: _group([row for row in rows if row.kind is kind], granted, _allocated(settings, (kind,)))
            for part in Part
            for kind in KINDS[part]
        },
        collective_modules=CollectiveModules(
            participants=sum(row.beneficiaries for row in modules),
            dropouts=sum(row.dropouts for row in modules),
            progressed=sum(row.progressed for row in modules),
        ),
        agreements=len(settings.agreements),
    )


def _allocated(settings: PsaSettings, kinds: Iterable[Category]) -> Decimal:
    return sum((settings.allocated.get(kind, ZERO) for kind in kinds), ZERO)


def _group(rows: list[PsaActivity], granted: Decimal, allocated: Decimal) -> Group:
    beneficiaries = sum(row.beneficiaries for row in rows)
    spent = sum((row.spent for row in rows), ZERO)
    personnel = sum((row.personnel_costs for row in rows), ZERO)
    unused = max(allocated - spent, ZERO)
    return Group(
        beneficiaries=beneficiaries,
        with_integration_right=sum(row.with_integration_right for row in rows),
        with_trajectory=sum(row.with_trajectory for row in rows),
        spent=spent,
        personnel_costs=personnel,
        average_cost=per_person(spent, beneficiaries),
        spending_rate=percentage(spent, granted),
        personnel_share=percentage(personnel, spent),
        allocated=allocated,
        unused=unused,
        unused_rate=percentage(unused, granted),
    )
