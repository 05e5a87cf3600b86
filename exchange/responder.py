"""The responder: answers an ``EsvRequest`` automatically, with a signed ``EsvResponse``.

In order: the size limit, safe parsing, the requester's signature against the trust store (only
the signed content is read after that), the format and its rules, then the records. The same
``RequestId`` from the same requester gets the answer it got the first time. Every answer is
written to the audit log, in the transaction that stores it, before it is sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, bindparam, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from directory.http import UNKNOWN_PEER
from esv import model
from esv.codes import ErrorCode, Status, WithheldReason
from esv.disclosure import BELGIAN_TIME, decisions_in_period, disclose_gpmi, validated_outside
from esv.document import InvalidSignedDocument, build_tree, read_signed, serialize
from esv.errors import InvalidDocument, Problem, SignatureError, UnsignedDocument, UntrustedSigner
from esv.outline import UNKNOWN_REQUEST_ID, RequestOutline, claimed_request_id, outline
from esv.parsing import parse_xml
from esv.signing import Signer, SigningIdentity, sign
from exchange.peers import Peer, Peers
from ground.errors import Unavailable
from storage import audit, records, tables
from storage.database import writer_lock


@dataclass(frozen=True)
class Made:
    """An answer made for a request, with what the lists and the audit log say of it."""

    answer: Answer
    requester_kbo: str
    requester_name: str
    requester_name_fr: str
    ssin: str | None
    period: tuple[dt.date | None, dt.date | None]
    consent: dict[str, Any] | None
    disclosed: dict[str, Any]


@dataclass(frozen=True)
class Answer:
    """What goes back over HTTP: a status code and a signed ``EsvResponse``."""

    http_status: int
    body: bytes
    status: Status
    error_code: ErrorCode | None = None


class DatabaseUnavailable(Unavailable):
    """The OCMW's database cannot be used right now."""


