"""The OCMWs an OCMW exchanges with: the members of the last valid directory document it fetched, or,
for two OCMWs without a directory, the certificates of its trust folder (each with a small TOML file
beside it saying the OCMW's KBO, names and address). Their certificates are trusted for signatures
and TLS, their addresses are the only ones the exchange sends to, and their names, taken from here
by the certificate that signed, are the names the lists and reports show: never what a document
claims."""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from directory import model
from esv.signing import PEM_SUFFIXES, Signer, TrustStore, trusted_file_name
from ground import kbo as kbo_number
from ground.errors import InvalidInput, NotFound, UsageError
from ground.lang import Lang

SIDECAR = ".toml"
"""Beside ``liege.pem`` in a trust folder, ``liege.toml``: ``kbo``, ``name_nl``, ``name_fr``, ``address``."""


@dataclass(frozen=True)
class Peer:
    """An OCMW of the network: its KBO (empty for a certificate of the trust folder without its
    TOML file), its names, the address it answers ESV requests on (none: it cannot be asked), and
    its certificates."""

    kbo: str
    name_nl: str
    name_fr: str
    address: str | None
    certificates: tuple[x509.Certificate, ...]

    def name(self, lang: Lang = "nl") -> str:
        return self.name_fr if lang == "fr" else self.name_nl

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(Signer.of(certificate).fingerprint for certificate in self.certificates)


@dataclass(frozen=True)
class Peers:
    """Who the OCMW trusts, and where they come from: ``directory`` (with the document's serial and
    expiry) or ``trust folder``."""

    peers: tuple[Peer, ...]
    source: str
    serial: int | None = None
    expires_at: dt.datetime | None = None

    def trust(self) -> TrustStore:
        return TrustStore(tuple(certificate for peer in self.peers for certificate in peer.certificates))

    def of_signer(self, signer: Signer) -> Peer | None:
        """The peer whose certificate signed."""
        return next((peer for peer in self.peers if signer.fingerprint in peer.fingerprints), None)

    def named(self, kbo: str) -> Peer:
        number = kbo_number.validate(kbo)
        found = next((peer for peer in self.peers if peer.kbo == number), None)
        if found is None:
            raise NotFound(f"KBO {kbo_number.format(number)} is not an OCMW of the {self.source}")
        return found

    def reachable(self, *, other_than: str) -> list[Peer]:
        """The peers with an address, but the OCMW itself."""
        return [peer for peer in self.peers if peer.address and peer.kbo != other_than]

    def client_certificates(self) -> list[bytes]:
        """The DER of every peer's certificate: those a TLS connection to the OCMW may be made with."""
        return [certificate.public_bytes(serialization.Encoding.DER) for certificate in self.trust().certificates]


def of_directory(document: model.Directory) -> Peers:
    return Peers(
        peers=tuple(
            Peer(
                kbo=member.kbo,
                name_nl=member.name_nl,
                name_fr=member.name_fr,
                address=member.address,
                certificates=tuple(member.certificate_objects()),
            )
            for member in document.members
        ),
        source="directory",
        serial=document.serial,
        expires_at=document.expires_at,
    )


def of_trust_folder(location: Path) -> Peers:
    """The OCMWs of a trust folder (or of one PEM file: certificates without names or addresses),
    read again only when a file in it was added, removed or changed: the responder asks for them at
    every request, and reading and checking the folder cost a third of an answer."""
    state = _state_of(location)
    kept = _read_folders.get(location)
    if state is not None and kept is not None and kept[0] == state:
        return kept[1]
    peers = _read_trust_folder(location)
    if state is not None:
        _read_folders[location] = (state, peers)
    return peers


_read_folders: dict[Path, tuple[tuple[object, ...], Peers]] = {}


def _state_of(location: Path) -> tuple[object, ...] | None:
    """What tells whether a trust folder (or file) changed: each file's name, size and time of change;
    ``None`` when it cannot be read (``TrustStore.load`` then says why)."""
    try:
        if not location.is_dir():
            file = location.stat()
            return (file.st_size, file.st_mtime_ns)
        with os.scandir(location) as entries:
            files = sorted((entry.name, entry.stat().st_size, entry.stat().st_mtime_ns) for entry in entries)
        return (location.stat().st_mtime_ns, *files)
    except OSError:
        return None


def _read_trust_folder(location: Path) -> Peers:
    store = TrustStore.load(location)
    described = _sidecars(location) if location.is_dir() else {}
    peers = []
    for certificate in store.certificates:
        signer = Signer.of(certificate)
        sidecar = described.get(signer.fingerprint)
        peers.append(
            Peer(
                kbo=sidecar.get("kbo", "") if sidecar else "",
                name_nl=sidecar.get("name_nl", signer.name) if sidecar else signer.name,
                name_fr=sidecar.get("name_fr", signer.name) if sidecar else signer.name,
                address=sidecar.get("address") if sidecar else None,
                certificates=(certificate,),
            )
        )
    return Peers(tuple(peers), "trust folder")


def _sidecars(folder: Path) -> dict[str, dict[str, str]]:
    """The TOML file beside each certificate file, by the certificate's fingerprint."""
    found = {}
    for path in sorted(folder.iterdir()):
        sidecar = path.with_suffix(SIDECAR)
        if path.suffix.lower() not in PEM_SUFFIXES or not sidecar.is_file():
            continue
        try:
            values = tomllib.loads(sidecar.read_text(encoding="utf-8"))
            certificate = x509.load_pem_x509_certificate(path.read_bytes())
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError) as error:
            raise UsageError(f"{sidecar}: cannot be read ({error})") from None
        described = {key: str(value) for key, value in values.items()}
        if "kbo" in described:
            if not isinstance(values["kbo"], str) or not kbo_number.is_valid(described["kbo"]):
                written = f'"{values["kbo"]}"' if isinstance(values["kbo"], str) else str(values["kbo"])
                raise UsageError(
                    f"{sidecar}: kbo = {written} is not a KBO/BCE number; write it as text with its 10 digits and "
                    'their check digits, such as kbo = "0207654333"'
                )
            described["kbo"] = kbo_number.validate(described["kbo"])
        if described.get("address") and not is_address(described["address"]):
            raise UsageError(f'{sidecar}: address = "{described["address"]}" is not a web address')
        found[Signer.of(certificate).fingerprint] = described
    return found


def describe_in_folder(
    folder: Path, signer: Signer, *, kbo: str, name_nl: str, name_fr: str, address: str | None
) -> Path:
    """Write the TOML file that names the OCMW of a trusted certificate and says where it answers."""
    number = kbo_number.validate(kbo)
    if address is not None and not is_address(address):
        raise InvalidInput(f"{address!r} is not a web address: write https://host[:port]/esv/requests")
    lines = [f'kbo = "{number}"', f"name_nl = {_toml(name_nl)}", f"name_fr = {_toml(name_fr)}"]
    if address:
        lines.append(f"address = {_toml(address)}")
    sidecar = (folder / trusted_file_name(signer)).with_suffix(SIDECAR)
    sidecar.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sidecar


def is_address(text: str) -> bool:
    """Whether ``text`` is an http(s) address with a host: where an OCMW answers ESV requests."""
    try:
        url = httpx.URL(text)
    except httpx.InvalidURL:
        return False
    return url.scheme in ("http", "https") and bool(url.host)


def _toml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
