"""``ocmw consent``: the consents of persons to fetch their latest GPMI from another OCMW."""

from __future__ import annotations

import datetime as dt

import click

from commands.database import actor, open_database
from commands.options import YES_NO, db_option, period_options
from ground import days
from ground.numbers import Counted, counted

CONSENTS: Counted = {"en": ("{n} consent", "{n} consents")}


@click.group()
def consent() -> None:
    """The consents of persons to fetch their latest GPMI from another OCMW."""


ssin_option = click.option("--ssin", required=True, help="The person's INSZ/NISS, as written: 92.02.14-162.06.")


@consent.command()
@db_option
@ssin_option
@period_options("the consent")
@click.option("--granted", type=YES_NO, required=True, help="The person's answer: yes or no (ja/nee, oui/non).")
def record(db_url: str | None, ssin: str, from_date: dt.date, to_date: dt.date, granted: bool) -> None:
    """Record a person's answer (Akkoord van de burger voor raadpleging van het meest recente GPMI)."""
    from ground import ssin as ssin_number
    from storage import consents

    number = ssin_number.validate(ssin)
    with open_database(db_url).begin() as session:
        consents.record_consent(
            session, ssin=number, from_date=from_date, to_date=to_date, granted=granted, actor=actor()
        )
    answer = "yes" if granted else "no"
    click.echo(
        f"consent of {ssin_number.format(number)} recorded: {answer}, {days.format(from_date)} - {days.format(to_date)}"
    )


@consent.command()
@db_option
@ssin_option
def revoke(db_url: str | None, ssin: str) -> None:
    """Revoke every consent of the person that is still in force."""
    from ground import ssin as ssin_number
    from storage import consents

    number = ssin_number.validate(ssin)
    with open_database(db_url).begin() as session:
        count = consents.revoke_consents(session, ssin=number, actor=actor())
    click.echo(f"{counted(CONSENTS, count, 'en')} of {ssin_number.format(number)} revoked")
