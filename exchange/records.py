"""The OCMW's own records, read as the ESV model: this OCMW's identity, a person's dossiers with
their decisions, GPMI contracts and versions, and the consents it recorded."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, undefer

from esv import model
from esv.codes import AidCategory, AidKind, CalculationCode, DecisionKind, GpmiKind, Legislation
from esv.disclosure import GpmiContract, GpmiVersion
from exchange import tables
from exchange.database import DatabaseError


def own_identity(session: Session) -> tables.Identity:
    """This OCMW, as ``ocmw db init`` recorded it."""
    identity = session.get(tables.Identity, 1)
    if identity is None:
        raise DatabaseError(
            "this database does not say which OCMW it belongs to: run `ocmw db init --kbo ... --name ...`"
        )
    return identity


def as_ocmw(identity: tables.Identity) -> model.Ocmw:
    return model.Ocmw(kbo=identity.kbo, name=identity.name, phone=identity.phone)


def person(session: Session, ssin: str) -> tables.Person | None:
    """The person with their dossiers, decisions and GPMI contracts (PDFs not yet loaded)."""
    found: tables.Person | None = session.scalars(
        select(tables.Person)
        .where(tables.Person.ssin == ssin)
        .options(
            selectinload(tables.Person.dossiers)
            .selectinload(tables.Dossier.decisions)
            .selectinload(tables.Decision.aid),
            selectinload(tables.Person.dossiers)
            .selectinload(tables.Dossier.decisions)
            .selectinload(tables.Decision.calculation_elements),
            selectinload(tables.Person.dossiers)
            .selectinload(tables.Dossier.contracts)
            .selectinload(tables.GpmiContract.versions),
        )
    ).first()
    return found


def decision(row: tables.Decision) -> model.Decision:
    return model.Decision(
        number=row.number,
        kind=DecisionKind(row.kind),
        legislation=Legislation(row.legislation),
        decision_date=row.decision_date,
        effective_date=row.effective_date,
        duration_months=row.duration_months,
        judgment=row.judgment,
        legal_motivation=row.legal_motivation,
        aid=tuple(
            model.Aid(
                kind=AidKind(aid.kind),
                category=None if aid.category is None else AidCategory(aid.category),
                monthly_amount=aid.monthly_amount,
                refunded_amount=aid.refunded_amount,
            )
            for aid in row.aid
        ),
        calculation_elements=tuple(
            model.CalculationElement(code=CalculationCode(element.code), amount=element.amount, label=element.label)
            for element in row.calculation_elements
        ),
    )


def gpmi_contracts(dossier: tables.Dossier) -> list[GpmiContract]:
    """The dossier's GPMI contracts, as the disclosure rule reads them."""
    return [
        GpmiContract(
            contract_id=contract.contract_id,
            versions=tuple(
                GpmiVersion(
                    version=version.version,
                    kind=GpmiKind(version.kind),
                    start=version.start,
                    end=version.end,
                    validated_on=version.validated_on,
                )
                for version in contract.versions
            ),
        )
        for contract in dossier.contracts
    ]


def contract_pdf(session: Session, contract_id: str, version: int) -> model.ContractPdf:
    """The stored PDF of a validated version, read from the database only when it is sent."""
    row = session.scalars(
        select(tables.GpmiVersion)
        .join(tables.GpmiContract)
        .where(tables.GpmiContract.contract_id == contract_id, tables.GpmiVersion.version == version)
        .options(undefer(tables.GpmiVersion.pdf))
    ).one()
    if row.pdf is None or row.pdf_filename is None:
        raise DatabaseError(f"version {version} of GPMI contract {contract_id} is validated but its PDF is missing")
    return model.ContractPdf.of(row.pdf_filename, row.pdf)


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
