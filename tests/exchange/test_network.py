"""The network over real HTTPS on loopback: a directory and member OCMWs, each served over mutual TLS
as ``ocmw directory serve`` and ``ocmw serve`` serve them, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import ssl
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from fastapi import FastAPI
from fastapi.responses import Response
from sqlalchemy import select

from directory import model as directory_model
from directory import registry
from esv import model
from esv.document import build_tree, serialize
from esv.signing import sign
from exchange.network import REFERENCES_PER_CALL, DirectoryClient, Synced, client, current_peers
from exchange.statuses import RequestStatus
from ground.errors import Refused, Unavailable
from service import run
from storage import references, tables
from tests.conftest import Identity, kbo_for, make_identity, ssin_for
from tests.exchange_world import BACKENDS, free_port
from tests.network_world import Member, Network, Served, decisions_csv, network, served

SOFIE = ssin_for(dt.date(1992, 2, 14), 162)
NOBODY = ssin_for(dt.date(1985, 7, 30), 33)
KBO_A, KBO_B, KBO_C, KBO_D, KBO_E = (kbo_for(f"020{n}0000") for n in range(1, 6))
YEAR = model.Period(begin=dt.date(2015, 1, 1), end=dt.date(2026, 12, 31))


@pytest.fixture(params=BACKENDS, scope="module")
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Network]:
    """Sofie moved from A (2015-2016) to B (2018-2019) to C (since 2021, open); D asks for her report;
    E holds nothing of her. All five are members, served, and synchronised."""
    folder = tmp_path_factory.mktemp(f"network-{request.param}")
    with network(request.param, folder) as world, ExitStack() as stack:
        a = world.add_member("a", KBO_A, "OCMW Aalst")
        b = world.add_member("b", KBO_B, "OCMW Brugge")
        c = world.add_member("c", KBO_C, "OCMW Charleroi")
        d = world.add_member("d", KBO_D, "OCMW Dendermonde")
        e = world.add_member("e", KBO_E, "OCMW Eeklo")
        a.import_decisions(decisions_csv(folder, "A-1", SOFIE, dt.date(2015, 1, 1), 24))
        b.import_decisions(decisions_csv(folder, "B-1", SOFIE, dt.date(2018, 1, 1), 24))
        c.import_decisions(decisions_csv(folder, "C-1", SOFIE, dt.date(2021, 1, 1), None))
        e.import_decisions(decisions_csv(folder, "E-1", NOBODY, dt.date(2020, 1, 1), 12))
        served(stack, world.directory)
        for member in (a, b, c, d, e):
            member.sync()
        served(stack, a, b, c, d, e)
        yield world


def asked_kbos(rows: list[tables.SentRequest]) -> list[str | None]:
    return sorted(row.responder_kbo for row in rows)


def test_the_directory_finds_every_ocmw_that_helped_the_person_and_only_those(world: Network) -> None:
    rows = world.members["d"].requester().ask(ssin=SOFIE, period=YEAR, consent=None, actor="test")
    assert asked_kbos(rows) == [KBO_A, KBO_B, KBO_C]
    assert {row.status for row in rows} == {RequestStatus.RECEIVED.value}
    # Each answer is named as the directory names the certificate that signed it.
    assert sorted(row.responder_name for row in rows) == ["OCMW Aalst", "OCMW Brugge", "OCMW Charleroi"]


@pytest.mark.parametrize(
    ("begin", "end", "holders"),
    [
        (dt.date(2016, 12, 31), dt.date(2017, 12, 31), [KBO_A]),  # A's last day
        (dt.date(2017, 1, 1), dt.date(2017, 12, 31), []),  # the year between A and B
        (dt.date(2017, 1, 1), dt.date(2018, 1, 1), [KBO_B]),  # B's first day
        (dt.date(2030, 1, 1), dt.date(2030, 12, 31), [KBO_C]),  # C's decision has no end
    ],
)
def test_a_lookup_names_the_members_whose_references_overlap_the_period(
    world: Network, begin: dt.date, end: dt.date, holders: list[str]
) -> None:
    period = model.Period(begin=begin, end=end)
    rows = world.members["d"].requester().ask(ssin=SOFIE, period=period, consent=None, actor="test")
    assert asked_kbos(rows) == holders


def test_nobody_is_asked_for_a_person_no_other_member_holds(world: Network) -> None:
    assert world.members["e"].requester().ask(ssin=NOBODY, period=YEAR, consent=None, actor="test") == []


def test_every_lookup_is_in_the_directorys_log_with_whom_it_named(world: Network) -> None:
    d = world.members["d"]
    before = len(world.directory.log("lookup"))
    d.requester().ask(ssin=SOFIE, period=YEAR, consent=None, actor="test")
    entries = world.directory.log("lookup")
    assert len(entries) == before + 1
    last = entries[-1]
    assert (last.ssin, last.details["answered"]) == (SOFIE, [KBO_A, KBO_B, KBO_C])
    assert KBO_D in last.actor and "OCMW Dendermonde" in last.actor
    with d.sessions() as session:
        logged = session.scalars(select(tables.AuditEntry).where(tables.AuditEntry.action == "directory_lookup"))
        assert SOFIE in [entry.ssin for entry in logged]


def test_a_connection_without_a_client_certificate_is_refused_in_the_handshake(world: Network) -> None:
    a = world.members["a"]
    for address in (a.address.replace("/esv/requests", "/health"), f"{world.directory.address}/health"):
        with pytest.raises((httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError)):
            httpx.get(address, verify=_trusting(world), timeout=5)


def _trusting(world: Network) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    for member in [*world.members.values()]:
        context.load_verify_locations(cadata=member.identity.cert_pem.decode())
    context.load_verify_locations(cadata=world.directory.identity.cert_pem.decode())
    return context


def test_a_client_certificate_of_no_member_is_refused_in_the_handshake(world: Network, tmp_path: Path) -> None:
    stranger = make_identity("Niet Lid", "ecdsa")
    (tmp_path / "key.pem").write_bytes(stranger.key_pem)
    (tmp_path / "cert.pem").write_bytes(stranger.cert_pem)
    context = _trusting(world)
    context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    with pytest.raises((httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError)):
        httpx.get(f"{world.directory.address}/health", verify=context, timeout=5)


def test_a_member_reaches_only_the_certificate_the_directory_names(world: Network) -> None:
    """The connection to a member pins its certificate: another one at its address is refused."""
    d, a, b = world.members["d"], world.members["a"], world.members["b"]
    pinned = client(a.address, d.membership.tls, (b.identity.signing.certificate,), 5)
    with pinned as http, pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        http.get(a.address.replace("/esv/requests", "/health"))


def _signed_update(member: Member, update: directory_model.ReferenceUpdate) -> bytes:
    tree = build_tree(update, directory_model.DIRECTORY)
    return serialize(sign(tree.getroot(), member.identity.signing).getroottree(), pretty=False)


def _post_to_directory(world: Network, by: Member, path: str, body: bytes) -> httpx.Response:
    anchor = world.directory.identity.signing.certificate
    with client(world.directory.address, by.membership.tls, (anchor,), 5) as http:
        return http.post(f"{world.directory.address}{path}", content=body, headers={"content-type": "application/xml"})


def test_a_member_cannot_register_references_in_the_name_of_another(world: Network) -> None:
    e, a = world.members["e"], world.members["a"]
    forged = directory_model.ReferenceUpdate(
        member=a.kbo,
        created_at=dt.datetime.now(dt.UTC),
        set=(directory_model.Reference(ssin=NOBODY, begin=dt.date(2020, 1, 1), end=None),),
        withdraw=(),
    )
    reply = _post_to_directory(world, e, "/directory/references", _signed_update(e, forged))
    assert reply.status_code == 403
    assert "its own references only" in reply.json()["error"]


def test_a_call_signed_by_one_member_on_the_connection_of_another_is_refused(world: Network) -> None:
    e, a = world.members["e"], world.members["a"]
    own = directory_model.ReferenceUpdate(member=a.kbo, created_at=dt.datetime.now(dt.UTC), set=(), withdraw=())
    reply = _post_to_directory(world, e, "/directory/references", _signed_update(a, own))
    assert reply.status_code == 403
    assert "connection's certificate" in reply.json()["error"]


def test_a_suspended_member_is_refused_by_the_directory_and_by_the_members(network_of_three: Network) -> None:
    world = network_of_three
    a, b, c = (world.members[slug] for slug in "abc")
    with world.directory.sessions.begin() as session:
        registry.set_status(session, c.kbo, registry.MemberStatus.SUSPENDED, actor="test")
    assert a.sync().new
    assert c.kbo not in [peer.kbo for peer in a.peers().peers]
    # C still holds the document of before; a member that dropped it refuses C's signature.
    [refused] = c.requester().ask(ssin=SOFIE, period=YEAR, consent=None, actor="test", ocmws=(a.kbo,))
    assert refused.status == RequestStatus.ERROR.value, refused.last_error
    assert "requester_not_trusted" in (refused.last_error or "")
    with pytest.raises(Refused, match="not trusted"):
        c.requester().ask(ssin=SOFIE, period=YEAR, consent=None, actor="test")
    # B has not synchronised yet: it still trusts C until it does.
    [answered] = c.requester().ask(ssin=SOFIE, period=YEAR, consent=None, actor="test", ocmws=(b.kbo,))
    assert answered.status == RequestStatus.RECEIVED.value


@pytest.fixture
def network_of_three(tmp_path: Path) -> Iterator[Network]:
    with network("sqlite", tmp_path) as world, ExitStack() as stack:
        members = [
            world.add_member(slug, kbo, f"OCMW {slug.upper()}")
            for slug, kbo in zip("abc", (KBO_A, KBO_B, KBO_C), strict=True)
        ]
        for member in members:
            member.import_decisions(decisions_csv(tmp_path, f"{member.kbo}-1", SOFIE, dt.date(2020, 1, 1), 12))
        served(stack, world.directory)
        for member in members:
            member.sync()
        served(stack, *members)
        yield world


def _document(world: Network, signer: Identity, *, serial: int, expires_in: dt.timedelta) -> bytes:
    issued = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    document = directory_model.Directory(
        serial=serial, issued_at=issued, expires_at=issued + expires_in, address=world.directory.address, members=()
    )
    tree = build_tree(document, directory_model.DIRECTORY)
    return serialize(sign(tree.getroot(), signer.signing).getroottree(), pretty=False)


def _sync_from(world: Network, member: Member, content: bytes) -> Synced:
    """``member`` synchronises with a directory that hands out ``content``, over TLS with the
    directory's own certificate (as if its server were taken over)."""
    app = FastAPI()
    app.get("/directory/document")(lambda: Response(content, media_type="application/xml"))
    port = free_port()
    tls = run.Tls(world.directory.cert, world.directory.key)
    fake = replace(
        member.membership, network=replace(member.membership.network, directory_url=f"https://127.0.0.1:{port}")
    )
    with Served(run.Listener(app, "127.0.0.1", port, tls)):
        return DirectoryClient(fake, member.sessions, timeout=5).sync()


