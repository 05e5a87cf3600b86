"""``ocmw directory`` as a network's administrators and an OCMW's IT staff type it. On the directory's own
database: ``init`` (run again, its key and certificate, the database it makes), the members added with their
KBO, names, address and certificates, suspended, reactivated and removed, listed in Dutch and French, and the
log of every change and lookup. On an OCMW's database: joining with ``ocmw db init --directory``, ``sync``
against the directory served over TLS in a thread (and when it is down), ``trusted``, and a request to an OCMW
the directory does not name. Each test has its own databases and runs in an empty folder."""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import Result
from cryptography import x509
from sqlalchemy import select

from directory import model, registry
from directory import tables as directory_tables
from esv.disclosure import BELGIAN_TIME
from esv.document import read_signed
from esv.signing import Signer, TrustStore
from ground import kbo
from service.run import Listener
from storage.database import connect, sessions
from tests.command_world import (
    GENT_KBO,
    LIEGE,
    LIEGE_KBO,
    SOFIE,
    headings,
    recorded_identity,
    request,
    run,
    sent_requests,
    table_rows,
)
from tests.conftest import Identity, make_identity
from tests.exchange_world import free_port
from tests.network_world import Directory, pem_files

pytestmark = pytest.mark.usefixtures("empty_folder")

ANTWERPEN_KBO = "0207112222"
"""A KBO with valid check digits that no test makes a member."""


@dataclass(frozen=True)
class Pem:
    key: Path
    cert: Path
    identity: Identity


@pytest.fixture(scope="module")
def pems(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Pem]:
    """Keys and certificates (ECDSA: quick to load at every command): the directory's, Gent's, a new one of
    Gent's, Liège's, and nine of an OCMW renewing its key often."""
    folder = tmp_path_factory.mktemp("directory-keys")
    names = {"directory": "ESV-netwerk", "gent": "OCMW Gent", "gent-new": "OCMW Gent", "liege": "CPAS de Liège"}
    names |= {f"many-{n}": "OCMW Antwerpen" for n in range(9)}
    made = {slug: make_identity(name, "ecdsa") for slug, name in names.items()}
    return {slug: Pem(*pem_files(folder, slug, identity), identity) for slug, identity in made.items()}


@pytest.fixture
def directory_port() -> int:
    return free_port()


@pytest.fixture
def directory_db(tmp_path: Path, pems: dict[str, Pem], directory_port: int) -> str:
    """The directory's database, made with ``ocmw directory init``, its address on this machine."""
    url = f"sqlite:///{tmp_path / 'directory.db'}"
    result = init_directory(url, pems, f"https://127.0.0.1:{directory_port}")
    assert result.exit_code == 0, result.output
    return url


def init_directory(url: str | None, pems: dict[str, Pem], address: str, *extra: str | Path) -> Result:
    db = ("--db", url) if url else ()
    own = pems["directory"]
    return run("directory", "init", *db, "--name", "ESV-netwerk", "--address", address, "--key", own.key,
               "--cert", own.cert, *extra)  # fmt: skip


def add_member(
    db: str, kbo: str, name_nl: str, *certs: Path, address: str | None = None, extra: tuple[str, ...] = ()
) -> Result:
    """``ocmw directory member add``; the address, unless given, on a port nobody answers on."""
    given = tuple(part for cert in certs for part in ("--cert", cert))
    return run(
        "directory", "member", "add", "--db", db, "--kbo", kbo, "--name-nl", name_nl, "--address",
        address or "https://127.0.0.1:9/esv/requests", *given, *extra,
    )  # fmt: skip


def add_gent_and_liege(db: str, pems: dict[str, Pem]) -> None:
    added = [
        add_member(db, GENT_KBO, "OCMW Gent", pems["gent"].cert, extra=("--name-fr", "CPAS de Gand")),
        add_member(db, LIEGE_KBO, "OCMW Luik", pems["liege"].cert, extra=("--name-fr", "CPAS de Liège"),
                   address="https://127.0.0.1:10/esv/requests"),
    ]  # fmt: skip
    assert [result.exit_code for result in added] == [0, 0], [result.output for result in added]


def refusal(result: Result, code: int) -> str:
    """The one error line of a refused command, after the usage lines click writes before the errors of usage it
    finds: no traceback, no other line."""
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit)
    *usage, said = result.stderr.splitlines()
    click_usage = len(usage) == 3 and usage[0].startswith("Usage: ") and usage[1].startswith("Try '")
    assert usage == [] or (click_usage and usage[2] == ""), result.stderr
    return said


def members_json(db: str) -> list[dict[str, object]]:
    listed = run("directory", "member", "list", "--db", db, "--format", "json")
    assert listed.exit_code == 0, listed.output
    members: list[dict[str, object]] = json.loads(listed.stdout)
    return members


def kbos_listed(db: str) -> list[object]:
    return [member["kbo"] for member in members_json(db)]


def log_actions(db: str) -> list[str]:
    engine = connect(db, schema=registry.DIRECTORY_DATABASE)
    try:
        with sessions(engine)() as session:
            query = select(directory_tables.LogEntry.action).order_by(directory_tables.LogEntry.id)
            return list(session.scalars(query))
    finally:
        engine.dispose()


def published_kbos(db: str, directory_cert: Path) -> list[str]:
    """The KBOs of the document the directory hands out now, read as a member reads it."""
    engine = connect(db, schema=registry.DIRECTORY_DATABASE)
    try:
        with sessions(engine).begin() as session:
            xml = registry.current_document(session).xml
    finally:
        engine.dispose()
    document = read_signed(xml, TrustStore.load(directory_cert), model.Directory, fmt=model.DIRECTORY).document
    return [member.kbo for member in document.members]


# ocmw directory init


def test_init_makes_the_directory_database_and_says_which_certificate_its_members_install(
    tmp_path: Path, pems: dict[str, Pem]
) -> None:
    url = f"sqlite:///{tmp_path / 'directory.db'}"
    result = init_directory(url, pems, "https://directory.esv.example:8443")
    assert result.exit_code == 0
    assert result.stdout == (
        f"{url}: ready, the directory ESV-netwerk at https://directory.esv.example:8443\n"
        f"  its members install its certificate: {pems['directory'].cert}\n"
    )
    assert log_actions(url) == ["directory_initialised"]
    assert published_kbos(url, pems["directory"].cert) == []