@dataclass(frozen=True)
class Responder:
    """One OCMW answering: who it is, how it signs, whom it trusts now (the OCMWs of its directory
    document or of its trust folder), where its records are."""

    ocmw: model.Ocmw
    identity: SigningIdentity
    peers: Callable[[], Peers]
    sessions: sessionmaker[Session]
    max_bytes: int

    def answer(self, body: bytes, peer: str = UNKNOWN_PEER, tls_fingerprint: str | None = None) -> Answer:
        """The answer to the bytes of a request, sent from ``peer`` (for the audit log of refusals)
        on a TLS connection made with the certificate of ``tls_fingerprint``, if over TLS."""
        if len(body) > self.max_bytes:
            message = f"the request is {len(body):,} bytes, more than the limit of {self.max_bytes:,} bytes"
            return self.refuse(ErrorCode.TOO_LARGE, message, peer=peer)
        try:
            received = parse_xml(body, max_bytes=self.max_bytes)
        except InvalidDocument as invalid:
            return self.refuse(ErrorCode.INVALID_REQUEST, _sentences(invalid.problems), peer=peer)
        request_id = claimed_request_id(received)
        known = self.peers()
        try:
            signed = read_signed(received, known.trust(), model.EsvRequest, max_bytes=self.max_bytes)
        except (UnsignedDocument, UntrustedSigner) as refused:
            return self.refuse(ErrorCode.REQUESTER_NOT_TRUSTED, str(refused), request_id, peer=peer)
        except SignatureError as broken:
            return self.refuse(ErrorCode.SIGNATURE_INVALID, str(broken), request_id, peer=peer)
        except InvalidSignedDocument as invalid:
            refusal = self.error(_code_of(invalid.problems), _sentences(invalid.problems), request_id)
            if request_id == UNKNOWN_REQUEST_ID:
                return refusal
            said, signed_by = outline(invalid.tree), known.of_signer(invalid.signer)
            assert signed_by is not None  # the trust is the peers' certificates
            return self._stored(invalid.signer, request_id, lambda session: _refused(said, signed_by, refusal))
        request, asking = signed.document, known.of_signer(signed.signer)
        assert asking is not None  # the trust is the peers' certificates
        if tls_fingerprint is not None and tls_fingerprint not in asking.fingerprints:
            message = f"the connection's certificate is not one of {asking.name_nl}, whose certificate signed"
            return self.refuse(ErrorCode.REQUESTER_NOT_TRUSTED, message, request_id, peer=peer)
        if asking.kbo and request.requester.kbo != asking.kbo:
            message = (
                f"the request says it comes from KBO {request.requester.kbo}, but it is signed by the certificate of "
                f"{asking.name_nl} (KBO {asking.kbo})"
            )
            return self.refuse(ErrorCode.REQUESTER_NOT_TRUSTED, message, request_id, peer=peer)
        return self._stored(signed.signer, request.request_id, lambda session: self._answered(session, request, asking))

    def _stored(self, signer: Signer, request_id: str, make: Callable[[Session], Made]) -> Answer:
        try:
            return self._once(signer, request_id, make)
        except DBAPIError as error:
            raise DatabaseUnavailable(str(error.orig)) from None

    def error(self, code: ErrorCode, message: str, request_id: str = UNKNOWN_REQUEST_ID) -> Answer:
        """A signed error answer, with the HTTP status of its kind of error."""
        response = model.EsvResponse(
            request_id=request_id,
            responded_at=audit.now(),
            responder=self.ocmw,
            status=Status.ERROR,
            error=model.ResponseError(code=code, message=message[:4000]),
        )
        return Answer(code.kind.http_status, self._signed(response), Status.ERROR, code)

    def refuse(
        self,
        code: ErrorCode,
        message: str,
        request_id: str = UNKNOWN_REQUEST_ID,
        *,
        peer: str = UNKNOWN_PEER,
    ) -> Answer:
        """A signed error answer to a request that cannot be tied to a trusted requester, written to
        the audit log before it is sent (it is not kept as an answered request: nothing proves who
        asked, so a repeat is refused again, not looked up)."""
        answer = self.error(code, message, request_id)
        try:
            with self.sessions() as session, writer_lock(session.get_bind()):
                audit.log(
                    session,
                    actor=f"unverified sender at {peer}",
                    action="refusal_sent",
                    request_id=request_id,
                    http_status=answer.http_status,
                    error_code=code.value,
                    reason=message[:1000],
                )
                session.commit()
        except DBAPIError as error:
            raise DatabaseUnavailable(str(error.orig)) from None
        return answer

    def _signed(self, response: model.EsvResponse) -> bytes:
        return serialize(sign(build_tree(response).getroot(), self.identity).getroottree(), pretty=False)

    def _once(self, signer: Signer, request_id: str, make: Callable[[Session], Made]) -> Answer:
        """The answer made for this request, stored and written to the audit log before it is sent;
        or, if this requester asked this ``RequestId`` before, the answer it got then."""
        try:
            with self.sessions() as session:
                found = _answered(session, signer, request_id)
                if found is not None:
                    return _again(session, found, signer)
                made = make(session)
                with writer_lock(session.get_bind()):  # the reading and signing are done: a short write
                    _store(session, signer, request_id, made)
                    session.commit()
                return made.answer
        except IntegrityError:  # the same request, answered meanwhile by another worker: send that answer
            with self.sessions() as session:
                found = _answered(session, signer, request_id)
                assert found is not None
                return _again(session, found, signer)

    def _answered(self, session: Session, request: model.EsvRequest, asking: Peer) -> Made:
        person = records.person_records(session, request.ssin)
        disclosed: dict[str, Any] = {}
        if person is None:
            response = model.EsvResponse(
                request_id=request.request_id,
                responded_at=audit.now(),
                responder=self.ocmw,
                status=Status.UNKNOWN_PERSON,
            )
        else:
            report = self._report(session, person, request, disclosed)
            response = model.EsvResponse(
                request_id=request.request_id,
                responded_at=audit.now(),
                responder=self.ocmw,
                status=Status.OK,
                social_report=report,
            )
        return Made(
            answer=Answer(200, self._signed(response), response.status),
            requester_kbo=request.requester.kbo,
            requester_name=asking.name_nl,  # as the directory or the trust folder names the signer
            requester_name_fr=asking.name_fr,
            ssin=request.ssin,
            period=(request.period.begin, request.period.end),
            consent=_consent(request.gpmi_consent),
            disclosed=disclosed,
        )

    def _report(
        self, session: Session, person: records.PersonRecords, request: model.EsvRequest, disclosed: dict[str, Any]
    ) -> model.SocialReport:
        dossiers = []
        for dossier in person.dossiers:
            decisions = decisions_in_period(dossier.decisions, request.period)
            gpmi = disclose_gpmi(
                dossier.contracts,
                consent=request.gpmi_consent,
                requested_at=request.created_at,
                period=request.period,
                contract_pdf=lambda contract_id, version: records.contract_pdf(session, contract_id, version),
            )
            dossiers.append(
                model.Dossier(
                    dossier_id=dossier.dossier_id,
                    main_beneficiary=person.person,
                    decisions=decisions,
                    gpmi=gpmi,
                )
            )
            disclosed[dossier.dossier_id] = {
                "decisions": [decision.number for decision in decisions],
                "gpmi": _gpmi_said(gpmi, validated_outside(dossier.contracts, request.period)),
            }
        return model.SocialReport(
            created_on=dt.datetime.now(BELGIAN_TIME).date(), ocmw=self.ocmw, dossiers=tuple(dossiers)
        )


