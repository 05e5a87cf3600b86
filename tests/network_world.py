"""A network for the tests: a directory and its member OCMWs, each with its own database (SQLite, or
PostgreSQL when ``OCMW_TEST_POSTGRES_URL`` names a server), keys and records, all served over mutual
TLS on loopback ports by ``service.run``, as ``ocmw directory serve`` and ``ocmw serve`` serve them."""

from __future__ import annotations

import datetime as dt
import functools
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from directory import registry
from directory import service as directory_service
from esv import model
from esv.parsing import DEFAULT_MAX_BYTES
from exchange.endpoint import create_app
from exchange.network import DirectoryClient, Membership, Synced, current_peers
from exchange.peers import Peers
from exchange.requester import Requester
from exchange.responder import Responder
from service import run
from storage import imports, tables
from storage.database import connect, sessions, upgrade
from tests.conftest import Identity, make_identity
from tests.exchange_world import database, free_port

HEADER = (
    "dossier_id;ssin;last_name;first_name;number;kind;legislation;decision_date;effective_date;duration_months;"
    "judgment;legal_motivation;aid_kind;aid_category;monthly_amount;refunded_amount;calculation"
)


def decisions_csv(folder: Path, dossier: str, ssin: str, effective: dt.date, months: int | None) -> Path:
    """A decisions export of one grant to the person, in effect from ``effective`` for ``months``."""
    path = folder / f"{dossier}.csv"
    line = (
        f"{dossier};{ssin};DE SMET;Sofie;1;grant;rmi_2002;{effective:%d/%m/%Y};{effective:%d/%m/%Y};"
        f"{months if months is not None else ''};nee;;living_wage;3;1200,00;;"
    )
    path.write_text(f"{HEADER}\n{line}\n", encoding="utf-8")
    return path


class Served:
    """An application served by uvicorn (``service.run.config``) in a thread, on a loopback port."""

    def __init__(self, listener: run.Listener) -> None:
        import uvicorn

        self.listener = listener
        self.server = uvicorn.Server(run.config(listener, log_level="error"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Served:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError(f"{self.listener.url} did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def pem_files(folder: Path, name: str, identity: Identity) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    key, cert = folder / f"{name}.key.pem", folder / f"{name}.cert.pem"
    key.write_bytes(identity.key_pem)
    cert.write_bytes(identity.cert_pem)
    return key, cert


@dataclass
class Directory:
    url: str
    engine: Engine
    identity: Identity
    port: int
    key: Path
    cert: Path

    @property
    def address(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @functools.cached_property
    def sessions(self) -> sessionmaker[Session]:
        return sessions(self.engine)

    def client_certificates(self) -> list[bytes]:
        with self.sessions() as session:
            return registry.client_certificates(session)

    def serve(self) -> Served:
        app = directory_service.create_app(self.engine)
        tls = run.Tls(self.cert, self.key, clients=self.client_certificates)
        return Served(run.Listener(app, "127.0.0.1", self.port, tls))

    def log(self, action: str) -> list[Any]:
        from sqlalchemy import select

        from directory import tables as directory_tables

        with self.sessions() as session:
            query = select(directory_tables.LogEntry).where(directory_tables.LogEntry.action == action)
            return list(session.scalars(query.order_by(directory_tables.LogEntry.id)))


@dataclass
class Member:
    """An OCMW of the network: its KBO, names, database, keys and the port it answers on."""

    kbo: str
    name: str
    identity: Identity
    sessions: sessionmaker[Session]
    port: int
    key: Path
    cert: Path
    membership: Membership
    peers_override: Callable[[], Peers] | None = field(default=None, repr=False)

    @property
    def ocmw(self) -> model.Ocmw:
        return model.Ocmw(kbo=self.kbo, name=self.name)

    @property
    def address(self) -> str:
        return f"https://127.0.0.1:{self.port}/esv/requests"

    def peers(self) -> Peers:
        with self.sessions() as session:
            return current_peers(session, self.membership.network)

    def sync(self) -> Synced:
        return DirectoryClient(self.membership, self.sessions, timeout=10).sync()

    def requester(self, timeout: float = 10.0) -> Requester:
        return Requester(ocmw=self.ocmw, membership=self.membership, sessions=self.sessions, timeout=timeout)

    def responder(self) -> Responder:
        return Responder(
            ocmw=self.ocmw,
            identity=self.membership.signing,
            peers=self.peers,
            sessions=self.sessions,
            max_bytes=DEFAULT_MAX_BYTES,
        )

    def serve(self) -> Served:
        def clients() -> list[bytes]:
            return self.peers().client_certificates()

        tls = run.Tls(self.cert, self.key, clients=clients)
        return Served(run.Listener(create_app(self.responder()), "127.0.0.1", self.port, tls))

    def import_decisions(self, *paths: Path) -> None:
        with self.sessions.begin() as session:
            imports.import_files(session, list(paths), [], actor="test")


@dataclass
class Network:
    directory: Directory
    members: dict[str, Member]
    folder: Path
    backend: str
    stack: ExitStack

    def add_member(self, slug: str, kbo: str, name: str, *, join: bool = True) -> Member:
        """A member OCMW: its database made, its identity recorded with the directory's address and
        anchor; with ``join``, added to the directory too (active, with its certificate)."""
        identity = make_identity(name, "ecdsa")
        key, cert = pem_files(self.folder / slug, slug, identity)
        url = self.stack.enter_context(database(self.backend, self.folder))
        engine = connect(url, create=True)
        self.stack.callback(engine.dispose)
        upgrade(engine)
        factory = sessions(engine)
        port = free_port()
        with factory.begin() as session:
            row = tables.Identity(
                id=1,
                kbo=kbo,
                name=name,
                key_path=str(key),
                cert_path=str(cert),
                directory_url=self.directory.address,
                directory_anchor=self.directory.identity.cert_pem.decode(),
            )
            session.add(row)
            session.flush()
            membership = Membership.of(row, identity.signing)
        member = Member(kbo, name, identity, factory, port, key, cert, membership)
        if join:
            with self.directory.sessions.begin() as session:
                registry.add_member(
                    session,
                    kbo=kbo,
                    name_nl=name,
                    name_fr=f"{name} (fr)",
                    address=member.address,
                    certificates={str(cert): identity.cert_pem},
                    actor="test",
                )
        self.members[slug] = member
        return member


@contextmanager
def network(backend: str, folder: Path, *, valid_hours: int = 24) -> Iterator[Network]:
    """A directory, served over TLS, without members yet (``Network.add_member``)."""
    with ExitStack() as stack:
        url = stack.enter_context(database(backend, folder))
        engine = connect(url, create=True, schema=registry.DIRECTORY_DATABASE)
        stack.callback(engine.dispose)
        upgrade(engine, registry.DIRECTORY_DATABASE)
        factory = sessions(engine)
        identity = make_identity("ESV-netwerk", "ecdsa")
        key, cert = pem_files(folder / "directory", "directory", identity)
        port = free_port()
        with factory.begin() as session:
            given = registry.checked_identity(
                name="ESV-netwerk", address=f"https://127.0.0.1:{port}", key=key, cert=cert, valid_hours=valid_hours
            )
            registry.record_identity(session, given, actor="test")
        directory = Directory(url, engine, identity, port, key, cert)
        yield Network(directory, {}, folder, backend, stack)


def served(stack: ExitStack, *services: Any) -> None:
    for service in services:
        stack.enter_context(service.serve())
