"""The audit log: who did what, when, about whom. Lines are only ever added (the database refuses
to change or delete them); each is written in the same transaction as what it records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from storage.tables import AuditEntry, table_of

_ADD = insert(table_of(AuditEntry))


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def log(session: Session, *, actor: str, action: str, ssin: str | None = None, **details: Any) -> None:
    """Add a line to the audit log, now, in the session's transaction."""
    session.connection().execute(
        _ADD, {"at": now(), "actor": actor, "action": action, "ssin": ssin, "details": details}
    )
