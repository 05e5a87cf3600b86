"""What the directory keeps and answers: its members and their certificates (added, suspended,
removed by its administrator), the signed document it publishes of them, the references its members
register, and the lookups they make. Every change of a member and every lookup is written to the
directory's append-only log, in the transaction of what it records."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy import Date, Insert, Integer, Select, String, bindparam, cast, delete, func, insert, select, true
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from directory import model, tables
from esv.document import build_tree, serialize
from esv.errors import CertificateRefused
from esv.keys import load_identity
from esv.signing import Signer, SigningIdentity, sign, usable_certificate
from ground import kbo as kbo_number
from ground.errors import InvalidInput, NotFound, UsageError
from ground.lang import Lang, Translated
from storage.database import Schema
from storage.tables import UtcDateTime, table_of

DIRECTORY_DATABASE = Schema(
    "directory",
    "directory database",
    "ocmw directory init --db {url} --name ... --address ... --key ... --cert ...",
)
HALF_LIFE = 0.5
"""A document is published anew once this part of its validity has passed, so that members who
refresh it in time never hold an expired one."""


class MemberStatus(enum.StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    REMOVED = "removed"

    def label(self, lang: Lang) -> str:
        return _STATUS_LABELS[self][lang]


_STATUS_LABELS: dict[MemberStatus, Translated] = {
    MemberStatus.ACTIVE: {"nl": "actief", "fr": "actif"},
    MemberStatus.SUSPENDED: {"nl": "geschorst", "fr": "suspendu"},
    MemberStatus.REMOVED: {"nl": "verwijderd", "fr": "retiré"},
}


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


_log = table_of(tables.LogEntry)
"""Written by a plain insert: a line is never read back or changed, and a lookup spares the ORM's flush."""


def log(session: Session, *, actor: str, action: str, ssin: str | None = None, **details: Any) -> None:
    session.execute(insert(_log), {"at": now(), "actor": actor, "action": action, "ssin": ssin, "details": details})


# The directory itself


@dataclass(frozen=True)
class DirectoryIdentity:
    """Who the directory is and how it signs, checked (``checked_identity``) before anything is made."""

    name: str
    address: str
    key: Path
    cert: Path
    valid_hours: int


def checked_identity(*, name: str, address: str, key: Path, cert: Path, valid_hours: int) -> DirectoryIdentity:
    """The directory's name (1 to 100 characters), its address and its signing files (the key checked
    against its certificate), or the error that refuses them."""
    load_identity(key, cert)
    return DirectoryIdentity(
        _name(name, "the directory's name"), _address(address, "--address"), key.resolve(), cert.resolve(), valid_hours
    )


def record_identity(session: Session, given: DirectoryIdentity, *, actor: str) -> tables.Identity:
    """Record who the directory is and how it signs."""
    identity = session.get(tables.Identity, 1) or tables.Identity(id=1)
    identity.name, identity.address = given.name, given.address
    identity.key_path, identity.cert_path = str(given.key), str(given.cert)
    identity.valid_hours = given.valid_hours
    session.add(identity)
    log(session, actor=actor, action="directory_initialised", name=given.name, address=given.address)
    return identity


def replaced_certificate(session: Session, given: DirectoryIdentity) -> str | None:
    """The certificate the directory signed with until now, described, when ``given`` signs with
    another: its members refuse every document it signs until they install the new one."""
    identity = session.get(tables.Identity, 1)
    if identity is None:
        return None
    try:
        before = x509.load_pem_x509_certificate(Path(identity.cert_path).read_bytes())
    except (OSError, ValueError):  # gone or unreadable: only its name tells
        return identity.cert_path if Path(identity.cert_path) != given.cert else None
    now = x509.load_pem_x509_certificate(given.cert.read_bytes())
    return None if before == now else Signer.of(before).describe()


def own_identity(session: Session) -> tables.Identity:
    identity = session.get(tables.Identity, 1)
    if identity is None:
        raise uninitialised()
    return identity


def uninitialised() -> UsageError:
    return UsageError("this database does not say which directory it is: run `ocmw directory init`")


def signing_identity(session: Session) -> SigningIdentity:
    """The directory's key and certificate, read again only when one of their files changed."""
    identity = own_identity(session)
    return signing_identity_at(identity.key_path, identity.cert_path)


