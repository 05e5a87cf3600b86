"""The OCMW's own records, read as the ESV model: this OCMW's identity, a person's dossiers with
their decisions, GPMI contracts and versions, and the consents it recorded."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

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


@dataclass(frozen=True)
class DossierRecords:
    """A dossier of the person, as the responder reads it: decisions and GPMI contracts."""

    dossier_id: str
    decisions: list[model.Decision]
    contracts: list[GpmiContract]


@dataclass(frozen=True)
class PersonRecords:
    person: model.Person
    dossiers: list[DossierRecords]


def person_records(session: Session, ssin: str) -> PersonRecords | None:
    """Everything the OCMW holds on a person, in five queries (PDFs excepted: ``contract_pdf``);
    ``None`` when it has no dossier for that person."""
    found = session.execute(
        select(tables.Person.last_name, tables.Person.first_name, tables.Dossier.id, tables.Dossier.dossier_id)
        .join(tables.Dossier, tables.Dossier.person_id == tables.Person.id)
        .where(tables.Person.ssin == ssin)
        .order_by(tables.Dossier.dossier_id)
    ).all()
    if not found:
        return None
    dossier_ids = [row.id for row in found]
    decision_rows = (
        session.execute(
            select(tables.Decision).where(tables.Decision.dossier_id.in_(dossier_ids)).order_by(tables.Decision.number)
        )
        .scalars()
        .all()
    )
    decision_ids = [row.id for row in decision_rows]
    aids: dict[int, list[model.Aid]] = defaultdict(list)
    for aid in session.execute(
        select(tables.Aid).where(tables.Aid.decision_id.in_(decision_ids)).order_by(tables.Aid.position)
    ).scalars():
        aids[aid.decision_id].append(
            model.Aid(
                kind=AidKind(aid.kind),
                category=None if aid.category is None else AidCategory(aid.category),
                monthly_amount=aid.monthly_amount,
                refunded_amount=aid.refunded_amount,
            )
        )
    elements: dict[int, list[model.CalculationElement]] = defaultdict(list)
    for element in session.execute(
        select(tables.CalculationElement)
        .where(tables.CalculationElement.decision_id.in_(decision_ids))
        .order_by(tables.CalculationElement.position)
    ).scalars():
        elements[element.decision_id].append(
            model.CalculationElement(code=CalculationCode(element.code), amount=element.amount, label=element.label)
        )
    decisions: dict[int, list[model.Decision]] = defaultdict(list)
    for row in decision_rows:
        decisions[row.dossier_id].append(decision(row, aids[row.id], elements[row.id]))
    versions: dict[tuple[int, str], list[GpmiVersion]] = defaultdict(list)
    for contract in session.execute(
        select(
            tables.GpmiContract.dossier_id,
            tables.GpmiContract.contract_id,
            tables.GpmiVersion.version,
            tables.GpmiVersion.kind,
            tables.GpmiVersion.start,
            tables.GpmiVersion.end,
            tables.GpmiVersion.validated_on,
        )
        .join(tables.GpmiVersion, tables.GpmiVersion.contract_id == tables.GpmiContract.id)
        .where(tables.GpmiContract.dossier_id.in_(dossier_ids))
        .order_by(tables.GpmiContract.contract_id, tables.GpmiVersion.version)
    ):
        versions[(contract.dossier_id, contract.contract_id)].append(
            GpmiVersion(
                version=contract.version,
                kind=GpmiKind(contract.kind),
                start=contract.start,
                end=contract.end,
                validated_on=contract.validated_on,
            )
        )
    return PersonRecords(
        person=model.Person(ssin=ssin, last_name=found[0].last_name, first_name=found[0].first_name),
        dossiers=[
            DossierRecords(
                dossier_id=row.dossier_id,
                decisions=decisions[row.id],
                contracts=[
                    GpmiContract(contract_id=contract_id, versions=tuple(held))
                    for (dossier, contract_id), held in versions.items()
                    if dossier == row.id
                ],
            )
            for row in found
        ],
    )


def decision(
    row: tables.Decision, aid: list[model.Aid], calculation_elements: list[model.CalculationElement]
) -> model.Decision:
    return model.Decision(
        number=row.number,
        kind=DecisionKind(row.kind),
        legislation=Legislation(row.legislation),
        decision_date=row.decision_date,
        effective_date=row.effective_date,
        duration_months=row.duration_months,
        judgment=row.judgment,
        legal_motivation=row.legal_motivation,
        aid=tuple(aid),
        calculation_elements=tuple(calculation_elements),
    )


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
