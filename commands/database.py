"""Opening the OCMW's database for a command, and what it recorded of its signing files: the same
for every command that works on the OCMW's records. Who runs the command is written to the audit log."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ground.errors import UsageError

if TYPE_CHECKING:  # the database, the keys and the network are loaded when a command uses them
    from sqlalchemy.orm import Session, sessionmaker

    from esv import model
    from esv.signing import SigningIdentity
    from exchange.network import Membership, Network


def actor() -> str:
    """Who runs the command, for the audit log."""
    try:
        return f"{getpass.getuser()} (ocmw command)"
    except OSError:
        return "ocmw command"


def open_database(db_url: str | None) -> sessionmaker[Session]:
    """The sessions of a database whose schema is made and current (a usage error otherwise)."""
    from storage.database import check_current, connect, database_url, sessions

    engine = connect(database_url(db_url))
    check_current(engine)
    return sessions(engine)


@dataclass(frozen=True)
class SigningFiles:
    """Where the OCMW's signing key, its certificate and its trust folder are: as given to the
    command, else as ``ocmw db init`` recorded them. A member of a directory needs no trust folder:
    the directory names whom it trusts."""

    key: Path
    cert: Path
    trust: Path | None

    @classmethod
    def of(cls, session: Session, key: Path | None, cert: Path | None, trust: Path | None) -> SigningFiles:
        from storage import records

        own = records.own_identity(session)
        key = key or (Path(own.key_path) if own.key_path else None)
        cert = cert or (Path(own.cert_path) if own.cert_path else None)
        trust = trust or (Path(own.trust_path) if own.trust_path else None)
        if key is None or cert is None:
            raise UsageError("give --key and --cert, or record them with `ocmw db init`")
        return cls(key, cert, network(session, trust).trust_path)

    def load(self) -> SigningIdentity:
        """The signing identity; a usage error when the key, its certificate or the trust folder cannot be used."""
        from esv.keys import load_identity
        from esv.signing import TrustStore

        if self.trust is not None:
            TrustStore.load(self.trust)
        return load_identity(self.key, self.cert)


def network(session: Session, trust: Path | None) -> Network:
    """Where the OCMWs the OCMW trusts come from: its directory, or the trust folder given or recorded."""
    from exchange.network import Network
    from storage import records

    found = Network.of(records.own_identity(session), trust)
    if found.trust_path is None and found.directory_url is None:
        raise UsageError(
            "give --trust, or record it with `ocmw db init --trust`, or join a network with "
            "`ocmw db init --directory URL --directory-cert FILE`"
        )
    return found


def membership(session: Session, key: Path | None, cert: Path | None, trust: Path | None) -> Membership:
    """The OCMW's membership of its network, with the signing files given or recorded."""
    from exchange.network import Membership
    from storage import records

    files = SigningFiles.of(session, key, cert, trust)
    return Membership.of(records.own_identity(session), files.load(), files.trust)


def own_ocmw(session: Session) -> model.Ocmw:
    from storage import records

    return records.as_ocmw(records.own_identity(session))
