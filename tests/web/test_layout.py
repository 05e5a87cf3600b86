"""Every page fits its screen, on a desktop (1280 px) and on a phone (375 px): nothing is wider than
the window, long text wraps and the lists fold their secondary columns; the statistics' headings and
labels keep their words whole. The pages are filled as they are at their widest: an answer with its
contract, a request whose OCMW is named by its address and whose history holds a failure, a request
answered, statistics computed, a trust folder with an address. A screenshot of every page at both
widths is kept (``tests/web/conftest.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from esv import model
from storage import tables
from tests.conftest import ROOT
from tests.exchange_world import LiveService, Trust, request
from tests.web.conftest import CHROMIUM, log_in, needs_chromium, screenshot
from tests.web.web_world import ADMINISTRATOR, SOFIE, WebWorld, web_world

pytestmark = needs_chromium

if CHROMIUM.exists():
    from playwright.sync_api import Browser, Page

WIDTHS = (1280, 375)
PERIOD = model.Period(begin=dt.date(2025, 1, 1), end=dt.date(2026, 10, 31))
CONSENT = model.Consent(
    from_date=dt.date.today(), to_date=dt.date.today() + dt.timedelta(days=365), granted=True, recorded_at=None
)
PAGES = {
    "answers": "/answers",
    "requests": "/requests",
    "new-request": "/requests/new",
    "report": "/answers/1/report",
    "users": "/admin/users",
    "trust": "/admin/trust",
    "password": "/account/password",
}


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Gent's pages, with an answer of Liège and its contract (request 1), a request nobody answered
    whose OCMW is named by its address, as before the names were kept (request 2), and a request of
    Liège that Gent answered."""
    with web_world(tmp_path_factory.mktemp("layout")) as world, LiveService(world.served(), world.gent.port):
        _ask(world)
        yield f"http://127.0.0.1:{world.gent.port}"


def _ask(world: WebWorld) -> None:
    gent = world.gent.requester(Trust(world.pages.membership.trust_path))
    request(gent, world.liege, ssin=SOFIE, period=PERIOD, consent=CONSENT, actor="test")
    unanswered = request(gent, world.unreachable, ssin=SOFIE, period=PERIOD, consent=CONSENT, actor="test")
    with world.gent.sessions.begin() as session:
        row = session.get(tables.SentRequest, unanswered.id)
        assert row is not None and row.last_failure == "unreachable"
        row.responder_name = row.responder_name_fr = None
    liege = world.liege.requester(Trust(world.folder / "trust-liege"))
    request(liege, world.gent, ssin=SOFIE, period=PERIOD, consent=None, actor="test")


def _overflow(page: Page) -> str:
    """How much wider than the window the page is, and the innermost elements that reach beyond it;
    empty when it fits."""
    found: str = page.evaluate(
        """() => {
            const width = window.innerWidth, page = document.documentElement.scrollWidth;
            if (page <= width) return "";
            const beyond = element => element.getBoundingClientRect().right > width;
            const widest = [...document.querySelectorAll("body *")]
                .filter(element => beyond(element) && ![...element.children].some(beyond))
                .map(element => `${element.tagName.toLowerCase()}.${element.className}`
                    + ` (${Math.round(element.getBoundingClientRect().right)})`);
            return `${page} px wide in ${width}: ${widest.slice(0, 6).join(", ")}`;
        }"""
    )
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_fits_the_width_of_its_screen(browser: Browser, filled: str, width: int) -> None:
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    too_wide: dict[str, str] = {}
    page.goto(f"{filled}/login")
    screenshot(page, f"layout-{width}-login")
    too_wide["login"] = _overflow(page)
    log_in(page, filled, ADMINISTRATOR)
    for name, path in PAGES.items():
        page.goto(f"{filled}{path}")
        screenshot(page, f"layout-{width}-{name}")
        too_wide[name] = _overflow(page)
    page.goto(f"{filled}/statistics")
    page.get_by_label("Versies van de overeenkomsten").set_input_files(str(ROOT / "fixtures/gpmi/versions.csv"))
    page.get_by_label("Evaluaties").set_input_files(str(ROOT / "fixtures/gpmi/evaluations.csv"))
    page.get_by_label("Jaar").fill("2024")
    page.get_by_role("button", name="Statistieken berekenen").click()
    page.get_by_role("table", name="Begunstigden", exact=True).wait_for()
    screenshot(page, f"layout-{width}-statistics")
    too_wide["statistics"] = _overflow(page)
    headings_cut = _words_cut(page, ".figures th")
    context.close()
    overflowing = [f"{name}: {said}" for name, said in too_wide.items() if said]
    assert not overflowing, "\n".join(overflowing)
    assert headings_cut == [], "the statistics' headings and labels break inside these words"


def _words_cut(page: Page, selector: str) -> list[str]:
    """The words of the elements at ``selector`` that the page breaks over two lines."""
    cut: list[str] = page.evaluate(
        """selector => [...document.querySelectorAll(selector)].flatMap(element => {
            const words = [];
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            for (let text = walker.nextNode(); text; text = walker.nextNode()) {
                for (const word of text.data.matchAll(/\\S+/g)) {
                    const range = document.createRange();
                    range.setStart(text, word.index);
                    range.setEnd(text, word.index + word[0].length);
                    const lines = new Set([...range.getClientRects()].map(box => Math.round(box.top)));
                    if (lines.size > 1) words.push(word[0]);
                }
            }
            return words;
        })""",
        selector,
    )
    return cut
