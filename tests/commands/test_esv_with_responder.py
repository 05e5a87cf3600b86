"""``ocmw esv`` with the CPAS de Liège answering on a loopback port: the report received and its contract
PDF saved, the consent sent and, once revoked, the contract withheld, a request received when retried
once the responder is up, and the requests the responder answered, listed and archived."""

from __future__ import annotations

import datetime as dt
import shlex
from pathlib import Path

import pytest
from sqlalchemy import select

from esv.disclosure import BELGIAN_TIME
from storage import tables
from tests.command_world import (
    LIEGE,
    LIEGE_KBO,
    PERIOD,
    PIOTR,
    SOFIE,
    TODAY,
    audit_actions,
    headings,
    record_consent,
    request,
    run,
    sent_requests,
    table_rows,
    trusting,
)
from tests.exchange_world import Ocmw, serve

pytestmark = pytest.mark.usefixtures("empty_folder")


def belgian_day(instant: dt.datetime | None) -> str:
    assert instant is not None
    return instant.astimezone(BELGIAN_TIME).strftime("%d/%m/%Y")


def test_a_report_is_received_from_a_live_responder_and_its_contract_pdf_saved(
    gent: str, liege: Ocmw, gent_keys: dict[str, Path], tmp_path: Path
) -> None:
    start, end = f"{TODAY - dt.timedelta(days=30):%d/%m/%Y}", f"{TODAY + dt.timedelta(days=365):%Y-%m-%d}"
    with serve(liege, trusting(gent_keys, tmp_path / "trust-liege")):
        result = run(
            "esv", "request", "--db", gent, "--ssin", "92.02.14-162.06", *PERIOD,
            "--consent", "yes", "--consent-from", start, "--consent-to", end,
        )  # fmt: skip
    assert result.exit_code == 0, result.output
    [row] = sent_requests(gent)
    assert result.stdout.splitlines() == [
        f"Aanvraag 1 ({row.request_id}) aan CPAS de Liège: Ontvangen",
        f"  Lees het antwoord met: ocmw esv show 1 --db {shlex.quote(gent)}",
    ]
    assert (row.status, row.attempts, row.last_error) == ("received", 1, None)
    assert (row.responder_kbo, row.responder_name) == (LIEGE_KBO, "CPAS de Liège")
    assert row.signed_by is not None and "CPAS de Liège ESV" in row.signed_by
    assert row.response_xml is not None and row.response_xml.startswith(b"<")

    folder = tmp_path / "contracts"
    shown = run("esv", "show", "1", "--db", gent, "--save-pdf", folder)
    assert shown.exit_code == 0, shown.output
    saved = folder / "gpmi-C-2025-0147-v2.pdf"
    assert sorted(folder.iterdir()) == [saved]
    assert saved.read_bytes() == (LIEGE / "gpmi-C-2025-0147-v2.pdf").read_bytes()
    assert "geldig, ondertekend door CPAS de Liège (certificaat" in shown.stdout  # as Gent's trust folder names it
    assert "DE SMET" in shown.stdout
    assert "opgeslagen als:" in shown.stdout and str(saved) in shown.stdout
    assert audit_actions(gent)[-1] == "report_viewed"

    listed = run("esv", "answers", "--db", gent, env={"COLUMNS": "300"})
    assert table_rows(listed.stdout) == [
        ["1", "CPAS de Liège", "DE SMET, Sofie", "92.02.14-162.06", "01/01/2025", "31/10/2026", "Ontvangen",
         belgian_day(row.received_at), "1 poging"],
    ]  # fmt: skip
    again = run("esv", "retry", "1", "--db", gent)
    assert again.exit_code == 1
    assert again.stderr == "Error: request 1 is already answered (received); it is not sent again\n"


