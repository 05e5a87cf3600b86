"""Logging in and out, and the choice of language."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from web import sessions
from web.accounts import authenticate, end_sessions
from web.context import pages_of
from web.forms import text
from web.guards import PostedForm
from web.rendering import page, words

router = APIRouter()
HOME = "/answers"


def local_path(value: str) -> str:
    """``value`` when it is a path of these pages, else the home page: never a redirect elsewhere."""
    return value if value.startswith("/") and not value.startswith("//") and "\\" not in value else HOME


@router.get("/login")
def login_form(request: Request) -> Response:
    return page(request, "login.html", username="", failed=False)


@router.post("/login")
def login(request: Request, form: PostedForm) -> Response:
    username = text(form, "username").lower()
    password = form.get("password")
    with pages_of(request).sessions.begin() as session:
        account = authenticate(session, username, password if isinstance(password, str) else "")
    if account is None:
        return page(request, "login.html", status_code=401, username=username, failed=True)
    wanted = request.session.get("wanted", HOME)
    sessions.log_in(request, account.id, account.generation)
    return RedirectResponse(local_path(wanted), status_code=303)


@router.post("/logout")
def logout(request: Request, form: PostedForm) -> Response:
    if found := sessions.session_user(request):
        with pages_of(request).sessions.begin() as session:
            end_sessions(session, found[0])
    sessions.log_out(request)
    sessions.flash(request, words(sessions.language(request))("logged_out"))
    return RedirectResponse("/login", status_code=303)


@router.post("/language")
def choose_language(request: Request, form: PostedForm) -> Response:
    chosen = text(form, "lang")
    if chosen in ("nl", "fr"):
        sessions.set_language(request, chosen)  # type: ignore[arg-type]
    return RedirectResponse(local_path(text(form, "back")), status_code=303)
