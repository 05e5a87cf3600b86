"""Tables that only grow: the database itself refuses to change or delete a line (triggers), so
that a log cannot be altered through the application or a mistaken statement. Used by the
migrations of the OCMW database (the audit log and its chain's head) and of the directory (its log
of lookups)."""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

AUDIT_LOG_REFUSAL = "the audit log is append-only: its lines are never changed or deleted"


def append_only(table: str, message: str) -> None:
    """Triggers on ``table`` that refuse every UPDATE and DELETE (and TRUNCATE on PostgreSQL) with ``message``."""
    _refuse(table, ("UPDATE", "DELETE"), message, name="append_only")


def undeletable(table: str, message: str) -> None:
    """Triggers on ``table`` that refuse every DELETE (and TRUNCATE on PostgreSQL) with ``message``."""
    _refuse(table, ("DELETE",), message, name="undeletable")


def lifted(table: str, *, name: str = "append_only") -> None:
    """The triggers of ``append_only`` (or of ``undeletable``, by ``name``) removed, for a migration
    that changes the table's lines itself; it makes them again when it is done."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {table}_{name} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {table}_{name}()")
    else:
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{event}")


def _refuse(table: str, events: Sequence[str], message: str, *, name: str) -> None:
    message = message.replace("'", "''")  # a string literal of SQL
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE FUNCTION {table}_{name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{message}'; END $$"
        )
        op.execute(
            f"CREATE TRIGGER {table}_{name} BEFORE {' OR '.join(events)} OR TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_{name}()"
        )
    else:
        for event in events:
            op.execute(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )
