"""The responder's endpoints over HTTP (FastAPI): the ESV service of one OCMW.

``POST /esv/requests`` takes an ``EsvRequest`` (``application/xml``) and answers with a signed
``EsvResponse``: 200 for an answer (``ok`` or ``unknown_person``), 400 for an invalid request, 403
for a requester that is not trusted, a broken signature or (over TLS) a connection made with the
certificate of another OCMW than the one that signed, 413 for a request too large, 503 while
the database is unavailable. Each answer, and how long it took, is told to an ``Observer`` (the
service's metrics); the service adds ``/health`` and ``/metrics`` (``service.monitoring``).
"""

from __future__ import annotations

import logging
import time
from typing import Protocol

from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.requests import ClientDisconnect

from directory.http import peer_address, peer_fingerprint, read_body, thread_runner
from esv.codes import ErrorCode
from exchange.responder import Answer, DatabaseUnavailable, Responder
from ground.errors import TooLarge

XML = "application/xml"
log = logging.getLogger(__name__)


class Observer(Protocol):
    """Told of every answer sent, and of the seconds from the request's arrival to its answer."""

    def answered(self, answer: Answer, seconds: float) -> None: ...


def create_app(responder: Responder, observer: Observer | None = None) -> FastAPI:
    """The web application of one responding OCMW."""
    # No /openapi.json, /docs or /redoc: the service describes itself to nobody, logged in or not.
    app = FastAPI(title=f"ESV service of {responder.ocmw.name}", openapi_url=None, docs_url=None, redoc_url=None)
    run_in_threadpool = thread_runner()

    @app.post("/esv/requests")
    async def esv_request(request: Request) -> Response:
        arrived = time.perf_counter()
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
        if observer is not None:
            observer.answered(answer, time.perf_counter() - arrived)
        return _xml(answer)

    return app


def _xml(answer: Answer) -> Response:
    return Response(answer.body, status_code=answer.http_status, media_type=XML)
