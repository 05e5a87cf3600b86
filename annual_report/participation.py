"""Social and cultural participation, child poverty and recycled computers (seed 001): the
activities an OCMW charges to each measure, the caps that limit what is accepted, the control
overview per category, the personnel lump sum and the settlement of each measure.

What is accepted of each activity, in the order of imputation (then of the rows):

- small investments (an activity of participation marked as investment without a person: for the
  OCMW or for a partner organisation) at most €500 excl. VAT over the whole subsidy, all categories
  together (section 1.7.1);
- individual purchases (an investment of participation for a person) at most €500 excl. VAT per
  person (1.7.2);
- recycled computers at most €100 each (2.6, 2.8), from their own budget; what the budget cannot
  take may be charged to category 4 of participation (2.7), but never the part of one computer
  above €100.

Decisions where the manual is silent:
- The €500 caps of section 1.7 are those of participation: child poverty takes over only its
  personnel lump sum (3.8), and allows purchases such as glasses and hearing aids (3.6.1) that the
  cap would cut.
- A purchase for a person is an individual purchase only when marked as investment: a ticket or a
  membership paid for a person is an individual benefit, not a purchase.
- The overflow of recycled computers is counted in euro, after each computer's €100 cap: the
  purchases the recycled-computer budget cannot take are charged to category 4 of participation.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from annual_report.lump_sum import LumpSum, personnel_lump_sum
from annual_report.shared import ZERO, advance_of

INVESTMENT_CAP = Decimal("500.00")
PERSON_CAP = Decimal("500.00")
RECYCLED_PC_CAP = Decimal("100.00")
RECYCLED_PC_GUARANTEE = 12
"""Months the supplier guarantees a recycled computer for, at least (2.7)."""
ADVANCE_SHARE = Decimal("0.5")


class Measure(enum.StrEnum):
    PARTICIPATION = "participation"
    CHILD_POVERTY = "child_poverty"
    RECYCLED_PCS = "recycled_pcs"


class Category(enum.StrEnum):
    EVENTS = "events"
    """1.6.1 Taking part in social, cultural and sports events."""
    ASSOCIATIONS = "associations"
    """1.6.2 Taking part in social, cultural and sports associations."""
    INITIATIVES = "initiatives"
    """1.6.3 Initiatives of or for the target group."""
    ICT = "ict"
    """1.6.4 Access to the new information and communication technologies."""
    SOCIAL_PROGRAMMES = "social_programmes"
    SCHOOL_SUPPORT = "school_support"
    PSYCHOLOGICAL_SUPPORT = "psychological_support"
    PARAMEDICAL_SUPPORT = "paramedical_support"
    EDUCATIONAL_MATERIAL = "educational_material"
    COLLECTIVE_ACTIONS = "collective_actions"
    RECYCLED_PCS = "recycled_pcs"
    """2. Recycled computers: the number of computers as beneficiaries."""
    COLLECTIVE_MODULES = "collective_modules"
    """Part B of the participation and social activation subsidy (seed 000), from 2017."""


CATEGORIES: dict[Measure, tuple[Category, ...]] = {
    Measure.PARTICIPATION: (Category.EVENTS, Category.ASSOCIATIONS, Category.INITIATIVES, Category.ICT),
    Measure.CHILD_POVERTY: (
        Category.SOCIAL_PROGRAMMES,
        Category.SCHOOL_SUPPORT,
        Category.PSYCHOLOGICAL_SUPPORT,
        Category.PARAMEDICAL_SUPPORT,
        Category.EDUCATIONAL_MATERIAL,
        Category.COLLECTIVE_ACTIONS,
    ),
    Measure.RECYCLED_PCS: (Category.RECYCLED_PCS,),
}
OVERFLOW_CATEGORY = Category.ICT
"""Where the recycled computers the budget cannot take go (2.7)."""
COOPERATION_CATEGORIES = (Category.INITIATIVES, Category.ICT)
"""1.10.2: "if the OCMW enters into a cooperation, it is entered as an activity in the activity report
under category 3 or 4, stating that it is a cooperation agreement"."""


class Cap(enum.StrEnum):
    """The rule that did not accept (part of) an amount."""

    SMALL_INVESTMENTS = "small_investments"
    PERSON_PURCHASES = "person_purchases"
    RECYCLED_PC = "recycled_pc"
    RECYCLED_PC_BUDGET = "recycled_pc_budget"


