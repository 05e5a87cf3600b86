"""An OCMW's side of its network: the directory document fetched and checked against the directory's
certificate installed once (the anchor), the OCMWs it trusts from then on (``exchange.peers``), the
references it owes the directory sent when the directory is there, lookups of the OCMWs that hold
records of a person, and the TLS connections to all of them (its own certificate shown, theirs
pinned: a connection is made only to a certificate the directory or the trust folder names)."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import os
import ssl
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy.orm import Session, sessionmaker

from directory import model
from esv.disclosure import BELGIAN_TIME
from esv.document import build_tree, read_signed, serialize
from esv.errors import InvalidDocument, SignatureError
from esv.keys import PASSPHRASE_VARIABLE
from esv.signing import SigningIdentity, TrustStore, sign
from exchange import peers
from ground.errors import Refused, Unavailable, UsageError, Worded
from ground.lang import Said
from storage import audit, directory_documents, references, tables

XML = "application/xml"
NOT_A_MEMBER = (
    "the OCMW is not a member of a directory: it joins one with `ocmw db init --directory URL --directory-cert PEM`"
)
REFERENCES_PER_CALL = 5_000
"""References sent in one signed call: a large import goes in a few calls, each of a few hundred kB."""


@dataclass(frozen=True)
class ClientTls:
    """The certificate and key an OCMW shows when it connects to another, or to the directory."""

    cert: Path
    key: Path


@dataclass(frozen=True)
class _Flying:
    """A call of references on its way to the directory."""

    reply: Future[bytes]
    batch: list[references.Owed]

    @functools.cached_property
    def persons(self) -> frozenset[str]:
        return frozenset(pending.ssin for pending in self.batch)


def _before_any_of(persons: frozenset[str], batch: list[references.Owed]) -> list[references.Owed]:
    """The references of ``batch`` up to the first about one of ``persons``."""
    return list(itertools.takewhile(lambda pending: pending.ssin not in persons, batch))


@dataclass(frozen=True)
class Network:
    """Where the OCMWs an OCMW trusts come from: its directory (address, and its certificate, the
    anchor installed once) or, without one, its trust folder."""

    directory_url: str | None
    anchor: x509.Certificate | None
    trust_path: Path | None

    @classmethod
    def of(cls, identity: tables.Identity, trust_path: Path | None = None) -> Network:
        """As ``ocmw db init`` recorded it; ``trust_path`` instead of the recorded trust folder."""
        return cls(
            directory_url=identity.directory_url,
            anchor=x509.load_pem_x509_certificate(identity.directory_anchor.encode())
            if identity.directory_anchor
            else None,
            trust_path=trust_path or (Path(identity.trust_path) if identity.trust_path else None),
        )

    @property
    def directory_trust(self) -> TrustStore:
        if self.anchor is None:
            raise UsageError(NOT_A_MEMBER)
        return TrustStore((self.anchor,))


@dataclass(frozen=True)
class Membership:
    """What an OCMW needs to talk to its network: its KBO, how it signs, its TLS certificate, and its
    directory or its trust folder."""

    kbo: str
    signing: SigningIdentity
    tls: ClientTls | None
    network: Network

    @classmethod
    def of(cls, identity: tables.Identity, signing: SigningIdentity, trust_path: Path | None = None) -> Membership:
        tls_cert = identity.tls_cert_path or identity.cert_path
        tls_key = identity.tls_key_path or identity.key_path
        return cls(
            kbo=identity.kbo,
            signing=signing,
            tls=ClientTls(Path(tls_cert), Path(tls_key)) if tls_cert and tls_key else None,
            network=Network.of(identity, trust_path),
        )

    @property
    def directory_url(self) -> str | None:
        return self.network.directory_url

    @property
    def trust_path(self) -> Path | None:
        return self.network.trust_path


def client(
    url: str, tls: ClientTls | None, server_certificates: tuple[x509.Certificate, ...], timeout: float
) -> httpx.Client:
    """An HTTP client for ``url``: over TLS, it shows the OCMW's certificate and accepts only the
    server certificates given (pinned: no certificate authority, no host name, is trusted)."""
    if not url.startswith("https://"):
        return httpx.Client(timeout=timeout)
    if not server_certificates:
        raise Refused(f"no certificate is known for {url}: it cannot be reached over TLS")
    return httpx.Client(verify=client_context(tls, server_certificates), timeout=timeout)


def client_context(tls: ClientTls | None, server_certificates: tuple[x509.Certificate, ...]) -> ssl.SSLContext:
    """The TLS side of a connection an OCMW opens: its own certificate shown, the server's pinned."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.check_hostname = False  # the certificate itself is pinned, which says more than a name
    context.verify_mode = ssl.CERT_REQUIRED
    context.load_verify_locations(
        cadata=b"".join(certificate.public_bytes(serialization.Encoding.DER) for certificate in server_certificates)
    )
    if tls is not None:
        context.load_cert_chain(tls.cert, tls.key, password=_passphrase())
    return context


