"""The figures for people and programs: a terminal table, the specification's JSON, and CSV."""

from __future__ import annotations

import csv
import io
import json

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from gpmi_stats.figures import Figures
from gpmi_stats.labels import FIGURES, GENDERS, SECTIONS, WORDS, Lang, age_label, figure_rows
from gpmi_stats.measures import ALL_BANDS
from tabular.numbers import written_number


def to_json(figures: Figures) -> str:
    """Exactly the shape of the specification."""
    return json.dumps(figures, ensure_ascii=False, indent=2) + "\n"


def to_csv(figures: Figures, lang: Lang) -> str:
    """One row per figure: section, figure, value, label."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["section", "figure", "value", "label"])
    for row in figure_rows(figures, lang):
        writer.writerow([row.section, row.figure, row.value, row.label])
    return buffer.getvalue()


def folded_sentence(figures: Figures, lang: Lang) -> str:
    """The one sentence saying how many version rows were folded into one contract."""
    versions = figures["versions"]
    removed = versions["duplicates_removed"]
    words = WORDS["version_folded" if removed == 1 else "versions_folded"][lang]
    return WORDS["folded"][lang].format(
        rows=written_number(versions["rows"], lang),
        removed=f"{written_number(removed, lang)} {words}",
        contracts=written_number(versions["contracts"], lang),
    )


def table(figures: Figures, lang: Lang, ocmw: str | None = None) -> RenderableType:
    """The figures as a person reads them in the terminal, section by section."""
    period = figures["period"]
    title = f"{WORDS['title'][lang]} - {WORDS['period'][lang]} {period['from']} - {period['to']}"
    parts: list[RenderableType] = [Text(title + (f" - {ocmw}" if ocmw else ""), style="bold")]
    rows = list(figure_rows(figures, lang))
    for section, names in SECTIONS.items():
        scalars = _titled(names[lang])
        scalars.add_column(WORDS["figure"][lang])
        scalars.add_column(WORDS["value"][lang], justify="right")
        for row in rows:
            if row.section == section and "." not in row.figure:
                scalars.add_row(row.label, written_number(row.value, lang))
        parts.append(scalars)
        if section == "beneficiaries":
            parts.append(pyramid(figures, lang))
        elif section == "social_workers":
            parts.append(per_worker(figures, lang))
    parts.append(Text(folded_sentence(figures, lang), style="italic"))
    return Group(*parts)


def _titled(title: str | None = None) -> Table:
    return Table(title=title, title_justify="left", title_style="bold", show_header=title is None)


def pyramid(figures: Figures, lang: Lang) -> Table:
    """Beneficiaries by gender (columns) and age band (rows)."""
    counts = figures["beneficiaries"]["by_gender_age"]
    genders = [gender for gender in GENDERS if gender in counts]
    result = _titled()
    result.add_column(FIGURES["beneficiaries.by_gender_age"][lang])
    for gender in genders:
        result.add_column(GENDERS[gender][lang], justify="right")
    for band in ALL_BANDS:
        if any(counts[gender].get(band) for gender in genders):
            result.add_row(
                age_label(band, lang), *(written_number(counts[gender].get(band, 0), lang) for gender in genders)
            )
    return result


def per_worker(figures: Figures, lang: Lang) -> Table:
    """Projects and beneficiaries of each social worker."""
    workers = figures["social_workers"]
    result = _titled()
    result.add_column(WORDS["social_worker"][lang])
    result.add_column(SECTIONS["projects"][lang], justify="right")
    result.add_column(SECTIONS["beneficiaries"][lang], justify="right")
    for worker, count in workers["projects"].items():
        result.add_row(
            worker, written_number(count, lang), written_number(workers["beneficiaries"].get(worker, 0), lang)
        )
    return result
