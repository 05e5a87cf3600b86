"""The requester: asks another OCMW for a person's social report, over HTTP, and keeps what comes back.

A request is stored, signed, before it is sent, so nothing is lost: a network failure or a timeout
leaves it ``not_received``, ready to be sent again (``ocmw esv retry``), with the same
``RequestId`` so that the responder answers it once. An answer is kept exactly as received, and is
used only when its signature is by a trusted certificate and it answers this request.
"""

from __future__ import annotations

import ssl
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy.orm import Session, sessionmaker, undefer

from esv import model
from esv.codes import ErrorCode, Status
from esv.document import build_tree, read_signed, serialize
from esv.errors import InvalidDocument, SignatureError
from esv.parsing import DEFAULT_MAX_BYTES, parse_xml
from esv.signing import TrustStore, sign
from exchange.network import DirectoryClient, Membership, client, current_peers
from exchange.peers import Peer, Peers
from exchange.statuses import RequestStatus, SendFailure
from ground import kbo as kbo_number
from ground.errors import InvalidInput, NotFound
from storage import audit, tables
from storage.records import person_name

XML = "application/xml"
PARALLEL_REQUESTS = 8
"""Requests of one ask sent at the same time."""
_ESV_RESPONSE = f"{{{model.NAMESPACE}}}EsvResponse"


_FROM_ANSWER = {
    Status.OK: RequestStatus.RECEIVED,
    Status.UNKNOWN_PERSON: RequestStatus.UNKNOWN_PERSON,
    Status.ERROR: RequestStatus.ERROR,
}


class AlreadyAnswered(InvalidInput):
    """A request whose answer is received is not sent again."""


