"""The two lists of the "Consult ESV" screens: the requests this OCMW answered ("Aanvragen ESV")
and the answers it received to its own requests ("Antwoorden ESV"), filtered and paged; a line's
answer, read for a person (and written to the audit log); archiving a line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, undefer

from esv.codes import Status
from exchange.statuses import RequestStatus, SendFailure
from ground import ssin as ssin_number
from ground.errors import NotFound
from ground.lang import Lang, Translated, labelled
from ground.numbers import Counted, counted, written
from storage import audit, tables
from storage.records import person_name

Line = TypeVar("Line")

ANSWERED_LABELS: dict[Status, Translated] = {
    Status.OK: {"nl": "Antwoord verzonden", "fr": "Réponse envoyée"},
    Status.UNKNOWN_PERSON: {"nl": "Onbekende persoon", "fr": "Personne inconnue"},
    Status.ERROR: {"nl": "Antwoord met fout verzonden", "fr": "Réponse avec erreur envoyée"},
}
"""The statuses of the answers this OCMW sent, as the list "Aanvragen ESV" names them."""

HEADINGS: dict[str, Translated] = {
    "requester": {"nl": "Aanvragend OCMW", "fr": "CPAS demandeur"},
    "responder": {"nl": "Afgevend OCMW", "fr": "CPAS émetteur"},
    "ssin": {"nl": "INSZ", "fr": "NISS"},
    "begin": {"nl": "Begindatum", "fr": "Date de début"},
    "end": {"nl": "Einddatum", "fr": "Date de fin"},
    "status": {"nl": "Status", "fr": "Statut"},
    "received": {"nl": "Datum van ontvangst", "fr": "Date de réception"},
    "history": {"nl": "Geschiedenis", "fr": "Historique"},
    "person": {"nl": "Persoon", "fr": "Personne"},
    "asked": {"nl": "{} keer gevraagd", "fr": "demandé {} fois"},
    "requests": {"nl": "Aanvragen ESV", "fr": "Demandes RSE"},
    "answers": {"nl": "Antwoorden ESV", "fr": "Réponses RSE"},
}
"""The words of the two lists' headings, as the slides write them."""

COUNTED: dict[str, Counted] = {
    "attempts": {"nl": ("{n} poging", "{n} pogingen"), "fr": ("{n} essai", "{n} essais")},
    "lines": {"nl": ("{n} regel", "{n} regels"), "fr": ("{n} ligne", "{n} lignes")},
}
"""The words of the lists that count: a request's attempts, a list's lines."""


LIMIT = 10_000
"""The lines a list offers: counted exactly up to this many and paged, the newest first; a list that
holds more offers its newest this many, and says so. Counting and paging a list of a million lines
takes longer than a reader waits (docs/exchange.md: the lists at scale); one person's lines are
always all there."""


@dataclass(frozen=True)
class Page(Generic[Line]):
    """One page of a list: its lines, which page of how many, and how many lines the list offers."""

    lines: list[Line]
    page: int
    pages: int
    total: int
    """The lines of the list, up to ``LIMIT``."""
    more: bool = False
    """The list holds more than ``LIMIT`` lines; its pages are those of the newest ``LIMIT``."""

    def said(self, lang: Lang) -> str:
        """How many lines in all and, when there is more than one page, which page of how many:
        "pagina 1 van 2 (3 regels)", "1 regel"; of a list that holds more than it offers, that it
        shows the newest and how to find the older ones."""
        lines = counted(COUNTED["lines"], self.total, lang)
        if self.pages == 1 and not self.more:
            return lines
        which = _PAGE_OF[lang].format(written(self.page, lang), written(self.pages, lang))
        return f"{which} ({_MORE[lang].format(written(self.total, lang)) if self.more else lines})"


_PAGE_OF: Translated = {"nl": "pagina {} van {}", "fr": "page {} sur {}"}
_MORE: Translated = {
    "nl": "meer dan {0} in totaal: de nieuwste {0} worden getoond; kies een INSZ voor de oudere",
    "fr": "plus de {0} au total : les {0} plus récentes sont affichées ; choisissez un NISS pour les plus anciennes",
}


def history(attempts: int, failure: str | None, lang: Lang) -> str:
    """A sent request's attempts, and why the last brought no usable answer, in ``lang`` (the English
    detail stays in ``last_error``, for the audit log)."""
    said = counted(COUNTED["attempts"], attempts, lang)
    return labelled(said, SendFailure(failure).label(lang), lang) if failure else said


