"""The administration, for administrators only: the users and their roles, and the trust store
(the certificates of the OCMWs whose requests and answers are accepted)."""

from __future__ import annotations

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from esv.errors import TrustStoreError
from esv.signing import Signer
from exchange import audit
from web import sessions
from web.accounts import Role, account_problems, add_user, all_users, set_active
from web.context import pages_of
from web.forms import Problems, required_text, text, upload
from web.guards import Administrator, PostedForm
from web.rendering import page, words

router = APIRouter(prefix="/admin")
MAX_CERTIFICATE_BYTES = 64 * 1024


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
    return _users_page(request, {"username": "", "role": Role.SOCIAL_WORKER.value}, Problems())


@router.post("/users")
def new_user(request: Request, account: Administrator, form: PostedForm) -> Response:
    lang = sessions.language(request)
    t = words(lang)
    problems = Problems()
    username = required_text(form, "username", problems, t).lower()
    role = text(form, "role")
    password, again = (form.get(name) for name in ("password", "password_again"))
    password = password if isinstance(password, str) else ""
    if role not in {r.value for r in Role}:
        problems.add("role", t("required"))
    if password != again:
        problems.add("password_again", t("passwords_differ"))
    with pages_of(request).sessions.begin() as session:
        for problem in account_problems(session, username, password):
            problems.add(problem.field, problem.message(lang))
        if not problems:
            add_user(session, username, password, Role(role), actor=account.actor)
    if problems:
        return _users_page(request, {"username": username, "role": role}, problems)
    sessions.flash(request, t("user_added", username))
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/users/{user_id}/active")
def activate(request: Request, user_id: int, account: Administrator, form: PostedForm) -> Response:
    with pages_of(request).sessions.begin() as session:
        name = set_active(session, user_id, text(form, "active") == "yes", actor=account.actor)
    sessions.flash(request, words(sessions.language(request))("user_changed", name))
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
    """A certificate added to the trust store's folder, named after its fingerprint."""
    t = words(sessions.language(request))
    problems = Problems()
    folder = pages_of(request).trust_path
    given = upload(form, "certificate")
    if given is None:
        problems.add("certificate", t("required"))
    elif not folder.is_dir():
        problems.add("certificate", t("trust_not_folder"))
    if problems or given is None:
        return _trust_page(request, problems)
    pem = given.file.read(MAX_CERTIFICATE_BYTES + 1)
    try:
        certificate = x509.load_pem_x509_certificate(pem)
    except ValueError:
        problems.add("certificate", t("not_certificate"))
        return _trust_page(request, problems)
    signer = Signer.of(certificate)
    name = signer.fingerprint.replace(":", "").lower()[:16]
    (folder / f"{name}.pem").write_bytes(certificate.public_bytes(Encoding.PEM))
    with pages_of(request).sessions.begin() as session:
        audit.log(session, actor=account.actor, action="certificate_trusted", signer=signer.describe())
    sessions.flash(request, t("certificate_added", signer.name))
    return RedirectResponse("/admin/trust", status_code=303)
