"""OCMWs for the exchange tests: each with its own database (SQLite, or PostgreSQL when
``OCMW_TEST_POSTGRES_URL`` names a server), keys, records, and its service on a loopback port."""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from esv import model
from esv.disclosure import BELGIAN_TIME
from esv.document import build_tree, serialize
from esv.parsing import DEFAULT_MAX_BYTES
from esv.signing import SigningIdentity, TrustStore, sign
from exchange.endpoint import create_app
from exchange.network import Membership, Network
from exchange.peers import Peers, of_trust_folder
from exchange.requester import Requester
from exchange.responder import Responder
from service.metrics import AnswerMetrics
from service.monitoring import Monitored, add_health
from storage import imports, tables
from storage.database import connect, sessions, upgrade
from tests.conftest import FIXTURES, Identity, make_identity

EXCHANGE_FIXTURES = FIXTURES / "exchange"
POSTGRES = os.environ.get("OCMW_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES else ["sqlite"]


@contextmanager
def database(backend: str, folder: Path) -> Iterator[str]:
    """A new, empty database; dropped afterwards when it is on a server."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / f'{uuid.uuid4().hex[:8]}.db'}"
        return
    assert POSTGRES is not None
    name = f"ocmw_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@dataclass(frozen=True)
class Trust:
    """A trust folder: the certificates of the OCMWs trusted, each with its TOML file (KBO, names,
    address), as ``exchange.peers`` reads it."""

    folder: Path

    @property
    def store(self) -> TrustStore:
        return TrustStore.load(self.folder)

    def peers(self) -> Peers:
        return of_trust_folder(self.folder)


@dataclass
class Ocmw:
    """One OCMW of the test world, and the loopback port it answers on when served."""

    ocmw: model.Ocmw
    identity: Identity
    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    port: int

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.port}/esv/requests"

    def responder(self, trust: Trust, max_bytes: int = DEFAULT_MAX_BYTES) -> Responder:
        return Responder(
            ocmw=self.ocmw,
            identity=self.identity.signing,
            peers=trust.peers,
            sessions=self.sessions,
            max_bytes=max_bytes,
        )

    def requester(self, trust: Trust, timeout: float = 10.0, signing: SigningIdentity | None = None) -> Requester:
        membership = Membership(
            kbo=self.ocmw.kbo,
            signing=signing or self.identity.signing,
            tls=None,
            network=Network(directory_url=None, anchor=None, trust_path=trust.folder),
        )
        return Requester(ocmw=self.ocmw, membership=membership, sessions=self.sessions, timeout=timeout)


def request(requester: Requester, to: Ocmw, **asked: Any) -> tables.SentRequest:
    """Ask one OCMW (by its KBO), as ``ocmw esv request --ocmw KBO`` does: its one request."""
    [row] = requester.ask(ocmws=(to.ocmw.kbo,), **asked)
    return row


def make_ocmw(url: str, kbo: str, name: str, records: str | None = None) -> Ocmw:
    """An OCMW with its database made, its identity recorded and the records of a fixture folder."""
    engine = connect(url, create=True)
    upgrade(engine)
    factory = sessions(engine)
    with factory.begin() as session:
        session.add(tables.Identity(id=1, kbo=kbo, name=name, phone=None))
        if records:
            folder = EXCHANGE_FIXTURES / records
            imports.import_files(session, [folder / "decisions.csv"], [folder / "gpmi.csv"], actor="test")
    return Ocmw(model.Ocmw(kbo=kbo, name=name), make_identity(name, "ecdsa"), url, engine, factory, free_port())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class LiveService:
    """An application served by uvicorn in a thread, on a loopback port."""

    def __init__(self, app: object, port: int | None = None) -> None:
        self.port = port or free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="error"))  # type: ignore[arg-type]
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/esv/requests"

    def __enter__(self) -> LiveService:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the service did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def serve(ocmw: Ocmw, trust: Trust, max_bytes: int = DEFAULT_MAX_BYTES, port: int | None = None) -> LiveService:
    """The OCMW's responder as ``ocmw serve`` serves it to the network (its answers counted, ``/health``
    beside it), on its port (or another one)."""
    app = create_app(ocmw.responder(trust, max_bytes), AnswerMetrics())
    membership = ocmw.requester(trust).membership
    add_health(app, Monitored(ocmw.sessions, ocmw.ocmw, lambda: membership))
    return LiveService(app, port or ocmw.port)


def trust_of(*ocmws: Ocmw, folder: Path) -> Trust:
    """A trust folder holding the certificates of these OCMWs, each named and with its address."""
    folder.mkdir(parents=True, exist_ok=True)
    for ocmw in ocmws:
        (folder / f"{ocmw.ocmw.kbo}.pem").write_bytes(ocmw.identity.cert_pem)
        (folder / f"{ocmw.ocmw.kbo}.toml").write_text(
            f'kbo = "{ocmw.ocmw.kbo}"\nname_nl = "{ocmw.ocmw.name}"\nname_fr = "{ocmw.ocmw.name}"\n'
            f'address = "{ocmw.address}"\n',
            encoding="utf-8",
        )
    return Trust(folder)


def identity_of(name: str) -> Identity:
    return make_identity(name, "rsa")


def signed_requests(requester: model.Ocmw, signing: SigningIdentity, count: int, prefix: str) -> list[bytes]:
    """``count`` requests of ``requester``, signed, ids ``prefix-1``, ``prefix-2`` ...: for Sofie De Smet
    (whom the Liège fixtures answer with a report and her GPMI contract, her consent given) and Piotr in turn."""
    today = dt.datetime.now(BELGIAN_TIME).date()
    consent = model.Consent(from_date=today - dt.timedelta(days=1), to_date=today + dt.timedelta(days=30), granted=True)
    bodies = []
    for number in range(1, count + 1):
        request = model.EsvRequest(
            request_id=f"{prefix}-{number}",
            created_at=dt.datetime.now(dt.UTC),
            requester=requester,
            ssin="92021416206" if number % 2 else "01431205533",
            period=model.Period(begin=dt.date(2025, 1, 1), end=dt.date(2026, 10, 31)),
            gpmi_consent=consent,
        )
        bodies.append(serialize(sign(build_tree(request).getroot(), signing).getroottree(), pretty=False))
    return bodies


def signed_request(signer: Identity, request_id: str, ssin: str = "92021416206", kbo: str = "0212345668") -> bytes:
    """A request for ``ssin``'s report over 2025-2026, from the OCMW of KBO ``kbo``, signed by ``signer``."""
    asked = model.EsvRequest(
        request_id=request_id,
        created_at=dt.datetime.now(dt.UTC),
        requester=model.Ocmw(kbo=kbo, name="OCMW Gent"),
        ssin=ssin,
        period=model.Period(begin=dt.date(2025, 1, 1), end=dt.date(2026, 10, 31)),
        gpmi_consent=None,
    )
    return serialize(sign(build_tree(asked).getroot(), signer.signing).getroottree(), pretty=False)
