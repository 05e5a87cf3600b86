"""The OCMWs of a trust folder, read again only when a file in it changed: a certificate added, a
name changed or a certificate removed counts at the next request, and nothing else is read again."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography import x509

from esv.errors import TrustStoreError
from esv.keys import create_identity
from esv.signing import Signer, TrustStore
from exchange import peers


def trusted(folder: Path, organisation: str, kbo: str, name_nl: str) -> Signer:
    signer = TrustStore.add(folder, create_identity(organisation, kind="ecdsa")[1])
    peers.describe_in_folder(folder, signer, kbo=kbo, name_nl=name_nl, name_fr=name_nl, address=None)
    return signer


def names(folder: Path) -> list[str]:
    return sorted(peer.name_nl for peer in peers.of_trust_folder(folder).peers)


def test_a_folder_is_read_again_only_when_a_file_in_it_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "trust"
    folder.mkdir()
    liege = trusted(folder, "CPAS de Liège", "0207.654.333", "OCMW Luik")
    assert names(folder) == ["OCMW Luik"]
    reads: list[Path] = []
    read = peers._read_trust_folder
    monkeypatch.setattr(peers, "_read_trust_folder", lambda location: reads.append(location) or read(location))
    assert names(folder) == ["OCMW Luik"] and reads == []  # nothing changed: nothing read
    trusted(folder, "OCMW Gent", "0212.345.668", "OCMW Gent")
    assert names(folder) == ["OCMW Gent", "OCMW Luik"] and len(reads) == 1  # a certificate added
    peers.describe_in_folder(folder, liege, kbo="0207.654.333", name_nl="CPAS Luik", name_fr="CPAS de Liège",
                             address=None)  # fmt: skip
    assert names(folder) == ["CPAS Luik", "OCMW Gent"] and len(reads) == 2  # a name changed
    for file in folder.glob(f"{Path(peers.trusted_file_name(liege)).stem}.*"):
        file.unlink()
    assert names(folder) == ["OCMW Gent"] and len(reads) == 3  # a certificate removed
    assert names(folder) == ["OCMW Gent"] and len(reads) == 3


def test_a_folder_that_cannot_be_read_is_said_at_every_request(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    for _ in range(2):
        with pytest.raises(TrustStoreError, match="no such file or folder"):
            peers.of_trust_folder(missing)


def test_one_pem_file_is_read_again_when_it_changed(tmp_path: Path) -> None:
    file = tmp_path / "trusted.pem"
    file.write_bytes(create_identity("CPAS de Namur", kind="ecdsa")[1])
    assert [peer.name_nl for peer in peers.of_trust_folder(file).peers] == ["CPAS de Namur ESV, CPAS de Namur"]
    gent = create_identity("OCMW Gent", kind="ecdsa")[1]
    file.write_bytes(file.read_bytes() + gent)
    assert len(peers.of_trust_folder(file).peers) == 2
    assert x509.load_pem_x509_certificate(gent) in peers.of_trust_folder(file).peers[1].certificates
