"""The cluster plan for small OCMWs (Clusterplan voor kleine OCMW's): the financial report, the
training counts and the settlement of the subsidy.

The manual (seed 002, section 7.3) computes, per cost line, the cluster-subsidy share as
``total - OCMW share - public share - income`` (its worked example: 50 000 total, 30 000 public,
20 000 cluster share). Its description of the total column ("the sum of the OCMW share, the cluster
subsidy and the public share minus income") does not agree with that formula for lines with income;
the formula, which the form computes, is the one followed.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from decimal import Decimal

from annual_report.shared import ZERO, Agreement, advance_of

SUBSIDY = Decimal("12500.00")
"""The subsidy per cluster and per year."""
ADVANCE_SHARE = Decimal("0.75")
"""The advance paid once the agreement is made: 75 % of the subsidy."""
CONTENT_LIMIT = 3000
"""Characters the cluster promoter has to describe the year's work."""


class CostCategory(enum.StrEnum):
    """The five cost categories of the financial report; investment costs are not accepted."""

    PERSONNEL = "personnel"
    ACTIVATED_WAGES = "activated_wages"
    THIRD_PARTIES = "third_parties"
    TRAINING = "training"
    OPERATING = "operating"


class TrainingCount(enum.StrEnum):
    """The training part's counts of persons, entered by the promoter (section 7.2)."""

    SOCIO_PROFESSIONAL_ASSESSMENT = "socio_professional_assessment"
    COLLECTIVE_PRELIMINARY_TRAINING = "collective_preliminary_training"
    QUALIFYING_VOCATIONAL_TRAINING = "qualifying_vocational_training"
    INTERNSHIP_BEFORE_ARTICLE_60 = "internship_before_article_60"
    ALTERNATING_WORK_AND_TRAINING = "alternating_work_and_training"
    INDIVIDUAL_VOCATIONAL_TRAINING = "individual_vocational_training"
    SOCIAL_ACTIVATION = "social_activation"
    """Optional in the form."""


class ActivatedFrom(enum.StrEnum):
    """Where the total of activated persons comes from."""

    RECOVERY_DATABASE = "recovery_database"
    """The administration's recovery database (terugvorderingsdatabank), which fills the quantitative
    part of the form, counted from 1 December to 30 November (section 7.2)."""
    TRAINING_COUNTS = "training_counts"
    """The sum of the training counts the promoter enters, when the database's figure is not given."""


def recovery_period(year: int) -> tuple[dt.date, dt.date]:
    """The period the recovery database counts for ``year``: 1 December before it to 30 November.

    >>> recovery_period(2025)
    (datetime.date(2024, 12, 1), datetime.date(2025, 11, 30))
    """
    return dt.date(year - 1, 12, 1), dt.date(year, 11, 30)


@dataclass(frozen=True)
class CostLine:
    category: CostCategory
    description: str
    total: Decimal
    ocmw_share: Decimal
    public_share: Decimal
    income: Decimal
    row: int | None = None
    """Where the line was read, for messages."""

    @property
    def cluster_share(self) -> Decimal:
        """What the cluster subsidy pays: what no other column covers."""
        return self.total - self.ocmw_share - self.public_share - self.income


AMOUNT_FIELDS = ("total", "ocmw_share", "public_share", "income", "cluster_share")
"""The columns of the financial report, in the form's order."""


@dataclass(frozen=True)
class Amounts:
    """The five columns of the financial report, for a category or for all."""

    total: Decimal
    ocmw_share: Decimal
    public_share: Decimal
    income: Decimal
    cluster_share: Decimal

    @classmethod
    def of(cls, lines: list[CostLine]) -> Amounts:
        return cls(
            total=sum((line.total for line in lines), ZERO),
            ocmw_share=sum((line.ocmw_share for line in lines), ZERO),
            public_share=sum((line.public_share for line in lines), ZERO),
            income=sum((line.income for line in lines), ZERO),
            cluster_share=sum((line.cluster_share for line in lines), ZERO),
        )


@dataclass(frozen=True)
class ClusterReport:
    """What the promoter enters for a year."""

    year: int
    promoter: str
    members: tuple[str, ...]
    content: str
    cooperations: tuple[Agreement, ...]
    training: dict[TrainingCount, int]
    costs: tuple[CostLine, ...]
    subsidy: Decimal = SUBSIDY
    activated_persons: int | None = None
    """The activated persons of the recovery database, when given."""


@dataclass(frozen=True)
class Settlement:
    """The computed fields of the form."""

    by_category: dict[CostCategory, Amounts]
    totals: Amounts
    subsidy: Decimal
    justified: Decimal
    """The part of the subsidy the cluster shares show, at most the subsidy."""
    unjustified: Decimal
    """The subsidy less what the cluster shares show, never below 0 (to be paid back)."""
    advance: Decimal
    balance: Decimal
    """Still to be paid to the cluster (positive) or paid back by it (negative)."""
    activated_persons: int
    activated_from: ActivatedFrom


def settle(report: ClusterReport) -> Settlement:
    """The computed fields: per category and in total, the justified and unjustified parts of the
    subsidy, the advance and the balance, the total of activated persons (the recovery database's
    when given, else the sum of the training counts)."""
    by_category = {
        category: Amounts.of([line for line in report.costs if line.category is category]) for category in CostCategory
    }
    totals = Amounts.of(list(report.costs))
    justified = min(max(totals.cluster_share, ZERO), report.subsidy)
    advance = advance_of(report.subsidy, ADVANCE_SHARE)
    return Settlement(
        by_category=by_category,
        totals=totals,
        subsidy=report.subsidy,
        justified=justified,
        unjustified=report.subsidy - justified,
        advance=advance,
        balance=justified - advance,
        activated_persons=sum(report.training.values())
        if report.activated_persons is None
        else report.activated_persons,
        activated_from=ActivatedFrom.TRAINING_COUNTS
        if report.activated_persons is None
        else ActivatedFrom.RECOVERY_DATABASE,
    )
