"""Accounts of the web pages: Argon2 hashes, the rules of a new account, ``ocmw user add``, the
session key, and the tables equal to the migrations."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from cli import main
from exchange import tables
from exchange.database import connect, sessions, upgrade
from web.accounts import MIN_PASSWORD_LENGTH, InvalidAccount, Role, add_user, authenticate, set_active
from web.sessions import session_secret


@pytest.fixture
def database(tmp_path: Path) -> tuple[str, sessionmaker[Session]]:
    url = f"sqlite:///{tmp_path / 'ocmw.db'}"
    engine = connect(url)
    upgrade(engine)
    return url, sessions(engine)


def test_the_tables_are_those_the_migrations_make(database: tuple[str, sessionmaker[Session]]) -> None:
    with database[1]() as session:
        assert compare_metadata(MigrationContext.configure(session.connection()), tables.Base.metadata) == []


def test_a_password_is_kept_only_as_an_argon2id_hash(database: tuple[str, sessionmaker[Session]]) -> None:
    with database[1].begin() as session:
        add_user(session, "an.peeters", "correct horse battery", Role.SOCIAL_WORKER, actor="test")
        stored = session.scalars(select(tables.User.password_hash)).one()
    assert stored.startswith("$argon2id$") and "correct horse battery" not in stored


def test_only_the_right_password_of_an_active_user_logs_in(database: tuple[str, sessionmaker[Session]]) -> None:
    with database[1].begin() as session:
        made = add_user(session, "an.peeters", "correct horse battery", Role.SOCIAL_WORKER, actor="test")
        assert authenticate(session, "an.peeters", "correct horse battery") == made
        assert authenticate(session, "an.peeters", "correct horse batterY") is None
        assert authenticate(session, "someone", "correct horse battery") is None
        set_active(session, made.id, False, actor="test")
        assert authenticate(session, "an.peeters", "correct horse battery") is None


def test_a_password_needs_twelve_characters_and_a_name_is_unique(database: tuple[str, sessionmaker[Session]]) -> None:
    with database[1].begin() as session:
        add_user(session, "an.peeters", "x" * MIN_PASSWORD_LENGTH, Role.SOCIAL_WORKER, actor="test")
        with pytest.raises(InvalidAccount) as refused:
            add_user(session, "an.peeters", "x" * (MIN_PASSWORD_LENGTH - 1), Role.SOCIAL_WORKER, actor="test")
    assert [(problem.field, problem.message("en")) for problem in refused.value.problems] == [
        ("username", "there is already a user 'an.peeters': choose another name"),
        ("password", "the password has 11 characters: it needs at least 12"),
    ]


def test_ocmw_user_add_asks_the_password_twice_and_audits(database: tuple[str, sessionmaker[Session]]) -> None:
    url, factory = database
    with factory.begin() as session:
        session.add(tables.Identity(id=1, kbo="0212345668", name="OCMW Gent"))
    command = ["user", "add", "beheerder", "--role", "administrator", "--db", url]
    result = CliRunner().invoke(main, command, input="een lang wachtwoord\neen lang wachtwoord\n")
    assert result.exit_code == 0, result.output
    refused = CliRunner().invoke(main, [*command[:2], "kort", *command[3:]], input="kort\nkort\n")
    assert refused.exit_code == 1
    assert "the password has 4 characters: it needs at least 12" in refused.output
    with factory.begin() as session:
        assert authenticate(session, "beheerder", "een lang wachtwoord") is not None
        audited = session.scalars(select(tables.AuditEntry.action).where(tables.AuditEntry.action == "user_added"))
        assert audited.all() == ["user_added"]


def test_ocmw_user_add_reads_a_password_file(database: tuple[str, sessionmaker[Session]], tmp_path: Path) -> None:
    url, factory = database
    secret = tmp_path / "password"
    secret.write_text("uit een bestand gelezen\n")
    result = CliRunner().invoke(
        main, ["user", "add", "an", "--role", "social_worker", "--password-file", str(secret), "--db", url]
    )
    assert result.exit_code == 0, result.output
    with factory.begin() as session:
        assert authenticate(session, "an", "uit een bestand gelezen") is not None


def test_the_session_key_is_made_once_and_kept(
    database: tuple[str, sessionmaker[Session]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OCMW_WEB_SECRET", raising=False)
    first = session_secret(database[1])
    assert len(first) >= 48 and session_secret(database[1]) == first
    monkeypatch.setenv("OCMW_WEB_SECRET", "given by the environment")
    assert session_secret(database[1]) == "given by the environment"
