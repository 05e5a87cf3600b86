"""The trust store's administration: what ``TrustStore.add`` refuses (a certificate not valid now,
a key the exchange cannot verify, one already trusted, a file too large or not a certificate), and
the page that says so in Dutch and French."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.oid import NameOID
from sqlalchemy import select

from esv.errors import CertificateRefusal, CertificateRefused
from esv.keys import create_identity
from esv.signing import MAX_CERTIFICATE_BYTES, TrustStore
from storage import tables
from tests.web.web_world import ADMINISTRATOR, WebWorld, csrf_of, logged_in, web_world

NOW = dt.datetime.now(dt.UTC)


def certificate(organisation: str, *, not_before: dt.datetime = NOW - dt.timedelta(days=1), days: int = 365) -> bytes:
    return create_identity(organisation, kind="ecdsa", not_before=not_before, days=days)[1]


def self_signed(organisation: str, key: ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey) -> bytes:
    """A certificate with a key of another kind than the exchange's."""
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation)])
    made = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=365))
        .sign(key, None if isinstance(key, ed25519.Ed25519PrivateKey) else hashes.SHA384())
    )
    return made.public_bytes(serialization.Encoding.PEM)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    folder = tmp_path / "trust"
    folder.mkdir()
    return folder


def test_a_valid_certificate_is_written_into_the_folder_named_after_its_fingerprint(store: Path) -> None:
    signer = TrustStore.add(store, certificate("CPAS de Namur"))
    assert signer.organisation == "CPAS de Namur"
    assert [path.name for path in store.iterdir()] == [f"{signer.fingerprint.replace(':', '').lower()[:16]}.pem"]
    assert TrustStore.load(store).certificates[0].subject.rfc4514_string().endswith("O=CPAS de Namur,C=BE")


@pytest.mark.parametrize(
    ("pem", "kind", "words"),
    [
        (
            certificate("CPAS de Namur", not_before=NOW - dt.timedelta(days=400), days=30),
            CertificateRefusal.EXPIRED,
            "is verlopen op",
        ),
        (
            certificate("CPAS de Namur", not_before=NOW + dt.timedelta(days=10)),
            CertificateRefusal.NOT_YET_VALID,
            "is pas geldig vanaf",
        ),
        (
            self_signed("CPAS de Namur", ed25519.Ed25519PrivateKey.generate()),
            CertificateRefusal.UNSUPPORTED_KEY,
            "heeft een sleutel die de uitwisseling niet kan nakijken (Ed25519)",
        ),
        (
            self_signed("CPAS de Namur", ec.generate_private_key(ec.SECP384R1())),
            CertificateRefusal.UNSUPPORTED_KEY,
            "(secp384r1)",
        ),
        (b"-----BEGIN CERTIFICATE-----\nnot base64\n", CertificateRefusal.NOT_CERTIFICATE, "geen PEM-certificaat"),
        (certificate("A") + certificate("B"), CertificateRefusal.NOT_CERTIFICATE, "verwacht: één blok"),
        (b"x" * (MAX_CERTIFICATE_BYTES + 1), CertificateRefusal.TOO_LARGE, "groter dan 32 kB"),
    ],
)
def test_a_certificate_the_exchange_cannot_use_is_refused(
    store: Path, pem: bytes, kind: CertificateRefusal, words: str
) -> None:
    with pytest.raises(CertificateRefused) as refused:
        TrustStore.add(store, pem)
    assert refused.value.kind is kind and words in refused.value.message("nl")
    assert list(store.iterdir()) == []


def test_a_certificate_already_trusted_is_not_added_twice(store: Path) -> None:
    pem = certificate("CPAS de Namur")
    TrustStore.add(store, pem)
    with pytest.raises(CertificateRefused) as refused:
        TrustStore.add(store, pem)
    assert refused.value.message("fr") == "le certificat de CPAS de Namur ESV, CPAS de Namur est déjà de confiance"
    assert len(TrustStore.load(store).certificates) == 1


def test_a_trust_store_of_one_file_takes_no_certificate_from_the_pages(store: Path) -> None:
    single = store / "trusted.pem"
    single.write_bytes(certificate("CPAS de Liège"))
    with pytest.raises(CertificateRefused) as refused:
        TrustStore.add(single, certificate("CPAS de Namur"))
    assert refused.value.kind is CertificateRefusal.NOT_FOLDER


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebWorld]:
    with web_world(tmp_path_factory.mktemp("trust")) as made:
        yield made


MONS = {"kbo": "0207.400.054", "name_nl": "OCMW Bergen", "name_fr": "CPAS de Mons"}


def _upload(world: WebWorld, pem: bytes, lang: str = "nl", **fields: str) -> tuple[int, str]:
    administrator = logged_in(world.pages, ADMINISTRATOR)
    token = csrf_of(administrator.get("/admin/trust"))
    if lang != "nl":
        administrator.post("/language", data={"lang": lang, "back": "/admin/trust", "csrf_token": token})
    response = administrator.post(
        "/admin/trust",
        data={**MONS, **fields, "csrf_token": token},
        files={"certificate": ("cert.pem", pem, "application/x-pem-file")},
    )
    return response.status_code, response.text


