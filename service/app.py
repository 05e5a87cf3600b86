"""The service ``ocmw serve`` runs: the responder's endpoints (``exchange.endpoint``) and, at every
other address, the web pages (``web``), for one OCMW, configured by its database and signing files."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from fastapi import FastAPI

from esv.keys import load_identity
from esv.parsing import DEFAULT_MAX_BYTES
from esv.signing import TrustStore
from exchange.endpoint import create_app
from exchange.responder import Responder
from storage.database import check_current, connect, database_url, sessions
from storage.records import as_ocmw, own_identity
from web.app import create_pages
from web.context import Pages
from web.cookie import session_secret


def environment(
    *, db_url: str, key: Path, cert: Path, trust: Path, max_bytes: int, secure_cookies: bool
) -> dict[str, str]:
    """The variables ``ocmw serve`` sets for ``from_environment`` in each of its worker processes."""
    return {
        "OCMW_DB_URL": db_url,
        "OCMW_SERVE_KEY": str(key),
        "OCMW_SERVE_CERT": str(cert),
        "OCMW_SERVE_TRUST": str(trust),
        "OCMW_SERVE_MAX_BYTES": str(max_bytes),
        "OCMW_SERVE_SECURE_COOKIES": "1" if secure_cookies else "0",
    }


def from_environment() -> FastAPI:
    """The application ``ocmw serve`` runs (in each of its worker processes), configured by the
    variables of ``environment`` (and ``OCMW_KEY_PASSPHRASE``, ``OCMW_WEB_SECRET`` when set). Beside
    the responder's endpoints, the web pages (``web``) answer every other address."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")  # in each worker process
    engine = connect(database_url())
    check_current(engine)
    factory = sessions(engine)
    with factory() as session:
        ocmw = as_ocmw(own_identity(session))
    identity = load_identity(Path(os.environ["OCMW_SERVE_KEY"]), Path(os.environ["OCMW_SERVE_CERT"]))
    trust_path = Path(os.environ["OCMW_SERVE_TRUST"])
    max_bytes = int(os.environ.get("OCMW_SERVE_MAX_BYTES", DEFAULT_MAX_BYTES))
    app = create_app(
        Responder(
            ocmw=ocmw, identity=identity, trust=TrustStore.load(trust_path), sessions=factory, max_bytes=max_bytes
        )
    )
    pages = Pages(
        sessions=factory,
        ocmw=ocmw,
        identity=identity,
        trust_path=trust_path,
        secret=session_secret(factory),
        secure_cookies=os.environ.get("OCMW_SERVE_SECURE_COOKIES") == "1",
    )
    app.mount("/", create_pages(pages))
    return app
