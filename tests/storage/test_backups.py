"""Backups of the OCMW's database (``storage.backups``): one taken while the responder answers restores with
every request answered before it began; the file is its owner's only and never replaces another; a restore
goes into an empty database of the same kind only, and takes only a whole backup of an OCMW database this
toolkit knows."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import make_url, select
from sqlalchemy.orm import undefer

from ground.errors import InvalidInput, Unavailable, UsageError
from storage import backups, tables
from storage.backups import back_up, restore
from storage.database import connect, head_revision, sessions, upgrade
from tests.exchange_world import BACKENDS, Ocmw, database, make_ocmw, serve, signed_requests, trust_of

LOAD = 36
"""Requests sent while the backup is taken: a few dozen."""


def backends_with_their_programs() -> list[str]:
    return [backend for backend in BACKENDS if backend == "sqlite" or shutil.which("pg_dump")]


@pytest.fixture(params=backends_with_their_programs())
def backend(request: pytest.FixtureRequest) -> str:
    kind: str = request.param
    return kind


@pytest.fixture
def liege(tmp_path: Path) -> Iterator[Ocmw]:
    """The CPAS de Liège with its records, on SQLite."""
    ocmw = make_ocmw(f"sqlite:///{tmp_path / 'liege.db'}", "0207654333", "CPAS de Liège", records="liege")
    yield ocmw
    ocmw.engine.dispose()


def answers_in(url: str) -> tuple[dict[str, bytes], list[str]]:
    """The answers a database holds by request id, and the request ids of its ``answer_sent`` audit lines."""
    engine = connect(url)
    try:
        with sessions(engine)() as session:
            rows = session.scalars(select(tables.AnsweredRequest).options(undefer(tables.AnsweredRequest.response_xml)))
            answers = {row.request_id: row.response_xml for row in rows}
            audited = session.scalars(select(tables.AuditEntry).where(tables.AuditEntry.action == "answer_sent"))
            return answers, sorted(line.details["request_id"] for line in audited)
    finally:
        engine.dispose()


def test_a_backup_taken_while_requests_are_answered_restores_every_request_answered_before_it_began(
    backend: str, tmp_path: Path
) -> None:
    with database(backend, tmp_path) as liege_url, database(backend, tmp_path) as restored_url:
        liege = make_ocmw(liege_url, "0207654333", "CPAS de Liège", records="liege")
        gent = make_ocmw(f"sqlite:///{tmp_path / 'gent.db'}", "0212345668", "OCMW Gent")
        bodies = signed_requests(gent.ocmw, gent.identity.signing, LOAD, "GENT-BACKUP")
        answered_at: dict[str, float] = {}
        enough = threading.Event()

        def ask(number: int, service_url: str) -> int:
            reply = client.post(service_url, content=bodies[number - 1])
            answered_at[f"GENT-BACKUP-{number}"] = time.monotonic()
            if len(answered_at) >= 10:
                enough.set()
            return reply.status_code

        backup = tmp_path / "liege.backup"
        with (
            serve(liege, trust_of(gent, folder=tmp_path / "trust")) as service,
            httpx.Client(timeout=30) as client,
            ThreadPoolExecutor(4) as pool,
        ):
            replies = [pool.submit(ask, number, service.url) for number in range(1, LOAD + 1)]
            assert enough.wait(timeout=60)
            began = time.monotonic()
            made = back_up(liege.engine, backup)
            statuses = [reply.result() for reply in replies]
        assert statuses == [200] * LOAD
        answered_before = {request_id for request_id, at in answered_at.items() if at < began}
        assert 10 <= len(answered_before) < LOAD  # taken while requests were being answered

        restored = restore(backup, restored_url)
        assert (made.revision, restored.revision, restored.migration.before) == (head_revision(),) * 3
        held, audited = answers_in(restored_url)
        live, _ = answers_in(liege_url)
        assert answered_before <= set(held)
        assert audited == sorted(held)  # each answer with its audit line, as they were committed together
        assert all(held[request_id] == live[request_id] for request_id in held)
        liege.engine.dispose()
        gent.engine.dispose()


def test_the_backup_is_readable_by_its_owner_only_whatever_the_umask(liege: Ocmw, tmp_path: Path) -> None:
    permissive = os.umask(0)
    try:
        back_up(liege.engine, tmp_path / "liege.backup")
    finally:
        os.umask(permissive)
    assert (tmp_path / "liege.backup").stat().st_mode & 0o777 == 0o600
    assert sorted(path.name for path in tmp_path.iterdir() if "backup" in path.name) == ["liege.backup"]


def test_a_backup_is_one_sqlite_file_without_a_wal_beside_it(liege: Ocmw, tmp_path: Path) -> None:
    back_up(liege.engine, tmp_path / "liege.backup")
    with sqlite3.connect(tmp_path / "liege.backup") as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_a_backup_never_replaces_a_file(liege: Ocmw, tmp_path: Path) -> None:
    (tmp_path / "kept.db").write_bytes(b"yesterday's backup")
    with pytest.raises(UsageError, match=r"kept.db already exists: a backup never replaces a file; give a new name"):
        back_up(liege.engine, tmp_path / "kept.db")
    assert (tmp_path / "kept.db").read_bytes() == b"yesterday's backup"


def test_a_backup_cut_short_leaves_no_file(liege: Ocmw, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def damaged(connection: sqlite3.Connection, path: Path) -> None:
        raise InvalidInput(f"{path} is damaged")

    monkeypatch.setattr(backups, "_check_sqlite", damaged)
    with pytest.raises(InvalidInput):
        back_up(liege.engine, tmp_path / "liege.backup")
    assert [path.name for path in tmp_path.iterdir() if "backup" in path.name] == []


def test_a_backup_of_a_database_without_an_ocmw_database_is_refused(tmp_path: Path) -> None:
    engine = connect(f"sqlite:///{tmp_path / 'empty.db'}", create=True)
    with pytest.raises(UsageError, match="holds no OCMW database: there is nothing to back up"):
        back_up(engine, tmp_path / "empty.backup")
    assert not (tmp_path / "empty.backup").exists()


@pytest.fixture
def backup(liege: Ocmw, tmp_path: Path) -> Path:
    return back_up(liege.engine, tmp_path / "liege.backup").path


def test_a_backup_is_restored_into_a_new_sqlite_file_readable_by_its_owner_only(backup: Path, tmp_path: Path) -> None:
    restore(backup, f"sqlite:///{tmp_path / 'restored.db'}")
    assert (tmp_path / "restored.db").stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(tmp_path / "restored.db") as restored:
        assert restored.execute("SELECT kbo, name FROM ocmw_identity").fetchall() == [("0207654333", "CPAS de Liège")]
        assert restored.execute("SELECT count(*) FROM decisions").fetchone() == (5,)


def test_a_restore_into_a_database_that_holds_an_ocmw_database_is_refused(
    backup: Path, liege: Ocmw, tmp_path: Path
) -> None:
    held = rf"liege.db already holds an OCMW database \(schema version {head_revision()}\)"
    with pytest.raises(UsageError, match=held):
        restore(backup, liege.url)


def test_a_restore_into_a_database_that_holds_other_tables_is_refused(backup: Path, tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "notes.db") as other:
        other.execute("CREATE TABLE notes (text)")
    with pytest.raises(UsageError, match=r"notes.db is not empty \(it holds the tables notes\)"):
        restore(backup, f"sqlite:///{tmp_path / 'notes.db'}")


def test_a_restore_into_an_empty_database_file_is_done(backup: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.db").touch()
    assert restore(backup, f"sqlite:///{tmp_path / 'empty.db'}").revision == head_revision()


def test_a_file_that_is_no_backup_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a backup")
    with pytest.raises(InvalidInput, match=r"notes\.txt is not a backup of a database: `ocmw db backup` makes one"):
        restore(tmp_path / "notes.txt", f"sqlite:///{tmp_path / 'restored.db'}")
    assert not (tmp_path / "restored.db").exists()


def test_a_sqlite_database_that_is_no_ocmw_database_is_refused(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "directory.db") as other:  # the directory's database has Alembic versions too
        other.execute("CREATE TABLE alembic_version (version_num)")
        other.execute("INSERT INTO alembic_version VALUES ('0001')")
    with pytest.raises(InvalidInput, match=r"directory\.db is not a backup of an OCMW database"):
        restore(tmp_path / "directory.db", f"sqlite:///{tmp_path / 'restored.db'}")


def test_a_damaged_backup_is_refused(backup: Path, tmp_path: Path) -> None:
    content = backup.read_bytes()
    backup.write_bytes(content[: len(content) // 2])
    with pytest.raises(InvalidInput, match=r"liege\.backup is damaged: SQLite says"):
        restore(backup, f"sqlite:///{tmp_path / 'restored.db'}")


def test_a_backup_a_newer_toolkit_made_is_refused(backup: Path, tmp_path: Path) -> None:
    with sqlite3.connect(backup) as copy:
        copy.execute("UPDATE alembic_version SET version_num = '0099_future'")
    with pytest.raises(InvalidInput, match="at schema version 0099_future, which a newer version of the toolkit made"):
        restore(backup, f"sqlite:///{tmp_path / 'restored.db'}")


def test_a_backup_of_an_older_schema_is_restored_and_brought_up_to_date(tmp_path: Path) -> None:
    old = connect(f"sqlite:///{tmp_path / 'old.db'}", create=True)
    upgrade(old, to="0002")
    with old.begin() as connection:
        connection.exec_driver_sql("INSERT INTO ocmw_identity (id, kbo, name) VALUES (1, '0212345668', 'OCMW Gent')")
    back_up(old, tmp_path / "old.backup")
    restored = restore(tmp_path / "old.backup", f"sqlite:///{tmp_path / 'restored.db'}")
    assert (restored.revision, restored.migration.before, restored.migration.after) == ("0002", "0002", head_revision())


def test_a_sqlite_backup_is_not_restored_into_postgresql_nor_the_other_way(backup: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a backup of a SQLite database: restore it into a sqlite:///PATH database"):
        restore(backup, "postgresql://ocmw@127.0.0.1:1/ocmw")
    (tmp_path / "liege.dump").write_bytes(b"PGDMP\x01\x0e")
    with pytest.raises(UsageError, match="a backup of a PostgreSQL database: restore it into a postgresql://"):
        restore(tmp_path / "liege.dump", f"sqlite:///{tmp_path / 'restored.db'}")


def test_without_pg_dump_the_command_to_run_elsewhere_is_said_without_the_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    engine = connect("postgresql://ocmw:secret@db.example:5433/ocmw")
    with pytest.raises(UsageError) as refused:
        back_up(engine, tmp_path / "ocmw.dump")
    assert str(refused.value) == (
        "pg_dump is not installed on this machine: install PostgreSQL's client programs (apt-get install "
        "postgresql-client), or run on a machine that has them: (umask 077 && pg_dump --format=custom --file "
        f"{tmp_path / 'ocmw.dump'} 'postgresql://ocmw@db.example:5433/ocmw')"
    )
    (tmp_path / "ocmw.dump").write_bytes(b"PGDMP\x01\x0e")
    with pytest.raises(
        UsageError, match=r"^pg_restore is not installed on this machine: .* --dbname 'postgresql://ocmw@db"
    ):
        restore(tmp_path / "ocmw.dump", "postgresql://ocmw:secret@db.example:5433/ocmw")


@pytest.mark.skipif("postgresql" not in BACKENDS or not shutil.which("pg_dump"), reason="no PostgreSQL to test with")
def test_a_restore_into_a_postgresql_database_that_is_not_there_says_so_in_one_line(tmp_path: Path) -> None:
    with database("postgresql", tmp_path) as url:
        ocmw = make_ocmw(url, "0207654333", "CPAS de Liège")
        made = back_up(ocmw.engine, tmp_path / "liege.dump")
        ocmw.engine.dispose()
    not_there = make_url(url).set(database=f"{make_url(url).database}_not_made")
    said = r'^the database cannot be reached: .*"ocmw_test_\w+_not_made" does not exist$'
    with pytest.raises(Unavailable, match=said):
        restore(made.path, not_there.render_as_string(hide_password=False))


@pytest.mark.skipif("postgresql" not in BACKENDS, reason="no PostgreSQL server to test with")
def test_pg_dump_that_fails_says_why_in_one_line_and_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    programs = tmp_path / "bin"
    programs.mkdir()
    (programs / "pg_dump").write_text(
        "#!/bin/sh\necho 'pg_dump: error: aborting because of server version mismatch' >&2\n"
        "echo 'pg_dump: detail: server version: 17.2; pg_dump version: 15.18' >&2\nexit 1\n"
    )
    (programs / "pg_dump").chmod(0o755)
    monkeypatch.setenv("PATH", f"{programs}{os.pathsep}{os.environ['PATH']}")
    with database("postgresql", tmp_path) as url:
        ocmw = make_ocmw(url, "0207654333", "CPAS de Liège")
        with pytest.raises(Unavailable) as failed:
            back_up(ocmw.engine, tmp_path / "liege.dump")
        ocmw.engine.dispose()
    assert str(failed.value) == "pg_dump failed: aborting because of server version mismatch"
    assert [path.name for path in tmp_path.iterdir() if "dump" in path.name] == []
