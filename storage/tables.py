"""The database of one OCMW: its identity, its own records (persons, dossiers, decisions, GPMI
contracts and their versions, consents), the requests it sent with the answers it got, the requests
it answered, and an append-only audit log.

The schema is created and changed by the Alembic migrations in ``storage/migrations``; these
classes describe it for the code and must stay equal to it (a test compares them).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, mapped_column, relationship


class UtcDateTime(TypeDecorator[dt.datetime]):
    """An instant, stored in UTC and read back aware of it, in SQLite as in PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("instants must carry their time zone")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


Amount = Numeric(12, 2)


class Base(DeclarativeBase):
    pass


def table_of(entity: type[DeclarativeBase]) -> Table:
    """The Core table of a mapped class (of this database or the directory's), for statements that
    need no ORM objects."""
    table: Table = entity.metadata.tables[entity.__tablename__]
    return table


class Identity(Base):
    """The OCMW this database belongs to, and where its signing key, certificate and trust store are."""

    __tablename__ = "ocmw_identity"
    id: Mapped[int] = mapped_column(primary_key=True)
    kbo: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(30))
    key_path: Mapped[str | None] = mapped_column(Text)
    cert_path: Mapped[str | None] = mapped_column(Text)
    trust_path: Mapped[str | None] = mapped_column(Text)
    directory_url: Mapped[str | None] = mapped_column(Text)
    """The directory of the network the OCMW is a member of; none for two OCMWs with a trust folder."""
    directory_anchor: Mapped[str | None] = mapped_column(Text)
    """The directory's certificate (PEM), installed once: only documents signed with it are trusted."""
    tls_cert_path: Mapped[str | None] = mapped_column(Text)
    """The certificate of the OCMW's TLS connections (default: its signing certificate)."""
    tls_key_path: Mapped[str | None] = mapped_column(Text)
    retention_months: Mapped[int | None] = mapped_column(Integer)
    """How many months the documents exchanged are kept (``storage.retention``); none until it is set."""


class DirectoryDocument(Base):
    """A directory document as it was fetched and found valid: the last one is the network the OCMW
    trusts, until it expires."""

    __tablename__ = "directory_documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    serial: Mapped[int] = mapped_column(Integer, unique=True)
    issued_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    fetched_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    xml: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))


class PendingReference(Base):
    """A reference the OCMW has to send to the directory: it holds records of the person over the
    period (or, with ``withdraw``, no longer). It waits here until the directory took it, and is
    then removed."""

    __tablename__ = "pending_references"
    id: Mapped[int] = mapped_column(primary_key=True)
    ssin: Mapped[str] = mapped_column(String(11))
    begin: Mapped[dt.date | None] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)
    withdraw: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class Person(Base):
    __tablename__ = "persons"
    id: Mapped[int] = mapped_column(primary_key=True)
    ssin: Mapped[str] = mapped_column(String(11), unique=True)
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    dossiers: Mapped[list[Dossier]] = relationship(back_populates="person", order_by="Dossier.dossier_id")


class Dossier(Base):
    __tablename__ = "dossiers"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[str] = mapped_column(String(32), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    person: Mapped[Person] = relationship(back_populates="dossiers")
    decisions: Mapped[list[Decision]] = relationship(back_populates="dossier", order_by="Decision.number")
    contracts: Mapped[list[GpmiContract]] = relationship(back_populates="dossier", order_by="GpmiContract.contract_id")


class Decision(Base):
    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("dossier_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    legislation: Mapped[str] = mapped_column(String(20))
    decision_date: Mapped[dt.date] = mapped_column(Date)
    effective_date: Mapped[dt.date] = mapped_column(Date)
    duration_months: Mapped[int | None] = mapped_column(Integer)
    judgment: Mapped[bool] = mapped_column(Boolean)
    legal_motivation: Mapped[str | None] = mapped_column(Text)
    dossier: Mapped[Dossier] = relationship(back_populates="decisions")
    aid: Mapped[list[Aid]] = relationship(order_by="Aid.position", cascade="all, delete-orphan")
    calculation_elements: Mapped[list[CalculationElement]] = relationship(
        order_by="CalculationElement.position", cascade="all, delete-orphan"
    )


class Aid(Base):
    __tablename__ = "aids"
    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30))
    category: Mapped[int | None] = mapped_column(Integer)
    monthly_amount: Mapped[Decimal | None] = mapped_column(Amount)
    refunded_amount: Mapped[Decimal | None] = mapped_column(Amount)


class CalculationElement(Base):
    __tablename__ = "calculation_elements"
    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(30))
    amount: Mapped[Decimal | None] = mapped_column(Amount)
    label: Mapped[str | None] = mapped_column(String(200))