def test_init_makes_its_own_database_from_its_own_variable_not_the_ocmws(
    tmp_path: Path, pems: dict[str, Pem], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OCMW_DB_URL", f"sqlite:///{tmp_path / 'ocmw.db'}")
    monkeypatch.setenv("OCMW_DIRECTORY_DB_URL", f"sqlite:///{tmp_path / 'network.db'}")
    assert init_directory(None, pems, "https://127.0.0.1:8443").exit_code == 0
    assert (tmp_path / "network.db").exists()
    assert not (tmp_path / "ocmw.db").exists()


def test_init_without_db_or_variable_makes_directory_db_in_the_current_folder(
    tmp_path: Path, pems: dict[str, Pem]
) -> None:
    result = init_directory(None, pems, "https://127.0.0.1:8443")
    assert result.stdout.startswith("sqlite:///directory.db: ready, the directory ESV-netwerk")
    assert (tmp_path / "directory.db").exists()


def test_init_again_keeps_the_members_and_records_the_new_name_address_and_validity(
    directory_db: str, pems: dict[str, Pem]
) -> None:
    add_gent_and_liege(directory_db, pems)
    again = init_directory(directory_db, pems, "https://esv.example", "--valid-hours", "48")
    assert again.exit_code == 0
    assert again.stderr == ""  # the same certificate: nothing for the members to do
    assert again.stdout.startswith(f"{directory_db}: ready, the directory ESV-netwerk at https://esv.example\n")
    assert kbos_listed(directory_db) == [LIEGE_KBO, GENT_KBO]
    assert log_actions(directory_db) == [
        "directory_initialised",
        "member_added",
        "member_added",
        "directory_initialised",
    ]
    engine = connect(directory_db, schema=registry.DIRECTORY_DATABASE)
    with sessions(engine)() as session:
        identity = registry.own_identity(session)
        assert (identity.address, identity.valid_hours) == ("https://esv.example", 48)
    engine.dispose()


def test_init_again_with_another_certificate_warns_that_every_member_must_install_it(
    directory_db: str, pems: dict[str, Pem]
) -> None:
    before, other = pems["directory"], pems["gent-new"]
    again = run("directory", "init", "--db", directory_db, "--name", "ESV-netwerk", "--address", "https://esv.example",
                "--key", other.key, "--cert", other.cert)  # fmt: skip
    assert again.exit_code == 0
    described = Signer.of(before.identity.signing.certificate).describe()
    assert again.stderr == (
        f"warning: the directory signed with {described} until now: every member refuses its documents until it "
        f"installs {other.cert} (`ocmw db init --directory URL --directory-cert FILE`)\n"
    )


@pytest.mark.parametrize(("hours", "accepted"), [("0", False), ("1", True), ("336", True), ("337", False)])
def test_a_document_is_valid_from_one_hour_to_two_weeks(
    tmp_path: Path, pems: dict[str, Pem], hours: str, accepted: bool
) -> None:
    result = init_directory(f"sqlite:///{tmp_path / 'd.db'}", pems, "https://127.0.0.1:8443", "--valid-hours", hours)
    assert result.exit_code == (0 if accepted else 2)
    if not accepted:
        assert f"Invalid value for '--valid-hours': {hours} is not in the range 1<=x<=336." in result.stderr
        assert not (tmp_path / "d.db").exists()


def test_init_refuses_a_key_that_is_not_its_certificates_and_makes_nothing(
    tmp_path: Path, pems: dict[str, Pem]
) -> None:
    url = f"sqlite:///{tmp_path / 'directory.db'}"
    key, cert = pems["gent"].key, pems["directory"].cert
    result = run("directory", "init", "--db", url, "--name", "ESV-netwerk", "--address", "https://127.0.0.1:8443",
                 "--key", key, "--cert", cert)  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == f"Error: {key} with {cert}: the certificate does not belong to the key\n"
    assert not (tmp_path / "directory.db").exists()


def test_init_refuses_a_certificate_given_as_its_key(tmp_path: Path, pems: dict[str, Pem]) -> None:
    own = pems["directory"]
    result = run("directory", "init", "--db", f"sqlite:///{tmp_path / 'directory.db'}", "--name", "ESV-netwerk",
                 "--address", "https://127.0.0.1:8443", "--key", own.cert, "--cert", own.key)  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == f"Error: {own.cert} with {own.key}: the key file holds a certificate, not a private key\n"
    assert not (tmp_path / "directory.db").exists()


@pytest.mark.parametrize("address", ["ftp://directory.esv.example", "https://", "directory.esv.example:8443"])
def test_init_refuses_an_address_that_is_not_a_web_address_and_makes_nothing(
    tmp_path: Path, pems: dict[str, Pem], address: str
) -> None:
    result = init_directory(f"sqlite:///{tmp_path / 'directory.db'}", pems, address)
    assert result.exit_code == 1
    assert result.stderr == f"Error: --address {address!r} is not a web address: write https://host[:port]/...\n"
    assert not (tmp_path / "directory.db").exists()


@pytest.mark.parametrize(("name", "accepted"), [("", False), (" ", False), ("N" * 100, True), ("N" * 101, False)])
def test_the_directorys_name_has_1_to_100_characters(
    tmp_path: Path, pems: dict[str, Pem], name: str, accepted: bool
) -> None:
    own = pems["directory"]
    result = run("directory", "init", "--db", f"sqlite:///{tmp_path / 'directory.db'}", "--name", name,
                 "--address", "https://127.0.0.1:8443", "--key", own.key, "--cert", own.cert)  # fmt: skip
    assert result.exit_code == (0 if accepted else 1)
    if not accepted:
        assert result.stderr == f"Error: {name!r} cannot be the directory's name: 1 to 100 characters\n"
        assert not (tmp_path / "directory.db").exists()


def test_init_on_an_ocmws_database_says_so_and_changes_nothing(tmp_path: Path, pems: dict[str, Pem]) -> None:
    ocmw = f"sqlite:///{tmp_path / 'gent.db'}"
    assert run("db", "init", "--db", ocmw, "--kbo", GENT_KBO, "--name", "OCMW Gent").exit_code == 0
    result = init_directory(ocmw, pems, "https://127.0.0.1:8443")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: this database is an OCMW's, not a directory's: give the directory a database of its own with --db\n"
    )
    identity = recorded_identity(ocmw)
    assert identity is not None and identity.kbo == GENT_KBO


def test_an_ocmws_init_on_a_directorys_database_says_so_and_changes_nothing(
    tmp_path: Path, pems: dict[str, Pem]
) -> None:
    directory = f"sqlite:///{tmp_path / 'directory.db'}"
    assert init_directory(directory, pems, "https://127.0.0.1:8443").exit_code == 0
    before = _contents(tmp_path / "directory.db")
    result = run("db", "init", "--db", directory, "--kbo", GENT_KBO, "--name", "OCMW Gent")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: this database is a directory's, not an OCMW's: give the OCMW a database of its own with --db\n"
    )
    assert _contents(tmp_path / "directory.db") == before
    assert run("directory", "member", "list", "--db", directory).exit_code == 0


