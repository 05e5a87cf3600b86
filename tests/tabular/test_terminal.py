"""Tables for people in a terminal (``tabular.terminal.FittedTable``): at any width every number and word
stands whole, the columns side by side while each longest word and number fits and stacked below that (each
row led by its label, a number with its heading), a heading over numbers whole before the labels get more
room, a number never split from its sign, and a table without headings."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from tabular.terminal import FittedTable
from tests.printed import assert_fits


def drawn(table: FittedTable, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(table)
    return console.file.getvalue()  # type: ignore[attr-defined]


AMOUNTS = FittedTable(
    [
        ["A. Bevorderen van maatschappelijke integratie", "17.000,00 €", "51,7 %"],
        ["  Toegang tot de nieuwe informatie- en communicatietechnologieën", "2.500,00 €", "6,7 %"],
        ["Totaal", "1 234 567,00 €", ""],
    ],
    header=["Luik / activiteit", "Toegewezen", "Mate van besteding"],
    numbers=[False, True, True],
    total=True,
)


@pytest.mark.parametrize("width", [200, 70, 60, 50, 40, 30])
def test_a_table_fits_any_width_with_its_numbers_whole(width: int) -> None:
    assert_fits(drawn(AMOUNTS, width), drawn(AMOUNTS, 200), width)


def test_the_columns_stand_side_by_side_while_each_longest_word_and_number_fits() -> None:
    # "communicatietechnologieën" (25 and its indent of 2), "1 234 567,00 €", "besteding", then the borders
    narrowest = 27 + 14 + 9 + 3 * 3 + 1
    assert "┃ Luik / activiteit" in drawn(AMOUNTS, narrowest)
    assert drawn(AMOUNTS, narrowest - 1).splitlines()[:7] == [
        "A. Bevorderen van maatschappelijke integratie",
        "  Toegewezen: 17.000,00 €",
        "  Mate van besteding: 51,7 %",
        "  Toegang tot de nieuwe informatie- en",
        "  communicatietechnologieën",
        "    Toegewezen: 2.500,00 €",
        "    Mate van besteding: 6,7 %",
    ]


def test_a_heading_over_numbers_gets_its_line_whole_before_the_labels_get_more_room() -> None:
    lines = drawn(AMOUNTS, 80).splitlines()
    assert "Mate van besteding ┃" in lines[1]
    assert "│   Toegang tot de nieuwe informatie- en" in lines[5]  # the indent kept on every line
    assert "│   communicatietechnologieën " in lines[6]


def test_a_stacked_row_leaves_out_the_columns_it_has_no_value_in() -> None:
    assert drawn(AMOUNTS, 30).splitlines()[-2:] == ["Totaal", "  Toegewezen: 1 234 567,00 €"]


def test_ten_percent_and_euro_500_are_not_split_from_their_number() -> None:
    label = FittedTable([["Forfait (deel van de 10 %, max. € 500 per persoon)", "11,9 %"]], numbers=[False, True])
    text = drawn(label, 24)
    assert "10 %," in text and "€ 500" in text


LIST = FittedTable(
    [["12", "OCMW Gent", "Ontvangen"], ["7", "CPAS de Liège", ""]],
    header=["ID", "Afgevend OCMW", "Status"],
    numbers=[True, False, False],
)


def test_a_stacked_row_led_by_a_number_gives_it_with_its_heading() -> None:
    assert drawn(LIST, 20).splitlines() == [
        "ID: 12",
        "  Afgevend OCMW:",
        "    OCMW Gent",
        "  Status: Ontvangen",
        "ID: 7",
        "  Afgevend OCMW:",
        "    CPAS de Liège",
    ]


def test_a_stacked_row_led_by_words_gives_them_alone() -> None:
    words = FittedTable([["Gent", "Ontvangen"]], header=["OCMW", "Status"])
    assert drawn(words, 19).splitlines() == ["Gent", "  Status: Ontvangen"]
    assert drawn(words, 20).splitlines()[3] == "│ Gent │ Ontvangen │"


def test_a_table_without_headings_shows_none_side_by_side_or_stacked() -> None:
    totals = FittedTable([["Verantwoord bedrag", "31.500,00 €", "12"]], numbers=[False, True, True])
    assert drawn(totals, 80).splitlines() == [
        "┌────────────────────┬─────────────┬────┐",
        "│ Verantwoord bedrag │ 31.500,00 € │ 12 │",
        "└────────────────────┴─────────────┴────┘",
    ]
    assert drawn(totals, 20).splitlines() == ["Verantwoord bedrag", "  31.500,00 €", "  12"]


def test_a_table_said_by_its_headings_gets_its_title_above_its_rows_only_when_stacked() -> None:
    pyramid = FittedTable(
        [["jonger dan 18", "0", "1"]],
        header=["Begunstigden per geslacht", "vrouw", "man"],
        numbers=[False, True, True],
        stacked_title="Begunstigden per geslacht",
    )
    assert drawn(pyramid, 25).splitlines() == [
        "Begunstigden per geslacht",
        "─────────────────────────",
        "jonger dan 18",
        "  vrouw: 0",
        "  man: 1",
    ]
    assert drawn(pyramid, 80).splitlines()[1] == "┃ Begunstigden per geslacht ┃ vrouw ┃ man ┃"