def _refused(request: RequestOutline, signed_by: Peer, refusal: Answer) -> Made:
    """An invalid request of a trusted requester: what can be read of it, kept with the refusal, the
    requester named as the certificate that signed it is."""
    return Made(
        answer=refusal,
        requester_kbo=signed_by.kbo or request.requester_kbo,
        requester_name=signed_by.name_nl,
        requester_name_fr=signed_by.name_fr,
        ssin=request.ssin,
        period=(request.begin, request.end),
        consent=None,
        disclosed={},
    )


_answers = tables.table_of(tables.AnsweredRequest)
_STORE_ANSWER = insert(_answers)
_FIND_ANSWER = select(
    _answers.c.id,
    _answers.c.request_id,
    _answers.c.requester_kbo,
    _answers.c.requester_name,
    _answers.c.ssin,
    _answers.c.status,
    _answers.c.error_code,
    _answers.c.times_asked,
    _answers.c.response_xml,
).where(_answers.c.requester_fingerprint == bindparam("fingerprint"), _answers.c.request_id == bindparam("request_id"))
_ASKED_AGAIN = (
    update(_answers).where(_answers.c.id == bindparam("answer_id")).values(times_asked=_answers.c.times_asked + 1)
)


def _answered(session: Session, signer: Signer, request_id: str) -> Row[*tuple[Any, ...]] | None:
    found = session.connection().execute(_FIND_ANSWER, {"fingerprint": signer.fingerprint, "request_id": request_id})
    return found.first()


def _store(session: Session, signer: Signer, request_id: str, made: Made) -> None:
    """Keep the answer made, and write it to the audit log."""
    code = made.answer.error_code.value if made.answer.error_code else None
    session.connection().execute(
        _STORE_ANSWER,
        {
            "requester_fingerprint": signer.fingerprint,
            "request_id": request_id,
            "requester_kbo": made.requester_kbo,
            "requester_name": made.requester_name,
            "requester_name_fr": made.requester_name_fr,
            "signed_by": signer.name,
            "ssin": made.ssin,
            "begin": made.period[0],
            "end": made.period[1],
            "received_at": audit.now(),
            "status": made.answer.status.value,
            "error_code": code,
            "times_asked": 1,
            "response_xml": made.answer.body,
            "archived": False,
        },
    )
    audit.log(
        session,
        actor=_actor(made.requester_name, made.requester_kbo, signer),
        action="answer_sent",
        ssin=made.ssin,
        request_id=request_id,
        period=[day.isoformat() if day else None for day in made.period],
        status=made.answer.status.value,
        error_code=code,
        consent=made.consent,
        disclosed=made.disclosed,
    )


def _again(session: Session, found: Row[*tuple[Any, ...]], signer: Signer) -> Answer:
    """The answer already given to this request, given again (and said in the audit log)."""
    with writer_lock(session.get_bind()):
        session.connection().execute(_ASKED_AGAIN, {"answer_id": found.id})
        audit.log(
            session,
            actor=_actor(found.requester_name, found.requester_kbo, signer),
            action="answer_repeated",
            ssin=found.ssin,
            request_id=found.request_id,
            times_asked=found.times_asked + 1,
        )
        session.commit()
    code = ErrorCode(found.error_code) if found.error_code else None
    return Answer(code.kind.http_status if code else 200, found.response_xml, Status(found.status), code)


def _actor(name: str, kbo: str, signer: Signer) -> str:
    return f"{name} ({kbo}), signed by {signer.name} [{signer.fingerprint}]"


def _consent(consent: model.Consent | None) -> dict[str, Any] | None:
    if consent is None:
        return None
    return {"from": consent.from_date.isoformat(), "to": consent.to_date.isoformat(), "granted": consent.granted}


def _gpmi_said(gpmi: model.Gpmi | model.GpmiWithheld | None, outside: tuple[str, ...]) -> dict[str, Any] | None:
    """What the audit log keeps of a dossier's GPMI; for ``no_validated_contract``, which of its two
    cases it was: no validated contract at all, or only ones outside the period asked (``outside``)."""
    if isinstance(gpmi, model.Gpmi):
        return {"contract_id": gpmi.contract_id, "version": gpmi.version, "sha256": gpmi.contract.sha256}
    if isinstance(gpmi, model.GpmiWithheld):
        said: dict[str, Any] = {"withheld": gpmi.reason.value}
        if gpmi.reason is WithheldReason.NO_VALIDATED_CONTRACT:
            said["validated_outside_period"] = list(outside)
        return said
    return None


def _code_of(problems: list[Problem]) -> ErrorCode:
    """``invalid_ssin`` or ``invalid_period`` when that is all that is wrong, else ``invalid_request``."""
    if all(problem.path.endswith("/Ssin") for problem in problems):
        return ErrorCode.INVALID_SSIN
    if all("/Period" in problem.path for problem in problems):
        return ErrorCode.INVALID_PERIOD
    return ErrorCode.INVALID_REQUEST


def _sentences(problems: list[Problem]) -> str:
    return "\n".join(f"line {problem.line}: {problem.path}: {problem.message}" for problem in problems)
