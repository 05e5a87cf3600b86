"""A new request for a person's social report, with the consent block of the slide ("Akkoord van
de burger voor raadpleging van het meest recente GPMI"), and sending a request again. The request
is made, signed, stored and sent by ``exchange.requester``, as ``ocmw esv request`` does."""

from __future__ import annotations

import datetime as dt
import logging

from fastapi import APIRouter
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from esv import model
from esv.disclosure import BELGIAN_TIME
from esv.show import Wording
from exchange import listing
from exchange.requester import AlreadyAnswered
from exchange.statuses import RequestStatus, SendFailure
from ground import days
from ground import ssin as ssin_number
from ground.errors import NotFound, OcmwError, Unavailable
from ground.lang import Lang, sentence
from ground.numbers import written
from storage import tables
from web import cookie, notices
from web.context import pages_of
from web.forms import Problems, period, ssin, text
from web.guards import PostedForm, RowId, SignedIn
from web.notices import Tone
from web.rendering import page, words
from web.words import Words

router = APIRouter()
_log = logging.getLogger(__name__)
FIELDS = ("ocmw", "ssin", "begin", "end", "consent_from", "consent_to", "consent")


def _form_page(request: Request, values: dict[str, str], problems: Problems) -> Response:
    pages = pages_of(request)
    try:
        known = pages.peers()
    except OcmwError:  # no valid directory document: the form still shows, the sending says why
        askable, source = [], "directory"
    else:
        askable = sorted(
            known.reachable(other_than=pages.ocmw.kbo), key=lambda peer: peer.name(cookie.language(request))
        )
        source = known.source
    return page(
        request,
        "new_request.html",
        status_code=400 if problems else 200,
        values=values,
        problems=problems,
        askable=[(peer.kbo, peer.name(cookie.language(request))) for peer in askable if peer.kbo],
        by_directory=source == "directory",
    )


@router.get("/requests/new")
def new_request_form(request: Request, account: SignedIn) -> Response:
    return _form_page(request, dict.fromkeys(FIELDS, ""), Problems())


@router.post("/requests/new")
def new_request(request: Request, account: SignedIn, form: PostedForm) -> Response:
    lang = cookie.language(request)
    t = words(lang)
    problems = Problems()
    chosen = text(form, "ocmw")
    number = ssin(form, "ssin", problems, t)
    asked = period(form, ("begin", "end"), problems, t)
    consent = _consent(form, problems, t, lang)
    if problems or number is None or asked is None or consent is None:
        return _form_page(request, {name: text(form, name) for name in FIELDS}, problems)
    requester = pages_of(request).requester()
    try:
        rows = requester.ask(
            ssin=number,
            period=model.Period(begin=asked[0], end=asked[1]),
            consent=consent,
            actor=account.actor,
            ocmws=(chosen,) if chosen else (),
        )
    except NotFound:
        problems.add("ocmw", t("unknown_ocmw"))
        return _form_page(request, {name: text(form, name) for name in FIELDS}, problems)
    except OcmwError as error:
        _log.warning("a new request could not be sent: %s", error)
        cookie.flash(
            request, t("network_unavailable" if isinstance(error, Unavailable) else "network_refused"), Tone.FAILURE
        )
        return RedirectResponse("/answers", status_code=303)
    if not rows:
        said = t(
            "nobody_asked", ssin=ssin_number.format(number), begin=days.format(asked[0]), end=days.format(asked[1])
        )
        cookie.flash(request, said, Tone.INFO)
        return RedirectResponse("/answers", status_code=303)
    if len(rows) == 1:
        return _sent(request, rows[0])
    done = sum(RequestStatus(row.status).can_be_read for row in rows)
    message = t.counted("requests_done", len(rows), done=written(done, lang))
    if done < len(rows):
        message += " " + t.counted("waiting", len(rows) - done)
    cookie.flash(request, message, Tone.SUCCESS if done == len(rows) else Tone.WARNING if done else Tone.FAILURE)
    return RedirectResponse("/answers", status_code=303)


def _consent(form: FormData, problems: Problems, t: Words, lang: Lang) -> model.Consent | None:
    """The consent block: "yes" with the period it covers; "no" without dates (it holds for this request)."""
    granted = text(form, "consent")
    if granted == "no":
        for name in ("consent_from", "consent_to"):
            if text(form, name):
                problems.add(name, t("consent_no_dates"))
        today = dt.datetime.now(BELGIAN_TIME).date()
        return model.Consent(from_date=today, to_date=today, granted=False, recorded_at=None)
    consented = period(form, ("consent_from", "consent_to"), problems, t)
    if granted != "yes":
        yes_no = Wording(lang)
        problems.add("consent", t("choose_yes_no", yes_no.yes_no(True), yes_no.yes_no(False)))
        return None
    if consented is None:
        return None
    return model.Consent(from_date=consented[0], to_date=consented[1], granted=True, recorded_at=None)


def _sent(request: Request, row: tables.SentRequest) -> Response:
    lang = cookie.language(request)
    status = RequestStatus(row.status).label(lang)
    message = words(lang)("request_done", id=row.id, ocmw=listing.responder_name(row, lang), status=status)
    note = SendFailure(row.last_failure).label(lang) if row.last_failure else ""
    cookie.flash(
        request, f"{message} {sentence(note)}" if note else message, notices.of_status(RequestStatus(row.status))
    )
    return RedirectResponse("/answers", status_code=303)


@router.post("/answers/{row_id}/retry")
def retry(request: Request, row_id: RowId, account: SignedIn, form: PostedForm) -> Response:
    try:
        row = pages_of(request).requester().send(row_id, actor=account.actor)
    except AlreadyAnswered:
        cookie.flash(request, words(cookie.language(request))("already_answered", row_id), Tone.INFO)
        return RedirectResponse("/answers", status_code=303)
    return _sent(request, row)