def _contents(database: Path) -> list[str]:
    """The schema and rows of a SQLite database: its file's bytes also change when SQLite moves its
    write-ahead log into it, which a connection closing may do at any time."""
    with contextlib.closing(sqlite3.connect(database)) as connection:
        return list(connection.iterdump())


def test_the_directorys_commands_on_a_database_not_made_say_how_to_make_it(tmp_path: Path) -> None:
    result = run("directory", "member", "list", "--db", f"sqlite:///{tmp_path / 'nowhere.db'}")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: there is no database at {tmp_path / 'nowhere.db'}: make it with `ocmw directory init --db "
        f"sqlite:///{tmp_path / 'nowhere.db'} --name ... --address ... --key ... --cert ...`\n"
    )
    assert not (tmp_path / "nowhere.db").exists()


# ocmw directory member add


def test_a_member_is_added_with_its_kbo_names_address_and_certificate_and_published(
    directory_db: str, pems: dict[str, Pem]
) -> None:
    result = add_member(directory_db, "0212.345.668", "OCMW Gent", pems["gent"].cert,
                        address="http://127.0.0.1:8080/esv/requests", extra=("--name-fr", "CPAS de Gand"))  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout == "OCMW Gent (KBO 0212.345.668) added, answering at http://127.0.0.1:8080/esv/requests\n"
    [member] = members_json(directory_db)
    assert {key: member[key] for key in ("kbo", "name_nl", "name_fr", "status", "address")} == {
        "kbo": GENT_KBO,
        "name_nl": "OCMW Gent",
        "name_fr": "CPAS de Gand",
        "status": "active",
        "address": "http://127.0.0.1:8080/esv/requests",
    }
    assert published_kbos(directory_db, pems["directory"].cert) == [GENT_KBO]
    assert log_actions(directory_db)[-2:] == ["member_added", "document_published"]


def test_a_member_without_a_french_name_has_its_dutch_one_in_french(directory_db: str, pems: dict[str, Pem]) -> None:
    assert add_member(directory_db, GENT_KBO, "OCMW Gent", pems["gent"].cert).exit_code == 0
    [member] = members_json(directory_db)
    assert (member["name_nl"], member["name_fr"]) == ("OCMW Gent", "OCMW Gent")


MISTYPED = "has wrong check digits: one of its digits is probably mistyped"
NOT_A_KBO = "is not a KBO/BCE number: it has 10 digits starting with 0 or 1, such as 0207.654.333"


@pytest.mark.parametrize(
    ("kbo", "message"),
    [
        ("0212345669", f"KBO/BCE number 0212.345.669 {MISTYPED}"),
        ("021234566", f"'021234566' {NOT_A_KBO}"),
        ("2212345664", f"'2212345664' {NOT_A_KBO}"),
    ],
)
def test_a_member_needs_a_kbo_number_with_its_check_digits(
    directory_db: str, pems: dict[str, Pem], kbo: str, message: str
) -> None:
    result = add_member(directory_db, kbo, "OCMW Gent", pems["gent"].cert)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message}\n"
    assert kbos_listed(directory_db) == []


@pytest.mark.parametrize(("option", "name"), [("--name-nl", ""), ("--name-nl", "  "), ("--name-fr", "C" * 101)])
def test_a_members_names_have_1_to_100_characters(
    directory_db: str, pems: dict[str, Pem], option: str, name: str
) -> None:
    names = {"--name-nl": "OCMW Gent", "--name-fr": "C" * 100} | {option: name}
    result = run("directory", "member", "add", "--db", directory_db, "--kbo", GENT_KBO, "--address",
                 "https://127.0.0.1:9/esv/requests", "--cert", pems["gent"].cert,
                 *(part for pair in names.items() for part in pair))  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == f"Error: {name!r} cannot be a member's name: 1 to 100 characters\n"
    assert kbos_listed(directory_db) == []


def test_a_member_named_in_100_characters_is_added(directory_db: str, pems: dict[str, Pem]) -> None:
    result = add_member(directory_db, GENT_KBO, "N" * 100, pems["gent"].cert, extra=("--name-fr", "C" * 100))
    assert result.exit_code == 0
    assert published_kbos(directory_db, pems["directory"].cert) == [GENT_KBO]


@pytest.mark.parametrize(
    "address",
    ["ftp://127.0.0.1/esv/requests", "esv.gent.be/esv/requests", "https://", "https://esv.gent.be/esv requests"],
)
def test_a_members_address_is_an_https_or_http_address_with_a_host(
    directory_db: str, pems: dict[str, Pem], address: str
) -> None:
    result = add_member(directory_db, GENT_KBO, "OCMW Gent", pems["gent"].cert, address=address)
    assert result.exit_code == 1
    assert result.stderr == f"Error: --address {address!r} is not a web address: write https://host[:port]/...\n"
    assert kbos_listed(directory_db) == []
    assert published_kbos(directory_db, pems["directory"].cert) == []  # the document is still made


def test_a_file_that_is_not_a_certificate_is_named_and_nothing_is_added(
    directory_db: str, pems: dict[str, Pem]
) -> None:
    key = pems["gent"].key
    result = add_member(directory_db, GENT_KBO, "OCMW Gent", pems["gent"].cert, key)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {key}: this is not one PEM certificate (expected one -----BEGIN CERTIFICATE----- block)\n"
    )
    assert kbos_listed(directory_db) == []


def test_an_expired_certificate_is_refused(directory_db: str, tmp_path: Path) -> None:
    old = make_identity("OCMW Gent", "ecdsa", not_before=dt.datetime(2020, 1, 1, tzinfo=dt.UTC), days=30)
    _, cert = pem_files(tmp_path / "old", "gent", old)
    result = add_member(directory_db, GENT_KBO, "OCMW Gent", cert)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {cert}: the certificate of OCMW Gent ESV, OCMW Gent expired on 31/01/2020: ask that OCMW for its "
        "new certificate\n"
    )
    assert kbos_listed(directory_db) == []


def test_a_certificate_of_another_member_is_refused_naming_that_member(directory_db: str, pems: dict[str, Pem]) -> None:
    add_gent_and_liege(directory_db, pems)
    cert = pems["gent"].cert
    result = add_member(directory_db, ANTWERPEN_KBO, "OCMW Antwerpen", cert)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {cert}: the certificate of OCMW Gent ESV, OCMW Gent is already that of OCMW Gent (KBO 0212.345.668)\n"
    )
    assert kbos_listed(directory_db) == [LIEGE_KBO, GENT_KBO]


