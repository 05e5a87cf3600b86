"""The OCMW's own records, read as the ESV model: this OCMW's identity, a person's dossiers with
their decisions, GPMI contracts and versions, and the consents it recorded."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from esv import model
from esv.codes import AidCategory, AidKind, CalculationCode, DecisionKind, GpmiKind, Legislation
from esv.disclosure import GpmiContract, GpmiVersion
from ground.errors import InvalidInput, OcmwError, UsageError
from storage import audit, references, tables
from storage.database import DatabaseUnusable


def person_name(last_name: str, first_name: str) -> str:
    """A person's name as the lists write it, the last name first: ``De Smet, Sofie``."""
    return f"{last_name}, {first_name}"


def own_identity(session: Session) -> tables.Identity:
    """This OCMW, as ``ocmw db init`` recorded it."""
    identity = session.get(tables.Identity, 1)
    if identity is None:
        raise DatabaseUnusable(
            "this database does not say which OCMW it belongs to: run `ocmw db init --kbo ... --name ...`"
        )
    return identity


NEW_DATABASE_NEEDS = "a new database needs the OCMW it belongs to: give --kbo and --name"


@dataclass(frozen=True)
class OwnIdentity:
    """What ``ocmw db init`` is given to record of the OCMW a database belongs to; ``None`` keeps
    what was recorded."""

    kbo: str | None = None
    name: str | None = None
    phone: str | None = None
    key_path: Path | None = None
    cert_path: Path | None = None
    trust_path: Path | None = None
    directory_url: str | None = None
    directory_anchor: str | None = None
    """The directory's certificate, PEM."""
    tls_cert_path: Path | None = None
    tls_key_path: Path | None = None


IDENTITY_FIELDS = (
    "kbo", "name", "phone", "key_path", "cert_path", "trust_path",
    "directory_url", "directory_anchor", "tls_cert_path", "tls_key_path",
)  # fmt: skip


def record_identity(
    session: Session, given: OwnIdentity, *, actor: str
) -> tuple[tables.Identity, dict[str, tuple[str | None, str]]]:
    """Record whose database this is, or change what is given of it; a database belongs to one
    OCMW for its whole life, so another KBO than the recorded one is refused. Also returned, and
    written to the audit log: what changed, each field's value before and after."""
    identity = session.get(tables.Identity, 1)
    if identity is None:
        if not (given.kbo and given.name):
            raise UsageError(NEW_DATABASE_NEEDS)
        identity = tables.Identity(id=1, kbo=given.kbo, name=given.name)
        session.add(identity)
    elif given.kbo is not None and given.kbo != identity.kbo:
        raise InvalidInput(
            f"this database belongs to {identity.name} (KBO {identity.kbo}); --kbo {given.kbo} would make it the "
            "database of another OCMW. Each OCMW has a database of its own: give another --db"
        )
    changed: dict[str, tuple[str | None, str]] = {}
    for field in IDENTITY_FIELDS:
        value = getattr(given, field)
        if value is None:
            continue
        new = str(value.resolve()) if isinstance(value, Path) else value
        old = getattr(identity, field)
        if old != new:
            changed[field] = (old, new)
            setattr(identity, field, new)
    if "directory_url" in changed and changed["directory_url"][0] is None:
        session.flush()
        references.register_everyone(session)  # joining a network: the directory learns whom it holds
    audit.log(
        session,
        actor=actor,
        action="database_initialised",
        ocmw=identity.name,
        kbo=identity.kbo,
        changed={field: {"from": old, "to": new} for field, (old, new) in changed.items()},
    )
    return identity, changed


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


