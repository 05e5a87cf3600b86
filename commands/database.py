"""Opening the OCMW's database for a command, and what it recorded of its signing files: the same
for every command that works on the OCMW's records. Who runs the command is written to the audit log."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from esv import model
from esv.keys import load_identity
from esv.signing import SigningIdentity, TrustStore
from ground.errors import UsageError
from storage import records
from storage.database import check_current, connect, database_url, sessions


def actor() -> str:
    """Who runs the command, for the audit log."""
    try:
        return f"{getpass.getuser()} (ocmw command)"
    except OSError:
        return "ocmw command"


def open_database(db_url: str | None) -> sessionmaker[Session]:
    """The sessions of a database whose schema is made and current (a usage error otherwise)."""
    engine = connect(database_url(db_url))
    check_current(engine)
    return sessions(engine)


@dataclass(frozen=True)
class SigningFiles:
    """Where the OCMW's signing key, its certificate and its trust store are: as given to the
    command, else as ``ocmw db init`` recorded them."""

    key: Path
    cert: Path
    trust: Path

    @classmethod
    def of(cls, session: Session, key: Path | None, cert: Path | None, trust: Path | None) -> SigningFiles:
        own = records.own_identity(session)
        given = (
            key or (Path(own.key_path) if own.key_path else None),
            cert or (Path(own.cert_path) if own.cert_path else None),
            trust or (Path(own.trust_path) if own.trust_path else None),
        )
        if None in given:
            raise UsageError("give --key, --cert and --trust, or record them with `ocmw db init`")
        return cls(*given)  # type: ignore[arg-type]

    def load(self) -> tuple[SigningIdentity, TrustStore]:
        """The signing identity and the trust store; a usage error when a file cannot be used."""
        return load_identity(self.key, self.cert), TrustStore.load(self.trust)


def own_ocmw(session: Session) -> model.Ocmw:
    return records.as_ocmw(records.own_identity(session))
