"""``ocmw esv answers|requests|archive``: the two lists of the "Consult ESV" screens in the terminal,
filtered and paged, and archiving a line."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

import click

from commands.database import actor, open_database
from commands.options import LabelledChoice, db_option, lang_option, options
from commands.output import deliver
from esv.codes import Status
from exchange.statuses import RequestStatus
from ground import days
from ground.lang import Lang, in_language, labelled

if TYPE_CHECKING:
    from exchange import listing

list_options = options(
    click.option("--ssin", help="Only this person (an INSZ in any written form)."),
    click.option("--archived", is_flag=True, help="The archived lines instead."),
    click.option("--page", type=click.IntRange(min=1), default=1, show_default=True, help="The page to show."),
    click.option("--per-page", type=click.IntRange(1, 500), default=20, show_default=True, help="Lines per page."),
    lang_option("the list"),
)


def _day(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        from esv.disclosure import BELGIAN_TIME

        value = value.astimezone(BELGIAN_TIME).date()
    return days.format(value)


def _show(
    words: dict[str, str], title: str, ocmw: str, rows: list[list[str]], found: listing.Page[Any], lang: Lang
) -> None:
    """A list as the slides lay it out (the other OCMW's column named ``ocmw``), its days and INSZ
    numbers never split over lines, its title saying how many lines (and which page of how many)."""
    from tabular.terminal import FittedTable

    heading = labelled(words[title], found.said(lang), lang)
    if not rows:
        click.echo(heading)
        return
    columns = [words[key] for key in (ocmw, "person", "ssin", "begin", "end", "status", "received", "history")]
    deliver(FittedTable(rows, header=["ID", *columns], title=heading, numbers=[True]), None, "list")


@click.command()
@db_option
@click.option(
    "--status", type=LabelledChoice(Status), help="Only the lines with this answer status (as coded or as listed)."
)
@list_options
def requests(
    db_url: str | None, status: str | None, ssin: str | None, archived: bool, page: int, per_page: int, lang: str
) -> None:
    """The requests this OCMW answered (Aanvragen ESV)."""
    from exchange import listing
    from ground import ssin as ssin_number

    language = cast(Lang, lang)
    with open_database(db_url)() as session:
        found = listing.requests(
            session, status=status, ssin=ssin, archived=archived, page=page, per_page=per_page, lang=language
        )
    words = in_language(listing.HEADINGS, language)
    rows = [
        [
            str(line.id),
            line.ocmw,
            line.person,
            ssin_number.format(line.ssin) if line.ssin else "",
            _day(line.begin),
            _day(line.end),
            listing.ANSWERED_LABELS[line.status][language],
            _day(line.received_at),
            words["asked"].format(line.times_asked) if line.times_asked > 1 else "",
        ]
        for line in found.lines
    ]
    _show(words, "requests", "requester", rows, found, language)


@click.command()
@db_option
@click.option(
    "--status", type=LabelledChoice(RequestStatus), help="Only the lines with this status (as coded or as listed)."
)
@list_options
def answers(
    db_url: str | None, status: str | None, ssin: str | None, archived: bool, page: int, per_page: int, lang: str
) -> None:
    """The requests this OCMW sent and their answers (Antwoorden ESV); `ocmw esv show ID` reads one."""
    from exchange import listing
    from ground import ssin as ssin_number

    language = cast(Lang, lang)
    with open_database(db_url)() as session:
        wanted = RequestStatus(status) if status else None
        found = listing.answers(
            session, status=wanted, ssin=ssin, archived=archived, page=page, per_page=per_page, lang=language
        )
    words = in_language(listing.HEADINGS, language)
    rows = [
        [
            str(line.id),
            line.ocmw,
            line.person,
            ssin_number.format(line.ssin),
            _day(line.begin),
            _day(line.end),
            line.status.label(language),
            _day(line.received_at),
            listing.history(line.attempts, line.last_failure, language),
        ]
        for line in found.lines
    ]
    _show(words, "answers", "responder", rows, found, language)


@click.command()
@db_option
@click.argument("row_id", metavar="ID", type=int)
@click.option("--answered", is_flag=True, help="ID is in `ocmw esv requests` (the requests answered).")
def archive(db_url: str | None, row_id: int, answered: bool) -> None:
    """Archive a line of `ocmw esv answers` (or, with --answered, of `ocmw esv requests`); it stays in
    the database and the audit log, and `ocmw esv unarchive` brings it back."""
    _set_archived(db_url, row_id, answered, archived=True)


@click.command()
@db_option
@click.argument("row_id", metavar="ID", type=int)
@click.option("--answered", is_flag=True, help="ID is in `ocmw esv requests --archived` (the requests answered).")
def unarchive(db_url: str | None, row_id: int, answered: bool) -> None:
    """Bring an archived line back into `ocmw esv answers` (or, with --answered, `ocmw esv requests`)."""
    _set_archived(db_url, row_id, answered, archived=False)


def _set_archived(db_url: str | None, row_id: int, answered: bool, *, archived: bool) -> None:
    from exchange import listing
    from storage import tables

    kind = tables.AnsweredRequest if answered else tables.SentRequest
    with open_database(db_url).begin() as session:
        listing.archive(session, kind, row_id, actor=actor(), archived=archived)
    again = f"ocmw esv {'unarchive' if archived else 'archive'} {row_id}{' --answered' if answered else ''}"
    click.echo(f"line {row_id} {'archived' if archived else 'back in its list'}; `{again}` undoes it")
