"""Creating an OCMW's signing key and self-signed certificate for the exchange.

Trust in the exchange is pinned (see ``esv.signing``): each OCMW sends its certificate to the
others out of band, who put it in their trust store. A self-signed certificate is all that needs.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from esv.errors import SigningKeyError

if TYPE_CHECKING:  # the cryptography is loaded by the functions that use it: `ocmw esv --help` names the kinds only
    from cryptography import x509

    from esv.signing import SigningIdentity

KeyKind = Literal["rsa", "ecdsa"]
EXPIRES_SOON_DAYS = 30
"""A certificate with this many days left, or fewer, is about to expire: time to make a new key and
rotate (``ocmw keys rotate``); the service's health warns of it, ``ocmw db init`` too."""
PASSPHRASE_VARIABLE = "OCMW_KEY_PASSPHRASE"
"""Where the passphrase of an encrypted signing key is read from."""


def load_identity(key: Path, cert: Path) -> SigningIdentity:
    """The signing identity of a key file and its certificate file, the key's passphrase (if it is
    encrypted) read from ``OCMW_KEY_PASSPHRASE``; ``SigningKeyError`` saying which file is wrong."""
    from esv.signing import SigningIdentity

    try:
        key_pem, cert_pem = key.read_bytes(), cert.read_bytes()
    except OSError as error:
        raise SigningKeyError(f"{error.filename}: {error.strerror}") from None
    passphrase = os.environ.get(PASSPHRASE_VARIABLE)
    try:
        return SigningIdentity.load(key_pem, cert_pem, passphrase=passphrase.encode() if passphrase else None)
    except SigningKeyError as error:
        raise SigningKeyError(f"{key} with {cert}: {error}") from None


def create_identity(
    organisation: str,
    *,
    kind: KeyKind = "rsa",
    not_before: dt.datetime | None = None,
    days: int = 3 * 365,
) -> tuple[bytes, bytes]:
    """A new private key (RSA 3072 or ECDSA P-256) and its self-signed certificate, both PEM.

    The certificate names the OCMW (``O``), with ``CN`` "<organisation> ESV"; it is valid from
    ``not_before`` (default: now) for ``days`` days.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.x509.oid import NameOID

    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey = (
        rsa.generate_private_key(public_exponent=65537, key_size=3072)
        if kind == "rsa"
        else ec.generate_private_key(ec.SECP256R1())
    )
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{organisation} ESV"),
        ]
    )
    start = not_before or dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return key_pem, certificate.public_bytes(serialization.Encoding.PEM)


def days_left(certificate: x509.Certificate, at: dt.datetime | None = None) -> int:
    """Whole days from ``at`` (now) until the certificate expires; below 0 once it has.

    >>> made = x509.load_pem_x509_certificate(create_identity("OCMW Test", kind="ecdsa", days=31)[1])
    >>> end = made.not_valid_after_utc
    >>> days_left(made), days_left(made, end), days_left(made, end + dt.timedelta(seconds=1))
    (30, 0, -1)
    """
    left = certificate.not_valid_after_utc - (at or dt.datetime.now(dt.UTC))
    return left.days


def expires_soon(certificate: x509.Certificate, at: dt.datetime | None = None) -> bool:
    """Whether the certificate expires within ``EXPIRES_SOON_DAYS`` days of ``at`` (now), or has expired."""
    return days_left(certificate, at) <= EXPIRES_SOON_DAYS