def signing_identity_at(key_path: str, cert_path: str) -> SigningIdentity:
    """The key and certificate of these files, read again only when one of them changed."""
    key, cert = Path(key_path), Path(cert_path)
    try:
        changed = key.stat().st_mtime_ns, cert.stat().st_mtime_ns
    except OSError:
        return load_identity(key, cert)  # which says what is wrong with the files
    return _loaded_identity(key, cert, *changed)


@functools.lru_cache(maxsize=4)
def _loaded_identity(key: Path, cert: Path, key_changed: int, cert_changed: int) -> SigningIdentity:
    return load_identity(key, cert)


# Members


def add_member(
    session: Session,
    *,
    kbo: str,
    name_nl: str,
    name_fr: str,
    address: str,
    certificates: Mapping[str, bytes],
    actor: str,
    at: dt.datetime | None = None,
) -> tables.Member:
    """A new member, active, with its certificates (PEM, by the file each comes from); it is published
    in the next document. A member removed is removed for good: its KBO is not added again."""
    number = kbo_number.validate(kbo)
    known = session.scalars(select(tables.Member).where(tables.Member.kbo == number)).first()
    if known is not None and known.status == MemberStatus.REMOVED:
        raise InvalidInput(
            f"KBO {kbo_number.format(number)} was removed from the network for good: it cannot be added again"
        )
    if known is not None:
        raise InvalidInput(f"KBO {kbo_number.format(number)} is a member already: see `ocmw directory member list`")
    member = tables.Member(
        kbo=number,
        name_nl=_name(name_nl, "a member's name"),
        name_fr=_name(name_fr, "a member's name"),
        address=_address(address, "--address"),
        status=MemberStatus.ACTIVE,
        changed_at=now(),
    )
    session.add(member)
    for source, pem in certificates.items():
        add_certificate(session, member, pem, source=source, at=at)
    if not member.certificates:
        raise InvalidInput("a member needs at least one certificate: give --cert FILE")
    session.flush()
    log(session, actor=actor, action="member_added", kbo=number, name_nl=name_nl, name_fr=name_fr, address=address)
    return member


def add_certificate(
    session: Session, member: tables.Member, pem: bytes, *, source: str, at: dt.datetime | None = None
) -> Signer:
    """One more certificate of the member (a new key beside the old one, until the old one expires).
    Refused, saying its ``source`` (the file it comes from), when it is not one usable certificate, when
    it is a member's already (a removed one's too), or when the member has as many valid certificates as
    a document names."""
    try:
        certificate = usable_certificate(pem, at=at)
    except CertificateRefused as refused:
        raise InvalidInput(f"{source}: {refused}") from None
    signer = Signer.of(certificate)
    taken = session.scalars(
        select(tables.MemberCertificate).where(tables.MemberCertificate.fingerprint == signer.fingerprint)
    ).first()
    if taken is not None:
        owner = session.get_one(tables.Member, taken.member_id)
        removed = ", removed" if owner.status == MemberStatus.REMOVED else ""
        raise InvalidInput(
            f"{source}: the certificate of {signer.name} is already that of {owner.name_nl} "
            f"(KBO {kbo_number.format(owner.kbo)}{removed})"
        )
    moment = at or now()
    valid = sum(1 for held in member.certificates if held.not_after >= moment)
    if valid >= model.CERTIFICATES_PER_MEMBER:
        raise InvalidInput(
            f"{source}: {member.name_nl} has {valid} valid certificates, the most a directory document names: add "
            "this one once one of them has expired"
        )
    member.certificates.append(
        tables.MemberCertificate(
            fingerprint=signer.fingerprint,
            der=certificate.public_bytes(serialization.Encoding.DER),
            not_before=certificate.not_valid_before_utc,
            not_after=certificate.not_valid_after_utc,
        )
    )
    member.changed_at = now()
    return signer


def member_named(session: Session, kbo: str) -> tables.Member:
    number = kbo_number.validate(kbo)
    member = session.scalars(select(tables.Member).where(tables.Member.kbo == number)).first()
    if member is None or member.status == MemberStatus.REMOVED:
        raise NotFound(f"KBO {kbo_number.format(number)} is not a member of the directory")
    return member


