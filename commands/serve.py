"""``ocmw serve``: the OCMW's service: its responder, which answers ESV requests automatically, and its
web pages. Without TLS, both on one address of this machine; over TLS, the responder to the other
OCMWs of the network (each with a certificate the directory or the trust folder names) and the
pages to the OCMW's own people, on two."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from commands.database import SigningFiles, open_database, own_ocmw
from commands.options import db_option, max_size_option, signing_options, tls_options, tls_pair
from ground.errors import OcmwError
from ground.numbers import Counted, counted
from service import logs

if TYPE_CHECKING:
    from service import run

TRUSTED: Counted = {"en": ("{n} OCMW trusted", "{n} OCMWs trusted")}


@click.command()
@db_option
@signing_options
@tls_options(recorded=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to answer ESV requests on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True, help="Its port.")
@click.option("--pages-host", default="127.0.0.1", show_default=True, help="Over TLS: the address of the web pages.")
@click.option("--pages-port", type=click.IntRange(1, 65535), help="Over TLS: their port (default: --port + 1).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes answering.")
@max_size_option
@click.option(
    "--secure-cookies", is_flag=True, help="Send the pages' session cookie over HTTPS only (always so over TLS)."
)
@click.option(
    "--log-format",
    type=click.Choice(logs.LOG_FORMATS),
    default="text",
    show_default=True,
    help="How the service logs on standard error: lines of text, or one JSON object per line (for a log collector).",
)
def serve(
    db_url: str | None,
    key: Path | None,
    cert: Path | None,
    trust: Path | None,
    tls_cert: Path | None,
    tls_key: Path | None,
    host: str,
    port: int,
    pages_host: str,
    pages_port: int | None,
    workers: int,
    max_size: int,
    secure_cookies: bool,
    log_format: str,
) -> None:
    """Answer ESV requests automatically (POST /esv/requests, GET /health), and serve the web pages
    (log in at /login; `ocmw user add` makes the first account).

    GET /health says the state of the database, the signing key and the trust (503 when the service
    can answer nobody); GET /metrics gives the Prometheus metrics, where the pages answer.

    Without TLS the service answers on this machine only. With --tls-cert and --tls-key (or as
    recorded by `ocmw db init`; for a member of a directory, by default its signing certificate and
    key), the responder answers the OCMWs of the network over mutual TLS, and the pages answer on
    --pages-host and --pages-port. A member of a directory fetches its document and sends its
    references at start and every five minutes."""
    from exchange.network import Membership, current_peers
    from service import run
    from service.metrics import shared_metrics
    from storage.database import database_url
    from storage.records import own_identity

    os.environ[logs.FORMAT_VARIABLE] = log_format  # for the worker processes too
    logs.configure(log_format)
    with shared_metrics(workers):
        from service.app import environment
        from service.refresh import DirectoryRefresh

        factory = open_database(db_url)
        with factory() as session:
            files = SigningFiles.of(session, key, cert, trust)
            identity = own_identity(session)
            ocmw = own_ocmw(session)
            tls_files = tls_cert or _recorded(identity.tls_cert_path), tls_key or _recorded(identity.tls_key_path)
            if tls_files == (None, None) and identity.directory_url:
                tls_files = files.cert, files.key  # the certificate the directory names serves its connections too
            tls = _tls(*tls_files)
        membership = Membership.of(identity, files.load(), files.trust)  # said now, not in every worker
        if tls is None:
            if pages_port is not None:
                raise click.UsageError("--pages-port is for a service over TLS; without TLS the pages answer on --port")
            logs.at_start(run.plain_only_on_loopback(host), warning=True)
            listeners = [run.Listener("service.app:from_environment", host, port)]
        else:
            clients = run.Tls(tls.cert, tls.key, clients="service.app:client_certificates")
            listeners = [
                run.Listener("service.app:esv_from_environment", host, port, clients),
                run.Listener("service.app:pages_from_environment", pages_host, pages_port or port + 1, tls),
            ]
            secure_cookies = True
        for listener in listeners:
            run.check_address(listener.host, listener.port)
        os.environ.update(
            environment(
                db_url=database_url(db_url),
                key=files.key,
                cert=files.cert,
                trust=files.trust,
                max_bytes=max_size,
                secure_cookies=secure_cookies,
            )
        )
        refresh = DirectoryRefresh(membership, factory) if membership.directory_url else None
        if refresh is not None:
            synced = refresh.once()
            if synced is not None:
                logs.at_start(f"directory {membership.directory_url}: document {synced.serial}")
        try:
            with factory() as session:
                trusted = current_peers(session, membership.network)
        except OcmwError as error:
            logs.at_start(f"{error}; until then the service neither asks nor answers", warning=True)
        else:
            count = len(trusted.peers)
            logs.at_start(f"{counted(TRUSTED, count, 'en')}, from the {trusted.source}")
        logs.at_start(f"{ocmw.name} answers ESV requests on {listeners[0].url}/esv/requests")
        logs.at_start(f"its web pages: {listeners[-1].url}/login")
        if refresh is not None:
            refresh.start()
        run.run(listeners, workers)


def _recorded(path: str | None) -> Path | None:
    return Path(path) if path else None


def _tls(cert: Path | None, key: Path | None) -> run.Tls | None:
    from service import run

    pair = tls_pair(cert, key)
    return run.Tls(*pair) if pair else None
