"""The toolkit's exceptions and the one value every check reports: a located problem."""

from __future__ import annotations

from dataclasses import dataclass


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


class EsvError(Exception):
    """Base of every error the ``esv`` package raises on purpose."""


class InvalidDocument(EsvError):
    """A document (XML, JSON or model) breaks the format; ``problems`` lists all that is wrong."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.line or 0, p.path, p.message))
        super().__init__("; ".join(f"{p.path}: {p.message}" for p in self.problems))


class SignatureError(EsvError):
    """A signature is missing, broken, or made with a key the caller does not trust."""


class TrustStoreError(EsvError):
    """The trust store (a PEM file or a folder of them) cannot be read."""


class SigningKeyError(EsvError):
    """The signing key or certificate cannot be used."""


class UnsignedDocument(SignatureError):
    """The document carries no signature."""


class UntrustedSigner(SignatureError):
    """The signature is made with a certificate that is not in the trust store."""
