"""The two lists of the "Consult ESV" screens: "Aanvragen ESV", the requests this OCMW answered,
and "Antwoorden ESV", the answers to the requests it sent. Filters and paging are sent as a form
(POST), so that an INSZ typed as a filter never appears in an address."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from exchange import listing
from exchange.statuses import RequestStatus
from ground.lang import Lang
from storage import tables
from web import cookie
from web.accounts import Account
from web.context import pages_of
from web.forms import Problems, ssin, text
from web.guards import Administrator, PostedForm, RowId, SignedIn
from web.rendering import page, words

router = APIRouter()


@dataclass(frozen=True)
class Filter:
    status: str | None = None
    ssin: str | None = None
    archived: bool = False
    page: int = 1
    lang: Lang = "nl"
    """The language the OCMWs are named in."""


def read_filter(request: Request, form: FormData | None, statuses: dict[str, str], problems: Problems) -> Filter:
    lang = cookie.language(request)
    if form is None:
        return Filter(lang=lang)
    t = words(lang)
    status = text(form, "status")
    page_number = text(form, "page")
    return Filter(
        status=status if status in statuses else None,
        ssin=ssin(form, "ssin", problems, t, required=False),
        archived=text(form, "archived") == "yes",
        page=int(page_number) if re.fullmatch("[0-9]{1,6}", page_number) else 1,
        lang=lang,
    )


def show_list(
    request: Request,
    form: FormData | None,
    template: str,
    statuses: dict[str, str],
    find: Callable[[Any, Filter, int], listing.Page[Any]],
) -> Response:
    problems = Problems()
    chosen = read_filter(request, form, statuses, problems)
    pages = pages_of(request)
    found = None
    if not problems:
        with pages.sessions() as session:
            found = find(session, chosen, pages.per_page)
    return page(
        request,
        template,
        found=found,
        chosen=chosen,
        statuses=statuses,
        problems=problems,
        typed_ssin=text(form, "ssin") if form else "",
    )


def _answered_statuses(request: Request) -> dict[str, str]:
    lang = cookie.language(request)
    return {code: labels[lang] for code, labels in listing.ANSWERED_LABELS.items()}


def _sent_statuses(request: Request) -> dict[str, str]:
    lang = cookie.language(request)
    return {status.value: status.label(lang) for status in RequestStatus}


def _requests(session: Any, chosen: Filter, per_page: int) -> listing.Page[listing.RequestLine]:
    return listing.requests(
        session,
        status=chosen.status,
        ssin=chosen.ssin,
        archived=chosen.archived,
        page=chosen.page,
        per_page=per_page,
        lang=chosen.lang,
    )


def _answers(session: Any, chosen: Filter, per_page: int) -> listing.Page[listing.AnswerLine]:
    return listing.answers(
        session,
        status=RequestStatus(chosen.status) if chosen.status else None,
        ssin=chosen.ssin,
        archived=chosen.archived,
        page=chosen.page,
        per_page=per_page,
        lang=chosen.lang,
    )


@router.get("/requests")
def requests_page(request: Request, account: SignedIn) -> Response:
    return show_list(request, None, "requests.html", _answered_statuses(request), _requests)


@router.post("/requests")
def requests_filtered(request: Request, account: SignedIn, form: PostedForm) -> Response:
    return show_list(request, form, "requests.html", _answered_statuses(request), _requests)


@router.get("/answers")
def answers_page(request: Request, account: SignedIn) -> Response:
    return show_list(request, None, "answers.html", _sent_statuses(request), _answers)


@router.post("/answers")
def answers_filtered(request: Request, account: SignedIn, form: PostedForm) -> Response:
    return show_list(request, form, "answers.html", _sent_statuses(request), _answers)


def _archive(
    request: Request, kind: type[tables.SentRequest] | type[tables.AnsweredRequest], row_id: int, account: Account
) -> Response:
    with pages_of(request).sessions.begin() as session:
        listing.archive(session, kind, row_id, actor=account.actor)
    cookie.flash(request, words(cookie.language(request))("archived", row_id))
    return RedirectResponse("/requests" if kind is tables.AnsweredRequest else "/answers", status_code=303)


@router.post("/requests/{row_id}/archive")
def archive_answered(request: Request, row_id: RowId, account: Administrator, form: PostedForm) -> Response:
    return _archive(request, tables.AnsweredRequest, row_id, account)


@router.post("/answers/{row_id}/archive")
def archive_sent(request: Request, row_id: RowId, account: Administrator, form: PostedForm) -> Response:
    return _archive(request, tables.SentRequest, row_id, account)