def test_the_same_certificate_file_given_twice_is_added_once(directory_db: str, pems: dict[str, Pem]) -> None:
    result = add_member(directory_db, GENT_KBO, "OCMW Gent", pems["gent"].cert, pems["gent"].cert)
    assert result.exit_code == 0
    [member] = members_json(directory_db)
    assert isinstance(member["certificates"], list) and len(member["certificates"]) == 1


def test_a_kbo_that_is_a_member_already_is_not_added_twice(directory_db: str, pems: dict[str, Pem]) -> None:
    add_gent_and_liege(directory_db, pems)
    result = add_member(directory_db, "0212.345.668", "OCMW Gent bis", pems["gent-new"].cert)
    assert result.exit_code == 1
    assert result.stderr == "Error: KBO 0212.345.668 is a member already: see `ocmw directory member list`\n"


def test_a_member_needs_cert_and_the_file_must_exist(directory_db: str, tmp_path: Path) -> None:
    without = run("directory", "member", "add", "--db", directory_db, "--kbo", GENT_KBO, "--name-nl", "OCMW Gent",
                  "--address", "https://127.0.0.1:9/esv/requests")  # fmt: skip
    assert without.exit_code == 2
    assert "Missing option '--cert'" in without.stderr
    missing = add_member(directory_db, GENT_KBO, "OCMW Gent", tmp_path / "gent.pem")
    assert missing.exit_code == 2
    assert "Invalid value for '--cert'" in missing.stderr and "does not exist" in missing.stderr


# ocmw directory member add-cert


def test_a_new_certificate_is_added_beside_the_old_one_and_logged(directory_db: str, pems: dict[str, Pem]) -> None:
    add_gent_and_liege(directory_db, pems)
    result = run(
        "directory", "member", "add-cert", "--db", directory_db, "0212.345.668", "--cert", pems["gent-new"].cert
    )
    assert result.exit_code == 0
    said = r"OCMW Gent: certificate of OCMW Gent ESV, OCMW Gent \(certificate SHA-256 [0-9A-F:]{95}\) added\n"
    assert re.fullmatch(said, result.stdout)
    gent = next(member for member in members_json(directory_db) if member["kbo"] == GENT_KBO)
    assert isinstance(gent["certificates"], list) and len(gent["certificates"]) == 2
    assert log_actions(directory_db)[-1] == "certificate_added"


@pytest.mark.parametrize(
    ("kbo", "message"),
    [
        (ANTWERPEN_KBO, "Error: KBO 0207.112.222 is not a member of the directory\n"),
        ("0207112223", f"Error: KBO/BCE number 0207.112.223 {MISTYPED}\n"),
    ],
)
def test_a_certificate_is_added_to_a_member_only(
    directory_db: str, pems: dict[str, Pem], kbo: str, message: str
) -> None:
    result = run("directory", "member", "add-cert", "--db", directory_db, kbo, "--cert", pems["gent-new"].cert)
    assert result.exit_code == 1
    assert result.stderr == message


def test_add_cert_refuses_a_certificate_a_member_has_and_a_file_that_is_none(
    directory_db: str, pems: dict[str, Pem]
) -> None:
    add_gent_and_liege(directory_db, pems)
    liege = pems["liege"].cert
    taken = run("directory", "member", "add-cert", "--db", directory_db, GENT_KBO, "--cert", liege)
    assert taken.exit_code == 1
    assert taken.stderr == (
        f"Error: {liege}: the certificate of CPAS de Liège ESV, CPAS de Liège is already that of OCMW Luik "
        "(KBO 0207.654.333)\n"
    )
    key = pems["gent-new"].key
    no_certificate = run("directory", "member", "add-cert", "--db", directory_db, GENT_KBO, "--cert", key)
    assert no_certificate.exit_code == 1
    assert no_certificate.stderr.startswith(f"Error: {key}: this is not one PEM certificate")
    assert log_actions(directory_db).count("certificate_added") == 0


def test_a_member_has_at_most_the_eight_valid_certificates_a_document_can_name(
    directory_db: str, pems: dict[str, Pem]
) -> None:
    eight = [pems[f"many-{n}"].cert for n in range(8)]
    assert add_member(directory_db, ANTWERPEN_KBO, "OCMW Antwerpen", *eight).exit_code == 0
    ninth = run("directory", "member", "add-cert", "--db", directory_db, ANTWERPEN_KBO, "--cert", pems["many-8"].cert)
    assert ninth.exit_code == 1
    assert ninth.stderr == (
        f"Error: {pems['many-8'].cert}: OCMW Antwerpen has 8 valid certificates, the most a directory document "
        "names: add this one once one of them has expired\n"
    )
    assert published_kbos(directory_db, pems["directory"].cert) == [ANTWERPEN_KBO]


def test_a_new_member_with_nine_certificates_is_refused(directory_db: str, pems: dict[str, Pem]) -> None:
    nine = [pems[f"many-{n}"].cert for n in range(9)]
    result = add_member(directory_db, ANTWERPEN_KBO, "OCMW Antwerpen", *nine)
    assert result.exit_code == 1
    assert "OCMW Antwerpen has 8 valid certificates, the most a directory document names" in result.stderr
    assert kbos_listed(directory_db) == []
    assert published_kbos(directory_db, pems["directory"].cert) == []


# ocmw directory member suspend, activate, remove


def status(db: str, command: str, kbo: str = GENT_KBO) -> Result:
    return run("directory", "member", command, "--db", db, kbo)


def test_a_suspended_member_is_left_out_of_the_document_until_it_is_active_again(
    directory_db: str, pems: dict[str, Pem]
) -> None:
    add_gent_and_liege(directory_db, pems)
    suspended = status(directory_db, "suspend")
    assert suspended.exit_code == 0
    assert suspended.stdout == (
        "OCMW Gent (KBO 0212.345.668) suspended: left out of the next document, its calls refused\n"
    )
    assert published_kbos(directory_db, pems["directory"].cert) == [LIEGE_KBO]
    assert {member["kbo"]: member["status"] for member in members_json(directory_db)} == {
        GENT_KBO: "suspended",
        LIEGE_KBO: "active",
    }
    activated = status(directory_db, "activate")
    assert activated.exit_code == 0
    assert activated.stdout == "OCMW Gent (KBO 0212.345.668) active again\n"
    assert published_kbos(directory_db, pems["directory"].cert) == [LIEGE_KBO, GENT_KBO]
    assert [action for action in log_actions(directory_db) if action.startswith("member_")][-2:] == [
        "member_suspended",
        "member_activated",
    ]


