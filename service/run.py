"""Running a service: its addresses checked before anything is announced, then uvicorn, with as many
worker processes as asked, on one or more listeners (the ESV endpoints and the pages of ``ocmw
serve`` on two addresses when they are served over TLS; the directory on one).

Over TLS a listener may ask every client for its certificate and refuse, in the TLS handshake, one
that is not among the certificates a provider names (the members of the network); the provider is
asked again now and then, so that a member added is let in without a restart (one removed is
refused by the application, which checks the certificate against the members of the moment). The
certificate a connection was made with is handed to the application in the ASGI ``tls`` extension
(``client_cert_chain``)."""

from __future__ import annotations

import asyncio
import errno
import functools
import gc
import logging
import multiprocessing
import os
import signal
import socket
import ssl
import threading
import weakref
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from esv.keys import PASSPHRASE_VARIABLE
from ground.errors import UsageError
from service import logs

log = logging.getLogger(__name__)
LOOPBACK = ("127.0.0.1", "::1", "localhost")
REFRESH_SECONDS = 30.0


@dataclass(frozen=True)
class Tls:
    """The listener's certificate and key, and where the certificates of its clients come from (a
    function returning their DER, or its ``module:function`` to import in each worker process;
    ``None``: no client certificate is asked)."""

    cert: Path
    key: Path
    clients: str | Callable[[], list[bytes]] | None = None


@dataclass(frozen=True)
class Listener:
    """One address of the service: the application it serves (``module:factory``, made in each worker
    process; or the application itself, in this process only), with or without TLS."""

    app: str | Callable[..., Awaitable[None]]
    host: str
    port: int
    tls: Tls | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://{self.host}:{self.port}"


def check_address(host: str, port: int) -> None:
    """``UsageError`` when the address cannot be served: the port is taken (by another program, or
    a service already running) or the host is not this machine's."""
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise UsageError(
                f"port {port} on {host} is already in use (by another program, or an ocmw serve that is already "
                "running); choose another with --port"
            ) from None
        reason = error.strerror if isinstance(error, socket.gaierror) or not error.errno else os.strerror(error.errno)
        raise UsageError(f"{host}:{port} cannot be served: {reason}; choose another --host") from None


def plain_only_on_loopback(host: str) -> str:
    """Without TLS a service answers on this machine only: the network carries personal data. The
    warning to show at start (without its ``warning:``)."""
    if host not in LOOPBACK:
        raise UsageError(
            f"without --tls-cert and --tls-key the service answers on this machine only (127.0.0.1), not on {host}: "
            "give the TLS certificate and key to serve the network"
        )
    return "served without TLS, on this machine only; give --tls-cert and --tls-key to serve the network"


def run(listeners: Sequence[Listener], workers: int) -> None:
    """Serve until stopped (Ctrl-C or SIGTERM), in ``workers`` processes."""
    sockets = [_bound(listener) for listener in listeners]
    if workers == 1:
        _serve(listeners, sockets)
    else:
        _supervise(listeners, sockets, workers)


def _supervise(listeners: Sequence[Listener], sockets: list[socket.socket], workers: int) -> None:
    """``workers`` processes serving the same sockets; SIGINT or SIGTERM stops them, each finishing
    the answers it is making."""
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_serve, args=(listeners, sockets), daemon=False) for _ in range(workers)]
    for process in processes:
        process.start()
    stop = threading.Event()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signal_number, lambda number, frame: stop.set())
    while not stop.is_set() and any(process.is_alive() for process in processes):
        stop.wait(0.5)
    for process in processes:
        if process.is_alive():
            process.terminate()  # SIGTERM: uvicorn finishes what it is answering, then stops
    for process in processes:
        process.join()


def _bound(listener: Listener) -> socket.socket:
    family = socket.AF_INET6 if ":" in listener.host else socket.AF_INET
    # IPPROTO_TCP named, as the connections accepted take it over: asyncio then turns Nagle's algorithm
    # off on them, without which every answer written in two parts waits 40 ms for the client's ACK.
    bound = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    bound.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    bound.bind((listener.host, listener.port))
    bound.set_inheritable(True)
    return bound


try:
    from uvloop import run as _event_loop_run  # uvicorn's own choice too: TLS in compiled code, not Python's
except ImportError:  # pragma: no cover - uvicorn[standard] brings uvloop
    _event_loop_run = asyncio.run  # type: ignore[assignment]


def _serve(listeners: Sequence[Listener], sockets: list[socket.socket]) -> None:
    """One process serving every listener on its socket, in one event loop; a signal stops them all."""
    servers = [_Server(config(listener)) for listener in listeners]
    for server in servers:
        server.peers = servers
        server.server.config.load()
    # What the imports and the applications made lives as long as the process: out of the garbage
    # collector's sight, a full collection no longer walks it (90 ms, in the middle of an answer).
    gc.freeze()

    async def serve_all() -> None:
        await asyncio.gather(*(server.serve(sockets=[bound]) for server, bound in zip(servers, sockets, strict=True)))

    _event_loop_run(serve_all())


