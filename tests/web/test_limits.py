"""What the pages refuse before any work: a body larger than its address allows, a name guessed too
often, a number out of range in an address, digits that are not ASCII, a session older than a
working day."""

from __future__ import annotations

import base64
import json
import logging
import socket
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import anyio
import itsdangerous
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from storage import tables
from tests.exchange_world import LiveService
from tests.web.web_world import (
    ADMINISTRATOR,
    SOCIAL_WORKER,
    WebWorld,
    browser,
    csrf_of,
    log_in,
    logged_in,
    post,
    web_world,
)
from web.app import create_pages
from web.cookie import SESSION_HOURS
from web.limits import FORM_BYTES, BodyLimit, BodyTooLarge
from web.passwords import FailedLogins


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebWorld]:
    with web_world(tmp_path_factory.mktemp("limits")) as made:
        yield made


def test_a_large_form_without_login_is_refused_in_the_users_language(world: WebWorld) -> None:
    client = browser(world.pages)
    token = csrf_of(client.get("/login"))
    big = {"extra": ("extra.bin", b"0" * (FORM_BYTES + 1))}
    form = {"username": "x", "password": "y", "csrf_token": token}
    refused = client.post("/login", data=form, files=big)
    assert refused.status_code == 413
    assert "Wat u verstuurde is groter dan 64 kB en werd niet gelezen" in refused.text
    in_french = client.post("/login", data=form, files=big, headers={"accept-language": "fr-BE"})
    assert "Ce que vous avez envoyé dépasse 64 Ko" in in_french.text


def test_the_body_is_counted_as_it_arrives_and_no_more_is_read_after_the_limit() -> None:
    chunk = 16 * 1024
    reads = 0

    async def receive() -> dict[str, Any]:
        nonlocal reads
        reads += 1
        return {"type": "http.request", "body": b"x" * chunk, "more_body": True}

    async def reads_everything(scope: Any, receive: Any, send: Any) -> None:
        while True:
            await receive()

    limited = BodyLimit(reads_everything, uploads={"/statistics": 8 * chunk})
    with pytest.raises(BodyTooLarge):  # a declared length is not needed: the bytes are counted
        anyio.run(limited, {"type": "http", "path": "/login", "headers": []}, receive, None)
    assert reads == FORM_BYTES // chunk + 1
    reads = 0
    with pytest.raises(BodyTooLarge):
        anyio.run(limited, {"type": "http", "path": "/statistics", "headers": []}, receive, None)
    assert reads == 9
    reads = 0
    with pytest.raises(BodyTooLarge):  # a declared length too large: nothing is read at all
        anyio.run(
            limited, {"type": "http", "path": "/login", "headers": [(b"content-length", b"70000")]}, receive, None
        )
    assert reads == 0


def test_a_name_refused_five_times_waits_even_with_the_right_password(world: WebWorld) -> None:
    pages = replace(world.pages, failed_logins=FailedLogins())
    client = browser(pages)
    for _ in range(5):
        assert log_in(client, (SOCIAL_WORKER[0], "not the password at all")).status_code == 401
    waiting = log_in(client, SOCIAL_WORKER)
    assert waiting.status_code == 429
    assert "Te veel mislukte aanmeldingen met deze naam. Probeer opnieuw over 15 minuten." in waiting.text
    assert log_in(client, ADMINISTRATOR).status_code == 303  # another name is not slowed down
    with world.gent.sessions() as session:
        last = session.scalars(select(tables.AuditEntry).order_by(tables.AuditEntry.id.desc())).all()[1]
    assert (last.action, last.details) == ("login_refused", {"username": "an.peeters", "reason": "too_many_attempts"})


def test_a_name_that_is_no_user_waits_as_long_so_that_the_wait_tells_nothing(world: WebWorld) -> None:
    client = browser(replace(world.pages, failed_logins=FailedLogins()))
    for _ in range(5):
        assert log_in(client, ("nobody.here", "a guess")).status_code == 401
    assert log_in(client, ("nobody.here", "a guess")).status_code == 429


ROUTES = [
    ("get", "/answers/{}/report"),
    ("get", "/answers/{}/contracts/1"),
    ("get", "/answers/1/contracts/{}"),
    ("get", "/requests/{}/answer"),
    ("post", "/answers/{}/retry"),
    ("post", "/answers/{}/archive"),
    ("post", "/requests/{}/archive"),
    ("post", "/admin/users/{}/active"),
]


