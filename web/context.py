"""What the pages need of the OCMW that serves them: its database, who it is, how it signs, where
its trust store is, and the few settings of the pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request

from esv import model
from esv.signing import SigningIdentity, TrustStore
from exchange.requester import Requester
from web.passwords import FailedLogins

MEBIBYTE = 1024 * 1024


@dataclass(frozen=True)
class Pages:
    sessions: sessionmaker[Session]
    ocmw: model.Ocmw
    identity: SigningIdentity
    trust_path: Path
    secret: str
    secure_cookies: bool = False
    """Send the session cookie over HTTPS only: set when the pages are served behind TLS."""
    per_page: int = 20
    timeout: float = 30.0
    """Seconds a new request waits for the other OCMW's answer."""
    max_upload_bytes: int = 64 * MEBIBYTE
    """Each file of the statistics."""
    failed_logins: FailedLogins = field(default_factory=FailedLogins, repr=False)
    """The refused logins of this process, which slow down guessing a name's password."""

    def trust(self) -> TrustStore:
        """The trust store as it is now: a certificate an administrator adds counts at once."""
        return TrustStore.load(self.trust_path)

    def requester(self) -> Requester:
        return Requester(
            ocmw=self.ocmw, identity=self.identity, trust=self.trust(), sessions=self.sessions, timeout=self.timeout
        )


def pages_of(request: Request) -> Pages:
    pages: Pages = request.app.state.pages
    return pages
