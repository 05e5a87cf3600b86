"""Enveloped XML signatures (signxml): signing with an OCMW's key, verifying against a trust store.

Trust is pinned: a signature is accepted only when the certificate in its ``KeyInfo`` is, byte for
byte, one of the certificates of the trust store (a PEM file or a folder of them), and is valid at
the time of verification. After verification only the signed content is used: ``verify`` hands back
a tree parsed from the canonical bytes the signature covers, never the document as received.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes
from cryptography.x509.oid import NameOID
from lxml import etree
from signxml.algorithms import CanonicalizationMethod, DigestAlgorithm, SignatureMethod
from signxml.exceptions import SignXMLException
from signxml.signer import XMLSigner
from signxml.verifier import SignatureConfiguration, XMLVerifier

from esv.errors import (
    CertificateRefusal,
    CertificateRefused,
    SignatureError,
    SignatureFailure,
    SigningKeyError,
    TrustStoreError,
    UnsignedDocument,
    UntrustedSigner,
)
from esv.parsing import DEFAULT_MAX_BYTES, parse_xml, safe_parser

DS = "http://www.w3.org/2000/09/xmldsig#"
_ACCEPTED = SignatureConfiguration(
    location="./",
    expect_references=1,
    signature_methods=frozenset({SignatureMethod.RSA_SHA256, SignatureMethod.ECDSA_SHA256}),
    digest_algorithms=frozenset({DigestAlgorithm.SHA256}),
)
_ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
_TRANSFORMS = (_ENVELOPED, CanonicalizationMethod.EXCLUSIVE_XML_CANONICALIZATION_1_0.value)
PEM_SUFFIXES = (".pem", ".crt", ".cer")
MAX_CERTIFICATE_BYTES = 32 * 1024
"""A PEM certificate is a few kB; a file this large is something else."""


@dataclass(frozen=True)
class Signer:
    """Who signed: the certificate's subject, in words, and its SHA-256 fingerprint."""

    subject: str
    organisation: str | None
    common_name: str | None
    fingerprint: str
    not_after: datetime

    @staticmethod
    def of(certificate: x509.Certificate) -> Signer:
        """The signer of ``certificate``; kept per certificate, as one call asks it of the same few
        certificates many times (the request's signer, the connection's, the trusted ones)."""
        return _signer_of(certificate)

    @property
    def name(self) -> str:
        """``CN, O`` of the certificate, or its whole subject when it has neither."""
        return ", ".join(name for name in (self.common_name, self.organisation) if name) or self.subject

    def describe(self) -> str:
        """``CN, O (certificate SHA-256 AB:CD:...)``: who, and the certificate to check it by."""
        return f"{self.name} (certificate SHA-256 {self.fingerprint})"


@functools.lru_cache(maxsize=4096)
def _signer_of(certificate: x509.Certificate) -> Signer:
    def first(oid: x509.ObjectIdentifier) -> str | None:
        values = certificate.subject.get_attributes_for_oid(oid)
        return str(values[0].value) if values else None

    return Signer(
        subject=certificate.subject.rfc4514_string(),
        organisation=first(NameOID.ORGANIZATION_NAME),
        common_name=first(NameOID.COMMON_NAME),
        fingerprint=certificate.fingerprint(hashes.SHA256()).hex(":").upper(),
        not_after=certificate.not_valid_after_utc,
    )


@dataclass(frozen=True)
class TrustStore:
    """The certificates whose signatures are accepted."""

    certificates: tuple[x509.Certificate, ...]

    @classmethod
    def load(cls, location: Path) -> TrustStore:
        """All certificates of a PEM file, or of the ``.pem``/``.crt``/``.cer`` files of a folder."""
        if location.is_dir():
            files = sorted(_pem_files(location))
        elif location.is_file():
            files = [location]
        else:
            raise TrustStoreError(f"{location}: no such file or folder")
        certificates: list[x509.Certificate] = []
        for path in files:
            try:
                certificates.extend(x509.load_pem_x509_certificates(path.read_bytes()))
            except ValueError as error:
                raise TrustStoreError(f"{path}: not a PEM certificate file ({error})") from None
        if not certificates:
            raise TrustStoreError(f"{location}: holds no certificate (expected PEM files ending in .pem, .crt or .cer)")
        return cls(tuple(certificates))

    @classmethod
    def add(cls, folder: Path, pem: bytes, *, at: datetime | None = None) -> Signer:
        """Trust one more certificate (``at`` a time, now by default): it is written into the trust
        store's ``folder``, named after its fingerprint. ``CertificateRefused`` when the store is not
        a folder, the certificate is not one that can be trusted (``usable_certificate``), or it is
        trusted already."""
        if not folder.is_dir():
            raise CertificateRefused(CertificateRefusal.NOT_FOLDER)
        certificate = usable_certificate(pem, at=at)
        signer = Signer.of(certificate)
        if _pem_files(folder) and cls.load(folder).pinned(certificate) is not None:
            raise CertificateRefused(CertificateRefusal.ALREADY_TRUSTED, signer.name)
        (folder / trusted_file_name(signer)).write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
        return signer

    def pinned(self, certificate: x509.Certificate) -> x509.Certificate | None:
        """The trusted certificate identical to ``certificate``, if there is one."""
        return self._by_der.get(certificate.public_bytes(serialization.Encoding.DER))

    @functools.cached_property
    def _by_der(self) -> dict[bytes, x509.Certificate]:
        return {trusted.public_bytes(serialization.Encoding.DER): trusted for trusted in self.certificates}