class GpmiContract(Base):
    __tablename__ = "gpmi_contracts"
    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[str] = mapped_column(String(64), unique=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    dossier: Mapped[Dossier] = relationship(back_populates="contracts")
    versions: Mapped[list[GpmiVersion]] = relationship(order_by="GpmiVersion.version", cascade="all, delete-orphan")


class GpmiVersion(Base):
    __tablename__ = "gpmi_versions"
    __table_args__ = (UniqueConstraint("contract_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("gpmi_contracts.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date] = mapped_column(Date)
    validated_on: Mapped[dt.date | None] = mapped_column(Date)
    pdf_filename: Mapped[str | None] = mapped_column(String(200))
    pdf: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))


class Consent(Base):
    """A person's consent to fetch their latest GPMI elsewhere, as this OCMW recorded it."""

    __tablename__ = "consents"
    id: Mapped[int] = mapped_column(primary_key=True)
    ssin: Mapped[str] = mapped_column(String(11), index=True)
    from_date: Mapped[dt.date] = mapped_column(Date)
    to_date: Mapped[dt.date] = mapped_column(Date)
    granted: Mapped[bool] = mapped_column(Boolean)
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class SentRequest(Base):
    """A request this OCMW sent, and the answer it got: the XML exactly as received."""

    __tablename__ = "sent_requests"
    __table_args__ = (
        Index("ix_sent_requests_list", "archived", "created_at", "id"),
        Index("ix_sent_requests_list_by_status", "archived", "status", "created_at", "id"),
        Index("ix_sent_requests_list_by_ssin", "ssin", "archived", "created_at", "id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[str] = mapped_column(String(64), unique=True)
    responder_url: Mapped[str] = mapped_column(Text)
    lookup_id: Mapped[str | None] = mapped_column(String(64), index=True)
    """The lookup that found the OCMW asked: the lines of one request to every OCMW that knew the person."""
    ssin: Mapped[str] = mapped_column(String(11))
    begin: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(20), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_failure: Mapped[str | None] = mapped_column(String(30))
    """Why the last attempt brought no usable answer (``exchange.statuses.SendFailure``), for words in nl/fr."""
    history: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    request_xml: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    received_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    responder_kbo: Mapped[str | None] = mapped_column(String(10))
    responder_name: Mapped[str | None] = mapped_column(String(100))
    """The OCMW's name in Dutch, as the directory or the trust folder names it."""
    responder_name_fr: Mapped[str | None] = mapped_column(String(100))
    signed_by: Mapped[str | None] = mapped_column(Text)
    response_xml: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    person_name: Mapped[str | None] = mapped_column(String(201))
    """The person's name as the trusted answer gives it (``records.person_name``), for the lists."""
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class AnsweredRequest(Base):
    """A request this OCMW answered, with the signed answer it sent (sent again, the same, if the
    same requester asks the same ``RequestId`` again). An invalid request from a trusted requester is
    answered with an error; what could not be read of it stays empty."""

    __tablename__ = "answered_requests"
    __table_args__ = (
        UniqueConstraint("requester_fingerprint", "request_id"),
        Index("ix_answered_requests_list", "archived", "received_at", "id"),
        Index("ix_answered_requests_list_by_status", "archived", "status", "received_at", "id"),
        Index("ix_answered_requests_list_by_ssin", "ssin", "archived", "received_at", "id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    requester_fingerprint: Mapped[str] = mapped_column(String(95))
    request_id: Mapped[str] = mapped_column(String(64))
    requester_kbo: Mapped[str] = mapped_column(String(10))
    requester_name: Mapped[str] = mapped_column(String(100))
    """The requesting OCMW's name in Dutch, as the directory or the trust folder names its certificate."""
    requester_name_fr: Mapped[str | None] = mapped_column(String(100))
    signed_by: Mapped[str] = mapped_column(Text)
    ssin: Mapped[str | None] = mapped_column(String(11))
    begin: Mapped[dt.date | None] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(20))
    error_code: Mapped[str | None] = mapped_column(String(30))
    times_asked: Mapped[int] = mapped_column(Integer, default=1)
    response_xml: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class AuditEntry(Base):
    """One line of the audit log. The database refuses to change or delete a line (triggers); each
    line carries the hash of the one before it and its own (``storage.chain``)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(40), index=True)
    ssin: Mapped[str | None] = mapped_column(String(11), index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    previous_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditChainHead(Base):
    """The last line of the audit log's chain, in the one row ``id = 1``: taken (updated) by every
    writer of a line before it reads the previous hash, so that lines are chained one at a time. The
    database refuses to delete it (a trigger)."""

    __tablename__ = "audit_chain"
    id: Mapped[int] = mapped_column(primary_key=True)
    last_id: Mapped[int | None] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))


class User(Base):
    """A person who logs in to the web pages, with their role; the password is kept only as its
    Argon2 hash."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Raised at logout: the sessions of an earlier generation are no longer accepted."""


class SessionKey(Base):
    """The key that signs the session cookies of the web pages: made at the first start, so that
    every process of ``ocmw serve`` and every restart shares it."""

    __tablename__ = "session_keys"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