def test_the_page_says_why_a_certificate_is_refused_in_the_users_language(world: WebWorld) -> None:
    expired = certificate("CPAS de Namur", not_before=NOW - dt.timedelta(days=400), days=30)
    status, page = _upload(world, expired)
    assert status == 400 and "Het certificaat van CPAS de Namur ESV, CPAS de Namur is verlopen op" in page
    status, page = _upload(world, self_signed("CPAS de Namur", ed25519.Ed25519PrivateKey.generate()), "fr")
    assert status == 400 and "a une clé que l&#39;échange ne peut pas vérifier (Ed25519)" in page
    already = world.liege.identity.cert_pem
    status, page = _upload(world, already)
    assert status == 400 and "is al vertrouwd" in page
    assert page.count("CPAS de Liège ESV, CPAS de Liège<br>") == 1  # listed once
    status, page = _upload(world, b"x" * (MAX_CERTIFICATE_BYTES + 1))
    assert status == 400 and "Het bestand is groter dan 32 kB: een certificaat is enkele kB groot." in page


def test_every_problem_of_the_ocmw_beside_the_certificate_is_named_and_nothing_is_added(world: WebWorld) -> None:
    before = sorted(path.name for path in world.folder.joinpath("trust-gent").iterdir())
    status, page = _upload(world, certificate("CPAS de Namur"), kbo="0207.400.055", name_nl="", address="ftp://x")
    assert status == 400
    for field in ("kbo", "name_nl", "address"):
        assert f'id="{field}-error"' in page, field
    assert "0207.400.055" in page and "ftp://x" in page  # what was typed stays in the form
    assert sorted(path.name for path in world.folder.joinpath("trust-gent").iterdir()) == before


def test_the_page_adds_a_valid_certificate_with_its_ocmw_and_audits_it(world: WebWorld) -> None:
    address = "https://ocmw.mons.example:8443/esv/requests"
    status, _ = _upload(world, certificate("CPAS de Mons"), address=address)
    assert status == 303
    administrator = logged_in(world.pages, ADMINISTRATOR)
    listed = administrator.get("/admin/trust").text
    assert "CPAS de Mons ESV, CPAS de Mons<br>" in listed and "OCMW Bergen" in listed and "0207.400.054" in listed
    assert address in listed
    [mons] = [peer for peer in world.pages.peers().peers if peer.kbo == "0207400054"]
    assert (mons.name_nl, mons.name_fr, mons.address) == ("OCMW Bergen", "CPAS de Mons", address)
    assert '<option value="0207400054">OCMW Bergen</option>' in administrator.get("/requests/new").text
    with world.gent.sessions() as session:
        audited = session.scalars(select(tables.AuditEntry).where(tables.AuditEntry.action == "certificate_trusted"))
        [line] = audited
    assert line.details["signer"].split(" (")[0] == "CPAS de Mons ESV, CPAS de Mons"
    assert (line.details["kbo"], line.details["name_fr"], line.details["address"]) == (
        "0207400054",
        "CPAS de Mons",
        address,
    )


def test_the_page_shows_no_folder_of_the_server(world: WebWorld) -> None:
    page = logged_in(world.pages, ADMINISTRATOR).get("/admin/trust").text
    folder = world.pages.membership.trust_path
    assert folder is not None and str(folder) not in page and str(world.folder) not in page
    assert "staan in de vertrouwensmap van deze server (gekozen met ocmw db init --trust)" in page


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "het OCMW heeft de lijst van zijn netwerk nog niet opgehaald: voer `ocmw directory sync` uit"),
        ("fr", "le CPAS n&#39;a pas encore récupéré l&#39;annuaire de son réseau : lancez `ocmw directory sync`"),
    ],
)
def test_a_member_without_a_valid_directory_document_is_told_why_in_its_language(
    world: WebWorld, lang: str, said: str
) -> None:
    membership = world.pages.membership
    anchor = x509.load_pem_x509_certificate(certificate("ESV-netwerk"))
    network = replace(membership.network, directory_url="https://directory.example", anchor=anchor, trust_path=None)
    administrator = logged_in(replace(world.pages, membership=replace(membership, network=network)), ADMINISTRATOR)
    token = csrf_of(administrator.get("/admin/trust"))
    administrator.post("/language", data={"lang": lang, "back": "/admin/trust", "csrf_token": token})
    page = administrator.get("/admin/trust").text
    assert said in page
    assert "has not fetched" not in page


def test_a_trust_folder_the_service_cannot_write_is_said_and_nothing_is_added(
    world: WebWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As under a systemd unit whose ProtectSystem hides the folder (the tests run as root, whom no mode stops)."""
    folder = world.folder / "trust-gent"
    before = sorted(path.name for path in folder.iterdir())
    monkeypatch.setattr("web.pages.admin.os.access", lambda path, mode: False)
    status, page = _upload(world, certificate("CPAS de Namur"))
    assert status == 400
    assert "De map van de vertrouwde OCMW&#39;s kan niet beschreven worden door de dienst" in page
    assert sorted(path.name for path in folder.iterdir()) == before
