"""What the pages need of the OCMW that serves them: its database, who it is, how it signs, where
its trust store is, and the few settings of the pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request

from esv import model
from exchange.network import Membership, current_peers
from exchange.peers import Peers
from exchange.requester import Requester
from web.passwords import FailedLogins

MEBIBYTE = 1024 * 1024


@dataclass(frozen=True)
class Pages:
    sessions: sessionmaker[Session]
    ocmw: model.Ocmw
    membership: Membership
    """How the OCMW signs, its TLS certificate, its directory or its trust folder."""
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

    def peers(self) -> Peers:
        """The OCMWs trusted now: a certificate an administrator adds to the trust folder counts at once,
        a directory document fetched by the service too."""
        with self.sessions() as session:
            return current_peers(session, self.membership.network)

    def requester(self) -> Requester:
        return Requester(ocmw=self.ocmw, membership=self.membership, sessions=self.sessions, timeout=self.timeout)


def pages_of(request: Request) -> Pages:
    pages: Pages = request.app.state.pages
    return pages
