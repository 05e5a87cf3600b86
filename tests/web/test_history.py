"""The page of a person's consultation history (``/admin/history``): for administrators only, the INSZ
and the days in a form (never in an address), every problem said beside its field, the table in the
page's language, the CSV and the letter (in the language chosen for it) to download; each reading in
the audit log."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlalchemy import select

from storage import tables
from tests.web.web_world import ADMINISTRATOR, SOCIAL_WORKER, SOFIE, WebWorld, logged_in, post, web_world

ASKED = {"ssin": "92.02.14-162.06", "begin": "", "end": "", "letter_lang": "fr"}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebWorld]:
    with web_world(tmp_path_factory.mktemp("history")) as made:
        worker = logged_in(made.pages, SOCIAL_WORKER)
        asked = {"ssin": "92.02.14-162.06", "begin": "01/01/2025", "end": "31/10/2026", "consent": "no",
                 "consent_from": "", "consent_to": "", "ocmw": made.liege.ocmw.kbo}  # fmt: skip
        assert post(worker, "/requests/new", asked).status_code == 303
        assert worker.get("/answers/1/report").status_code == 200
        yield made


@pytest.fixture
def administrator(world: WebWorld) -> TestClient:
    return logged_in(world.pages, ADMINISTRATOR)


def listed(world: WebWorld) -> list[tuple[str | None, dict[str, object]]]:
    with world.gent.sessions() as session:
        lines = session.scalars(select(tables.AuditEntry).where(tables.AuditEntry.action == "consultations_listed"))
        return [(line.ssin, line.details) for line in lines]


def test_only_administrators_see_the_history(world: WebWorld) -> None:
    worker = logged_in(world.pages, SOCIAL_WORKER)
    assert worker.get("/admin/history").status_code == 403
    assert post(worker, "/admin/history", ASKED).status_code == 403
    assert SOFIE not in str(listed(world))


def test_the_history_is_shown_in_the_pages_language(world: WebWorld, administrator: TestClient) -> None:
    form = administrator.get("/admin/history")
    assert form.status_code == 200 and 'formaction="/admin/history/letter"' in form.text
    shown = post(administrator, "/admin/history", ASKED)
    assert shown.status_code == 200
    assert "3 raadplegingen van de gegevens van 92.02.14-162.06" in shown.text
    for said in ("Gegevens gevraagd aan een ander OCMW", "zonder akkoord voor het GPMI", "Antwoord ontvangen",
                 "Ontvangen verslag ingekeken", "an.peeters (web)", "CPAS de Liège (0207.654.333)"):  # fmt: skip
        assert said in shown.text, said
    assert (SOFIE, {"period": [None, None], "shown_as": "page"}) in listed(world)


def test_every_problem_of_the_form_is_said_beside_its_field(administrator: TestClient) -> None:
    refused = post(administrator, "/admin/history", {**ASKED, "ssin": "92.02.14-162.07", "begin": "31/02/2026"})
    assert refused.status_code == 400
    assert "92.02.14-162.07 is geen geldig INSZ" in refused.text
    assert "31/02/2026 bestaat niet: februari 2026 telt 28 dagen" in refused.text
    reversed_days = post(administrator, "/admin/history", {**ASKED, "begin": "02/01/2026", "end": "01/01/2026"})
    assert reversed_days.status_code == 400 and 'id="end-error"' in reversed_days.text


def test_the_letter_is_a_pdf_in_the_language_chosen_for_it(world: WebWorld, administrator: TestClient) -> None:
    letter = post(administrator, "/admin/history/letter", {**ASKED, "begin": "01/01/2025"})
    assert letter.status_code == 200
    assert letter.headers["content-type"] == "application/pdf"
    assert letter.headers["content-disposition"] == f'attachment; filename="consultations-{SOFIE}.pdf"'
    [page] = PdfReader(io.BytesIO(letter.content)).pages
    text = " ".join(page.extract_text().split())
    assert "Relevé des consultations de vos données" in text and "Période : à partir du 01/01/2025" in text
    assert "an.peeters" not in text
    assert (SOFIE, {"period": ["2025-01-01", None], "shown_as": "pdf"}) in listed(world)


def test_the_csv_is_headed_in_the_pages_language(administrator: TestClient) -> None:
    csv = post(administrator, "/admin/history/csv", ASKED)
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    lines = csv.text.splitlines()
    assert lines[0] == "Wanneer,Wat,OCMW,Door,Details" and len(lines) == 4
