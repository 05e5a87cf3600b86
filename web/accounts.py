"""The people who use the pages: their accounts, roles and passwords, and the rules of changing
them. Every change goes to the audit log; a new password ends the user's other sessions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ground.errors import InvalidInput, NotFound
from ground.lang import Language, Said
from ground.numbers import Counted, counted
from storage import audit, tables
from web import passwords
from web.passwords import MIN_PASSWORD_LENGTH, FailedLogins
from web.roles import Role

USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")


PROBLEMS: dict[str, Said] = {
    "username_shape": {
        "en": "{!r} cannot be a user name: use 2 to 64 lower-case letters, digits, '.', '_' or '-', e.g. an.peeters",
        "nl": "{!r} kan geen gebruikersnaam zijn: gebruik 2 tot 64 kleine letters, cijfers, '.', '_' of '-', "
        "bv. an.peeters",
        "fr": "{!r} ne peut pas être un nom d'utilisateur : utilisez 2 à 64 minuscules, chiffres, '.', '_' ou '-', "
        "p. ex. an.peeters",
    },
    "username_taken": {
        "en": "there is already a user {!r}: choose another name",
        "nl": "er is al een gebruiker {!r}: kies een andere naam",
        "fr": "il existe déjà un utilisateur {!r} : choisissez un autre nom",
    },
    "passwords_differ": {
        "en": "the two passwords differ: type the same one twice",
        "nl": "de twee wachtwoorden verschillen; typ twee keer hetzelfde",
        "fr": "les deux mots de passe diffèrent ; tapez deux fois le même",
    },
    "password_wrong": {
        "en": "this is not your current password",
        "nl": "dit is niet uw huidige wachtwoord",
        "fr": "ce n'est pas votre mot de passe actuel",
    },
    "deactivate_self": {
        "en": "you cannot deactivate yourself: ask another administrator",
        "nl": "u kunt uzelf niet deactiveren: vraag het aan een andere beheerder",
        "fr": "vous ne pouvez pas vous désactiver vous-même : demandez-le à un autre administrateur",
    },
    "last_administrator": {
        "en": "{!r} is the last active administrator: activate or add another one first",
        "nl": "{!r} is de laatste actieve beheerder: activeer of maak eerst een andere",
        "fr": "{!r} est le dernier administrateur actif : activez-en ou créez-en d'abord un autre",
    },
}

COUNTED_PROBLEMS: dict[str, Counted] = {
    "password_short": {
        "en": (
            "the password has {n} character: it needs at least {least}",
            "the password has {n} characters: it needs at least {least}",
        ),
        "nl": (
            "het wachtwoord heeft {n} teken: het moet er minstens {least} hebben",
            "het wachtwoord heeft {n} tekens: het moet er minstens {least} hebben",
        ),
        "fr": (
            "le mot de passe a {n} caractère : il en faut au moins {least}",
            "le mot de passe a {n} caractères : il en faut au moins {least}",
        ),
    },
}
"""The problems that count something, in the form their first value takes; the second is ``least``."""


@dataclass(frozen=True)
class AccountProblem:
    """What is wrong with an account or its change: the field, and the sentence in each language."""

    field: Literal["username", "password", "password_again", "old_password", "active"]
    key: str
    values: tuple[object, ...]

    def message(self, lang: Language) -> str:
        if self.key in COUNTED_PROBLEMS:
            count, least = self.values
            assert isinstance(count, int)
            return counted(COUNTED_PROBLEMS[self.key], count, lang, least=least)
        return PROBLEMS[self.key][lang].format(*self.values)


class InvalidAccount(InvalidInput):
    def __init__(self, problems: list[AccountProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(problem.message("en") for problem in problems))


def normal_username(typed: str) -> str:
    """A user name as it is kept: ``Beheerder`` is ``beheerder``, wherever it is typed."""
    return typed.strip().lower()


def web_actor(username: str) -> str:
    """Who did it, for the audit log, when it was done in the pages."""
    return f"{username} (web)"


@dataclass(frozen=True)
class Account:
    """A user who is logged in."""

    id: int
    username: str
    role: Role
    generation: int
    """The user's session generation when the account was read (``tables.User.session_generation``)."""

    @property
    def is_administrator(self) -> bool:
        return self.role is Role.ADMINISTRATOR

    @property
    def actor(self) -> str:
        return web_actor(self.username)


def _account(user: tables.User) -> Account:
    return Account(user.id, user.username, Role(user.role), user.session_generation)


def _password_problems(password: str, again: str) -> list[AccountProblem]:
    """A new password: long enough, and typed twice the same."""
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(AccountProblem("password", "password_short", (len(password), MIN_PASSWORD_LENGTH)))
    if again != password:
        problems.append(AccountProblem("password_again", "passwords_differ", ()))
    return problems


def _user_named(session: Session, username: str) -> tables.User | None:
    return session.scalar(select(tables.User).where(tables.User.username == normal_username(username)))


def account_problems(session: Session, username: str, password: str, again: str) -> list[AccountProblem]:
    """Every reason why ``username`` and ``password`` (typed ``again``) cannot make a new account."""
    problems = []
    username = normal_username(username)
    if not USERNAME.fullmatch(username):
        problems.append(AccountProblem("username", "username_shape", (username,)))
    elif _user_named(session, username) is not None:
        problems.append(AccountProblem("username", "username_taken", (username,)))
    return problems + _password_problems(password, again)


