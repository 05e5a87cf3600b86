"""A new signing key and certificate for an OCMW, without stopping its service: recorded in the
database, the new key signs from then on (a running ``ocmw serve`` follows within seconds), and the
old certificate stays trusted by the others until it expires, so that what it signed stays
verifiable.

The others must trust the new certificate before it signs, or they refuse what the OCMW sends and
answers. A member of a directory can see that: its new certificate must be in the directory's
document it holds (the directory's administrator adds it beside the old one with ``ocmw directory
member add-cert``), else nothing changes. Without a directory nobody can see it: the OCMWs that trust
this one add the new certificate to their trust folders when they receive it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from sqlalchemy.orm import Session

from esv.keys import load_identity
from esv.signing import Signer, usable_certificate
from exchange.network import Network, current_peers
from ground import kbo as kbo_number
from ground.errors import InvalidInput, UsageError
from storage import audit
from storage.records import own_identity


class NotInDirectoryYet(InvalidInput):
    """The directory's document does not list the new certificate: the other members would refuse
    what it signs. ``command`` is what the directory's administrator runs."""

    def __init__(self, name: str, command: str) -> None:
        super().__init__(
            f"the directory's document does not list the new certificate of {name} yet, so the other members would "
            f"refuse what it signs; nothing was changed. Send the certificate to the directory's administrator, who "
            f"runs: {command} -- then, once `ocmw directory sync` fetched the document that lists it (ocmw serve does "
            "every five minutes), run this command again"
        )
        self.command = command


@dataclass(frozen=True)
class Rotation:
    """A key rotated: the certificates before and after, and whether a directory lists the new one
    (``False``: the OCMWs of the trust folders still have to add it)."""

    ocmw: str
    kbo: str
    old: Signer
    new: Signer
    in_directory: bool
    tls_follows: bool
    """The TLS connections use the signing certificate: the new one from the service's next start."""


def add_certificate_command(kbo: str, cert: Path) -> str:
    """The command the directory's administrator runs to list ``cert`` beside the member's old one."""
    return f"ocmw directory member add-cert {kbo_number.format(kbo)} --cert {cert.name}"


def rotate(session: Session, key: Path, cert: Path, *, actor: str) -> Rotation:
    """Sign with ``key`` and ``cert`` from now on: the pair checked (the key is the certificate's, the
    certificate valid now and not the one in use), for a member of a directory the new certificate
    listed in the directory's document; recorded, and written to the audit log."""
    own = own_identity(session)
    if not (own.key_path and own.cert_path):
        raise UsageError("no signing key is recorded yet: give it with `ocmw db init --key ... --cert ...`")
    new_identity = load_identity(key, cert)
    usable_certificate(cert.read_bytes())
    old, new = Signer.of(_certificate(Path(own.cert_path))), Signer.of(new_identity.certificate)
    if old.fingerprint == new.fingerprint:
        raise InvalidInput(f"{cert} is the certificate {own.name} signs with already")
    in_directory = own.directory_url is not None
    if in_directory:
        listed = current_peers(session, Network.of(own)).named(own.kbo).fingerprints
        if new.fingerprint not in listed:
            raise NotInDirectoryYet(own.name, add_certificate_command(own.kbo, cert))
    own.key_path, own.cert_path = str(key.resolve()), str(cert.resolve())
    audit.log(session, actor=actor, action="signing_key_rotated", old=old.describe(), new=new.describe())
    return Rotation(own.name, own.kbo, old, new, in_directory, tls_follows=own.tls_cert_path is None and in_directory)


def _certificate(path: Path) -> x509.Certificate:
    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except (OSError, ValueError) as error:
        raise UsageError(f"{path}: the certificate in use cannot be read ({error})") from None
