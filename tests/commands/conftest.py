"""OCMW Gent's database as the commands' tests start from it: made with its signing key, filled with records,
and the CPAS de Liège that answers its requests."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from esv.signing import SigningIdentity
from tests.command_world import KEYS, LIEGE, LIEGE_KBO, init, run
from tests.conftest import Identity, make_identity
from tests.exchange_world import Ocmw, make_ocmw


@pytest.fixture(scope="session")
def gent_keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """OCMW Gent's --key, --cert and --trust for the requests: an ECDSA key made once (the shipped RSA
    key takes a sixth of a second to load, at every command), and the shipped trust store, which holds
    the certificate of the CPAS de Liège."""
    folder = tmp_path_factory.mktemp("gent-keys")
    identity = make_identity("OCMW Gent", "ecdsa")
    (folder / "gent.key.pem").write_bytes(identity.key_pem)
    (folder / "gent.cert.pem").write_bytes(identity.cert_pem)
    return {"--key": folder / "gent.key.pem", "--cert": folder / "gent.cert.pem", "--trust": KEYS / "trust"}


@pytest.fixture
def gent(db: str, gent_keys: dict[str, Path]) -> str:
    """The database of OCMW Gent, made, with its signing key, certificate and trust store."""
    init(db, *(part for pair in gent_keys.items() for part in pair))
    return db


@pytest.fixture
def gent_with_records(gent: str) -> str:
    """Gent's database holding the records of the Liège fixtures (a stand-in for its own)."""
    imported = run("db", "import", "--db", gent, "--decisions", LIEGE / "decisions.csv", "--gpmi", LIEGE / "gpmi.csv")
    assert imported.exit_code == 0, imported.output
    return gent


@pytest.fixture
def liege(tmp_path: Path) -> Iterator[Ocmw]:
    """The CPAS de Liège with its records, signing with the shipped demo key (which Gent's trust
    store, ``fixtures/keys/trust``, holds)."""
    ocmw = make_ocmw(f"sqlite:///{tmp_path / 'liege.db'}", LIEGE_KBO, "CPAS de Liège", records="liege")
    key, cert = (KEYS / "cpas-liege.key.pem").read_bytes(), (KEYS / "cpas-liege.cert.pem").read_bytes()
    yield dataclasses.replace(ocmw, identity=Identity(SigningIdentity.load(key, cert), key, cert))
    ocmw.engine.dispose()
