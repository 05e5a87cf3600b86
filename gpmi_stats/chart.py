"""The charts for the annual report: the gender x age pyramid (women left, men right, X or unknown
beside it on its own), the started / running / closed projects and the outcome of each contract's
latest final evaluation, on one page as wide as an A4 page's text (17 cm).

Made to be read in print at that size, also in black and white: large enough type, hatching, counts
on whole numbers written as the language writes them, labels wrapped by whole words, the period as
01/01/2024 - 31/12/2024, and a panel with nothing to show says so instead of drawing an empty scale.
"""

from __future__ import annotations

import io
import textwrap

from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullLocator

from gpmi_stats.figures import Figures
from gpmi_stats.labels import FIGURES, GENDERS, WORDS, age_label, by_gender_age, written_period
from gpmi_stats.measures import ALL_BANDS
from ground import numbers
from ground.lang import Lang

CHART_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
"""The formats a chart is written in, by the suffix of its file."""
WIDTH_INCHES = 17 / 2.54
"""The width of an A4 page's text, at which the chart is printed."""
DPI = 200
FONT_SIZE = 8.5
LABEL_CHARACTERS = 24
"""The longest line of a bar's label, in characters; a longer label wraps by whole words."""
WOMEN, MEN, OTHER = "F", "M", "X"


def chart(figures: Figures, lang: Lang, ocmw: str | None = None, image_format: str = "png") -> bytes:
    """The chart's bytes, in ``image_format`` (one of ``CHART_FORMATS``)."""
    buffer = io.BytesIO()
    drawn(figures, lang, ocmw).savefig(buffer, format=image_format, dpi=DPI)
    return buffer.getvalue()


def drawn(figures: Figures, lang: Lang, ocmw: str | None = None) -> Figure:
    """The chart as a matplotlib figure (a ``Figure`` of its own, not pyplot's: the web pages draw
    charts in several threads at once)."""
    figure = Figure(figsize=(WIDTH_INCHES, WIDTH_INCHES * 1.2), layout="constrained")
    grid = figure.add_gridspec(3, 3, height_ratios=[2.4, 1, 1])
    pyramid = figure.add_subplot(grid[0, :2])
    _pyramid(pyramid, figure.add_subplot(grid[0, 2], sharey=pyramid), figures, lang)
    _bars(
        figure.add_subplot(grid[1, :]),
        WORDS["chart_projects"][lang],
        {FIGURES[f"projects.{key}"][lang]: figures["projects"][key] for key in ("started", "running", "closed")},
        lang,
    )
    _bars(
        figure.add_subplot(grid[2, :]),
        WORDS["chart_final"][lang],
        {FIGURES[f"final_evaluations.{key}"][lang]: value for key, value in figures["final_evaluations"].items()},
        lang,
    )
    title = f"{WORDS['title'][lang]} {written_period(figures)}" + (f" - {ocmw}" if ocmw else "")
    wrapped = textwrap.fill(title, 70, break_long_words=False, break_on_hyphens=False)
    figure.suptitle(wrapped, fontsize=FONT_SIZE + 3, fontweight="bold")
    return figure


def _pyramid(axes: Axes, other: Axes, figures: Figures, lang: Lang) -> None:
    """Women to the left of the middle line, men to the right; X or unknown in a panel of its own on
    the same scale, never stacked on either."""
    counts = by_gender_age(figures)
    positions = range(len(ALL_BANDS))
    women, men, unknown = ([counts[gender][band] for band in ALL_BANDS] for gender in (WOMEN, MEN, OTHER))
    axes.barh(positions, [-count for count in women], color="0.35", edgecolor="black", label=GENDERS[WOMEN][lang])
    axes.barh(positions, men, color="0.8", hatch="//", edgecolor="black", label=GENDERS[MEN][lang])
    other.barh(positions, unknown, color="white", hatch="..", edgecolor="black")
    axes.set_yticks(list(positions), [age_label(band, lang) for band in ALL_BANDS], fontsize=FONT_SIZE)
    limit = max([*women, *men, *unknown, 1]) * 1.15
    axes.set_xlim(-limit, limit)
    other.set_xlim(0, limit)
    axes.axvline(0, color="black", linewidth=0.8)
    axes.set_title(WORDS["chart_pyramid"][lang], fontsize=FONT_SIZE + 1, fontweight="bold")
    other.set_title(GENDERS[OTHER][lang], fontsize=FONT_SIZE + 1, fontweight="bold")
    other.tick_params(axis="y", left=False, labelleft=False)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncols=2, fontsize=FONT_SIZE, frameon=False)
    shown = any([*women, *men, *unknown])
    _count_ticks(axes.xaxis, shown, lang)
    _count_ticks(other.xaxis, shown, lang)
    if not shown:
        _say_nothing(axes, lang)


def _bars(axes: Axes, title: str, values: dict[str, int], lang: Lang) -> None:
    """Horizontal bars, the first at the top, each labelled with its count."""
    counts = list(values.values())
    positions = range(len(values))
    bars = axes.barh(positions, counts, height=0.6, color="0.6", edgecolor="black", hatch="\\\\")
    axes.bar_label(bars, [numbers.written(count, lang) for count in counts], padding=3, fontsize=FONT_SIZE)
    labels = [textwrap.fill(name, LABEL_CHARACTERS, break_long_words=False, break_on_hyphens=False) for name in values]
    axes.set_yticks(list(positions), labels, fontsize=FONT_SIZE)
    axes.invert_yaxis()
    axes.set_title(title, fontsize=FONT_SIZE + 1, fontweight="bold")
    axes.set_xlim(0, max([*counts, 1]) * 1.1)
    _count_ticks(axes.xaxis, any(counts), lang)
    if not any(counts):
        _say_nothing(axes, lang)


def _count_ticks(axis: Axis, shown: bool, lang: Lang) -> None:
    """The ticks of an axis of counts: on whole numbers only, written as ``lang`` writes them (1.000
    in Dutch), the pyramid's women's side without minus sign; none on a panel with nothing to show."""
    axis.set_tick_params(labelsize=FONT_SIZE)
    if not shown:
        axis.set_major_locator(NullLocator())
        return
    axis.set_major_locator(MaxNLocator(nbins="auto", integer=True, min_n_ticks=1))
    axis.set_major_formatter(FuncFormatter(lambda value, _: numbers.written(round(abs(value)), lang)))


def _say_nothing(axes: Axes, lang: Lang) -> None:
    """In the middle of a panel whose counts are all 0: that there is nothing to show."""
    axes.text(0.5, 0.5, WORDS["chart_nothing"][lang], transform=axes.transAxes, ha="center", va="center",
              fontsize=FONT_SIZE, bbox={"facecolor": "white", "edgecolor": "0.6"})  # fmt: skip
