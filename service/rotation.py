"""A service that follows its OCMW's signing key as the database records it: after ``ocmw keys
rotate`` every worker process signs with the new key from its next request on (checked at most every
``CHECK_SECONDS``), without a restart. A service given ``--key``/``--cert`` other than the recorded
ones keeps those. The TLS listener keeps the certificate it started with until the next start."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

import anyio
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from starlette.types import ASGIApp, Receive, Scope, Send

from esv.keys import load_identity
from esv.signing import Signer
from ground.errors import OcmwError
from storage.records import own_identity

log = logging.getLogger(__name__)
CHECK_SECONDS = 10.0


class RecordedSigning:
    """The signing identity of the key and certificate the database records, read again when the
    record names other files."""

    def __init__(self, sessions: sessionmaker[Session], key: Path, cert: Path) -> None:
        self.sessions = sessions
        self.paths = (str(key), str(cert))
        self.identity = load_identity(key, cert)
        with sessions() as session:
            own = own_identity(session)
        self.follows = self.paths == (own.key_path, own.cert_path)

    def changed(self) -> bool:
        """Whether the record names another key now, which is then the identity; a key that cannot
        be used is said in the log and the one before kept."""
        if not self.follows:
            return False
        try:
            with self.sessions() as session:
                own = own_identity(session)
        except (DBAPIError, OcmwError):
            return False  # the database says so where it is used
        paths = (own.key_path, own.cert_path)
        if paths == self.paths or None in paths:
            return False
        key, cert = (Path(path) for path in paths if path is not None)
        try:
            identity = load_identity(key, cert)
        except OcmwError as error:
            log.error("the signing key recorded now cannot be used; still signing with the one before: %s", error)
            return False
        self.paths, self.identity = (str(key), str(cert)), identity
        log.warning("signing with the key of %s from now on", Signer.of(identity.certificate).describe())
        return True


class FollowingKeys:
    """An application made again, on a request, when ``changed`` says the recorded signing key changed."""

    def __init__(self, changed: Callable[[], bool], build: Callable[[], ASGIApp]) -> None:
        self.changed, self.build = changed, build
        self.app = build()
        self.next_check = time.monotonic() + CHECK_SECONDS

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and time.monotonic() >= self.next_check:
            self.next_check = time.monotonic() + CHECK_SECONDS
            if await anyio.to_thread.run_sync(self.changed):
                self.app = self.build()
        await self.app(scope, receive, send)
