"""Pages made from the Jinja2 templates of ``web/templates``, with what every page shows: the
language and its words, the user, the CSRF token for its forms, and a message from the page before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from esv.identifiers import format_ssin
from esv.labels import Lang
from exchange.listing import HEADINGS
from web.context import pages_of
from web.sessions import csrf_token, language, take_flash
from web.words import WORDS

_environment = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_environment.filters["ssin"] = format_ssin
templates = Jinja2Templates(env=_environment)


def words(lang: Lang) -> Any:
    """``t("key", *values)``: a word of the pages, its ``{}`` filled in when values are given."""

    def t(key: str, *values: object, **named: object) -> str:
        text = WORDS[key][lang]
        return text.format(*values, **named) if values or named else text

    return t


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """The page ``template`` in the session's language."""
    lang = language(request)
    common = {
        "lang": lang,
        "t": words(lang),
        "csrf": csrf_token(request),
        "account": getattr(request.state, "account", None),
        "flash": take_flash(request),
        "ocmw": pages_of(request).ocmw,
        "here": request.url.path,
        "headings": {key: value[lang] for key, value in HEADINGS.items()},
    }
    return templates.TemplateResponse(request, template, common | context, status_code=status_code)
