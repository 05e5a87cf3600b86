"""The consents of persons to fetch their latest validated GPMI from another OCMW ("Akkoord van de
burger voor raadpleging van het meest recente GPMI"), as this OCMW recorded them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ground import periods
from ground import ssin as ssin_number
from storage import audit, tables


def record_consent(
    session: Session, *, ssin: str, from_date: dt.date, to_date: dt.date, granted: bool, actor: str
) -> tables.Consent:
    """Record a person's answer to "may the latest validated GPMI be fetched", for a period; the
    INSZ and the period are checked (``ground``)."""
    ssin = ssin_number.validate(ssin)
    periods.validate(from_date, to_date)
    consent = tables.Consent(ssin=ssin, from_date=from_date, to_date=to_date, granted=granted, recorded_at=audit.now())
    session.add(consent)
    audit.log(
        session,
        actor=actor,
        action="consent_recorded",
        ssin=ssin,
        from_date=str(from_date),
        to_date=str(to_date),
        granted=granted,
    )
    return consent


def revoke_consents(session: Session, *, ssin: str, actor: str) -> int:
    """Revoke every consent of the person still in force; how many were."""
    consents = session.scalars(
        select(tables.Consent).where(tables.Consent.ssin == ssin, tables.Consent.revoked_at.is_(None))
    ).all()
    for consent in consents:
        consent.revoked_at = audit.now()
    audit.log(session, actor=actor, action="consent_revoked", ssin=ssin, revoked=len(consents))
    return len(consents)


def active_consent(session: Session, ssin: str, on: dt.date) -> tables.Consent | None:
    """The most recently recorded consent of the person that is not revoked and covers ``on``."""
    found: tables.Consent | None = session.scalars(
        select(tables.Consent)
        .where(
            tables.Consent.ssin == ssin,
            tables.Consent.revoked_at.is_(None),
            tables.Consent.from_date <= on,
            tables.Consent.to_date >= on,
        )
        .order_by(tables.Consent.recorded_at.desc())
    ).first()
    return found
