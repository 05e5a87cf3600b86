"""The pages as one application, to mount beside the responder in the service ``ocmw serve`` runs."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import RedirectResponse, Response
from starlette.staticfiles import StaticFiles

from ground import numbers
from ground.errors import NotFound
from web import cookie
from web.context import Pages
from web.guards import Forbidden, LoginRequired
from web.limits import FORM_BYTES, BodyLimit, BodyTooLarge
from web.notices import Tone
from web.pages import account, admin, asking, history, lists, report, signin, statistics
from web.rendering import page, words
from web.security import SecurityHeaders

log = logging.getLogger(__name__)
SCREENS = (signin, account, lists, asking, report, statistics, admin, history)


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
    app.add_exception_handler(NotFound, _not_found)
    # A path's number out of its range (``/answers/99999999999999999999/report``) is no such page.
    app.add_exception_handler(RequestValidationError, _not_found)
    app.add_exception_handler(BodyTooLarge, _too_large)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(ClientDisconnect, _left)
    # Both files of the statistics at their limit, and the form around them.
    app.add_middleware(BodyLimit, uploads={statistics.PATH: 2 * pages.max_upload_bytes + FORM_BYTES})
    app.add_middleware(
        SessionMiddleware,
        secret_key=pages.secret,
        session_cookie="ocmw_session",
        max_age=cookie.SESSION_HOURS * 3600,
        same_site="lax",
        https_only=pages.secure_cookies,
    )
    app.add_middleware(SecurityHeaders)
    return app


async def _to_login(request: Request, _: Exception) -> Response:
    if request.method == "GET":
        request.session["wanted"] = request.url.path
    cookie.flash(request, words(cookie.language(request))("login_first"), Tone.INFO)
    return RedirectResponse("/login", status_code=303)


async def _forbidden(request: Request, refused: Exception) -> Response:
    reason = refused.reason if isinstance(refused, Forbidden) else "forbidden_role"
    return _error(request, Forbidden.http_status, "forbidden", reason)


async def _not_found(request: Request, _: Exception) -> Response:
    return _error(request, NotFound.http_status, "not_found", "not_found_text")


async def _left(request: Request, _: Exception) -> Response:
    """A browser that left in the middle of its form: one line in the log, nothing done."""
    client = request.client
    sender = f"{client.host}:{client.port}" if client else "an unknown address"
    log.warning("the browser at %s left before its form to %s was complete; nothing was done", sender, request.url.path)
    return Response(status_code=400)


async def _too_large(request: Request, too_large: Exception) -> Response:
    limit = too_large.limit if isinstance(too_large, BodyTooLarge) else FORM_BYTES
    t = words(cookie.language(request))
    return _error(
        request, BodyTooLarge.http_status, "too_large_title", "too_large_text", numbers.file_size(limit, t.lang)
    )


async def _http_error(request: Request, error: Exception) -> Response:
    """Starlette's own refusals, in the user's words: a form it cannot read (too many fields, a field
    over its size) is 400, any other address or method is not found."""
    status = error.status_code if isinstance(error, HTTPException) else 500
    if status == 400:
        return _error(request, 400, "bad_form", "bad_form_text")
    return _error(request, status, "not_found", "not_found_text")


def _error(request: Request, status_code: int, title: str, text: str, *values: object) -> Response:
    t = words(cookie.language(request))
    return page(request, "error.html", status_code=status_code, title=t(title), text=t(text, *values))