def set_status(session: Session, kbo: str, status: MemberStatus, *, actor: str) -> tuple[tables.Member, bool]:
    """Suspend, reactivate or remove a member; a removed member's references go with it. The member,
    and whether its status changed: a status it has already changes nothing and is not logged."""
    member = member_named(session, kbo)
    if member.status == status:
        return member, False
    member.status, member.changed_at = status, now()
    if status is MemberStatus.REMOVED:
        session.execute(delete(tables.Reference).where(tables.Reference.member_id == member.id))
    log(session, actor=actor, action=f"member_{status.value if status != MemberStatus.ACTIVE else 'activated'}",
        kbo=member.kbo)  # fmt: skip
    return member, True


def members(session: Session) -> list[tables.Member]:
    """Every member that is not removed, by KBO."""
    return list(
        session.scalars(
            select(tables.Member).where(tables.Member.status != MemberStatus.REMOVED).order_by(tables.Member.kbo)
        )
    )


def active_certificates(session: Session, *, at: dt.datetime | None = None) -> dict[str, tables.Member]:
    """The certificates of the active members valid at ``at`` (now), by fingerprint."""
    moment = at or now()
    rows = session.execute(
        select(tables.MemberCertificate, tables.Member)
        .join(tables.Member, tables.MemberCertificate.member_id == tables.Member.id)
        .where(
            tables.Member.status == MemberStatus.ACTIVE,
            tables.MemberCertificate.not_before <= moment,
            tables.MemberCertificate.not_after >= moment,
        )
    )
    return {certificate.fingerprint: member for certificate, member in rows}


def client_certificates(session: Session) -> list[bytes]:
    """The certificates (DER) a TLS connection to the directory may be made with: the active members'
    valid now."""
    by_fingerprint = active_certificates(session)
    return list(
        session.scalars(
            select(tables.MemberCertificate.der).where(tables.MemberCertificate.fingerprint.in_(by_fingerprint))
        )
    )


# The signed document


def publish(session: Session, *, at: dt.datetime | None = None) -> tables.Document:
    """A new signed document of the active members, its serial one more than the last one's."""
    identity = own_identity(session)
    issued = at or now()
    current = active_certificates(session, at=issued)
    published = [
        model.Member(
            kbo=member.kbo,
            name_nl=member.name_nl,
            name_fr=member.name_fr,
            address=member.address,
            certificates=tuple(
                certificate.der for certificate in member.certificates if certificate.fingerprint in current
            ),
        )
        for member in members(session)
        if member.status == MemberStatus.ACTIVE and any(c.fingerprint in current for c in member.certificates)
    ]
    row = tables.Document(issued_at=issued, expires_at=issued + dt.timedelta(hours=identity.valid_hours), xml=b"")
    session.add(row)
    session.flush()  # the row's id is the serial
    document = model.Directory(
        serial=row.id, issued_at=issued, expires_at=row.expires_at, address=identity.address, members=tuple(published)
    )
    signed = sign(build_tree(document, model.DIRECTORY).getroot(), signing_identity(session))
    row.xml = serialize(signed.getroottree(), pretty=False)
    log(session, actor="directory", action="document_published", serial=row.id, members=len(published))
    return row


def current_document(session: Session, *, at: dt.datetime | None = None) -> tables.Document:
    """The document to hand out: the last one, or a new one when there is none, when the members
    changed since it was made, or when half its validity has passed."""
    moment = at or now()
    last = session.scalars(select(tables.Document).order_by(tables.Document.id.desc()).limit(1)).first()
    changed = session.scalars(select(tables.Member.changed_at).order_by(tables.Member.changed_at.desc())).first()
    if (
        last is None
        or (changed is not None and changed > last.issued_at)
        or moment >= last.issued_at + (last.expires_at - last.issued_at) * HALF_LIFE
    ):
        return publish(session, at=moment)
    return last


# References and lookups


def update_references(session: Session, member_id: int, update: model.ReferenceUpdate) -> tuple[int, int]:
    """Set and withdraw the member's references; how many of each."""
    for chunk in _chunks(sorted(set(update.withdraw)), 500):
        session.execute(
            delete(tables.Reference).where(tables.Reference.member_id == member_id, tables.Reference.ssin.in_(chunk))
        )
    if update.set:
        latest = {reference.ssin: reference for reference in update.set}.values()
        dialect = session.get_bind().dialect.name
        session.execute(
            _replacing(dialect), {"member_id": member_id, "registered_at": now(), **_given(dialect, latest)}
        )
    return len(update.set), len(update.withdraw)


