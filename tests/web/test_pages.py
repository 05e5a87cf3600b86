"""The web pages through FastAPI's test client: who may see what, the CSRF token, the forms'
problems, the lists' filters and paging, the language, and the audit of every report view."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from esv.show import Wording
from exchange import listing
from exchange.endpoint import create_app
from exchange.statuses import RequestStatus
from ground.ssin import WRITTEN as WRITTEN_SSIN
from storage import tables
from tests.conftest import FIXTURES
from tests.exchange_world import Trust
from tests.web.web_world import (
    ADMINISTRATOR,
    REQUEST_FORM,
    SOCIAL_WORKER,
    SOFIE,
    WebWorld,
    browser,
    csrf_of,
    log_in,
    logged_in,
    post,
    web_world,
)
from web.accounts import add_user
from web.app import SCREENS, create_pages
from web.passwords import MIN_PASSWORD_LENGTH
from web.roles import Role


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebWorld]:
    with web_world(tmp_path_factory.mktemp("web"), per_page=2) as made:
        worker = logged_in(made.pages, SOCIAL_WORKER)
        for _ in range(3):  # three answers: two pages of two lines
            assert post(worker, "/requests/new", {**REQUEST_FORM, "ocmw": made.liege.ocmw.kbo}).status_code == 303
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
        (
            {"ssin": "92.02.14-162.07"},
            "ssin",
            "92.02.14-162.07 is geen geldig INSZ: wellicht is een cijfer verkeerd getypt",
        ),
        ({"ssin": "9202141620"}, "ssin", "een INSZ heeft 11 cijfers"),
        ({"begin": "31/02/2025"}, "begin", "31/02/2025 bestaat niet: februari 2025 telt 28 dagen"),
        ({"begin": "2025/02/01"}, "begin", "&#39;2025/02/01&#39; is geen datum: schrijf ze als DD/MM/JJJJ"),
        ({"end": "31/12/2024"}, "end", "De periode eindigt op 31/12/2024, vóór ze begint op 01/01/2025"),
        ({"consent_to": "31/12/2025"}, "consent_to", "De periode eindigt op 31/12/2025, vóór ze begint op 01/01/2026"),
        ({"consent": ""}, "consent", "Kies ja of neen."),
        ({"ocmw": "0123456749"}, "ocmw", "Kies een OCMW uit de lijst."),
    ],
)
def test_a_wrong_field_of_a_new_request_is_named_and_nothing_is_sent(
    world: WebWorld, worker: TestClient, changed: dict[str, str], field: str, message: str
) -> None:
    response = post(worker, "/requests/new", {**REQUEST_FORM, "ocmw": world.liege.ocmw.kbo, **changed})
    assert response.status_code == 400
    assert message in response.text
    assert f'id="{field}-error"' in response.text
    with world.gent.sessions() as session:
        assert len(session.scalars(select(tables.SentRequest)).all()) == 3


def test_a_consent_refused_has_no_dates_and_the_request_asks_no_contract(world: WebWorld, worker: TestClient) -> None:
    refused = {**REQUEST_FORM, "ocmw": world.unreachable.ocmw.kbo, "consent": "no"}
    dated = post(worker, "/requests/new", refused)
    assert dated.status_code == 400
    assert "Laat leeg wanneer de burger niet akkoord is." in dated.text
    assert 'id="consent_from-error"' in dated.text and 'id="consent_to-error"' in dated.text
    undated = post(worker, "/requests/new", {**refused, "consent_from": "", "consent_to": ""})
    assert undated.status_code == 303
    with world.gent.sessions.begin() as session:
        row = session.scalars(select(tables.SentRequest).order_by(tables.SentRequest.id.desc())).first()
        assert row is not None and b"<Granted>false</Granted>" in row.request_xml
        row.archived = True  # out of the lists the other tests count


def test_a_period_of_one_day_is_accepted(world: WebWorld, worker: TestClient) -> None:
    form = {**REQUEST_FORM, "ocmw": world.unreachable.ocmw.kbo, "begin": "01/03/2025", "end": "2025-03-01"}
    response = post(worker, "/requests/new", form)
    assert response.status_code == 303
    with world.gent.sessions.begin() as session:
        row = session.scalars(select(tables.SentRequest).order_by(tables.SentRequest.id.desc())).first()
        assert row is not None and (row.begin, row.end, row.status) == (dt.date(2025, 3, 1),) * 2 + ("not_received",)
        row.archived = True  # out of the lists the other tests count


def test_every_problem_of_a_form_is_shown_at_once(world: WebWorld, worker: TestClient) -> None:
    response = post(worker, "/requests/new", {"ssin": "1", "begin": "x", "end": "", "consent": "maybe"})
    for field in ("ssin", "begin", "end", "consent_from", "consent_to", "consent"):
        assert f'id="{field}-error"' in response.text
    assert 'id="ocmw-error"' not in response.text  # no OCMW chosen: those that hold records are asked
    assert "Het formulier bevat 6 fouten:" in response.text


def test_the_answers_are_paged(worker: TestClient) -> None:
    first = worker.get("/answers")
    assert first.text.count("pagina 1 van 2 (3 regels)") == 1 and first.text.count("Consult ESV</a>") == 2
    second = post(worker, "/answers", {"page": "2"})
    assert "pagina 2 van 2 (3 regels)" in second.text and second.text.count("Consult ESV</a>") == 1
    beyond = post(worker, "/answers", {"page": "99"})
    assert "pagina 2 van 2" in beyond.text


def test_the_paging_offers_the_three_pages_on_each_side_of_this_one(
    world: WebWorld, database: tuple[str, sessionmaker[Session]]
) -> None:
    """A list of a million lines has fifty thousand pages: not a button for each."""
    factory = database[1]
    sent_at = dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)
    with factory.begin() as session:
        add_user(session, *SOCIAL_WORKER, Role.SOCIAL_WORKER, actor="test")
        for number in range(12):
            session.add(
                tables.SentRequest(
                    request_id=f"R-{number}",
                    responder_url="https://esv.cpas-liege.example/esv/requests",
                    ssin=SOFIE,
                    begin=dt.date(2025, 1, 1),
                    end=dt.date(2025, 12, 31),
                    created_at=sent_at + dt.timedelta(minutes=number),
                    status=RequestStatus.NOT_RECEIVED,
                    request_xml=b"<EsvRequest/>",
                )
            )
    worker = logged_in(replace(world.pages, sessions=factory, per_page=1), SOCIAL_WORKER)

    def offered(page: int) -> list[str]:
        shown = post(worker, "/answers", {"page": str(page)}).text
        return re.findall(r'name="page" value="([0-9]+)" aria-label=', shown)

    assert offered(6) == ["3", "4", "5", "6", "7", "8", "9"]
    assert offered(2) == ["1", "2", "3", "4", "5"]
    assert offered(12) == ["9", "10", "11", "12"]


def test_the_lists_filter_by_status_and_by_insz_in_any_written_form(worker: TestClient) -> None:
    assert "(3 regels)" in post(worker, "/answers", {"status": "received", "ssin": "92.02.14-162.06"}).text
    assert "Geen regels." in post(worker, "/answers", {"status": "not_received"}).text
    assert "Geen regels." in post(worker, "/answers", {"ssin": "85.07.30-033.28"}).text
    wrong = post(worker, "/answers", {"ssin": "92021416207"})
    assert "is geen geldig INSZ" in wrong.text and "<table>" not in wrong.text


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
    assert "Aanvragend OCMW" in listed.text and "OCMW Gent" in listed.text and "92.02.14-162.06" in listed.text
    assert "pagina 1 van 2 (3 regels)" in listed.text
    sent = liege.get("/requests/1/answer")
    assert '<p class="signature own">' in sent.text and "verzonden door dit OCMW" in sent.text
    assert "DE SMET" in sent.text
    assert post(liege, "/requests/1/archive", {}).status_code == 303
    assert "pagina 1 van 1" not in liege.get("/requests").text and "2 regels" in liege.get("/requests").text
    assert "Demandes RSE" not in post(liege, "/requests", {"archived": "yes"}).text
    assert ": 1 regel</caption>" in post(liege, "/requests", {"archived": "yes"}).text


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
        post(worker, "/requests/new", {**REQUEST_FORM, "ocmw": world.liege.ocmw.kbo})
        for certificate in world.pages.membership.trust_path.glob("*.pem"):
            certificate.write_bytes((FIXTURES / "keys" / "ocmw-gent.cert.pem").read_bytes())
        response = worker.get("/answers/1/report")
    assert "ongeldig: de ondertekenaar staat niet (meer) tussen de vertrouwde certificaten" in response.text
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
        "Het wachtwoord heeft 5 tekens",
        "De twee wachtwoorden verschillen",
    ):
        assert message in refused.text
    form = {"username": "jan", "role": "social_worker", "password": "x" * 12, "password_again": "x" * 12}
    assert post(administrator, "/admin/users", form).status_code == 303
    assert logged_in(world.pages, ("jan", "x" * 12)).get("/answers").status_code == 200


def test_the_form_of_a_new_user_says_how_long_a_password_must_be(administrator: TestClient) -> None:
    form = administrator.get("/admin/users").text
    assert f'<span class="hint" id="password-hint">Minstens {MIN_PASSWORD_LENGTH} tekens.</span>' in form
    assert form.count(f'minlength="{MIN_PASSWORD_LENGTH}"') == 2  # the password, and the same again
    post(administrator, "/language", {"lang": "fr", "back": "/admin/users"})
    assert f"Au moins {MIN_PASSWORD_LENGTH} caractères." in administrator.get("/admin/users").text
    post(administrator, "/language", {"lang": "nl", "back": "/admin/users"})


def test_an_administrator_cannot_deactivate_themself_in_the_page(world: WebWorld, administrator: TestClient) -> None:
    with world.gent.sessions() as session:
        own = session.scalars(select(tables.User.id).where(tables.User.username == ADMINISTRATOR[0])).one()
    refused = post(administrator, f"/admin/users/{own}/active", {"active": "no"})
    assert refused.status_code == 400
    assert "U kunt uzelf niet deactiveren: vraag het aan een andere beheerder." in refused.text
    assert administrator.get("/admin/users").status_code == 200  # still active, still logged in


def test_a_user_changes_their_password_and_their_other_sessions_end(world: WebWorld) -> None:
    with world.gent.sessions.begin() as session:
        add_user(session, "wim", "het eerste wachtwoord", Role.SOCIAL_WORKER, actor="test")
    here, elsewhere = (
        logged_in(world.pages, ("wim", "het eerste wachtwoord")),
        logged_in(world.pages, ("wim", "het eerste wachtwoord")),
    )
    wrong = {"old_password": "niet het wachtwoord", "password": "kort", "password_again": "anders"}
    refused = post(here, "/account/password", wrong)
    assert refused.status_code == 400
    for message in ("Dit is niet uw huidige wachtwoord.", "Het wachtwoord heeft 4 tekens", "De twee wachtwoorden"):
        assert message in refused.text
    new = {"old_password": "het eerste wachtwoord", "password": "het tweede wachtwoord", "password_again": ""}
    new["password_again"] = new["password"]
    changed = post(here, "/account/password", new)
    assert changed.status_code == 303
    assert "Uw wachtwoord is gewijzigd." in here.get("/account/password").text  # this session goes on
    assert elsewhere.get("/answers").status_code == 303  # the other one ended
    assert logged_in(world.pages, ("wim", "het tweede wachtwoord")).get("/answers").status_code == 200
    with world.gent.sessions() as session:
        audited = session.scalars(select(tables.AuditEntry).where(tables.AuditEntry.action == "password_changed"))
        assert [(line.actor, line.details) for line in audited] == [("wim (web)", {"username": "wim"})]


def test_the_service_describes_no_api_and_has_no_documentation_pages(world: WebWorld) -> None:
    service = TestClient(world.served())
    for path in ("/openapi.json", "/docs", "/redoc"):
        response = service.get(path)
        assert response.status_code == 404 and "Niet gevonden" in response.text, path
    assert (
        TestClient(create_app(world.gent.responder(Trust(world.pages.membership.trust_path))))
        .get("/openapi.json")
        .status_code
        == 404
    )


def test_the_service_ocmw_serve_makes_answers_esv_and_serves_the_pages(world: WebWorld) -> None:
    service = TestClient(world.served(), follow_redirects=False)
    health = service.get("/health").json()
    assert (health["status"], health["ocmw"], health["kbo"], health["database"]) == (
        "ok", "OCMW Gent", "0212345668", {"status": "ok"}
    )  # fmt: skip
    login = service.get("/login")
    assert "csrf_token" in login.text and login.headers["x-frame-options"] == "SAMEORIGIN"
    token = csrf_of(login)
    signed_in = service.post(
        "/login", data={"username": "an.peeters", "password": SOCIAL_WORKER[1], "csrf_token": token}
    )
    assert signed_in.status_code == 303
    assert "92.02.14-162.06" in service.get("/answers").text


def test_the_insz_is_checked_by_the_browser_with_the_servers_own_expression(worker: TestClient) -> None:
    form = worker.get("/requests/new").text
    assert "novalidate" not in form
    assert f'pattern="{WRITTEN_SSIN.pattern}"' in form
    assert f'pattern="{WRITTEN_SSIN.pattern}"' in worker.get("/answers").text  # the filter too
    for written in ("92.02.14-162.06", "92.02.14-162.06", "92021416206", " 92-02-14 162-06 "):
        assert WRITTEN_SSIN.fullmatch(written), written
    for wrong in ("9202141620", "92.02.14-162.067", "92021416206a", "92..02..14..162..06..", "٩٢٠٢١٤١٦٢٠٦"):
        assert not WRITTEN_SSIN.fullmatch(wrong), wrong


def test_why_a_request_got_no_answer_is_said_in_the_users_language(world: WebWorld, worker: TestClient) -> None:
    form = {**REQUEST_FORM, "ocmw": world.unreachable.ocmw.kbo}
    assert post(worker, "/requests/new", form).status_code == 303
    flashed = worker.get("/answers").text
    assert "Niet ontvangen. Het andere OCMW is niet bereikbaar; controleer het adres of verstuur later opnieuw." in (
        flashed
    )
    assert "cannot be reached" not in flashed
    post(worker, "/language", {"lang": "fr", "back": "/answers"})
    listed = post(worker, "/answers", {"status": "not_received"}).text
    assert "l&#39;autre CPAS est injoignable" in listed and "cannot be reached" not in listed
    post(worker, "/language", {"lang": "nl", "back": "/answers"})
    with world.gent.sessions.begin() as session:
        for row in session.scalars(select(tables.SentRequest).where(tables.SentRequest.status == "not_received")):
            row.archived = True  # out of the lists the other tests count


def test_a_request_already_answered_is_not_sent_again(world: WebWorld, worker: TestClient) -> None:
    response = post(worker, "/answers/1/retry", {})
    assert response.status_code == 303
    assert "Aanvraag 1 is al beantwoord; ze werd niet opnieuw verstuurd." in worker.get("/answers").text


def test_a_form_starlette_cannot_read_is_a_page_in_the_users_language(world: WebWorld, worker: TestClient) -> None:
    token = csrf_of(worker.get("/statistics"))
    too_long = {"ocmw_name": "x" * (1024 * 1024 + 1), "csrf_token": token}
    refused = worker.post("/statistics", data=too_long, files={"versions": ("v.csv", b"a", "text/csv")})
    assert refused.status_code == 400 and "Het formulier kon niet gelezen worden" in refused.text
    assert "maximum size" not in refused.text
    many = browser(world.pages)
    fields = {f"field{number}": "x" for number in range(60)}
    assert "Formulier niet leesbaar" in many.post("/login", data=fields, files={"f": ("f", b"")}).text


def test_only_the_statuses_whose_answer_can_be_read_have_consult_esv(world: WebWorld, worker: TestClient) -> None:
    readable = {RequestStatus.RECEIVED, RequestStatus.UNKNOWN_PERSON, RequestStatus.ERROR}
    assert {status for status in RequestStatus if status.can_be_read} == readable
    with world.gent.sessions.begin() as session:
        row = session.get(tables.SentRequest, 3)
        assert row is not None
        row.status = RequestStatus.REFUSED.value
    try:
        assert worker.get("/answers/3/report").status_code == 404
        assert 'href="/answers/3/report"' not in post(worker, "/answers", {"page": "1"}).text
    finally:
        with world.gent.sessions.begin() as session:
            row = session.get(tables.SentRequest, 3)
            assert row is not None
            row.status = RequestStatus.RECEIVED.value


def test_yes_and_no_are_the_words_of_the_report(worker: TestClient) -> None:
    assert (Wording("nl").yes_no(True), Wording("nl").yes_no(False)) == ("ja", "neen")
    form = worker.get("/requests/new").text
    assert '<label for="consent-yes">ja</label>' in form and '<label for="consent-no">neen</label>' in form


def test_a_mistake_in_the_code_is_a_server_error_not_a_missing_page(
    world: WebWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = TestClient(create_pages(world.pages), follow_redirects=False, raise_server_exceptions=False)
    log_in(client, SOCIAL_WORKER)

    def broken(*_: object, **__: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(listing, "answers", broken)
    assert client.get("/answers").status_code == 500
