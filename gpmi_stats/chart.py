"""A PNG for the annual report: the gender x age pyramid, the started / running / closed projects
and the outcomes of the final evaluations. Large type and hatching, so it reads when printed in
black and white."""

from __future__ import annotations

import io
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from gpmi_stats.figures import Figures
from gpmi_stats.labels import FIGURES, GENDERS, WORDS, Lang, age_label
from gpmi_stats.measures import ALL_BANDS

DPI = 200


def chart(figures: Figures, lang: Lang, ocmw: str | None = None) -> bytes:
    """The PNG's bytes."""
    plt.rcParams.update({"font.size": 12})
    figure, (pyramid, projects, finals) = plt.subplots(1, 3, figsize=(16, 6.5), gridspec_kw={"width_ratios": [2, 1, 1]})
    _pyramid(pyramid, figures, lang)
    _bars(
        projects,
        WORDS["chart_projects"][lang],
        {FIGURES[f"projects.{key}"][lang]: figures["projects"][key] for key in ("started", "running", "closed")},
    )
    _bars(
        finals,
        WORDS["chart_final"][lang],
        {FIGURES[f"final_evaluations.{key}"][lang]: value for key, value in figures["final_evaluations"].items()},
    )
    period = figures["period"]
    title = f"{WORDS['title'][lang]} {period['from']} - {period['to']}" + (f" - {ocmw}" if ocmw else "")
    figure.suptitle(title, fontsize=16, fontweight="bold")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    plt.close(figure)
    return buffer.getvalue()


def _pyramid(axes: Axes, figures: Figures, lang: Lang) -> None:
    counts = figures["beneficiaries"]["by_gender_age"]
    bands = list(ALL_BANDS)
    positions = range(len(bands))
    women = [counts.get("F", {}).get(band, 0) for band in bands]
    men = [counts.get("M", {}).get(band, 0) for band in bands]
    other = [counts.get("X", {}).get(band, 0) for band in bands]
    axes.barh(positions, [-value for value in women], color="0.35", label=GENDERS["F"][lang])
    axes.barh(positions, men, color="0.75", hatch="//", edgecolor="black", label=GENDERS["M"][lang])
    if any(other):
        axes.barh(positions, other, left=men, color="white", hatch="..", edgecolor="black", label=GENDERS["X"][lang])
    axes.set_yticks(list(positions), [age_label(band, lang) for band in bands])
    limit = max([*women, *(m + x for m, x in zip(men, other, strict=True)), 1])
    axes.set_xlim(-limit * 1.15, limit * 1.15)
    axes.xaxis.set_major_formatter(lambda value, _: f"{abs(int(value))}")
    axes.axvline(0, color="black", linewidth=0.8)
    axes.set_title(WORDS["chart_pyramid"][lang], fontweight="bold")
    axes.legend(loc="lower right")


def _bars(axes: Axes, title: str, values: dict[str, int]) -> None:
    names = list(values)
    bars = axes.bar(range(len(names)), list(values.values()), color="0.6", edgecolor="black", hatch="\\\\")
    axes.bar_label(bars, padding=3)
    axes.set_xticks(range(len(names)), [textwrap.fill(name, 13) for name in names], fontsize=10)
    axes.set_title(title, fontweight="bold")
    axes.margins(y=0.15)
