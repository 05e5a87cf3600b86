"""The figures for people and programs: a terminal table, the specification's JSON, and CSV."""

from __future__ import annotations

import csv
import io
import json

from rich.console import Group, RenderableType
from rich.text import Text

from gpmi_stats.figures import Figures
from gpmi_stats.labels import WORDS, figure_rows, written_period
from gpmi_stats.tables import figure_tables
from ground import numbers
from ground.lang import Lang
from tabular.terminal import FittedTable


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


FOLDED: numbers.Counted = {
    "nl": ("{n} versie werd", "{n} versies werden"),
    "fr": ("{n} version a été regroupée", "{n} versions ont été regroupées"),
}
"""How many versions were folded into the contracts they belong to, in the form the number takes."""
ROWS_READ: numbers.Counted = {
    "nl": ("{n} versierij gelezen", "{n} versierijen gelezen"),
    "fr": ("{n} ligne de versions lue", "{n} lignes de versions lues"),
}
EACH_CONTRACT_ONCE: numbers.Counted = {
    "nl": ("{n} contract één keer telt", "elk van de {n} contracten één keer telt"),
    "fr": ("{n} contrat soit compté une fois", "chacun des {n} contrats soit compté une fois"),
}


def folded_sentence(figures: Figures, lang: Lang) -> str:
    """The one sentence saying how many version rows were folded into one contract."""
    versions = figures["versions"]
    return WORDS["folded"][lang].format(
        rows=numbers.counted(ROWS_READ, versions["rows"], lang),
        removed=numbers.counted(FOLDED, versions["duplicates_removed"], lang),
        contracts=numbers.counted(EACH_CONTRACT_ONCE, versions["contracts"], lang),
    )


def table(figures: Figures, lang: Lang, ocmw: str | None = None) -> RenderableType:
    """The figures as a person reads them in the terminal, section by section: a section's own table
    under its title, the others with their column headings."""
    title = f"{WORDS['title'][lang]} - {WORDS['period'][lang]} {written_period(figures)}"
    parts: list[RenderableType] = [Text(title + (f" - {ocmw}" if ocmw else ""), style="bold")]
    for described in figure_tables(figures, lang):
        parts.append(
            FittedTable(
                [[label, *(numbers.written(value, lang) for value in values)] for label, *values in described.rows],
                header=None if described.first else described.headings,
                title=described.caption if described.first else None,
                numbers=[False, *(True for _ in described.headings[1:])],
                stacked_title=None if described.first else described.caption,
            )
        )
    parts.append(Text(folded_sentence(figures, lang), style="italic"))
    return Group(*parts)
