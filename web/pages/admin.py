"""The administration, for administrators only: the users and their roles, and the trust store
(the certificates of the OCMWs whose requests and answers are accepted)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from esv.errors import CertificateRefused, TrustStoreError
from esv.signing import MAX_CERTIFICATE_BYTES, Signer, TrustStore
from storage import audit
from web import cookie
from web.accounts import InvalidAccount, Role, account_problems, add_user, all_users, set_active
from web.context import pages_of
from web.forms import Problems, required_text, secret, text, upload
from web.guards import Administrator, PostedForm, RowId
from web.rendering import page, words

router = APIRouter(prefix="/admin")
NEW_USER = {"username": "", "role": Role.SOCIAL_WORKER.value}


def _users_page(request: Request, values: dict[str, str], problems: Problems) -> Response:
    with pages_of(request).sessions() as session:
        users = all_users(session)
    return page(
        request,
        "users.html",
        status_code=400 if problems else 200,
        users=users,
        roles=list(Role),
        role_of=Role,
        values=values,
        problems=problems,
    )


@router.get("/users")
def users(request: Request, account: Administrator) -> Response:
    return _users_page(request, NEW_USER, Problems())


@router.post("/users")
def new_user(request: Request, account: Administrator, form: PostedForm) -> Response:
    lang = cookie.language(request)
    t = words(lang)
    problems = Problems()
    username = required_text(form, "username", problems, t)
    role = text(form, "role")
    if role not in {r.value for r in Role}:
        problems.add("role", t("required"))
    with pages_of(request).sessions.begin() as session:
        password, again = secret(form, "password"), secret(form, "password_again")
        for problem in account_problems(session, username, password, again):
            problems.add(problem.field, problem.message(lang))
        if not problems:
            added = add_user(session, username, password, Role(role), actor=account.actor)
    if problems:
        return _users_page(request, {"username": username, "role": role}, problems)
    cookie.flash(request, t("user_added", added.username))
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/users/{user_id}/active")
def activate(request: Request, user_id: RowId, account: Administrator, form: PostedForm) -> Response:
    lang = cookie.language(request)
    try:
        with pages_of(request).sessions.begin() as session:
            name = set_active(session, user_id, text(form, "active") == "yes", actor=account.actor, by=account.id)
    except InvalidAccount as refused:
        problems = Problems({problem.field: problem.message(lang) for problem in refused.problems})
        return _users_page(request, NEW_USER, problems)
    cookie.flash(request, words(lang)("user_changed", name))
    return RedirectResponse("/admin/users", status_code=303)


def _trust_page(request: Request, problems: Problems) -> Response:
    pages = pages_of(request)
    try:
        certificates = pages.trust().certificates
    except TrustStoreError:
        certificates = ()
    return page(
        request,
        "trust.html",
        status_code=400 if problems else 200,
        signers=[(Signer.of(certificate), certificate.not_valid_after_utc) for certificate in certificates],
        location=pages.trust_path,
        folder=pages.trust_path.is_dir(),
        problems=problems,
    )


@router.get("/trust")
def trust(request: Request, account: Administrator) -> Response:
    return _trust_page(request, Problems())


@router.post("/trust")
def add_certificate(request: Request, account: Administrator, form: PostedForm) -> Response:
    """A certificate added to the trust store's folder, as ``TrustStore.add`` allows."""
    lang = cookie.language(request)
    problems = Problems()
    given = upload(form, "certificate")
    if given is None:
        problems.add("certificate", words(lang)("required"))
        return _trust_page(request, problems)
    try:
        signer = TrustStore.add(pages_of(request).trust_path, given.file.read(MAX_CERTIFICATE_BYTES + 1))
    except CertificateRefused as refused:
        problems.add("certificate", refused.message(lang))
        return _trust_page(request, problems)
    with pages_of(request).sessions.begin() as session:
        audit.log(session, actor=account.actor, action="certificate_trusted", signer=signer.describe())
    cookie.flash(request, words(lang)("certificate_added", signer.name))
    return RedirectResponse("/admin/trust", status_code=303)
