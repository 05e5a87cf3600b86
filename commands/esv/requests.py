"""``ocmw esv request|retry``: ask the OCMWs that helped a person before for their social report, and
send a request again that got no usable answer. The requests and their answers are kept."""

from __future__ import annotations

import datetime as dt
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click
from click.core import ParameterSource

from commands.database import actor, membership, open_database, own_ocmw
from commands.options import DAY, YES_NO, db_option, lang_option, period_options, signing_options
from exchange.statuses import RequestStatus, SendFailure
from ground import days, periods
from ground.errors import InvalidInput
from ground.lang import Lang, Translated, in_language, sentence
from ground.numbers import written

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from esv import model
    from exchange.requester import Requester
    from storage import tables

timeout_option = click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds to wait for the other OCMW's answer.",
)


def _requester(
    db_url: str | None, key: Path | None, cert: Path | None, trust: Path | None, timeout: float
) -> Requester:
    from exchange.requester import Requester

    factory = open_database(db_url)
    with factory() as session:
        member = membership(session, key, cert, trust)
        ocmw = own_ocmw(session)
    return Requester(ocmw=ocmw, membership=member, sessions=factory, timeout=timeout)


@click.command()
@db_option
@signing_options
@click.option("--ssin", required=True, help="The person's INSZ/NISS, as written: 92.02.14-162.06.")
@click.option(
    "--ocmw",
    "ocmws",
    multiple=True,
    metavar="KBO",
    help="Ask this OCMW (by its KBO number; may be repeated) instead of those the directory finds.",
)
@period_options("the decisions asked for")
@click.option("--consent", "consent_given", type=YES_NO, help="The person's consent to fetch their latest GPMI.")
@click.option("--consent-from", type=DAY, help="First day of the consent (with --consent yes).")
@click.option("--consent-to", type=DAY, help="Last day of the consent (with --consent yes).")
@timeout_option
@lang_option("what is said")
def request(
    db_url: str | None,
    key: Path | None,
    cert: Path | None,
    trust: Path | None,
    ssin: str,
    ocmws: tuple[str, ...],
    from_date: dt.date,
    to_date: dt.date,
    consent_given: bool | None,
    consent_from: dt.date | None,
    consent_to: dt.date | None,
    timeout: float,
    lang: str,
) -> None:
    """Ask the OCMWs that helped a person before for their social report; the requests and their
    answers are kept.

    A member of a directory asks the OCMWs the directory finds holding records of the person over
    the period; without a directory, every OCMW of the trust folder with an address is asked. With
    --ocmw, only the OCMWs named. Without --consent, the consent recorded with `ocmw consent record`
    is sent, if there is one."""
    from esv import model
    from ground import ssin as ssin_number
    from web.words import Words

    number = ssin_number.validate(ssin)
    period = model.Period(begin=from_date, end=to_date)
    periods.validate(from_date, to_date)
    requester = _requester(db_url, key, cert, trust, timeout)
    with requester.sessions() as session:
        given = _consent(session, number, consent_given, consent_from, consent_to)
    rows = requester.ask(ssin=number, period=period, consent=given, actor=actor(), ocmws=ocmws)
    words = Words(cast(Lang, lang))
    if not rows:
        click.echo(
            words(
                "nobody_asked",
                ssin=ssin_number.format(number),
                begin=days.format(from_date),
                end=days.format(to_date),
            )
        )
        return
    unanswered = [row for row in rows if not _report(row, words.lang)]
    if len(rows) > 1:  # each line above says how to send its request again
        answered = len(rows) - len(unanswered)
        click.echo(words.counted("requests_done", len(rows), done=written(answered, words.lang)))
    if unanswered:
        sys.exit(InvalidInput.exit_code)


