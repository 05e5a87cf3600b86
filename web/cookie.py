"""The browser's session: who is logged in and since when, the language, the token that proves a
form came from these pages, and a message for the next page.

The session lives in a signed cookie (Starlette's ``SessionMiddleware``, itsdangerous): it holds
the user's id, the session generation and the time of the login, the language, the CSRF token and
a one-time message, never personal data of the people in the dossiers. The signing key is
``OCMW_WEB_SECRET`` when set, else a key made at the first start and kept in the database, so that
every process and every restart shares it.
"""

from __future__ import annotations

import hmac
import os
import secrets
import time

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from starlette.datastructures import FormData
from starlette.requests import Request

from ground.errors import Refused
from ground.lang import LANGS, Lang
from storage import audit, tables
from web.notices import Notice, Tone

SECRET_VARIABLE = "OCMW_WEB_SECRET"
CSRF_FIELD = "csrf_token"
SESSION_HOURS = 10
"""A working day: this long after logging in, the user logs in again, however busy the session was."""


class CsrfRefused(Refused):
    """A form without the token of its session, or with another one."""


def session_secret(factory: sessionmaker[Session]) -> str:
    """``OCMW_WEB_SECRET``, else the key kept in the database (made now if there is none yet)."""
    if given := os.environ.get(SECRET_VARIABLE):
        return given
    with factory() as session:
        if kept := session.get(tables.SessionKey, 1):
            return kept.key
    try:
        with factory.begin() as session:
            session.add(tables.SessionKey(id=1, key=secrets.token_urlsafe(48), created_at=audit.now()))
    except IntegrityError:  # another process made it first
        pass
    with factory() as session:
        kept = session.get(tables.SessionKey, 1)
        assert kept is not None
        return kept.key


def csrf_token(request: Request) -> str:
    """The token of this session, made at its first form."""
    token: str | None = request.session.get(CSRF_FIELD)
    if token is None:
        token = request.session[CSRF_FIELD] = secrets.token_urlsafe(32)
    return token


def check_csrf(request: Request, form: FormData) -> None:
    """``CsrfRefused`` unless the form carries this session's token."""
    expected = request.session.get(CSRF_FIELD)
    given = form.get(CSRF_FIELD)
    if not (isinstance(expected, str) and isinstance(given, str) and hmac.compare_digest(expected, given)):
        raise CsrfRefused


def language(request: Request) -> Lang:
    """The language chosen, else French when the browser prefers it, else Dutch."""
    chosen = request.session.get("lang")
    if chosen in LANGS:
        return chosen  # type: ignore[no-any-return]
    preferred = request.headers.get("accept-language", "").lower()
    return "fr" if preferred.startswith("fr") else "nl"


def set_language(request: Request, lang: Lang) -> None:
    request.session["lang"] = lang


def log_in(request: Request, user_id: int, generation: int) -> None:
    """A new session for the user: nothing of the one before is kept but the language."""
    lang = language(request)
    request.session.clear()
    request.session.update(
        {
            "user": user_id,
            "generation": generation,
            "since": int(time.time()),
            "lang": lang,
            CSRF_FIELD: secrets.token_urlsafe(32),
        }
    )


def renew_generation(request: Request, generation: int) -> None:
    """Keep this session when the user's other sessions end (a new password): it joins ``generation``."""
    request.session["generation"] = generation


def log_out(request: Request) -> None:
    lang = language(request)
    request.session.clear()
    request.session["lang"] = lang


def session_user(request: Request) -> tuple[int, int] | None:
    """The user of the session and the session's generation, if someone logged in less than
    ``SESSION_HOURS`` ago."""
    user, generation, since = (request.session.get(key) for key in ("user", "generation", "since"))
    if not (isinstance(user, int) and isinstance(generation, int) and isinstance(since, int)):
        return None
    if not 0 <= time.time() - since < SESSION_HOURS * 3600:
        return None
    return user, generation


def flash(request: Request, message: str, tone: Tone) -> None:
    """A message for the next page shown (after a redirect), in its tone."""
    request.session["flash"] = [tone.value, message]


def take_flash(request: Request) -> Notice | None:
    match request.session.pop("flash", None):
        case [str(tone), str(message)]:
            return Notice(Tone(tone), message)
    return None
