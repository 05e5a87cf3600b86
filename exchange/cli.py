"""Commands of the exchange: ``ocmw db``, ``ocmw gpmi``, ``ocmw consent``, ``ocmw serve``, and the
``ocmw esv`` commands that send requests and list what was sent and answered.

Every command takes ``--db URL`` (else ``OCMW_DB_URL``, else ``ocmw.db`` in the current folder).
"""

from __future__ import annotations

import datetime as dt
import errno
import getpass
import os
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn, TypeVar, cast

import click
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker, undefer

from cli import DAY, INVALID, deliver, existing_file, refuse_input
from esv import model
from esv.disclosure import BELGIAN_TIME
from esv.errors import SigningKeyError, TrustStoreError
from esv.identifiers import format_ssin, kbo_problem, ssin_digits, ssin_problem
from esv.keys import load_identity
from esv.labels import Lang
from esv.parsing import DEFAULT_MAX_BYTES
from esv.signing import SigningIdentity, TrustStore
from exchange import audit, imports, listing, records, tables
from exchange.database import DatabaseError, NoDatabase, check_current, connect, database_url, sessions, upgrade
from exchange.requester import Requester, RequestStatus, responder_address
from tabular.problems import InvalidInput
from tabular.terminal import FittedTable

F = TypeVar("F", bound=Callable[..., Any])
LANG = click.Choice(["nl", "fr"])
NEW_DATABASE_NEEDS = "a new database needs the OCMW it belongs to: give --kbo and --name"


def db_option(command: F) -> F:
    return click.option(
        "--db", "db_url", envvar="OCMW_DB_URL", help="Database URL (default: OCMW_DB_URL, else sqlite:///ocmw.db)."
    )(command)


def actor() -> str:
    """Who runs the command, for the audit log."""
    try:
        return f"{getpass.getuser()} (ocmw command)"
    except OSError:
        return "ocmw command"


def fail(message: str) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(INVALID)


def checked_ssin(text: str) -> str:
    """The INSZ/BIS number typed, as 11 digits (dots, dashes and spaces dropped); invalid input if
    its digits are not one."""
    number = ssin_digits(text)
    if problem := ssin_problem(number):
        fail(problem)
    return number


def _engine(db_url: str | None, *, create: bool = False) -> Engine:
    try:
        return connect(database_url(db_url), create=create)
    except DatabaseError as error:
        raise click.BadParameter(str(error), param_hint="--db") from None


def open_database(db_url: str | None) -> sessionmaker[Session]:
    """The sessions of a database whose schema is made and current; a clear error otherwise."""
    engine = _engine(db_url)
    try:
        check_current(engine)
    except DatabaseError as error:
        fail(str(error))
    return sessions(engine)


