"""Alembic's entry point for the directory's database: runs the migrations on the connection that
``storage.database`` hands it."""

from __future__ import annotations

from alembic import context

from directory.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:  # only ``alembic`` on the command line, for developers writing a migration
    from sqlalchemy import create_engine

    connection = create_engine(context.config.get_main_option("sqlalchemy.url") or "sqlite:///directory.db").connect()

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