# The responder's reads, made once: Core statements on the tables, keyed by the person's INSZ, so
# that answering costs no statement building and no ORM objects.
_persons, _dossiers, _decisions = (
    tables.table_of(tables.Person),
    tables.table_of(tables.Dossier),
    tables.table_of(tables.Decision),
)
_aids, _elements = tables.table_of(tables.Aid), tables.table_of(tables.CalculationElement)
_contracts, _versions = tables.table_of(tables.GpmiContract), tables.table_of(tables.GpmiVersion)
_of_person = _dossiers.join(_persons, _dossiers.c.person_id == _persons.c.id)
_by_ssin = _persons.c.ssin == bindparam("ssin")
_DOSSIERS = (
    select(_persons.c.last_name, _persons.c.first_name, _dossiers.c.id, _dossiers.c.dossier_id)
    .select_from(_of_person)
    .where(_by_ssin)
    .order_by(_dossiers.c.dossier_id)
)
_of_decision = _decisions.join(_of_person, _decisions.c.dossier_id == _dossiers.c.id)
_DECISIONS = select(_decisions).select_from(_of_decision).where(_by_ssin).order_by(_decisions.c.number)
_AIDS = (
    select(_aids.c.decision_id, _aids.c.kind, _aids.c.category, _aids.c.monthly_amount, _aids.c.refunded_amount)
    .select_from(_aids.join(_of_decision, _aids.c.decision_id == _decisions.c.id))
    .where(_by_ssin)
    .order_by(_aids.c.position)
)
_ELEMENTS = (
    select(_elements.c.decision_id, _elements.c.code, _elements.c.amount, _elements.c.label)
    .select_from(_elements.join(_of_decision, _elements.c.decision_id == _decisions.c.id))
    .where(_by_ssin)
    .order_by(_elements.c.position)
)
_VERSIONS = (
    select(
        _contracts.c.dossier_id,
        _contracts.c.contract_id,
        _versions.c.version,
        _versions.c.kind,
        _versions.c.start,
        _versions.c.end,
        _versions.c.validated_on,
    )
    .select_from(
        _versions.join(_contracts, _versions.c.contract_id == _contracts.c.id).join(
            _of_person, _contracts.c.dossier_id == _dossiers.c.id
        )
    )
    .where(_by_ssin)
    .order_by(_contracts.c.contract_id, _versions.c.version)
)
_PDF = (
    select(_versions.c.pdf_filename, _versions.c.pdf)
    .select_from(_versions.join(_contracts, _versions.c.contract_id == _contracts.c.id))
    .where(_contracts.c.contract_id == bindparam("contract_id"), _versions.c.version == bindparam("version"))
)


def person_records(session: Session, ssin: str) -> PersonRecords | None:
    """Everything the OCMW holds on a person, in five queries (PDFs excepted: ``contract_pdf``);
    ``None`` when it has no dossier for that person."""
    connection = session.connection()
    person = {"ssin": ssin}
    found = connection.execute(_DOSSIERS, person).all()
    if not found:
        return None
    aids: dict[int, list[model.Aid]] = defaultdict(list)
    for aid in connection.execute(_AIDS, person):
        aids[aid.decision_id].append(
            model.Aid(
                kind=AidKind(aid.kind),
                category=None if aid.category is None else AidCategory(aid.category),
                monthly_amount=aid.monthly_amount,
                refunded_amount=aid.refunded_amount,
            )
        )
    elements: dict[int, list[model.CalculationElement]] = defaultdict(list)
    for element in connection.execute(_ELEMENTS, person):
        elements[element.decision_id].append(
            model.CalculationElement(code=CalculationCode(element.code), amount=element.amount, label=element.label)
        )
    decisions: dict[int, list[model.Decision]] = defaultdict(list)
    for row in connection.execute(_DECISIONS, person):
        decisions[row.dossier_id].append(
            model.Decision(
                number=row.number,
                kind=DecisionKind(row.kind),
                legislation=Legislation(row.legislation),
                decision_date=row.decision_date,
                effective_date=row.effective_date,
                duration_months=row.duration_months,
                judgment=row.judgment,
                legal_motivation=row.legal_motivation,
                aid=tuple(aids[row.id]),
                calculation_elements=tuple(elements[row.id]),
            )
        )
    versions: dict[int, dict[str, list[GpmiVersion]]] = defaultdict(lambda: defaultdict(list))
    for version in connection.execute(_VERSIONS, person):
        versions[version.dossier_id][version.contract_id].append(
            GpmiVersion(
                version=version.version,
                kind=GpmiKind(version.kind),
                start=version.start,
                end=version.end,
                validated_on=version.validated_on,
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
                    for contract_id, held in versions[row.id].items()
                ],
            )
            for row in found
        ],
    )


def contract_pdf(session: Session, contract_id: str, version: int) -> model.ContractPdf:
    """The stored PDF of a validated version, read from the database only when it is sent."""
    row = session.connection().execute(_PDF, {"contract_id": contract_id, "version": version}).one()
    if row.pdf is None or row.pdf_filename is None:
        raise OcmwError(f"version {version} of GPMI contract {contract_id} is validated but its PDF is missing")
    return model.ContractPdf.of(row.pdf_filename, row.pdf)
