"""What ``ocmw serve`` tells the people who run it: ``GET /metrics`` in Prometheus's text format
(``service.metrics``), and ``GET /health``.

The health: the database (a query), the signing key (its certificate's days left), the trust (the
OCMWs trusted now, from the directory's document or the trust folder, and the last certificate of
each). A certificate that expires within ``esv.keys.EXPIRES_SOON_DAYS`` days is a warning (200); a
database that does not answer, an expired signing certificate or no trust at all is an error (503):
the service can answer nobody."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from cryptography import x509
from fastapi import FastAPI
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from directory.http import thread_runner
from esv import model
from esv.keys import days_left, expires_soon
from esv.signing import Signer
from exchange.network import Membership, current_peers
from exchange.peers import Peer
from ground.errors import OcmwError
from service.metrics import exposition

Level = Literal["ok", "warning", "error"]


@dataclass(frozen=True)
class Monitored:
    """What the health and the metrics look at: the database, the OCMW, and its membership of the
    network now (its signing key, its TLS certificate, its directory or trust folder)."""

    sessions: sessionmaker[Session]
    ocmw: model.Ocmw
    membership: Callable[[], Membership]


def add_health(app: FastAPI, monitored: Monitored) -> None:
    """``GET /health``: ``health_of``, with 503 when the service can answer nobody."""
    run_in_threadpool = thread_runner()

    @app.get("/health")
    async def health() -> JSONResponse:
        said = await run_in_threadpool(health_of, monitored)
        return JSONResponse(said, status_code=503 if said["status"] == "unavailable" else 200)


def add_metrics(app: FastAPI, monitored: Monitored) -> None:
    """``GET /metrics``: every worker's counts and the own certificates' days left."""

    @app.get("/metrics")
    def metrics() -> Response:
        return Response(exposition(lambda: own_certificates(monitored.membership())), media_type=CONTENT_TYPE_LATEST)


def health_of(monitored: Monitored) -> dict[str, Any]:
    """The state of the database, the signing key and the trust, and of the whole: ``ok``, ``warning``
    (a certificate expires soon), or ``unavailable`` when any part is in error."""
    membership = monitored.membership()
    parts = {
        "database": _database(monitored.sessions),
        "signing": _certificate(membership.signing.certificate),
        "trust": _trust(monitored.sessions, membership),
    }
    levels = {part["status"] for part in parts.values()}
    status = "unavailable" if "error" in levels else "warning" if "warning" in levels else "ok"
    return {"status": status, "ocmw": monitored.ocmw.name, "kbo": monitored.ocmw.kbo, **parts}


def _database(factory: sessionmaker[Session]) -> dict[str, Any]:
    try:
        with factory() as session:
            session.execute(text("SELECT count(*) FROM ocmw_identity"))
    except DBAPIError as error:
        return {"status": "error", "error": str(error.orig).strip()}
    return {"status": "ok"}


def _certificate(certificate: x509.Certificate) -> dict[str, Any]:
    left = days_left(certificate)
    level: Level = "error" if left < 0 else "warning" if expires_soon(certificate) else "ok"
    said = Signer.of(certificate)
    return {"status": level, "certificate": said.describe(), "expires": said.not_after.isoformat(), "days_left": left}


def _trust(factory: sessionmaker[Session], membership: Membership) -> dict[str, Any]:
    """The OCMWs trusted now; a warning names each whose last certificate expires soon (an earlier one
    expiring beside a later one is a key rotated, as it should be)."""
    try:
        with factory() as session:
            known = current_peers(session, membership.network)
    except (OcmwError, DBAPIError) as error:
        return {"status": "error", "error": str(error.orig if isinstance(error, DBAPIError) else error).strip()}
    latest: dict[str, tuple[Peer, x509.Certificate]] = {}
    for peer in known.peers:  # an OCMW of a trust folder is a peer per certificate: its last one counts
        for certificate in peer.certificates:
            key = peer.kbo or Signer.of(certificate).fingerprint
            if key not in latest or certificate.not_valid_after_utc > latest[key][1].not_valid_after_utc:
                latest[key] = (peer, certificate)
    expiring = [
        {"kbo": peer.kbo, "name": peer.name_nl, "expires": last.not_valid_after_utc.isoformat(),
         "days_left": days_left(last)}
        for peer, last in latest.values()
        if expires_soon(last)
    ]  # fmt: skip
    return {"status": "warning" if expiring else "ok", "source": known.source, "ocmws": len(known.peers),
            "expiring": expiring}  # fmt: skip


def own_certificates(membership: Membership) -> dict[str, x509.Certificate]:
    """The OCMW's own certificates, by use: the one it signs with, and the one of its TLS connections."""
    own = {"signing": membership.signing.certificate}
    if membership.tls is not None:
        with contextlib.suppress(OSError, ValueError):  # unreadable now: its connections say so
            own["tls"] = x509.load_pem_x509_certificate(Path(membership.tls.cert).read_bytes())
    return own
