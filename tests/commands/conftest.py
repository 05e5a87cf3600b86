"""OCMW Gent's database as the commands' tests start from it: made with its signing key, filled with records,
and the CPAS de Liège that answers its requests."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from esv.signing import SigningIdentity
from service import run as service
from tests.command_world import KEYS, LIEGE, LIEGE_KBO, init, run
from tests.conftest import Identity, make_identity
from tests.exchange_world import Ocmw, free_port, make_ocmw


@pytest.fixture(scope="session")
def liege_port() -> int:
    """The loopback port the CPAS de Liège answers on, as Gent's trust folder says."""
    return free_port()


@pytest.fixture(scope="session")
def gent_keys(tmp_path_factory: pytest.TempPathFactory, liege_port: int) -> dict[str, Path]:
    """OCMW Gent's --key, --cert and --trust for the requests: an ECDSA key made once (the shipped RSA
    key takes a sixth of a second to load, at every command), and a trust folder holding the shipped
    certificate of the CPAS de Liège, with its KBO, names and address on this machine."""
    folder = tmp_path_factory.mktemp("gent-keys")
    identity = make_identity("OCMW Gent", "ecdsa")
    (folder / "gent.key.pem").write_bytes(identity.key_pem)
    (folder / "gent.cert.pem").write_bytes(identity.cert_pem)
    trust = folder / "trust"
    trust.mkdir()
    (trust / "liege.pem").write_bytes((KEYS / "cpas-liege.cert.pem").read_bytes())
    (trust / "liege.toml").write_text(
        f'kbo = "{LIEGE_KBO}"\nname_nl = "CPAS de Liège"\nname_fr = "CPAS de Liège"\n'
        f'address = "http://127.0.0.1:{liege_port}/esv/requests"\n',
        encoding="utf-8",
    )
    return {"--key": folder / "gent.key.pem", "--cert": folder / "gent.cert.pem", "--trust": trust}


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
def liege(tmp_path: Path, liege_port: int) -> Iterator[Ocmw]:
    """The CPAS de Liège with its records, signing with the shipped demo key (which Gent's trust
    folder holds), answering on the port Gent's trust folder says."""
    ocmw = make_ocmw(f"sqlite:///{tmp_path / 'liege.db'}", LIEGE_KBO, "CPAS de Liège", records="liege")
    key, cert = (KEYS / "cpas-liege.key.pem").read_bytes(), (KEYS / "cpas-liege.cert.pem").read_bytes()
    yield dataclasses.replace(ocmw, identity=Identity(SigningIdentity.load(key, cert), key, cert), port=liege_port)
    ocmw.engine.dispose()


@pytest.fixture
def not_served(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Sequence[service.Listener]]]:
    """``ocmw serve`` and ``ocmw directory serve`` run to the point of serving, and not further: the
    listeners they would serve, one list per command that got there. The variables they set for their
    workers are taken back."""
    served: list[Sequence[service.Listener]] = []
    monkeypatch.setattr(service, "run", lambda listeners, workers: served.append(listeners))
    variables = dict(os.environ)
    yield served
    os.environ.clear()
    os.environ.update(variables)