@dataclass(frozen=True)
class Activity:
    measure: Measure
    category: Category
    imputation_date: date
    description: str
    beneficiaries: int
    """Persons helped; for recycled computers, the number of computers."""
    amount: Decimal
    """The amount charged to the subsidy (not the invoice's when it is higher)."""
    invoice: Decimal | None = None
    investment: bool = False
    person: str | None = None
    """The INSZ of the person an individual purchase is for."""
    partner: str = ""
    """The partner organisation the activity or investment is for, if any."""
    guarantee_months: int = 0
    """The supplier's guarantee on a recycled computer, in months (0: none given)."""
    row: int | None = None


@dataclass(frozen=True)
class Cut:
    """Part of an activity's amount that a cap did not accept."""

    row: int | None
    cap: Cap
    amount: Decimal


@dataclass(frozen=True)
class Accepted:
    activity: Activity
    amount: Decimal


@dataclass(frozen=True)
class Cooperation:
    """Another OCMW sharing a staff member for the personnel lump sum (1.10, 1.12.2)."""

    ocmw: str
    decree: Decimal
    justified: Decimal
    council_decision: date | None = None
    """The day that OCMW's council decided on the cooperation (1.12.2)."""
    requested: Decimal | None = None
    """The personnel lump sum that OCMW asks (1.12.2)."""


@dataclass(frozen=True)
class MeasureSettings:
    decree: Decimal
    """The amount of the royal decree."""
    registered: Decimal | None = None
    """The amount asked at registration, when the OCMW registered."""
    lump_sum_asked: bool = False
    cooperations: tuple[Cooperation, ...] = ()
    council_decision: date | None = None
    """In a cooperation, the day the OCMW's council decided on it (1.12.2)."""
    requested: Decimal | None = None
    """In a cooperation, the personnel lump sum the OCMW asks (1.12.2)."""


@dataclass(frozen=True)
class ParticipationReport:
    year: int
    ocmw: str
    measures: dict[Measure, MeasureSettings]
    activities: tuple[Activity, ...]


@dataclass(frozen=True)
class Overview:
    """One line of the control overview: a category's beneficiaries and amounts."""

    beneficiaries: int = 0
    entered: Decimal = ZERO
    accepted: Decimal = ZERO

    def plus(self, beneficiaries: int, entered: Decimal, accepted: Decimal) -> Overview:
        return Overview(self.beneficiaries + beneficiaries, self.entered + entered, self.accepted + accepted)


@dataclass(frozen=True)
class PartnerLumpSum:
    cooperation: Cooperation
    lump_sum: LumpSum


@dataclass(frozen=True)
class MeasureSettlement:
    measure: Measure
    decree: Decimal
    overview: dict[Category, Overview]
    accepted: Decimal
    """What the caps accept of the activities (with, for participation, the recycled-computer overflow)."""
    justified: Decimal
    """The accepted amount, at most the royal decree's amount."""
    lump_sum: LumpSum | None
    """None for recycled computers, which have no lump sum."""
    partners: tuple[PartnerLumpSum, ...]
    small_investments: Decimal | None
    """The small investments accepted (at most €500); None for the other measures, which section
    1.7's cap does not concern."""
    used: Decimal
    """Justified plus the lump sum."""
    unused: Decimal
    """The royal decree's amount less what is used: not carried over, paid back."""
    advance: Decimal
    balance: Decimal
    """Still to be paid to the OCMW (positive) or to be paid back by it (negative)."""


@dataclass(frozen=True)
class Settlement:
    measures: dict[Measure, MeasureSettlement]
    cuts: tuple[Cut, ...]
    overflow: Decimal
    """Recycled-computer purchases the budget could not take, charged to category 4 of participation
    (without a participation measure, they are a cut)."""


def settle(report: ParticipationReport) -> Settlement:
    """The accepted amounts, the control overview and the settlement of every measure in the report."""
    accepted, cuts = apply_caps(report.activities)
    excess = overflow = ZERO
    settlements: dict[Measure, MeasureSettlement] = {}
    recycled = report.measures.get(Measure.RECYCLED_PCS)
    if recycled is not None:
        computers = sum((item.amount for item in accepted if item.activity.measure is Measure.RECYCLED_PCS), ZERO)
        excess = max(computers - recycled.decree, ZERO)
        if Measure.PARTICIPATION in report.measures:
            overflow = excess
        elif excess:
            cuts.append(Cut(None, Cap.RECYCLED_PC_BUDGET, excess))
    for measure, settings in report.measures.items():
        settlements[measure] = _settle_measure(
            measure, settings, [item for item in accepted if item.activity.measure is measure], excess, overflow
        )
    cuts.sort(key=lambda cut: (cut.row or 0, cut.cap))
    return Settlement(measures=settlements, cuts=tuple(cuts), overflow=overflow)


