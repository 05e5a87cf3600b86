"""``ocmw serve``: the OCMW's service: its responder, which answers ESV requests automatically, and its
web pages, on one address."""

from __future__ import annotations

import os
from pathlib import Path

import click

from commands.database import SigningFiles, open_database, own_ocmw
from commands.options import db_option, max_size_option, signing_options
from service import run
from storage.database import database_url


@click.command()
@db_option
@signing_options
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to answer on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True, help="The port to answer on.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes answering.")
@max_size_option
@click.option(
    "--secure-cookies", is_flag=True, help="Send the pages' session cookie over HTTPS only (served behind TLS)."
)
def serve(
    db_url: str | None,
    key: Path | None,
    cert: Path | None,
    trust: Path | None,
    host: str,
    port: int,
    workers: int,
    max_size: int,
    secure_cookies: bool,
) -> None:
    """Answer ESV requests automatically (POST /esv/requests, GET /health), and serve the web pages
    (log in at /login; `ocmw user add` makes the first account)."""
    from service.app import environment

    with open_database(db_url)() as session:
        files = SigningFiles.of(session, key, cert, trust)
        ocmw = own_ocmw(session)
    files.load()  # a key or trust store that cannot be used is said now, not in every worker
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
    run.check_address(host, port)
    click.echo(f"{ocmw.name} answers ESV requests on http://{host}:{port}/esv/requests", err=True)
    click.echo(f"its web pages: http://{host}:{port}/login", err=True)
    run.run(host, port, workers)
