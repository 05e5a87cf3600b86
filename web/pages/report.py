"""The report view ("Consult ESV"): a received answer, its signature verified again against the
trust store, laid out like the slide, with its GPMI contract shown in the page and downloadable;
and the answer this OCMW sent to a request it answered. Every view is written to the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter
from lxml import etree
from sqlalchemy.orm import undefer
from starlette.requests import Request
from starlette.responses import Response

from esv.attachments import gpmi_parts, safe_filename
from esv.document import read_tree
from esv.errors import InvalidDocument, SignatureError
from esv.model import Document, Gpmi
from esv.parsing import parse_xml
from esv.show import WORDS as SHOW_WORDS
from esv.show import Wording
from esv.signing import verify
from exchange import audit, tables
from exchange.requester import RequestStatus
from web import sessions
from web.accounts import Account
from web.context import pages_of
from web.guards import SignedIn
from web.rendering import page, words

router = APIRouter()
READABLE = (RequestStatus.RECEIVED, RequestStatus.UNKNOWN_PERSON, RequestStatus.ERROR)
"""The statuses whose answer is a trusted ESV answer (a refused one is kept, never shown)."""


@dataclass(frozen=True)
class Reading:
    """A stored answer read for a person: the document, or why it is not shown, and the signature line."""

    document: Document | None
    signature: str
    verified: bool
    problems: list[str]


def _received(request: Request, row_id: int, account: Account, action: str) -> tuple[tables.SentRequest, Reading]:
    """The answer to sent request ``row_id``, verified and read; the reading is audited."""
    pages = pages_of(request)
    lang = sessions.language(request)
    with pages.sessions.begin() as session:
        row = session.get(tables.SentRequest, row_id, options=[undefer(tables.SentRequest.response_xml)])
        if row is None or row.response_xml is None or RequestStatus(row.status) not in READABLE:
            raise LookupError(f"there is no answer to read for request {row_id}")
        audit.log(session, actor=account.actor, action=action, ssin=row.ssin, request_id=row.request_id)
    try:
        verified = verify(parse_xml(row.response_xml), pages.trust())
    except (SignatureError, InvalidDocument) as refused:
        return row, Reading(None, words(lang)("signature_failed", refused), False, [])
    signature = SHOW_WORDS["verified"][lang].format(name=verified.signer.name, fingerprint=verified.signer.fingerprint)
    return row, _read(verified.tree, signature, verified=True)


def _read(tree: etree._ElementTree, signature: str, *, verified: bool) -> Reading:
    try:
        document = read_tree(tree)
    except InvalidDocument as invalid:
        return Reading(None, signature, verified, [f"{p.path}: {p.message}" for p in invalid.problems])
    return Reading(document, signature, verified, [])


def _report_page(request: Request, title: str, reading: Reading, contract_links: str | None) -> Response:
    lang = sessions.language(request)
    contracts = list(gpmi_parts(reading.document)) if reading.document is not None else []
    return page(
        request,
        "report.html",
        title=title,
        reading=reading,
        w=Wording(lang),
        contracts={dossier_id: number for number, (dossier_id, _) in enumerate(contracts, start=1)},
        contract_links=contract_links,
    )


@router.get("/answers/{row_id}/report")
def received_report(request: Request, row_id: int, account: SignedIn) -> Response:
    _, reading = _received(request, row_id, account, "report_viewed")
    title = words(sessions.language(request))("report_title")
    return _report_page(request, title, reading, f"/answers/{row_id}/contracts")


@router.get("/answers/{row_id}/contracts/{number}")
def contract(request: Request, row_id: int, number: int, account: SignedIn, download: bool = False) -> Response:
    """The ``number``-th GPMI contract of the answer (in dossier order), shown in the page or downloaded."""
    _, reading = _received(request, row_id, account, "contract_viewed")
    parts: list[tuple[str, Gpmi]] = list(gpmi_parts(reading.document)) if reading.document is not None else []
    if not 1 <= number <= len(parts):
        raise LookupError(f"the answer to request {row_id} has no contract {number}")
    gpmi = parts[number - 1][1]
    disposition = "attachment" if download else "inline"
    return Response(
        gpmi.contract.content,
        media_type="application/pdf",
        headers={"content-disposition": f'{disposition}; filename="{safe_filename(gpmi)}"'},
    )


@router.get("/requests/{row_id}/answer")
def sent_answer(request: Request, row_id: int, account: SignedIn) -> Response:
    """The answer this OCMW sent, as it sent it (signed by itself, so not verified against the trust store)."""
    lang = sessions.language(request)
    with pages_of(request).sessions.begin() as session:
        row = session.get(tables.AnsweredRequest, row_id, options=[undefer(tables.AnsweredRequest.response_xml)])
        if row is None:
            raise LookupError(f"there is no answered request {row_id}")
        audit.log(
            session,
            actor=account.actor,
            action="report_viewed",
            ssin=row.ssin,
            request_id=row.request_id,
            list="answered_requests",
        )
    reading = _read(parse_xml(row.response_xml), words(lang)("signature_own"), verified=True)
    return _report_page(request, words(lang)("sent_answer_title"), reading, None)
