"""The report view ("Consult ESV"): a received answer, its signature verified again against the
trust store, laid out like the slide, with its GPMI contract shown in the page and downloadable;
and the answer this OCMW sent to a request it answered. Its first screen is the person, the period
asked, the status and a link to each contract; the way back leads to the page of the list it was
opened from. Every view is written to the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from fastapi import APIRouter
from lxml import etree
from starlette.requests import Request
from starlette.responses import Response

from esv.attachments import gpmi_parts, safe_filename
from esv.document import InvalidSignedDocument, read_signed, read_tree
from esv.errors import InvalidDocument, SignatureError
from esv.model import Document, EsvResponse, Gpmi
from esv.parsing import parse_xml
from esv.show import WORDS as SHOW_WORDS
from esv.signing import Signer
from exchange import listing
from exchange.peers import Peers
from ground.errors import NotFound, OcmwError
from ground.lang import Lang
from web import cookie
from web.accounts import Account
from web.context import pages_of
from web.guards import RowId, SignedIn
from web.pages.lists import Back, back_to
from web.rendering import page, words

router = APIRouter()


@dataclass(frozen=True)
class Reading:
    """A stored answer read for a person: the document, or why it is not shown; the signature line,
    and what it says: ``verified`` against the trust store, ``failed``, or ``own``, the answer this
    OCMW sent (its own signature, not verified again)."""

    document: Document | None
    signature: str
    seal: Literal["verified", "failed", "own"]
    problems: list[str]


def _stored(request: Request, row_id: int, account: Account, action: str) -> listing.StoredAnswer:
    """The answer to sent request ``row_id``, as received; the reading is audited."""
    with pages_of(request).sessions.begin() as session:
        return listing.received_answer(session, row_id, actor=account.actor, action=action)


def _verified(request: Request, answer: listing.StoredAnswer) -> Reading:
    """A received answer, verified against the trust store as it is now, and read."""
    pages = pages_of(request)
    lang = cookie.language(request)
    t = words(lang)
    try:
        known = pages.peers()
    except OcmwError as unavailable:
        return Reading(None, t("signature_failed", unavailable), "failed", [])
    try:
        signed = read_signed(answer.content, known.trust(), EsvResponse)
    except SignatureError as refused:
        return Reading(None, t("signature_failed", refused.kind.label(lang)), "failed", [])
    except InvalidSignedDocument as invalid:
        line = _verified_line(invalid.signer, known, lang)
        return Reading(None, line, "verified", _details(invalid))
    except InvalidDocument as unreadable:
        return Reading(None, t("signature_failed", t("unreadable_answer")), "failed", _details(unreadable))
    return Reading(signed.document, _verified_line(signed.signer, known, lang), "verified", [])


def _verified_line(signed_by: Signer, known: Peers, lang: Lang) -> str:
    """Who signed, named as the directory or the trust folder names the certificate."""
    peer = known.of_signer(signed_by)
    name = peer.name(lang) if peer is not None else signed_by.name
    return SHOW_WORDS["verified"][lang].format(name=name, fingerprint=signed_by.fingerprint)


def _details(invalid: InvalidDocument) -> list[str]:
    return [f"{problem.path}: {problem.message}" for problem in invalid.problems]


def _read(tree: etree._ElementTree, signature: str, seal: Literal["verified", "own"]) -> Reading:
    try:
        return Reading(read_tree(tree), signature, seal, [])
    except InvalidDocument as invalid:
        return Reading(None, signature, seal, _details(invalid))


def _report_page(
    request: Request, title: str, asked: listing.StoredAnswer, reading: Reading, back: Back, contract_links: str | None
) -> Response:
    contracts = list(gpmi_parts(reading.document)) if reading.document is not None else []
    return page(
        request,
        "report.html",
        title=title,
        asked=asked,
        reading=reading,
        contracts={dossier_id: number for number, (dossier_id, _) in enumerate(contracts, start=1)},
        contract_links=contract_links,
        back=back,
    )


@router.get("/answers/{row_id}/report")
def received_report(request: Request, row_id: RowId, account: SignedIn) -> Response:
    asked = _stored(request, row_id, account, "report_viewed")
    title = words(cookie.language(request))("report_title")
    back = back_to(request, "/answers", asked.ssin)
    return _report_page(request, title, asked, _verified(request, asked), back, f"/answers/{row_id}/contracts")


@router.get("/answers/{row_id}/contracts/{number}")
def contract(
    request: Request,
    row_id: RowId,
    number: RowId,
    account: SignedIn,
    download: bool = False,
) -> Response:
    """The ``number``-th GPMI contract of the answer (in dossier order), shown in the page or downloaded."""
    reading = _verified(request, _stored(request, row_id, account, "contract_viewed"))
    parts: list[tuple[str, Gpmi]] = list(gpmi_parts(reading.document)) if reading.document is not None else []
    if number > len(parts):
        raise NotFound(f"the answer to request {row_id} has no contract {number}")
    gpmi = parts[number - 1][1]
    disposition = "attachment" if download else "inline"
    return Response(
        gpmi.contract.content,
        media_type="application/pdf",
        headers={"content-disposition": f'{disposition}; filename="{safe_filename(gpmi)}"'},
    )


@router.get("/requests/{row_id}/answer")
def sent_answer(request: Request, row_id: RowId, account: SignedIn) -> Response:
    """The answer this OCMW sent, as it sent it: signed by itself, so not verified against the trust
    store, and shown as its own."""
    t = words(cookie.language(request))
    with pages_of(request).sessions.begin() as session:
        answer = listing.sent_answer(session, row_id, actor=account.actor)
    reading = _read(parse_xml(answer.content), t("signature_own"), "own")
    back = back_to(request, "/requests", answer.ssin)
    return _report_page(request, t("sent_answer_title"), answer, reading, back, None)
