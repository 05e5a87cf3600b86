"""Who may see a page: a login for every page but the login page, the administrator's role for
the administration, and the session's CSRF token on every form that changes something."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path
from starlette.datastructures import FormData
from starlette.requests import Request

from ground.errors import Refused
from web import cookie
from web.accounts import Account, active_account
from web.context import pages_of


class LoginRequired(Refused):
    """The page needs a login; the browser is sent to the login page."""


class Forbidden(Refused):
    """The page is not for this user, or the form is not from these pages (403)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def current_account(request: Request) -> Account | None:
    """The user of the session, logged in less than ``cookie.SESSION_HOURS`` ago and still active."""
    found = cookie.session_user(request)
    if found is None:
        return None
    with pages_of(request).sessions() as session:
        account = active_account(session, *found)
    if account is not None:
        request.state.account = account
    return account


def signed_in(request: Request) -> Account:
    """The user of the session (``current_account``); ``LoginRequired`` when there is none."""
    if (account := current_account(request)) is None:
        raise LoginRequired
    return account


def administrator(account: Annotated[Account, Depends(signed_in)]) -> Account:
    if not account.is_administrator:
        raise Forbidden("forbidden_role")
    return account


async def posted_form(request: Request) -> FormData:
    """The form sent, once its CSRF token is checked."""
    form = await request.form(max_files=4, max_fields=50)
    try:
        cookie.check_csrf(request, form)
    except cookie.CsrfRefused:
        raise Forbidden("forbidden_csrf") from None
    return form


MAX_ROW_ID = 2**31 - 1
"""The largest id a row can have in every database the exchange runs on (PostgreSQL's ``integer``)."""

SignedIn = Annotated[Account, Depends(signed_in)]
Administrator = Annotated[Account, Depends(administrator)]
PostedForm = Annotated[FormData, Depends(posted_form)]
RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID)]
"""A number in an address (a row's id, a contract's place): another is no page (404), never a
database error."""