@pytest.mark.parametrize(
    ("signed_by", "expires_in", "refusal"),
    [
        ("stranger", dt.timedelta(hours=24), "not trusted"),
        ("directory", dt.timedelta(seconds=-1), "expired"),
    ],
)
def test_a_document_that_cannot_be_trusted_is_refused_and_the_one_held_kept(
    network_of_three: Network, signed_by: str, expires_in: dt.timedelta, refusal: str
) -> None:
    world = network_of_three
    a = world.members["a"]
    signer = world.directory.identity if signed_by == "directory" else make_identity("Niet het repertorium", "ecdsa")
    with pytest.raises(Refused, match=refusal):
        _sync_from(world, a, _document(world, signer, serial=99, expires_in=expires_in))
    assert len(a.peers().peers) == 3


def test_a_document_older_than_the_one_held_is_refused(network_of_three: Network) -> None:
    world = network_of_three
    a = world.members["a"]
    _sync_from(world, a, _document(world, world.directory.identity, serial=99, expires_in=dt.timedelta(hours=1)))
    with pytest.raises(Refused, match="older than the one held"):
        _sync_from(world, a, _document(world, world.directory.identity, serial=98, expires_in=dt.timedelta(hours=2)))
    assert a.peers().serial == 99


def test_a_newer_document_signed_by_the_directory_is_taken(network_of_three: Network) -> None:
    world = network_of_three
    a = world.members["a"]
    synced = _sync_from(
        world, a, _document(world, world.directory.identity, serial=99, expires_in=dt.timedelta(hours=1))
    )
    assert (synced.serial, synced.new) == (99, True)
    assert a.peers().peers == ()  # the members of that document: none


