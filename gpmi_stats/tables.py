"""The figures as tables, section by section: the one description that the terminal table, the
workbook and the web page each lay out in their own way.

Each section has its table of figures; the beneficiaries add the table by gender and age band
(every gender and every band, an empty one as 0, so that the table has the same shape every year),
the social workers the table of each one's projects and beneficiaries."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from gpmi_stats.figures import Figures
from gpmi_stats.labels import FIGURES, GENDERS, SECTIONS, WORDS, age_label, by_gender_age, figure_rows
from gpmi_stats.measures import ALL_BANDS
from ground.lang import Lang


@dataclass(frozen=True)
class FigureTable:
    """A table: its section, its caption, its column headings, and its rows (a label, then numbers).
    ``first`` is the section's own table of figures; the others come after it."""

    section: str
    caption: str
    headings: tuple[str, ...]
    rows: list[tuple[str, *tuple[int | float, ...]]]
    first: bool


def figure_tables(figures: Figures, lang: Lang) -> Iterator[FigureTable]:
    rows = list(figure_rows(figures, lang))
    for section, names in SECTIONS.items():
        yield FigureTable(
            section,
            names[lang],
            (WORDS["figure"][lang], WORDS["value"][lang]),
            [(row.label, row.value) for row in rows if row.section == section and "." not in row.figure],
            first=True,
        )
        if section == "beneficiaries":
            yield _by_gender_age(figures, lang)
        elif section == "social_workers":
            yield _per_worker(figures, lang)


def _by_gender_age(figures: Figures, lang: Lang) -> FigureTable:
    counts = by_gender_age(figures)
    name = FIGURES["beneficiaries.by_gender_age"][lang]
    return FigureTable(
        "beneficiaries",
        name,
        (name, *(GENDERS[gender][lang] for gender in counts)),
        [(age_label(band, lang), *(bands[band] for bands in counts.values())) for band in ALL_BANDS],
        first=False,
    )


def _per_worker(figures: Figures, lang: Lang) -> FigureTable:
    workers = figures["social_workers"]
    return FigureTable(
        "social_workers",
        WORDS["per_worker"][lang],
        (WORDS["social_worker"][lang], SECTIONS["projects"][lang], SECTIONS["beneficiaries"][lang]),
        [(worker, count, workers["beneficiaries"].get(worker, 0)) for worker, count in workers["projects"].items()],
        first=False,
    )
