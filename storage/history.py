"""A person's consultation history (article 15 of the GDPR: who received their data, and what): every
line of the audit log about the person that says their data was asked for, answered, refused or
viewed, over a period, with the names the requests tables give the other OCMW of each line. What
the lines' details say is read by the exchange that wrote them (``exchange.consultations``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from esv.disclosure import BELGIAN_TIME
from storage import tables
from storage.audit import log

SENT_ACTIONS = frozenset(
    {"request_sent", "answer_received", "request_not_received", "request_refused", "report_viewed", "contract_viewed"}
)
"""The lines about a request this OCMW sent: the other OCMW is the one it was sent to."""
ANSWERED_ACTIONS = frozenset({"answer_sent", "answer_repeated"})
"""The lines about a request this OCMW answered: the other OCMW is the one that asked."""
CONSULTATIONS = SENT_ACTIONS | ANSWERED_ACTIONS | {"directory_lookup"}
"""Every action of the audit log that is a consultation of the person's data."""
ANSWERED_LIST = "answered_requests"
"""A view's ``list`` when it was of an answer this OCMW sent (``exchange.listing.sent_answer``)."""
PURGED_ACTIONS = ("report_purged", "answer_purged")
"""The lines a purge writes for the requests sent and answered it removes (``storage.retention``): they keep
the other OCMW's KBO and names for the lines about those requests."""

_sent, _answered = tables.SentRequest, tables.AnsweredRequest
Names = tuple[ColumnElement[str], ColumnElement[str]]
RESPONDER_NAMES: Names = (
    func.coalesce(_sent.responder_name, _sent.responder_url),
    func.coalesce(_sent.responder_name_fr, _sent.responder_name, _sent.responder_url),
)
"""The Dutch and French names of the OCMW a request was sent to (its address when no name was known)."""
REQUESTER_NAMES: Names = (
    _answered.requester_name.expression,
    func.coalesce(_answered.requester_name_fr, _answered.requester_name),
)
"""The Dutch and French names of the OCMW that sent a request answered."""


@dataclass(frozen=True)
class Counterpart:
    """The other OCMW of a consultation, named as the directory or the trust folder named it then."""

    kbo: str | None
    name_nl: str
    name_fr: str


@dataclass(frozen=True)
class Consultation:
    """One line of the audit log about the person: when, what, who did it, what it says, and the
    other OCMW (none for a lookup in the directory, or a request removed by a purge that kept no names)."""

    id: int
    at: dt.datetime
    action: str
    actor: str
    details: dict[str, Any]
    ocmw: Counterpart | None

    @property
    def of_answered_request(self) -> bool:
        """About a request this OCMW answered (an answer sent, or viewed), not one it sent."""
        return _of_answered_request(self.action, self.details)


def _of_answered_request(action: str, details: dict[str, Any]) -> bool:
    return action in ANSWERED_ACTIONS or details.get("list") == ANSWERED_LIST


def consultations(
    session: Session,
    ssin: str,
    *,
    begin: dt.date | None = None,
    end: dt.date | None = None,
    actor: str,
    shown_as: str,
) -> list[Consultation]:
    """The person's consultations from the day ``begin`` to the day ``end`` (both in Belgian time,
    both included; ``None``: from the first, or to the last), in the order they happened. Reading
    them is written to the audit log (``consultations_listed``, ``shown_as`` a table, a letter...),
    which is no consultation of the person's data itself."""
    audit = tables.AuditEntry
    query = select(audit.id, audit.at, audit.action, audit.actor, audit.details).where(
        audit.ssin == ssin, audit.action.in_(CONSULTATIONS)
    )
    if begin is not None:
        query = query.where(audit.at >= _midnight(begin))
    if end is not None:
        query = query.where(audit.at < _midnight(end + dt.timedelta(days=1)))
    lines = session.execute(query.order_by(audit.id)).all()
    period = [day.isoformat() if day else None for day in (begin, end)]
    log(session, actor=actor, action="consultations_listed", ssin=ssin, period=period, shown_as=shown_as)
    request_ids = {line.details.get("request_id") for line in lines} - {None}
    purged = _purged(session, ssin, request_ids)
    sent = purged["report_purged"] | _sent_to(session, request_ids)
    answered = purged["answer_purged"] | _asked_by(session, ssin, request_ids)
    return [
        Consultation(
            line.id,
            line.at,
            line.action,
            line.actor,
            line.details,
            (answered if _of_answered_request(line.action, line.details) else sent).get(line.details.get("request_id")),
        )
        for line in lines
    ]


def person_name(session: Session, ssin: str) -> str | None:
    """The person's first and last name, when the OCMW holds records of them."""
    person = session.scalars(select(tables.Person).where(tables.Person.ssin == ssin)).first()
    return f"{person.first_name} {person.last_name}".strip() or None if person is not None else None


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), BELGIAN_TIME)


def _sent_to(session: Session, request_ids: set[str]) -> dict[str, Counterpart]:
    rows = session.execute(
        select(_sent.request_id, _sent.responder_kbo, *RESPONDER_NAMES).where(_sent.request_id.in_(request_ids))
    )
    return {request_id: Counterpart(kbo, name_nl, name_fr) for request_id, kbo, name_nl, name_fr in rows}


def _asked_by(session: Session, ssin: str, request_ids: set[str]) -> dict[str, Counterpart]:
    rows = session.execute(
        select(_answered.request_id, _answered.requester_kbo, *REQUESTER_NAMES)
        .where(_answered.ssin == ssin, _answered.request_id.in_(request_ids))
        .order_by(_answered.id)
    )  # fmt: skip
    return {request_id: Counterpart(kbo, name_nl, name_fr) for request_id, kbo, name_nl, name_fr in rows}


def _purged(session: Session, ssin: str, request_ids: set[str]) -> dict[str, dict[str, Counterpart]]:
    """The other OCMW of each request a purge removed, from the purge's line, by its action; a purge line
    that holds no names (an earlier version wrote none) names nothing, and the line about the request then
    says what it holds."""
    audit = tables.AuditEntry
    lines = session.execute(
        select(audit.action, audit.details)
        .where(audit.ssin == ssin, audit.action.in_(PURGED_ACTIONS))
        .order_by(audit.id)
    )  # fmt: skip
    named: dict[str, dict[str, Counterpart]] = {action: {} for action in PURGED_ACTIONS}
    for action, details in lines:
        if details.get("request_id") in request_ids and "name_nl" in details:
            named[action][details["request_id"]] = Counterpart(details["ocmw"], details["name_nl"], details["name_fr"])
    return named
