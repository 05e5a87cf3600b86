"""The web pages through FastAPI's test client: who may see what, the CSRF token, the forms'
problems, the lists' filters and paging, the language, and the audit of every report view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from exchange import tables
from tests.conftest import FIXTURES
from tests.web_world import ADMINISTRATOR, SOCIAL_WORKER, SOFIE, WebWorld, csrf_of, logged_in, post, web_world
from web.accounts import Role, add_user
from web.app import SCREENS, create_pages

REQUEST_FORM = {
    "ssin": "92.02.14-162.06",
    "begin": "01/01/2025",
    "end": "31/10/2026",
    "consent_from": "01/01/2026",
    "consent_to": "31/12/2035",
    "consent": "yes",
}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebWorld]:
    with web_world(tmp_path_factory.mktemp("web"), per_page=2) as made:
        worker = logged_in(made.pages, SOCIAL_WORKER)
        for _ in range(3):  # three answers: two pages of two lines
            assert post(worker, "/requests/new", {**REQUEST_FORM, "responder": made.liege_url}).status_code == 303
        yield made


@pytest.fixture
def worker(world: WebWorld) -> TestClient:
    return logged_in(world.pages, SOCIAL_WORKER)


@pytest.fixture
def administrator(world: WebWorld) -> TestClient:
    return logged_in(world.pages, ADMINISTRATOR)


PAGES = ["/requests", "/answers", "/requests/new", "/statistics", "/answers/1/report", "/admin/users", "/admin/trust"]


@pytest.mark.parametrize("path", [*PAGES, "/answers/1/contracts/1", "/requests/1/answer"])
def test_without_login_every_page_redirects_to_the_login(world: WebWorld, path: str) -> None:
    browser = TestClient(create_pages(world.pages), follow_redirects=False)
    response = browser.get(path)
    assert (response.status_code, response.headers["location"]) == (303, "/login")
    assert "DE SMET" not in response.text


def test_after_login_the_page_asked_for_is_shown(world: WebWorld) -> None:
    browser = TestClient(create_pages(world.pages), follow_redirects=False)
    browser.get("/statistics")
    token = csrf_of(browser.get("/login"))
    response = browser.post(
        "/login", data={"username": SOCIAL_WORKER[0], "password": SOCIAL_WORKER[1], "csrf_token": token}
    )
    assert response.headers["location"] == "/statistics"


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(world: WebWorld) -> None:
    browser = TestClient(create_pages(world.pages), follow_redirects=False)
    token = csrf_of(browser.get("/login"))
    for username, password in ((SOCIAL_WORKER[0], "wrong password here"), ("nobody", SOCIAL_WORKER[1])):
        response = browser.post("/login", data={"username": username, "password": password, "csrf_token": token})
        assert response.status_code == 401
        assert "Gebruikersnaam of wachtwoord onjuist" in response.text
    assert browser.get("/answers").status_code == 303


@pytest.mark.parametrize("path", ["/admin/users", "/admin/trust"])
def test_a_social_worker_cannot_open_the_administration(worker: TestClient, path: str) -> None:
    response = worker.get(path)
    assert response.status_code == 403
    assert "voorbehouden aan beheerders" in response.text


def test_a_social_worker_cannot_archive(worker: TestClient) -> None:
    assert post(worker, "/answers/1/archive", {}).status_code == 403


def test_an_administrator_opens_the_administration(administrator: TestClient) -> None:
    assert SOCIAL_WORKER[0] in administrator.get("/admin/users").text
    assert "CPAS de Liège" in administrator.get("/admin/trust").text


def test_every_form_needs_the_csrf_token_of_its_session(world: WebWorld, administrator: TestClient) -> None:
    paths = [route.path for screen in SCREENS for route in screen.router.routes if "POST" in route.methods]  # type: ignore[attr-defined]
    assert len(paths) >= 10
    other = logged_in(world.pages, SOCIAL_WORKER)
    for path in (path.replace("{row_id}", "1").replace("{user_id}", "2") for path in paths):
        assert administrator.post(path, data={}).status_code == 403, path
        assert administrator.post(path, data={"csrf_token": csrf_of(other.get("/answers"))}).status_code == 403, path


def test_cookies_are_http_only_and_same_site_lax_and_headers_protect_the_pages(world: WebWorld) -> None:
    browser = TestClient(create_pages(world.pages), follow_redirects=False)
    response = browser.get("/login")
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "SAMEORIGIN"
    assert "script-src 'none'" in response.headers["content-security-policy"]
    assert "<script" not in response.text


def test_logout_ends_the_session(worker: TestClient) -> None:
    assert post(worker, "/logout", {}).headers["location"] == "/login"
    assert worker.get("/answers").status_code == 303


def test_logout_ends_a_kept_copy_of_the_session_cookie_too(world: WebWorld) -> None:
    first = logged_in(world.pages, SOCIAL_WORKER)
    copy = TestClient(create_pages(world.pages), follow_redirects=False, cookies=dict(first.cookies))
    assert copy.get("/answers").status_code == 200
    post(first, "/logout", {})
    assert copy.get("/answers").status_code == 303
    assert logged_in(world.pages, SOCIAL_WORKER).get("/answers").status_code == 200  # a new login works


def test_logins_are_audited_and_a_name_that_is_no_user_is_not_written(world: WebWorld) -> None:
    browser = TestClient(create_pages(world.pages), follow_redirects=False)
    token = csrf_of(browser.get("/login"))
    for username, password in ((SOCIAL_WORKER[0], "wrong password here"), ("my secret pass", "x"), SOCIAL_WORKER):
        browser.post("/login", data={"username": username, "password": password, "csrf_token": token})
    with world.gent.sessions() as session:
        lines = session.execute(
            select(tables.AuditEntry.action, tables.AuditEntry.actor, tables.AuditEntry.details).order_by(
                tables.AuditEntry.id.desc()
            )
        ).all()[:3]
    assert [tuple(line) for line in reversed(lines)] == [
        ("login_refused", "an.peeters (web)", {"username": "an.peeters"}),
        ("login_refused", "unknown user (web)", {}),
        ("logged_in", "an.peeters (web)", {"username": "an.peeters"}),
    ]


@pytest.mark.parametrize(
    ("changed", "field", "message"),
    [
        ({"ssin": "92.02.14-162.07"}, "ssin", "920214 162 07 is geen geldig INSZ- of BIS-nummer"),
        ({"ssin": "9202141620"}, "ssin", "een INSZ heeft 11 cijfers"),
        ({"begin": "31/02/2025"}, "begin", "&#39;31/02/2025&#39; is geen bestaande datum"),
        ({"end": "31/12/2024"}, "end", "de einddatum 31/12/2024 ligt vóór de begindatum 01/01/2025"),
        ({"consent_to": "31/12/2025"}, "consent_to", "de einddatum 31/12/2025 ligt vóór de begindatum 01/01/2026"),
        ({"consent": ""}, "consent", "kies ja of neen"),
        ({"responder": "ftp://liege"}, "responder", "is geen webadres"),
    ],
)
def test_a_wrong_field_of_a_new_request_is_named_and_nothing_is_sent(
    world: WebWorld, worker: TestClient, changed: dict[str, str], field: str, message: str
) -> None:
    response = post(worker, "/requests/new", {**REQUEST_FORM, "responder": world.liege_url, **changed})
    assert response.status_code == 400
    assert message in response.text
    assert f'id="{field}-error"' in response.text
    with world.gent.sessions() as session:
        assert len(session.scalars(select(tables.SentRequest)).all()) == 3


def test_a_period_of_one_day_is_accepted(world: WebWorld, worker: TestClient) -> None:
    form = {**REQUEST_FORM, "responder": "http://127.0.0.1:9/esv/requests", "begin": "01/03/2025", "end": "2025-03-01"}
    response = post(worker, "/requests/new", form)
    assert response.status_code == 303
    with world.gent.sessions.begin() as session:
        row = session.scalars(select(tables.SentRequest).order_by(tables.SentRequest.id.desc())).first()
        assert row is not None and (row.begin, row.end, row.status) == (dt.date(2025, 3, 1),) * 2 + ("not_received",)
        row.archived = True  # out of the lists the other tests count


def test_every_problem_of_a_form_is_shown_at_once(world: WebWorld, worker: TestClient) -> None:
    response = post(worker, "/requests/new", {"ssin": "1", "begin": "x", "end": "", "consent": "maybe"})
    for field in ("responder", "ssin", "begin", "end", "consent_from", "consent_to", "consent"):
        assert f'id="{field}-error"' in response.text
    assert "Het formulier bevat 7 fout(en)" in response.text


def test_the_answers_are_paged(worker: TestClient) -> None:
    first = worker.get("/answers")
    assert "pagina 1 van 2 (3 in totaal)" in first.text and first.text.count("Consult ESV</a>") == 2
    second = post(worker, "/answers", {"page": "2"})
    assert "pagina 2 van 2 (3 in totaal)" in second.text and second.text.count("Consult ESV</a>") == 1
    beyond = post(worker, "/answers", {"page": "99"})
    assert "pagina 2 van 2" in beyond.text


def test_the_lists_filter_by_status_and_by_insz_in_any_written_form(worker: TestClient) -> None:
    assert "3 in totaal" in post(worker, "/answers", {"status": "received", "ssin": "920214 162 06"}).text
    assert "Geen regels." in post(worker, "/answers", {"status": "not_received"}).text
    assert "Geen regels." in post(worker, "/answers", {"ssin": "85.07.30-033.28"}).text
    wrong = post(worker, "/answers", {"ssin": "92021416207"})
    assert "geen geldig INSZ" in wrong.text and "<table>" not in wrong.text


def test_the_insz_filter_never_appears_in_an_address(worker: TestClient) -> None:
    assert 'method="post" action="/answers" class="filters"' in worker.get("/answers").text


def test_the_requests_answered_are_listed_on_the_responder_side_and_archived_by_an_administrator(
    world: WebWorld,
) -> None:
    liege_pages = replace(world.pages, sessions=world.liege.sessions, ocmw=world.liege.ocmw)
    with world.liege.sessions.begin() as session:
        add_user(session, "gerant", "un long mot de passe", Role.ADMINISTRATOR, actor="test")
    liege = logged_in(liege_pages, ("gerant", "un long mot de passe"))
    listed = liege.get("/requests")
    assert "Aanvragend OCMW" in listed.text and "OCMW Gent" in listed.text and "920214 162 06" in listed.text
    assert "pagina 1 van 2 (3 in totaal)" in listed.text
    sent = liege.get("/requests/1/answer")
    assert "ondertekend door dit OCMW" in sent.text and "DE SMET" in sent.text
    assert post(liege, "/requests/1/archive", {}).status_code == 303
    assert "2 in totaal" in liege.get("/requests").text
    assert "1 in totaal" in post(liege, "/requests", {"archived": "yes"}).text


def test_a_report_view_is_written_to_the_audit_log(world: WebWorld, worker: TestClient) -> None:
    response = worker.get("/answers/1/report")
    assert "DE SMET" in response.text and "geldig, ondertekend door CPAS de Liège" in response.text
    assert 'src="/answers/1/contracts/1"' in response.text
    pdf = worker.get("/answers/1/contracts/1?download=true")
    assert pdf.content.startswith(b"%PDF-") and pdf.headers["content-disposition"].startswith("attachment")
    with world.gent.sessions() as session:
        actions = session.execute(
            select(tables.AuditEntry.action, tables.AuditEntry.actor, tables.AuditEntry.ssin).order_by(
                tables.AuditEntry.id.desc()
            )
        ).all()[:2]
    assert actions == [
        ("contract_viewed", "an.peeters (web)", SOFIE),
        ("report_viewed", "an.peeters (web)", SOFIE),
    ]


def test_an_answer_whose_signer_is_no_longer_trusted_is_not_shown(tmp_path: Path) -> None:
    with web_world(tmp_path) as world:
        worker = logged_in(world.pages, SOCIAL_WORKER)
        post(worker, "/requests/new", {**REQUEST_FORM, "responder": world.liege_url})
        for certificate in world.pages.trust_path.iterdir():
            certificate.write_bytes((FIXTURES / "keys" / "ocmw-gent.cert.pem").read_bytes())
        response = worker.get("/answers/1/report")
    assert "ongeldig: the signer is not trusted" in response.text
    assert "DE SMET" not in response.text


def test_the_language_switch_changes_every_word_and_stays(worker: TestClient) -> None:
    response = post(worker, "/language", {"lang": "fr", "back": "/answers"})
    assert response.headers["location"] == "/answers"
    page = worker.get("/answers")
    assert '<html lang="fr">' in page.text and "Réponses RSE" in page.text and "CPAS émetteur" in page.text
    assert "Rapport social électronique" in worker.get("/answers/1/report").text
    assert post(worker, "/language", {"lang": "nl", "back": "https://elsewhere.example/"}).headers["location"] == (
        "/answers"
    )


def test_an_administrator_adds_a_user_and_every_problem_is_named(world: WebWorld, administrator: TestClient) -> None:
    form = {"username": "An Peeters", "role": "social_worker", "password": "short", "password_again": "other"}
    refused = post(administrator, "/admin/users", form)
    assert refused.status_code == 400
    for message in (
        "kan geen gebruikersnaam zijn",
        "het wachtwoord heeft 5 tekens",
        "de twee wachtwoorden verschillen",
    ):
        assert message in refused.text
    form = {"username": "jan", "role": "social_worker", "password": "x" * 12, "password_again": "x" * 12}
    assert post(administrator, "/admin/users", form).status_code == 303
    assert logged_in(world.pages, ("jan", "x" * 12)).get("/answers").status_code == 200
