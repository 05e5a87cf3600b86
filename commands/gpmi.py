"""``ocmw gpmi``: the OCMW's GPMI contracts, one version at a time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from commands.database import actor, open_database
from commands.options import DAY, db_option, existing_file, period_options
from commands.output import refusing_files
from esv.codes import GpmiKind


@click.group()
def gpmi() -> None:
    """The OCMW's GPMI contracts."""


@gpmi.command(name="add-version")
@db_option
@click.option("--contract", "contract_id", required=True, help="The contract's id, as in the OCMW's records.")
@click.option("--dossier", "dossier_id", required=True, help="The dossier it belongs to (imported with its decisions).")
@click.option("--version", type=click.IntRange(min=1), required=True, help="The version's number: 1, 2, ...")
@click.option(
    "--kind", type=click.Choice([kind.value for kind in GpmiKind]), required=True, help="The kind of GPMI contract."
)
@period_options("the project this version plans")
@click.option("--validated-on", type=DAY, help="The day both parties signed this version; none for a draft.")
@click.option("--pdf", type=existing_file, help="The signed contract, PDF (required for a validated version).")
def add_version(
    db_url: str | None,
    contract_id: str,
    dossier_id: str,
    version: int,
    kind: str,
    from_date: dt.date,
    to_date: dt.date,
    validated_on: dt.date | None,
    pdf: Path | None,
) -> None:
    """Add (or replace) one version of a GPMI contract, with its PDF."""
    from storage import imports

    row = imports.VersionRow(
        contract_id=contract_id,
        dossier_id=dossier_id,
        version=version,
        kind=kind,
        start=from_date,
        end=to_date,
        validated_on=validated_on,
        pdf=pdf,
    )
    with refusing_files("nothing was written"), open_database(db_url).begin() as session:
        imports.store_versions(session, [row], source="ocmw gpmi add-version", actor=actor())
    click.echo(f"version {version} of GPMI contract {contract_id} stored")
