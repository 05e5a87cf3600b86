"""The audit log: who did what, when, about whom. Lines are only ever added (the database refuses
to change or delete them); each is written in the same transaction as what it records, chained to
the line before it (``storage.chain``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from ground.errors import Unavailable
from storage import chain
from storage.tables import AuditChainHead, AuditEntry, table_of

_LINES = table_of(AuditEntry)
_HEAD = table_of(AuditChainHead)
_ADD = insert(_LINES).returning(_LINES.c.id)
_TAKE_HEAD = update(_HEAD).where(_HEAD.c.id == 1).values(last_id=_HEAD.c.last_id).returning(_HEAD.c.last_hash)
"""Changes nothing, but holds the head until the transaction ends: SQLite's write lock, or the
row's lock on PostgreSQL. Another writer waits here, then reads the hash this one leaves."""
_MOVE_HEAD = update(_HEAD).where(_HEAD.c.id == 1)


class ChainHeadMissing(Unavailable):
    """The head of the chain was deleted from the database: no line can be chained any more."""


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def log(session: Session, *, actor: str, action: str, ssin: str | None = None, **details: Any) -> None:
    """Add a line to the audit log, now, in the session's transaction, chained to the last line."""
    connection = session.connection()
    previous = connection.execute(_TAKE_HEAD).scalar()
    if previous is None:
        raise ChainHeadMissing("the head of the audit log's chain is missing: run `ocmw audit verify`")
    line = chain.LineContent(now(), actor, action, ssin, details)
    digest = chain.line_hash(previous, chain.canonical(line))
    added = connection.execute(
        _ADD,
        {
            "at": line.at,
            "actor": actor,
            "action": action,
            "ssin": ssin,
            "details": details,
            "previous_hash": previous,
            "hash": digest,
        },
    ).scalar_one()
    connection.execute(_MOVE_HEAD, {"last_id": added, "last_hash": digest})
