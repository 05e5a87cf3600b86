"""``ocmw db backup``, ``restore``, ``info``, ``set-retention`` and ``purge``: keeping the OCMW's
database over the years it serves, while ``ocmw serve`` runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from commands.database import actor, open_database
from commands.options import DAY, db_option
from ground import days
from storage.retention_bounds import FEWEST_MONTHS, MOST_MONTHS

if TYPE_CHECKING:  # the database is loaded by the commands that use it: `ocmw db --help` starts without it
    from sqlalchemy import Engine

    from storage.database import Migration
    from storage.inventory import Inventory


def audit_line(engine: Engine, action: str, **details: Any) -> None:
    """One line in the audit log of the database, in a transaction of its own, by who runs the command."""
    from storage import audit
    from storage.database import sessions

    with sessions(engine).begin() as session:
        audit.log(session, actor=actor(), action=action, **details)


def said_migration(migration: Migration) -> str | None:
    """What the migrations did to a database that was there before, in a line; ``None`` when nothing."""
    if migration.before is None or not migration.changed:
        return None
    return f"schema upgraded from {migration.before} to {migration.after}"


@click.command()
@db_option
@click.option(
    "--to",
    "to",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The new file to write the backup to (never one that exists).",
)
def backup(db_url: str | None, to: Path) -> None:
    """Back the database up while the service runs: SQLite's online backup into one file, or pg_dump's
    custom format for PostgreSQL (its command is said when pg_dump is not installed). The file is
    readable by its owner only; `ocmw db restore` restores it."""
    from storage import backups
    from storage.database import connect, database_url, head_revision, where

    engine = connect(database_url(db_url))
    try:
        made = backups.back_up(engine, to)
        if made.revision == head_revision():  # an older schema may not hold the audit lines of this version
            audit_line(engine, "database_backed_up", file=str(to.resolve()), revision=made.revision, size=made.size)
        source = where(engine)
    finally:
        engine.dispose()
    click.echo(f"{source}: backed up to {to} ({made.size} bytes, schema {made.revision}), readable by its owner only")


@click.command()
@db_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore(db_url: str | None, file: Path) -> None:
    """Restore a backup made by `ocmw db backup` into an empty database (--db; a new SQLite file is
    made), and bring its schema up to date. A database that holds anything is refused."""
    from storage import backups
    from storage.database import connect, database_url, where
    from storage.inventory import inventory

    url = database_url(db_url)
    restored = backups.restore(file, url)
    engine = connect(url)
    try:
        audit_line(
            engine,
            "database_restored",
            file=str(file.resolve()),
            revision=restored.revision,
            schema={"from": restored.migration.before, "to": restored.migration.after},
        )
        described = inventory(engine)
        place = where(engine)
    finally:
        engine.dispose()
    click.echo(f"{file}: restored into {place}, the database of {_owner(described)}")
    upgraded = said_migration(restored.migration)
    if upgraded:
        click.echo(f"  {upgraded}")


@click.command()
@db_option
def info(db_url: str | None) -> None:
    """Whose the database is, its schema version, its network, its retention, and what it holds."""
    from storage.database import connect, database_url, where
    from storage.inventory import inventory

    engine = connect(database_url(db_url))
    try:
        described = inventory(engine)
        place = where(engine)
    finally:
        engine.dispose()
    for heading, value in _described(described, place):
        click.echo(f"{heading + ':':<11}{value}")


def _described(described: Inventory, place: str) -> list[tuple[str, str]]:
    from storage import retention

    owner, counts = described.owner, described.counts
    schema = f"{described.revision} (current)"
    if not described.current:
        schema = f"{described.revision}; this toolkit's is {described.head}: `ocmw db init` brings it up to date"
    if owner.get("directory_url"):
        network = f"member of the directory {owner['directory_url']}"
    elif owner.get("trust_path"):
        network = f"not a member of a directory; trusts the OCMWs of the folder {owner['trust_path']}"
    else:
        network = "not a member of a directory, and no trust folder recorded"
    months = owner.get("retention_months")
    kept = "not set: documents exchanged are kept until `ocmw db purge --before DD/MM/YYYY`"
    if months is not None:
        first = days.format(retention.boundary(months, retention.today()))
        kept = f"{_many(months, 'month')}: `ocmw db purge` removes the documents exchanged before {first}"
    records = ", ".join(_many(counts[table], noun) for table, noun in _RECORDS if table in counts)
    lines = [
        ("owner", _owner(described)),
        ("database", place),
        ("schema", schema),
        ("network", network),
        ("retention", kept),
        ("records", records),
        ("requests", f"{counts['sent_requests']} sent, {counts['answered_requests']} answered"),
    ]
    if "users" in counts:
        lines.append(("users", f"{counts['users']} ({described.active_users} active)"))
    lines.append(("audit log", _many(counts["audit_log"], "line")))
    return lines


_RECORDS = (
    ("persons", "person"), ("dossiers", "dossier"), ("decisions", "decision"), ("gpmi_contracts", "GPMI contract"),
    ("gpmi_versions", "GPMI version"), ("consents", "consent"),
)  # fmt: skip


def _many(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _owner(described: Inventory) -> str:
    from ground import kbo as kbo_number

    return f"{described.owner['name']} (KBO {kbo_number.format(described.owner['kbo'])})"


@click.command(name="set-retention")
@db_option
@click.option(
    "--months",
    type=click.IntRange(FEWEST_MONTHS, MOST_MONTHS),
    required=True,
    help="How many months the reports received and the answers sent are kept.",
)
def set_retention(db_url: str | None, months: int) -> None:
    """Record how long the documents exchanged are kept (the reports received with their contract PDFs,
    the answers sent, the requests of both): `ocmw db purge` then removes those older."""
    from storage import retention

    with open_database(db_url).begin() as session:
        was = retention.set_retention(session, months, actor=actor())
    first = days.format(retention.boundary(months, retention.today()))
    before = f"was {_many(was, 'month')}" if was is not None else "was not set"
    click.echo(f"documents exchanged are kept {_many(months, 'month')} ({before}): today `ocmw db purge` removes "
               f"those from before {first}")  # fmt: skip


@click.command()
@db_option
@click.option("--before", type=DAY, help="Remove what is older than this day (default: the retention's first day).")
@click.option("--dry-run", is_flag=True, help="Say what would be removed, and remove nothing.")
def purge(db_url: str | None, before: dt.date | None, dry_run: bool) -> None:
    """Remove the documents exchanged before a day: the requests sent with the reports received (and the
    contract PDFs they carried), the requests answered with the answers sent. The audit log keeps its
    lines, which hold no document, and says what was removed. Without --before, the day is the
    retention's (`ocmw db set-retention`); a --before later than it is refused."""
    from storage import retention

    with open_database(db_url)() as session:
        day = retention.purge_before(session, before, retention.today())
        done = retention.older(session, day) if dry_run else retention.purge(session, day, actor=actor())
    what = (
        f"{_many(len(done.reports), 'request')} sent with the reports received, "
        f"{_many(len(done.answers), 'request')} answered with the answers sent, from before {days.format(day)}"
    )
    if dry_run:
        click.echo(f"would remove {what} (a dry run: nothing was removed)")
    else:
        click.echo(f"removed {what}; the audit log keeps their lines and says what was removed")
