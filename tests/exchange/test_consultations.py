"""A person's consultation history (``storage.history``, ``exchange.consultations``, ``exchange.letter``):
what the requester and the responder wrote to the audit log, said in Dutch and French: the requests sent
about the person and their answers, the answers sent (decisions, the GPMI contract or why not, the
consent), the refusals, the repeats and the views; only the person's, only consultations, only the days
asked in Belgian time; the letter a real PDF that names no employee, its table over as many pages as it
takes."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from esv import model
from esv.disclosure import BELGIAN_TIME
from esv.document import build_tree, serialize
from esv.signing import sign
from exchange import consultations, listing
from exchange.letter import letter_pdf
from ground.lang import Lang
from storage import audit, consents, retention, tables
from tests.exchange_world import Ocmw, Trust, make_ocmw, request, serve, trust_of

SOFIE, PIOTR = "92021416206", "01431205533"
TODAY = dt.datetime.now(BELGIAN_TIME).date()
PERIOD = model.Period(begin=dt.date(2025, 1, 1), end=dt.date(2026, 10, 31))
CONSENT = model.Consent(from_date=TODAY - dt.timedelta(days=30), to_date=TODAY + dt.timedelta(days=365), granted=True)


@dataclass
class World:
    gent: Ocmw
    liege: Ocmw
    trust_gent: Trust
    trust_liege: Trust

    def ask(self, *consents: model.Consent | None) -> None:
        """Gent asks Liège for Sofie's report, once with each consent (as the user ``an``)."""
        requester = self.gent.requester(self.trust_gent)
        with serve(self.liege, self.trust_liege):
            for consent in consents:
                request(requester, self.liege, ssin=SOFIE, period=PERIOD, consent=consent, actor="an (web)")


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    gent = make_ocmw(f"sqlite:///{tmp_path / 'gent.db'}", "0212345668", "OCMW Gent")
    liege = make_ocmw(f"sqlite:///{tmp_path / 'liege.db'}", "0207654333", "CPAS de Liège", records="liege")
    yield World(gent, liege, trust_of(liege, folder=tmp_path / "trust-gent"), trust_of(gent, folder=tmp_path / "t"))
    for ocmw in (gent, liege):
        ocmw.engine.dispose()


def history(
    ocmw: Ocmw, ssin: str = SOFIE, begin: dt.date | None = None, end: dt.date | None = None
) -> consultations.History:
    with ocmw.sessions.begin() as session:
        return consultations.history(session, ssin, begin, end, actor="dpo (ocmw command)", shown_as="table")


def said(
    ocmw: Ocmw, lang: Lang = "nl", ssin: str = SOFIE, begin: dt.date | None = None, end: dt.date | None = None
) -> list[tuple[str, str, str, tuple[str, ...]]]:
    found = history(ocmw, ssin, begin, end).consultations
    return [(row.what, row.ocmw, row.by, row.details) for row in consultations.rows(found, lang)]


def reversed_request(world: World, request_id: str) -> bytes:
    """A request of Gent, signed, whose period ends before it begins: refused with invalid_period."""
    asked = model.EsvRequest(
        request_id=request_id, created_at=dt.datetime.now(dt.UTC), requester=world.gent.ocmw, ssin=SOFIE,
        period=PERIOD, gpmi_consent=None,
    )  # fmt: skip
    root = build_tree(asked).getroot()
    root.find(f"{{{model.NAMESPACE}}}Period/{{{model.NAMESPACE}}}End").text = "2024-12-31"  # type: ignore[union-attr]
    return serialize(sign(root, world.gent.identity.signing).getroottree(), pretty=False)


