"""``ocmw db``: the OCMW's database: make it, record whose it is, fill it with its records (its upkeep:
``commands.db_upkeep``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from commands import db_upkeep
from commands.database import actor, open_database
from commands.keys import expiry_warning
from commands.options import db_option, existing_file, table_options, tls_options, tls_pair
from commands.output import refusing_files, warn
from ground.numbers import Counted, counted

if TYPE_CHECKING:
    from esv.signing import Signer
    from tabular.reader import TableReader

NEEDS_DIRECTORY_CERT = "joining a network needs the directory's certificate too: give --directory-cert"
NEEDS_DIRECTORY = "--directory-cert is the certificate of a directory: give its address with --directory too"


@click.group()
def db() -> None:
    """The OCMW's database: make it, fill it with its records, back it up and restore it, describe it, and
    remove the documents exchanged once their retention has passed."""


@db.command()
@db_option
@click.option("--kbo", metavar="KBO", help="The OCMW's KBO/BCE number: 10 digits, such as 0207.654.333.")
@click.option("--name", help='The OCMW\'s name, as others see it: "OCMW Gent".')
@click.option("--phone", help="Its telephone number, for the reports it sends.")
@click.option("--key", type=existing_file, help="Its signing key (PEM), for the answers and requests it signs.")
@click.option("--cert", type=existing_file, help="The certificate of that key (PEM), sent to the other OCMWs.")
@click.option(
    "--trust",
    type=click.Path(exists=True, path_type=Path),
    help="Without a directory: the folder of the certificates of the OCMWs it trusts.",
)
@click.option("--directory", "directory_url", metavar="URL", help="The directory of its network: https://host[:port].")
@click.option(
    "--directory-cert",
    type=existing_file,
    help="The directory's certificate (PEM), as the network's administrators hand it out: installed once, "
    "it is the only one whose documents are trusted.",
)
@tls_options(recorded=False)
def init(
    db_url: str | None,
    kbo: str | None,
    name: str | None,
    phone: str | None,
    key: Path | None,
    cert: Path | None,
    trust: Path | None,
    directory_url: str | None,
    directory_cert: Path | None,
    tls_cert: Path | None,
    tls_key: Path | None,
) -> None:
    """Make the database, or bring its schema up to date, and record which OCMW it belongs to. The
    key, certificate and trust store are checked first: a key that is not the certificate's, or another
    KBO than the one recorded, is refused, and nothing changes.

    With --directory and --directory-cert the OCMW joins its network: it will ask the OCMWs the
    directory names, and tells the directory whom it holds records of (each import adds to that)."""
    from exchange.network import anchor_of
    from exchange.peers import is_address
    from ground import kbo as kbo_number
    from storage.database import NoDatabase, connect, database_url, sessions, upgrade
    from storage.records import NEW_DATABASE_NEEDS, OwnIdentity, record_identity

    if directory_url is not None and not is_address(directory_url):
        raise click.UsageError(f"--directory {directory_url!r} is not a web address: write https://host[:port]")
    tls_pair(tls_cert, tls_key)
    given = OwnIdentity(
        kbo=kbo_number.validate(kbo) if kbo is not None else None,
        name=name,
        phone=phone,
        key_path=key,
        cert_path=cert,
        trust_path=trust,
        directory_url=directory_url.rstrip("/") if directory_url else None,
        directory_anchor=anchor_of(directory_cert.read_bytes()) if directory_cert else None,
        tls_cert_path=tls_cert,
        tls_key_path=tls_key,
    )
    _check_signing_files(key, cert, trust)
    url = database_url(db_url)
    try:
        connect(url).dispose()
    except NoDatabase:
        if not (given.kbo and given.name):
            raise click.UsageError(NEW_DATABASE_NEEDS) from None
        if given.directory_url and not given.directory_anchor:
            raise click.UsageError(NEEDS_DIRECTORY_CERT) from None
        if given.directory_anchor and not given.directory_url:
            raise click.UsageError(NEEDS_DIRECTORY) from None
    engine = connect(url, create=True)
    migration = upgrade(engine)
    upgraded = db_upkeep.said_migration(migration)
    if upgraded:
        db_upkeep.audit_line(engine, "schema_upgraded", before=migration.before, after=migration.after)
    with sessions(engine).begin() as session:
        identity, changed = record_identity(session, given, actor=actor())
        if identity.directory_url and not identity.directory_anchor:
            raise click.UsageError(NEEDS_DIRECTORY_CERT)
        if identity.directory_anchor and not identity.directory_url:
            raise click.UsageError(NEEDS_DIRECTORY)
        if identity.key_path and identity.cert_path and (key or cert):
            _check_signing_files(Path(identity.key_path), Path(identity.cert_path), None)
    click.echo(f"{url}: ready, the database of {identity.name} (KBO {kbo_number.format(identity.kbo)})")
    if upgraded:
        click.echo(f"  {upgraded}")
    for field, (old, new) in changed.items():
        if old is not None:  # a new database says nothing of what it was before
            label = field.removesuffix("_path").replace("_", "-")
            click.echo(f"  {label}: {_said(field, new)} (was {_said(field, old)})")
    if "directory_url" in changed:
        click.echo(
            f"  member of the network of {identity.directory_url}: every person it holds records of will be "
            "told to the directory at the next `ocmw directory sync` or start of `ocmw serve`"
        )
    if identity.cert_path:
        expiry_warning(Path(identity.cert_path), identity.name)
    if "cert_path" in changed and identity.cert_path:
        signer = _signer(identity.cert_path)
        if signer is not None and identity.name.casefold() not in signer.name.casefold():
            click.echo(
                f"warning: the certificate names {signer.name}, not {identity.name}: check that it is this OCMW's",
                err=True,
            )


def _signer(cert_path: str) -> Signer | None:
    from cryptography import x509

    from esv.signing import Signer

    try:
        return Signer.of(x509.load_pem_x509_certificate(Path(cert_path).read_bytes()))
    except (OSError, ValueError):
        return None


def _said(field: str, value: str) -> str:
    """A recorded value as the administrator checks it: a certificate by whom it names."""
    from cryptography import x509

    from esv.signing import Signer

    if field == "directory_anchor":
        return f"certificate of {Signer.of(x509.load_pem_x509_certificate(value.encode())).describe()}"
    signer = _signer(value) if field in ("cert_path", "tls_cert_path") else None
    return f"{value}, certificate of {signer.describe()}" if signer else value


def _check_signing_files(key: Path | None, cert: Path | None, trust: Path | None) -> None:
    """A usage error when the key is not the certificate's, or the trust store (with the TOML files
    that name its OCMWs) cannot be read."""
    from esv.keys import load_identity
    from exchange import peers

    if key is not None and cert is not None:
        load_identity(key, cert)
    if trust is not None:
        peers.of_trust_folder(trust)


for command in (db_upkeep.backup, db_upkeep.restore, db_upkeep.info, db_upkeep.set_retention, db_upkeep.purge):
    db.add_command(command)


IMPORTED: dict[str, Counted] = {
    "persons": {"en": ("{n} person", "{n} persons")},
    "dossiers": {"en": ("{n} dossier", "{n} dossiers")},
    "decisions": {"en": ("{n} decision", "{n} decisions")},
    "contracts": {"en": ("{n} contract", "{n} contracts")},
    "versions": {"en": ("{n} version", "{n} versions")},
}
"""What ``ocmw db import`` says it wrote, one count per kind of record."""


@db.command(name="import")
@db_option
@click.option("--decisions", "decision_files", multiple=True, type=existing_file, help="Decisions, CSV or XLSX.")
@click.option("--gpmi", "gpmi_files", multiple=True, type=existing_file, help="GPMI contract versions, CSV or XLSX.")
@table_options
def import_command(
    db_url: str | None, decision_files: tuple[Path, ...], gpmi_files: tuple[Path, ...], reader: TableReader
) -> None:
    """Add or replace records from exports: all of them, in one transaction, or nothing; every
    problem of every file is said."""
    from storage import imports

    if not (decision_files or gpmi_files):
        raise click.UsageError("give at least one file: --decisions FILE or --gpmi FILE")
    with refusing_files("nothing was written"), open_database(db_url).begin() as session:
        done = imports.import_files(session, [*decision_files], [*gpmi_files], actor=actor(), reader=reader)
    warn(reader.warnings)
    for path, imported in done:
        counts = ", ".join(counted(IMPORTED[name], value, "en") for name, value in imported.__dict__.items() if value)
        click.echo(f"{path}: {counts or 'nothing new'}")
