"""A message from the page before reads as what it is: a success, something to know, something to
watch or a failure, by its colour, its sign and its word; a failure is an alert, the others a status."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from exchange.statuses import RequestStatus
from tests.web.web_world import REQUEST_FORM, SOCIAL_WORKER, WebWorld, browser, logged_in, post, web_world
from web.notices import Tone, of_status

_NOTICE = re.compile(
    r'<p class="notice (?P<tone>\w+)" role="(?P<role>\w+)"><span class="sign" aria-hidden="true">[^<]+</span> '
    r"<strong>(?P<word>[^<]+):</strong> (?P<text>[^<]*)</p>"
)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebWorld]:
    with web_world(tmp_path_factory.mktemp("notices")) as made:
        yield made


@pytest.fixture
def worker(world: WebWorld) -> TestClient:
    return logged_in(world.pages, SOCIAL_WORKER)


def notice(page: str) -> tuple[str, str, str, str]:
    """The message of a page: its tone, its role, its word and its text."""
    found = _NOTICE.search(page)
    assert found, "the page has no message"
    return found["tone"], found["role"], found["word"], found["text"]


def test_an_answer_received_is_a_success(world: WebWorld, worker: TestClient) -> None:
    assert post(worker, "/requests/new", {**REQUEST_FORM, "ocmw": world.liege.ocmw.kbo}).status_code == 303
    tone, role, word, text = notice(worker.get("/answers").text)
    assert (tone, role, word) == ("success", "status", "Gelukt")
    assert text == "Aanvraag 1 aan CPAS de Liège: Ontvangen."


def test_an_ocmw_that_cannot_be_reached_is_a_failure_announced_at_once(world: WebWorld, worker: TestClient) -> None:
    assert post(worker, "/requests/new", {**REQUEST_FORM, "ocmw": world.unreachable.ocmw.kbo}).status_code == 303
    tone, role, word, text = notice(worker.get("/answers").text)
    assert (tone, role, word) == ("failure", "alert", "Mislukt")
    assert text.startswith("Aanvraag 2 aan OCMW Antwerpen: Niet ontvangen. Het andere OCMW is niet bereikbaar")
    post(worker, "/language", {"lang": "fr", "back": "/answers"})
    post(worker, "/answers/2/retry", {})
    assert notice(worker.get("/answers").text)[:3] == ("failure", "alert", "Échec")


def test_a_page_that_needs_a_login_says_so_as_information(world: WebWorld) -> None:
    client = browser(world.pages)
    assert client.get("/statistics").headers["location"] == "/login"
    assert notice(client.get("/login").text) == ("info", "status", "Ter info", "Meld u aan om deze pagina te zien.")


def test_every_status_of_a_request_has_its_tone() -> None:
    assert {status: of_status(status) for status in RequestStatus} == {
        RequestStatus.RECEIVED: Tone.SUCCESS,
        RequestStatus.UNKNOWN_PERSON: Tone.INFO,
        RequestStatus.SENT: Tone.WARNING,
        RequestStatus.ERROR: Tone.FAILURE,
        RequestStatus.NOT_RECEIVED: Tone.FAILURE,
        RequestStatus.REFUSED: Tone.FAILURE,
    }
    assert [tone.role for tone in Tone] == ["status", "status", "status", "alert"]
