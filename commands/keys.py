"""``ocmw keys``: the OCMW's signing key and certificate: a new one without stopping the service
(rotate), and the warning a certificate about to expire gives."""

from __future__ import annotations

from pathlib import Path

import click

from commands.database import actor, open_database
from commands.options import db_option, existing_file
from esv.keys import EXPIRES_SOON_DAYS, days_left, expires_soon
from ground import days
from ground import kbo as kbo_number


@click.group()
def keys() -> None:
    """The OCMW's signing key and certificate."""


@keys.command()
@db_option
@click.option(
    "--key", type=existing_file, required=True, help="The new signing key (PEM), made with `ocmw esv keygen`."
)
@click.option("--cert", type=existing_file, required=True, help="Its certificate (PEM).")
def rotate(db_url: str | None, key: Path, cert: Path) -> None:
    """Sign with a new key from now on, without stopping the service: a running `ocmw serve` follows
    within seconds. The old certificate stays trusted by the others until it expires.

    A member of a directory rotates once the directory's document lists the new certificate: the
    command says what the directory's administrator runs, and changes nothing until then. Without a
    directory, send the new certificate to the OCMWs that trust this one first: they add it beside the
    old one."""
    from exchange.rotation import rotate as rotated
    from service.rotation import CHECK_SECONDS

    with open_database(db_url).begin() as session:
        done = rotated(session, key, cert, actor=actor())
    said = f"{done.ocmw} signs with {done.new.describe()} from now on"
    click.echo(f"{said} (a running ocmw serve within {CHECK_SECONDS:g} seconds)")
    until = days.format(done.old.not_after.date())
    if done.in_directory:
        click.echo(f"the directory lists it beside the old certificate, trusted until it expires on {until}")
    else:
        click.echo(
            f"send {cert} to every OCMW that trusts {done.ocmw}: they add it beside the old one (Vertrouwde "
            f"OCMW's, KBO {kbo_number.format(done.kbo)}) and keep the old one until it expires on {until}; until they "
            "have added it, they refuse what the new key signs"
        )
    if done.tls_follows:
        click.echo(
            "its TLS connections use the new certificate from the next start of ocmw serve, the old one until then"
        )
    expiry_warning(cert, done.ocmw)


def expiry_warning(cert: Path, whose: str) -> None:
    """A warning on standard error when the certificate at ``cert`` expires within
    ``EXPIRES_SOON_DAYS`` days, or has expired."""
    from cryptography import x509

    try:
        certificate = x509.load_pem_x509_certificate(cert.read_bytes())
    except (OSError, ValueError):
        return  # the commands that use it say what is wrong with it
    if not expires_soon(certificate):
        return
    until, left = days.format(certificate.not_valid_after_utc.date()), days_left(certificate)
    when = f"expired on {until}" if left < 0 else f"expires on {until}, in {left} day{'' if left == 1 else 's'}"
    click.echo(
        f"warning: the certificate of {whose} ({cert}) {when}: make a new key with `ocmw esv keygen` and sign with "
        f"it without stopping the service with `ocmw keys rotate` (within {EXPIRES_SOON_DAYS} days of the end, every "
        "day counts: the others must trust the new one first)",
        err=True,
    )
