"""Pages made from the Jinja2 templates of ``web/templates``, with what every page shows: the
language and its words, the user, the CSRF token for its forms, and a message from the page before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from esv.show import Wording
from exchange.listing import HEADINGS, history
from ground import numbers, ssin
from ground.lang import Lang, in_language, labelled
from web.context import pages_of
from web.cookie import csrf_token, language, take_flash
from web.words import Words


def words(lang: Lang) -> Words:
    """The words of the pages in ``lang``."""
    return Words(lang)


_environment = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_environment.filters["ssin"] = ssin.format
_environment.filters["number"] = numbers.written
_environment.globals["ssin_pattern"] = ssin.WRITTEN.pattern
_environment.globals["history"] = history
_environment.globals["labelled"] = labelled
templates = Jinja2Templates(env=_environment)


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """The page ``template`` in the session's language."""
    lang = language(request)
    common = {
        "lang": lang,
        "t": words(lang),
        "w": Wording(lang),
        "csrf": csrf_token(request),
        "account": getattr(request.state, "account", None),
        "flash": take_flash(request),
        "ocmw": pages_of(request).ocmw,
        "here": request.url.path,
        "headings": in_language(HEADINGS, lang),
    }
    return templates.TemplateResponse(request, template, common | context, status_code=status_code)