def _passphrase() -> str | None:
    return os.environ.get(PASSPHRASE_VARIABLE) or None


# The OCMWs the OCMW trusts


class NoValidDirectory(Worded, Unavailable):
    """The member holds no valid directory document: it neither asks nor answers until it fetched one.
    Said in each language (``message``), for the pages."""


_NOT_FETCHED: Said = {
    "en": "the OCMW has not fetched its network's directory yet: run `ocmw directory sync`",
    "nl": "het OCMW heeft de lijst van zijn netwerk nog niet opgehaald: voer `ocmw directory sync` uit",
    "fr": "le CPAS n'a pas encore récupéré l'annuaire de son réseau : lancez `ocmw directory sync`",
}
_EXPIRED: Said = {
    "en": "the directory document (serial {serial}) expired on {expired} and no newer one could be fetched: the "
    "OCMW neither asks nor answers until it has one (ocmw directory sync)",
    "nl": "het document van de directory (volgnummer {serial}) is verlopen op {expired} en er kon geen nieuwer "
    "worden opgehaald: het OCMW vraagt en antwoordt niet tot het er een heeft (ocmw directory sync)",
    "fr": "le document de l'annuaire (numéro {serial}) a expiré le {expired} et aucun plus récent n'a pu être "
    "récupéré : le CPAS ne demande ni ne répond tant qu'il n'en a pas (ocmw directory sync)",
}
_ALTERED: Said = {
    "en": "the directory document held (serial {serial}) is not as the directory signed it ({detail}): the OCMW "
    "neither asks nor answers until it fetched a valid one (ocmw directory sync)",
    "nl": "het bewaarde document van de directory (volgnummer {serial}) is niet zoals de directory het "
    "ondertekende: het OCMW vraagt en antwoordt niet tot het een geldig heeft opgehaald (ocmw directory sync)",
    "fr": "le document de l'annuaire conservé (numéro {serial}) n'est pas tel que l'annuaire l'a signé : le CPAS "
    "ne demande ni ne répond tant qu'il n'en a pas récupéré un valable (ocmw directory sync)",
}

_cache: dict[tuple[str, int], peers.Peers] = {}


def current_peers(session: Session, network: Network, *, at: dt.datetime | None = None) -> peers.Peers:
    """The OCMWs trusted now: those of the last valid directory document, or of the trust folder.
    A member whose last document expired neither asks nor answers until it fetched a valid one."""
    if network.directory_url is None:
        if network.trust_path is None:
            raise UsageError("give --trust, or record it with `ocmw db init`")
        return peers.of_trust_folder(network.trust_path)
    stored = directory_documents.latest(session)
    if stored is None:
        raise NoValidDirectory(_NOT_FETCHED)
    moment = at or audit.now()
    if stored.expires_at <= moment:
        raise NoValidDirectory(
            _EXPIRED, serial=stored.serial, expired=f"{stored.expires_at.astimezone(BELGIAN_TIME):%d/%m/%Y %H:%M}"
        )
    key = (network.directory_url, stored.serial)
    if key not in _cache:
        try:
            document = read_signed(stored.xml, network.directory_trust, model.Directory, fmt=model.DIRECTORY).document
        except (InvalidDocument, SignatureError) as altered:
            raise NoValidDirectory(_ALTERED, serial=stored.serial, detail=str(altered)) from None
        _cache.clear()
        _cache[key] = peers.of_directory(document)
    return _cache[key]


# The directory


@dataclass(frozen=True)
class Synced:
    """What a synchronisation did: the serial held now, whether it is new, references sent."""

    serial: int
    new: bool
    references_sent: int


