"""The pages as one application, to mount beside the responder in the service ``ocmw serve`` runs."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.staticfiles import StaticFiles

from web import sessions
from web.context import Pages
from web.guards import Forbidden, LoginRequired
from web.pages import admin, asking, lists, report, signin, statistics
from web.rendering import page, words
from web.security import SecurityHeaders

SCREENS = (signin, lists, asking, report, statistics, admin)
SESSION_HOURS = 10
"""A working day: after it, the user logs in again."""


def create_pages(pages: Pages) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.pages = pages
    for module in SCREENS:
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")

    @app.get("/")
    def home() -> Response:
        return RedirectResponse(signin.HOME, status_code=303)

    app.add_exception_handler(LoginRequired, _to_login)
    app.add_exception_handler(Forbidden, _forbidden)
    app.add_exception_handler(LookupError, _not_found)
    app.add_exception_handler(RequestValidationError, _not_found)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_middleware(
        SessionMiddleware,
        secret_key=pages.secret,
        session_cookie="ocmw_session",
        max_age=SESSION_HOURS * 3600,
        same_site="lax",
        https_only=pages.secure_cookies,
    )
    app.add_middleware(SecurityHeaders)
    return app


async def _to_login(request: Request, _: Exception) -> Response:
    if request.method == "GET":
        request.session["wanted"] = request.url.path
    sessions.flash(request, words(sessions.language(request))("login_first"))
    return RedirectResponse("/login", status_code=303)


async def _forbidden(request: Request, refused: Exception) -> Response:
    reason = refused.reason if isinstance(refused, Forbidden) else "forbidden_role"
    return _error(request, 403, "forbidden", reason)


async def _not_found(request: Request, _: Exception) -> Response:
    return _error(request, 404, "not_found", "not_found_text")


async def _http_error(request: Request, error: Exception) -> Response:
    if isinstance(error, HTTPException) and error.status_code != 404:
        return Response(str(error.detail), status_code=error.status_code)
    return await _not_found(request, error)


def _error(request: Request, status_code: int, title: str, text: str) -> Response:
    return page(request, "error.html", status_code=status_code, title=title, text=text)
