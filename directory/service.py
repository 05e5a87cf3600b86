"""The directory's service over HTTP (FastAPI, served by ``ocmw directory serve``):

- ``GET /directory/document``: the signed document of the members (published anew when the
  members changed or half its validity has passed);
- ``POST /directory/references``: a member's signed ``ReferenceUpdate``, accepted only from the member
  it names, answered with a signed ``ReferenceReceipt``;
- ``POST /directory/lookups``: a member's signed ``Lookup``, answered with a signed ``LookupAnswer``
  naming the other members that hold records of the person over the period; every lookup is logged;
- ``GET /health``.

A call is accepted only when it is signed by a certificate of an active member and, when served over
TLS, comes on a connection made with a certificate of the same member. Refusals are answered with the
HTTP status of their kind of error (``ground.errors``) and a one-line JSON reason.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import ClientDisconnect

from directory import model, registry
from directory.http import peer_address, peer_fingerprint, read_body, thread_runner
from directory.roster import Caller, Roster, Valid
from esv.document import build_tree, read_signed, serialize
from esv.parsing import DEFAULT_MAX_BYTES
from esv.signing import sign
from ground.errors import OcmwError, Refused
from storage.database import check_current, connect, database_url, sessions, writer_lock

XML = "application/xml"
log = logging.getLogger(__name__)


def create_app(engine: Engine, max_bytes: int = DEFAULT_MAX_BYTES) -> FastAPI:
    app = FastAPI(title="ESV directory", openapi_url=None, docs_url=None, redoc_url=None)
    run = thread_runner()
    members = Roster()
    factory = sessions(engine)
    # A lookup reads, then writes its one log line: each statement its own transaction, which spares
    # PostgreSQL's BEGIN and COMMIT, two of a lookup's round trips to the database.
    statements = sessions(engine.execution_options(isolation_level="AUTOCOMMIT"))

    @app.exception_handler(OcmwError)
    async def refused(request: Request, error: Exception) -> Response:
        status = error.http_status if isinstance(error, OcmwError) else 500
        log.warning("refused %s from %s: %s", request.url.path, peer_address(request), error)
        return JSONResponse({"error": str(error)}, status_code=status)

    @app.get("/directory/document")
    async def document() -> Response:
        return Response(await run(_current_document, factory), media_type=XML)

    @app.post("/directory/references")
    async def references(request: Request) -> Response:
        body = await _body(request, max_bytes)
        return Response(await run(_references, factory, members, body, peer_fingerprint(request)), media_type=XML)

    @app.post("/directory/lookups")
    async def lookups(request: Request) -> Response:
        body = await _body(request, max_bytes)
        return Response(await run(_lookup, statements, members, body, peer_fingerprint(request)), media_type=XML)

    @app.get("/health")
    async def health() -> JSONResponse:
        return JSONResponse({"status": "ok"})

    return app


async def _body(request: Request, max_bytes: int) -> bytes:
    try:
        return await read_body(request, max_bytes)
    except ClientDisconnect:
        raise Refused("the caller left before its call was complete") from None


def _current_document(factory: sessionmaker[Session]) -> bytes:
    with factory() as session, writer_lock(session.get_bind()):
        document = registry.current_document(session)
        session.commit()
        return document.xml


def _references(factory: sessionmaker[Session], members: Roster, body: bytes, tls_fingerprint: str | None) -> bytes:
    with factory() as session:
        valid = members.current(session)
        signed = read_signed(body, valid.trust, model.ReferenceUpdate, fmt=model.DIRECTORY)
        calling = valid.caller(signed.signer, tls_fingerprint)
        update = signed.document
        if update.member != calling.kbo:
            raise Refused(f"a member registers its own references only: the call names {update.member}")
        with writer_lock(session.get_bind()):
            count_set, count_withdrawn = registry.update_references(session, calling.member_id, update)
            registry.log(
                session,
                actor=_actor(calling),
                action="references_updated",
                set=count_set,
                withdrawn=count_withdrawn,
            )
            session.commit()
        receipt = model.ReferenceReceipt(
            member=calling.kbo, received_at=registry.now(), set=count_set, withdrawn=count_withdrawn
        )
        return _signed(valid, receipt)


def _lookup(factory: sessionmaker[Session], members: Roster, body: bytes, tls_fingerprint: str | None) -> bytes:
    with factory() as session:
        valid = members.current(session)
        signed = read_signed(body, valid.trust, model.Lookup, fmt=model.DIRECTORY)
        calling = valid.caller(signed.signer, tls_fingerprint)
        lookup = signed.document
        if lookup.asker != calling.kbo:
            raise Refused(f"a member looks up for itself only: the call names {lookup.asker}")
        found = registry.holders(session, lookup, calling.member_id)
        with writer_lock(session.get_bind()):
            registry.log(
                session,
                actor=_actor(calling),
                action="lookup",
                ssin=lookup.ssin,
                lookup_id=lookup.lookup_id,
                period=[lookup.begin.isoformat(), lookup.end.isoformat()],
                answered=found,
            )
            session.commit()
        answer = model.LookupAnswer(
            lookup_id=lookup.lookup_id, answered_at=registry.now(), ssin=lookup.ssin, holders=tuple(found)
        )
        return _signed(valid, answer)


def _actor(calling: Caller) -> str:
    return f"{calling.name_nl} ({calling.kbo}), signed by {calling.signer.describe()}"


def _signed(valid: Valid, document: Any) -> bytes:
    tree = build_tree(document, model.DIRECTORY)
    return serialize(
        sign(tree.getroot(), registry.signing_identity_at(*valid.signing_files)).getroottree(), pretty=False
    )


def environment(*, db_url: str, max_bytes: int) -> dict[str, str]:
    """The variables ``ocmw directory serve`` sets for ``from_environment`` in each worker process."""
    return {"OCMW_DIRECTORY_DB_URL": db_url, "OCMW_DIRECTORY_MAX_BYTES": str(max_bytes)}


def from_environment() -> FastAPI:
    """The application ``ocmw directory serve`` runs, configured by the variables of ``environment``."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    engine = connect(database_url(os.environ["OCMW_DIRECTORY_DB_URL"]), schema=registry.DIRECTORY_DATABASE)
    check_current(engine, registry.DIRECTORY_DATABASE)
    return create_app(engine, int(os.environ.get("OCMW_DIRECTORY_MAX_BYTES", DEFAULT_MAX_BYTES)))


def client_certificates() -> list[bytes]:
    """The certificates (DER) a TLS connection to the directory may be made with: the active members'.
    ``service.run`` asks again now and then, so that a member added is let in without a restart."""
    engine = connect(database_url(os.environ["OCMW_DIRECTORY_DB_URL"]), schema=registry.DIRECTORY_DATABASE)
    try:
        with sessions(engine)() as session:
            return registry.client_certificates(session)
    finally:
        engine.dispose()
