"""``ocmw audit``: what the audit log holds for the OCMW's data-protection officer and IT staff: a
person's consultation history (person), and the log checked against its chain (verify)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from commands.database import actor, open_database
from commands.options import db_option, lang_option, output_options, period_options
from commands.output import deliver, write_file
from esv.disclosure import BELGIAN_TIME
from ground import periods
from ground import ssin as ssin_number
from ground.errors import InvalidInput
from ground.lang import Lang

if TYPE_CHECKING:
    from exchange.consultations import History
    from tabular.terminal import FittedTable


class BrokenChain(InvalidInput):
    """The audit log does not follow its chain: lines were changed or removed in the database."""


@click.group()
def audit() -> None:
    """The audit log: a person's consultation history (person), and the log checked against its chain (verify)."""


@audit.command()
@db_option
def verify(db_url: str | None) -> None:
    """Check that the audit log is unbroken: every line's hash follows from the line before it and
    its own content, and the last line is the one the chain's head records. Exit code 1, naming every
    place it breaks, when a line was changed or removed directly in the database."""
    from storage import chain

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


@audit.command()
@db_option
@click.argument("ssin", metavar="INSZ")
@period_options("the history", required=False)
@output_options(
    ("table", "csv", "pdf"),
    "table: for people to read; csv: one line each; pdf: the letter to hand to the person (needs --out).",
)
@lang_option("the history")
def person(
    db_url: str | None,
    ssin: str,
    from_date: dt.date | None,
    to_date: dt.date | None,
    output_format: str,
    out: Path | None,
    lang: Lang,
) -> None:
    """A person's consultation history (GDPR article 15): every time their data was asked for
    (requests sent about them, lookups in the directory), answered (the decisions and the GPMI
    contract disclosed, or why not, and the consent it was answered under), refused, and viewed (by
    which user), as the audit log holds it. The letter names no employee. Listing it is written to
    the audit log too."""
    from exchange import consultations
    from exchange.letter import letter_pdf

    number = ssin_number.validate(ssin)
    if from_date is not None and to_date is not None:
        periods.validate(from_date, to_date)
    with open_database(db_url).begin() as session:
        found = consultations.history(session, number, from_date, to_date, actor=actor(), shown_as=output_format)
    if output_format == "pdf":
        assert out is not None  # --format pdf needs --out (output_options)
        write_file(out, letter_pdf(found, lang, dt.datetime.now(BELGIAN_TIME).date()), "letter", private=True)
        return
    if output_format == "csv":
        deliver(consultations.to_csv(found.consultations, lang), out, "CSV", private=True)
        return
    deliver(_table(found, lang), out, "history", private=True)


def _table(found: History, lang: Lang) -> FittedTable:
    from exchange.consultations import COLUMNS, HEADINGS, TITLE, rows
    from ground.numbers import counted
    from tabular.terminal import FittedTable

    person = f"{found.person}, {ssin_number.format(found.ssin)}" if found.person else ssin_number.format(found.ssin)
    lines = [[line.at, line.what, line.ocmw, line.by, line.said] for line in rows(found.consultations, lang)]
    headings = [HEADINGS[key][lang] for key in COLUMNS]
    return FittedTable(lines, header=headings, title=counted(TITLE, len(lines), lang, person=person))
