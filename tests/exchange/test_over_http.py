"""The exchange over real HTTP on loopback: two responding OCMWs with their own databases and
certificates, and one requesting OCMW. Runs on SQLite, and on PostgreSQL when
``OCMW_TEST_POSTGRES_URL`` names a server (as in CI)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import Response
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from esv import model
from esv.codes import ErrorCode, Status, WithheldReason
from esv.disclosure import BELGIAN_TIME
from esv.document import build_tree, read, serialize
from esv.parsing import parse_xml
from esv.signing import sign, verify
from exchange.requester import AlreadyAnswered
from exchange.statuses import RequestStatus
from storage import tables
from storage.audit import log as audit_line
from tests.exchange_world import (
    BACKENDS,
    EXCHANGE_FIXTURES,
    LiveService,
    Ocmw,
    Trust,
    database,
    free_port,
    identity_of,
    make_ocmw,
    request,
    serve,
    trust_of,
)

SOFIE = "92021416206"
PIOTR = "01431205533"
TODAY = dt.datetime.now(BELGIAN_TIME).date()
PERIOD = model.Period(begin=dt.date(2025, 1, 1), end=dt.date(2026, 10, 31))
CONSENT = model.Consent(from_date=TODAY - dt.timedelta(days=30), to_date=TODAY + dt.timedelta(days=365), granted=True)


@dataclass
class World:
    gent: Ocmw
    liege: Ocmw
    antwerpen: Ocmw
    trust_gent: Trust
    trust_responders: Trust
    folder: Path


@pytest.fixture(params=BACKENDS)
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    backend: str = request.param
    with (
        database(backend, tmp_path) as gent_url,
        database(backend, tmp_path) as liege_url,
        database(backend, tmp_path) as antwerpen_url,
    ):
        gent = make_ocmw(gent_url, "0212345668", "OCMW Gent")
        liege = make_ocmw(liege_url, "0207654333", "CPAS de Liège", records="liege")
        antwerpen = make_ocmw(antwerpen_url, "0207112222", "OCMW Antwerpen", records="antwerpen")
        yield World(
            gent=gent,
            liege=liege,
            antwerpen=antwerpen,
            trust_gent=trust_of(liege, antwerpen, folder=tmp_path / "trust-gent"),
            trust_responders=trust_of(gent, folder=tmp_path / "trust-responders"),
            folder=tmp_path,
        )
        for ocmw in (gent, liege, antwerpen):
            ocmw.engine.dispose()


def answer_of(world: World, row: tables.SentRequest) -> model.EsvResponse:
    with world.gent.sessions() as session:
        content = session.scalars(select(tables.SentRequest.response_xml).where(tables.SentRequest.id == row.id)).one()
    verified = verify(parse_xml(content), world.trust_gent.store)
    answer = read(serialize(verified.tree))
    assert isinstance(answer, model.EsvResponse)
    return answer


def audit(ocmw: Ocmw, action: str) -> list[tables.AuditEntry]:
    with ocmw.sessions() as session:
        return list(session.scalars(select(tables.AuditEntry).where(tables.AuditEntry.action == action)))


def count(ocmw: Ocmw, table: type[tables.Base]) -> int:
    with ocmw.sessions() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_a_report_with_its_gpmi_contract_comes_from_each_responder(world: World) -> None:
    requester = world.gent.requester(world.trust_gent)
    with serve(world.liege, world.trust_responders), serve(world.antwerpen, world.trust_responders):
        from_liege = request(requester, world.liege, ssin=SOFIE, period=PERIOD, consent=CONSENT, actor="test")
        from_antwerp = request(requester, world.antwerpen, ssin=SOFIE, period=PERIOD, consent=CONSENT, actor="test")
    assert (from_liege.status, from_antwerp.status) == ("received", "received")
    report = answer_of(world, from_liege).social_report
    assert report is not None and report.ocmw.name == "CPAS de Liège"
    dossiers = {dossier.dossier_id: dossier for dossier in report.dossiers}
    assert [d.number for d in dossiers["LG-2025-00147"].decisions] == [1, 2, 3]
    assert [d.number for d in dossiers["LG-2019-03310"].decisions] == [1]
    gpmi = dossiers["LG-2025-00147"].gpmi
    assert isinstance(gpmi, model.Gpmi)
    assert (gpmi.contract_id, gpmi.version, gpmi.consent) == ("C-2025-0147", 2, CONSENT)
    assert gpmi.contract.content == (EXCHANGE_FIXTURES / "liege" / "gpmi-C-2025-0147-v2.pdf").read_bytes()
    other = answer_of(world, from_antwerp).social_report
    assert other is not None
    assert [(d.dossier_id, [decision.number for decision in d.decisions], d.gpmi) for d in other.dossiers] == [
        # the grant of 2018 ended before the period; the termination of 2019 has no end, so it is in it
        ("AW-2018-7781", [2], model.GpmiWithheld(reason=WithheldReason.NO_VALIDATED_CONTRACT))
    ]
    [from_antwerpen] = audit(world.antwerpen, "answer_sent")  # its contract of 2018 is outside the period asked
    assert from_antwerpen.details["disclosed"]["AW-2018-7781"]["gpmi"] == {
        "withheld": "no_validated_contract",
        "validated_outside_period": ["AW-GPMI-2018-01"],
    }
    sent = audit(world.liege, "answer_sent")
    assert len(sent) == 1
    assert sent[0].ssin == SOFIE
    assert sent[0].details["disclosed"] == {
        "LG-2019-03310": {"decisions": [1], "gpmi": None},
        "LG-2025-00147": {
            "decisions": [1, 2, 3],
            "gpmi": {"contract_id": "C-2025-0147", "version": 2, "sha256": gpmi.contract.sha256},
        },
    }
    consent = {"from": CONSENT.from_date.isoformat(), "to": CONSENT.to_date.isoformat(), "granted": True}
    assert sent[0].details["consent"] == consent
    assert "OCMW Gent (0212345668), signed by OCMW Gent ESV" in sent[0].actor
    assert len(audit(world.gent, "answer_received")) == 2


def test_without_consent_the_gpmi_is_withheld(world: World) -> None:
    with serve(world.liege, world.trust_responders):
        row = request(
            world.gent.requester(world.trust_gent), world.liege, ssin=SOFIE, period=PERIOD, consent=None, actor="t"
        )
    report = answer_of(world, row).social_report
    assert report is not None
    gpmi = {dossier.dossier_id: dossier.gpmi for dossier in report.dossiers}
    assert gpmi["LG-2025-00147"] == model.GpmiWithheld(reason=WithheldReason.NO_CONSENT)
    assert gpmi["LG-2019-03310"] is None  # never had a GPMI there
    assert audit(world.liege, "answer_sent")[0].details["disclosed"]["LG-2025-00147"]["gpmi"] == {
        "withheld": "no_consent"
    }


def test_a_person_without_a_dossier_is_an_unknown_person(world: World) -> None:
    with serve(world.antwerpen, world.trust_responders):
        row = request(
            world.gent.requester(world.trust_gent), world.antwerpen, ssin=PIOTR, period=PERIOD, consent=None, actor="t"
        )
    assert row.status == RequestStatus.UNKNOWN_PERSON
    assert answer_of(world, row).status is Status.UNKNOWN_PERSON


def test_an_untrusted_requester_is_refused_with_403(world: World) -> None:
    stranger = identity_of("Onbekend OCMW")
    requester = world.gent.requester(world.trust_gent, signing=stranger.signing)
    with serve(world.liege, world.trust_responders) as liege:
        row = request(requester, world.liege, ssin=SOFIE, period=PERIOD, consent=CONSENT, actor="t")
        unsigned = httpx.post(liege.url, content=b"<x/>")
        not_xml = httpx.post(liege.url, content=b"hello")
    assert row.status == RequestStatus.ERROR
    answer = answer_of(world, row)
    assert answer.error is not None and answer.error.code is ErrorCode.REQUESTER_NOT_TRUSTED
    assert "is not in the trust store" in answer.error.message
    assert answer.social_report is None
    assert count(world.liege, tables.AnsweredRequest) == 0
    assert unsigned.status_code == 403  # the signature is checked before anything else is read
    assert not_xml.status_code == 400
    refused = audit(world.liege, "refusal_sent")
    assert [(line.details["http_status"], line.details["error_code"]) for line in refused] == [
        (403, "requester_not_trusted"),
        (403, "requester_not_trusted"),
        (400, "invalid_request"),
    ]
    assert all(line.actor.startswith("unverified sender at 127.0.0.1:") for line in refused)
    assert "Onbekend OCMW" in refused[0].details["reason"]


def signed_request(world: World, request_id: str = "GENT-REPLAY-1", ssin: str = SOFIE) -> bytes:
    """A request of Gent, signed; ``ssin`` is written as given, even when it is not a valid number."""
    request = model.EsvRequest(
        request_id=request_id,
        created_at=dt.datetime.now(dt.UTC),
        requester=world.gent.ocmw,
        ssin=SOFIE,
        period=PERIOD,
        gpmi_consent=CONSENT,
    )
    root = build_tree(request).getroot()
    root.find(f"{{{model.NAMESPACE}}}Ssin").text = ssin  # type: ignore[union-attr]
    return serialize(sign(root, world.gent.identity.signing).getroottree(), pretty=False)


def test_a_replayed_request_gets_the_same_answer_and_no_second_row(world: World) -> None:
    body = signed_request(world)
    with serve(world.liege, world.trust_responders) as liege:
        first = httpx.post(liege.url, content=body)
        second = httpx.post(liege.url, content=body)
    assert (first.status_code, second.status_code) == (200, 200)
    assert first.content == second.content
    assert count(world.liege, tables.AnsweredRequest) == 1
    with world.liege.sessions() as session:
        assert session.scalars(select(tables.AnsweredRequest.times_asked)).one() == 2
    assert [len(audit(world.liege, action)) for action in ("answer_sent", "answer_repeated")] == [1, 1]


def test_the_same_request_sent_at_once_by_many_is_answered_once(world: World) -> None:
    body = signed_request(world, "GENT-CONCURRENT-1")
    with serve(world.liege, world.trust_responders) as liege, ThreadPoolExecutor(8) as pool:
        replies = list(pool.map(lambda _: httpx.post(liege.url, content=body, timeout=30), range(16)))
    assert {reply.status_code for reply in replies} == {200}
    assert len({reply.content for reply in replies}) == 1
    assert count(world.liege, tables.AnsweredRequest) == 1
    assert len(audit(world.liege, "answer_sent")) == 1
    assert len(audit(world.liege, "answer_repeated")) == 15


def test_a_tampered_answer_is_refused_by_the_requester(world: World) -> None:
    with serve(world.liege, world.trust_responders, port=free_port()) as liege:
        forwarder = FastAPI()

        @forwarder.post("/esv/requests")
        async def forward(request: Request) -> Response:
            async with httpx.AsyncClient() as client:
                reply = await client.post(liege.url, content=await request.body())
            return Response(reply.content.replace(b"DE SMET", b"DE SMIT"), media_type="application/xml")

        with LiveService(forwarder, world.liege.port):  # where Gent's trust folder says Liège answers
            row = request(
                world.gent.requester(world.trust_gent),
                world.liege,
                ssin=SOFIE,
                period=PERIOD,
                consent=CONSENT,
                actor="t",
            )
    assert row.status == RequestStatus.REFUSED
    assert row.last_error is not None and "digest mismatch" in row.last_error
    with world.gent.sessions() as session:
        kept = session.scalars(select(tables.SentRequest.response_xml).where(tables.SentRequest.id == row.id)).one()
    assert b"DE SMIT" in kept  # kept as received, for whoever must look into it
    assert len(audit(world.gent, "request_refused")) == 1


def test_a_responder_that_is_down_leaves_the_request_to_send_again(world: World) -> None:
    requester = world.gent.requester(world.trust_gent, timeout=2)
    row = request(requester, world.liege, ssin=SOFIE, period=PERIOD, consent=None, actor="t")
    assert row.status == RequestStatus.NOT_RECEIVED
    assert row.last_error is not None and row.last_error.startswith("the responder cannot be reached")
    with serve(world.liege, world.trust_responders):
        again = requester.send(row.id, actor="t")
    assert (again.status, again.attempts, again.request_id) == (RequestStatus.RECEIVED, 2, row.request_id)
    assert [step["status"] for step in again.history] == ["not_received", "received"]
    with pytest.raises(AlreadyAnswered, match="already answered"):
        requester.send(row.id, actor="t")


def test_a_responder_that_does_not_answer_in_time_leaves_the_request_not_received(world: World) -> None:
    slow = FastAPI()

    @slow.post("/esv/requests")
    async def never(request: Request) -> Response:
        import asyncio

        await asyncio.sleep(5)
        return Response(b"")

    with LiveService(slow, world.liege.port):
        row = request(
            world.gent.requester(world.trust_gent, timeout=0.5),
            world.liege,
            ssin=SOFIE,
            period=PERIOD,
            consent=None,
            actor="t",
        )
    assert (row.status, row.last_error) == (RequestStatus.NOT_RECEIVED, "no answer within 0.5 s")


@contextmanager
def unavailable(ocmw: Ocmw) -> Iterator[None]:
    """The OCMW's database out of reach for a while: the SQLite file moved away, or connections to
    the PostgreSQL database refused."""
    url = make_url(ocmw.url)
    ocmw.engine.dispose()
    if url.get_backend_name() == "sqlite":
        path = Path(url.database or "")
        files = [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm") if Path(f"{path}{suffix}").exists()]
        for file in files:
            file.rename(f"{file}.away")
        try:
            yield
        finally:
            ocmw.engine.dispose()
            path.unlink(missing_ok=True)  # the empty file a connection attempt left behind
            for file in files:
                Path(f"{file}.away").rename(file)
        return
    admin = create_engine(os.environ["OCMW_TEST_POSTGRES_URL"], isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'ALTER DATABASE "{url.database}" ALLOW_CONNECTIONS false'))
        connection.execute(
            text(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{url.database}'")
        )
    try:
        yield
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{url.database}" ALLOW_CONNECTIONS true'))
        admin.dispose()


def test_while_the_database_is_down_the_service_says_503_and_recovers(world: World) -> None:
    body = signed_request(world, "GENT-DOWN-1")
    with serve(world.liege, world.trust_responders) as liege:
        health_url = liege.url.replace("/esv/requests", "/health")
        with unavailable(world.liege):
            down = httpx.post(liege.url, content=body)
            health = httpx.get(health_url)
        back = httpx.post(liege.url, content=body)
        healthy = httpx.get(health_url)
    assert (down.status_code, health.status_code) == (503, 503)
    assert health.json()["status"] == "unavailable"
    refusal = verify(parse_xml(down.content), trust_of(world.liege, folder=world.folder / "trust-liege").store)
    assert (
        refusal.tree.getroot()
        .findtext(f"{{{model.NAMESPACE}}}Error", "")
        .startswith("the database of this OCMW is unavailable")
    )
    assert (back.status_code, healthy.status_code) == (200, 200)
    assert count(world.liege, tables.AnsweredRequest) == 1


def test_a_requester_told_the_database_is_down_can_send_again(world: World) -> None:
    requester = world.gent.requester(world.trust_gent)
    with serve(world.liege, world.trust_responders):
        with unavailable(world.liege):
            row = request(requester, world.liege, ssin=SOFIE, period=PERIOD, consent=CONSENT, actor="t")
        assert row.status == RequestStatus.NOT_RECEIVED
        assert row.last_error is not None and "the database of this OCMW is unavailable" in row.last_error
        again = requester.send(row.id, actor="t")
    assert again.status == RequestStatus.RECEIVED
    assert again.request_id == row.request_id


def test_a_request_over_the_size_limit_is_refused_with_413(world: World) -> None:
    body = signed_request(world, "GENT-BIG-1")
    with serve(world.liege, world.trust_responders, max_bytes=len(body) - 1) as liege:
        reply = httpx.post(liege.url, content=body)
    assert reply.status_code == 413
    error = parse_xml(reply.content).getroot().find(f"{{{model.NAMESPACE}}}Error")
    assert error is not None and error.get("code") == "too_large"
    [refused] = audit(world.liege, "refusal_sent")
    assert (refused.details["http_status"], refused.details["error_code"]) == (413, "too_large")
    assert count(world.liege, tables.AnsweredRequest) == 0


def test_an_invalid_request_of_a_trusted_requester_gets_an_error_kept_in_the_list(world: World) -> None:
    body = signed_request(world, "GENT-BADSSIN-1", ssin="92021416207")
    with serve(world.liege, world.trust_responders) as liege:
        first = httpx.post(liege.url, content=body)
        again = httpx.post(liege.url, content=body)
    assert (first.status_code, again.status_code, first.content) == (400, 400, again.content)
    error = parse_xml(first.content).getroot().find(f"{{{model.NAMESPACE}}}Error")
    assert error is not None and error.get("code") == "invalid_ssin"
    assert "has wrong check digits" in (error.text or "")
    with world.liege.sessions() as session:
        row = session.scalars(select(tables.AnsweredRequest)).one()
    assert (row.status, row.error_code, row.ssin, row.times_asked) == ("error", "invalid_ssin", "92021416207", 2)


def test_the_audit_log_cannot_be_changed(world: World) -> None:
    with world.liege.sessions.begin() as session:
        audit_line(session, actor="t", action="x")
    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), world.liege.engine.begin() as connection:
            connection.execute(text(statement))
    assert count(world.liege, tables.AuditEntry) == 3  # two imports and the line above


def test_a_signed_request_in_utf16_without_a_byte_order_mark_is_refused_unanswered(world: World) -> None:
    text = signed_request(world, "GENT-UTF16-1").decode().replace("encoding='UTF-8'", "")
    answer = world.liege.responder(world.trust_responders).answer(text.encode("utf-16-le"), "127.0.0.1:1")
    assert (answer.http_status, answer.error_code) == (400, ErrorCode.INVALID_REQUEST)
    assert b"SocialReport" not in answer.body
    assert count(world.liege, tables.AnsweredRequest) == 0
    [refused] = audit(world.liege, "refusal_sent")
    assert "not encoded in UTF-8" in refused.details["reason"]


def test_a_sender_that_leaves_in_the_middle_of_its_body_costs_one_log_line(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    with serve(world.liege, world.trust_responders) as liege, caplog.at_level(logging.WARNING):
        with socket.create_connection(("127.0.0.1", liege.port)) as sender:
            sender.sendall(
                b"POST /esv/requests HTTP/1.1\r\nHost: liege\r\nContent-Type: application/xml\r\n"
                b"Content-Length: 100000\r\n\r\n<EsvRequest"
            )
            time.sleep(0.2)  # the service is reading the body when the sender leaves
        deadline = time.monotonic() + 5
        while not caplog.records and time.monotonic() < deadline:
            time.sleep(0.05)
    [line] = caplog.records
    assert line.levelno == logging.WARNING and line.exc_info is None
    assert line.getMessage().startswith("the sender at 127.0.0.1:")
    assert line.getMessage().endswith("left before its request was complete; nothing was answered")
    assert count(world.liege, tables.AnsweredRequest) == 0


@pytest.mark.parametrize(
    ("status", "media_type", "body", "said"),
    [
        (405, "text/html", b"<!DOCTYPE html><html><body>Method Not Allowed</body></html>", "HTTP 405 (text/html)"),
        (404, "application/json", b'{"detail": "Not Found"}', "HTTP 404 (application/json)"),
        (200, "application/xml", b"<?xml version='1.0'?><status>ok</status>", "HTTP 200 (application/xml)"),
    ],
)
def test_a_reply_that_is_no_esv_answer_leaves_the_request_not_received_with_its_http_status(
    world: World, status: int, media_type: str, body: bytes, said: str
) -> None:
    elsewhere = FastAPI()

    @elsewhere.post("/esv/requests")
    async def other(request: Request) -> Response:
        return Response(body, status_code=status, media_type=media_type)

    with LiveService(elsewhere, world.liege.port):
        row = request(
            world.gent.requester(world.trust_gent), world.liege, ssin=SOFIE, period=PERIOD, consent=None, actor="t"
        )
    assert (row.status, row.last_failure) == (RequestStatus.NOT_RECEIVED, "not_esv")
    assert row.last_error == f"{said} without an ESV answer"
    [attempt] = row.history
    assert (attempt["status"], attempt["http_status"]) == ("not_received", status)
