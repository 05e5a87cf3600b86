"""The database's tables as the code describes them (``storage.tables``) are those the Alembic migrations make."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.orm import Session, sessionmaker

from storage import tables


def test_the_tables_are_those_the_migrations_make(database: tuple[str, sessionmaker[Session]]) -> None:
    with database[1]() as session:
        assert compare_metadata(MigrationContext.configure(session.connection()), tables.Base.metadata) == []
