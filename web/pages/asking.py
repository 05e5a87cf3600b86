"""A new request for a person's social report, with the consent block of the slide ("Akkoord van
de burger voor raadpleging van het meest recente GPMI"), and sending a request again. The request
is made, signed, stored and sent by ``exchange.requester``, as ``ocmw esv request`` does."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from esv import model
from esv.show import Wording
from exchange import listing
from exchange.requester import AlreadyAnswered, RequestStatus, responder_address
from ground.errors import InvalidInput
from storage import tables
from web import cookie
from web.context import pages_of
from web.forms import Problems, period, required_text, ssin, text
from web.guards import PostedForm, RowId, SignedIn
from web.rendering import attempt_note, page, words

router = APIRouter()
FIELDS = ("responder", "ssin", "begin", "end", "consent_from", "consent_to", "consent")


def _form_page(request: Request, values: dict[str, str], problems: Problems) -> Response:
    with pages_of(request).sessions() as session:
        known = listing.known_responders(session)
    return page(
        request,
        "new_request.html",
        status_code=400 if problems else 200,
        values=values,
        problems=problems,
        known_responders=known,
    )


@router.get("/requests/new")
def new_request_form(request: Request, account: SignedIn) -> Response:
    return _form_page(request, dict.fromkeys(FIELDS, ""), Problems())


@router.post("/requests/new")
def new_request(request: Request, account: SignedIn, form: PostedForm) -> Response:
    lang = cookie.language(request)
    t = words(lang)
    problems = Problems()
    url = required_text(form, "responder", problems, t)
    if url:
        try:
            responder_address(url)
        except InvalidInput:
            problems.add("responder", t("bad_address", url))
    number = ssin(form, "ssin", problems, t)
    asked = period(form, ("begin", "end"), problems, t)
    consented = period(form, ("consent_from", "consent_to"), problems, t)
    granted = text(form, "consent")
    if granted not in ("yes", "no"):
        yes_no = Wording(lang)
        problems.add("consent", t("choose_yes_no", yes_no.yes_no(True), yes_no.yes_no(False)))
    if problems or number is None or asked is None or consented is None:
        return _form_page(request, {name: text(form, name) for name in FIELDS}, problems)
    consent = model.Consent(from_date=consented[0], to_date=consented[1], granted=granted == "yes", recorded_at=None)
    row = (
        pages_of(request)
        .requester()
        .request(
            url,
            ssin=number,
            period=model.Period(begin=asked[0], end=asked[1]),
            consent=consent,
            actor=account.actor,
        )
    )
    return _sent(request, row)


def _sent(request: Request, row: tables.SentRequest) -> Response:
    lang = cookie.language(request)
    status = RequestStatus(row.status).label(lang)
    message = words(lang)("request_done", id=row.id, ocmw=row.responder_name or row.responder_url, status=status)
    note = attempt_note(row.last_failure, row.last_error, lang)
    cookie.flash(request, f"{message} {note[:1].upper()}{note[1:]}." if note else message)
    return RedirectResponse("/answers", status_code=303)


@router.post("/answers/{row_id}/retry")
def retry(request: Request, row_id: RowId, account: SignedIn, form: PostedForm) -> Response:
    try:
        row = pages_of(request).requester().send(row_id, actor=account.actor)
    except AlreadyAnswered:
        cookie.flash(request, words(cookie.language(request))("already_answered", row_id))
        return RedirectResponse("/answers", status_code=303)
    return _sent(request, row)
