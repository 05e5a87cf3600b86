"""Where the database is, and getting it ready: an embedded SQLite file by default, PostgreSQL by
URL (``--db URL`` or ``OCMW_DB_URL``), the schema made and kept current by the Alembic migrations."""

from __future__ import annotations

import functools
import importlib.resources
import os
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: SQLite's own waiting serves
    fcntl = None  # type: ignore[assignment]

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ground.errors import Unavailable, UsageError

DEFAULT_URL = "sqlite:///ocmw.db"
URL_VARIABLE = "OCMW_DB_URL"
PRIVATE = 0o600
"""Files that hold personal data (the database, its lock) are readable and writable by their owner only."""


ACCEPTED_URLS = "sqlite:///PATH, or postgresql://user@host/database (postgres:// and postgresql+psycopg:// too)"


class DatabaseUnusable(UsageError):
    """The database asked for cannot be used as it is: a wrong URL, a missing driver, a schema not
    made or not current."""


class NoDatabase(DatabaseUnusable):
    """There is no database at the URL; only ``ocmw db init`` makes one."""


class DatabaseUnreachable(Unavailable):
    """The database server does not answer."""


def database_url(given: str | None = None) -> str:
    """The URL asked for, else ``OCMW_DB_URL``, else ``ocmw.db`` in the current folder."""
    return given or os.environ.get(URL_VARIABLE) or DEFAULT_URL