@dataclass(frozen=True)
class Requester:
    """One OCMW asking: who it is, its membership of the network (how it signs, its TLS certificate,
    its directory or trust folder), where it keeps what it sent."""

    ocmw: model.Ocmw
    membership: Membership
    sessions: sessionmaker[Session]
    timeout: float = 30.0
    max_bytes: int = DEFAULT_MAX_BYTES

    def peers(self) -> Peers:
        with self.sessions() as session:
            return current_peers(session, self.membership.network)

    def ask(
        self,
        *,
        ssin: str,
        period: model.Period,
        consent: model.Consent | None,
        actor: str,
        ocmws: Sequence[str] = (),
    ) -> list[tables.SentRequest]:
        """Ask for a person's social report: the OCMWs named by KBO in ``ocmws``, else those the
        directory finds holding records of the person over the period (or, without a directory,
        every OCMW of the trust folder with an address). One request per OCMW, signed and stored
        before it is sent, all sent at once; each line keeps its own answer."""
        known = self.peers()
        if ocmws:
            if self.ocmw.kbo in ocmws:
                raise InvalidInput(f"KBO {kbo_number.format(self.ocmw.kbo)} is this OCMW itself: it asks other OCMWs")
            asked = [_askable(known.named(kbo)) for kbo in dict.fromkeys(ocmws)]
        elif self.membership.directory_url is not None:
            holders = DirectoryClient(self.membership, self.sessions, self.timeout).lookup(
                ssin, period.begin, period.end, actor=actor
            )
            asked = [peer for peer in known.peers if peer.kbo in holders and peer.address]
        else:
            asked = known.reachable(other_than=self.ocmw.kbo)
        lookup_id = uuid.uuid4().hex
        rows = [self._stored(peer, ssin, period, consent, actor, lookup_id) for peer in asked]
        if not rows:
            return []
        with ThreadPoolExecutor(max_workers=min(PARALLEL_REQUESTS, len(rows))) as pool:
            return list(pool.map(lambda row_id: self.send(row_id, actor=actor), rows))

    def _stored(
        self,
        peer: Peer,
        ssin: str,
        period: model.Period,
        consent: model.Consent | None,
        actor: str,
        lookup_id: str,
    ) -> int:
        """A request to ``peer``, made, signed and stored (``sent``); its row's id."""
        assert peer.address is not None
        request = model.EsvRequest(
            request_id=f"{self.ocmw.kbo}-{uuid.uuid4().hex[:20]}",
            created_at=audit.now(),
            requester=self.ocmw,
            ssin=ssin,
            period=period,
            gpmi_consent=consent,
        )
        body = serialize(sign(build_tree(request).getroot(), self.membership.signing).getroottree(), pretty=False)
        with self.sessions.begin() as session:
            row = tables.SentRequest(
                request_id=request.request_id,
                responder_url=peer.address,
                responder_kbo=peer.kbo or None,
                responder_name=peer.name_nl,
                responder_name_fr=peer.name_fr,
                lookup_id=lookup_id,
                ssin=ssin,
                begin=period.begin,
                end=period.end,
                created_at=request.created_at,
                status=RequestStatus.SENT.value,
                attempts=0,
                history=[],
                request_xml=body,
                archived=False,
            )
            session.add(row)
            session.flush()
            audit.log(
                session,
                actor=actor,
                action="request_sent",
                ssin=ssin,
                request_id=request.request_id,
                to=peer.kbo or peer.address,
                period=[period.begin.isoformat(), period.end.isoformat()],
                consent=None if consent is None else consent.granted,
            )
            return row.id

    def send(self, row_id: int, *, actor: str) -> tables.SentRequest:
        """Send a stored request (again) to the address its OCMW has now, wait for its answer and keep it."""
        with self.sessions.begin() as session:
            row = session.get(tables.SentRequest, row_id, options=[undefer(tables.SentRequest.request_xml)])
            if row is None:
                raise NotFound(f"there is no sent request {row_id}")
            if not RequestStatus(row.status).can_be_sent_again:
                raise AlreadyAnswered(f"request {row_id} is already answered ({row.status}); it is not sent again")
            kbo, url, body = row.responder_kbo, row.responder_url, row.request_xml
        known = self.peers()
        peer = _askable(known.named(kbo)) if kbo else _peer_at(known, url)
        assert peer.address is not None
        try:
            with client(peer.address, self.membership.tls, peer.certificates, self.timeout) as http:
                reply = http.post(peer.address, content=body, headers={"content-type": XML})
        except httpx.TimeoutException:
            reason = f"no answer within {self.timeout:g} s"
            return self._note(row_id, RequestStatus.NOT_RECEIVED, SendFailure.TIMEOUT, reason, actor)
        except (httpx.HTTPError, httpx.InvalidURL, ssl.SSLError) as error:
            reason = f"the responder cannot be reached: {error}"
            return self._note(row_id, RequestStatus.NOT_RECEIVED, SendFailure.UNREACHABLE, reason, actor)
        return self._received(row_id, reply, actor, known, peer)

    def _received(
        self, row_id: int, reply: httpx.Response, actor: str, known: Peers, asked: Peer
    ) -> tables.SentRequest:
        try:
            received = parse_xml(reply.content, max_bytes=self.max_bytes)
        except InvalidDocument:
            received = None
        if received is None or received.getroot().tag != _ESV_RESPONSE:
            kind = reply.headers.get("content-type", "no content type").split(";")[0].strip()
            reason = f"HTTP {reply.status_code} ({kind}) without an ESV answer"
            return self._note(
                row_id, RequestStatus.NOT_RECEIVED, SendFailure.NOT_ESV, reason, actor, http=reply.status_code
            )
        try:
            signed = read_signed(received, asked_trust(asked), model.EsvResponse, max_bytes=self.max_bytes)
        except (InvalidDocument, SignatureError) as refused:
            failure = SendFailure.BAD_SIGNATURE if isinstance(refused, SignatureError) else SendFailure.INVALID_ANSWER
            return self._note(row_id, RequestStatus.REFUSED, failure, _why(refused, known), actor, reply.content)
        answer, signer = signed.document, signed.signer.describe()
        if answer.error is not None and answer.error.code is ErrorCode.INTERNAL_ERROR:  # e.g. its database is down
            reason = f"the responder cannot answer now: {answer.error.message}"
            return self._note(row_id, RequestStatus.NOT_RECEIVED, SendFailure.RESPONDER_UNAVAILABLE, reason, actor)
        with self.sessions.begin() as session:
            row = session.get(tables.SentRequest, row_id)
            assert row is not None
            if answer.request_id != row.request_id:
                reason = f"the answer is to request {answer.request_id}, not to {row.request_id}"
                return self._note(
                    row_id, RequestStatus.REFUSED, SendFailure.OTHER_REQUEST, reason, actor, reply.content
                )
            if asked.kbo and answer.responder.kbo != asked.kbo:
                reason = f"the answer says it is of KBO {answer.responder.kbo}, but is signed by {asked.name_nl}"
                return self._note(
                    row_id, RequestStatus.REFUSED, SendFailure.BAD_SIGNATURE, reason, actor, reply.content
                )
            status = _FROM_ANSWER[answer.status]
            error = f"{answer.error.code.value}: {answer.error.message}" if answer.error else None
            row.status, row.last_error = status.value, error
            row.last_failure = SendFailure.ANSWER_ERROR.value if answer.error else None
            row.received_at = audit.now()
            # The OCMW is named as the directory or the trust folder names the certificate that signed,
            # never as the answer names itself.
            row.responder_kbo, row.signed_by = asked.kbo or None, signer
            row.responder_name, row.responder_name_fr = asked.name_nl, asked.name_fr
            row.response_xml = reply.content
            row.person_name = _person_named(answer, row.ssin)
            _step(row, status, error)
            audit.log(
                session,
                actor=actor,
                action="answer_received",
                ssin=row.ssin,
                request_id=row.request_id,
                status=status.value,
                signed_by=signer,
            )
            return row

    def _note(
        self,
        row_id: int,
        status: RequestStatus,
        failure: SendFailure,
        reason: str,
        actor: str,
        content: bytes | None = None,
        *,
        http: int | None = None,
    ) -> tables.SentRequest:
        with self.sessions.begin() as session:
            row = session.get(tables.SentRequest, row_id)
            assert row is not None
            row.status, row.last_error, row.last_failure = status.value, reason, failure.value
            if content is not None:
                row.response_xml, row.received_at = content, audit.now()
            _step(row, status, reason, http)
            audit.log(
                session,
                actor=actor,
                action=f"request_{status.value}",
                ssin=row.ssin,
                request_id=row.request_id,
                reason=reason,
            )
            return row


