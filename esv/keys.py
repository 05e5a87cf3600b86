"""Creating an OCMW's signing key and self-signed certificate for the exchange.

Trust in the exchange is pinned (see ``esv.signing``): each OCMW sends its certificate to the
others out of band, who put it in their trust store. A self-signed certificate is all that needs.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

KeyKind = Literal["rsa", "ecdsa"]


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
