"""Shared test material: the shipped fixtures, fresh signing identities, valid identifiers, and the
databases the tests of the commands, the storage and the web pages start from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from esv.keys import KeyKind, create_identity
from esv.signing import SigningIdentity
from storage.database import connect, sessions, upgrade
from web.accounts import Account, add_user
from web.roles import Role

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
ESV_FIXTURES = FIXTURES / "esv"
INVALID_FIXTURES = ESV_FIXTURES / "invalid"
VALID_XML = sorted(path for path in ESV_FIXTURES.glob("*.xml"))


def ssin_for(birth: dt.date, sequence: int) -> str:
    """An INSZ with valid check digits (test data only; the product checks them with python-stdnum)."""
    return ssin_with(f"{birth:%y%m%d}{sequence:03d}", born_from_2000=birth.year >= 2000)


def kbo_for(first_eight: str) -> str:
    """A KBO number with valid check digits (test data only)."""
    return f"{first_eight}{97 - int(first_eight) % 97:02d}"


@dataclass(frozen=True)
class Identity:
    """A signing identity and its certificate as PEM, for tests."""

    signing: SigningIdentity
    key_pem: bytes
    cert_pem: bytes


def make_identity(
    name: str,
    kind: KeyKind = "rsa",
    *,
    not_before: dt.datetime | None = None,
    days: int = 365,
) -> Identity:
    key_pem, cert_pem = create_identity(
        name, kind=kind, not_before=not_before or dt.datetime.now(dt.UTC) - dt.timedelta(days=1), days=days
    )
    return Identity(SigningIdentity.load(key_pem, cert_pem), key_pem, cert_pem)


@pytest.fixture(scope="session")
def rsa_identity() -> Identity:
    return make_identity("OCMW Testgem", "rsa")


@pytest.fixture(scope="session")
def ecdsa_identity() -> Identity:
    return make_identity("CPAS de Testville", "ecdsa")


@pytest.fixture(scope="session")
def stranger() -> Identity:
    return make_identity("Niet Vertrouwd", "rsa")


@pytest.fixture
def trust_dir(tmp_path: Path, rsa_identity: Identity, ecdsa_identity: Identity) -> Path:
    """A trust store folder holding the two test identities' certificates."""
    folder = tmp_path / "trust"
    folder.mkdir()
    (folder / "testgem.pem").write_bytes(rsa_identity.cert_pem)
    (folder / "testville.crt").write_bytes(ecdsa_identity.cert_pem)
    return folder


def ssin_with(body: str, *, born_from_2000: bool = False) -> str:
    """An INSZ or BIS number from its first nine digits, with valid check digits (test data only)."""
    number = int(body) + (2_000_000_000 if born_from_2000 else 0)
    return f"{body}{97 - number % 97:02d}"


def gpmi_version_row(ssin: str, **values: str) -> dict[str, str]:
    """A row of a GPMI versions export: a signed version of a general contract running 1 February -
    31 July 2024 of the person ``ssin``, born 30 July 1985, with some values changed."""
    row = {
        "contract_id": "C1",
        "version": "1",
        "signed_on": "2024-01-20",
        "ssin": ssin,
        "gender": "F",
        "birth_date": "1985-07-30",
        "residence_nis": "44021",
        "ocmw_nis": "44021",
        "social_worker": "sw1",
        "start_date": "2024-02-01",
        "end_date": "2024-07-31",
        "closed_on": "",
        "kind": "general",
        "training": "",
        "studies": "",
        "community_service": "",
        "extra_support": "",
    }
    return row | values


@pytest.fixture(autouse=True)
def no_language_or_width_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands speak their default language, and write their tables at their default width, whatever
    ``OCMW_LANG`` and terminal size the machine (or the test runner's worker) running the tests sets."""
    for name in ("OCMW_LANG", "COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A command that missed its --db would make ``ocmw.db`` (or ``directory.db``) here, not in someone's folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("OCMW_DB_URL", raising=False)
    monkeypatch.delenv("OCMW_DIRECTORY_DB_URL", raising=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    """The URL of a database not made yet."""
    return f"sqlite:///{tmp_path / 'gent.db'}"


@pytest.fixture
def database(tmp_path: Path) -> tuple[str, sessionmaker[Session]]:
    """A database made and empty: its URL and its sessions."""
    url = f"sqlite:///{tmp_path / 'ocmw.db'}"
    engine = connect(url, create=True)
    upgrade(engine)
    return url, sessions(engine)


def two_accounts(factory: sessionmaker[Session]) -> dict[str, Account]:
    """An administrator (beheerder) and a social worker (an), by name."""
    with factory.begin() as session:
        made = [
            add_user(session, "beheerder", "een lang wachtwoord", Role.ADMINISTRATOR, actor="test"),
            add_user(session, "an", "een lang wachtwoord", Role.SOCIAL_WORKER, actor="test"),
        ]
    return {account.username: account for account in made}
