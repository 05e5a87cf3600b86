"""The responder's endpoints over HTTP (FastAPI): the ESV service of one OCMW.

``POST /esv/requests`` takes an ``EsvRequest`` (``application/xml``) and answers with a signed
``EsvResponse``: 200 for an answer (``ok`` or ``unknown_person``), 400 for an invalid request, 403
for a requester that is not trusted, a broken signature or (over TLS) a connection made with the
certificate of another OCMW than the one that signed, 413 for a request too large, 503 while
the database is unavailable. ``GET /health`` says whether the service can answer.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from starlette.requests import ClientDisconnect

from directory.http import peer_address, peer_fingerprint, read_body, thread_runner
from esv.codes import ErrorCode
from exchange.responder import Answer, DatabaseUnavailable, Responder
from ground.errors import TooLarge

XML = "application/xml"
log = logging.getLogger(__name__)


def create_app(responder: Responder) -> FastAPI:
    """The web application of one responding OCMW."""
    # No /openapi.json, /docs or /redoc: the service describes itself to nobody, logged in or not.
    app = FastAPI(title=f"ESV service of {responder.ocmw.name}", openapi_url=None, docs_url=None, redoc_url=None)
    run_in_threadpool = thread_runner()

    @app.post("/esv/requests")
    async def esv_request(request: Request) -> Response:
        peer = peer_address(request)
        try:
            try:
                body = await read_body(request, responder.max_bytes)
            except ClientDisconnect:
                log.warning("the sender at %s left before its request was complete; nothing was answered", peer)
                return Response(status_code=400)
            except TooLarge as too_large:
                answer = await run_in_threadpool(responder.refuse, ErrorCode.TOO_LARGE, str(too_large), peer=peer)
            else:
                answer = await run_in_threadpool(responder.answer, body, peer, peer_fingerprint(request))
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


def _ping(responder: Responder) -> None:
    """The database answers, and holds this OCMW's records."""
    with responder.sessions() as session:
        session.execute(text("SELECT count(*) FROM ocmw_identity"))


def _xml(answer: Answer) -> Response:
    return Response(answer.body, status_code=answer.http_status, media_type=XML)
