"""The two lists of the "Consult ESV" screens: "Aanvragen ESV", the requests this OCMW answered,
and "Antwoorden ESV", the answers to the requests it sent. Filters and paging are sent as a form
(POST), so that an INSZ typed as a filter never appears in an address. A line's answer leads back to
the page of the list it was opened from: its address carries the status, the page, the archive and
whether the list was filtered by the person's INSZ, never the INSZ itself."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from exchange import listing
from exchange.statuses import RequestStatus
from ground import ssin as ssin_number
from ground.lang import Lang
from storage import tables
from web import cookie
from web.accounts import Account
from web.context import pages_of
from web.forms import Problems, ssin, text
from web.guards import Administrator, PostedForm, RowId, SignedIn
from web.notices import Tone
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
        way_back=_way_back(chosen, found.page if found else 1),
    )


def _way_back(chosen: Filter, shown: int) -> str:
    """The query of a line's answer that leads back here (see ``back_to``): ``?status=received&page=2``."""
    kept = {
        "status": chosen.status or "",
        "page": str(shown) if shown > 1 else "",
        "archived": "yes" if chosen.archived else "",
        "person": "yes" if chosen.ssin else "",
    }
    query = urlencode({name: value for name, value in kept.items() if value})
    return f"?{query}" if query else ""


@dataclass(frozen=True)
class Back:
    """The way back from a line's answer to the list it was opened from: the list's address (this
    list, never an address the request gives) and the filter to send it again."""

    path: str
    label: str
    """The key of its words."""
    chosen: Filter


def back_to(request: Request, path: str, ssin_asked: str | None) -> Back:
    """The way back from the answer opened at ``request`` to its list: the status, page and archive its
    address kept, checked as the list checks them, and the INSZ of the line's person when the list was
    filtered by it."""
    query = request.query_params
    kept = FormData(
        {name: query.get(name, "") for name in ("status", "page", "archived")}
        | {"ssin": ssin_asked if ssin_asked and query.get("person") == "yes" else ""}
    )
    statuses = _sent_statuses(request) if path == "/answers" else _answered_statuses(request)
    label = "back" if path == "/answers" else "back_to_requests"
    return Back(path, label, read_filter(request, kept, statuses, Problems()))


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


Kind = type[tables.SentRequest] | type[tables.AnsweredRequest]
_LISTS: dict[Kind, str] = {tables.SentRequest: "/answers", tables.AnsweredRequest: "/requests"}


def _confirm_archive(request: Request, kind: Kind, row_id: int) -> Response:
    """The question before a line leaves its list: which line, and that it can be brought back."""
    lang = cookie.language(request)
    t = words(lang)
    with pages_of(request).sessions() as session:
        row = listing.line_of(session, kind, row_id)
        other = listing.other_ocmw(row, lang)
    back = _LISTS[kind]
    question = t("archive_question", id=row_id, ocmw=other, ssin=ssin_number.format(row.ssin) if row.ssin else "-")
    return page(
        request,
        "confirm.html",
        title=t("archive_title"),
        question=question,
        action=f"{back}/{row_id}/archive",
        hidden={},
        confirm=t("archive"),
        back=back,
    )


def _archive(request: Request, kind: Kind, row_id: int, account: Account, *, archived: bool) -> Response:
    with pages_of(request).sessions.begin() as session:
        listing.archive(session, kind, row_id, actor=account.actor, archived=archived)
    cookie.flash(
        request, words(cookie.language(request))("archived" if archived else "unarchived", row_id), Tone.SUCCESS
    )
    return RedirectResponse(_LISTS[kind], status_code=303)


@router.get("/requests/{row_id}/archive")
def confirm_archive_answered(request: Request, row_id: RowId, account: Administrator) -> Response:
    return _confirm_archive(request, tables.AnsweredRequest, row_id)


@router.get("/answers/{row_id}/archive")
def confirm_archive_sent(request: Request, row_id: RowId, account: Administrator) -> Response:
    return _confirm_archive(request, tables.SentRequest, row_id)


@router.post("/requests/{row_id}/archive")
def archive_answered(request: Request, row_id: RowId, account: Administrator, form: PostedForm) -> Response:
    return _archive(request, tables.AnsweredRequest, row_id, account, archived=True)


@router.post("/answers/{row_id}/archive")
def archive_sent(request: Request, row_id: RowId, account: Administrator, form: PostedForm) -> Response:
    return _archive(request, tables.SentRequest, row_id, account, archived=True)


@router.post("/requests/{row_id}/unarchive")
def unarchive_answered(request: Request, row_id: RowId, account: Administrator, form: PostedForm) -> Response:
    return _archive(request, tables.AnsweredRequest, row_id, account, archived=False)


@router.post("/answers/{row_id}/unarchive")
def unarchive_sent(request: Request, row_id: RowId, account: Administrator, form: PostedForm) -> Response:
    return _archive(request, tables.SentRequest, row_id, account, archived=False)