def apply_caps(activities: Iterable[Activity]) -> tuple[list[Accepted], list[Cut]]:
    """What each activity is accepted for, in the order of imputation, and what the caps cut."""
    accepted: list[Accepted] = []
    cuts: list[Cut] = []
    investments = ZERO
    purchases: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for activity in sorted(activities, key=lambda item: (item.imputation_date, item.row or 0)):
        amount = activity.amount
        if activity.measure is Measure.RECYCLED_PCS:
            amount, cut = _within(amount, RECYCLED_PC_CAP * activity.beneficiaries)
            _record(cuts, activity, Cap.RECYCLED_PC, cut)
        elif activity.measure is not Measure.PARTICIPATION or not activity.investment:
            pass  # the caps of section 1.7 are those of participation's investments
        elif activity.person is None:
            amount, cut = _within(amount, INVESTMENT_CAP - investments)
            investments += amount
            _record(cuts, activity, Cap.SMALL_INVESTMENTS, cut)
        else:
            amount, cut = _within(amount, PERSON_CAP - purchases[activity.person])
            purchases[activity.person] += amount
            _record(cuts, activity, Cap.PERSON_PURCHASES, cut)
        accepted.append(Accepted(activity, amount))
    return accepted, cuts


def _within(amount: Decimal, room: Decimal) -> tuple[Decimal, Decimal]:
    """The part of ``amount`` that fits in ``room``, and the rest."""
    kept = min(amount, max(room, ZERO))
    return kept, amount - kept


def _record(cuts: list[Cut], activity: Activity, cap: Cap, amount: Decimal) -> None:
    if amount > 0:
        cuts.append(Cut(activity.row, cap, amount))


def _settle_measure(
    measure: Measure, settings: MeasureSettings, accepted: list[Accepted], excess: Decimal, overflow: Decimal
) -> MeasureSettlement:
    overview = dict.fromkeys(CATEGORIES[measure], Overview())
    for item in accepted:
        activity = item.activity
        overview[activity.category] = overview[activity.category].plus(
            activity.beneficiaries, activity.amount, item.amount
        )
    if measure is Measure.PARTICIPATION and overflow:
        overview[OVERFLOW_CATEGORY] = overview[OVERFLOW_CATEGORY].plus(0, ZERO, overflow)
    if measure is Measure.RECYCLED_PCS:
        line = overview[Category.RECYCLED_PCS]
        overview[Category.RECYCLED_PCS] = Overview(line.beneficiaries, line.entered, line.accepted - excess)
    total = sum((line.accepted for line in overview.values()), ZERO)
    justified = min(total, settings.decree)
    lump_sum, partners = _lump_sums(measure, settings, justified)
    used = justified + (lump_sum.amount if lump_sum else ZERO)
    advance = ZERO if measure is Measure.RECYCLED_PCS else advance_of(settings.decree, ADVANCE_SHARE)
    return MeasureSettlement(
        measure=measure,
        decree=settings.decree,
        overview=overview,
        accepted=total,
        justified=justified,
        lump_sum=lump_sum,
        partners=partners,
        small_investments=sum(
            (item.amount for item in accepted if item.activity.investment and item.activity.person is None), ZERO
        )
        if measure is Measure.PARTICIPATION
        else None,
        used=used,
        unused=settings.decree - used,
        advance=advance,
        balance=used - advance,
    )


def _lump_sums(
    measure: Measure, settings: MeasureSettings, justified: Decimal
) -> tuple[LumpSum | None, tuple[PartnerLumpSum, ...]]:
    if measure is Measure.RECYCLED_PCS:
        return None, ()
    cooperation_total = (
        settings.decree + sum((partner.decree for partner in settings.cooperations), ZERO)
        if settings.cooperations
        else None
    )
    own = personnel_lump_sum(
        settings.decree,
        justified,
        registered=settings.registered,
        cooperation_total=cooperation_total,
        asked=settings.lump_sum_asked,
    )
    partners = tuple(
        PartnerLumpSum(
            partner, personnel_lump_sum(partner.decree, partner.justified, cooperation_total=cooperation_total)
        )
        for partner in settings.cooperations
    )
    return own, partners