def _step(row: tables.SentRequest, status: RequestStatus, note: str | None, http: int | None = None) -> None:
    """One more attempt, written in the request's history (with the HTTP status of a reply that
    was no ESV answer)."""
    row.attempts += 1
    entry: dict[str, Any] = {"at": audit.now().isoformat(timespec="seconds"), "status": status.value}
    if http is not None:
        entry["http_status"] = http
    if note:
        entry["note"] = note
    row.history = [*row.history, entry]


def _person_named(answer: model.EsvResponse, ssin: str) -> str | None:
    """The name a trusted answer gives the person asked for, for the lists."""
    dossiers = answer.social_report.dossiers if answer.social_report else ()
    person = next((d.main_beneficiary for d in dossiers if d.main_beneficiary.ssin == ssin), None)
    return person_name(person.last_name, person.first_name) if person else None


def _why(refused: Exception, known: Peers) -> str:
    if isinstance(refused, InvalidDocument):
        return "the answer is not a valid ESV answer: " + "; ".join(p.message for p in refused.problems[:3])
    return f"the answer is refused: {refused}"


def asked_trust(peer: Peer) -> TrustStore:
    """The certificates an answer of ``peer`` may be signed with: its own only."""
    return TrustStore(peer.certificates)


def _askable(peer: Peer) -> Peer:
    if not peer.address:
        raise InvalidInput(f"{peer.name_nl} cannot be asked: no address is known for it")
    return peer


def _peer_at(known: Peers, url: str) -> Peer:
    """The peer of a request stored before requests named their OCMW's KBO: by its address."""
    found = next((peer for peer in known.peers if peer.address == url), None)
    if found is None:
        raise NotFound(f"{url} is not the address of an OCMW of the {known.source}")
    return found


def responder_address(url: str) -> str:
    """``url`` if it is an http(s) address with a host; ``InvalidInput`` saying what is wrong otherwise."""
    example = "http(s)://host[:port]/esv/requests"
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as error:
        raise InvalidInput(f"{url!r} is not a web address ({error}); expected {example}") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise InvalidInput(f"{url!r} is not a web address; expected {example}")
    return url
