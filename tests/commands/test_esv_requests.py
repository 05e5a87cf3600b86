"""``ocmw esv request``, ``retry``, ``answers``, ``show`` and ``archive`` with no responder listening: the
request kept as not received, listed in both languages and at 80 and 120 columns, sent again, archived;
unknown IDs and options that do not go together refused before anything is sent."""

from __future__ import annotations

import datetime as dt
import shlex

import pytest
from fastapi import FastAPI

from tests.command_world import (
    GENT_KBO,
    LIEGE_KBO,
    PERIOD,
    SOFIE,
    audit_actions,
    headings,
    init,
    request,
    run,
    sent_requests,
    table_rows,
)
from tests.exchange_world import LiveService
from tests.printed import assert_fits, values

pytestmark = pytest.mark.usefixtures("empty_folder")


def test_a_request_nobody_answers_is_kept_not_received_and_exits_1(gent: str, liege_port: int) -> None:
    url = f"http://127.0.0.1:{liege_port}/esv/requests"  # where Gent's trust folder says Liège answers
    result = request(gent)
    assert result.exit_code == 1
    [row] = sent_requests(gent)
    assert (row.id, row.status, row.attempts, row.ssin, row.responder_url) == (1, "not_received", 1, SOFIE, url)
    assert (row.responder_kbo, row.responder_name) == (LIEGE_KBO, "CPAS de Liège")
    assert (row.begin, row.end) == (dt.date(2025, 1, 1), dt.date(2026, 10, 31))
    assert (row.received_at, row.response_xml) == (None, None)
    assert row.request_id.startswith(f"{GENT_KBO}-")
    assert row.last_error is not None and row.last_error.startswith("the responder cannot be reached: ")
    assert [step["status"] for step in row.history] == ["not_received"]
    assert result.stdout.splitlines() == [
        f"Aanvraag 1 ({row.request_id}) aan CPAS de Liège: Niet ontvangen",
        "  Het andere OCMW is niet bereikbaar; controleer het adres of verstuur later opnieuw.",
        f"  Technisch detail, in het Engels: {row.last_error}",
        f"  Verstuur ze opnieuw met: ocmw esv retry 1 --db {shlex.quote(gent)}",  # as it can be pasted
    ]
    assert audit_actions(gent)[-2:] == ["request_sent", "request_not_received"]


def test_the_next_command_names_no_database_when_the_environment_names_it(gent: str) -> None:
    result = run("esv", "request", "--ssin", SOFIE, *PERIOD, "--timeout", "2", env={"OCMW_DB_URL": gent})
    assert result.stdout.splitlines()[-1] == "  Verstuur ze opnieuw met: ocmw esv retry 1"


def test_a_reply_that_is_no_esv_answer_says_to_tell_the_other_ocmw_not_to_send_again(
    gent: str, liege_port: int
) -> None:
    with LiveService(FastAPI(), liege_port):  # a web server without the ESV service: 404 at that address
        result = request(gent)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == [
        "  Dit adres gaf geen ESV-antwoord; controleer het adres.",
        "  Technisch detail, in het Engels: HTTP 404 (application/json) without an ESV answer",
        "  Het adres waarop het OCMW gekend is, is geen ESV-dienst: verwittig zijn beheerders.",
    ]


@pytest.mark.parametrize(
    ("lang", "title", "columns", "status", "history"),
    [
        ("nl", "Antwoorden ESV: 1 regel", ["ID", "Afgevend OCMW", "Persoon", "INSZ", "Begindatum", "Einddatum",
                                           "Status", "Datum van ontvangst", "Geschiedenis"],
         "Niet ontvangen", "1 poging: het andere OCMW is niet bereikbaar; controleer het adres of verstuur later "
         "opnieuw"),
        ("fr", "Réponses RSE\xa0: 1 ligne", ["ID", "CPAS émetteur", "Personne", "NISS", "Date de début",
                                             "Date de fin", "Statut", "Date de réception", "Historique"],
         "Non reçue", "1 essai\xa0: l'autre CPAS est injoignable ; vérifiez l'adresse ou renvoyez plus tard"),
    ],
)  # fmt: skip
def test_the_answers_list_shows_a_request_not_received_in_both_languages(
    gent: str, lang: str, title: str, columns: list[str], status: str, history: str
) -> None:
    request(gent)
    result = run("esv", "answers", "--db", gent, "--lang", lang, env={"COLUMNS": "300"})
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].strip().replace("\xa0", " ") == title.replace("\xa0", " ")
    assert headings(result.stdout) == columns
    [row] = table_rows(result.stdout)
    assert row[:8] == ["1", "CPAS de Liège", "", "92.02.14-162.06", "01/01/2025", "31/10/2026", status, ""]
    assert row[8].replace("\xa0", " ") == history.replace("\xa0", " ")
    assert "Errno" not in result.stdout and "cannot be reached" not in result.stdout