def _consent(
    session: Session, ssin: str, given: bool | None, start: dt.date | None, end: dt.date | None
) -> model.Consent | None:
    """The consent to send: the one given (a refusal needs no period: it holds for this request), else
    the one in force today as recorded, else none."""
    from esv import model
    from esv.disclosure import BELGIAN_TIME
    from storage import consents

    today = dt.datetime.now(BELGIAN_TIME).date()
    if given is None:
        if start or end:
            raise click.UsageError("--consent-from and --consent-to go with --consent yes")
        recorded = consents.active_consent(session, ssin, today)
        if recorded is None:
            return None
        return model.Consent(
            from_date=recorded.from_date,
            to_date=recorded.to_date,
            granted=recorded.granted,
            recorded_at=recorded.recorded_at,
        )
    if not given:
        if start or end:
            raise click.UsageError("--consent no needs no period: leave out --consent-from and --consent-to")
        return model.Consent(from_date=today, to_date=today, granted=False, recorded_at=None)
    if start is None or end is None:
        raise click.UsageError("--consent yes needs the period of the consent: --consent-from and --consent-to")
    periods.validate(start, end)
    return model.Consent(from_date=start, to_date=end, granted=True, recorded_at=None)


_SAID: dict[str, Translated] = {
    "request": {
        "nl": "Aanvraag {id} ({request_id}) aan {ocmw}: {status}",
        "fr": "Demande {id} ({request_id}) à {ocmw} : {status}",
    },
    "detail": {"nl": "Technisch detail, in het Engels: {}", "fr": "Détail technique, en anglais : {}"},
    "not_esv": {
        "nl": "Het adres waarop het OCMW gekend is, is geen ESV-dienst: verwittig zijn beheerders.",
        "fr": "L'adresse connue du CPAS n'est pas celle d'un service RSE : prévenez ses administrateurs.",
    },
    "retry": {"nl": "Verstuur ze opnieuw met: ocmw esv retry {}", "fr": "Renvoyez-la avec : ocmw esv retry {}"},
    "show": {"nl": "Lees het antwoord met: ocmw esv show {}", "fr": "Lisez la réponse avec : ocmw esv show {}"},
}
"""What the terminal says of a request sent, in the language of ``--lang``."""


def _report(row: tables.SentRequest, lang: Lang) -> bool:
    """Say where a request stands and what to do next, in ``lang`` (the English detail after the
    reason, for the IT staff); whether it has an answer to read. The next command is written as it
    can be pasted: with the ``--db`` this one was given."""
    from exchange import listing

    again = f"{row.id}{_database_given()}"

    status = RequestStatus(row.status)
    said = in_language(_SAID, lang)
    ocmw = listing.responder_name(row, lang)
    click.echo(said["request"].format(id=row.id, request_id=row.request_id, ocmw=ocmw, status=status.label(lang)))
    if row.last_failure:
        click.echo(f"  {sentence(SendFailure(row.last_failure).label(lang))}")
    if row.last_error:
        click.echo(f"  {said['detail'].format(row.last_error)}")
    if row.last_failure == SendFailure.NOT_ESV:  # sending it again would reach the same wrong address
        click.echo(f"  {said['not_esv']}")
        return False
    if status.can_be_sent_again:
        click.echo(f"  {said['retry'].format(again)}")
        return False
    click.echo(f"  {said['show'].format(again)}")
    return True


def _database_given() -> str:
    """`` --db URL`` when the command was given its database on the command line (one named by
    ``OCMW_DB_URL`` is named there for the next command too); the word URL where it holds a password."""
    from sqlalchemy.engine import make_url

    context = click.get_current_context()
    url = context.params.get("db_url")
    if url is None or context.get_parameter_source("db_url") is not ParameterSource.COMMANDLINE:
        return ""
    given = make_url(url)
    if given.password is not None or "password" in given.query:
        return " --db URL"  # never a password on the terminal; the URL is the one given
    return f" --db {shlex.quote(url)}"


@click.command()
@db_option
@signing_options
@click.argument("row_id", metavar="ID", type=int)
@timeout_option
@lang_option("what is said")
def retry(
    db_url: str | None, key: Path | None, cert: Path | None, trust: Path | None, row_id: int, timeout: float, lang: str
) -> None:
    """Send a request again that got no (trustworthy) answer; same RequestId, so answered once."""
    row = _requester(db_url, key, cert, trust, timeout).send(row_id, actor=actor())
    if not _report(row, cast(Lang, lang)):
        sys.exit(InvalidInput.exit_code)
