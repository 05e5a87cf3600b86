"""``ocmw audit``: what the audit log holds for the OCMW's data-protection officer and IT staff: the
log checked against its chain (verify)."""

from __future__ import annotations

import click

from commands.database import open_database
from commands.options import db_option
from esv.disclosure import BELGIAN_TIME
from ground.errors import InvalidInput
from storage import chain


class BrokenChain(InvalidInput):
    """The audit log does not follow its chain: lines were changed or removed in the database."""


@click.group()
def audit() -> None:
    """The audit log: checked against its chain (verify)."""


@audit.command()
@db_option
def verify(db_url: str | None) -> None:
    """Check that the audit log is unbroken: every line's hash follows from the line before it and
    its own content, and the last line is the one the chain's head records. Exit code 1, naming every
    place it breaks, when a line was changed or removed directly in the database."""
    with open_database(db_url)() as session:
        verdict = chain.verify(session.connection())
    for broken in verdict.breaks:
        click.echo(broken.what)
    if not verdict.unbroken:
        where = verdict.breaks[0].line
        first = f"at line {where}" if where is not None else "at its end"
        count = len(verdict.breaks)
        raise BrokenChain(f"the audit log is broken {first}; {count} {'place' if count == 1 else 'places'} in all")
    if verdict.first_at is None or verdict.last_at is None:
        click.echo("the audit log is unbroken: it holds no line yet")
        return
    began, ended = (instant.astimezone(BELGIAN_TIME) for instant in (verdict.first_at, verdict.last_at))
    lines = f"{verdict.lines} {'line' if verdict.lines == 1 else 'lines'}"
    click.echo(
        f"the audit log is unbroken: {lines}, from {began:%d/%m/%Y %H:%M} to {ended:%d/%m/%Y %H:%M}; "
        f"its last line is {verdict.last_line}, hash {verdict.last_hash}"
    )