@pytest.mark.parametrize(("lang", "said"), [("nl", "Antwoorden ESV: 0 regels"), ("fr", "Réponses RSE\xa0: 0 ligne")])
def test_an_empty_answers_list_says_so_in_one_line(gent: str, lang: str, said: str) -> None:
    assert run("esv", "answers", "--db", gent, "--lang", lang).stdout == f"{said}\n"


@pytest.mark.parametrize("width", [80, 120])
def test_the_answers_list_keeps_days_and_insz_whole_at_80_and_120_columns(gent: str, width: int) -> None:
    request(gent)
    narrow = run("esv", "answers", "--db", gent, env={"COLUMNS": str(width)}).stdout
    assert_fits(narrow, run("esv", "answers", "--db", gent).stdout, width)
    assert {"01/01/2025", "31/10/2026", "92.02.14-162.06"} <= set(values(narrow))
    if width == 80:  # each request as its lines, led by its ID
        assert narrow.splitlines()[2:5] == ["ID: 1", "  Afgevend OCMW: CPAS de Liège", "  INSZ: 92.02.14-162.06"]


def test_the_answers_list_filters_on_status(gent: str) -> None:
    request(gent)
    assert [r[0] for r in table_rows(run("esv", "answers", "--db", gent, "--status", "not_received").stdout)] == ["1"]
    assert table_rows(run("esv", "answers", "--db", gent, "--status", "received").stdout) == []


@pytest.mark.parametrize("typed", ["Niet ontvangen", "non reçue", " NOT_RECEIVED "])
def test_the_status_is_typed_as_the_list_shows_it_in_either_language(gent: str, typed: str) -> None:
    request(gent)
    assert [r[0] for r in table_rows(run("esv", "answers", "--db", gent, "--status", typed).stdout)] == ["1"]


def test_a_status_that_is_no_status_is_a_usage_error(gent: str) -> None:
    result = run("esv", "answers", "--db", gent, "--status", "ontvang")
    assert result.exit_code == 2
    assert "'ontvang' is not one of 'sent', 'received'" in result.stderr


def test_the_answers_list_finds_a_person_by_the_insz_as_it_prints_it(gent: str) -> None:
    request(gent)
    assert [r[0] for r in table_rows(run("esv", "answers", "--db", gent, "--ssin", SOFIE).stdout)] == ["1"]
    assert [r[0] for r in table_rows(run("esv", "answers", "--db", gent, "--ssin", "92.02.14-162.06").stdout)] == ["1"]


def test_retry_sends_the_same_request_again_and_counts_the_attempt(gent: str) -> None:
    request(gent)
    [before] = sent_requests(gent)
    result = run("esv", "retry", "1", "--db", gent, "--timeout", "2", "--lang", "fr")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"Demande 1 ({before.request_id}) à CPAS de Liège : Non reçue"
    assert result.stdout.splitlines()[-1] == f"  Renvoyez-la avec : ocmw esv retry 1 --db {shlex.quote(gent)}"
    [after] = sent_requests(gent)
    assert (after.request_id, after.status, after.attempts) == (before.request_id, "not_received", 2)
    assert [step["status"] for step in after.history] == ["not_received", "not_received"]
    [line] = table_rows(run("esv", "answers", "--db", gent, env={"COLUMNS": "300"}).stdout)
    assert line[8].startswith("2 pogingen: het andere OCMW is niet bereikbaar")