@pytest.fixture(scope="module")
def administrator(world: WebWorld) -> TestClient:
    return logged_in(world.pages, ADMINISTRATOR)


@pytest.mark.parametrize(("method", "route"), ROUTES)
@pytest.mark.parametrize("number", ["99999999999999999999", str(2**63), "0"])
def test_a_number_out_of_range_in_an_address_is_no_page(
    administrator: TestClient, method: str, route: str, number: str
) -> None:
    path = route.format(number)
    response = administrator.get(path) if method == "get" else post(administrator, path, {})
    assert response.status_code == 404
    assert "Deze pagina of regel bestaat niet (meer)." in response.text


@pytest.mark.parametrize("typed", ["²²²²²²²²²²²", "٩٢٠٢١٤١٦٢٠٦", "92.02.14-162.06x"])
def test_an_insz_of_other_than_ascii_digits_is_refused(world: WebWorld, typed: str) -> None:
    worker = logged_in(world.pages, SOCIAL_WORKER)
    form = {"ocmw": world.liege.ocmw.kbo, "ssin": typed, "begin": "01/01/2025", "end": "31/12/2025"}
    asked = post(worker, "/requests/new", form)
    assert asked.status_code == 400 and "is geen INSZ: een INSZ heeft 11 cijfers" in asked.text
    filtered = post(worker, "/answers", {"ssin": typed})
    assert "is geen INSZ: een INSZ heeft 11 cijfers" in filtered.text and "<table>" not in filtered.text


def test_a_page_number_of_other_than_ascii_digits_is_the_first_page(world: WebWorld) -> None:
    worker = logged_in(world.pages, SOCIAL_WORKER)
    shown = post(worker, "/answers", {"page": "²"})  # the list is empty: page 1 is the one sentence that says so
    assert shown.status_code == 200 and "Geen regels." in shown.text


def _session_cookie(secret: str, **session: object) -> str:
    """A session cookie as Starlette's ``SessionMiddleware`` signs it."""
    signer = itsdangerous.TimestampSigner(secret)
    return signer.sign(base64.b64encode(json.dumps(session).encode())).decode()


def test_a_session_ends_a_working_day_after_the_login_however_busy_it_was(world: WebWorld) -> None:
    with world.gent.sessions() as session:
        user = session.scalars(select(tables.User).where(tables.User.username == SOCIAL_WORKER[0])).one()
    for hours, status in ((SESSION_HOURS - 0.5, 200), (SESSION_HOURS + 0.01, 303)):
        client = browser(world.pages)
        since = int(time.time() - hours * 3600)
        cookie = _session_cookie(world.pages.secret, user=user.id, generation=user.session_generation, since=since)
        client.cookies.set("ocmw_session", cookie)
        assert client.get("/answers").status_code == status, hours
    without_time = browser(world.pages)
    without_time.cookies.set(
        "ocmw_session", _session_cookie(world.pages.secret, user=user.id, generation=user.session_generation)
    )
    assert without_time.get("/answers").status_code == 303


def _pages_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """The pages' own log lines (a service of another test may still log from its threads)."""
    return [record for record in caplog.records if record.name == "web.app"]


def test_a_browser_that_leaves_in_the_middle_of_its_form_costs_one_log_line(
    world: WebWorld, caplog: pytest.LogCaptureFixture
) -> None:
    with LiveService(create_pages(world.pages)) as pages, caplog.at_level(logging.WARNING):
        with socket.create_connection(("127.0.0.1", pages.port)) as browser:
            browser.sendall(
                b"POST /login HTTP/1.1\r\nHost: gent\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                b"Content-Length: 1000\r\n\r\nusername=an"
            )
            time.sleep(0.2)  # the pages are reading the form when the browser leaves
        deadline = time.monotonic() + 5
        while not _pages_lines(caplog) and time.monotonic() < deadline:
            time.sleep(0.05)
    [line] = _pages_lines(caplog)
    assert line.levelno == logging.WARNING and line.exc_info is None
    assert line.getMessage().startswith("the browser at 127.0.0.1:")
    assert line.getMessage().endswith("left before its form to /login was complete; nothing was done")
