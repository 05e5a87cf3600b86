"""The web pages of the OCMW Gent for the tests: its database with two users, its pages, and the
CPAS de Liège answering on a loopback port, as in ``tests/exchange_world.py``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from starlette.types import ASGIApp

from esv.parsing import DEFAULT_MAX_BYTES
from service.app import environment, from_environment
from tests.exchange_world import Ocmw, make_ocmw, serve, trust_of
from web.accounts import add_user
from web.app import create_pages
from web.context import Pages
from web.roles import Role

SOFIE = "92021416206"
ADMINISTRATOR = ("beheerder", "een lang wachtwoord voor de beheerder")
SOCIAL_WORKER = ("an.peeters", "een lang wachtwoord voor An")
REQUEST_FORM = {  # a new request for Sofie with her consent, as the page sends it
    "ssin": "92.02.14-162.06",
    "begin": "01/01/2025",
    "end": "31/10/2026",
    "consent_from": "01/01/2026",
    "consent_to": "31/12/2035",
    "consent": "yes",
}
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass(frozen=True)
class WebWorld:
    gent: Ocmw
    liege: Ocmw
    liege_url: str
    unreachable: Ocmw
    """An OCMW of Gent's trust folder whose address nobody answers."""
    pages: Pages
    folder: Path

    def served(self) -> ASGIApp:
        """Gent's service as ``ocmw serve`` makes it: ``from_environment``, in the variables it sets."""
        key, cert = self.folder / "gent.key.pem", self.folder / "gent.cert.pem"
        key.write_bytes(self.gent.identity.key_pem)
        cert.write_bytes(self.gent.identity.cert_pem)
        variables = environment(
            db_url=self.gent.url,
            key=key,
            cert=cert,
            trust=self.pages.membership.trust_path,
            max_bytes=DEFAULT_MAX_BYTES,
            secure_cookies=False,
        )
        with pytest.MonkeyPatch.context() as patch:
            patch.delenv("OCMW_WEB_SECRET", raising=False)
            for name, value in variables.items():
                patch.setenv(name, value)
            return from_environment()


@contextmanager
def web_world(folder: Path, *, per_page: int = 20) -> Iterator[WebWorld]:
    gent = make_ocmw(f"sqlite:///{folder / 'gent.db'}", "0212345668", "OCMW Gent")
    liege = make_ocmw(f"sqlite:///{folder / 'liege.db'}", "0207654333", "CPAS de Liège", records="liege")
    unreachable = make_ocmw(f"sqlite:///{folder / 'antwerpen.db'}", "0207112222", "OCMW Antwerpen")
    gent_trust = trust_of(liege, unreachable, folder=folder / "trust-gent")
    with gent.sessions.begin() as session:
        add_user(session, *ADMINISTRATOR, Role.ADMINISTRATOR, actor="test")
        add_user(session, *SOCIAL_WORKER, Role.SOCIAL_WORKER, actor="test")
    pages = Pages(
        sessions=gent.sessions,
        ocmw=gent.ocmw,
        membership=gent.requester(gent_trust).membership,
        secret="a secret for the tests only, long enough",
        per_page=per_page,
        timeout=10.0,
    )
    with serve(liege, trust_of(gent, folder=folder / "trust-liege")) as liege_service:
        yield WebWorld(gent, liege, liege_service.url, unreachable, pages, folder)
    for ocmw in (gent, liege, unreachable):
        ocmw.engine.dispose()


def csrf_of(response: httpx.Response) -> str:
    """The CSRF token a page put in its forms."""
    found = _CSRF.search(response.text)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def browser(pages: Pages) -> TestClient:
    """A browser of the pages, not logged in, that does not follow redirects."""
    return TestClient(create_pages(pages), follow_redirects=False)


def log_in(client: TestClient, user: tuple[str, str]) -> httpx.Response:
    token = csrf_of(client.get("/login"))
    return client.post("/login", data={"username": user[0], "password": user[1], "csrf_token": token})


def logged_in(pages: Pages, user: tuple[str, str]) -> TestClient:
    """A browser of the pages, logged in as ``user``."""
    client = browser(pages)
    response = log_in(client, user)
    assert response.status_code == 303, response.text
    return client


def post(client: TestClient, path: str, data: dict[str, str], **extra: object) -> httpx.Response:
    """A form sent from the page ``path`` (its CSRF token taken from that page, or the answers list)."""
    source = path if client.get(path).status_code == 200 else "/answers"
    return client.post(path, data={**data, "csrf_token": csrf_of(client.get(source))}, **extra)  # type: ignore[arg-type]