def add_user(session: Session, username: str, password: str, role: Role, *, actor: str) -> Account:
    """A new, active account; ``InvalidAccount`` with every problem of the name and password."""
    if problems := account_problems(session, username, password, password):
        raise InvalidAccount(problems)
    user = tables.User(
        username=normal_username(username),
        password_hash=passwords.hashed(password),
        role=role.value,
        active=True,
        created_at=audit.now(),
        session_generation=0,
    )
    session.add(user)
    session.flush()
    audit.log(session, actor=actor, action="user_added", username=user.username, role=role.value)
    return _account(user)


def authenticate(session: Session, username: str, password: str, *, failed: FailedLogins) -> Account | None:
    """The active account with this name and password, or ``None``; ``TooManyAttempts`` without a
    check while the name has been refused too often lately. Every attempt is audited; a refused name
    is written only when it is a user's (a password typed in the name field stays unwritten)."""
    username = normal_username(username)
    user = _user_named(session, username)
    known = {"username": username} if user else {}
    actor = web_actor(username) if user else "unknown user (web)"
    try:
        failed.check(username)
    except passwords.TooManyAttempts:
        audit.log(session, actor=actor, action="login_refused", reason="too_many_attempts", **known)
        raise
    verified = passwords.matches(user.password_hash if user else passwords.NOBODY_HASH, password)
    if user is None or not verified or not user.active:
        failed.refused(username)
        audit.log(session, actor=actor, action="login_refused", **known)
        return None
    failed.succeeded(username)
    audit.log(session, actor=actor, action="logged_in", **known)
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hashed(password)
    return _account(user)


def active_account(session: Session, user_id: int, generation: int) -> Account | None:
    """The account of a session, as long as it is active and the session is of its current
    generation (not ended by a logout or a new password)."""
    user = session.get(tables.User, user_id)
    if user is None or not user.active or user.session_generation != generation:
        return None
    return _account(user)


def end_sessions(session: Session, user_id: int) -> None:
    """Logout: every session of the user ends, on every device, even one whose cookie was kept."""
    user = session.get(tables.User, user_id)
    if user is not None:
        user.session_generation += 1
        audit.log(session, actor=web_actor(user.username), action="logged_out", username=user.username)


def all_users(session: Session) -> list[tables.User]:
    return list(session.scalars(select(tables.User).order_by(tables.User.username)))


def user_id(session: Session, username: str) -> int:
    """The id of the user ``username``; ``NotFound`` if there is none."""
    user = _user_named(session, username)
    if user is None:
        raise NotFound(f"there is no user {normal_username(username)!r}")
    return user.id


def user_named(session: Session, user_id: int) -> str:
    """The name of user ``user_id``; ``NotFound`` if there is none."""
    return _user(session, user_id).username


def _user(session: Session, user_id: int) -> tables.User:
    user = session.get(tables.User, user_id)
    if user is None:
        raise NotFound(f"there is no user {user_id}")
    return user


def set_active(session: Session, user_id: int, active: bool, *, actor: str, by: int | None = None) -> str:
    """Let a user log in again, or not any more; the user's name. Nobody deactivates themself
    (``by``, the account doing it), nor the last active administrator: ``InvalidAccount`` says so."""
    user = _user(session, user_id)
    if not active and user.id == by:
        raise InvalidAccount([AccountProblem("active", "deactivate_self", ())])
    if not active and user.active and user.role == Role.ADMINISTRATOR and _active_administrators(session) == 1:
        raise InvalidAccount([AccountProblem("active", "last_administrator", (user.username,))])
    user.active = active
    audit.log(session, actor=actor, action="user_activated" if active else "user_deactivated", username=user.username)
    return user.username


def _active_administrators(session: Session) -> int:
    query = select(func.count()).where(tables.User.active, tables.User.role == Role.ADMINISTRATOR.value)
    return session.scalar(query) or 0


def set_password(session: Session, user_id: int, password: str, *, actor: str) -> Account:
    """A new password, by an administrator at the terminal; every session of the user ends."""
    if problems := _password_problems(password, password):
        raise InvalidAccount(problems)
    return _new_password(session, _user(session, user_id), password, actor)


def change_password(session: Session, account: Account, current: str, new: str, again: str) -> Account:
    """The user's own new password (typed ``again``), given the current one; ``InvalidAccount`` with
    every problem. The user's other sessions end: the account returned is of the new session
    generation, for the session that changed it."""
    user = _user(session, account.id)
    problems = _password_problems(new, again)
    if not passwords.matches(user.password_hash, current):
        problems.insert(0, AccountProblem("old_password", "password_wrong", ()))
    if problems:
        raise InvalidAccount(problems)
    return _new_password(session, user, new, account.actor)


def _new_password(session: Session, user: tables.User, password: str, actor: str) -> Account:
    user.password_hash = passwords.hashed(password)
    user.session_generation += 1
    audit.log(session, actor=actor, action="password_changed", username=user.username)
    return _account(user)
