"""Who may see a page: a login for every page but the login page, the administrator's role for
the administration, and the session's CSRF token on every form that changes something."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from starlette.datastructures import FormData
from starlette.requests import Request

from web import sessions
from web.accounts import Account, active_account
from web.context import pages_of


class LoginRequired(Exception):
    """The page needs a login; the browser is sent to the login page."""


class Forbidden(Exception):
    """The page is not for this user, or the form is not from these pages (403)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def signed_in(request: Request) -> Account:
    """The user of the session, still active; ``LoginRequired`` otherwise."""
    found = sessions.session_user(request)
    if found is not None:
        with pages_of(request).sessions() as session:
            account = active_account(session, *found)
        if account is not None:
            request.state.account = account
            return account
    raise LoginRequired


def administrator(account: Annotated[Account, Depends(signed_in)]) -> Account:
    if not account.is_administrator:
        raise Forbidden("forbidden_role")
    return account


async def posted_form(request: Request) -> FormData:
    """The form sent, once its CSRF token is checked."""
    form = await request.form(max_files=4, max_fields=50)
    try:
        sessions.check_csrf(request, form)
    except sessions.CsrfRefused:
        raise Forbidden("forbidden_csrf") from None
    return form


SignedIn = Annotated[Account, Depends(signed_in)]
Administrator = Annotated[Account, Depends(administrator)]
PostedForm = Annotated[FormData, Depends(posted_form)]