@dataclass(frozen=True)
class SigningIdentity:
    """A private key and its certificate, ready to sign."""

    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    @classmethod
    def load(cls, key_pem: bytes, cert_pem: bytes, *, passphrase: bytes | None = None) -> SigningIdentity:
        if b"-----BEGIN CERTIFICATE-----" in key_pem:
            raise SigningKeyError("the key file holds a certificate, not a private key")
        try:
            key = serialization.load_pem_private_key(key_pem, password=passphrase)
        except (ValueError, TypeError) as error:
            raise SigningKeyError(f"the key cannot be read: {error}") from None
        if b"PRIVATE KEY-----" in cert_pem:
            raise SigningKeyError("the certificate file holds a private key, not a certificate")
        try:
            certificate = x509.load_pem_x509_certificate(cert_pem)
        except ValueError as error:
            raise SigningKeyError(f"the certificate cannot be read: {error}") from None
        unusable = _unusable_key(key.public_key())
        if unusable is not None or not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
            raise SigningKeyError(f"the key must be RSA, or ECDSA on the P-256 curve, not {unusable}")
        public = serialization.PublicFormat.SubjectPublicKeyInfo
        pem = serialization.Encoding.PEM
        if key.public_key().public_bytes(pem, public) != certificate.public_key().public_bytes(pem, public):
            raise SigningKeyError("the certificate does not belong to the key")
        return cls(key, certificate)

    @property
    def method(self) -> SignatureMethod:
        return SignatureMethod.RSA_SHA256 if isinstance(self.key, rsa.RSAPrivateKey) else SignatureMethod.ECDSA_SHA256


def trusted_file_name(signer: Signer) -> str:
    """The file a trusted certificate is written to in a trust folder: named after its fingerprint."""
    return f"{signer.fingerprint.replace(':', '').lower()[:16]}.pem"