@contextmanager
def writing(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction; input problems are printed with their file, row and column."""
    try:
        with factory.begin() as session:
            yield session
    except InvalidInput as invalid:
        refuse_input(invalid.problems, "nothing was written", lead="Error: ")
    except (ValueError, LookupError, DatabaseError) as error:
        fail(str(error))


# ocmw db


@click.group()
def db() -> None:
    """The OCMW's database: make it, and fill it with its records."""


@db.command()
@db_option
@click.option("--kbo", help="The OCMW's KBO/BCE number (10 digits).")
@click.option("--name", help='The OCMW\'s name, as others see it: "OCMW Gent".')
@click.option("--phone", help="Its telephone number.")
@click.option("--key", type=existing_file, help="Its signing key (PEM), for answers and requests.")
@click.option("--cert", type=existing_file, help="The certificate of that key (PEM).")
@click.option("--trust", type=click.Path(exists=True, path_type=Path), help="The certificates of the OCMWs it trusts.")
def init(
    db_url: str | None,
    kbo: str | None,
    name: str | None,
    phone: str | None,
    key: Path | None,
    cert: Path | None,
    trust: Path | None,
) -> None:
    """Make the database, or bring its schema up to date; record which OCMW it belongs to. The key,
    certificate and trust store given are checked first: a key that is not the certificate's, or a
    KBO other than the one recorded, is refused and nothing changes."""
    if kbo is not None and (problem := kbo_problem(kbo)):
        fail(f"--kbo {kbo}: {problem}")
    _check_signing_files(key, cert, trust)
    try:
        engine = connect(database_url(db_url))
    except NoDatabase:
        if not (kbo and name):
            raise click.UsageError(NEW_DATABASE_NEEDS) from None
        engine = _engine(db_url, create=True)
    except DatabaseError as error:
        raise click.BadParameter(str(error), param_hint="--db") from None
    try:
        upgrade(engine)
    except DatabaseError as error:
        fail(str(error))
    with writing(sessions(engine)) as session:
        identity = session.get(tables.Identity, 1)
        if identity is None:
            if not (kbo and name):
                raise click.UsageError(NEW_DATABASE_NEEDS)
            identity = tables.Identity(id=1, kbo=kbo, name=name)
            session.add(identity)
        elif kbo is not None and kbo != identity.kbo:
            fail(
                f"this database belongs to {identity.name} (KBO {identity.kbo}); --kbo {kbo} would make it the "
                "database of another OCMW. Each OCMW has a database of its own: give another --db"
            )
        for field, value in (("kbo", kbo), ("name", name), ("phone", phone)):
            if value is not None:
                setattr(identity, field, value)
        for field, path in (("key_path", key), ("cert_path", cert), ("trust_path", trust)):
            if path is not None:
                setattr(identity, field, str(path.resolve()))
        if identity.key_path and identity.cert_path and (key or cert):
            _check_signing_files(Path(identity.key_path), Path(identity.cert_path), None)
        audit.log(session, actor=actor(), action="database_initialised", ocmw=identity.name, kbo=identity.kbo)
        click.echo(f"{database_url(db_url)}: ready, the database of {identity.name} (KBO {identity.kbo})")


def _check_signing_files(key: Path | None, cert: Path | None, trust: Path | None) -> None:
    """A usage error when the key is not the certificate's, or the trust store cannot be read."""
    try:
        if key is not None and cert is not None:
            load_identity(key, cert)
        if trust is not None:
            TrustStore.load(trust)
    except SigningKeyError as error:
        raise click.BadParameter(str(error), param_hint="--key/--cert") from None
    except TrustStoreError as error:
        raise click.BadParameter(str(error), param_hint="--trust") from None


@db.command(name="import")
@db_option
@click.option("--decisions", "decision_files", multiple=True, type=existing_file, help="Decisions, CSV or XLSX.")
@click.option("--gpmi", "gpmi_files", multiple=True, type=existing_file, help="GPMI contract versions, CSV or XLSX.")
def import_command(db_url: str | None, decision_files: tuple[Path, ...], gpmi_files: tuple[Path, ...]) -> None:
    """Add or replace records from files: all of them, in one transaction, or nothing."""
    if not (decision_files or gpmi_files):
        raise click.UsageError("give at least one file: --decisions FILE or --gpmi FILE")
    with writing(open_database(db_url)) as session:
        done = [imports.import_decisions(session, path, actor=actor()) for path in decision_files]
        done += [imports.import_gpmi_versions(session, path, actor=actor()) for path in gpmi_files]
    for path, imported in zip([*decision_files, *gpmi_files], done, strict=True):
        counts = ", ".join(f"{value} {name}" for name, value in imported.__dict__.items() if value)
        click.echo(f"{path}: {counts or 'nothing new'}")


# ocmw gpmi


@click.group()
def gpmi() -> None:
    """The OCMW's GPMI contracts."""


@gpmi.command(name="add-version")
@db_option
@click.option("--contract", "contract_id", required=True, help="The contract's id.")
@click.option("--dossier", "dossier_id", required=True, help="The dossier it belongs to.")
@click.option("--version", type=click.IntRange(min=1), required=True)
@click.option("--kind", type=click.Choice(["general", "studies", "training", "community_service"]), required=True)
@click.option("--start", type=DAY, required=True)
@click.option("--end", type=DAY, required=True)
@click.option("--validated-on", type=DAY, help="The day both parties signed this version; none for a draft.")
@click.option("--pdf", type=existing_file, help="The signed contract, PDF (required for a validated version).")
def add_version(
    db_url: str | None,
    contract_id: str,
    dossier_id: str,
    version: int,
    kind: str,
    start: dt.date,
    end: dt.date,
    validated_on: dt.date | None,
    pdf: Path | None,
) -> None:
    """Add (or replace) one version of a GPMI contract, with its PDF."""
    row = imports.VersionRow(
        contract_id=contract_id,
        dossier_id=dossier_id,
        version=version,
        kind=kind,
        start=start,
        end=end,
        validated_on=validated_on,
        pdf=pdf,
    )
    with writing(open_database(db_url)) as session:
        imports.store_versions(session, [row], source="ocmw gpmi add-version", actor=actor())
    click.echo(f"version {version} of GPMI contract {contract_id} stored")


# ocmw consent


@click.group()
def consent() -> None:
    """The consents of persons to fetch their latest GPMI from another OCMW."""


@consent.command()
@db_option
@click.option("--ssin", required=True, help="The person's INSZ/NISS.")
@click.option("--from", "from_date", type=DAY, required=True)
@click.option("--to", "to_date", type=DAY, required=True)
@click.option("--granted", type=click.Choice(["yes", "no", "ja", "nee", "oui", "non"]), required=True)
def record(db_url: str | None, ssin: str, from_date: dt.date, to_date: dt.date, granted: str) -> None:
    """Record a person's answer (Akkoord van de burger voor raadpleging van het meest recente GPMI)."""
    number = checked_ssin(ssin)
    with writing(open_database(db_url)) as session:
        imports.record_consent(
            session,
            ssin=number,
            from_date=from_date,
            to_date=to_date,
            granted=granted in ("yes", "ja", "oui"),
            actor=actor(),
        )
    click.echo(f"consent of {format_ssin(number)} recorded: {granted}, {from_date:%d/%m/%Y} - {to_date:%d/%m/%Y}")


@consent.command()
@db_option
@click.option("--ssin", required=True, help="The person's INSZ/NISS.")
def revoke(db_url: str | None, ssin: str) -> None:
    """Revoke every consent of the person that is still in force."""
    number = checked_ssin(ssin)
    with writing(open_database(db_url)) as session:
        count = imports.revoke_consents(session, ssin=number, actor=actor())
    click.echo(f"{count} consent(s) of {format_ssin(number)} revoked")


# signing material


def _identity(
    session: Session, key: Path | None, cert: Path | None, trust: Path | None
) -> tuple[model.Ocmw, SigningIdentity, TrustStore]:
    own = records.own_identity(session)
    key_path = key or (Path(own.key_path) if own.key_path else None)
    cert_path = cert or (Path(own.cert_path) if own.cert_path else None)
    trust_path = trust or (Path(own.trust_path) if own.trust_path else None)
    if key_path is None or cert_path is None or trust_path is None:
        raise click.UsageError("give --key, --cert and --trust, or record them with `ocmw db init`")
    try:
        identity = load_identity(key_path, cert_path)
        store = TrustStore.load(trust_path)
    except (SigningKeyError, TrustStoreError) as error:
        raise click.UsageError(str(error)) from None
    return records.as_ocmw(own), identity, store


signing_options = [
    click.option("--key", type=existing_file, help="Signing key (PEM); default: as recorded by `ocmw db init`."),
    click.option("--cert", type=existing_file, help="Its certificate (PEM); default: as recorded."),
    click.option(
        "--trust", type=click.Path(exists=True, path_type=Path), help="Trusted certificates; default: as recorded."
    ),
]


def with_signing(command: F) -> F:
    for option in reversed(signing_options):
        command = option(command)
    return command


# ocmw serve


@click.command()
@db_option
@with_signing
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes answering.")
@click.option("--max-size", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True)
@click.option(
    "--secure-cookies", is_flag=True, help="Send the pages' session cookie over HTTPS only (served behind TLS)."
)
def serve(
    db_url: str | None,
    key: Path | None,
    cert: Path | None,
    trust: Path | None,
    host: str,
    port: int,
    workers: int,
    max_size: int,
    secure_cookies: bool,
) -> None:
    """Answer ESV requests automatically (POST /esv/requests, GET /health), and serve the web pages
    (log in at /login; `ocmw user add` makes the first account)."""
    import uvicorn

    from exchange.service import environment

    factory = open_database(db_url)
    with factory() as session:
        ocmw, _, _ = _identity(session, key, cert, trust)
        own = records.own_identity(session)
    key_path, cert_path, trust_path = key or own.key_path, cert or own.cert_path, trust or own.trust_path
    assert key_path and cert_path and trust_path  # else _identity refused the command
    os.environ.update(
        environment(
            db_url=database_url(db_url),
            key=Path(key_path),
            cert=Path(cert_path),
            trust=Path(trust_path),
            max_bytes=max_size,
            secure_cookies=secure_cookies,
        )
    )
    _check_port_free(host, port)
    click.echo(f"{ocmw.name} answers ESV requests on http://{host}:{port}/esv/requests", err=True)
    click.echo(f"its web pages: http://{host}:{port}/login", err=True)
    uvicorn.run(
        "exchange.service:from_environment", factory=True, host=host, port=port, workers=workers, log_level="warning"
    )


def _check_port_free(host: str, port: int) -> None:
    """A usage error, before anything is announced, when the address cannot be served: the port is
    taken (by another program, or an ``ocmw serve`` already running) or the host is not this machine's."""
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise click.BadParameter(
                f"port {port} on {host} is already in use (by another program, or an ocmw serve that is already "
                "running); choose another with --port",
                param_hint="--port",
            ) from None
        reason = os.strerror(error.errno) if error.errno else str(error)
        raise click.BadParameter(f"{host}:{port} cannot be served: {reason}", param_hint="--host") from None


# ocmw esv request / retry / requests / answers / archive


def _requester(
    session: Session,
    key: Path | None,
    cert: Path | None,
    trust: Path | None,
    factory: sessionmaker[Session],
    timeout: float,
) -> Requester:
    ocmw, identity, store = _identity(session, key, cert, trust)
    return Requester(ocmw=ocmw, identity=identity, trust=store, sessions=factory, timeout=timeout)


@click.command()
@db_option
@with_signing
@click.option("--to", "url", required=True, help="The responding OCMW's ESV address: https://.../esv/requests.")
@click.option("--ssin", required=True, help="The person's INSZ/NISS.")
@click.option("--begin", type=DAY, required=True, help="First day of the decisions asked for.")
@click.option("--end", type=DAY, required=True, help="Last day of the decisions asked for.")
@click.option("--consent", "consent_given", type=click.Choice(["yes", "no"]), help="The person's consent (GPMI).")
@click.option("--consent-from", type=DAY, help="First day of the consent.")
@click.option("--consent-to", type=DAY, help="Last day of the consent.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Seconds to wait.")
@click.option("--lang", type=LANG, default="nl", show_default=True)
def request(
    db_url: str | None,
    key: Path | None,
    cert: Path | None,
    trust: Path | None,
    url: str,
    ssin: str,
    begin: dt.date,
    end: dt.date,
    consent_given: str | None,
    consent_from: dt.date | None,
    consent_to: dt.date | None,
    timeout: float,
    lang: str,
) -> None:
    """Ask another OCMW for a person's social report; the request and its answer are kept.

    Without --consent, the consent recorded with `ocmw consent record` is sent, if there is one."""
    number = checked_ssin(ssin)
    try:
        responder_address(url)
    except ValueError as error:
        fail(f"--to: {error}")
    if begin > end:
        fail(f"--begin {begin:%d/%m/%Y} is after --end {end:%d/%m/%Y}")
    factory = open_database(db_url)
    with factory() as session:
        requester = _requester(session, key, cert, trust, factory, timeout)
        given = _consent(session, number, consent_given, consent_from, consent_to)
    row = requester.request(url, ssin=number, period=model.Period(begin=begin, end=end), consent=given, actor=actor())
    _report(row, cast(Lang, lang))


def _consent(
    session: Session, ssin: str, given: str | None, start: dt.date | None, end: dt.date | None
) -> model.Consent | None:
    if given is None:
        if start or end:
            raise click.UsageError("--consent-from and --consent-to go with --consent yes|no")
        recorded = records.active_consent(session, ssin, dt.datetime.now(BELGIAN_TIME).date())
        if recorded is None:
            return None
        return model.Consent(
            from_date=recorded.from_date,
            to_date=recorded.to_date,
            granted=recorded.granted,
            recorded_at=recorded.recorded_at,
        )
    if start is None or end is None:
        raise click.UsageError("--consent needs --consent-from and --consent-to")
    if start > end:
        fail(f"--consent-to {end:%d/%m/%Y} is before --consent-from {start:%d/%m/%Y}")
    return model.Consent(from_date=start, to_date=end, granted=given == "yes", recorded_at=None)


def _report(row: tables.SentRequest, lang: Lang) -> None:
    status = RequestStatus(row.status)
    click.echo(
        f"request {row.id} ({row.request_id}) to {row.responder_name or row.responder_url}: {status.label(lang)}"
    )
    if row.last_error:
        click.echo(f"  {row.last_error}")
    if status.can_be_sent_again:
        click.echo(f"  send it again with: ocmw esv retry {row.id}")
        sys.exit(INVALID)
    click.echo(f"  read it with: ocmw esv show {row.id}")


@click.command()
@db_option
@with_signing
@click.argument("row_id", metavar="ID", type=int)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True)
@click.option("--lang", type=LANG, default="nl", show_default=True)
def retry(
    db_url: str | None, key: Path | None, cert: Path | None, trust: Path | None, row_id: int, timeout: float, lang: str
) -> None:
    """Send a request again that got no (trustworthy) answer; same RequestId, so answered once."""
    factory = open_database(db_url)
    with factory() as session:
        requester = _requester(session, key, cert, trust, factory, timeout)
    try:
        row = requester.send(row_id, actor=actor())
    except (LookupError, ValueError) as error:
        fail(str(error))
    _report(row, cast(Lang, lang))


