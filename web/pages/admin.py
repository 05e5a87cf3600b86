"""The administration, for administrators only: the users and their roles, and the OCMWs trusted (those
of the directory document, or of the trust folder, to which an administrator adds a certificate with
the KBO, names and address of its OCMW)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from esv.errors import CertificateRefused
from esv.signing import MAX_CERTIFICATE_BYTES, Signer, TrustStore
from exchange import peers
from exchange.peers import Peer, Peers
from ground import kbo as kbo_number
from ground.errors import OcmwError, Worded
from ground.lang import Lang
from storage import audit
from web import cookie
from web.accounts import InvalidAccount, account_problems, add_user, all_users, set_active, user_named
from web.context import pages_of
from web.forms import Problems, kbo, required_text, secret, text, upload
from web.guards import Administrator, PostedForm, RowId
from web.notices import Tone
from web.passwords import MIN_PASSWORD_LENGTH
from web.rendering import page, words
from web.roles import Role

router = APIRouter(prefix="/admin")
NEW_USER = {"username": "", "role": Role.SOCIAL_WORKER.value}
TRUST_FIELDS = ("certificate", "kbo", "name_nl", "name_fr", "address")


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
        min_length=MIN_PASSWORD_LENGTH,
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
    cookie.flash(request, t("user_added", added.username), Tone.SUCCESS)
    return RedirectResponse("/admin/users", status_code=303)


@router.get("/users/{user_id}/deactivate")
def confirm_deactivate(request: Request, user_id: RowId, account: Administrator) -> Response:
    """The question before a user is deactivated: who, what follows, and that it can be undone."""
    t = words(cookie.language(request))
    with pages_of(request).sessions() as session:
        name = user_named(session, user_id)
    return page(
        request,
        "confirm.html",
        title=t("deactivate_title"),
        question=t("deactivate_question", name),
        action=f"/admin/users/{user_id}/active",
        hidden={"active": "no"},
        confirm=t("deactivate"),
        back="/admin/users",
    )


@router.post("/users/{user_id}/active")
def activate(request: Request, user_id: RowId, account: Administrator, form: PostedForm) -> Response:
    lang = cookie.language(request)
    try:
        with pages_of(request).sessions.begin() as session:
            name = set_active(session, user_id, text(form, "active") == "yes", actor=account.actor, by=account.id)
    except InvalidAccount as refused:
        problems = Problems.of((problem.field, problem.message(lang)) for problem in refused.problems)
        return _users_page(request, NEW_USER, problems)
    cookie.flash(request, words(lang)("user_changed", name), Tone.SUCCESS)
    return RedirectResponse("/admin/users", status_code=303)


def _trust_page(request: Request, values: dict[str, str], problems: Problems) -> Response:
    pages = pages_of(request)
    lang = cookie.language(request)
    try:
        known: Peers | None = pages.peers()
    except Worded as unavailable:
        known, why = None, unavailable.message(lang)
    except OcmwError as unavailable:
        known, why = None, str(unavailable)
    else:
        why = ""
    folder = pages.membership.trust_path
    return page(
        request,
        "trust.html",
        status_code=400 if problems else 200,
        peers=[_shown(peer, lang) for peer in sorted(known.peers, key=lambda peer: peer.name(lang))] if known else [],
        known=known,
        unavailable=why,
        can_add=pages.membership.directory_url is None and folder is not None and folder.is_dir(),
        values=values,
        problems=problems,
    )


@dataclass(frozen=True)
class _Shown:
    """A trusted OCMW as the page lists it."""

    name: str
    kbo: str
    address: str
    signers: list[tuple[Signer, dt.datetime]]


def _shown(peer: Peer, lang: Lang) -> _Shown:
    return _Shown(
        name=peer.name(lang),
        kbo=kbo_number.format(peer.kbo) if peer.kbo else "",
        address=peer.address or "",
        signers=[(Signer.of(certificate), certificate.not_valid_after_utc) for certificate in peer.certificates],
    )


@router.get("/trust")
def trust(request: Request, account: Administrator) -> Response:
    return _trust_page(request, dict.fromkeys(TRUST_FIELDS, ""), Problems())


@router.post("/trust")
def add_certificate(request: Request, account: Administrator, form: PostedForm) -> Response:
    """A certificate added to the trust folder, as ``TrustStore.add`` allows, with the KBO, names and
    address of its OCMW beside it (``exchange.peers``); a member of a directory adds nothing here."""
    lang = cookie.language(request)
    t = words(lang)
    pages = pages_of(request)
    folder = pages.membership.trust_path
    if pages.membership.directory_url is not None or folder is None:
        return _trust_page(request, dict.fromkeys(TRUST_FIELDS, ""), Problems())
    values = {name: text(form, name) for name in TRUST_FIELDS}
    problems = Problems()
    number = kbo(form, "kbo", problems, t)
    name_nl = required_text(form, "name_nl", problems, t)
    name_fr = text(form, "name_fr") or name_nl
    address = text(form, "address")
    if address and not peers.is_address(address):
        problems.add("address", t("bad_address", address))
    given = upload(form, "certificate")
    if given is None:
        problems.add("certificate", t("required"))
    if given is not None and not os.access(folder, os.W_OK):  # said before a certificate is half added
        problems.add("certificate", t("trust_folder_read_only"))
    if problems or given is None or number is None:
        return _trust_page(request, values, problems)
    try:
        signer = TrustStore.add(folder, given.file.read(MAX_CERTIFICATE_BYTES + 1))
        peers.describe_in_folder(folder, signer, kbo=number, name_nl=name_nl, name_fr=name_fr, address=address or None)
    except CertificateRefused as refused:
        problems.add("certificate", refused.message(lang))
        return _trust_page(request, values, problems)
    except OSError:
        problems.add("certificate", t("trust_folder_read_only"))
        return _trust_page(request, values, problems)
    with pages.sessions.begin() as session:
        audit.log(
            session, actor=account.actor, action="certificate_trusted", signer=signer.describe(), kbo=number,
            name_nl=name_nl, name_fr=name_fr, address=address or None,
        )  # fmt: skip
    cookie.flash(request, t("certificate_added", name_nl if lang == "nl" else name_fr), Tone.SUCCESS)
    return RedirectResponse("/admin/trust", status_code=303)