@dataclass(frozen=True)
class AnswerLine:
    """A request this OCMW sent, and where its answer stands."""

    id: int
    ocmw: str
    person: str
    """The person's name as the answer gives it, else as this OCMW's records do, else empty."""
    ssin: str
    begin: dt.date
    end: dt.date
    status: RequestStatus
    received_at: dt.datetime | None
    attempts: int
    last_error: str | None
    last_failure: str | None
    archived: bool


@dataclass(frozen=True)
class RequestLine:
    """A request this OCMW answered."""

    id: int
    ocmw: str
    person: str
    """The person's name as this OCMW's records hold it; empty for a person it does not know."""
    ssin: str | None
    begin: dt.date | None
    end: dt.date | None
    status: Status
    received_at: dt.datetime
    times_asked: int
    archived: bool


Listed = TypeVar("Listed", tables.SentRequest, tables.AnsweredRequest)


def _page(
    session: Session,
    entity: type[Listed],
    instant: InstrumentedAttribute[dt.datetime],
    line: Callable[[Listed, str | None, str | None], Line],
    *,
    status: str | None,
    ssin: str | None,
    archived: bool,
    page: int,
    per_page: int,
) -> Page[Line]:
    """One page of a list, newest first (by ``instant``, then by id), its lines made by ``line`` (of a
    row and the person's last and first name in this OCMW's records), and where it stands; a page
    beyond the last is the last. The count stops after ``LIMIT`` lines, and the
    page's place is found in the index alone: both read at most ``LIMIT`` entries of it."""
    conditions = [entity.archived == archived]
    if status is not None:
        conditions.append(entity.status == status)
    if ssin is not None:
        conditions.append(entity.ssin == ssin_number.compact(ssin))
    first_ids = select(entity.id).where(*conditions).limit(LIMIT + 1).subquery()
    total = session.scalar(select(func.count()).select_from(first_ids)) or 0
    offered = min(total, LIMIT)
    pages = max(1, -(-offered // per_page))
    page = min(max(page, 1), pages)
    newest_first = (instant.desc(), entity.id.desc())
    shown = select(entity.id).where(*conditions).order_by(*newest_first)
    shown = shown.limit(min(per_page, offered - (page - 1) * per_page)).offset((page - 1) * per_page)
    rows = session.execute(
        select(entity, *_NAMES)
        .outerjoin(tables.Person, tables.Person.ssin == entity.ssin)
        .where(entity.id.in_(shown))
        .order_by(*newest_first)
    )
    return Page([line(*row) for row in rows], page, pages, offered, more=total > LIMIT)


_NAMES = (tables.Person.last_name, tables.Person.first_name)
"""The person's name in this OCMW's own records, beside a line."""


def _recorded_name(last_name: str | None, first_name: str | None) -> str:
    return person_name(last_name, first_name or "") if last_name else ""


def responder_name(row: tables.SentRequest, lang: Lang) -> str:
    """The OCMW a request was sent to, named in ``lang`` as the directory or the trust folder names it."""
    return (row.responder_name_fr if lang == "fr" else None) or row.responder_name or row.responder_url


def answers(
    session: Session,
    *,
    status: RequestStatus | None = None,
    ssin: str | None = None,
    archived: bool = False,
    page: int = 1,
    per_page: int = 20,
    lang: Lang = "nl",
) -> Page[AnswerLine]:
    """The requests this OCMW sent, newest first, each OCMW named in ``lang``."""

    def line(row: tables.SentRequest, last_name: str | None, first_name: str | None) -> AnswerLine:
        return AnswerLine(
            id=row.id,
            ocmw=responder_name(row, lang),
            person=row.person_name or _recorded_name(last_name, first_name),
            ssin=row.ssin,
            begin=row.begin,
            end=row.end,
            status=RequestStatus(row.status),
            received_at=row.received_at,
            attempts=row.attempts,
            last_error=row.last_error,
            last_failure=row.last_failure,
            archived=row.archived,
        )

    return _page(
        session,
        tables.SentRequest,
        tables.SentRequest.created_at,
        line,
        status=status.value if status is not None else None,
        ssin=ssin,
        archived=archived,
        page=page,
        per_page=per_page,
    )


def requests(
    session: Session,
    *,
    status: str | None = None,
    ssin: str | None = None,
    archived: bool = False,
    page: int = 1,
    per_page: int = 20,
    lang: Lang = "nl",
) -> Page[RequestLine]:
    """The requests this OCMW answered, newest first, each OCMW named in ``lang``."""

    def line(row: tables.AnsweredRequest, last_name: str | None, first_name: str | None) -> RequestLine:
        return RequestLine(
            id=row.id,
            ocmw=other_ocmw(row, lang),
            person=_recorded_name(last_name, first_name),
            ssin=row.ssin,
            begin=row.begin,
            end=row.end,
            status=Status(row.status),
            received_at=row.received_at,
            times_asked=row.times_asked,
            archived=row.archived,
        )

    return _page(
        session,
        tables.AnsweredRequest,
        tables.AnsweredRequest.received_at,
        line,
        status=status,
        ssin=ssin,
        archived=archived,
        page=page,
        per_page=per_page,
    )


def line_of(
    session: Session, kind: type[tables.SentRequest] | type[tables.AnsweredRequest], row_id: int
) -> tables.SentRequest | tables.AnsweredRequest:
    """The line ``row_id`` of a list; ``NotFound`` when there is none."""
    row: tables.SentRequest | tables.AnsweredRequest | None = session.get(kind, row_id)  # type: ignore[assignment]
    if row is None:
        raise NotFound(f"there is no {kind.__tablename__.replace('_', ' ')[:-1]} {row_id}")
    return row


def other_ocmw(row: tables.SentRequest | tables.AnsweredRequest, lang: Lang) -> str:
    """The other OCMW of a line, named in ``lang``: the one asked, or the one that asked."""
    if isinstance(row, tables.SentRequest):
        return responder_name(row, lang)
    return (row.requester_name_fr if lang == "fr" else None) or row.requester_name


def archive(
    session: Session,
    kind: type[tables.SentRequest] | type[tables.AnsweredRequest],
    row_id: int,
    *,
    actor: str,
    archived: bool = True,
) -> None:
    """Move a line out of its list (it stays in the database and in the audit log), or, with
    ``archived=False``, back into it; either is audited (``archived``, ``unarchived``)."""
    row = line_of(session, kind, row_id)
    row.archived = archived
    action = "archived" if archived else "unarchived"
    audit.log(session, actor=actor, action=action, ssin=row.ssin, list=kind.__tablename__, id=row_id)


@dataclass(frozen=True)
class StoredAnswer:
    """An answer as it was received or sent, to show: its bytes and what it answered (the person and
    the period asked; unknown when the request could not be read)."""

    content: bytes
    ssin: str | None
    request_id: str
    status: str
    begin: dt.date | None
    end: dt.date | None


def received_answer(session: Session, row_id: int, *, actor: str, action: str = "report_viewed") -> StoredAnswer:
    """The answer received to sent request ``row_id``, as received; ``NotFound`` when there is no
    such request, or no answer to show (none came, or the one that came was refused). The reading
    is written to the audit log."""
    row = session.get(tables.SentRequest, row_id, options=[undefer(tables.SentRequest.response_xml)])
    if row is None:
        raise NotFound(f"there is no sent request {row_id} (see `ocmw esv answers`)")
    if row.response_xml is None or not RequestStatus(row.status).can_be_read:
        raise NotFound(
            f"request {row_id} has no answer to show ({row.status}); send it again with `ocmw esv retry {row_id}`"
        )
    audit.log(session, actor=actor, action=action, ssin=row.ssin, request_id=row.request_id)
    return StoredAnswer(row.response_xml, row.ssin, row.request_id, row.status, row.begin, row.end)


def sent_answer(session: Session, row_id: int, *, actor: str) -> StoredAnswer:
    """The answer this OCMW sent to answered request ``row_id``; the reading is written to the audit log."""
    row = session.get(tables.AnsweredRequest, row_id, options=[undefer(tables.AnsweredRequest.response_xml)])
    if row is None:
        raise NotFound(f"there is no answered request {row_id}")
    audit.log(
        session, actor=actor, action="report_viewed", ssin=row.ssin, request_id=row.request_id, list="answered_requests"
    )
    return StoredAnswer(row.response_xml, row.ssin, row.request_id, row.status, row.begin, row.end)
