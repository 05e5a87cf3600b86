"""The words of the GPMI statistics (``gpmi_stats.labels``, ``tables``, ``render``): no two figures or tables
with the same label in either language, and the sentence on the folded versions agreeing with its number."""

from __future__ import annotations

import pytest

from gpmi_stats.labels import figure_rows
from gpmi_stats.render import folded_sentence
from gpmi_stats.tables import figure_tables
from ground.lang import Lang as StatsLang
from tests.spreadsheets import EXPECTED


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_no_two_figures_or_tables_have_the_same_label(lang: StatsLang) -> None:
    labels = [described.caption for described in figure_tables(EXPECTED, lang)]
    labels += [row.label for row in figure_rows(EXPECTED, lang)]
    assert len(set(labels)) == len(labels)


@pytest.mark.parametrize(
    ("removed", "lang", "sentence"),
    [
        (1, "nl", "3 versierijen gelezen; 1 versie werd samengevoegd met een andere versie van hetzelfde contract, "
                  "zodat elk van de 2 contracten één keer telt."),
        (1234, "nl", "3 versierijen gelezen; 1.234 versies werden samengevoegd met een andere versie van hetzelfde "
                     "contract, zodat elk van de 2 contracten één keer telt."),
        (2, "fr", "3 lignes de versions lues ; 2 versions ont été regroupées avec une autre version du même contrat, "
                  "pour que chacun des 2 contrats soit compté une fois."),
        (0, "nl", "3 versierijen gelezen; 0 versies werden samengevoegd met een andere versie van hetzelfde contract, "
                  "zodat elk van de 2 contracten één keer telt."),
        (0, "fr", "3 lignes de versions lues ; 0 version a été regroupée avec une autre version du même contrat, "
                  "pour que chacun des 2 contrats soit compté une fois."),  # French counts 0 as one
    ],
)  # fmt: skip
def test_the_folding_sentence_agrees_with_its_number(removed: int, lang: StatsLang, sentence: str) -> None:
    figures = {"versions": {"rows": 3, "contracts": 2, "duplicates_removed": removed}}
    assert folded_sentence(figures, lang) == sentence


@pytest.mark.parametrize(
    ("rows", "contracts", "lang", "sentence"),
    [
        (1, 1, "nl", "1 versierij gelezen; 0 versies werden samengevoegd met een andere versie van hetzelfde contract, "
                     "zodat 1 contract één keer telt."),
        (1, 1, "fr", "1 ligne de versions lue ; 0 version a été regroupée avec une autre version du même contrat, "
                     "pour que 1 contrat soit compté une fois."),
        (0, 0, "fr", "0 ligne de versions lue ; 0 version a été regroupée avec une autre version du même contrat, "
                     "pour que 0 contrat soit compté une fois."),
        (2, 1, "nl", "2 versierijen gelezen; 0 versies werden samengevoegd met een andere versie van hetzelfde "
                     "contract, zodat 1 contract één keer telt."),
    ],
)  # fmt: skip
def test_the_rows_and_contracts_of_the_folding_sentence_agree_with_their_numbers(
    rows: int, contracts: int, lang: StatsLang, sentence: str
) -> None:
    figures = {"versions": {"rows": rows, "contracts": contracts, "duplicates_removed": 0}}
    assert folded_sentence(figures, lang) == sentence
