"""``ocmw stats``: the GPMI statistics of a period, for the terminal, programs and the annual report."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from commands.options import YEAR, existing_file, lang_option, output_options, period_options, table_options
from commands.output import WARNING, deliver, refusing_files, warn, write_file
from ground.days import FIRST_YEAR, LAST_YEAR
from ground.lang import Lang, Translated

if TYPE_CHECKING:
    from rich.console import RenderableType

    from tabular.reader import TableReader


def _chart_file(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """A chart's file, whose suffix says the format it is drawn in. (Without ``--chart``, matplotlib is
    not imported: it takes longer to import than a small export takes to count.)"""
    if value is None:
        return None
    from gpmi_stats.chart import CHART_FORMATS

    if value.suffix.lower() not in CHART_FORMATS:
        accepted = ", ".join(CHART_FORMATS)
        raise click.BadParameter(f"{value} does not end in {accepted}: the chart is drawn as PNG, SVG or PDF")
    return value


@click.command()
@click.option("--versions", "versions_file", required=True, type=existing_file, help="Contract versions, CSV or XLSX.")
@click.option("--evaluations", "evaluations_file", type=existing_file, help="Evaluations, CSV or XLSX.")
@period_options("the period counted", required=False)
@click.option("--year", type=YEAR, help=f"A calendar year ({FIRST_YEAR}-{LAST_YEAR}), instead of --from and --to.")
@output_options(("table", "json", "csv", "xlsx"))
@lang_option("the labels")
@click.option(
    "--chart",
    type=click.Path(dir_okay=False, path_type=Path),
    callback=_chart_file,
    help="Also draw the charts in this file: .png, .svg or .pdf.",
)
@click.option("--ocmw", help="The OCMW's name for the titles (default: the NIS codes of the export).")
@table_options
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
    reader: TableReader,
) -> None:
    """GPMI statistics for the annual report: each contract counted once, whatever its versions."""
    from gpmi_stats.period import chosen_period
    from gpmi_stats.reading import begin_reading

    period = chosen_period(year, from_date, to_date)
    _return_memory_promptly()
    versions_begun = begin_reading(versions_file, reader)  # pyarrow reads while pandas is imported
    from gpmi_stats import render as stats_output
    from gpmi_stats.figures import compute
    from gpmi_stats.inputs import load_inputs

    language = cast(Lang, lang)
    with refusing_files("nothing was computed"):
        inputs = load_inputs(versions_file, evaluations_file, reader, versions_begun=versions_begun)
    warn(inputs.warnings, language)
    if evaluations_file is None:
        click.echo(f"{WARNING[language]}{_NO_EVALUATIONS[language]}", err=True)
    figures = compute(inputs, period)
    if chart is not None:
        from gpmi_stats.chart import CHART_FORMATS  # matplotlib only for a chart
        from gpmi_stats.chart import chart as draw_chart

        image_format = CHART_FORMATS[chart.suffix.lower()]
        write_file(chart, draw_chart(figures, language, ocmw, image_format), f"chart ({image_format.upper()})")
    if output_format == "xlsx":
        from gpmi_stats.workbook import workbook

        assert out is not None  # --format xlsx needs --out (output_options)
        name = ocmw or ", ".join(sorted(str(code) for code in inputs.versions["ocmw_nis"].unique()))
        write_file(out, workbook(figures, language, name), "workbook")
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


_NO_EVALUATIONS: Translated = {
    "nl": "er is geen export van de evaluaties gegeven (--evaluations): de cijfers van de evaluaties zijn 0",
    "fr": "aucun export des évaluations n'a été donné (--evaluations) : les chiffres des évaluations sont 0",
}