def test_the_answers_sent_say_what_was_disclosed_under_which_consent_and_what_was_refused(world: World) -> None:
    world.ask(CONSENT, None)
    responder = world.liege.responder(world.trust_liege)
    refused = reversed_request(world, "GENT-REVERSED-1")
    responder.answer(refused)
    responder.answer(refused)
    with world.liege.sessions.begin() as session:
        listing.sent_answer(session, 1, actor="beheerder (web)")
    gent = ("OCMW Gent (0212.345.668)", "automatisch")
    period = "periode van 01/01/2025 tot en met 31/10/2026"
    decisions = ("dossier LG-2019-03310: beslissingen 1", "dossier LG-2025-00147: beslissingen 1, 2, 3")
    consent = f"akkoord van de burger van {CONSENT.from_date:%d/%m/%Y} tot {CONSENT.to_date:%d/%m/%Y}"
    assert said(world.liege) == [
        ("Gegevens meegedeeld", *gent, (period, *decisions, "GPMI-overeenkomst C-2025-0147 versie 2 meegedeeld",
                                        consent)),
        ("Gegevens meegedeeld", *gent, (period, *decisions, "GPMI niet meegedeeld: geen akkoord van de burger",
                                        "geen akkoord van de burger meegestuurd")),
        ("Aanvraag geweigerd: niets meegedeeld", *gent, ("periode van 01/01/2025 tot en met 31/12/2024",
                                                         "Ongeldige periode")),
        ("Opnieuw gevraagd: hetzelfde antwoord opnieuw meegedeeld", *gent, ("2 keer gevraagd",)),
        ("Verzonden antwoord ingekeken", "OCMW Gent (0212.345.668)", "beheerder (web)", ()),
    ]  # fmt: skip
    assert said(world.liege, "fr")[2] == (
        "Demande refusée : rien communiqué", "OCMW Gent (0212.345.668)", "automatiquement",
        ("période du 01/01/2025 au 31/12/2024", "Période invalide"),
    )  # fmt: skip


def test_the_requests_sent_say_to_whom_with_which_consent_what_came_back_and_who_read_it(world: World) -> None:
    world.ask(CONSENT)
    with world.gent.sessions.begin() as session:
        listing.received_answer(session, 1, actor="an (web)")
        listing.received_answer(session, 1, actor="an (web)", action="contract_viewed")
    liege = ("CPAS de Liège (0207.654.333)", "an (web)")
    assert said(world.gent) == [
        ("Gegevens gevraagd aan een ander OCMW", *liege, ("periode van 01/01/2025 tot en met 31/10/2026",
                                                           "met akkoord voor het GPMI")),
        ("Antwoord ontvangen", *liege, ("Ontvangen",)),
        ("Ontvangen verslag ingekeken", *liege, ()),
        ("Ontvangen GPMI-overeenkomst ingekeken", *liege, ()),
    ]  # fmt: skip


def test_an_unanswered_request_and_a_lookup_in_the_directory(world: World) -> None:
    requester = world.gent.requester(world.trust_gent, timeout=1.0)
    request(requester, world.liege, ssin=SOFIE, period=PERIOD, consent=None, actor="an (web)")  # nobody answers
    with world.gent.sessions.begin() as session:  # as exchange.network writes a lookup
        audit.log(session, actor="an (web)", action="directory_lookup", ssin=SOFIE, lookup_id="L-1",
                  period=["2025-01-01", "2026-10-31"], holders=["0207654333", "0207112222"])  # fmt: skip
    assert [(what, ocmw, details[-1:]) for what, ocmw, _, details in said(world.gent)] == [
        ("Gegevens gevraagd aan een ander OCMW", "CPAS de Liège (0207.654.333)", ("periode van 01/01/2025 tot en met "
                                                                                  "31/10/2026",)),
        ("Geen antwoord ontvangen", "CPAS de Liège (0207.654.333)", ()),
        ("Gezocht in het verwijzingsrepertorium", "verwijzingsrepertorium", ("2 OCMW's hebben gegevens",)),
    ]  # fmt: skip


def test_after_a_purge_every_line_still_names_the_other_ocmw_as_it_was_named_then(world: World) -> None:
    world.ask(CONSENT)
    with world.gent.sessions.begin() as session:
        listing.received_answer(session, 1, actor="an (web)")
    for ocmw in (world.gent, world.liege):
        with ocmw.sessions() as session:
            done = retention.purge(session, TODAY + dt.timedelta(days=1), actor="dpo (ocmw command)")
        assert len(done.reports + done.answers) == 1  # the request and its report or answer are gone
    assert [ocmw for _, ocmw, _, _ in said(world.liege)] == ["OCMW Gent (0212.345.668)"]
    assert [ocmw for _, ocmw, _, _ in said(world.liege, "fr")] == ["OCMW Gent (0212.345.668)"]
    assert [ocmw for _, ocmw, _, _ in said(world.gent)] == ["CPAS de Liège (0207.654.333)"] * 3


def test_only_the_persons_consultations_are_listed_and_the_listing_is_audited(world: World) -> None:
    with world.gent.sessions.begin() as session:
        consents.record_consent(session, ssin=SOFIE, from_date=TODAY, to_date=TODAY, granted=True, actor="an (web)")
        audit.log(session, actor="an (web)", action="report_viewed", ssin=PIOTR, request_id="R-PIOTR")
        audit.log(session, actor="an (web)", action="report_viewed", ssin=SOFIE, request_id="R-GONE")
    assert said(world.gent) == [("Ontvangen verslag ingekeken", "", "an (web)", ())]
    assert [row[0] for row in said(world.gent, ssin=PIOTR)] == ["Ontvangen verslag ingekeken"]
    with world.gent.sessions() as session:
        listed = session.scalars(
            select(tables.AuditEntry)
            .where(tables.AuditEntry.action == "consultations_listed")
            .order_by(tables.AuditEntry.id)
        ).all()
    assert [(line.ssin, line.actor, line.details) for line in listed] == [
        (SOFIE, "dpo (ocmw command)", {"period": [None, None], "shown_as": "table"}),
        (PIOTR, "dpo (ocmw command)", {"period": [None, None], "shown_as": "table"}),
    ]


