"""The format's exceptions, kinds of ``ground.errors``, and the one value every check reports: a
located problem. The kinds of a refused signature and of a refused certificate carry their words in
Dutch, French and English."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ground.errors import InvalidInput, Refused, UsageError
from ground.lang import Language, Said


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a document, where it is, and a sentence a person understands.

    ``line`` is the document's line (``None`` when there is no source text, for example when a
    model built in Python is checked), ``path`` the element path (``/SocialReport/Dossier[2]/Ssin``).
    """

    line: int | None
    path: str
    message: str

    def format(self, source: str) -> str:
        """``file:line: /path: message``, the form every command prints."""
        return f"{source}:{self.line if self.line is not None else 0}: {self.path}: {self.message}"


class InvalidDocument(InvalidInput):
    """A document (XML, JSON or model) breaks the format; ``problems`` lists all that is wrong."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.line or 0, p.path, p.message))
        super().__init__("; ".join(f"{p.path}: {p.message}" for p in self.problems))


class SignatureFailure(enum.StrEnum):
    """Why a signature is refused, as the person reading a report is told."""

    UNSIGNED = "unsigned"
    UNTRUSTED = "untrusted"
    SHAPE = "shape"
    ALTERED = "altered"
    INVALID = "invalid"

    def label(self, lang: Language) -> str:
        return _SIGNATURE_FAILURES[self][lang]


_SIGNATURE_FAILURES: dict[SignatureFailure, Said] = {
    SignatureFailure.UNSIGNED: {
        "en": "the document is not signed",
        "nl": "het document is niet ondertekend",
        "fr": "le document n'est pas signé",
    },
    SignatureFailure.UNTRUSTED: {
        "en": "the signer is not (or no longer) among the trusted certificates",
        "nl": "de ondertekenaar staat niet (meer) tussen de vertrouwde certificaten",
        "fr": "le signataire ne figure pas (plus) parmi les certificats de confiance",
    },
    SignatureFailure.SHAPE: {
        "en": "the signature is not the one enveloped signature over the whole document that ESV asks for",
        "nl": "de handtekening is niet de ene handtekening over het hele document die ESV vraagt",
        "fr": "la signature n'est pas la signature unique sur tout le document que le RSE demande",
    },
    SignatureFailure.ALTERED: {
        "en": "the content was changed after it was signed",
        "nl": "de inhoud werd gewijzigd na het ondertekenen",
        "fr": "le contenu a été modifié après la signature",
    },
    SignatureFailure.INVALID: {
        "en": "the signature does not match, or its certificate was not valid",
        "nl": "de handtekening klopt niet, of haar certificaat was niet geldig",
        "fr": "la signature ne correspond pas, ou son certificat n'était pas valide",
    },
}


class SignatureError(Refused):
    """A signature is missing, broken, or made with a key the caller does not trust; ``kind`` says
    which, the message the details."""

    kind = SignatureFailure.INVALID

    def __init__(self, message: str, kind: SignatureFailure | None = None) -> None:
        super().__init__(message)
        if kind is not None:
            self.kind = kind


class TrustStoreError(UsageError):
    """The trust store (a PEM file or a folder of them) cannot be read."""


class CertificateRefusal(enum.StrEnum):
    """Why a certificate is not added to the trust store; its words take the values of the refusal."""

    NOT_FOLDER = "not_folder"
    TOO_LARGE = "too_large"
    NOT_CERTIFICATE = "not_certificate"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"
    UNSUPPORTED_KEY = "unsupported_key"
    ALREADY_TRUSTED = "already_trusted"

    def label(self, lang: Language) -> str:
        return _CERTIFICATE_REFUSALS[self][lang]


_CERTIFICATE_REFUSALS: dict[CertificateRefusal, Said] = {
    CertificateRefusal.NOT_FOLDER: {
        "en": "the trusted certificates are one file, not a folder: add the certificate to that file",
        "nl": "de vertrouwde certificaten staan in één bestand, niet in een map: voeg het certificaat daar toe",
        "fr": "les certificats de confiance sont dans un seul fichier, pas un dossier : ajoutez-y le certificat",
    },
    CertificateRefusal.TOO_LARGE: {
        "en": "the file is larger than {} kB: a certificate is a few kB",
        "nl": "het bestand is groter dan {} kB: een certificaat is enkele kB groot",
        "fr": "le fichier dépasse {} Ko : un certificat fait quelques Ko",
    },
    CertificateRefusal.NOT_CERTIFICATE: {
        "en": "this is not one PEM certificate (expected one -----BEGIN CERTIFICATE----- block)",
        "nl": "dit is geen PEM-certificaat (verwacht: één blok -----BEGIN CERTIFICATE-----)",
        "fr": "ce n'est pas un certificat PEM (attendu : un bloc -----BEGIN CERTIFICATE-----)",
    },
    CertificateRefusal.NOT_YET_VALID: {
        "en": "the certificate of {} is valid only from {:%d/%m/%Y}: add it then",
        "nl": "het certificaat van {} is pas geldig vanaf {:%d/%m/%Y}: voeg het dan toe",
        "fr": "le certificat de {} n'est valable qu'à partir du {:%d/%m/%Y} : ajoutez-le à ce moment",
    },
    CertificateRefusal.EXPIRED: {
        "en": "the certificate of {} expired on {:%d/%m/%Y}: ask that OCMW for its new certificate",
        "nl": "het certificaat van {} is verlopen op {:%d/%m/%Y}: vraag dat OCMW om zijn nieuwe certificaat",
        "fr": "le certificat de {} a expiré le {:%d/%m/%Y} : demandez son nouveau certificat à ce CPAS",
    },
    CertificateRefusal.UNSUPPORTED_KEY: {
        "en": "the certificate of {} has a key the exchange cannot verify ({}): only RSA and ECDSA P-256",
        "nl": "het certificaat van {} heeft een sleutel die de uitwisseling niet kan nakijken ({}): alleen RSA en "
        "ECDSA P-256",
        "fr": "le certificat de {} a une clé que l'échange ne peut pas vérifier ({}) : seulement RSA et ECDSA P-256",
    },
    CertificateRefusal.ALREADY_TRUSTED: {
        "en": "the certificate of {} is already trusted",
        "nl": "het certificaat van {} is al vertrouwd",
        "fr": "le certificat de {} est déjà de confiance",
    },
}


class CertificateRefused(InvalidInput):
    """A certificate not added to the trust store: ``kind`` says why, ``message(lang)`` in words."""

    def __init__(self, kind: CertificateRefusal, *values: object) -> None:
        self.kind = kind
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: Language) -> str:
        return self.kind.label(lang).format(*self.values)


class SigningKeyError(UsageError):
    """The signing key or certificate cannot be used."""


class UnsignedDocument(SignatureError):
    """The document carries no signature."""

    kind = SignatureFailure.UNSIGNED


class UntrustedSigner(SignatureError):
    """The signature is made with a certificate that is not in the trust store."""

    kind = SignatureFailure.UNTRUSTED