class DirectoryClient:
    """The OCMW talking to its directory."""

    def __init__(self, membership: Membership, sessions: sessionmaker[Session], timeout: float = 30.0) -> None:
        if membership.network.directory_url is None or membership.network.anchor is None:
            raise UsageError(NOT_A_MEMBER)
        self.membership = membership
        self.sessions = sessions
        self.timeout = timeout
        self.base = membership.network.directory_url.rstrip("/")

    def _client(self) -> httpx.Client:
        anchor = self.membership.network.anchor
        assert anchor is not None
        return client(self.base, self.membership.tls, (anchor,), self.timeout)

    def _call(self, method: str, path: str, body: bytes | None = None) -> bytes:
        try:
            with self._client() as http:
                reply = http.request(method, f"{self.base}{path}", content=body, headers={"content-type": XML})
        except httpx.HTTPError as error:
            raise Unavailable(f"the directory at {self.base} cannot be reached: {error}") from None
        if reply.status_code != 200:
            said = reply.headers.get("content-type", "").startswith("application/json")
            reason = reply.json().get("error") if said else None
            raise Refused(f"the directory refused ({reply.status_code}): {reason or reply.text[:200]}")
        return reply.content

    def _signed(self, document: Any) -> bytes:
        tree = build_tree(document, model.DIRECTORY)
        return serialize(sign(tree.getroot(), self.membership.signing).getroottree(), pretty=False)

    def _read(self, content: bytes, expected: type[Any]) -> Any:
        try:
            return read_signed(content, self.membership.network.directory_trust, expected, fmt=model.DIRECTORY).document
        except (InvalidDocument, SignatureError) as refused:
            raise Refused(f"the directory's answer is refused: {refused}") from None

    def sync(self, *, at: dt.datetime | None = None) -> Synced:
        """Fetch the directory document and keep it when it is valid; then send the references owed.
        A document that expired, is older than the one held, or is not signed by the directory is
        refused (the one held stays, until it expires itself)."""
        content = self._call("GET", "/directory/document")
        document: model.Directory = self._read(content, model.Directory)
        moment = at or audit.now()
        if document.expires_at <= moment:
            raise Refused(f"the directory document (serial {document.serial}) expired on {document.expires_at}")
        new = False
        with self.sessions.begin() as session:
            held = directory_documents.latest(session)
            if held is not None and document.serial < held.serial:
                raise Refused(
                    f"the directory sent document {document.serial}, older than the one held ({held.serial}): kept "
                    "the one held"
                )
            if held is None or document.serial > held.serial:
                directory_documents.keep(
                    session,
                    serial=document.serial,
                    issued_at=document.issued_at,
                    expires_at=document.expires_at,
                    xml=content,
                    members=len(document.members),
                    at=moment,
                )
                new = True
        return Synced(document.serial, new, self.send_references())

    def send_references(self) -> int:
        """Send the references the OCMW owes, in calls of ``REFERENCES_PER_CALL``; how many were taken.

        The next call is made and signed while the directory reads the one before, so that a large
        import keeps both busy. Two calls in flight never name the same person: a batch stops before
        the first reference of a person the call in flight names, which waits for the next batch;
        the last word on a person therefore always arrives last."""
        sent = 0
        after = 0
        with ThreadPoolExecutor(max_workers=1) as caller:
            flying: _Flying | None = None
            while True:
                with self.sessions() as session:
                    batch = references.pending(session, REFERENCES_PER_CALL, after=after)
                if flying is not None:
                    batch = _before_any_of(flying.persons, batch)
                call = None
                if batch:
                    body = self._signed(self._update(batch))
                    call = _Flying(caller.submit(self._call, "POST", "/directory/references", body), batch)
                    after = batch[-1].id
                if flying is not None:
                    sent += self._landed(flying)
                elif call is None:
                    return sent
                flying = call

    def _update(self, batch: list[references.Owed]) -> model.ReferenceUpdate:
        latest = {pending.ssin: pending for pending in batch}  # the last word on a person counts
        return model.ReferenceUpdate(
            member=self.membership.kbo,
            created_at=audit.now(),
            set=tuple(
                model.Reference(ssin=ssin, begin=pending.begin, end=pending.end)
                for ssin, pending in latest.items()
                if not pending.withdraw and pending.begin is not None
            ),
            withdraw=tuple(ssin for ssin, pending in latest.items() if pending.withdraw),
        )

    def _landed(self, call: _Flying) -> int:
        """Wait for a call's receipt; its references are then taken. How many persons it named."""
        self._read(call.reply.result(), model.ReferenceReceipt)
        with self.sessions.begin() as session:
            references.taken(session, [pending.id for pending in call.batch])
        return len(call.persons)

    def lookup(self, ssin: str, begin: dt.date, end: dt.date, *, actor: str) -> list[str]:
        """The KBOs of the other members that hold records of the person over the period."""
        asked = model.Lookup(
            lookup_id=f"{self.membership.kbo}-{uuid.uuid4().hex[:20]}",
            asked_at=audit.now(),
            asker=self.membership.kbo,
            ssin=ssin,
            begin=begin,
            end=end,
        )
        answer: model.LookupAnswer = self._read(
            self._call("POST", "/directory/lookups", self._signed(asked)), model.LookupAnswer
        )
        if answer.lookup_id != asked.lookup_id or answer.ssin != ssin:
            raise Refused("the directory answered another lookup")
        with self.sessions.begin() as session:
            audit.log(
                session, actor=actor, action="directory_lookup", ssin=ssin, lookup_id=asked.lookup_id,
                period=[begin.isoformat(), end.isoformat()], holders=list(answer.holders),
            )  # fmt: skip
        return list(answer.holders)


def anchor_of(pem: bytes) -> str:
    """The directory's certificate as it is installed: one PEM certificate."""
    try:
        certificate, *others = x509.load_pem_x509_certificates(pem)
    except ValueError:
        raise UsageError("the directory's certificate is not a PEM certificate") from None
    if others:
        raise UsageError("give the directory's certificate only, one PEM certificate")
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
