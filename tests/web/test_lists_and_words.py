"""The lists as a social worker reads them (the person's name, the INSZ as people write it, the page
count said once, no paging or empty column where there is nothing to do), archiving asked for and
undone, a user's deactivation asked for, and the words of the forms: every problem naming its field,
each a sentence, counted in the right form, in Dutch and French."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from storage import tables
from tests.web.web_world import ADMINISTRATOR, REQUEST_FORM, SOCIAL_WORKER, WebWorld, logged_in, post, web_world
from web.accounts import add_user
from web.roles import Role


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebWorld]:
    with web_world(tmp_path_factory.mktemp("lists"), per_page=2) as made:
        yield made


@pytest.fixture
def worker(world: WebWorld) -> TestClient:
    return logged_in(world.pages, SOCIAL_WORKER)


@pytest.fixture
def administrator(world: WebWorld) -> TestClient:
    return logged_in(world.pages, ADMINISTRATOR)


def in_french(client: TestClient) -> TestClient:
    post(client, "/language", {"lang": "fr", "back": "/answers"})
    return client


def test_an_empty_list_says_so_once_without_paging_nor_table(worker: TestClient) -> None:
    empty = worker.get("/answers").text
    assert "Geen regels." in empty
    assert "<table>" not in empty and 'class="paging"' not in empty and "pagina" not in empty


def test_one_answer_names_the_person_writes_the_insz_as_people_do_and_counts_one_line(
    world: WebWorld, worker: TestClient
) -> None:
    assert post(worker, "/requests/new", {**REQUEST_FORM, "ocmw": world.liege.ocmw.kbo}).status_code == 303
    listed = worker.get("/answers").text
    assert '<th scope="col">Persoon</th>' in listed and "<td>DE SMET, Sofie</td>" in listed
    assert "92.02.14-162.06" in listed and "920214 162 06" not in listed
    assert "Antwoorden ESV: 1 regel</caption>" in listed
    assert 'class="paging"' not in listed and listed.count("1 regel") == 1
    assert "1 poging</td>" in listed
    french = in_french(worker).get("/answers").text
    assert "Réponses RSE\xa0: 1 ligne</caption>" in french
    assert "1 essai</td>" in french and '<th scope="col">Personne</th>' in french


def test_a_social_worker_has_no_empty_actions_column(world: WebWorld, worker: TestClient) -> None:
    answered = worker.get("/answers").text  # one line, received: nothing to send again, nothing to archive
    assert "Acties" not in answered and "Archiveren" not in answered
    liege_pages = world.pages.__class__(**{**world.pages.__dict__, "sessions": world.liege.sessions})
    with world.liege.sessions.begin() as session:
        add_user(session, "werker", "een lang wachtwoord voor Liège", Role.SOCIAL_WORKER, actor="test")
        add_user(session, "gerant", "un long mot de passe pour Liège", Role.ADMINISTRATOR, actor="test")
    requests = logged_in(liege_pages, ("werker", "een lang wachtwoord voor Liège")).get("/requests").text
    assert "<td>DE SMET, Sofie</td>" in requests  # the responder's own records name her
    assert "Acties" not in requests and "Archiveren" not in requests
    administered = logged_in(liege_pages, ("gerant", "un long mot de passe pour Liège")).get("/requests").text
    assert "Acties" in administered and "Archiveren" in administered


def test_two_answers_and_two_attempts_take_the_plural(world: WebWorld, worker: TestClient) -> None:
    assert post(worker, "/requests/new", {**REQUEST_FORM, "ocmw": world.unreachable.ocmw.kbo}).status_code == 303
    with world.gent.sessions() as session:
        unanswered = session.scalars(select(tables.SentRequest.id).where(tables.SentRequest.status == "not_received"))
        row_id = unanswered.one()
    assert post(worker, f"/answers/{row_id}/retry", {}).status_code == 303
    listed = worker.get("/answers").text
    assert "Antwoorden ESV: 2 regels</caption>" in listed
    assert "2 pogingen: het andere OCMW is niet bereikbaar" in listed and "Errno" not in listed
    assert "Acties" in listed and "Opnieuw versturen" in listed  # a social worker sends it again
    french = in_french(worker).get("/answers").text
    assert "2 essais\xa0: l&#39;autre CPAS est injoignable" in french
    assert "Errno" not in french and "cannot be reached" not in french


def test_archiving_asks_first_and_can_be_undone_and_both_are_audited(
    world: WebWorld, administrator: TestClient
) -> None:
    with world.gent.sessions() as session:
        row_id = session.scalars(select(tables.SentRequest.id).order_by(tables.SentRequest.id)).first()
    listed = administrator.get("/answers").text
    assert f'<a href="/answers/{row_id}/archive">Archiveren</a>' in listed  # a link to the question, no form
    asked = administrator.get(f"/answers/{row_id}/archive")
    assert asked.status_code == 200
    assert f"Regel {row_id} (CPAS de Liège, INSZ 92.02.14-162.06) uit de lijst halen?" in asked.text
    assert 'href="/answers">Annuleren</a>' in asked.text
    with world.gent.sessions() as session:
        row = session.get(tables.SentRequest, row_id)
        assert row is not None and not row.archived  # asking changed nothing
    assert post(administrator, f"/answers/{row_id}/archive", {}).status_code == 303
    flashed = administrator.get("/answers").text
    assert f"Regel {row_id} gearchiveerd. U vindt ze bij de gearchiveerde regels" in flashed
    archived = post(administrator, "/answers", {"archived": "yes"}).text
    assert f'action="/answers/{row_id}/unarchive"' in archived and "Terugzetten" in archived
    assert post(administrator, f"/answers/{row_id}/unarchive", {}).status_code == 303
    assert f"Regel {row_id} staat weer in de lijst." in administrator.get("/answers").text
    with world.gent.sessions() as session:
        row = session.get(tables.SentRequest, row_id)
        assert row is not None and not row.archived
        actions = session.scalars(
            select(tables.AuditEntry.action).where(tables.AuditEntry.action.in_(("archived", "unarchived")))
        ).all()
    assert actions == ["archived", "unarchived"]


def test_a_social_worker_can_neither_archive_nor_unarchive(worker: TestClient) -> None:
    assert worker.get("/answers/1/archive").status_code == 403
    assert post(worker, "/answers/1/unarchive", {}).status_code == 403


def test_deactivating_a_user_asks_first_and_activating_undoes_it(world: WebWorld, administrator: TestClient) -> None:
    with world.gent.sessions() as session:
        worker_id = session.scalars(select(tables.User.id).where(tables.User.username == SOCIAL_WORKER[0])).one()
    users = administrator.get("/admin/users").text
    assert f'<a href="/admin/users/{worker_id}/deactivate">Deactiveren</a>' in users
    asked = administrator.get(f"/admin/users/{worker_id}/deactivate")
    assert "an.peeters deactiveren? Deze gebruiker kan zich dan niet meer aanmelden" in asked.text
    assert 'name="active" value="no"' in asked.text and f'action="/admin/users/{worker_id}/active"' in asked.text
    assert post(administrator, f"/admin/users/{worker_id}/active", {"active": "no"}).status_code == 303
    assert post(administrator, f"/admin/users/{worker_id}/active", {"active": "yes"}).status_code == 303
    assert logged_in(world.pages, SOCIAL_WORKER).get("/answers").status_code == 200


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("nl", "Het formulier bevat 1 fout:", "Het formulier bevat 2 fouten:"),
        ("fr", "Le formulaire contient 1 erreur :", "Le formulaire contient 2 erreurs :"),
    ],
)
def test_the_problems_of_a_form_are_counted_in_the_right_form(
    worker: TestClient, lang: str, one: str, two: str
) -> None:
    post(worker, "/language", {"lang": lang, "back": "/requests/new"})
    assert one in post(worker, "/requests/new", {**REQUEST_FORM, "ssin": ""}).text
    assert two in post(worker, "/requests/new", {**REQUEST_FORM, "ssin": "", "begin": ""}).text


@pytest.mark.parametrize(
    ("lang", "ssin", "begin"),
    [
        ("nl", "INSZ: Vul dit veld in.", "Begindatum: Vul dit veld in."),
        ("fr", "NISS\xa0: Complétez ce champ.", "Date de début\xa0: Complétez ce champ."),
    ],
)
def test_every_problem_in_the_list_names_its_field_and_is_a_sentence(
    worker: TestClient, lang: str, ssin: str, begin: str
) -> None:
    post(worker, "/language", {"lang": lang, "back": "/requests/new"})
    refused = post(worker, "/requests/new", {**REQUEST_FORM, "ssin": "", "begin": ""}).text
    assert f'<a href="#ssin">{ssin}</a>' in refused and f'<a href="#begin">{begin}</a>' in refused


@pytest.mark.parametrize(
    ("lang", "password", "said"),
    [
        ("nl", "x", "Het wachtwoord heeft 1 teken: het moet er minstens 12 hebben."),
        ("nl", "xy", "Het wachtwoord heeft 2 tekens: het moet er minstens 12 hebben."),
        ("fr", "x", "Le mot de passe a 1 caractère : il en faut au moins 12."),
        ("fr", "xy", "Le mot de passe a 2 caractères : il en faut au moins 12."),
    ],
)
def test_a_short_password_is_counted_in_the_right_form(
    administrator: TestClient, lang: str, password: str, said: str
) -> None:
    post(administrator, "/language", {"lang": lang, "back": "/admin/users"})
    form = {"username": "nieuw", "role": "social_worker", "password": password, "password_again": password}
    assert said in post(administrator, "/admin/users", form).text
