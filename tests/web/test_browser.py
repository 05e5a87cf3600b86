"""The pages in a real browser: headless Chromium (Debian's package), driven by Playwright, on
the service of the OCMW Gent as ``ocmw serve`` makes it (``service.app.from_environment``),
served over loopback, asking the CPAS de Liège on another port.

A screenshot of every page is kept (``tests/web/conftest.py``)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import ROOT
from tests.exchange_world import LiveService
from tests.web.conftest import CHROMIUM, log_in, needs_chromium, screenshot
from tests.web.web_world import SOCIAL_WORKER, WebWorld, web_world

pytestmark = needs_chromium

if CHROMIUM.exists():
    from playwright.sync_api import Page, expect

GREEN, BLUE, RED = "rgb(29, 107, 47)", "rgb(11, 79, 138)", "rgb(164, 0, 15)"


@pytest.fixture(scope="module")
def gent(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[WebWorld, str]]:
    with web_world(tmp_path_factory.mktemp("browser")) as world, LiveService(world.served()) as service:
        yield world, f"http://127.0.0.1:{service.port}"


def test_a_page_asked_for_without_login_leads_to_the_login(page: Page, gent: tuple[WebWorld, str]) -> None:
    page.goto(f"{gent[1]}/answers")
    expect(page).to_have_url(f"{gent[1]}/login")
    expect(page.get_by_role("status")).to_have_text("i Ter info: Meld u aan om deze pagina te zien.")
    expect(page.get_by_role("status")).to_have_css("border-left-color", BLUE)
    screenshot(page, "01-login-required")


def test_a_wrong_login_is_refused(page: Page, gent: tuple[WebWorld, str]) -> None:
    log_in(page, gent[1], (SOCIAL_WORKER[0], "not the password at all"))
    expect(page.get_by_role("alert")).to_contain_text("Gebruikersnaam of wachtwoord onjuist")
    screenshot(page, "02-wrong-login")


def test_a_social_worker_asks_liege_reads_the_report_and_its_contract(page: Page, gent: tuple[WebWorld, str]) -> None:
    address = gent[1]
    log_in(page, address)
    expect(page.get_by_role("heading", level=1)).to_have_text("Antwoorden ESV")
    page.get_by_role("link", name="Nieuwe aanvraag ESV").first.click()
    page.get_by_label("Gevraagd OCMW").select_option(label="CPAS de Liège")
    page.get_by_label("INSZ").fill("92.02.14-162.06")
    page.get_by_label("Begindatum").fill("01/01/2025")
    page.get_by_label("Einddatum").fill("31/10/2026")
    page.get_by_label("Van", exact=True).fill("01/01/2026")
    page.get_by_label("Tot", exact=True).fill("31/12/2035")
    page.get_by_label("ja").check()
    screenshot(page, "03-new-request")
    page.get_by_role("button", name="Aanvraag versturen").click()

    expect(page.get_by_role("status")).to_have_text("✓ Gelukt: Aanvraag 1 aan CPAS de Liège: Ontvangen.")
    expect(page.get_by_role("status")).to_have_css("border-left-color", GREEN)
    row = page.get_by_role("row").filter(has_text="92.02.14-162.06")
    expect(row).to_contain_text("Ontvangen")
    screenshot(page, "04-answers")

    page.get_by_label("Status").select_option(label="Ontvangen")
    page.get_by_role("button", name="Filteren").click()
    row.get_by_role("link", name="Consult ESV").click()
    expect(page.get_by_text("geldig, ondertekend door CPAS de Liège")).to_be_visible()
    contract = page.get_by_role("link", name="GPMI-overeenkomst C-2025-0147")
    for first in (
        page.get_by_role("heading", name="DE SMET Sofie"),
        page.get_by_text("van 01/01/2025 tot 31/10/2026"),
        page.get_by_text("Verslag verzonden"),
        contract,
    ):
        expect(first).to_be_in_viewport()  # the first screen: the person, the period, the status, the contract
    screenshot(page, "05-report")
    frame = page.locator("iframe.contract")
    expect(frame).to_have_attribute("src", "/answers/1/contracts/1")
    pdf = page.request.get(f"{address}/answers/1/contracts/1")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF-")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF downloaden").click()
    assert download.value.suggested_filename == "gpmi-C-2025-0147-v2.pdf"
    page.evaluate("window.scrollTo(0, 0)")
    expect(frame).not_to_be_in_viewport()
    contract.click()
    expect(frame).to_be_in_viewport()
    page.get_by_role("button", name="Terug naar de antwoorden").first.click()
    expect(page.get_by_label("Status")).to_have_value("received")  # the list as it was left, filtered
    row.get_by_role("link", name="Consult ESV").click()

    page.get_by_role("button", name="Français").focus()  # by keyboard, as a person without a mouse does
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Consulter RSE")
    expect(page.get_by_text("valide, signée par CPAS de Liège")).to_be_visible()
    screenshot(page, "06-report-fr")
    page.get_by_role("link", name="Réponses RSE").click()
    expect(page.get_by_role("columnheader", name="CPAS émetteur")).to_be_visible()
    page.get_by_role("button", name="Nederlands").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Antwoorden ESV")


def test_the_other_pages_and_the_statistics(page: Page, gent: tuple[WebWorld, str]) -> None:
    log_in(page, gent[1])
    page.get_by_role("link", name="Aanvragen ESV").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanvragen ESV")
    screenshot(page, "07-requests")
    page.get_by_role("link", name="Statistieken GPMI").click()
    page.get_by_label("Versies van de overeenkomsten").set_input_files(str(ROOT / "fixtures/gpmi/versions.csv"))
    page.get_by_label("Evaluaties").set_input_files(str(ROOT / "fixtures/gpmi/evaluations.csv"))
    page.get_by_label("Jaar").fill("20x4")
    page.get_by_role("button", name="Statistieken berekenen").click()
    expect(page.get_by_text("Kies de bestanden opnieuw")).to_be_in_viewport()  # the browser forgot them
    page.get_by_label("Versies van de overeenkomsten").set_input_files(str(ROOT / "fixtures/gpmi/versions.csv"))
    page.get_by_label("Evaluaties").set_input_files(str(ROOT / "fixtures/gpmi/evaluations.csv"))
    page.get_by_label("Jaar").fill("2024")
    page.get_by_role("button", name="Statistieken berekenen").click()
    expect(page.get_by_role("heading", name="Statistieken GPMI 01/01/2024 - 31/12/2024")).to_be_in_viewport()
    expect(page.get_by_role("link", name="Werkmap downloaden (XLSX)")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Statistieken berekenen")).to_be_hidden()  # folded under the results
    expect(page.get_by_role("table", name="Begunstigden", exact=True)).to_contain_text("Aantal begunstigden")
    with page.expect_download() as download:
        page.get_by_role("link", name="Werkmap downloaden (XLSX)").click()
    assert download.value.suggested_filename == "gpmi-20240101-20241231.xlsx"
    screenshot(page, "08-statistics")


def test_the_responder_still_answers_beside_the_pages(gent: tuple[WebWorld, str]) -> None:
    health = httpx.get(f"{gent[1]}/health")
    assert health.json()["ocmw"] == "OCMW Gent"


def test_the_insz_is_checked_as_typed_in_every_form_the_server_reads(page: Page, gent: tuple[WebWorld, str]) -> None:
    address = gent[1]
    log_in(page, address)
    page.goto(f"{address}/requests/new")
    insz = page.get_by_label("INSZ")
    for written in ("92.02.14-162.06", "92.02.14-162.06", "92021416206", "92/02/14-162/06"):
        insz.fill(written)
        assert insz.evaluate("field => field.validity.valid"), written
    page.get_by_label("Gevraagd OCMW").select_option(label="CPAS de Liège")
    insz.fill("92.02.14-162.0")
    page.get_by_label("Begindatum").focus()  # the user leaves the field: the browser marks it
    assert not insz.evaluate("field => field.validity.valid")
    expect(insz).to_have_css("border-top-color", "rgb(164, 0, 15)")
    screenshot(page, "09-insz-checked-as-typed")
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page).to_have_url(f"{address}/requests/new")  # not sent: the browser named the field


def test_a_request_nobody_answered_is_a_failure_not_a_success(page: Page, gent: tuple[WebWorld, str]) -> None:
    address = gent[1]
    log_in(page, address)
    page.goto(f"{address}/requests/new")
    page.get_by_label("Gevraagd OCMW").select_option(label="OCMW Antwerpen")
    page.get_by_label("INSZ").fill("92.02.14-162.06")
    page.get_by_label("Begindatum").fill("01/01/2025")
    page.get_by_label("Einddatum").fill("31/10/2026")
    page.get_by_label("neen").check()
    page.get_by_role("button", name="Aanvraag versturen").click()
    failed = page.get_by_role("alert")
    expect(failed).to_contain_text("✗ Mislukt: Aanvraag 2 aan OCMW Antwerpen: Niet ontvangen.")
    expect(failed).to_have_css("border-left-color", RED)
    expect(page.get_by_role("status")).to_have_count(0)
    screenshot(page, "10-request-failed")
