"""What a call to the directory needs of its database: who may call (the active members' certificates,
as the service checks each signed call against them) and how the directory signs its answer (the files
of its key and certificate). They are read once, and again only when a member changed (a member added,
suspended, reactivated or removed, or a certificate added, each moves the member's ``changed_at``), a
certificate became valid or expired, or the directory was given other signing files, so that a call
costs one small query instead of loading every member's certificates and the directory's identity."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from cryptography import x509
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from directory import tables
from directory.registry import MemberStatus, now, uninitialised
from esv.signing import Signer, TrustStore
from ground.errors import Refused


@dataclass(frozen=True)
class Caller:
    """The member a signed call comes from: the certificate that signed it, and the TLS client
    certificate it came with (when served over TLS), must both be an active member's, the same one."""

    member_id: int
    kbo: str
    name_nl: str
    signer: Signer


@dataclass(frozen=True)
class _Member:
    id: int
    kbo: str
    name_nl: str


@dataclass(frozen=True)
class Valid:
    """The active members' certificates valid now, by fingerprint with their member, and until when
    that holds."""

    members: dict[str, _Member]
    trust: TrustStore
    """The certificates a call may be signed with."""
    until: dt.datetime
    signing_files: tuple[str, str]
    """The directory's key and certificate (``registry.signing_identity_at``)."""

    def caller(self, signer: Signer, tls_fingerprint: str | None) -> Caller:
        """The member that signed, checked against the connection's certificate (when over TLS)."""
        signed = self.members.get(signer.fingerprint)
        if signed is None:
            raise Refused(f"{signer.describe()} is not the certificate of an active member")
        connected = self.members.get(tls_fingerprint) if tls_fingerprint is not None else signed
        if connected != signed:
            raise Refused("the connection's certificate is not one of the member that signed the call")
        return Caller(signed.id, signed.kbo, signed.name_nl, signer)


_VERSION = text(
    "SELECT (SELECT max(changed_at) FROM members), (SELECT count(*) FROM members),"
    " (SELECT count(*) FROM member_certificates),"
    " (SELECT key_path FROM directory_identity WHERE id = 1), (SELECT cert_path FROM directory_identity WHERE id = 1)"
)


class Roster:
    """The active members' certificates valid now, kept while the members do not change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: tuple[object, ...] | None = None
        self._valid = Valid({}, TrustStore(()), dt.datetime.min.replace(tzinfo=dt.UTC), ("", ""))

    def current(self, session: Session) -> Valid:
        """The members' certificates of now and the directory's signing files: read again when a member
        changed, a certificate's validity began or ended or the signing files changed since then."""
        version = tuple(session.connection().execute(_VERSION).one())
        key_path, cert_path = version[-2:]
        if key_path is None or cert_path is None:
            raise uninitialised()
        moment = now()
        with self._lock:
            if version != self._version or moment >= self._valid.until:
                self._valid = _read(session, moment, (key_path, cert_path))
                self._version = version
            return self._valid


def _read(session: Session, moment: dt.datetime, signing_files: tuple[str, str]) -> Valid:
    rows = session.execute(
        select(tables.MemberCertificate.fingerprint, tables.MemberCertificate.der, tables.Member)
        .join(tables.Member, tables.MemberCertificate.member_id == tables.Member.id)
        .where(tables.Member.status == MemberStatus.ACTIVE)
    )
    members: dict[str, _Member] = {}
    certificates: list[x509.Certificate] = []
    until = moment + dt.timedelta(days=1)
    for fingerprint, der, member in rows:
        certificate = x509.load_der_x509_certificate(der)
        begins, ends = certificate.not_valid_before_utc, certificate.not_valid_after_utc
        if begins <= moment <= ends:
            members[fingerprint] = _Member(member.id, member.kbo, member.name_nl)
            certificates.append(certificate)
            until = min(until, ends)
        elif begins > moment:
            until = min(until, begins)
    return Valid(members, TrustStore(tuple(certificates)), until, signing_files)
