"""The people who use the pages: their accounts, roles and passwords.

Passwords are kept only as Argon2id hashes (argon2-cffi, with its recommended parameters); a hash
made with older parameters is made again at the next login. Account changes go to the audit log.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from esv.labels import Lang
from exchange import audit, tables

MIN_PASSWORD_LENGTH = 12
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
_hasher = PasswordHasher()
# Checked when the user is unknown, so that a wrong name takes as long as a wrong password.
_NOBODY_HASH = _hasher.hash("nobody has this password")

ProblemLang = Lang | Literal["en"]


class Role(enum.StrEnum):
    """What a user may do: a social worker asks for reports and reads the answers; an administrator
    also manages the users, the trust store and the archive."""

    SOCIAL_WORKER = "social_worker"
    ADMINISTRATOR = "administrator"

    def label(self, lang: Lang) -> str:
        return _ROLE_LABELS[self][lang]


_ROLE_LABELS: dict[Role, dict[Lang, str]] = {
    Role.SOCIAL_WORKER: {"nl": "Maatschappelijk werker", "fr": "Travailleur social"},
    Role.ADMINISTRATOR: {"nl": "Beheerder", "fr": "Administrateur"},
}

PROBLEMS: dict[str, dict[ProblemLang, str]] = {
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
    "password_short": {
        "en": "the password has {} characters: it needs at least {}",
        "nl": "het wachtwoord heeft {} tekens: het moet er minstens {} hebben",
        "fr": "le mot de passe a {} caractères : il en faut au moins {}",
    },
}


@dataclass(frozen=True)
class AccountProblem:
    """What is wrong with a new account: the field, and the sentence in each language."""

    field: Literal["username", "password"]
    key: str
    values: tuple[object, ...]

    def message(self, lang: ProblemLang) -> str:
        return PROBLEMS[self.key][lang].format(*self.values)


class InvalidAccount(ValueError):
    def __init__(self, problems: list[AccountProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(problem.message("en") for problem in problems))


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
        """Who did it, for the audit log."""
        return f"{self.username} (web)"


def _account(user: tables.User) -> Account:
    return Account(user.id, user.username, Role(user.role), user.session_generation)


def account_problems(session: Session, username: str, password: str) -> list[AccountProblem]:
    """Every reason why ``username`` and ``password`` cannot make a new account."""
    problems = []
    if not USERNAME.fullmatch(username):
        problems.append(AccountProblem("username", "username_shape", (username,)))
    elif session.scalar(select(tables.User.id).where(tables.User.username == username)) is not None:
        problems.append(AccountProblem("username", "username_taken", (username,)))
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(AccountProblem("password", "password_short", (len(password), MIN_PASSWORD_LENGTH)))
    return problems


def add_user(session: Session, username: str, password: str, role: Role, *, actor: str) -> Account:
    """A new, active account; ``InvalidAccount`` with every problem of the name and password."""
    if problems := account_problems(session, username, password):
        raise InvalidAccount(problems)
    user = tables.User(
        username=username,
        password_hash=_hasher.hash(password),
        role=role.value,
        active=True,
        created_at=audit.now(),
        session_generation=0,
    )
    session.add(user)
    session.flush()
    audit.log(session, actor=actor, action="user_added", username=username, role=role.value)
    return _account(user)


def authenticate(session: Session, username: str, password: str) -> Account | None:
    """The active account with this name and password, or ``None``; both are audited. A refused
    name is written only when it is a user's (a password typed in the name field stays unwritten)."""
    user = session.scalar(select(tables.User).where(tables.User.username == username))
    try:
        _hasher.verify(user.password_hash if user else _NOBODY_HASH, password)
        verified = True
    except (VerificationError, InvalidHashError):
        verified = False
    if user is None:
        audit.log(session, actor="unknown user (web)", action="login_refused")
        return None
    if not verified or not user.active:
        audit.log(session, actor=f"{username} (web)", action="login_refused", username=username)
        return None
    audit.log(session, actor=f"{username} (web)", action="logged_in", username=username)
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return _account(user)


def active_account(session: Session, user_id: int, generation: int) -> Account | None:
    """The account of a session, as long as it is active and the session is of its current
    generation (not ended by a logout)."""
    user = session.get(tables.User, user_id)
    if user is None or not user.active or user.session_generation != generation:
        return None
    return _account(user)


def end_sessions(session: Session, user_id: int) -> None:
    """Logout: every session of the user ends, on every device, even one whose cookie was kept."""
    user = session.get(tables.User, user_id)
    if user is not None:
        user.session_generation += 1
        audit.log(session, actor=f"{user.username} (web)", action="logged_out", username=user.username)


def all_users(session: Session) -> list[tables.User]:
    return list(session.scalars(select(tables.User).order_by(tables.User.username)))


def set_active(session: Session, user_id: int, active: bool, *, actor: str) -> str:
    """Let a user log in again, or not any more; the user's name. ``LookupError`` if there is none."""
    user = session.get(tables.User, user_id)
    if user is None:
        raise LookupError(f"there is no user {user_id}")
    user.active = active
    audit.log(session, actor=actor, action="user_activated" if active else "user_deactivated", username=user.username)
    return user.username