@pytest.mark.parametrize(
    ("commands", "said"),
    [
        (("suspend", "suspend"), "OCMW Gent (KBO 0212.345.668) is suspended already: nothing changed\n"),
        (("activate",), "OCMW Gent (KBO 0212.345.668) is active already: nothing changed\n"),
    ],
)
def test_a_status_a_member_has_already_changes_nothing_and_is_not_logged(
    directory_db: str, pems: dict[str, Pem], commands: tuple[str, ...], said: str
) -> None:
    add_gent_and_liege(directory_db, pems)
    *before, last = commands
    for command in before:
        assert status(directory_db, command).exit_code == 0
    logged = log_actions(directory_db)
    result = status(directory_db, last)
    assert result.exit_code == 0
    assert result.stdout == said
    assert log_actions(directory_db) == logged


def test_a_removed_member_is_gone_for_good_with_its_references(directory_db: str, pems: dict[str, Pem]) -> None:
    add_gent_and_liege(directory_db, pems)
    removed = status(directory_db, "remove")
    assert removed.exit_code == 0
    assert removed.stdout == "OCMW Gent (KBO 0212.345.668) removed, with its references\n"
    assert kbos_listed(directory_db) == [LIEGE_KBO]
    assert published_kbos(directory_db, pems["directory"].cert) == [LIEGE_KBO]
    for command in ("suspend", "activate", "remove"):
        again = status(directory_db, command)
        assert again.exit_code == 1
        assert again.stderr == "Error: KBO 0212.345.668 is not a member of the directory\n"
    added_again = add_member(directory_db, GENT_KBO, "OCMW Gent", pems["gent-new"].cert)
    assert added_again.exit_code == 1
    assert added_again.stderr == (
        "Error: KBO 0212.345.668 was removed from the network for good: it cannot be added again\n"
    )
    its_certificate = add_member(directory_db, ANTWERPEN_KBO, "OCMW Antwerpen", pems["gent"].cert)
    assert its_certificate.exit_code == 1
    assert its_certificate.stderr.endswith("is already that of OCMW Gent (KBO 0212.345.668, removed)\n")


@pytest.mark.parametrize("command", ["suspend", "activate", "remove"])
def test_a_status_is_changed_only_for_a_member(directory_db: str, command: str) -> None:
    unknown = status(directory_db, command, ANTWERPEN_KBO)
    assert unknown.exit_code == 1
    assert unknown.stderr == "Error: KBO 0207.112.222 is not a member of the directory\n"
    mistyped = status(directory_db, command, "0207112223")
    assert mistyped.exit_code == 1
    assert "has wrong check digits" in mistyped.stderr
    assert log_actions(directory_db) == ["directory_initialised"]


# ocmw directory member list


def test_the_members_are_listed_in_dutch(directory_db: str, pems: dict[str, Pem]) -> None:
    add_gent_and_liege(directory_db, pems)
    assert status(directory_db, "suspend", LIEGE_KBO).exit_code == 0
    listed = run("directory", "member", "list", "--db", directory_db)
    assert listed.exit_code == 0
    assert listed.stdout.splitlines()[0].strip() == "Leden van het netwerk: 2"
    assert headings(listed.stdout) == ["KBO-nummer", "Naam", "Status", "ESV-adres", "Certificaten geldig tot"]
    until = {slug: f"{x509.load_pem_x509_certificate(pems[slug].cert.read_bytes()).not_valid_after_utc:%d/%m/%Y}"
             for slug in ("gent", "liege")}  # fmt: skip
    assert table_rows(listed.stdout) == [
        ["0207.654.333", "OCMW Luik", "geschorst", "https://127.0.0.1:10/esv/requests", until["liege"]],
        ["0212.345.668", "OCMW Gent", "actief", "https://127.0.0.1:9/esv/requests", until["gent"]],
    ]


def test_the_members_are_listed_in_french(directory_db: str, pems: dict[str, Pem]) -> None:
    add_gent_and_liege(directory_db, pems)
    assert status(directory_db, "suspend", LIEGE_KBO).exit_code == 0
    listed = run("directory", "member", "list", "--db", directory_db, "--lang", "fr")
    assert listed.exit_code == 0
    assert listed.stdout.splitlines()[0].strip() == "Membres du réseau : 2"
    assert headings(listed.stdout) == ["Numéro BCE", "Nom", "Statut", "Adresse RSE", "Certificats valables jusqu'au"]
    assert [row[:3] for row in table_rows(listed.stdout)] == [
        ["0207.654.333", "CPAS de Liège", "suspendu"],
        ["0212.345.668", "CPAS de Gand", "actif"],
    ]


def test_the_members_list_refuses_a_third_language(directory_db: str) -> None:
    result = run("directory", "member", "list", "--db", directory_db, "--lang", "en")
    assert result.exit_code == 2
    assert "Invalid value for '--lang' (env var: 'OCMW_LANG'): 'en' is not one of 'nl', 'fr'." in result.stderr


def test_the_members_as_json_carry_both_names_and_every_certificate(directory_db: str, pems: dict[str, Pem]) -> None:
    add_gent_and_liege(directory_db, pems)
    gent = next(member for member in members_json(directory_db) if member["kbo"] == GENT_KBO)
    assert (gent["name_nl"], gent["name_fr"], gent["status"]) == ("OCMW Gent", "CPAS de Gand", "active")
    [certificate] = gent["certificates"]  # type: ignore[misc]
    assert re.fullmatch(r"[0-9A-F:]{95}", certificate["fingerprint"])
    assert dt.datetime.fromisoformat(certificate["valid_until"]) > dt.datetime.now(dt.UTC) + dt.timedelta(days=363)


# ocmw directory log


def test_every_change_is_logged_with_who_made_it_in_belgian_time(directory_db: str, pems: dict[str, Pem]) -> None:
    add_gent_and_liege(directory_db, pems)
    for command in ("suspend", "activate", "remove"):
        assert status(directory_db, command).exit_code == 0
    assert run("directory", "member", "add-cert", "--db", directory_db, LIEGE_KBO, "--cert",
               pems["gent-new"].cert).exit_code == 0  # fmt: skip
    shown = run("directory", "log", "--db", directory_db)
    assert shown.exit_code == 0
    lines = shown.stdout.splitlines()
    pattern = re.compile(r"(\d\d/\d\d/\d{4} \d\d:\d\d:\d\d) (\w+) by (.+?): (\{.*\})")
    parsed = [pattern.fullmatch(line) for line in lines]
    assert all(parsed), lines
    entries = [match.groups() for match in parsed if match]
    assert [action for _, action, _, _ in entries] == [
        "directory_initialised",
        "member_added",
        "member_added",
        "member_suspended",
        "member_activated",
        "member_removed",
        "certificate_added",
    ]
    assert {who for _, _, who, _ in entries} == {f"{getpass.getuser()} (ocmw command)"}
    assert json.loads(entries[1][3]) == {
        "address": "https://127.0.0.1:9/esv/requests",
        "kbo": GENT_KBO,
        "name_fr": "CPAS de Gand",
        "name_nl": "OCMW Gent",
    }
    assert json.loads(entries[3][3]) == {"kbo": GENT_KBO}
    now = dt.datetime.now(BELGIAN_TIME).replace(tzinfo=None)
    first = dt.datetime.strptime(entries[0][0], "%d/%m/%Y %H:%M:%S")
    assert dt.timedelta(0) <= now - first < dt.timedelta(minutes=2)


