"""Logging in and out, and the choice of language. A user already logged in who opens the login page
is sent to the answers; logging out is a form (POST, with the CSRF token): the logout address opened
as a page shows that form, it never logs out by itself."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ground.lang import LANGS
from web import cookie
from web.accounts import authenticate, end_sessions
from web.context import pages_of
from web.forms import secret, text
from web.guards import PostedForm, current_account
from web.notices import Tone
from web.passwords import TooManyAttempts
from web.rendering import page, words

router = APIRouter()
HOME = "/answers"


def local_path(value: str) -> str:
    """``value`` when it is a path of these pages, else the home page: never a redirect elsewhere."""
    return value if value.startswith("/") and not value.startswith("//") and "\\" not in value else HOME


@router.get("/login")
def login_form(request: Request) -> Response:
    if account := current_account(request):
        cookie.flash(request, words(cookie.language(request))("already_logged_in", account.username), Tone.INFO)
        return RedirectResponse(HOME, status_code=303)
    return page(request, "login.html", username="", refusal=None)


@router.post("/login")
def login(request: Request, form: PostedForm) -> Response:
    username = text(form, "username")
    pages = pages_of(request)
    account, wait = None, ""
    t = words(cookie.language(request))
    with pages.sessions.begin() as session:  # the refusal is audited too: caught inside the transaction
        try:
            account = authenticate(session, username, secret(form, "password"), failed=pages.failed_logins)
        except TooManyAttempts as waiting:
            wait = t("wait", waiting.minutes)
    if wait:
        return page(request, "login.html", status_code=429, username=username, refusal=wait)
    if account is None:
        return page(request, "login.html", status_code=401, username=username, refusal=t("wrong_login"))
    wanted = request.session.get("wanted", HOME)
    cookie.log_in(request, account.id, account.generation)
    return RedirectResponse(local_path(wanted), status_code=303)


@router.get("/logout")
def logout_form(request: Request) -> Response:
    if current_account(request) is None:
        return RedirectResponse("/login", status_code=303)
    return page(request, "logout.html")


@router.post("/logout")
def logout(request: Request, form: PostedForm) -> Response:
    if found := cookie.session_user(request):
        with pages_of(request).sessions.begin() as session:
            end_sessions(session, found[0])
    cookie.log_out(request)
    cookie.flash(request, words(cookie.language(request))("logged_out"), Tone.SUCCESS)
    return RedirectResponse("/login", status_code=303)


@router.post("/language")
def choose_language(request: Request, form: PostedForm) -> Response:
    chosen = text(form, "lang")
    if chosen in LANGS:
        cookie.set_language(request, chosen)
    return RedirectResponse(local_path(text(form, "back")), status_code=303)
