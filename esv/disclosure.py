"""What a responder discloses: the decisions of the requested period and, with consent, the GPMI.

Plain functions over plain values, with no storage behind them: the responder of the exchange
loads a person's records and calls these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from esv.codes import GpmiKind, WithheldReason
from esv.model import Consent, ContractPdf, Decision, Gpmi, GpmiWithheld, Period

BELGIAN_TIME = ZoneInfo("Europe/Brussels")


@dataclass(frozen=True, kw_only=True)
class GpmiVersion:
    """One version of a GPMI contract as the OCMW keeps it; a draft has no ``validated_on``. Its PDF
    is asked for only when this version is the one to send (``disclose_gpmi``'s ``contract_pdf``)."""

    version: int
    kind: GpmiKind
    start: date
    end: date
    validated_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class GpmiContract:
    """A GPMI contract with all its versions."""

    contract_id: str
    versions: tuple[GpmiVersion, ...]

    def latest_validated(self) -> GpmiVersion | None:
        """Its highest validated version."""
        validated = [version for version in self.versions if version.validated_on is not None]
        return max(validated, key=lambda version: version.version, default=None)

    def last_validated_on(self) -> date | None:
        """The latest ``ValidatedOn`` among its validated versions."""
        return max((v.validated_on for v in self.versions if v.validated_on is not None), default=None)


def request_day(created_at: datetime) -> date:
    """The request date: the request's ``CreatedAt`` date, in Belgian time."""
    return created_at.astimezone(BELGIAN_TIME).date()


def overlaps(start: date, end: date | None, period: Period) -> bool:
    """Whether ``start..end`` (inclusive; ``None``: open-ended) shares a day with ``period``."""
    return start <= period.end and (end is None or end >= period.begin)


ContractPdfOf = Callable[[str, int], ContractPdf]
"""The PDF of a validated version, by contract id and version number."""


def disclose_gpmi(
    contracts: Sequence[GpmiContract],
    *,
    consent: Consent | None,
    requested_at: datetime,
    period: Period,
    contract_pdf: ContractPdfOf,
) -> Gpmi | GpmiWithheld | None:
    """The GPMI part of a dossier.

    Consent gate: a responder puts a ``Gpmi`` in a dossier only when the request carries a
    ``GpmiConsent`` with ``Granted`` true and ``From <= request date <= To`` (the request's
    ``CreatedAt`` date, in Belgian time). Otherwise it writes ``GpmiWithheld`` (``no_consent``, or
    ``consent_expired`` when granted but the date is outside the period), or nothing when the person
    never had a GPMI there.

    Which contract: of the person's GPMI contracts whose period overlaps the requested ``Period``,
    the one with the latest ``ValidatedOn`` among its validated versions; of that contract, its
    highest validated version. No validated version: ``no_validated_contract``.

    Decided where the spec is silent: a contract's period is that of its highest validated version
    (drafts have no say); two contracts validated on the same latest day are told apart by the
    greater ``ContractId``; with consent but no contract overlapping the period, the answer is
    ``no_validated_contract``, as there is no validated contract to send for that period.
    """
    if not contracts:
        return None
    if consent is None or not consent.granted:
        return GpmiWithheld(reason=WithheldReason.NO_CONSENT)
    if not consent.covers(request_day(requested_at)):
        return GpmiWithheld(reason=WithheldReason.CONSENT_EXPIRED)
    candidates = [
        contract
        for contract in contracts
        if (latest := contract.latest_validated()) is not None and overlaps(latest.start, latest.end, period)
    ]
    if not candidates:
        return GpmiWithheld(reason=WithheldReason.NO_VALIDATED_CONTRACT)
    chosen = max(candidates, key=lambda contract: (contract.last_validated_on(), contract.contract_id))
    version = chosen.latest_validated()
    assert version is not None and version.validated_on is not None
    return Gpmi(
        contract_id=chosen.contract_id,
        version=version.version,
        kind=version.kind,
        start=version.start,
        end=version.end,
        validated_on=version.validated_on,
        consent=consent,
        contract=contract_pdf(chosen.contract_id, version.version),
    )


def validated_outside(contracts: Sequence[GpmiContract], period: Period) -> tuple[str, ...]:
    """The contracts whose latest validated version lies wholly outside ``period``: a person for whom
    ``no_validated_contract`` is written may still have one of these (the format's reason says "none
    in the period asked"; the responder's audit log says which of the two it was)."""
    return tuple(
        contract.contract_id
        for contract in contracts
        if (latest := contract.latest_validated()) is not None and not overlaps(latest.start, latest.end, period)
    )


def decision_end(decision: Decision) -> date | None:
    """The last day a decision is in effect: its ``EffectiveDate`` plus ``DurationMonths``, less a day;
    ``None`` when open-ended. A month later is the same day, clipped to the month's end (31 January
    plus 1 month is the last day of February)."""
    return effective_end(decision.effective_date, decision.duration_months)


def effective_end(effective: date, months: int | None) -> date | None:
    """The last day of ``months`` from ``effective`` on (``None`` without a duration: open-ended)."""
    if months is None:
        return None
    return effective + relativedelta(months=months) - timedelta(days=1)


def decisions_in_period(decisions: Iterable[Decision], period: Period) -> tuple[Decision, ...]:
    """Decisions sent are those whose effective period overlaps the requested ``Period``, by number."""
    chosen = (d for d in decisions if overlaps(d.effective_date, decision_end(d), period))
    return tuple(sorted(chosen, key=lambda decision: decision.number))
