"""Accounts of the web pages: Argon2 hashes, the rules of a new account, ``ocmw user add``, the
session key, and the tables equal to the migrations."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from click.testing import CliRunner, Result
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from cli import main
from storage import tables
from storage.database import connect, sessions, upgrade
from web import passwords
from web.accounts import (
    Account,
    InvalidAccount,
    Role,
    account_problems,
    active_account,
    add_user,
    authenticate,
    set_active,
)
from web.cookie import session_secret
from web.passwords import MIN_PASSWORD_LENGTH, FailedLogins


@pytest.fixture
def database(tmp_path: Path) -> tuple[str, sessionmaker[Session]]:
    url = f"sqlite:///{tmp_path / 'ocmw.db'}"
    engine = connect(url, create=True)
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
        assert authenticate(session, "an.peeters", "correct horse battery", failed=FailedLogins()) == made
        assert authenticate(session, "an.peeters", "correct horse batterY", failed=FailedLogins()) is None
        assert authenticate(session, "someone", "correct horse battery", failed=FailedLogins()) is None
        set_active(session, made.id, False, actor="test")
        assert authenticate(session, "an.peeters", "correct horse battery", failed=FailedLogins()) is None


def test_a_password_needs_twelve_characters_and_a_name_is_unique(database: tuple[str, sessionmaker[Session]]) -> None:
    with database[1].begin() as session:
        add_user(session, "an.peeters", "x" * MIN_PASSWORD_LENGTH, Role.SOCIAL_WORKER, actor="test")
        with pytest.raises(InvalidAccount) as refused:
            add_user(session, "an.peeters", "x" * (MIN_PASSWORD_LENGTH - 1), Role.SOCIAL_WORKER, actor="test")
    assert [(problem.field, problem.message("en")) for problem in refused.value.problems] == [
        ("username", "there is already a user 'an.peeters': choose another name"),
        ("password", "the password has 11 characters: it needs at least 12"),
    ]


def user_add(url: str, username: str, password: str = "een lang wachtwoord") -> Result:
    """``ocmw user add USERNAME --role administrator``, the password typed twice."""
    command = ["user", "add", username, "--role", "administrator", "--db", url]
    return CliRunner().invoke(main, command, input=f"{password}\n{password}\n")


def test_ocmw_user_add_asks_the_password_twice_and_audits(database: tuple[str, sessionmaker[Session]]) -> None:
    url, factory = database
    result = user_add(url, "beheerder")
    assert result.exit_code == 0, result.output
    refused = user_add(url, "kort", "kort")
    assert refused.exit_code == 1
    assert "the password has 4 characters: it needs at least 12" in refused.output
    with factory.begin() as session:
        assert authenticate(session, "beheerder", "een lang wachtwoord", failed=FailedLogins()) is not None
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
        assert authenticate(session, "an", "uit een bestand gelezen", failed=FailedLogins()) is not None


def test_the_session_key_is_made_once_and_kept(
    database: tuple[str, sessionmaker[Session]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OCMW_WEB_SECRET", raising=False)
    first = session_secret(database[1])
    assert len(first) >= 48 and session_secret(database[1]) == first
    monkeypatch.setenv("OCMW_WEB_SECRET", "given by the environment")
    assert session_secret(database[1]) == "given by the environment"


def test_at_most_two_passwords_are_checked_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    running = most = 0
    lock = threading.Lock()

    class SlowHasher:
        def verify(self, *_: object) -> bool:
            nonlocal running, most
            with lock:
                running += 1
                most = max(most, running)
            time.sleep(0.05)
            with lock:
                running -= 1
            return True

    monkeypatch.setattr(passwords, "_hasher", SlowHasher())
    with ThreadPoolExecutor(8) as pool:
        assert all(pool.map(lambda _: passwords.matches("a hash", "a password"), range(8)))
    assert most == passwords.HASHES_AT_ONCE == 2


def _users(factory: sessionmaker[Session]) -> dict[str, Account]:
    with factory.begin() as session:
        made = [
            add_user(session, "beheerder", "een lang wachtwoord", Role.ADMINISTRATOR, actor="test"),
            add_user(session, "an", "een lang wachtwoord", Role.SOCIAL_WORKER, actor="test"),
        ]
    return {account.username: account for account in made}


def test_nobody_deactivates_themself_nor_the_last_active_administrator(
    database: tuple[str, sessionmaker[Session]],
) -> None:
    factory = database[1]
    users = _users(factory)
    administrator = users["beheerder"]
    with factory.begin() as session, pytest.raises(InvalidAccount) as themself:
        set_active(session, administrator.id, False, actor="test", by=administrator.id)
    assert (
        themself.value.problems[0].message("nl") == "u kunt uzelf niet deactiveren: vraag het aan een andere beheerder"
    )
    with factory.begin() as session, pytest.raises(InvalidAccount) as last:
        set_active(session, administrator.id, False, actor="test")
    assert last.value.problems[0].message("fr") == (
        "'beheerder' est le dernier administrateur actif : activez-en ou créez-en d'abord un autre"
    )
    with factory.begin() as session:
        add_user(session, "tweede", "een lang wachtwoord", Role.ADMINISTRATOR, actor="test")
        assert set_active(session, administrator.id, False, actor="test") == "beheerder"
        assert set_active(session, users["an"].id, False, actor="test") == "an"  # not an administrator


def test_ocmw_user_deactivates_activates_and_gives_a_new_password(
    database: tuple[str, sessionmaker[Session]], tmp_path: Path
) -> None:
    url, factory = database
    users = _users(factory)
    run = CliRunner().invoke
    last = run(main, ["user", "deactivate", "beheerder", "--db", url])
    assert last.exit_code == 1 and "'beheerder' is the last active administrator" in last.output
    assert run(main, ["user", "deactivate", "an", "--db", url]).output == "user an deactivated\n"
    assert "│ an        │ social_worker │ deactivated │" in run(main, ["user", "list", "--db", url]).output
    assert run(main, ["user", "activate", "an", "--db", url]).output == "user an activated\n"
    unknown = run(main, ["user", "activate", "niemand", "--db", url])
    assert unknown.exit_code == 1 and "there is no user 'niemand'" in unknown.output
    short = run(main, ["user", "password", "an", "--db", url], input="kort\nkort\n")
    assert short.exit_code == 1 and "the password has 4 characters: it needs at least 12" in short.output
    secret = tmp_path / "password"
    secret.write_text("een nieuw lang wachtwoord\n")
    changed = run(main, ["user", "password", "an", "--password-file", str(secret), "--db", url])
    assert changed.exit_code == 0, changed.output
    with factory.begin() as session:
        assert authenticate(session, "an", "een nieuw lang wachtwoord", failed=FailedLogins()) is not None
        assert active_account(session, users["an"].id, users["an"].generation) is None  # its sessions ended
        audited = session.execute(select(tables.AuditEntry.action, tables.AuditEntry.details)).all()
    assert [tuple(line) for line in audited][-4:] == [
        ("user_deactivated", {"username": "an"}),
        ("user_activated", {"username": "an"}),
        ("password_changed", {"username": "an"}),
        ("logged_in", {"username": "an"}),
    ]


def test_a_user_name_is_kept_in_lower_case_wherever_it_is_typed(database: tuple[str, sessionmaker[Session]]) -> None:
    url, factory = database
    result = user_add(url, "Beheerder")
    assert result.exit_code == 0, result.output
    assert "user beheerder added (administrator)" in result.output
    with factory.begin() as session:
        assert session.scalars(select(tables.User.username)).all() == ["beheerder"]
        assert authenticate(session, " BEHEERDER ", "een lang wachtwoord", failed=FailedLogins()) is not None


def test_the_terminal_says_every_problem_of_a_new_account_as_the_pages_do(
    database: tuple[str, sessionmaker[Session]],
) -> None:
    url, factory = database
    refused = user_add(url, "x", "kort")
    with factory() as session:
        problems = account_problems(session, "x", "kort", "kort")
    assert refused.output.endswith(f"Error: {InvalidAccount(problems)}\n")
