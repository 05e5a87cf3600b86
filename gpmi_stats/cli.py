"""``ocmw stats``: the GPMI statistics of a period, for the terminal, programs and the annual report."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Literal, cast

import click
from rich.console import RenderableType

from cli import DAY, deliver, existing_file, refuse_input, write_file
from gpmi_stats import render as stats_output
from gpmi_stats.figures import compute
from gpmi_stats.inputs import load_inputs
from gpmi_stats.period import FIRST_YEAR, LAST_YEAR, Period, PeriodRefused, chosen_period, written_year
from tabular.problems import InvalidInput

StatsLang = Literal["nl", "fr", "en"]
_PERIOD_USAGE = {
    "year_and_days": "give either --year or --from and --to, not both",
    "no_period": "give the period: --year YYYY, or --from DATE and --to DATE",
}


def _year(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    if (year := written_year(value)) is None:
        raise click.BadParameter(f"{value!r} is not a year from {FIRST_YEAR} to {LAST_YEAR}")
    return year


def _chart_file(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """A chart's file, whose suffix says the format it is drawn in."""
    from gpmi_stats.chart import CHART_FORMATS

    if value is not None and value.suffix.lower() not in CHART_FORMATS:
        accepted = ", ".join(CHART_FORMATS)
        raise click.BadParameter(f"{value} does not end in {accepted}: the chart is drawn as PNG, SVG or PDF")
    return value


@click.command()
@click.option("--versions", "versions_file", required=True, type=existing_file, help="Contract versions, CSV or XLSX.")
@click.option("--evaluations", "evaluations_file", type=existing_file, help="Evaluations, CSV or XLSX.")
@click.option("--from", "from_date", type=DAY, help="First day of the period.")
@click.option("--to", "to_date", type=DAY, help="Last day of the period.")
@click.option(
    "--year",
    callback=_year,
    metavar="YYYY",
    help=f"A calendar year ({FIRST_YEAR}-{LAST_YEAR}), instead of --from and --to.",
)
@click.option(
    "--format", "output_format", type=click.Choice(["table", "json", "csv", "xlsx"]), default="table", show_default=True
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of to the terminal.")
@click.option(
    "--lang", type=click.Choice(["nl", "fr", "en"]), default="nl", show_default=True, help="Language of the labels."
)
@click.option(
    "--chart",
    type=click.Path(dir_okay=False, path_type=Path),
    callback=_chart_file,
    help="Also draw the charts in this file: .png, .svg or .pdf.",
)
@click.option("--ocmw", help="The OCMW's name for the titles (default: the NIS codes of the export).")
def stats(
    versions_file: Path,
    evaluations_file: Path | None,
    from_date: dt.date | None,
    to_date: dt.date | None,
    year: int | None,
    output_format: str,
    out: Path | None,
    lang: str,
    chart: Path | None,
    ocmw: str | None,
) -> None:
    """GPMI statistics for the annual report: each contract counted once, whatever its versions."""
    _return_memory_promptly()
    period = _period(from_date, to_date, year)
    if output_format == "xlsx" and out is None:
        raise click.UsageError("--format xlsx writes a workbook: give its file with --out")
    language = cast(StatsLang, lang)
    try:
        inputs = load_inputs(versions_file, evaluations_file)
    except InvalidInput as invalid:
        refuse_input(invalid.problems)
    for warning in inputs.warnings:
        click.echo(f"warning: {warning}", err=True)
    figures = compute(inputs, period)
    name = ocmw or ", ".join(sorted(inputs.versions["ocmw_nis"].astype(str).unique()))
    if chart is not None:
        from gpmi_stats.chart import CHART_FORMATS  # matplotlib only for a chart
        from gpmi_stats.chart import chart as draw_chart

        image_format = CHART_FORMATS[chart.suffix.lower()]
        write_file(chart, draw_chart(figures, language, ocmw, image_format), f"chart ({image_format.upper()})")
    if output_format == "xlsx":
        from gpmi_stats.workbook import workbook

        write_file(out, workbook(figures, language, name), "workbook")  # type: ignore[arg-type]
    else:
        made: dict[str, tuple[str, Callable[[], str | RenderableType]]] = {
            "table": ("table", lambda: stats_output.table(figures, language, ocmw)),
            "json": ("JSON", lambda: stats_output.to_json(figures)),
            "csv": ("CSV", lambda: stats_output.to_csv(figures, language)),
        }
        what, make = made[output_format]
        deliver(make(), out, what)


def _return_memory_promptly() -> None:
    """Let pyarrow's allocator give freed memory back at once: the exports are read column by
    column, and what one step frees the next can use (a process-wide setting, hence here)."""
    import pyarrow

    with contextlib.suppress(NotImplementedError):  # a pyarrow built without jemalloc keeps its default
        pyarrow.set_memory_pool(pyarrow.jemalloc_memory_pool())
        pyarrow.jemalloc_set_decay_ms(0)


def _period(from_date: dt.date | None, to_date: dt.date | None, year: int | None) -> Period:
    try:
        return chosen_period(year, from_date, to_date)
    except PeriodRefused as refused:
        if refused.kind == "reversed":
            raise click.UsageError(f"--from {from_date:%d/%m/%Y} is after --to {to_date:%d/%m/%Y}") from None
        raise click.UsageError(_PERIOD_USAGE[refused.kind]) from None