def test_the_consent_recorded_is_sent_and_once_revoked_the_contract_is_withheld(
    gent: str, liege: Ocmw, gent_keys: dict[str, Path], tmp_path: Path
) -> None:
    record_consent(gent, SOFIE)
    with serve(liege, trusting(gent_keys, tmp_path / "trust-liege")):
        assert request(gent).exit_code == 0
        assert run("consent", "revoke", "--db", gent, "--ssin", SOFIE).exit_code == 0
        assert request(gent).exit_code == 0
    assert run("esv", "show", "1", "--db", gent, "--save-pdf", tmp_path / "first").exit_code == 0
    assert run("esv", "show", "2", "--db", gent, "--save-pdf", tmp_path / "second").exit_code == 0
    assert [path.name for path in (tmp_path / "first").iterdir()] == ["gpmi-C-2025-0147-v2.pdf"]
    assert list((tmp_path / "second").glob("*")) == []  # the contract was withheld: nothing to save
    with liege.sessions() as session:
        sent = list(session.scalars(select(tables.AuditEntry).where(tables.AuditEntry.action == "answer_sent")))
    assert [entry.details["disclosed"]["LG-2025-00147"]["gpmi"].get("withheld") for entry in sent] == [
        None,
        "no_consent",
    ]


def test_a_request_not_received_is_received_when_retried_once_the_responder_is_up(
    gent: str, liege: Ocmw, gent_keys: dict[str, Path], tmp_path: Path
) -> None:
    assert request(gent).exit_code == 1
    with serve(liege, trusting(gent_keys, tmp_path / "trust-liege")):
        result = run("esv", "retry", "1", "--db", gent, "--lang", "fr")
    assert result.exit_code == 0
    [row] = sent_requests(gent)
    assert result.stdout.splitlines()[0] == f"Demande 1 ({row.request_id}) à CPAS de Liège : Reçue"
    assert (row.status, row.attempts) == ("received", 2)
    assert [step["status"] for step in row.history] == ["not_received", "received"]
    with liege.sessions() as session:
        assert session.scalars(select(tables.AnsweredRequest.request_id)).all() == [row.request_id]


def test_the_responder_lists_the_requests_it_answered_in_both_languages_and_archives_them(
    gent: str, liege: Ocmw, gent_keys: dict[str, Path], tmp_path: Path
) -> None:
    with serve(liege, trusting(gent_keys, tmp_path / "trust-liege")):
        assert request(gent).exit_code == 0
        assert run("esv", "request", "--db", gent, "--ssin", PIOTR, *PERIOD).exit_code == 0
    with liege.sessions() as session:
        received = {row.id: belgian_day(row.received_at) for row in session.scalars(select(tables.AnsweredRequest))}
    dutch = run("esv", "requests", "--db", liege.url, env={"COLUMNS": "300"})
    assert dutch.exit_code == 0
    assert dutch.stdout.splitlines()[0].strip() == "Aanvragen ESV: 2 regels"
    assert headings(dutch.stdout) == [
        "ID", "Aanvragend OCMW", "Persoon", "INSZ", "Begindatum", "Einddatum", "Status", "Datum van ontvangst",
        "Geschiedenis",
    ]  # fmt: skip
    assert table_rows(dutch.stdout) == [
        ["2", "OCMW Gent", "KOWALSKI, Piotr", "01.43.12-055.33", "01/01/2025", "31/10/2026", "Antwoord verzonden",
         received[2], ""],
        ["1", "OCMW Gent", "DE SMET, Sofie", "92.02.14-162.06", "01/01/2025", "31/10/2026", "Antwoord verzonden",
         received[1], ""],
    ]  # fmt: skip
    french = run("esv", "requests", "--db", liege.url, "--lang", "fr", env={"COLUMNS": "300"})
    assert headings(french.stdout) == [
        "ID", "CPAS demandeur", "Personne", "NISS", "Date de début", "Date de fin", "Statut", "Date de réception",
        "Historique",
    ]  # fmt: skip
    assert {row[6] for row in table_rows(french.stdout)} == {"Réponse envoyée"}
    assert french.stdout.splitlines()[0].strip().replace("\xa0", " ") == "Demandes RSE : 2 lignes"
    assert table_rows(run("esv", "requests", "--db", liege.url, "--status", "unknown_person").stdout) == []

    archived = run("esv", "archive", "1", "--answered", "--db", liege.url)
    assert archived.exit_code == 0
    assert archived.stdout == "line 1 archived; `ocmw esv unarchive 1 --answered` undoes it\n"
    assert [row[0] for row in table_rows(run("esv", "requests", "--db", liege.url).stdout)] == ["2"]
    assert [row[0] for row in table_rows(run("esv", "requests", "--db", liege.url, "--archived").stdout)] == ["1"]