def _day(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.astimezone(BELGIAN_TIME)
    return value.strftime("%d/%m/%Y")


def _table(title: str, columns: list[str], rows: list[list[str]]) -> FittedTable:
    """A list for the terminal, its days and INSZ numbers never split over lines."""
    return FittedTable(rows, header=["ID", *columns], title=title, numbers=[True])


list_options = [
    click.option("--ssin", help="Only this person."),
    click.option("--archived", is_flag=True, help="The archived lines instead."),
    click.option("--page", type=click.IntRange(min=1), default=1, show_default=True),
    click.option("--per-page", type=click.IntRange(1, 500), default=20, show_default=True),
    click.option("--lang", type=LANG, default="nl", show_default=True),
]


def with_list_options(command: F) -> F:
    for option in reversed(list_options):
        command = option(command)
    return command


@click.command()
@db_option
@click.option("--status", type=click.Choice(["ok", "unknown_person", "error"]), help="Only this status.")
@with_list_options
def requests(
    db_url: str | None, status: str | None, ssin: str | None, archived: bool, page: int, per_page: int, lang: str
) -> None:
    """The requests this OCMW answered (Aanvragen ESV)."""
    language = cast(Lang, lang)
    with open_database(db_url)() as session:
        found = listing.requests(session, status=status, ssin=ssin, archived=archived, page=page, per_page=per_page)
    words = {key: value[language] for key, value in listing.HEADINGS.items()}
    rows = [
        [
            str(line.id),
            line.ocmw,
            format_ssin(line.ssin) if line.ssin else "",
            _day(line.begin),
            _day(line.end),
            listing.ANSWERED_LABELS[line.status][language],
            _day(line.received_at),
            words["asked"].format(line.times_asked) if line.times_asked > 1 else "",
        ]
        for line in found.lines
    ]
    columns = [words[k] for k in ("requester", "ssin", "begin", "end", "status", "received", "history")]
    deliver(_table(words["requests"], columns, rows), None, "list")
    click.echo(words["page"].format(found.page, found.pages, found.total))


@click.command()
@db_option
@click.option("--status", type=click.Choice([status.value for status in RequestStatus]), help="Only this status.")
@with_list_options
def answers(
    db_url: str | None, status: str | None, ssin: str | None, archived: bool, page: int, per_page: int, lang: str
) -> None:
    """The requests this OCMW sent and their answers (Antwoorden ESV); `ocmw esv show ID` reads one."""
    language = cast(Lang, lang)
    with open_database(db_url)() as session:
        wanted = RequestStatus(status) if status else None
        found = listing.answers(session, status=wanted, ssin=ssin, archived=archived, page=page, per_page=per_page)
    words = {key: value[language] for key, value in listing.HEADINGS.items()}
    rows = [
        [
            str(line.id),
            line.ocmw,
            format_ssin(line.ssin),
            _day(line.begin),
            _day(line.end),
            line.status.label(language),
            _day(line.received_at),
            words["attempts"].format(line.attempts) + (f": {line.last_error}" if line.last_error else ""),
        ]
        for line in found.lines
    ]
    columns = [words[k] for k in ("responder", "ssin", "begin", "end", "status", "received", "history")]
    deliver(_table(words["answers"], columns, rows), None, "list")
    click.echo(words["page"].format(found.page, found.pages, found.total))


@click.command()
@db_option
@click.argument("row_id", metavar="ID", type=int)
@click.option("--answered", is_flag=True, help="ID is in `ocmw esv requests` (the requests answered).")
def archive(db_url: str | None, row_id: int, answered: bool) -> None:
    """Archive a line of `ocmw esv answers` (or, with --answered, of `ocmw esv requests`)."""
    kind = tables.AnsweredRequest if answered else tables.SentRequest
    with writing(open_database(db_url)) as session:
        listing.archive(session, kind, row_id, actor=actor())
    click.echo(f"{row_id} archived")


def received_answer(row_id: int, db_url: str | None) -> tuple[bytes, Path | None]:
    """For ``ocmw esv show ID``: the answer as received, and the trust store to verify it with. The
    reading is written to the audit log."""
    with writing(open_database(db_url)) as session:
        row = session.get(tables.SentRequest, row_id, options=[undefer(tables.SentRequest.response_xml)])
        if row is None:
            fail(f"there is no sent request {row_id} (see `ocmw esv answers`)")
        if row.response_xml is None:
            fail(f"request {row_id} has no answer ({row.status}); send it again with `ocmw esv retry {row_id}`")
        audit.log(session, actor=actor(), action="report_viewed", ssin=row.ssin, request_id=row.request_id)
        own = records.own_identity(session)
        return row.response_xml, Path(own.trust_path) if own.trust_path else None
