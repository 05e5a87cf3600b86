"""Alembic's entry point for the directory's database: runs the migrations on the connection that
``storage.database`` hands it, never on an OCMW's database (whose revisions it would take for its own)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import inspect

from directory.tables import Base
from ground.errors import UsageError
from storage.tables import Identity as OcmwIdentity

connection = context.config.attributes.get("connection")
if connection is None:  # only ``alembic`` on the command line, for developers writing a migration
    from sqlalchemy import create_engine

    connection = create_engine(context.config.get_main_option("sqlalchemy.url") or "sqlite:///directory.db").connect()

if inspect(connection).has_table(OcmwIdentity.__tablename__):
    raise UsageError(
        "this database is an OCMW's, not a directory's: give the directory a database of its own with --db"
    )
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