def test_archive_moves_a_request_out_of_the_default_list(gent: str) -> None:
    request(gent)
    request(gent)
    result = run("esv", "archive", "1", "--db", gent)
    assert (result.exit_code, result.stdout) == (0, "line 1 archived; `ocmw esv unarchive 1` undoes it\n")
    listed = run("esv", "answers", "--db", gent)
    assert [row[0] for row in table_rows(listed.stdout)] == ["2"]
    assert listed.stdout.splitlines()[0].strip() == "Antwoorden ESV: 1 regel"
    archived = run("esv", "answers", "--db", gent, "--archived")
    assert [row[0] for row in table_rows(archived.stdout)] == ["1"]
    assert [row.archived for row in sent_requests(gent)] == [True, False]
    assert audit_actions(gent)[-1] == "archived"
    back = run("esv", "unarchive", "1", "--db", gent)
    assert (back.exit_code, back.stdout) == (0, "line 1 back in its list; `ocmw esv archive 1` undoes it\n")
    assert [row.archived for row in sent_requests(gent)] == [False, False]
    assert audit_actions(gent)[-1] == "unarchived"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("esv", "retry", "7"), "Error: there is no sent request 7\n"),
        (("esv", "archive", "7"), "Error: there is no sent request 7\n"),
        (("esv", "archive", "7", "--answered"), "Error: there is no answered request 7\n"),
        (("esv", "unarchive", "7"), "Error: there is no sent request 7\n"),
        (("esv", "show", "7"), "Error: there is no sent request 7 (see `ocmw esv answers`)\n"),
    ],
)
def test_an_unknown_id_is_refused_with_exit_1(gent: str, args: tuple[str, ...], message: str) -> None:
    request(gent)
    result = run(*args, "--db", gent)
    assert result.exit_code == 1
    assert result.stderr == message
    assert [row.archived for row in sent_requests(gent)] == [False]


def test_show_of_a_request_without_answer_says_to_send_it_again(gent: str) -> None:
    request(gent)
    result = run("esv", "show", "1", "--db", gent)
    assert result.exit_code == 1
    assert (
        result.stderr
        == "Error: request 1 has no answer to show (not_received); send it again with `ocmw esv retry 1`\n"
    )
    assert "report_viewed" not in audit_actions(gent)


def test_a_request_without_signing_material_is_a_usage_error_and_stores_nothing(db: str) -> None:
    init(db)
    result = request(db)
    assert result.exit_code == 2
    assert "Error: give --key and --cert, or record them with `ocmw db init`" in result.stderr
    assert sent_requests(db) == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--consent-from", "2026-01-01", "--consent-to", "2026-12-31"), "go with --consent yes"),
        (("--consent", "yes"), "--consent yes needs the period of the consent: --consent-from and --consent-to"),
        (("--consent", "nee", "--consent-from", "2026-01-01"), "--consent no needs no period"),
        (("--consent", "misschien"), "'misschien' is not yes or no: write yes/no, ja/nee or oui/non"),
    ],
)
def test_consent_options_that_do_not_go_together_are_usage_errors(
    gent: str, extra: tuple[str, ...], message: str
) -> None:
    result = request(gent, *extra)
    assert result.exit_code == 2
    assert message in result.stderr
    assert sent_requests(gent) == []


@pytest.mark.parametrize(
    ("said", "dates", "granted"),
    [
        ("nee", (), b"<Granted>false</Granted>"),
        ("non", (), b"<Granted>false</Granted>"),
        ("no", (), b"<Granted>false</Granted>"),
        ("ja", ("--consent-from", "01/01/2026", "--consent-to", "31/12/2035"), b"<Granted>true</Granted>"),
        ("oui", ("--consent-from", "01/01/2026", "--consent-to", "31/12/2035"), b"<Granted>true</Granted>"),
    ],
)
def test_the_consent_is_said_in_either_language_and_a_refusal_needs_no_dates(
    gent: str, said: str, dates: tuple[str, ...], granted: bytes
) -> None:
    result = request(gent, "--consent", said, *dates)
    assert result.exit_code == 1, result.output  # sent, not received: nobody answers here
    [row] = sent_requests(gent)
    assert granted in row.request_xml


def test_a_consent_ending_before_it_starts_is_invalid_input(gent: str) -> None:
    result = request(gent, "--consent", "yes", "--consent-from", "2026-12-31", "--consent-to", "2026-01-01")
    assert result.exit_code == 1
    assert result.stderr == (
        "Fout: de periode eindigt op 01/01/2026, vóór ze begint op 31/12/2026: de laatste dag valt op of na de eerste\n"
    )
    assert sent_requests(gent) == []


@pytest.mark.parametrize(
    ("ocmw", "message"),
    [
        ("0207.112.222", "Error: KBO 0207.112.222 is not an OCMW of the trust folder\n"),
        ("0207.112.223", "Fout: 0207.112.223 is geen geldig KBO-nummer"),
    ],
)
def test_an_ocmw_asked_by_kbo_must_be_one_of_the_trust_folder(gent: str, ocmw: str, message: str) -> None:
    result = request(gent, "--ocmw", ocmw)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert sent_requests(gent) == []


def test_no_address_is_taken_from_the_command_line(gent: str) -> None:
    result = request(gent, "--address", "http://169.254.169.254/latest/meta-data")
    assert result.exit_code == 2
    assert "No such option '--address'" in result.stderr
    assert sent_requests(gent) == []
