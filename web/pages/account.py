"""The user's own account: a new password, given the current one. The user's other sessions end;
this one goes on."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from web import cookie
from web.accounts import InvalidAccount, change_password
from web.context import pages_of
from web.forms import Problems, secret
from web.guards import PostedForm, SignedIn
from web.notices import Tone
from web.passwords import MIN_PASSWORD_LENGTH
from web.rendering import page, words

router = APIRouter()
PATH = "/account/password"


@router.get(PATH)
def password_form(request: Request, account: SignedIn) -> Response:
    return page(request, "password.html", problems=Problems(), min_length=MIN_PASSWORD_LENGTH)


@router.post(PATH)
def new_password(request: Request, account: SignedIn, form: PostedForm) -> Response:
    lang = cookie.language(request)
    try:
        with pages_of(request).sessions.begin() as session:
            changed = change_password(
                session, account, *(secret(form, name) for name in ("old_password", "password", "password_again"))
            )
    except InvalidAccount as refused:
        problems = Problems.of((problem.field, problem.message(lang)) for problem in refused.problems)
        return page(request, "password.html", status_code=400, problems=problems, min_length=MIN_PASSWORD_LENGTH)
    cookie.renew_generation(request, changed.generation)
    cookie.flash(request, words(lang)("password_changed"), Tone.SUCCESS)
    return RedirectResponse(PATH, status_code=303)
