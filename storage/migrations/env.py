"""Alembic's entry point: runs the migrations on the connection that ``storage.database`` hands it,
never on a directory's database (whose revisions it would take for its own)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import inspect

from ground.errors import UsageError
from storage.tables import Base

DIRECTORY_TABLE = "directory_identity"
"""The table only a directory's database has (``directory.tables``, a layer above this one)."""

connection = context.config.attributes.get("connection")
if connection is None:  # only ``alembic`` on the command line, for developers writing a migration
    from sqlalchemy import create_engine

    connection = create_engine(context.config.get_main_option("sqlalchemy.url") or "sqlite:///ocmw.db").connect()

if inspect(connection).has_table(DIRECTORY_TABLE):
    raise UsageError("this database is a directory's, not an OCMW's: give the OCMW a database of its own with --db")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
