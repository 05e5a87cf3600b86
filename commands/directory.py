"""``ocmw directory``: the directory of a network of OCMWs. For its administrators, on the directory's
database: who it is and how it signs, its members (their KBO, names, ESV address and certificates;
added, suspended, reactivated, removed), its service (the signed document of the members, the
references, the lookups), and its log. For each OCMW, on the OCMW's own database: ``sync`` (fetch
the document, send the references owed) and ``trusted`` (whom it trusts now)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from commands.database import actor, membership, open_database
from commands.database import network as network_of
from commands.options import db_option, existing_file, lang_option, signing_options, tls_options, tls_pair
from commands.output import deliver
from ground.lang import Lang, Translated, in_language
from ground.numbers import Counted, counted

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///directory.db"
URL_VARIABLE = "OCMW_DIRECTORY_DB_URL"

directory_db_option = click.option(
    "--db",
    "db_url",
    envvar=URL_VARIABLE,
    default=DEFAULT_URL,
    show_default=True,
    metavar="URL",
    help=f"The directory's database: sqlite:///PATH or postgresql://user@host/database (or ${URL_VARIABLE}).",
)

table_or_json = click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table: for people to read; json: for programs.",
)

WORDS: dict[str, Translated] = {
    "members": {"nl": "Leden van het netwerk: {count}", "fr": "Membres du réseau : {count}"},
    "trusted": {"nl": "Vertrouwde OCMW's: {count}, {source}", "fr": "CPAS de confiance : {count}, {source}"},
    "directory": {"nl": "uit het verwijzingsrepertorium", "fr": "du répertoire des références"},
    "trust folder": {"nl": "uit de vertrouwensmap", "fr": "du dossier de confiance"},
    "document": {
        "nl": " (document {serial}, geldig tot {until:%d/%m/%Y %H:%M} UTC)",
        "fr": " (document {serial}, valable jusqu'au {until:%d/%m/%Y %H:%M} UTC)",
    },
    "kbo": {"nl": "KBO-nummer", "fr": "Numéro BCE"},
    "name": {"nl": "Naam", "fr": "Nom"},
    "ocmw": {"nl": "OCMW", "fr": "CPAS"},
    "status": {"nl": "Status", "fr": "Statut"},
    "address": {"nl": "ESV-adres", "fr": "Adresse RSE"},
    "no_address": {"nl": "geen: wordt niet gevraagd", "fr": "aucune : pas interrogé"},
    "valid_until": {"nl": "Certificaten geldig tot", "fr": "Certificats valables jusqu'au"},
}
"""The words of the two lists, the members of the directory and the OCMWs an OCMW trusts."""


@click.group()
def directory() -> None:
    """The directory of a network of OCMWs: its members, the document it publishes of them, the
    references of whom each holds records, and every lookup, logged (init, serve, member, log: on
    the directory's database). An OCMW synchronises with it (sync) and sees whom it trusts
    (trusted), on its own database."""


def _sessions(db_url: str) -> sessionmaker[Session]:
    from directory.registry import DIRECTORY_DATABASE
    from storage.database import check_current, connect, sessions

    engine = connect(db_url, schema=DIRECTORY_DATABASE)
    check_current(engine, DIRECTORY_DATABASE)
    return sessions(engine)


@directory.command()
@directory_db_option
@click.option("--name", required=True, help='The directory\'s name: "ESV-netwerk Vlaanderen".')
@click.option("--address", required=True, help="Where its members reach it: https://host[:port].")
@click.option("--key", type=existing_file, required=True, help="Its signing key (PEM).")
@click.option("--cert", type=existing_file, required=True, help="Its certificate (PEM): the one every member installs.")
@click.option(
    "--valid-hours",
    type=click.IntRange(1, 24 * 14),
    default=24,
    show_default=True,
    help="How long a document it publishes is valid; a member without a newer one stops asking and answering.",
)
def init(db_url: str, name: str, address: str, key: Path, cert: Path, valid_hours: int) -> None:
    """Make the directory's database, or bring its schema up to date, and record who it is. Its name,
    address, key and certificate are checked first: nothing is made when one is refused."""
    from directory.registry import DIRECTORY_DATABASE, checked_identity, record_identity, replaced_certificate
    from storage.database import connect, sessions, upgrade

    given = checked_identity(name=name, address=address, key=key, cert=cert, valid_hours=valid_hours)
    engine = connect(db_url, create=True, schema=DIRECTORY_DATABASE)
    upgrade(engine, DIRECTORY_DATABASE)
    with sessions(engine).begin() as session:
        replaced = replaced_certificate(session, given)
        identity = record_identity(session, given, actor=actor())
        click.echo(f"{db_url}: ready, the directory {identity.name} at {identity.address}")
    click.echo(f"  its members install its certificate: {cert}")
    if replaced is not None:
        click.echo(
            f"warning: the directory signed with {replaced} until now: every member refuses its documents until "
            f"it installs {cert} (`ocmw db init --directory URL --directory-cert FILE`)",
            err=True,
        )


@directory.command()
@directory_db_option
@tls_options(recorded=False)
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to answer on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8443, show_default=True, help="Its port.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes answering.")
def serve(db_url: str, tls_cert: Path | None, tls_key: Path | None, host: str, port: int, workers: int) -> None:
    """Serve the directory: GET /directory/document, POST /directory/references and
    /directory/lookups, GET /health. Over TLS (--tls-cert, --tls-key) only the active members'
    certificates may connect; without TLS it answers on this machine only."""
    import os

    from directory.service import environment
    from esv.parsing import DEFAULT_MAX_BYTES
    from service import logs, run

    _sessions(db_url)  # a database that is not the directory's is said now, not in every worker
    pair = tls_pair(tls_cert, tls_key)
    if pair is not None:
        tls = run.Tls(*pair, clients="directory.service:client_certificates")
    else:
        logs.at_start(run.plain_only_on_loopback(host), warning=True)
        tls = None
    listener = run.Listener("directory.service:from_environment", host, port, tls)
    run.check_address(host, port)
    os.environ.update(environment(db_url=db_url, max_bytes=DEFAULT_MAX_BYTES))
    logs.at_start(f"the directory answers on {listener.url}/directory/")
    run.run([listener], workers)


REFERENCES_SENT: Counted = {"en": ("{n} reference sent", "{n} references sent")}


@directory.command()
@db_option
@signing_options
def sync(db_url: str | None, key: Path | None, cert: Path | None, trust: Path | None) -> None:
    """For an OCMW, on its own database: fetch the directory's document and send the references the
    OCMW owes it (`ocmw serve` does so at start and every five minutes)."""
    from exchange.network import DirectoryClient

    factory = open_database(db_url)
    with factory() as session:
        member = membership(session, key, cert, trust)
    synced = DirectoryClient(member, factory).sync()
    state = "new" if synced.new else "unchanged"
    sent = counted(REFERENCES_SENT, synced.references_sent, "en")
    click.echo(f"directory document {synced.serial} ({state}); {sent}")


@directory.command(name="trusted")
@db_option
@signing_options
@table_or_json
@lang_option("the list")
def list_peers(
    db_url: str | None, key: Path | None, cert: Path | None, trust: Path | None, output_format: str, lang: str
) -> None:
    """For an OCMW, on its own database: the OCMWs it trusts now, from the directory's last valid
    document or from its trust folder, with the addresses it asks them at."""
    from exchange.network import current_peers
    from ground import kbo as kbo_number
    from tabular.terminal import FittedTable

    factory = open_database(db_url)
    with factory() as session:
        known = current_peers(session, network_of(session, trust))
    if output_format == "json":
        said = {
            "source": known.source,
            "serial": known.serial,
            "expires_at": known.expires_at.isoformat() if known.expires_at else None,
            "ocmws": [
                {"kbo": peer.kbo, "name_nl": peer.name_nl, "name_fr": peer.name_fr, "address": peer.address,
                 "fingerprints": sorted(peer.fingerprints)}
                for peer in known.peers
            ],
        }  # fmt: skip
        click.echo(json.dumps(said, indent=2, ensure_ascii=False))
        return
    language = cast(Lang, lang)
    words = in_language(WORDS, language)
    title = words["trusted"].format(count=len(known.peers), source=words[known.source])
    if known.expires_at is not None:
        title += words["document"].format(serial=known.serial, until=known.expires_at)
    rows = [
        [kbo_number.format(peer.kbo) if peer.kbo else "", peer.name(language), peer.address or words["no_address"]]
        for peer in known.peers
    ]
    header = [words[key] for key in ("kbo", "ocmw", "address")]
    deliver(FittedTable(rows, header=header, title=title), None, "list")


@directory.group()
def member() -> None:
    """The members of the network: the OCMWs the directory names."""


@member.command(name="add")
@directory_db_option
@click.option("--kbo", required=True, metavar="KBO", help="The OCMW's KBO/BCE number.")
@click.option("--name-nl", required=True, help='Its name in Dutch: "OCMW Gent".')
@click.option("--name-fr", help='Its name in French: "CPAS de Gand" (default: the Dutch name).')
@click.option("--address", required=True, help="Where it answers ESV requests: https://host[:port]/esv/requests.")
@click.option(
    "--cert",
    "certificates",
    type=existing_file,
    multiple=True,
    required=True,
    help="Its certificate (PEM), for its signatures and its TLS connections; may be repeated.",
)
def add(db_url: str, kbo: str, name_nl: str, name_fr: str | None, address: str, certificates: tuple[Path, ...]) -> None:
    """Add an OCMW to the network; it is in the next document the directory publishes."""
    from directory.registry import add_member
    from ground import kbo as kbo_number

    with _sessions(db_url).begin() as session:
        added = add_member(
            session,
            kbo=kbo,
            name_nl=name_nl,
            name_fr=name_fr or name_nl,
            address=address,
            certificates={str(path): path.read_bytes() for path in certificates},
            actor=actor(),
        )
        click.echo(f"{added.name_nl} (KBO {kbo_number.format(added.kbo)}) added, answering at {added.address}")


@member.command(name="add-cert")
@directory_db_option
@click.argument("kbo", metavar="KBO")
@click.option("--cert", type=existing_file, required=True, help="The new certificate (PEM).")
def add_cert(db_url: str, kbo: str, cert: Path) -> None:
    """Add a certificate to a member (its new key, beside the old one until that one expires)."""
    from directory.registry import add_certificate, log, member_named

    with _sessions(db_url).begin() as session:
        found = member_named(session, kbo)
        signer = add_certificate(session, found, cert.read_bytes(), source=str(cert))
        log(session, actor=actor(), action="certificate_added", kbo=found.kbo, signer=signer.describe())
        click.echo(f"{found.name_nl}: certificate of {signer.describe()} added")


def _status_command(name: str, status: str, done: str, help_text: str) -> click.Command:
    @member.command(name=name, help=help_text)
    @directory_db_option
    @click.argument("kbo", metavar="KBO")
    def change(db_url: str, kbo: str) -> None:
        from directory.registry import MemberStatus, set_status
        from ground import kbo as kbo_number

        with _sessions(db_url).begin() as session:
            member, changed = set_status(session, kbo, MemberStatus(status), actor=actor())
            said = done if changed else f"is {member.status} already: nothing changed"
            click.echo(f"{member.name_nl} (KBO {kbo_number.format(member.kbo)}) {said}")

    return change


_status_command(
    "suspend",
    "suspended",
    "suspended: left out of the next document, its calls refused",
    "Suspend a member: it is left out of the next document, and its calls to the directory are refused.",
)
_status_command("activate", "active", "active again", "Make a suspended member active again.")
_status_command(
    "remove",
    "removed",
    "removed, with its references",
    "Remove a member for good, with the references it registered.",
)


@member.command(name="list")
@directory_db_option
@table_or_json
@lang_option("the list")
def list_members(db_url: str, output_format: str, lang: str) -> None:
    """The members (not removed), their status, address and certificates."""
    from directory.registry import MemberStatus, members
    from ground import kbo as kbo_number
    from tabular.terminal import FittedTable

    with _sessions(db_url)() as session:
        found = members(session)
        if output_format == "json":
            said = [
                {
                    "kbo": row.kbo,
                    "name_nl": row.name_nl,
                    "name_fr": row.name_fr,
                    "status": row.status,
                    "address": row.address,
                    "certificates": [
                        {"fingerprint": c.fingerprint, "valid_until": c.not_after.isoformat()} for c in row.certificates
                    ],
                }
                for row in found
            ]
            click.echo(json.dumps(said, indent=2, ensure_ascii=False))
            return
        language = cast(Lang, lang)
        rows = [
            [
                kbo_number.format(row.kbo),
                row.name(language),
                MemberStatus(row.status).label(language),
                row.address,
                ", ".join(f"{c.not_after:%d/%m/%Y}" for c in row.certificates),
            ]
            for row in found
        ]
    words = in_language(WORDS, language)
    header = [words[key] for key in ("kbo", "name", "status", "address", "valid_until")]
    deliver(FittedTable(rows, header=header, title=words["members"].format(count=len(rows))), None, "list")


@directory.command()
@directory_db_option
@click.option("--ssin", help="Only the lookups and references of this person.")
@click.option("--last", type=click.IntRange(1, 100_000), default=50, show_default=True, help="How many entries.")
def log(db_url: str, ssin: str | None, last: int) -> None:
    """The directory's log: members added and changed, documents published, references, lookups (who
    looked up whom, when, and whom the directory named), newest last, in Belgian time."""
    from sqlalchemy import select

    from directory import tables
    from esv.disclosure import BELGIAN_TIME
    from ground import ssin as ssin_number

    query = select(tables.LogEntry).order_by(tables.LogEntry.id.desc()).limit(last)
    if ssin is not None:
        query = query.where(tables.LogEntry.ssin == ssin_number.validate(ssin))
    with _sessions(db_url)() as session:
        entries = list(session.scalars(query))[::-1]
        for entry in entries:
            details = json.dumps(entry.details, ensure_ascii=False, sort_keys=True)
            person = f" of {ssin_number.format(entry.ssin)}" if entry.ssin else ""
            at = entry.at.astimezone(BELGIAN_TIME)
            click.echo(f"{at:%d/%m/%Y %H:%M:%S} {entry.action}{person} by {entry.actor}: {details}")
