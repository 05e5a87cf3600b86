"""The responder's endpoints over HTTP (FastAPI): the ESV service of one OCMW.

``POST /esv/requests`` takes an ``EsvRequest`` (``application/xml``) and answers with a signed
``EsvResponse``: 200 for an answer (``ok`` or ``unknown_person``), 400 for an invalid request, 403
for a requester that is not trusted or a broken signature, 413 for a request too large, 503 while
the database is unavailable. ``GET /health`` says whether the service can answer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

import anyio
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from starlette.requests import ClientDisconnect

from esv.codes import ErrorCode
from exchange.responder import UNKNOWN_PEER, Answer, DatabaseUnavailable, Responder
from ground.errors import TooLarge

XML = "application/xml"
THREADS_PER_PROCESS = 2
T = TypeVar("T")
log = logging.getLogger(__name__)


def create_app(responder: Responder) -> FastAPI:
    """The web application of one responding OCMW."""
    # No /openapi.json, /docs or /redoc: the service describes itself to nobody, logged in or not.
    app = FastAPI(title=f"ESV service of {responder.ocmw.name}", openapi_url=None, docs_url=None, redoc_url=None)
    # Answering is CPU work under the GIL: a few threads per process keep the cores busy; more would
    # only take turns, each answer waiting for the others.
    limiter = anyio.CapacityLimiter(THREADS_PER_PROCESS)

    async def run_in_threadpool(function: Callable[..., T], *arguments: Any, **keywords: Any) -> T:
        return await anyio.to_thread.run_sync(partial(function, *arguments, **keywords), limiter=limiter)

    @app.post("/esv/requests")
    async def esv_request(request: Request) -> Response:
        peer = f"{request.client.host}:{request.client.port}" if request.client else UNKNOWN_PEER
        try:
            try:
                body = await _body(request, responder.max_bytes)
            except ClientDisconnect:
                log.warning("the sender at %s left before its request was complete; nothing was answered", peer)
                return Response(status_code=400)
            except TooLarge as too_large:
                answer = await run_in_threadpool(responder.refuse, ErrorCode.TOO_LARGE, str(too_large), peer=peer)
            else:
                answer = await run_in_threadpool(responder.answer, body, peer)
        except DatabaseUnavailable as down:
            log.error("database unavailable: %s", down)
            message = "the database of this OCMW is unavailable; the request was not answered, send it again later"
            answer = await run_in_threadpool(responder.error, ErrorCode.INTERNAL_ERROR, message)
        return _xml(answer)

    @app.get("/health")
    async def health() -> JSONResponse:
        try:
            await run_in_threadpool(_ping, responder)
        except DBAPIError as error:
            return JSONResponse({"status": "unavailable", "database": str(error.orig).strip()}, status_code=503)
        return JSONResponse({"status": "ok", "ocmw": responder.ocmw.name, "kbo": responder.ocmw.kbo})

    return app


async def _body(request: Request, max_bytes: int) -> bytes:
    """The request's body; ``TooLarge`` as soon as it is known to exceed ``max_bytes``."""
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge(f"the request is {int(declared):,} bytes, more than the limit of {max_bytes:,} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise TooLarge(f"the request is more than the limit of {max_bytes:,} bytes")
    return bytes(body)


def _ping(responder: Responder) -> None:
    """The database answers, and holds this OCMW's records."""
    with responder.sessions() as session:
        session.execute(text("SELECT count(*) FROM ocmw_identity"))


def _xml(answer: Answer) -> Response:
    return Response(answer.body, status_code=answer.http_status, media_type=XML)