def _held_serials(member: Member) -> list[int]:
    with member.sessions() as session:
        return list(session.scalars(select(tables.DirectoryDocument.serial).order_by(tables.DirectoryDocument.serial)))


def test_a_document_replaced_is_removed_once_it_expired_and_kept_until_then(network_of_three: Network) -> None:
    world = network_of_three
    a = world.members["a"]
    [first] = _held_serials(a)
    _sync_from(world, a, _document(world, world.directory.identity, serial=99, expires_in=dt.timedelta(hours=1)))
    assert _held_serials(a) == [first, 99]  # the first has not expired: kept
    with a.sessions.begin() as session:  # the first expires now, as the next one comes
        held = session.scalars(select(tables.DirectoryDocument).where(tables.DirectoryDocument.serial == first)).one()
        held.expires_at = dt.datetime.now(dt.UTC)
    _sync_from(world, a, _document(world, world.directory.identity, serial=100, expires_in=dt.timedelta(hours=1)))
    assert _held_serials(a) == [99, 100]
    with a.sessions() as session:
        fetched = session.scalars(
            select(tables.AuditEntry.details)
            .where(tables.AuditEntry.action == "directory_fetched")
            .order_by(tables.AuditEntry.id)
        ).all()
    assert [(line["serial"], line["removed"]) for line in fetched[-2:]] == [(99, 0), (100, 1)]


