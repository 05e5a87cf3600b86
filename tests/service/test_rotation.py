"""A running service follows the signing key its database records (``service.rotation``): after
``ocmw keys rotate`` its next answer is signed with the new key, without a restart, and its health
names the new certificate; a service given another key than the recorded one keeps it."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from fastapi.testclient import TestClient
from lxml import etree

from esv.parsing import DEFAULT_MAX_BYTES
from esv.signing import DS, Signer
from exchange.rotation import rotate
from service import rotation
from service.app import environment, from_environment
from storage.records import own_identity
from tests.conftest import Identity, make_identity
from tests.exchange_world import Ocmw, make_ocmw, signed_request
from tests.network_world import pem_files

GENT = make_identity("OCMW Gent", "ecdsa")


@pytest.fixture
def liege(tmp_path: Path) -> Iterator[Ocmw]:
    made = make_ocmw(f"sqlite:///{tmp_path / 'liege.db'}", "0207654333", "CPAS de Liège", records="liege")
    key, cert = pem_files(tmp_path / "keys", "liege", made.identity)
    trust = tmp_path / "trust"
    trust.mkdir()
    (trust / "gent.pem").write_bytes(GENT.cert_pem)
    (trust / "gent.toml").write_text('kbo = "0212345668"\nname_nl = "OCMW Gent"\n')
    with made.sessions.begin() as session:
        own = own_identity(session)
        own.key_path, own.cert_path, own.trust_path = str(key), str(cert), str(trust)
    yield made
    made.engine.dispose()


def served(liege: Ocmw, monkeypatch: pytest.MonkeyPatch, key: Path, cert: Path) -> TestClient:
    monkeypatch.setattr(rotation, "CHECK_SECONDS", 0.0)
    folder = key.parent.parent / "trust"
    variables = environment(db_url=liege.url, key=key, cert=cert, trust=folder, max_bytes=DEFAULT_MAX_BYTES,
                            secure_cookies=False)  # fmt: skip
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return TestClient(from_environment())


def signed_by(client: TestClient, request_id: str) -> str:
    """The fingerprint of the certificate the answer to a request of Gent was signed with."""
    answer = client.post("/esv/requests", content=signed_request(GENT, request_id))
    assert answer.status_code == 200, answer.text
    der = base64.b64decode(etree.fromstring(answer.content).findtext(f".//{{{DS}}}X509Certificate") or "")
    return Signer.of(x509.load_der_x509_certificate(der)).fingerprint


def fingerprint(identity: Identity) -> str:
    return Signer.of(identity.signing.certificate).fingerprint


def test_the_next_answer_is_signed_with_the_key_rotated_to(
    liege: Ocmw, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    client = served(liege, monkeypatch, tmp_path / "keys" / "liege.key.pem", tmp_path / "keys" / "liege.cert.pem")
    assert signed_by(client, "ROT-1") == fingerprint(liege.identity)
    new = make_identity("CPAS de Liège", "ecdsa")
    key, cert = pem_files(tmp_path / "new", "liege", new)
    with liege.sessions.begin() as session:
        rotate(session, key, cert, actor="test")
    assert signed_by(client, "ROT-2") == fingerprint(new)
    assert fingerprint(new) in client.get("/health").json()["signing"]["certificate"]


def test_a_service_given_another_key_than_the_recorded_one_keeps_it(
    liege: Ocmw, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    given_key, given_cert = pem_files(tmp_path / "given", "liege", liege.identity)
    client = served(liege, monkeypatch, given_key, given_cert)
    key, cert = pem_files(tmp_path / "new", "liege", make_identity("CPAS de Liège", "ecdsa"))
    with liege.sessions.begin() as session:
        rotate(session, key, cert, actor="test")
    assert signed_by(client, "ROT-3") == fingerprint(liege.identity)
