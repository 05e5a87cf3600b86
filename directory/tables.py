"""The directory's own database: who it is, the members with their certificates, the references
(which member holds records of which person over which period), the signed documents it published,
and its append-only log (every lookup, every change of a member).

The schema is made and changed by the Alembic migrations in ``directory/migrations``; these classes
describe it for the code."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, mapped_column, relationship

from ground.lang import Lang
from storage.tables import UtcDateTime


class Base(DeclarativeBase):
    pass


class Identity(Base):
    """The directory: the address members reach it on, its signing key and certificate."""

    __tablename__ = "directory_identity"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(Text)
    key_path: Mapped[str] = mapped_column(Text)
    cert_path: Mapped[str] = mapped_column(Text)
    valid_hours: Mapped[int] = mapped_column(Integer, default=24)
    """How long a published document holds."""


class Member(Base):
    __tablename__ = "members"
    id: Mapped[int] = mapped_column(primary_key=True)
    kbo: Mapped[str] = mapped_column(String(10), unique=True)
    name_nl: Mapped[str] = mapped_column(String(100))
    name_fr: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    """``active``, ``suspended`` or ``removed``: only active members are published."""
    changed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    certificates: Mapped[list[MemberCertificate]] = relationship(
        order_by="MemberCertificate.not_after", cascade="all, delete-orphan"
    )

    def name(self, lang: Lang) -> str:
        return self.name_fr if lang == "fr" else self.name_nl


class MemberCertificate(Base):
    __tablename__ = "member_certificates"
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    fingerprint: Mapped[str] = mapped_column(String(95), unique=True)
    der: Mapped[bytes] = mapped_column(LargeBinary)
    not_before: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    not_after: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class Reference(Base):
    """A member holds records of the person (``ssin``) from ``begin`` to ``end`` (open: still running)."""

    __tablename__ = "references"
    __table_args__ = (UniqueConstraint("ssin", "member_id"), Index("ix_references_member", "member_id"))
    id: Mapped[int] = mapped_column(primary_key=True)
    ssin: Mapped[str] = mapped_column(String(11))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    begin: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)
    registered_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class Document(Base):
    """A signed directory document as it was published; its id is its serial number."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    issued_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    xml: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))


class LogEntry(Base):
    """A line of the directory's log: every lookup (who asked, for whom, over which period, what it
    answered) and every change of a member. The database refuses to change or delete a line."""

    __tablename__ = "directory_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(40), index=True)
    ssin: Mapped[str | None] = mapped_column(String(11), index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