@pytest.mark.parametrize(("last", "shown"), [("1", ["member_added"]), ("2", ["member_added", "member_added"])])
def test_the_log_shows_the_last_entries_asked_newest_last(
    directory_db: str, pems: dict[str, Pem], last: str, shown: list[str]
) -> None:
    add_gent_and_liege(directory_db, pems)
    result = run("directory", "log", "--db", directory_db, "--last", last)
    assert [line.split()[2] for line in result.stdout.splitlines()] == shown
    assert '"kbo": "0207654333"' in result.stdout.splitlines()[-1]


@pytest.mark.parametrize(("option", "value", "code", "message"), [
    ("--last", "0", 2, "Invalid value for '--last': 0 is not in the range 1<=x<=100000."),
    ("--ssin", "92.02.14-162.07", 1, "Error: INSZ/NISS number 92.02.14-162.07 has wrong check digits"),
])  # fmt: skip
def test_the_log_refuses_what_it_cannot_show(
    directory_db: str, option: str, value: str, code: int, message: str
) -> None:
    result = run("directory", "log", "--db", directory_db, option, value)
    assert result.exit_code == code
    assert message in result.stderr
    assert result.stdout == ""


# ocmw directory serve


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10"])
def test_the_directory_without_tls_is_refused_on_any_address_but_this_machines_before_serving(
    directory_db: str, not_served: list[Sequence[Listener]], host: str
) -> None:
    result = run("directory", "serve", "--db", directory_db, "--host", host, "--port", str(free_port()))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: without --tls-cert and --tls-key the service answers on this machine only (127.0.0.1), not on {host}: "
        "give the TLS certificate and key to serve the network\n"
    )
    assert not_served == []


def test_the_directory_over_tls_asks_its_members_for_their_certificates(
    directory_db: str, pems: dict[str, Pem], not_served: list[Sequence[Listener]]
) -> None:
    port, own = free_port(), pems["directory"]
    result = run("directory", "serve", "--db", directory_db, "--tls-cert", own.cert, "--tls-key", own.key,
                 "--port", str(port))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr == f"the directory answers on https://127.0.0.1:{port}/directory/\n"
    [[listener]] = not_served
    assert listener.tls is not None
    assert (listener.url, listener.tls.clients) == (
        f"https://127.0.0.1:{port}",
        "directory.service:client_certificates",
    )


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (("--tls-cert", "{cert}"), "TLS needs both --tls-cert and --tls-key"),
        (("--tls-key", "{key}"), "TLS needs both --tls-cert and --tls-key"),
        (("--tls-cert", "{cert}", "--tls-key", "{other_key}"),
         "{other_key} with {cert}: the certificate does not belong to the key"),
    ],
)  # fmt: skip
def test_the_directorys_tls_certificate_goes_with_its_key(
    directory_db: str, pems: dict[str, Pem], not_served: list[Sequence[Listener]], given: tuple[str, ...], message: str
) -> None:
    files = {"cert": pems["directory"].cert, "key": pems["directory"].key, "other_key": pems["gent"].key}
    result = run("directory", "serve", "--db", directory_db, *(part.format(**files) for part in given))
    assert refusal(result, 2) == f"Error: {message.format(**files)}"
    assert not_served == []


# The member's side: ocmw db init --directory, ocmw directory sync and trusted


def join(
    db: str, kbo: str, name: str, own: Pem, directory_address: str, directory_cert: Path, *extra: str | Path
) -> Result:
    return run("db", "init", "--db", db, "--kbo", kbo, "--name", name, "--key", own.key, "--cert", own.cert,
               "--directory", directory_address, "--directory-cert", directory_cert, *extra)  # fmt: skip


def test_an_ocmw_joins_a_network_with_the_directorys_address_and_certificate(
    tmp_path: Path, pems: dict[str, Pem]
) -> None:
    db = f"sqlite:///{tmp_path / 'gent.db'}"
    result = join(db, GENT_KBO, "OCMW Gent", pems["gent"], "https://127.0.0.1:8443/", pems["directory"].cert)
    assert result.exit_code == 0
    assert result.stdout == (
        f"{db}: ready, the database of OCMW Gent (KBO {kbo.format(GENT_KBO)})\n"
        "  member of the network of https://127.0.0.1:8443: every person it holds records of will be told to the "
        "directory at the next `ocmw directory sync` or start of `ocmw serve`\n"
    )
    identity = recorded_identity(db)
    assert identity is not None
    assert identity.directory_url == "https://127.0.0.1:8443"
    assert identity.directory_anchor == pems["directory"].cert.read_text()
    assert (identity.tls_cert_path, identity.tls_key_path, identity.trust_path) == (None, None, None)


def test_an_ocmw_joins_with_a_tls_certificate_and_key_of_their_own(tmp_path: Path, pems: dict[str, Pem]) -> None:
    db = f"sqlite:///{tmp_path / 'gent.db'}"
    tls = pems["gent-new"]
    result = join(db, GENT_KBO, "OCMW Gent", pems["gent"], "https://127.0.0.1:8443", pems["directory"].cert,
                  "--tls-cert", tls.cert, "--tls-key", tls.key)  # fmt: skip
    assert result.exit_code == 0
    identity = recorded_identity(db)
    assert identity is not None
    assert (identity.tls_cert_path, identity.tls_key_path) == (str(tls.cert.resolve()), str(tls.key.resolve()))


