"""``ocmw network``: the OCMW's side of its network: synchronise with the directory now (its document,
and the references the OCMW owes it), and see whom the OCMW trusts, with their addresses."""

from __future__ import annotations

import json
from pathlib import Path

import click

from commands.database import membership, open_database
from commands.database import network as network_of
from commands.options import db_option, signing_options
from commands.output import deliver
from ground import kbo as kbo_number
from tabular.terminal import FittedTable


@click.group()
def network() -> None:
    """The OCMW's network: its directory and the OCMWs it trusts."""


@network.command()
@db_option
@signing_options
def sync(db_url: str | None, key: Path | None, cert: Path | None, trust: Path | None) -> None:
    """Fetch the directory's document and send the references the OCMW owes it (`ocmw serve` does so
    at start and every five minutes)."""
    from exchange.network import DirectoryClient

    factory = open_database(db_url)
    with factory() as session:
        member = membership(session, key, cert, trust)
    synced = DirectoryClient(member, factory).sync()
    state = "new" if synced.new else "unchanged"
    click.echo(f"directory document {synced.serial} ({state}); {synced.references_sent} references sent")


@network.command(name="list")
@db_option
@signing_options
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
def list_peers(db_url: str | None, key: Path | None, cert: Path | None, trust: Path | None, output_format: str) -> None:
    """The OCMWs trusted now, from the directory's last valid document or from the trust folder."""
    from exchange.network import current_peers

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
    title = f"{len(known.peers)} OCMWs trusted, from the {known.source}"
    if known.expires_at is not None:
        title += f" (document {known.serial}, valid until {known.expires_at:%d/%m/%Y %H:%M} UTC)"
    rows = [
        [kbo_number.format(peer.kbo) if peer.kbo else "", peer.name_nl, peer.address or "(cannot be asked)"]
        for peer in known.peers
    ]
    deliver(FittedTable(rows, header=["KBO", "name", "ESV address"], title=title), None, "list")
