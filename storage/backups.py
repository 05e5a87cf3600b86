"""Backups of the OCMW's database, taken while the service answers, and restored into an empty database.

SQLite: the online backup API (``sqlite3.Connection.backup``) copies one consistent state of the
database while the service goes on writing (in WAL mode readers and writers do not wait for each
other); the copy is one file, checked by SQLite before it is kept. PostgreSQL: ``pg_dump`` in its
custom format, restored with ``pg_restore``; where they are not installed, the command to run
elsewhere is said. A backup holds every person's data: its file is readable by its owner only, and
written beside its place first, so that a backup cut short never looks like one."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import URL

from ground.errors import InvalidInput, Unavailable, UsageError
from storage.database import (
    PRIVATE,
    DatabaseUnusable,
    Migration,
    connect,
    engine_url,
    known_revision,
    revision,
    upgrade,
    where,
)

Kind = Literal["sqlite", "postgresql"]
_MAGIC: dict[bytes, Kind] = {b"SQLite format 3\x00": "sqlite", b"PGDMP": "postgresql"}
_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
_RESTORED_BY = {"sqlite": "a sqlite:///PATH database", "postgresql": "a postgresql://user@host/database"}
CLIENT_PROGRAMS = "PostgreSQL's client programs (apt-get install postgresql-client)"
OWNER_TABLE = "ocmw_identity"
"""The table only an OCMW database has (the directory's database has Alembic revisions of the same names)."""


@dataclass(frozen=True)
class Backup:
    """A backup written: where, of which schema version, how large."""

    path: Path
    revision: str
    size: int


def back_up(engine: Engine, to: Path) -> Backup:
    """Copy the database into the new file ``to`` (never over another file), readable by its owner only."""
    kind = _kind(engine.url)
    if kind == "postgresql":
        pg_dump = _program("pg_dump", f"(umask 077 && pg_dump --format=custom --file {to} '{_libpq(engine.url)}')")
    if to.exists():
        raise UsageError(f"{to} already exists: a backup never replaces a file; give a new name")
    if not to.parent.is_dir():
        raise UsageError(f"{to.parent}: no such folder, so the backup cannot be written there")
    held = revision(engine)
    if held is None or not inspect(engine).has_table(OWNER_TABLE):
        raise DatabaseUnusable(f"{where(engine)} holds no OCMW database: there is nothing to back up")
    partial = to.with_name(f".{to.name}.partial")
    partial.unlink(missing_ok=True)  # what a backup cut short left
    try:
        with _private(partial):
            if kind == "sqlite":
                _sqlite_backup(engine, partial)
            else:
                _run(pg_dump, "--format=custom", "--file", str(partial), url=engine.url)
        partial.replace(to)
    finally:
        partial.unlink(missing_ok=True)
    return Backup(to, held, to.stat().st_size)


def _sqlite_backup(engine: Engine, to: Path) -> None:
    source = engine.raw_connection()
    try:
        with closing(sqlite3.connect(to)) as target:
            source.driver_connection.backup(target)  # type: ignore[union-attr]
            target.execute("PRAGMA journal_mode = DELETE")  # one file, without a -wal beside it
            _check_sqlite(target, to)
    finally:
        source.close()


@dataclass(frozen=True)
class Restored:
    """A backup restored: the schema version it held, and what the migrations did after."""

    revision: str
    migration: Migration


def restore(backup: Path, url: str) -> Restored:
    """Restore ``backup`` into the empty database at ``url``, then bring its schema up to date."""
    kind = backup_kind(backup)
    if _kind(engine_url(url)) != kind:
        raise UsageError(f"{backup} is a backup of a {_NAMES[kind]} database: restore it into {_RESTORED_BY[kind]}")
    pg_restore = ""
    if kind == "postgresql":
        elsewhere = f"pg_restore {' '.join(_PG_RESTORE)} --dbname '{_libpq(engine_url(url))}' {backup}"
        pg_restore = _program("pg_restore", elsewhere)
    held = _revision_in(backup, pg_restore)
    engine = connect(url, create=True)
    try:
        _refuse_unless_empty(engine)
        if kind == "sqlite":
            with closing(_read_only(backup)) as source, closing(sqlite3.connect(str(engine.url.database))) as target:
                source.backup(target)
        else:
            _run(pg_restore, *_PG_RESTORE, str(backup), url=engine.url)
        return Restored(held, upgrade(engine))
    finally:
        engine.dispose()


_PG_RESTORE = ("--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction")
"""Restored as the user of the URL, in one transaction: all of it or nothing."""


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def backup_kind(backup: Path) -> Kind:
    """Which database ``backup`` is a backup of, by its first bytes; ``InvalidInput`` for another file."""
    try:
        with backup.open("rb") as file:
            start = file.read(16)
    except OSError as error:
        raise UsageError(f"cannot read {backup}: {error.strerror or error}") from None
    for magic, kind in _MAGIC.items():
        if start.startswith(magic):
            return kind
    raise InvalidInput(f"{backup} is not a backup of a database: `ocmw db backup` makes one")


def _revision_in(backup: Path, pg_restore: str) -> str:
    """The schema version of the OCMW database a backup holds, checked to be one of this toolkit's
    (``pg_restore``: the program that reads a PostgreSQL backup)."""
    if not pg_restore:
        with closing(_read_only(backup)) as source:
            _check_sqlite(source, backup)
            tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            found = []
            if {OWNER_TABLE, "alembic_version"} <= tables:
                found = [row[0] for row in source.execute("SELECT version_num FROM alembic_version")]
    else:
        listed = _run(pg_restore, "--list", str(backup))
        copied = _run(pg_restore, "--data-only", "--table=alembic_version", "--file=-", str(backup))
        rows = re.search(r"FROM stdin;\n(.*?)^\\\.$", copied, flags=re.MULTILINE | re.DOTALL)
        found = rows.group(1).split() if rows and f" {OWNER_TABLE} " in listed else []
    if len(found) != 1:
        raise InvalidInput(f"{backup} is not a backup of an OCMW database: `ocmw db backup` makes one")
    if not known_revision(found[0]):
        raise InvalidInput(
            f"{backup} holds an OCMW database at schema version {found[0]}, which a newer version of the toolkit "
            "made: restore it with that version"
        )
    return str(found[0])


def _check_sqlite(connection: sqlite3.Connection, path: Path) -> None:
    try:
        said = connection.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        said = str(error)
    if said != "ok":
        raise InvalidInput(f"{path} is damaged: SQLite says {said}")


def _refuse_unless_empty(engine: Engine) -> None:
    held = revision(engine)  # first: it says in one line when the database is not there or does not answer
    names = inspect(engine).get_table_names()
    if OWNER_TABLE in names:
        raise UsageError(
            f"{where(engine)} already holds an OCMW database (schema version {held}): a backup is restored "
            "into an empty database only; give a new one with --db"
        )
    if names:
        raise UsageError(
            f"{where(engine)} is not empty (it holds the tables {', '.join(sorted(names))}): a backup is restored into "
            "an empty database only; give a new one with --db"
        )


def _kind(url: URL) -> Kind:
    return "sqlite" if url.get_backend_name() == "sqlite" else "postgresql"


def _libpq(url: URL) -> str:
    """The URL as PostgreSQL's own programs read it, without the password (given to them apart)."""
    bare = URL.create("postgresql", url.username, None, url.host, url.port, url.database, url.query)
    return bare.render_as_string(hide_password=False)


def _program(name: str, elsewhere: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise UsageError(
            f"{name} is not installed on this machine: install {CLIENT_PROGRAMS}, or run on a machine that has "
            f"them: {elsewhere}"
        )
    return found


def _run(program: str, *arguments: str, url: URL | None = None) -> str:
    """Run one of PostgreSQL's programs (on the database of ``url``); its output, or its error said."""
    environment = dict(os.environ)
    if url is not None:
        arguments = (*arguments, f"--dbname={_libpq(url)}")
        if url.password is not None:
            environment["PGPASSWORD"] = str(url.password)  # never on a command line others can read
    done = subprocess.run([program, *arguments], env=environment, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        name = Path(program).name
        said = done.stderr.strip().splitlines() or [f"exit code {done.returncode}"]
        raise Unavailable(f"{name} failed: {said[0].removeprefix(f'{name}: ').removeprefix('error: ')}")
    return done.stdout


@contextmanager
def _private(path: Path) -> Iterator[None]:
    """A new file, readable and writable by its owner only, for the block to fill."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE))
    yield
    path.chmod(PRIVATE)
