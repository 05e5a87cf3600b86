"""Accounts of the web pages: Argon2 hashes, the rules of a new account, the session key, at most two
passwords checked at once, and who may deactivate whom."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storage import tables
from tests.conftest import two_accounts
from web import passwords
from web.accounts import (
    InvalidAccount,
    add_user,
    authenticate,
    set_active,
)
from web.cookie import session_secret
from web.passwords import MIN_PASSWORD_LENGTH, FailedLogins
from web.roles import Role


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


def test_nobody_deactivates_themself_nor_the_last_active_administrator(
    database: tuple[str, sessionmaker[Session]],
) -> None:
    factory = database[1]
    users = two_accounts(factory)
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
