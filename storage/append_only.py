"""Tables that only grow: the database itself refuses to change or delete a line (triggers), so
that a log cannot be altered through the application or a mistaken statement. Used by the
migrations of the OCMW database (the audit log) and of the directory (its log of lookups)."""

from __future__ import annotations

from alembic import op


def append_only(table: str, message: str) -> None:
    """Triggers on ``table`` that refuse every UPDATE and DELETE (and TRUNCATE on PostgreSQL) with ``message``."""
    message = message.replace("'", "''")  # a string literal of SQL
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{message}'; END $$"
        )
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )
