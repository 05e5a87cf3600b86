"""What an OCMW database holds, as ``ocmw db info`` tells its administrator: whose it is, its schema
version, its network, its retention, and how many of each thing. Read from the tables that are there,
so that a database at an older schema version is described too, before ``ocmw db init`` upgrades it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, MetaData, func, inspect, select

from storage.database import DatabaseUnusable, head_revision, revision, where

COUNTED = (
    "persons", "dossiers", "decisions", "gpmi_contracts", "gpmi_versions", "consents",
    "sent_requests", "answered_requests", "users", "audit_log",
)  # fmt: skip
"""The tables counted, by their names."""


@dataclass(frozen=True)
class Inventory:
    """A database described: its owner as ``ocmw db init`` recorded it (a field that its schema
    version does not have yet is ``None``), its schema version, and its counts by table (a table its
    schema version does not have yet is left out)."""

    owner: dict[str, Any]
    revision: str
    head: str
    counts: dict[str, int]
    active_users: int | None

    @property
    def current(self) -> bool:
        return self.revision == self.head


def inventory(engine: Engine) -> Inventory:
    """The database at ``engine`` described; ``DatabaseUnusable`` when it holds no OCMW database."""
    held = revision(engine)
    with engine.connect() as connection:
        present = set(inspect(connection).get_table_names())
        if held is None or "ocmw_identity" not in present:
            raise DatabaseUnusable(f"{where(engine)} holds no OCMW database: make it with `ocmw db init`")
        metadata = MetaData()
        metadata.reflect(connection, only=[name for name in (*COUNTED, "ocmw_identity") if name in present])
        tables = metadata.tables
        owner = connection.execute(select(tables["ocmw_identity"])).mappings().first()
        counts = {name: _count(connection, select(func.count()).select_from(tables[name])) for name in tables}
        active = None
        if "users" in tables:
            active = _count(connection, select(func.count()).where(tables["users"].c.active.is_(True)))
    counts.pop("ocmw_identity")
    return Inventory(dict(owner or {}), held, head_revision(), counts, active)


def _count(connection: Connection, query: Any) -> int:
    return int(connection.scalar(query) or 0)