@pytest.mark.parametrize(
    ("at", "begin", "end", "listed"),
    [
        (dt.datetime(2026, 3, 31, 21, 59, tzinfo=dt.UTC), None, dt.date(2026, 3, 31), True),  # 23:59 in Brussels
        (dt.datetime(2026, 3, 31, 22, 0, tzinfo=dt.UTC), None, dt.date(2026, 3, 31), False),  # 1 April, 00:00
        (dt.datetime(2026, 3, 31, 22, 0, tzinfo=dt.UTC), dt.date(2026, 4, 1), None, True),
        (dt.datetime(2026, 3, 31, 21, 59, tzinfo=dt.UTC), dt.date(2026, 4, 1), None, False),
        (dt.datetime(2026, 1, 1, 0, 0, tzinfo=dt.UTC), dt.date(2026, 1, 1), dt.date(2026, 1, 1), True),  # 01:00 CET
    ],
)
def test_the_days_asked_are_belgian_days_both_included(
    world: World, monkeypatch: pytest.MonkeyPatch, at: dt.datetime, begin: dt.date | None, end: dt.date | None,
    listed: bool,
) -> None:  # fmt: skip
    monkeypatch.setattr(audit, "now", lambda: at)
    with world.gent.sessions.begin() as session:
        audit.log(session, actor="an (web)", action="report_viewed", ssin=SOFIE, request_id="R-1")
    monkeypatch.undo()
    assert len(said(world.gent, begin=begin, end=end)) == (1 if listed else 0)


def pdf_text(content: bytes) -> list[str]:
    """The text of each page, its lines joined by spaces (a cell's text wraps where its column ends)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


def test_the_letter_is_a_pdf_in_the_persons_language_that_names_no_employee(world: World) -> None:
    world.ask(CONSENT)
    with world.liege.sessions.begin() as session:
        listing.sent_answer(session, 1, actor="beheerder (web)")
    found = history(world.liege, begin=dt.date(2026, 1, 1))
    [nl] = pdf_text(letter_pdf(found, "nl", dt.date(2026, 12, 7)))
    [fr] = pdf_text(letter_pdf(found, "fr", dt.date(2026, 12, 7)))
    assert nl.startswith("CPAS de Liège, 07/12/2026 Overzicht van de raadplegingen van uw gegevens ")
    assert "Betreft: Sofie DE SMET, INSZ 92.02.14-162.06" in nl and "Periode: vanaf 01/01/2026" in nl
    assert "GPMI-overeenkomst C-2025-0147 versie 2 meegedeeld" in nl and "pagina 1 van 1" in nl
    assert "Relevé des consultations de vos données" in fr and "Concerne : Sofie DE SMET, NISS 92.02.14-162.06" in fr
    assert "contrat PIIS C-2025-0147 version 2 communiqué" in fr and "page 1 sur 1" in fr
    for text in (nl, fr):
        assert "beheerder" not in text and "automatisch" not in text


def test_a_long_history_goes_on_over_pages_each_with_the_tables_heading(world: World) -> None:
    with world.gent.sessions.begin() as session:
        for number in range(70):
            audit.log(session, actor="an (web)", action="report_viewed", ssin=SOFIE, request_id=f"R-{number}")
    found = history(world.gent, end=TODAY)
    pages = pdf_text(letter_pdf(found, "nl", TODAY))
    assert len(pages) > 1
    assert all("Wanneer" in page and f"van {len(pages)}" in page for page in pages)
    assert sum(page.count("Ontvangen verslag ingekeken") for page in pages) == 70
    assert "Geen" not in pages[0]


def test_a_letter_without_consultations_says_so(world: World) -> None:
    found = history(world.gent, begin=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31))
    [text] = pdf_text(letter_pdf(found, "nl", TODAY))
    assert "Periode: van 01/01/2026 tot en met 31/01/2026" in text
    assert "In deze periode werden geen gegevens over u opgevraagd, meegedeeld of ingekeken." in text
    assert "Wanneer" not in text
