"""``ocmw report``: the annual report's subsidy parts."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click

from annual_report import cluster_output
from annual_report.cluster import settle
from annual_report.cluster_input import load_cluster_report
from annual_report.cluster_labels import Lang
from cli import deliver, existing_file, refuse_input, write_file
from tabular.problems import InvalidInput


@click.group()
def report() -> None:
    """The annual report's (Uniek Jaarverslag) subsidy parts, computed and checked."""


@report.command()
@click.option("--costs", "costs_file", type=existing_file, required=True, help="The cost lines, CSV or XLSX.")
@click.option("--settings", "settings_file", type=existing_file, required=True, help="The report's settings, TOML.")
@click.option("--format", "output_format", type=click.Choice(["table", "json", "xlsx"]), default="table")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
@click.option("--lang", type=click.Choice(["nl", "fr"]), default="nl", show_default=True)
def cluster(costs_file: Path, settings_file: Path, output_format: str, out: Path | None, lang: str) -> None:
    """The cluster plan: the financial report's five cost categories with the computed cluster-subsidy
    share, the justified and unjustified parts of the subsidy, the advance and the balance, and the
    training counts with the total of activated persons."""
    if output_format == "xlsx" and out is None:
        raise click.UsageError("--format xlsx writes a workbook: give its file with --out")
    language = cast(Lang, lang)
    try:
        entered = load_cluster_report(costs_file, settings_file)
    except InvalidInput as invalid:
        refuse_input(invalid.problems)
    settlement = settle(entered)
    if output_format == "xlsx":
        write_file(out, cluster_output.workbook(entered, settlement, language))  # type: ignore[arg-type]
    elif output_format == "json":
        deliver(cluster_output.to_json(entered, settlement) + "\n", out)
    else:
        deliver(cluster_output.table(entered, settlement, language), out)
