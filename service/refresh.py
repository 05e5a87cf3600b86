"""A member's service keeping up with its directory: it fetches the directory document and sends the
references it owes at start and every few minutes, in the process that runs the workers, so that
one process only talks to the directory. A directory that cannot be reached is logged and tried
again; the document held stays trusted until it expires."""

from __future__ import annotations

import logging
import threading

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from exchange.network import DirectoryClient, Membership, Synced
from ground.errors import OcmwError

log = logging.getLogger(__name__)
DIRECTORY_REFRESH_SECONDS = 300.0


class DirectoryRefresh(threading.Thread):
    """Synchronises with the directory every ``every`` seconds, until ``stop`` is set."""

    def __init__(
        self, membership: Membership, factory: sessionmaker[Session], every: float = DIRECTORY_REFRESH_SECONDS
    ) -> None:
        super().__init__(daemon=True, name="directory-refresh")
        self.client = DirectoryClient(membership, factory)
        self.every = every
        self.stop = threading.Event()

    def once(self) -> Synced | None:
        """One synchronisation; ``None`` when it failed (said in the log)."""
        try:
            synced = self.client.sync()
        except (OcmwError, DBAPIError) as error:
            log.warning("the directory could not be synchronised: %s", error)
            return None
        if synced.new or synced.references_sent:
            log.info("directory document %s, %s references sent", synced.serial, synced.references_sent)
        return synced

    def run(self) -> None:
        while not self.stop.wait(self.every):
            self.once()
