"""The service ``ocmw serve`` runs for one OCMW, configured by its database and signing files: the
responder's endpoints (``exchange.endpoint``) and the web pages (``web``).

Without TLS both answer on one address of this machine (``from_environment``). Over TLS they answer
on two: the responder, to the other OCMWs of the network, each showing a certificate the directory or
the trust folder names (``esv_from_environment``, ``client_certificates``); the pages, to the OCMW's
own people (``pages_from_environment``). ``/health`` answers on every address, ``/metrics`` where the
OCMW's own people reach the service (``service.monitoring``), never on the network's. Each worker
process builds its applications from the variables ``environment`` sets."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy.orm import Session, sessionmaker
from starlette.types import ASGIApp

from esv.parsing import DEFAULT_MAX_BYTES
from exchange.endpoint import create_app
from exchange.network import Membership, current_peers
from exchange.peers import Peers
from exchange.responder import Responder
from service import logs, metrics, monitoring
from service.rotation import FollowingKeys, RecordedSigning
from storage.database import check_current, connect, database_url, sessions
from storage.records import as_ocmw, own_identity
from storage.tables import Identity
from web.app import create_pages
from web.context import Pages
from web.cookie import session_secret
from web.passwords import FailedLogins


def environment(
    *, db_url: str, key: Path, cert: Path, trust: Path | None, max_bytes: int, secure_cookies: bool
) -> dict[str, str]:
    """The variables ``ocmw serve`` sets for the applications of its worker processes."""
    return {
        "OCMW_DB_URL": db_url,
        "OCMW_SERVE_KEY": str(key),
        "OCMW_SERVE_CERT": str(cert),
        "OCMW_SERVE_TRUST": str(trust) if trust else "",
        "OCMW_SERVE_MAX_BYTES": str(max_bytes),
        "OCMW_SERVE_SECURE_COOKIES": "1" if secure_cookies else "0",
    }


class _Service:
    """What the applications of one worker process share: the database, the OCMW, its membership of
    the network, signing with the key the database records (``service.rotation``)."""

    def __init__(
        self, sessions: sessionmaker[Session], recorded: Identity, signing: RecordedSigning, trust: Path | None
    ):
        self.sessions, self.recorded, self.signing, self.trust = sessions, recorded, signing, trust
        self.ocmw = as_ocmw(recorded)
        self.membership = Membership.of(recorded, signing.identity, trust)
        self.failed_logins = FailedLogins()

    @classmethod
    def of_environment(cls) -> _Service:
        logs.configure()  # in each worker process
        engine = connect(database_url())
        check_current(engine)
        metrics.count_database_errors(engine)
        factory = sessions(engine)
        signing = RecordedSigning(factory, Path(os.environ["OCMW_SERVE_KEY"]), Path(os.environ["OCMW_SERVE_CERT"]))
        trust = os.environ.get("OCMW_SERVE_TRUST")
        with factory() as session:
            return cls(factory, own_identity(session), signing, Path(trust) if trust else None)

    def key_changed(self) -> bool:
        """Whether the recorded signing key changed; the membership then signs with it."""
        if not self.signing.changed():
            return False
        self.membership = Membership.of(self.recorded, self.signing.identity, self.trust)
        return True

    def following_keys(self, build: Callable[[], FastAPI]) -> ASGIApp:
        """The application ``build`` makes, made again when the recorded signing key changes."""
        return FollowingKeys(self.key_changed, build)

    @property
    def monitored(self) -> monitoring.Monitored:
        return monitoring.Monitored(self.sessions, self.ocmw, lambda: self.membership)

    def responder(self) -> FastAPI:
        """The responder's endpoints, and ``/health``."""

        def peers() -> Peers:
            with self.sessions() as session:
                return current_peers(session, self.membership.network)

        app = create_app(
            Responder(
                ocmw=self.ocmw,
                identity=self.membership.signing,
                peers=peers,
                sessions=self.sessions,
                max_bytes=int(os.environ.get("OCMW_SERVE_MAX_BYTES", DEFAULT_MAX_BYTES)),
            ),
            metrics.AnswerMetrics(),
        )
        monitoring.add_health(app, self.monitored)
        return app

    def pages(self) -> FastAPI:
        """The web pages, ``/health`` and ``/metrics``."""
        app = create_pages(
            Pages(
                sessions=self.sessions,
                ocmw=self.ocmw,
                membership=self.membership,
                secret=session_secret(self.sessions),
                secure_cookies=os.environ.get("OCMW_SERVE_SECURE_COOKIES") == "1",
                failed_logins=self.failed_logins,
            )
        )
        monitoring.add_health(app, self.monitored)
        monitoring.add_metrics(app, self.monitored)
        return app


def from_environment() -> ASGIApp:
    """The responder's endpoints and, at every other address, the web pages: one application."""
    service = _Service.of_environment()

    def both() -> FastAPI:
        app = service.responder()
        monitoring.add_metrics(app, service.monitored)
        app.mount("/", service.pages())
        return app

    return service.following_keys(both)


def esv_from_environment() -> ASGIApp:
    """The responder's endpoints only: what the other OCMWs reach over TLS."""
    service = _Service.of_environment()
    return service.following_keys(service.responder)


def pages_from_environment() -> ASGIApp:
    """The web pages only: what the OCMW's own people reach."""
    service = _Service.of_environment()
    return service.following_keys(service.pages)


def client_certificates() -> list[bytes]:
    """The certificates (DER) another OCMW may connect to the responder with: those of the OCMWs
    trusted now (``service.run`` asks again now and then: a member added is let in without a restart)."""
    service = _Service.of_environment()
    try:
        with service.sessions() as session:
            return current_peers(session, service.membership.network).client_certificates()
    finally:
        bind = service.sessions.kw["bind"]
        bind.dispose()