def test_a_document_altered_in_the_database_is_not_trusted(
    network_of_three: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process checks the signature of the document held when it first reads it (then keeps it)."""
    monkeypatch.setattr("exchange.network._cache", {})  # a process that has not read it yet
    a = network_of_three.members["a"]
    with a.sessions.begin() as session:
        held = session.scalars(select(tables.DirectoryDocument)).one()
        held.xml = held.xml.replace(b"OCMW B", b"OCMW X")
    with a.sessions() as session, pytest.raises(Unavailable, match="not as the directory signed it"):
        current_peers(session, a.membership.network)


def test_a_member_whose_document_expired_neither_asks_nor_answers(network_of_three: Network) -> None:
    a = network_of_three.members["a"]
    with a.sessions() as session:
        held = session.scalars(select(tables.DirectoryDocument)).one()
        current_peers(session, a.membership.network, at=held.expires_at - dt.timedelta(seconds=1))
        with pytest.raises(Unavailable, match="expired"):
            current_peers(session, a.membership.network, at=held.expires_at)


def test_an_import_tells_the_directory_in_calls_of_bounded_size(network_of_three: Network, tmp_path: Path) -> None:
    a = network_of_three.members["a"]
    with a.sessions.begin() as session:
        references.register(session, [ssin_for(dt.date(1990, 1, 1), n) for n in range(1, 4)])
    synced = a.sync()
    assert synced.references_sent == 3
    assert REFERENCES_PER_CALL >= 1000
    assert a.sync().references_sent == 0  # taken once
    with a.sessions() as session:  # and owed no more: the directory holds them
        assert session.scalars(select(tables.PendingReference)).all() == []


def test_the_directory_document_lists_active_members_with_their_certificates(network_of_three: Network) -> None:
    a = network_of_three.members["a"]
    listed = a.peers()
    assert listed.source == "directory"
    assert {peer.kbo: peer.address for peer in listed.peers} == {
        member.kbo: member.address for member in network_of_three.members.values()
    }
    der = a.identity.signing.certificate.public_bytes(serialization.Encoding.DER)
    assert der in listed.client_certificates()


def _request_body(signer: Member, claimed: Member) -> bytes:
    request = model.EsvRequest(
        request_id=f"{claimed.kbo}-{dt.datetime.now(dt.UTC):%H%M%S%f}",
        created_at=dt.datetime.now(dt.UTC),
        requester=claimed.ocmw,
        ssin=SOFIE,
        period=YEAR,
        gpmi_consent=None,
    )
    return serialize(sign(build_tree(request).getroot(), signer.identity.signing).getroottree(), pretty=False)


def _post_request(world: Network, by: Member, to: Member, body: bytes) -> model.EsvResponse:
    from esv.document import read_signed

    with client(to.address, by.membership.tls, (to.identity.signing.certificate,), 5) as http:
        reply = http.post(to.address, content=body, headers={"content-type": "application/xml"})
    return read_signed(reply.content, to.peers().trust(), model.EsvResponse).document


def test_a_request_signed_by_one_member_on_the_connection_of_another_is_refused(world: Network) -> None:
    d, e, a = world.members["d"], world.members["e"], world.members["a"]
    answer = _post_request(world, e, a, _request_body(d, d))
    assert answer.error is not None and answer.error.code.value == "requester_not_trusted"
    assert "connection's certificate" in answer.error.message


def test_a_request_that_claims_another_members_kbo_is_refused(world: Network) -> None:
    d, e, a = world.members["d"], world.members["e"], world.members["a"]
    answer = _post_request(world, d, a, _request_body(d, e))
    assert answer.error is not None and answer.error.code.value == "requester_not_trusted"
    assert f"KBO {e.kbo}" in answer.error.message


def test_a_request_of_a_member_signed_and_sent_by_itself_is_answered(world: Network) -> None:
    d, a = world.members["d"], world.members["a"]
    answer = _post_request(world, d, a, _request_body(d, d))
    assert answer.error is None and answer.status.value == "ok"
