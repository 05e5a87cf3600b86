"""The report's first screen: the person, the period asked, the status and a link to each contract,
before the dossiers and the answer's own data (the responder's KBO once); an unknown person named by
the INSZ asked; the way back to the page of the list the report was opened from."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from tests.web.web_world import ADMINISTRATOR, REQUEST_FORM, SOCIAL_WORKER, WebWorld, logged_in, post, web_world
from web.accounts import add_user
from web.roles import Role

UNKNOWN = "85.07.30-033.28"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebWorld]:
    """Gent asked Liège for Sofie (request 1), for a person Liège does not know (2) and for Sofie again
    (3); one line a page."""
    with web_world(tmp_path_factory.mktemp("report"), per_page=1) as made:
        worker = logged_in(made.pages, SOCIAL_WORKER)
        for ssin in (REQUEST_FORM["ssin"], UNKNOWN, REQUEST_FORM["ssin"]):
            form = {**REQUEST_FORM, "ssin": ssin, "ocmw": made.liege.ocmw.kbo}
            assert post(worker, "/requests/new", form).status_code == 303
        yield made


@pytest.fixture
def worker(world: WebWorld) -> TestClient:
    return logged_in(world.pages, SOCIAL_WORKER)


def _before(page: str, *parts: str) -> bool:
    """Whether ``parts`` come in this order in ``page``."""
    places = [page.index(part) for part in parts]
    return places == sorted(places)


def test_the_first_screen_is_the_person_the_period_the_status_and_the_contract(worker: TestClient) -> None:
    page = worker.get("/answers/1/report").text
    summary = page[page.index('class="summary"') : page.index('class="signature')]
    for said in (
        '<h2 id="person-heading">DE SMET Sofie</h2>',
        "92.02.14-162.06",
        "van 01/01/2025 tot 31/10/2026",
        "<dd>Verslag verzonden</dd>",
        "<dd>CPAS de Liège</dd>",
        '<a href="#contract-1">GPMI-overeenkomst C-2025-0147</a>, gpmi-C-2025-0147-v2.pdf (23 kB)',
    ):
        assert said in summary, said
    assert _before(page, 'class="summary"', 'class="dossier"', 'id="contract-1"', "Referentie van de aanvraag")
    assert page.count("0207654333") == 1  # the responder's KBO once, at the end: the report's OCMW is the same


def test_the_size_of_a_contract_is_written_in_the_readers_units(worker: TestClient) -> None:
    post(worker, "/language", {"lang": "fr", "back": "/answers"})
    assert "gpmi-C-2025-0147-v2.pdf (23 Ko)" in worker.get("/answers/1/report").text


def test_the_report_of_an_unknown_person_names_the_insz_asked(worker: TestClient) -> None:
    page = worker.get("/answers/2/report").text
    assert f'<h2 id="person-heading">INSZ {UNKNOWN}</h2>' in page
    assert f"CPAS de Liège kent geen persoon met INSZ {UNKNOWN}: het heeft geen dossier van deze persoon." in page
    post(worker, "/language", {"lang": "fr", "back": "/answers"})
    assert f"CPAS de Liège ne connaît aucune personne au NISS {UNKNOWN}" in worker.get("/answers/2/report").text


def _back(page: str) -> tuple[str, dict[str, str]]:
    """Where the report's way back leads, and the filter it sends there."""
    form = page[page.index('<form method="post" action="', page.index("<main")) :]
    form = form[: form.index("</form>")]
    action = re.search(r'action="([^"]+)"', form)
    assert action
    return action.group(1), dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))


def test_the_way_back_leads_to_the_page_and_filter_of_the_list(worker: TestClient) -> None:
    listed = post(worker, "/answers", {"status": "received", "ssin": "92021416206", "page": "2"}).text
    assert "pagina 2 van 2 (2 regels)" in listed
    assert 'href="/answers/1/report?status=received&amp;page=2&amp;person=yes"' in listed
    assert "92021416206" not in re.findall(r'href="([^"]+)"', listed)[-1]  # no INSZ in an address
    action, sent = _back(worker.get("/answers/1/report?status=received&page=2&person=yes").text)
    assert (action, sent["status"], sent["ssin"], sent["page"]) == ("/answers", "received", "92.02.14-162.06", "2")
    again = post(worker, action, {name: value for name, value in sent.items() if name != "csrf_token"}).text
    assert "pagina 2 van 2 (2 regels)" in again and "selected>Ontvangen</option>" in again
    assert 'id="ssin" name="ssin" value="92.02.14-162.06"' in again  # the filter as people write the INSZ


def test_the_page_buttons_keep_the_insz_as_people_write_it(worker: TestClient) -> None:
    listed = post(worker, "/answers", {"status": "received", "ssin": "92021416206", "page": "1"}).text
    paging = listed[listed.index('class="paging"') :]
    assert '<input type="hidden" name="ssin" value="92.02.14-162.06">' in paging[: paging.index("</form>")]


def test_the_way_back_takes_nothing_but_the_lists_own_filter(worker: TestClient) -> None:
    action, sent = _back(worker.get("/answers/1/report?back=https://elsewhere.example/&status=<x>&page=-1").text)
    assert (action, sent["status"], sent["ssin"], sent["page"]) == ("/answers", "", "", "1")
    assert "elsewhere" not in worker.get("/answers/1/report?back=https://elsewhere.example/").text


def test_the_answer_this_ocmw_sent_leads_back_to_the_requests(world: WebWorld) -> None:
    liege_pages = replace(world.pages, sessions=world.liege.sessions, ocmw=world.liege.ocmw)
    with world.liege.sessions.begin() as session:
        add_user(session, *ADMINISTRATOR, Role.ADMINISTRATOR, actor="test")
    liege = logged_in(liege_pages, ADMINISTRATOR)
    assert 'href="/requests/1/answer?page=3"' in post(liege, "/requests", {"page": "3"}).text  # one line a page
    page = liege.get("/requests/1/answer?page=3").text
    assert "Terug naar de aanvragen" in page
    action, sent = _back(page)
    assert (action, sent["page"]) == ("/requests", "3")
    assert '<h2 id="person-heading">DE SMET Sofie</h2>' in page