@functools.cache
def _replacing(dialect: str) -> Insert:
    """One statement that inserts all the references of a call, each replacing the member's earlier one
    of the same person, instead of a delete before it. The rows go as one parameter (PostgreSQL: an
    array per column, SQLite: one JSON array; ``_given``), not as one execution per row: per row, the
    database's start and end of a statement cost more than the row's own insert."""
    rows = _given_rows(dialect)
    statement: postgresql.Insert | sqlite.Insert
    if dialect == "postgresql":
        statement = postgresql.insert(_references).from_select(_REFERENCE_COLUMNS, rows)
    else:
        statement = sqlite.insert(_references).from_select(_REFERENCE_COLUMNS, rows.where(true()))
    return statement.on_conflict_do_update(  # the WHERE above: SQLite's parser asks it of an upsert's SELECT
        index_elements=[_references.c.ssin, _references.c.member_id],
        set_={column: statement.excluded[column] for column in ("begin", "end", "registered_at")},
    )


_REFERENCE_COLUMNS = ["ssin", "member_id", "begin", "end", "registered_at"]


def _given_rows(dialect: str) -> Select[Any]:
    """The call's rows as the database reads them from ``_given``'s parameters."""
    member, registered = bindparam("member_id", type_=Integer), bindparam("registered_at", type_=UtcDateTime())
    if dialect == "postgresql":
        arrays = func.unnest(
            cast(bindparam("ssins"), postgresql.ARRAY(String)),
            cast(bindparam("begins"), postgresql.ARRAY(Date)),
            cast(bindparam("ends"), postgresql.ARRAY(Date)),
        )
        given = arrays.table_valued("ssin", "begin", "end").render_derived(name="given")
        return select(given.c.ssin, member, given.c.begin, given.c.end, registered)
    each = func.json_each(bindparam("rows")).table_valued("value")
    ssin, begin, end = (func.json_extract(each.c.value, f"$[{position}]") for position in range(3))
    return select(ssin, member, begin, end, registered)


def _given(dialect: str, references: Iterable[model.Reference]) -> dict[str, Any]:
    """The parameters of ``_given_rows``: the references' persons, first and last days (in SQLite as
    the ISO text SQLAlchemy's ``Date`` stores there, so that the lookup's comparisons of days hold)."""
    if dialect == "postgresql":
        listed = list(references)
        return {
            "ssins": [reference.ssin for reference in listed],
            "begins": [reference.begin for reference in listed],
            "ends": [reference.end for reference in listed],
        }
    days = [[r.ssin, r.begin.isoformat(), None if r.end is None else r.end.isoformat()] for r in references]
    return {"rows": json.dumps(days)}


def holders(session: Session, lookup: model.Lookup, asker_id: int) -> list[str]:
    """The active members other than the one asking that hold records of the person over the period."""
    return list(session.scalars(_HOLDERS, {"ssin": lookup.ssin, "begin": lookup.begin, "end": lookup.end,
                                            "asker": asker_id}))  # fmt: skip


_references, _members = table_of(tables.Reference), table_of(tables.Member)
_HOLDERS: Select[tuple[str]] = (
    select(_members.c.kbo)
    .select_from(_references.join(_members, _references.c.member_id == _members.c.id))
    .where(
        _references.c.ssin == bindparam("ssin"),
        _references.c.begin <= bindparam("end"),
        (_references.c.end.is_(None)) | (_references.c.end >= bindparam("begin")),
        _references.c.member_id != bindparam("asker"),
        _members.c.status == MemberStatus.ACTIVE.value,
    )
    .order_by(_members.c.kbo)
)


def _chunks(values: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _name(text: str, what: str) -> str:
    name = text.strip()
    if not 1 <= len(name) <= 100:
        raise InvalidInput(f"{text!r} cannot be {what}: 1 to 100 characters")
    return name


def _address(text: str, option: str) -> str:
    """An https or http address with a host, as the document's ``AddressType`` takes it."""
    address = text.strip()
    try:
        host = urlsplit(address).hostname
    except ValueError:
        host = None
    if (
        not address.startswith(("https://", "http://"))
        or not host
        or len(address) > 2000
        or any(c.isspace() for c in address)
    ):
        raise InvalidInput(f"{option} {text!r} is not a web address: write https://host[:port]/...")
    return address
