"""Where the database is, and getting it ready: an embedded SQLite file by default, PostgreSQL by
URL (``--db URL`` or ``OCMW_DB_URL``), the schema made and kept current by the Alembic migrations."""

from __future__ import annotations

import importlib.resources
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///ocmw.db"
URL_VARIABLE = "OCMW_DB_URL"


class DatabaseError(Exception):
    """The database cannot be used: a wrong URL, a server that does not answer, a schema not made."""


def database_url(given: str | None = None) -> str:
    """The URL asked for, else ``OCMW_DB_URL``, else ``ocmw.db`` in the current folder."""
    return given or os.environ.get(URL_VARIABLE) or DEFAULT_URL


def connect(url: str) -> Engine:
    """An engine for ``url``; SQLite files get foreign keys, WAL and a wait on locks."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"{url!r} is not a database URL (sqlite:///path or postgresql+psycopg://...)") from None
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=20)


def _sqlite_pragmas(connection: Any, _: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _alembic(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(importlib.resources.files("exchange") / "migrations"))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def upgrade(engine: Engine) -> None:
    """Make the schema, or bring it to the current version (``ocmw db init``)."""
    config = _alembic(engine)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as error:
        raise DatabaseError(f"the database cannot be reached: {error.orig}") from None


def check_current(engine: Engine) -> None:
    """``DatabaseError`` unless the schema is made and current."""
    head = ScriptDirectory.from_config(_alembic(engine)).get_current_head()
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except OperationalError as error:
        raise DatabaseError(f"the database cannot be reached: {error.orig}") from None
    if current is None:
        raise DatabaseError(f"{_where(engine)} holds no OCMW database yet: run `ocmw db init` first")
    if current != head:
        raise DatabaseError(f"{_where(engine)} is at schema version {current}, not {head}: run `ocmw db init`")


def _where(engine: Engine) -> str:
    if engine.url.get_backend_name() == "sqlite":
        return str(Path(engine.url.database or "").resolve())
    return engine.url.render_as_string(hide_password=True)


def sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session in one transaction: committed when the block ends, rolled back on an error."""
    with factory.begin() as session:
        yield session
