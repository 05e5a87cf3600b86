"""The chart for the annual report, read through matplotlib's own objects: counts on whole numbers
written as the language writes them, labels wrapped by whole words, the period as people write it,
X or unknown on its own, and a clear picture when there is nothing to show."""

from __future__ import annotations

import copy
import json
import re

import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from gpmi_stats.chart import WIDTH_INCHES, drawn
from gpmi_stats.figures import Figures
from gpmi_stats.labels import FIGURES, WORDS
from ground.lang import Lang
from tests.conftest import FIXTURES

FIGURES_2024: Figures = json.loads((FIXTURES / "gpmi" / "expected-2024.json").read_text())
WHOLE = {"nl": re.compile(r"\d{1,3}(\.\d{3})*"), "fr": re.compile(r"\d{1,3}(\u202f\d{3})*")}


def chart(figures: Figures, lang: Lang = "nl") -> tuple[Figure, dict[str, Axes]]:
    """The chart laid out as it is saved, and its panels by title."""
    figure = drawn(figures, lang, "OCMW Zele")
    figure.draw_without_rendering()
    return figure, {axes.get_title(): axes for axes in figure.axes}


def shown(labels: list[Text], limits: tuple[float, float], along: int) -> list[str]:
    """The texts of the tick labels drawn within ``limits`` (``along`` 0 for an x axis, 1 for a y axis)."""
    low, high = sorted(limits)
    return [label.get_text() for label in labels if label.get_text() and low <= label.get_position()[along] <= high]


def x_ticks(axes: Axes) -> list[str]:
    return shown(axes.get_xticklabels(), axes.get_xlim(), 0)


def count_ticks(panels: dict[str, Axes]) -> list[str]:
    """The tick labels of every axis of counts: the x axes (the pyramid's and the bars')."""
    return [text for axes in panels.values() for text in x_ticks(axes)]


@pytest.fixture(scope="module")
def chart_2024() -> tuple[Figure, dict[str, Axes]]:
    """The chart of the shipped export's 2024, drawn once for the tests that only read it."""
    return chart(FIGURES_2024)


def test_the_chart_is_as_wide_as_an_a4_pages_text(chart_2024: tuple[Figure, dict[str, Axes]]) -> None:
    figure, _ = chart_2024
    assert figure.get_figwidth() * 2.54 == pytest.approx(17)
    assert figure.get_figwidth() == WIDTH_INCHES


def test_counts_are_ticked_on_whole_numbers_only(chart_2024: tuple[Figure, dict[str, Axes]]) -> None:
    _, panels = chart_2024  # final evaluations of 2 and 0: matplotlib alone ticks 0.0 0.5 1.0 1.5
    ticks = count_ticks(panels)
    assert ticks and all(WHOLE["nl"].fullmatch(tick) for tick in ticks)
    assert x_ticks(panels[WORDS["chart_final"]["nl"]]) == ["0", "1", "2"]


@pytest.mark.parametrize(("lang", "thousand"), [("nl", "1.000"), ("fr", "1\u202f000")])
def test_counts_are_written_as_the_language_writes_numbers(lang: Lang, thousand: str) -> None:
    many = copy.deepcopy(FIGURES_2024)
    many["projects"].update(started=1753, running=1500, closed=1664)
    many["beneficiaries"]["by_gender_age"]["F"] = {"25-34": 1200}
    _, panels = chart(many, lang)
    ticks = count_ticks(panels)
    assert all(WHOLE[lang].fullmatch(tick) for tick in ticks)
    assert thousand in ticks
    counts = [text.get_text() for text in panels[WORDS["chart_projects"][lang]].texts]
    assert counts == [thousand.replace("000", "753"), thousand.replace("000", "500"), thousand.replace("000", "664")]


def test_the_womens_side_of_the_pyramid_is_ticked_without_minus_signs(
    chart_2024: tuple[Figure, dict[str, Axes]],
) -> None:
    _, panels = chart_2024
    ticks = x_ticks(panels[WORDS["chart_pyramid"]["nl"]])
    assert ticks == ticks[::-1] and "0" in ticks and not any(sign in tick for tick in ticks for sign in "-\u2212")


def test_x_or_unknown_has_a_panel_of_its_own_and_is_stacked_on_nobody(
    chart_2024: tuple[Figure, dict[str, Axes]],
) -> None:
    _, panels = chart_2024
    pyramid, other = panels[WORDS["chart_pyramid"]["nl"]], panels["X of onbekend"]
    bars = [patch for patch in pyramid.patches if isinstance(patch, Rectangle)]
    assert all(bar.get_x() == 0 for bar in bars)  # each bar starts on the middle line
    assert sorted(bar.get_width() for bar in bars if bar.get_width() > 0) == [1, 1, 1, 1]  # the men only
    assert [bar.get_width() for bar in other.patches] == [0, 0, 2, 0, 0, 0, 0, 0]  # 25-34: 2
    assert pyramid.get_xlim()[1] == other.get_xlim()[1]  # on the same scale


def test_labels_wrap_between_whole_words(chart_2024: tuple[Figure, dict[str, Axes]]) -> None:
    _, panels = chart_2024
    final = panels[WORDS["chart_final"]["nl"]]
    labels = shown(final.get_yticklabels(), final.get_ylim(), 1)
    expected = [FIGURES[f"final_evaluations.{key}"]["nl"] for key in ("reached", "partially_reached", "not_reached")]
    assert [" ".join(label.splitlines()) for label in labels] == expected
    assert "Doelstellingen\ngedeeltelijk bereikt" in labels


def test_the_title_gives_the_period_as_people_write_it(chart_2024: tuple[Figure, dict[str, Axes]]) -> None:
    figure, _ = chart_2024
    assert figure.get_suptitle() == "GPMI-statistieken 01/01/2024 - 31/12/2024 - OCMW Zele"


def test_a_period_without_anything_to_show_says_so_on_every_panel_without_a_scale() -> None:
    nothing = copy.deepcopy(FIGURES_2024)
    nothing["beneficiaries"]["by_gender_age"] = {}
    nothing["projects"].update(started=0, running=0, closed=0)
    nothing["final_evaluations"] = dict.fromkeys(nothing["final_evaluations"], 0)
    _, panels = chart(nothing)
    assert count_ticks(panels) == []
    said = [text.get_text() for axes in panels.values() for text in axes.texts]
    assert said.count(WORDS["chart_nothing"]["nl"]) == 3  # the pyramid, the projects, the final evaluations
    assert panels[WORDS["chart_pyramid"]["nl"]].get_xlim()[1] >= 1
