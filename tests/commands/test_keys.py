"""``ocmw keys rotate``: a new signing key recorded and audited, what to send to whom said; the same
certificate, a key that is not the certificate's or an expired certificate refused with nothing
changed; a member of a directory rotates only once the directory's document lists the new
certificate, and is told the command the directory's administrator runs. ``ocmw db init`` and the
rotation warn of a certificate within 30 days of its end."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from directory import registry
from exchange.rotation import NotInDirectoryYet, rotate
from storage.records import own_identity
from tests.command_world import GENT_KBO, audit_actions, init, recorded_identity, run
from tests.conftest import make_identity
from tests.network_world import Member, Network, network, pem_files

pytestmark = pytest.mark.usefixtures("empty_folder")


def new_files(folder: Path, days: int = 365) -> tuple[Path, Path]:
    return pem_files(folder, "new", make_identity("OCMW Gent", "ecdsa", days=days))


def test_a_new_key_is_recorded_audited_and_what_to_send_said(gent: str, tmp_path: Path) -> None:
    key, cert = new_files(tmp_path / "new")
    result = run("keys", "rotate", "--db", gent, "--key", key, "--cert", cert)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("OCMW Gent signs with OCMW Gent ESV, OCMW Gent (certificate SHA-256 ")
    assert lines[0].endswith(" from now on (a running ocmw serve within 10 seconds)")
    assert lines[1].startswith(f"send {cert} to every OCMW that trusts OCMW Gent: they add it beside the old one")
    assert "KBO 0212.345.668" in lines[1]
    identity = recorded_identity(gent)
    assert identity is not None and (identity.key_path, identity.cert_path) == (str(key), str(cert))
    assert audit_actions(gent)[-1] == "signing_key_rotated"
    assert result.stderr == ""


def test_the_certificate_in_use_is_not_rotated_to(gent: str, gent_keys: dict[str, Path]) -> None:
    result = run("keys", "rotate", "--db", gent, "--key", gent_keys["--key"], "--cert", gent_keys["--cert"])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {gent_keys['--cert']} is the certificate OCMW Gent signs with already\n",
    )


def test_a_key_that_is_not_the_certificates_is_refused(gent: str, tmp_path: Path, gent_keys: dict[str, Path]) -> None:
    _, cert = new_files(tmp_path / "new")
    result = run("keys", "rotate", "--db", gent, "--key", gent_keys["--key"], "--cert", cert)
    assert result.exit_code == 2
    assert "the certificate does not belong to the key" in result.stderr
    assert "signing_key_rotated" not in audit_actions(gent)


def test_an_expired_certificate_is_refused(gent: str, tmp_path: Path) -> None:
    key, cert = new_files(tmp_path / "new", days=1)
    result = run("keys", "rotate", "--db", gent, "--key", key, "--cert", cert)
    assert result.exit_code == 1
    assert "expired" in result.stderr
    identity = recorded_identity(gent)
    assert identity is not None and identity.cert_path != str(cert)


@pytest.mark.parametrize(("days", "warned"), [(32, True), (33, False)])
def test_a_certificate_with_30_days_left_or_fewer_is_warned_of(
    db: str, tmp_path: Path, days: int, warned: bool
) -> None:
    """Made valid from yesterday: 32 days of validity leave 30 whole days (and some hours), 33 leave 31."""
    key, cert = new_files(tmp_path / "soon", days=days)
    result = init(db, "--key", key, "--cert", cert)
    warning = f"warning: the certificate of OCMW Gent ({cert}) expires on "
    assert (warning in result.stderr) is warned
    if warned:
        assert ", in 30 days: make a new key with `ocmw esv keygen`" in result.stderr
    other_key, other_cert = new_files(tmp_path / "next", days=days)
    rotated = run("keys", "rotate", "--db", db, "--key", other_key, "--cert", other_cert)
    assert rotated.exit_code == 0, rotated.output
    assert ("warning: the certificate of OCMW Gent" in rotated.stderr) is warned


@pytest.fixture
def member(tmp_path: Path) -> Iterator[tuple[Network, Member]]:
    with network("sqlite", tmp_path) as world:
        gent = world.add_member("gent", GENT_KBO, "OCMW Gent")
        with world.directory.serve():
            gent.sync()
            yield world, gent


def test_a_member_rotates_once_the_directory_lists_the_new_certificate(
    member: tuple[Network, Member], tmp_path: Path
) -> None:
    world, gent = member
    key, cert = new_files(tmp_path / "new")
    with pytest.raises(NotInDirectoryYet) as refused, gent.sessions.begin() as session:
        rotate(session, key, cert, actor="test")
    assert refused.value.command == "ocmw directory member add-cert 0212.345.668 --cert new.cert.pem"
    assert "the directory's document does not list the new certificate of OCMW Gent yet" in str(refused.value)
    with world.directory.sessions.begin() as session:
        registry.add_certificate(session, registry.member_named(session, GENT_KBO), cert.read_bytes(), source=str(cert))
    gent.sync()
    with gent.sessions.begin() as session:
        done = rotate(session, key, cert, actor="test")
    assert (done.in_directory, done.tls_follows, done.new.fingerprint != done.old.fingerprint) == (True, True, True)
    with gent.sessions() as session:
        assert own_identity(session).cert_path == str(cert)