JOINING = ("--directory", "https://127.0.0.1:8443", "--directory-cert", "{directory}")


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        (("--directory", "https://127.0.0.1:8443"), 2,
         "joining a network needs the directory's certificate too: give --directory-cert"),
        (("--directory", "ftp://127.0.0.1", "--directory-cert", "{directory}"), 2,
         "--directory 'ftp://127.0.0.1' is not a web address: write https://host[:port]"),
        (("--directory", "https://127.0.0.1:8443", "--directory-cert", "{directory_key}"), 2,
         "the directory's certificate is not a PEM certificate"),
        (("--directory-cert", "{directory}"), 2,
         "--directory-cert is the certificate of a directory: give its address with --directory too"),
        ((*JOINING, "--tls-cert", "{tls_cert}"), 2, "TLS needs both --tls-cert and --tls-key"),
        ((*JOINING, "--tls-key", "{tls_key}"), 2, "TLS needs both --tls-cert and --tls-key"),
        ((*JOINING, "--tls-cert", "{directory}", "--tls-key", "{tls_key}"), 2,
         "{tls_key} with {directory}: the certificate does not belong to the key"),
    ],
)  # fmt: skip
def test_joining_a_network_with_options_that_do_not_go_together_is_refused_in_one_line_and_makes_nothing(
    tmp_path: Path, pems: dict[str, Pem], extra: tuple[str, ...], code: int, message: str
) -> None:
    files = {"directory": pems["directory"].cert, "directory_key": pems["directory"].key,
             "tls_cert": pems["gent-new"].cert, "tls_key": pems["gent-new"].key}  # fmt: skip
    db = f"sqlite:///{tmp_path / 'gent.db'}"
    result = run("db", "init", "--db", db, "--kbo", GENT_KBO, "--name", "OCMW Gent", "--key", pems["gent"].key,
                 "--cert", pems["gent"].cert, *(part.format(**files) for part in extra))  # fmt: skip
    assert refusal(result, code) == f"Error: {message.format(**files)}"
    assert not (tmp_path / "gent.db").exists()


@dataclass(frozen=True)
class Network:
    """A directory served over TLS on this machine, whose members are Gent and Liège, and the database of
    Gent, joined to it."""

    directory_db: str
    address: str
    gent: str
    folder: Path


@pytest.fixture
def network(tmp_path: Path, pems: dict[str, Pem], directory_db: str, directory_port: int) -> Iterator[Network]:
    add_gent_and_liege(directory_db, pems)
    address = f"https://127.0.0.1:{directory_port}"
    gent = f"sqlite:///{tmp_path / 'gent.db'}"
    assert join(gent, GENT_KBO, "OCMW Gent", pems["gent"], address, pems["directory"].cert).exit_code == 0
    engine = connect(directory_db, schema=registry.DIRECTORY_DATABASE)
    own = pems["directory"]
    served = Directory(directory_db, engine, own.identity, directory_port, own.key, own.cert)
    with served.serve():
        yield Network(directory_db, address, gent, tmp_path)
    engine.dispose()


def test_sync_fetches_the_document_once_and_trusted_lists_its_members_in_dutch(network: Network) -> None:
    synced = run("directory", "sync", "--db", network.gent)
    assert synced.exit_code == 0
    assert synced.stdout == "directory document 1 (new); 0 references sent\n"
    again = run("directory", "sync", "--db", network.gent)
    assert again.stdout == "directory document 1 (unchanged); 0 references sent\n"
    trusted = run("directory", "trusted", "--db", network.gent)
    assert trusted.exit_code == 0
    title = trusted.stdout.splitlines()[0].strip()
    assert re.fullmatch(
        r"Vertrouwde OCMW's: 2, uit het verwijzingsrepertorium "
        r"\(document 1, geldig tot \d\d/\d\d/\d{4} \d\d:\d\d UTC\)",
        title,
    )
    assert headings(trusted.stdout) == ["KBO-nummer", "OCMW", "ESV-adres"]
    assert table_rows(trusted.stdout) == [
        ["0207.654.333", "OCMW Luik", "https://127.0.0.1:10/esv/requests"],
        ["0212.345.668", "OCMW Gent", "https://127.0.0.1:9/esv/requests"],
    ]


def test_trusted_lists_the_members_in_french_and_as_json(network: Network) -> None:
    assert run("directory", "sync", "--db", network.gent).exit_code == 0
    french = run("directory", "trusted", "--db", network.gent, "--lang", "fr")
    assert (
        french.stdout.splitlines()[0]
        .strip()
        .startswith("CPAS de confiance : 2, du répertoire des références (document 1, valable jusqu'au ")
    )
    assert headings(french.stdout) == ["Numéro BCE", "CPAS", "Adresse RSE"]
    assert [row[1] for row in table_rows(french.stdout)] == ["CPAS de Liège", "CPAS de Gand"]
    said = json.loads(run("directory", "trusted", "--db", network.gent, "--format", "json").stdout)
    assert (said["source"], said["serial"]) == ("directory", 1)
    assert [(ocmw["kbo"], ocmw["name_nl"], ocmw["name_fr"]) for ocmw in said["ocmws"]] == [
        (LIEGE_KBO, "OCMW Luik", "CPAS de Liège"),
        (GENT_KBO, "OCMW Gent", "CPAS de Gand"),
    ]


def test_a_member_suspended_is_left_out_at_the_next_sync(network: Network) -> None:
    assert run("directory", "sync", "--db", network.gent).exit_code == 0
    assert status(network.directory_db, "suspend", LIEGE_KBO).exit_code == 0
    synced = run("directory", "sync", "--db", network.gent)
    assert synced.stdout == "directory document 2 (new); 0 references sent\n"
    said = json.loads(run("directory", "trusted", "--db", network.gent, "--format", "json").stdout)
    assert [ocmw["kbo"] for ocmw in said["ocmws"]] == [GENT_KBO]


def test_trusted_before_the_first_sync_says_to_sync(network: Network) -> None:
    result = run("directory", "trusted", "--db", network.gent)
    assert result.exit_code == 1
    assert (
        result.stderr
        == "Fout: het OCMW heeft de lijst van zijn netwerk nog niet opgehaald: voer `ocmw directory sync` uit\n"
    )  # said in --lang


def test_an_ocmw_sends_the_references_it_owes_at_sync_and_its_lookups_are_logged(
    network: Network, pems: dict[str, Pem]
) -> None:
    liege = f"sqlite:///{network.folder / 'liege.db'}"
    assert (
        join(liege, LIEGE_KBO, "CPAS de Liège", pems["liege"], network.address, pems["directory"].cert).exit_code == 0
    )
    assert run("db", "import", "--db", liege, "--decisions", LIEGE / "decisions.csv").exit_code == 0
    synced = run("directory", "sync", "--db", liege)
    assert synced.stdout == "directory document 1 (new); 2 references sent\n"
    assert run("directory", "sync", "--db", network.gent).exit_code == 0
    asked = request(network.gent)  # Liège holds Sofie's records; it does not answer here
    assert "aan OCMW Luik: " in asked.stdout
    logged = run("directory", "log", "--db", network.directory_db, "--ssin", SOFIE)
    assert logged.exit_code == 0
    [line] = logged.stdout.splitlines()
    lookup = re.fullmatch(
        r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d lookup of 92\.02\.14-162\.06 by OCMW Gent \(0212345668\), signed by OCMW Gent "
        r"ESV, OCMW Gent \(certificate SHA-256 [0-9A-F:]{95}\): (\{.*\})",
        line,
    )
    assert lookup is not None, line
    details = json.loads(lookup.group(1))
    assert details["answered"] == [LIEGE_KBO]
    assert details["period"] == ["2025-01-01", "2026-10-31"]
    everything = run("directory", "log", "--db", network.directory_db).stdout
    assert "references_updated by OCMW Luik (0207654333)" in everything
    assert '{"set": 2, "withdrawn": 0}' in everything


