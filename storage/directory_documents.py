"""The directory documents a member of a network holds: the last one fetched is the network it
trusts until it expires. Those it replaced are removed once they have expired too: the directory
publishes one every twelve hours or so, each naming every member with its certificates, and keeps
every one it published itself."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage import audit, tables


def latest(session: Session) -> tables.DirectoryDocument | None:
    """The document with the highest serial held, or none."""
    return session.scalars(
        select(tables.DirectoryDocument).order_by(tables.DirectoryDocument.serial.desc()).limit(1)
    ).first()


def keep(
    session: Session,
    *,
    serial: int,
    issued_at: dt.datetime,
    expires_at: dt.datetime,
    xml: bytes,
    members: int,
    at: dt.datetime,
) -> int:
    """Hold a new document, fetched and found valid at ``at``, and remove those it replaced that
    expired by then; how many were removed. The audit log says what was fetched and removed."""
    session.add(
        tables.DirectoryDocument(serial=serial, issued_at=issued_at, expires_at=expires_at, fetched_at=at, xml=xml)
    )
    replaced = tables.DirectoryDocument
    removed = session.scalars(
        delete(replaced).where(replaced.serial < serial, replaced.expires_at <= at).returning(replaced.serial)
    ).all()
    audit.log(
        session, actor="directory", action="directory_fetched", serial=serial, members=members, removed=len(removed)
    )
    return len(removed)
