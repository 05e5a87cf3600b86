"""A person's consultation history, for administrators (the data-protection officer answering a
person under article 15 of the GDPR): every time their data was asked for, answered, refused or
viewed, over a period, as ``exchange.consultations`` tells it; to download as CSV, or as the letter
to hand to the person (PDF, in the person's language). The INSZ is sent in forms (POST), never in an
address; every reading is written to the audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import APIRouter
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from esv.disclosure import BELGIAN_TIME
from exchange import consultations
from exchange.consultations import History
from ground import ssin as ssin_number
from ground.lang import LANGS, Lang, in_language
from ground.numbers import counted
from web import cookie
from web.accounts import Account
from web.context import pages_of
from web.forms import Problems, open_period, ssin, text
from web.guards import Administrator, PostedForm
from web.rendering import page, words

router = APIRouter(prefix="/admin/history")
FIELDS = ("ssin", "begin", "end", "letter_lang")


@dataclass(frozen=True)
class _Asked:
    """Whose history, over which days (``None``: from the first, or to the last)."""

    ssin: str
    begin: dt.date | None
    end: dt.date | None


def _asked(request: Request, form: FormData, problems: Problems) -> _Asked | None:
    t = words(cookie.language(request))
    number = ssin(form, "ssin", problems, t)
    period = open_period(form, ("begin", "end"), problems, t)
    if number is None or period is None:
        return None
    return _Asked(number, *period)


def _form_page(request: Request, form: FormData | None, problems: Problems, **shown: object) -> Response:
    values = {name: text(form, name) if form else "" for name in FIELDS}
    values["letter_lang"] = values["letter_lang"] if values["letter_lang"] in LANGS else cookie.language(request)
    return page(
        request, "history.html", status_code=400 if problems else 200, values=values, problems=problems, **shown
    )


@router.get("")
def history_form(request: Request, account: Administrator) -> Response:
    return _form_page(request, None, Problems())


@router.post("")
def history(request: Request, account: Administrator, form: PostedForm) -> Response:
    lang = cookie.language(request)
    problems = Problems()
    asked = _asked(request, form, problems)
    if asked is None:
        return _form_page(request, form, problems)
    with pages_of(request).sessions.begin() as session:
        found = consultations.history(session, asked.ssin, asked.begin, asked.end, actor=account.actor, shown_as="page")
    return _form_page(
        request,
        form,
        problems,
        rows=consultations.rows(found.consultations, lang),
        columns=in_language(consultations.HEADINGS, lang),
        title=counted(consultations.TITLE, len(found.consultations), lang, person=_person(found)),
    )


@router.post("/csv")
def history_csv(request: Request, account: Administrator, form: PostedForm) -> Response:
    lang = cookie.language(request)
    return _download(request, account, form, "csv", lambda found: consultations.to_csv(found.consultations, lang))


@router.post("/letter")
def history_letter(request: Request, account: Administrator, form: PostedForm) -> Response:
    from exchange.letter import letter_pdf  # matplotlib, loaded when the first letter is asked for

    chosen = text(form, "letter_lang")
    lang: Lang = chosen if chosen in LANGS else cookie.language(request)
    today = dt.datetime.now(BELGIAN_TIME).date()
    return _download(request, account, form, "pdf", lambda found: letter_pdf(found, lang, today))


MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}


def _download(
    request: Request, account: Account, form: FormData, kind: str, made: Callable[[History], str | bytes]
) -> Response:
    """The history as a file to download (``kind``: csv or pdf), its reading audited as such."""
    problems = Problems()
    asked = _asked(request, form, problems)
    if asked is None:
        return _form_page(request, form, problems)
    with pages_of(request).sessions.begin() as session:
        found = consultations.history(session, asked.ssin, asked.begin, asked.end, actor=account.actor, shown_as=kind)
    content = made(found)
    return Response(
        content.encode("utf-8") if isinstance(content, str) else content,
        media_type=MEDIA_TYPES[kind],
        headers={"content-disposition": f'attachment; filename="consultations-{asked.ssin}.{kind}"'},
    )


def _person(found: History) -> str:
    number = ssin_number.format(found.ssin)
    return f"{found.person}, {number}" if found.person else number