def test_a_request_to_an_ocmw_the_directory_does_not_name_is_refused_in_one_line(network: Network) -> None:
    assert run("directory", "sync", "--db", network.gent).exit_code == 0
    result = request(network.gent, "--ocmw", ANTWERPEN_KBO)
    assert result.exit_code == 1
    assert result.stderr == "Error: KBO 0207.112.222 is not an OCMW of the directory\n"
    assert sent_requests(network.gent) == []


def test_an_ocmw_does_not_ask_itself(network: Network) -> None:
    assert run("directory", "sync", "--db", network.gent).exit_code == 0
    result = request(network.gent, "--ocmw", GENT_KBO)
    assert result.exit_code == 1
    assert result.stderr == "Error: KBO 0212.345.668 is this OCMW itself: it asks other OCMWs\n"
    assert sent_requests(network.gent) == []


def test_a_request_before_the_first_sync_says_to_sync(network: Network) -> None:
    result = request(network.gent, "--ocmw", LIEGE_KBO)
    assert result.exit_code == 1
    assert (
        result.stderr
        == "Fout: het OCMW heeft de lijst van zijn netwerk nog niet opgehaald: voer `ocmw directory sync` uit\n"
    )  # said in --lang
    assert sent_requests(network.gent) == []


def test_sync_with_the_directory_down_says_so_in_one_line(tmp_path: Path, pems: dict[str, Pem]) -> None:
    port = free_port()
    gent = f"sqlite:///{tmp_path / 'gent.db'}"
    assert (
        join(gent, GENT_KBO, "OCMW Gent", pems["gent"], f"https://127.0.0.1:{port}", pems["directory"].cert).exit_code
        == 0
    )
    result = run("directory", "sync", "--db", gent)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: the directory at https://127.0.0.1:{port} cannot be reached: ")
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("kbo", "own", "anchor", "reason"),
    [
        (ANTWERPEN_KBO, "gent-new", "directory", ""),  # not a member: how the handshake ends depends on its timing
        (GENT_KBO, "gent", "liege", "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"),  # another anchor
    ],
)
def test_a_sync_refused_in_the_tls_handshake_is_one_line_and_keeps_nothing(
    network: Network, pems: dict[str, Pem], kbo: str, own: str, anchor: str, reason: str
) -> None:
    ocmw = f"sqlite:///{network.folder / 'ocmw.db'}"
    assert join(ocmw, kbo, "OCMW", pems[own], network.address, pems[anchor].cert).exit_code == 0
    result = run("directory", "sync", "--db", ocmw)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: the directory at {network.address} cannot be reached: {reason}")
    assert len(result.stderr.splitlines()) == 1
    trusted = run("directory", "trusted", "--db", ocmw)
    assert "nog niet opgehaald" in trusted.stderr


def test_sync_for_an_ocmw_without_a_directory_says_how_to_join_one(tmp_path: Path, pems: dict[str, Pem]) -> None:
    gent = f"sqlite:///{tmp_path / 'gent.db'}"
    assert run("db", "init", "--db", gent, "--kbo", GENT_KBO, "--name", "OCMW Gent", "--key", pems["gent"].key,
               "--cert", pems["gent"].cert, "--trust", pems["liege"].cert).exit_code == 0  # fmt: skip
    result = run("directory", "sync", "--db", gent)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: the OCMW is not a member of a directory: it joins one with "
        "`ocmw db init --directory URL --directory-cert PEM`\n"
    )


def test_trusted_lists_a_trust_folder_when_there_is_no_directory(tmp_path: Path, pems: dict[str, Pem]) -> None:
    gent = f"sqlite:///{tmp_path / 'gent.db'}"
    assert run("db", "init", "--db", gent, "--kbo", GENT_KBO, "--name", "OCMW Gent", "--key", pems["gent"].key,
               "--cert", pems["gent"].cert, "--trust", pems["liege"].cert).exit_code == 0  # fmt: skip
    liege = "CPAS de Liège ESV, CPAS de Liège"  # the certificate's name: no TOML file beside it
    for lang, title, row in [
        ("nl", "Vertrouwde OCMW's: 1, uit de vertrouwensmap", ["", liege, "geen: wordt niet gevraagd"]),
        ("fr", "CPAS de confiance : 1, du dossier de confiance", ["", liege, "aucune : pas interrogé"]),
    ]:
        result = run("directory", "trusted", "--db", gent, "--lang", lang)
        assert result.exit_code == 0
        assert result.stdout.splitlines()[0].strip() == title
        assert table_rows(result.stdout) == [row]


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("kbo = 207654333", "kbo = 207654333 is not a KBO/BCE number"),  # a number that lost its zero
        ('kbo = "0207654334"', 'kbo = "0207654334" is not a KBO/BCE number'),  # wrong check digits
        ('kbo = "0207654333"\naddress = "ftp://liege"', 'address = "ftp://liege" is not a web address'),
    ],
)
def test_a_trust_folders_toml_file_with_a_wrong_kbo_or_address_is_refused_at_init(
    tmp_path: Path, pems: dict[str, Pem], line: str, said: str
) -> None:
    folder = tmp_path / "trust"
    folder.mkdir()
    (folder / "liege.pem").write_bytes(Path(pems["liege"].cert).read_bytes())
    (folder / "liege.toml").write_text(f'{line}\nname_nl = "OCMW Luik"\n', encoding="utf-8")
    gent = f"sqlite:///{tmp_path / 'gent.db'}"
    joined = run("db", "init", "--db", gent, "--kbo", GENT_KBO, "--name", "OCMW Gent", "--key", pems["gent"].key,
                 "--cert", pems["gent"].cert, "--trust", str(folder))  # fmt: skip
    assert joined.exit_code == 2
    assert joined.stderr.startswith(f"Error: {folder / 'liege.toml'}: {said}")
    assert not (tmp_path / "gent.db").exists()
