"""``ocmw report``: the annual report's subsidy parts, each from its table and its settings file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from commands.options import existing_file, lang_option, options, output_options, table_options
from commands.output import deliver, refusing_files, warn, write_file
from ground.lang import Lang

if TYPE_CHECKING:
    from rich.console import RenderableType

    from tabular.reader import TableReader


@click.group()
def report() -> None:
    """The annual report's (Uniek Jaarverslag) subsidy parts, computed and checked: social and cultural
    participation, the PSA indicators, the cluster plan."""


report_options = options(output_options(("table", "json", "xlsx")), lang_option("the report"), table_options)
settings_help = "The report's settings, TOML (see docs/annual-report.md)."


def _output(
    output_format: str,
    out: Path | None,
    lang: str,
    *,
    as_json: Callable[[], str],
    as_table: Callable[[Lang], RenderableType],
    as_workbook: Callable[[Lang], bytes],
) -> None:
    """The report in the format asked for, to ``out`` or standard output (a workbook needs ``out``,
    which ``output_options`` checked before the input was read)."""
    language = cast(Lang, lang)
    if output_format == "xlsx":
        assert out is not None
        write_file(out, as_workbook(language), "workbook")
    elif output_format == "json":
        deliver(as_json(), out, "JSON")
    else:
        deliver(as_table(language), out, "table")


@report.command()
@click.option("--costs", "costs_file", type=existing_file, required=True, help="The cost lines, CSV or XLSX.")
@click.option("--settings", "settings_file", type=existing_file, required=True, help=settings_help)
@report_options
def cluster(
    costs_file: Path, settings_file: Path, output_format: str, out: Path | None, lang: str, reader: TableReader
) -> None:
    """The cluster plan: the financial report's five cost categories with the computed cluster-subsidy
    share, the justified and unjustified parts of the subsidy, the advance and the balance, the
    training counts, and the total of activated persons (the recovery database's when the settings
    give it, else the sum of the training counts)."""
    from annual_report import cluster_output
    from annual_report.cluster import settle
    from annual_report.cluster_input import load_cluster_report

    with refusing_files("nothing was computed"):
        entered = load_cluster_report(costs_file, settings_file, reader)
    warn(reader.warnings, cast(Lang, lang))
    settlement = settle(entered)
    _output(
        output_format,
        out,
        lang,
        as_json=lambda: cluster_output.to_json(entered, settlement),
        as_table=lambda language: cluster_output.table(entered, settlement, language),
        as_workbook=lambda language: cluster_output.workbook(entered, settlement, language),
    )


@report.command()
@click.option("--activities", "activities_file", type=existing_file, required=True, help="The activities, CSV or XLSX.")
@click.option("--settings", "settings_file", type=existing_file, required=True, help=settings_help)
@report_options
def participation(
    activities_file: Path, settings_file: Path, output_format: str, out: Path | None, lang: str, reader: TableReader
) -> None:
    """Social and cultural participation, child poverty and recycled computers: the control overview
    per category, what the caps accept, the personnel lump sum, and per measure the justified and
    unused amounts, the advance and the balance."""
    from annual_report import participation_output
    from annual_report.participation import settle
    from annual_report.participation_input import load_participation

    with refusing_files("nothing was computed"):
        entered = load_participation(activities_file, settings_file, reader)
    warn(reader.warnings + entered.warnings, cast(Lang, lang))
    settlement = settle(entered.report)
    _output(
        output_format,
        out,
        lang,
        as_json=lambda: participation_output.to_json(entered.report, settlement, entered.warnings),
        as_table=lambda language: participation_output.table(entered.report, settlement, language),
        as_workbook=lambda language: participation_output.workbook(entered.report, settlement, language),
    )


@report.command()
@click.option("--activities", "activities_file", type=existing_file, required=True, help="The activities, CSV or XLSX.")
@click.option("--settings", "settings_file", type=existing_file, required=True, help=settings_help)
@report_options
def psa(
    activities_file: Path, settings_file: Path, output_format: str, out: Path | None, lang: str, reader: TableReader
) -> None:
    """The participation and social activation subsidy: the result indicators 1-15 of the circular
    of 29 May 2017 per part (A social integration, B collective modules, C child poverty) and per
    activity; totals per part only for a subsidy under 7 500 euro."""
    from annual_report import psa_output
    from annual_report.psa import report as psa_report
    from annual_report.psa_input import load_psa

    with refusing_files("nothing was computed"):
        settings, activities = load_psa(activities_file, settings_file, reader)
    warn(reader.warnings, cast(Lang, lang))
    result = psa_report(settings, activities)
    _output(
        output_format,
        out,
        lang,
        as_json=lambda: psa_output.to_json(result),
        as_table=lambda language: psa_output.table(result, language),
        as_workbook=lambda language: psa_output.workbook(result, language),
    )