def usable_certificate(pem: bytes, *, at: datetime | None = None) -> x509.Certificate:
    """The one PEM certificate of ``pem``, when it can be trusted at ``at`` (now by default):
    ``CertificateRefused`` when the file is too large or not one PEM certificate, the certificate is
    not valid then, or its key cannot be verified."""
    if len(pem) > MAX_CERTIFICATE_BYTES:
        raise CertificateRefused(CertificateRefusal.TOO_LARGE, MAX_CERTIFICATE_BYTES // 1024)
    try:
        certificate, *others = x509.load_pem_x509_certificates(pem)
    except ValueError:
        raise CertificateRefused(CertificateRefusal.NOT_CERTIFICATE) from None
    if others:
        raise CertificateRefused(CertificateRefusal.NOT_CERTIFICATE)
    signer = Signer.of(certificate)
    moment = at or datetime.now(UTC)
    if moment < certificate.not_valid_before_utc:
        raise CertificateRefused(CertificateRefusal.NOT_YET_VALID, signer.name, certificate.not_valid_before_utc)
    if moment > certificate.not_valid_after_utc:
        raise CertificateRefused(CertificateRefusal.EXPIRED, signer.name, certificate.not_valid_after_utc)
    if (key := _unusable_key(certificate.public_key())) is not None:
        raise CertificateRefused(CertificateRefusal.UNSUPPORTED_KEY, signer.name, key)
    return certificate


def _pem_files(folder: Path) -> list[Path]:
    return [path for path in folder.iterdir() if path.suffix.lower() in PEM_SUFFIXES]


def _unusable_key(key: PublicKeyTypes) -> str | None:
    """The kind of ``key`` when the exchange cannot sign or verify with it (it does RSA and ECDSA
    P-256, the keys of ``SignatureMethod.RSA_SHA256`` and ``ECDSA_SHA256``), else ``None``."""
    if isinstance(key, rsa.RSAPublicKey) or (
        isinstance(key, ec.EllipticCurvePublicKey) and isinstance(key.curve, ec.SECP256R1)
    ):
        return None
    if isinstance(key, ec.EllipticCurvePublicKey):
        return key.curve.name
    return type(key).__name__.removesuffix("PublicKey").lstrip("_")


class _Signer(XMLSigner):
    """signxml's signer, re-parsing with the toolkit's parser: a contract PDF is one text node,
    often larger than libxml2's default 10 MB limit."""

    @property
    def parser(self) -> etree.XMLParser:
        return safe_parser()


def sign(root: etree._Element, identity: SigningIdentity) -> etree._Element:
    """The root with an enveloped signature (exclusive c14n, SHA-256, the certificate in ``KeyInfo``)."""
    if root.find(f"{{{DS}}}Signature") is not None:
        raise SignatureError("the document is already signed", SignatureFailure.SHAPE)
    signer = _Signer(
        signature_algorithm=identity.method,
        digest_algorithm=DigestAlgorithm.SHA256,
        c14n_algorithm=CanonicalizationMethod.EXCLUSIVE_XML_CANONICALIZATION_1_0,
    )
    cert_pem = identity.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
    signed: etree._Element = signer.sign(root, key=identity.key, cert=[cert_pem])
    return signed


@dataclass(frozen=True)
class Verified:
    """A verified document: the tree of its signed content only, and who signed it."""

    tree: etree._ElementTree
    signer: Signer


def verify(
    tree: etree._ElementTree,
    trust: TrustStore,
    *,
    at: datetime | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Verified:
    """Check the enveloped signature of a parsed document; ``SignatureError`` says why it fails."""
    root = tree.getroot()
    signature = _the_signature(root)
    certificate = _signing_certificate(signature)
    trusted = trust.pinned(certificate)
    if trusted is None:
        raise UntrustedSigner(
            f"the signer is not trusted: {Signer.of(certificate).describe()} is not in the trust store"
        )
    config = _ACCEPTED if at is None else dataclasses.replace(_ACCEPTED, verification_time=at)
    try:
        result = XMLVerifier().verify(
            root,
            x509_cert=trusted,
            expect_config=config,
            parser=safe_parser(),
        )
    except SignXMLException as error:
        reason = _reason(error)
        kind = SignatureFailure.ALTERED if reason == _ALTERED else SignatureFailure.INVALID
        raise SignatureError(f"the signature is not valid: {reason}", kind) from None
    signed_bytes = result.signed_data  # type: ignore[union-attr]
    return Verified(etree.ElementTree(parse_xml(signed_bytes, max_bytes=max_bytes).getroot()), Signer.of(trusted))


def _the_signature(root: etree._Element) -> etree._Element:
    found = list(root.iter(f"{{{DS}}}Signature"))
    if not found:
        raise UnsignedDocument("the document is not signed")
    if len(found) > 1:
        raise SignatureError(
            f"the document holds {len(found)} signatures; an ESV document has exactly one", SignatureFailure.SHAPE
        )
    signature = found[0]
    if signature.getparent() is not root:
        raise SignatureError(
            "the signature must be a direct child of the root element (enveloped)", SignatureFailure.SHAPE
        )
    references = signature.findall(f"{{{DS}}}SignedInfo/{{{DS}}}Reference")
    if len(references) != 1 or references[0].get("URI") != "":
        raise SignatureError(
            'the signature must cover the whole document: one Reference with URI=""', SignatureFailure.SHAPE
        )
    transforms = tuple(
        node.get("Algorithm") for node in references[0].iterfind(f"{{{DS}}}Transforms/{{{DS}}}Transform")
    )
    if transforms != _TRANSFORMS:
        raise SignatureError(
            "the signature must use the enveloped-signature and exclusive c14n transforms only", SignatureFailure.SHAPE
        )
    return signature


def _signing_certificate(signature: etree._Element) -> x509.Certificate:
    certificates = signature.findall(f"{{{DS}}}KeyInfo/{{{DS}}}X509Data/{{{DS}}}X509Certificate")
    if len(certificates) != 1:
        raise SignatureError(
            "the signature must carry exactly one certificate in KeyInfo/X509Data", SignatureFailure.SHAPE
        )
    try:
        return x509.load_der_x509_certificate(base64.b64decode("".join((certificates[0].text or "").split())))
    except ValueError:
        raise SignatureError("the certificate in KeyInfo cannot be read", SignatureFailure.SHAPE) from None


_ALTERED = "the signed content was changed after signing (digest mismatch)"


def _reason(error: Exception) -> str:
    text = str(error) or type(error).__name__
    if "Digest mismatch" in text:
        return _ALTERED
    if "Signature verification failed" in text:
        return "the signature value does not match the signed information"
    return text
