"""The audit log as a chain (``storage.chain``): every line follows from the one before it and its own
content, the head records the last line; a line changed, removed, or removed at the end directly in
the database is found at its place; writers in several threads at once keep one chain, on SQLite and
PostgreSQL; the lines written before the chain are chained by the migration."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from storage import audit, chain, tables
from storage.database import OCMW_DATABASE, _alembic, connect, sessions, upgrade
from tests.exchange_world import BACKENDS, database

SOFIE = "92021416206"
DETAILS = {"disclosed": {"D-1": {"decisions": [1, 2], "gpmi": None}}, "name": "CPAS de Liège", "share": 0.1}


@pytest.fixture(params=BACKENDS)
def log(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    """An empty database of the current schema, on each backend under test."""
    with database(request.param, tmp_path) as url:
        engine = connect(url, create=True)
        upgrade(engine)
        yield sessions(engine)
        engine.dispose()


def write(factory: sessionmaker[Session], count: int, **details: object) -> None:
    for number in range(count):
        with factory.begin() as session:
            audit.log(session, actor="test", action="tested", ssin=SOFIE, number=number, **details)


def verdict(factory: sessionmaker[Session]) -> chain.Verdict:
    with factory() as session:
        return chain.verify(session.connection())


def tampered(factory: sessionmaker[Session], *statements: str) -> None:
    """Statements run directly in the database, as someone who lifted the triggers would."""
    engine = factory.kw["bind"]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
            connection.execute(text("ALTER TABLE audit_chain DISABLE TRIGGER USER"))
        else:
            for trigger in ("audit_log_no_update", "audit_log_no_delete", "audit_chain_no_delete"):
                connection.execute(text(f"DROP TRIGGER IF EXISTS {trigger}"))
        for statement in statements:
            connection.execute(text(statement))


def test_an_empty_log_is_unbroken(log: sessionmaker[Session]) -> None:
    found = verdict(log)
    assert (found.unbroken, found.lines, found.last_line, found.last_hash) == (True, 0, None, chain.GENESIS)


def test_each_line_carries_the_hash_of_the_one_before_and_its_own(log: sessionmaker[Session]) -> None:
    write(log, 3, **DETAILS)
    with log() as session:
        lines = session.scalars(select(tables.AuditEntry).order_by(tables.AuditEntry.id)).all()
        head = session.get(tables.AuditChainHead, 1)
    assert [line.previous_hash for line in lines] == [chain.GENESIS, lines[0].hash, lines[1].hash]
    for line in lines:
        content = chain.LineContent(line.at, line.actor, line.action, line.ssin, line.details)
        assert line.hash == chain.line_hash(line.previous_hash, chain.canonical(content))
    assert head is not None and (head.last_id, head.last_hash) == (lines[-1].id, lines[-1].hash)
    found = verdict(log)
    assert (found.unbroken, found.lines, found.last_line) == (True, 3, lines[-1].id)


def test_a_line_changed_in_the_database_is_found_at_its_place(log: sessionmaker[Session]) -> None:
    write(log, 4)
    tampered(log, "UPDATE audit_log SET actor = 'someone else' WHERE id = 2")
    assert verdict(log).breaks == (chain.Break(2, "line 2 was changed: its content does not give its hash"),)


def test_a_line_changed_with_its_hash_made_again_breaks_the_next_line(log: sessionmaker[Session]) -> None:
    write(log, 4)
    with log() as session:
        second = session.get(tables.AuditEntry, 2)
        assert second is not None
        content = chain.LineContent(second.at, "someone else", second.action, second.ssin, second.details)
    again = chain.line_hash(second.previous_hash, chain.canonical(content))
    tampered(log, f"UPDATE audit_log SET actor = 'someone else', hash = '{again}' WHERE id = 2")
    assert [broken.line for broken in verdict(log).breaks] == [3]


def test_a_line_removed_in_the_middle_breaks_the_line_after_it(log: sessionmaker[Session]) -> None:
    write(log, 4)
    tampered(log, "DELETE FROM audit_log WHERE id = 2")
    assert verdict(log).breaks == (
        chain.Break(3, "line 3 does not follow line 1: a line between them was removed, or line 1 was changed"),
    )


def test_the_first_line_removed_is_found(log: sessionmaker[Session]) -> None:
    write(log, 2)
    tampered(log, "DELETE FROM audit_log WHERE id = 1")
    assert verdict(log).breaks == (chain.Break(2, "line 2 does not begin the chain: the lines before it were removed"),)


@pytest.mark.parametrize(("removed", "left"), [(1, "line 2"), (3, "no line at all")])
def test_lines_removed_at_the_end_are_found_by_the_head(log: sessionmaker[Session], removed: int, left: str) -> None:
    write(log, 3)
    tampered(log, f"DELETE FROM audit_log WHERE id > {3 - removed}")
    assert verdict(log).breaks == (
        chain.Break(None, f"the log ends with {left}, but its head records line 3: lines at the end were removed"),
    )


def test_the_head_cannot_be_deleted_and_a_head_deleted_stops_the_log(log: sessionmaker[Session]) -> None:
    write(log, 1)
    with pytest.raises(DBAPIError, match="never deleted"), log.kw["bind"].begin() as connection:
        connection.execute(text("DELETE FROM audit_chain"))
    tampered(log, "DELETE FROM audit_chain")
    assert verdict(log).breaks == (chain.Break(None, "the chain's head is missing: it was deleted from the database"),)
    with pytest.raises(audit.ChainHeadMissing), log.begin() as session:
        audit.log(session, actor="test", action="tested")


def test_writers_in_several_threads_at_once_keep_one_chain(log: sessionmaker[Session]) -> None:
    """Each writer reads before it writes, as the responder does: the line it adds still follows the
    last line written, whoever wrote it."""
    writers, lines_each = 6, 15
    start = threading.Barrier(writers)
    failures: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            start.wait()
            for line in range(lines_each):
                with log.begin() as session:
                    session.execute(select(tables.AuditEntry.id).limit(1)).all()
                    audit.log(session, actor=f"writer {number}", action="tested", line=line)
        except BaseException as failure:  # the test says which writer failed, not only that one did
            failures.append(failure)

    threads = [threading.Thread(target=writer, args=(number,)) for number in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    found = verdict(log)
    assert (found.breaks, found.lines) == ((), writers * lines_each)


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_lines_written_before_the_chain_are_chained_by_the_migration(backend: str, tmp_path: Path) -> None:
    with database(backend, tmp_path) as url:
        _chained_by_the_migration(connect(url, create=True))


def _chained_by_the_migration(engine: Engine) -> None:
    _upgrade_to(engine, "0003")
    written = dt.datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)
    with engine.begin() as connection:
        for number in range(3):
            connection.execute(
                tables.table_of(tables.AuditEntry).insert(),
                {"at": written, "actor": "test", "action": "old", "ssin": SOFIE, "details": {"number": number}},
            )
    upgrade(engine)
    factory = sessions(engine)
    write(factory, 1)
    found = verdict(factory)
    assert (found.unbroken, found.lines, found.first_at) == (True, 4, written)
    engine.dispose()


def test_the_migration_goes_back_and_forth(tmp_path: Path) -> None:
    engine = connect(f"sqlite:///{tmp_path / 'old.db'}", create=True)
    upgrade(engine)
    write(sessions(engine), 2)
    _upgrade_to(engine, "0003", down=True)
    upgrade(engine)
    assert verdict(sessions(engine)).lines == 2
    engine.dispose()


def _upgrade_to(engine: Engine, revision: str, *, down: bool = False) -> None:
    config = _alembic(engine, OCMW_DATABASE)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)
