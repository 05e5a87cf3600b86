"""What the participation report warns about without refusing: abbreviations in a description, and one
activity entered under several categories of a measure (1.8); in the order of the rows, on standard error
and in the JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.annual_report.participation_cases import PARTICIPATION, line, loaded, shipped

ABBREVIATED = ': abbreviations are not accepted; describe the activity in full (e.g. "BMX" as "purchase of a bicycle")'


# Abbreviations


@pytest.mark.parametrize(
    ("description", "words"),
    [
        ("BMX", "BMX"),
        ("GWP-schoolreis", "GWP"),
        ("Fiets B.M.X. voor de sportclub", "B.M.X"),
        ("Fiets B.M.X voor de sportclub", "B.M.X"),
        ("Stage ÉTÉ", "ÉTÉ"),
        ("BMX en GWP", "BMX, GWP"),
    ],
)
def test_a_description_with_an_abbreviation_is_warned_about(tmp_path: Path, description: str, words: str) -> None:
    entered = loaded(tmp_path, line(description=description))
    assert [(item.row, item.column, item.message) for item in entered.warnings] == [
        (
            2,
            "description",
            f"{words}{ABBREVIATED}",
        )
    ]


@pytest.mark.parametrize(
    "description",
    [
        "Aankoop van een fiets voor de sportclub",
        "Informaticalessen georganiseerd door het OCMW",
        "Laptop 400 euro excl. BTW",
        "Gerecycleerde PC voor een gezin",
        "Daguitstap Zoo Antwerpen",
    ],
)
def test_words_and_abbreviations_everyone_knows_are_not_warned_about(tmp_path: Path, description: str) -> None:
    assert loaded(tmp_path, line(description=description)).warnings == []


def test_the_command_warns_on_stderr_computes_and_lists_the_warnings_in_json() -> None:
    result = shipped("--format", "json")
    assert result.exit_code == 0
    message = f"BMX{ABBREVIATED}"
    assert result.stderr == (
        f"waarschuwing: {PARTICIPATION / 'activities.csv'}, rij 7, kolom description: BMX: afkortingen worden niet "
        'aanvaard; beschrijf de activiteit voluit (bv. "BMX" als "aankoop van een fiets")\n'
    )
    assert shipped("--format", "json", "--lang", "fr").stderr == (
        f"avertissement : {PARTICIPATION / 'activities.csv'}, ligne 7, colonne description : BMX : les abréviations "
        "ne sont pas acceptées ; décrivez l'activité en entier (p. ex. « BMX » comme « achat d'un vélo »)\n"
    )
    assert json.loads(result.stdout)["warnings"] == [
        {"file": str(PARTICIPATION / "activities.csv"), "row": 7, "column": "description", "message": message}
    ]


# One activity under several categories (1.8)


def test_one_activity_under_two_categories_of_a_measure_is_warned_about_naming_its_rows(tmp_path: Path) -> None:
    rows = (
        line(category="events", description="Toegangstickets theater Arca")
        + line(category="associations", description="Lidgeld voetbalclub")
        + line(category="associations", description="  toegangstickets Théater, arca ")
        + line(category="events", description="Toegangstickets theater Arca")
    )
    warnings = loaded(tmp_path, rows).warnings
    assert [(item.row, item.column, item.message) for item in warnings] == [
        (
            2,
            "category",
            'rows 2 and 4-5 enter one activity ("Toegangstickets theater Arca") under events and associations; '
            "an activity belongs under one category only, even in doubt (1.8): keep it under one",
        )
    ]
    dutch = (
        'rij 2, kolom category: rijen 2 en 4-5 vermelden één activiteit ("Toegangstickets theater Arca") onder events '
        "en associations; een activiteit hoort onder één categorie, ook bij twijfel (1.8): behoud ze onder één"
    )
    assert warnings[0].format("nl").endswith(dutch)


def test_the_same_description_under_one_category_or_in_two_measures_is_not_warned_about(tmp_path: Path) -> None:
    rows = (
        line(category="ict", description="Laptop voor het leslokaal")
        + line(category="ict", description="Laptop voor het leslokaal")
        + line(measure="child_poverty", category="educational_material", description="Laptop voor het leslokaal")
    )
    assert loaded(tmp_path, rows).warnings == []


def test_warnings_come_in_the_order_of_the_rows(tmp_path: Path) -> None:
    rows = (
        line(category="events", description="Kamp") + line(description="BMX") + line(category="ict", description="kamp")
    )
    assert [(item.row, item.column) for item in loaded(tmp_path, rows).warnings] == [
        (2, "category"),
        (3, "description"),
    ]