def engine_url(url: str) -> URL:
    """The URL SQLAlchemy is given: SQLite, or PostgreSQL through psycopg (``postgres://`` and
    ``postgresql://`` as many tools write it); ``DatabaseUnusable`` naming the accepted forms otherwise.

    >>> engine_url("postgres://ocmw@db.example/ocmw").drivername
    'postgresql+psycopg'
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUnusable(f"{url!r} is not a database URL; use {ACCEPTED_URLS}") from None
    if parsed.drivername in ("postgres", "postgresql", "postgresql+psycopg"):
        return parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername in ("sqlite", "sqlite+pysqlite"):
        if not parsed.database:
            raise DatabaseUnusable(f"{url!r} names no database file; use sqlite:///PATH")
        return parsed
    raise DatabaseUnusable(f"{parsed.drivername}:// databases are not supported; use {ACCEPTED_URLS}")


@dataclass(frozen=True)
class Schema:
    """A kind of database the toolkit keeps: where its Alembic migrations are, what it is called in
    messages, and the command that makes one (``{url}`` its address)."""

    migrations: str
    what: str
    made_by: str


OCMW_DATABASE = Schema("storage", "OCMW database", "ocmw db init --db {url} --kbo ... --name ...")


def connect(url: str, *, create: bool = False, schema: Schema = OCMW_DATABASE) -> Engine:
    """An engine for ``url``; SQLite files get foreign keys, WAL and a wait on locks. A SQLite file
    that is not there is made only with ``create`` (``ocmw db init``), readable by its owner only;
    otherwise ``NoDatabase``."""
    parsed = engine_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database not in (None, "", ":memory:"):
            _sqlite_file(Path(parsed.database), url, create=create, schema=schema)
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=20)
    except ImportError:
        raise DatabaseUnusable(
            "PostgreSQL needs its driver psycopg, which is not installed: pip install 'psycopg[binary]'"
        ) from None


def _sqlite_file(path: Path, url: str, *, create: bool, schema: Schema) -> None:
    """The database file exists, or is made now (``create``), readable by its owner only: SQLite gives
    its -wal and -shm files the same permissions. With ``create``, an existing database that others
    may read is made private too."""
    if path.exists():
        if create:
            for file in (path, path.with_name(f"{path.name}-wal"), path.with_name(f"{path.name}-shm")):
                if file.exists() and file.stat().st_mode & 0o077:
                    file.chmod(PRIVATE)
        return
    if not create:
        raise NoDatabase(f"there is no database at {path.resolve()}: make it with `{schema.made_by.format(url=url)}`")
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE))
    except FileNotFoundError:
        raise DatabaseUnusable(
            f"{path.parent.resolve()}: no such folder, so the database cannot be made there"
        ) from None


def _sqlite_pragmas(connection: Any, _: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _alembic(engine: Engine | None, schema: Schema) -> Config:
    config = Config()
    config.set_main_option("script_location", str(importlib.resources.files(schema.migrations) / "migrations"))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


@dataclass(frozen=True)
class Migration:
    """What ``upgrade`` did: the schema version (Alembic revision) the database was at, ``None`` for a
    database made now, and the one it is at now."""

    before: str | None
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def upgrade(engine: Engine, schema: Schema = OCMW_DATABASE, to: str = "head") -> Migration:
    """Make the schema, or bring it to the current version (``ocmw db init``), or to the version ``to``
    (the tests of the migrations); what was done."""
    config = _alembic(engine, schema)
    try:
        with engine.begin() as connection:
            context = MigrationContext.configure(connection)
            before = context.get_current_revision()
            config.attributes["connection"] = connection
            command.upgrade(config, to)
            after = context.get_current_revision()
    except OperationalError as error:
        raise DatabaseUnreachable(f"the database cannot be reached: {error.orig}") from None
    except DBAPIError as error:
        raise DatabaseUnusable(f"{where(engine)} is not a database: {error.orig}") from None
    assert after is not None, "a schema upgraded is at a version"
    return Migration(before, after)


def head_revision(schema: Schema = OCMW_DATABASE) -> str:
    """The schema version the migrations of this toolkit bring a database to."""
    head = _migrations(schema).get_current_head()
    assert head is not None, "a schema has at least one migration"
    return head


def known_revision(revision: str, schema: Schema = OCMW_DATABASE) -> bool:
    """Whether ``revision`` is one of this toolkit's migrations (a newer toolkit's is not)."""
    return any(script.revision == revision for script in _migrations(schema).walk_revisions())


def _migrations(schema: Schema) -> ScriptDirectory:
    return ScriptDirectory.from_config(_alembic(None, schema))


def revision(engine: Engine) -> str | None:
    """The schema version the database is at; ``None`` when no schema was made in it."""
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except OperationalError as error:
        raise DatabaseUnreachable(f"the database cannot be reached: {error.orig}") from None
    except DBAPIError as error:
        raise DatabaseUnusable(f"{where(engine)} is not a database: {error.orig}") from None


def check_current(engine: Engine, schema: Schema = OCMW_DATABASE) -> None:
    """``DatabaseUnusable`` unless the schema is made and current; ``DatabaseUnreachable`` when the
    server does not answer."""
    head, current = head_revision(schema), revision(engine)
    init = schema.made_by.split(" --")[0]
    if current is None:
        raise DatabaseUnusable(f"{where(engine)} holds no {schema.what} yet: run `{init}` first")
    if current != head:
        raise DatabaseUnusable(f"{where(engine)} is at schema version {current}, not {head}: run `{init}`")


def where(engine: Engine) -> str:
    if engine.url.get_backend_name() == "sqlite":
        return str(Path(engine.url.database or "").resolve())
    return engine.url.render_as_string(hide_password=True)


class _FileLock:
    """An exclusive lock on a file beside the database, taken by one writer at a time, across threads
    and processes. SQLite lets a waiting writer sleep and poll (1, 2, 5, 10 ... ms); a writer waiting
    here wakes the moment the other one is done."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.local = threading.local()

    def __enter__(self) -> None:
        if getattr(self.local, "file", None) is None:
            self.local.file = os.fdopen(os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE), "r+b")  # kept open
        fcntl.flock(self.local.file, fcntl.LOCK_EX)

    def __exit__(self, *_: object) -> None:
        fcntl.flock(self.local.file, fcntl.LOCK_UN)


@functools.cache
def _writer_lock(url: str) -> AbstractContextManager[None]:
    parsed = make_url(url)
    if fcntl is None or parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return nullcontext()  # PostgreSQL orders its writers itself
    return _FileLock(f"{parsed.database}-writer.lock")


def writer_lock(bind: Engine | Connection) -> AbstractContextManager[None]:
    """Held around a short write transaction: one writer of a SQLite file at a time."""
    return _writer_lock(bind.engine.url.render_as_string(hide_password=False))


def sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session in one transaction: committed when the block ends, rolled back on an error."""
    with factory.begin() as session:
        yield session