def config(listener: Listener, log_level: str = "warning") -> Any:
    """uvicorn's configuration of a listener; over TLS, its connections hand the client's certificate
    to the application."""
    import uvicorn

    factory = isinstance(listener.app, str)
    log_config = logs.uvicorn_config()
    if listener.tls is None:
        return uvicorn.Config(
            listener.app, listener.host, listener.port, factory=factory, log_level=log_level, log_config=log_config
        )
    tls = listener.tls
    return uvicorn.Config(
        listener.app,
        listener.host,
        listener.port,
        factory=factory,
        log_level=log_level,
        log_config=log_config,
        http=_peer_certificate_protocol(),
        ssl_context_factory=lambda config, default: server_context(tls),
    )


def server_context(tls: Tls) -> ssl.SSLContext:
    """The TLS context of a listener: its certificate and key (the key's passphrase, if any, from
    ``OCMW_KEY_PASSPHRASE``); with ``clients``, a client certificate among theirs is required."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    # No session tickets: the clients (httpx) never resume a session, and OpenSSL 3.0 copies the whole
    # session, client certificate included, for every ticket it issues (an eighth of a handshake).
    context.num_tickets = 0
    passphrase = os.environ.get(PASSPHRASE_VARIABLE)
    context.load_cert_chain(tls.cert, tls.key, password=passphrase or None)
    if tls.clients is not None:
        context.verify_mode = ssl.CERT_REQUIRED
        _ClientRefresher(context, _provider(tls.clients)).start()
    return context


def _provider(where: str | Callable[[], list[bytes]]) -> Callable[[], list[bytes]]:
    if not isinstance(where, str):
        return where
    from uvicorn.importer import import_from_string

    provider: Callable[[], list[bytes]] = import_from_string(where)
    return provider


class _ClientRefresher(threading.Thread):
    """Loads the certificates of the clients into a TLS context, now and every ``REFRESH_SECONDS``
    (a context takes more certificates, never fewer: one no longer a member is refused by the
    application), for as long as the context serves (it holds it weakly: a server stopped in a
    process that goes on, as in the tests, leaves no thread behind it)."""

    def __init__(self, context: ssl.SSLContext, provider: Callable[[], list[bytes]]) -> None:
        super().__init__(daemon=True, name="tls-clients")
        self.context, self.provider, self.loaded = weakref.ref(context), provider, set[bytes]()
        self._refresh_or_warn(context)

    def refresh(self, context: ssl.SSLContext) -> None:
        for der in set(self.provider()) - self.loaded:
            context.load_verify_locations(cadata=der)
            self.loaded.add(der)

    def _refresh_or_warn(self, context: ssl.SSLContext) -> None:
        try:
            self.refresh(context)
        except Exception as error:  # the next refresh tries again; until then, no new client is let in
            log.warning("the certificates of the clients could not be read: %s", error)

    def run(self) -> None:
        while True:
            threading.Event().wait(REFRESH_SECONDS)
            context = self.context()
            if context is None:
                return
            self._refresh_or_warn(context)
            del context


class _Server:
    """A uvicorn server whose signal stops its peers too (two listeners in one process)."""

    def __init__(self, config: Any) -> None:
        import uvicorn

        self.server = uvicorn.Server(config)
        self.peers: list[_Server] = []
        self.server.handle_exit = self._handle_exit  # type: ignore[method-assign]

    def _handle_exit(self, sig: int, frame: Any) -> None:
        for peer in self.peers:
            peer.server.should_exit = True

    def serve(self, sockets: list[socket.socket]) -> Awaitable[None]:
        return self.server.serve(sockets=sockets)


@functools.cache
def _peer_certificate_protocol() -> type[Any]:
    from uvicorn.protocols.http.h11_impl import H11Protocol  # only when serving over TLS

    class PeerCertificate(H11Protocol):
        """uvicorn's HTTP/1.1 protocol, handing the client's TLS certificate to the application."""

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            ssl_object = transport.get_extra_info("ssl_object")
            der = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
            if der:
                self.app = _with_client_certificate(self.app, ssl.DER_cert_to_PEM_cert(der))

    return PeerCertificate


def _with_client_certificate(app: Any, pem: str) -> Callable[..., Awaitable[None]]:
    async def with_certificate(scope: dict[str, Any], receive: Any, send: Any) -> None:
        scope.setdefault("extensions", {})["tls"] = {"client_cert_chain": [pem]}
        await app(scope, receive, send)

    return with_certificate
