"""What people get from the statistics and the reports: tables in a terminal, a file or a pipe that
at 80 and 120 columns (and any other width) cut or split no number and no word, stacking what does
not fit side by side; JSON that ends its last line; a line saying which file was written; workbook
sheets whose names Excel keeps."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook
from rich.console import Console

from cli import main
from tabular.terminal import FittedTable
from tests.conftest import FIXTURES
from tests.printed import assert_fits

REPORTS = FIXTURES / "annual_report"
COMMANDS = {
    "participation": ("report", "participation", "--activities", REPORTS / "participation" / "activities.csv",
                      "--settings", REPORTS / "participation" / "participation.toml"),
    "psa": ("report", "psa", "--activities", REPORTS / "psa" / "activities.csv",
            "--settings", REPORTS / "psa" / "psa.toml"),
    "cluster": ("report", "cluster", "--costs", REPORTS / "cluster" / "costs.csv",
                "--settings", REPORTS / "cluster" / "cluster.toml"),
    "stats": ("stats", "--versions", FIXTURES / "gpmi" / "versions.csv",
              "--evaluations", FIXTURES / "gpmi" / "evaluations.csv", "--year", "2024"),
}  # fmt: skip
WIDE = "400"


def run(command: str, *options: str | Path, env: dict[str, str] | None = None) -> Result:
    result = CliRunner(env=env).invoke(main, [str(part) for part in (*COMMANDS[command], *options)])
    assert result.exit_code == 0, result.output
    return result


def printed(width: str, command: str, lang: str) -> str:
    """What ``command`` writes to a pipe when ``COLUMNS`` is ``width``."""
    return run(command, "--lang", lang, env={"COLUMNS": width}).stdout


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("lang", ["nl", "fr"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_number_and_word_of_a_report_stands_whole_at_80_and_120_columns(
    command: str, lang: str, width: int
) -> None:
    assert_fits(printed(str(width), command, lang), printed(WIDE, command, lang), width)


def test_a_table_sent_to_a_file_is_the_table_sent_to_a_pipe_120_columns_wide(tmp_path: Path) -> None:
    out = tmp_path / "psa.txt"
    assert run("psa", "--out", out).stderr == f"table written to {out}\n"
    piped = run("psa").stdout
    assert out.read_text(encoding="utf-8") == piped
    assert max(map(len, piped.splitlines())) == 120


@pytest.mark.parametrize("command", list(COMMANDS))
def test_json_ends_its_last_line_on_the_terminal_and_in_a_file(command: str, tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    printed = run(command, "--format", "json").stdout
    assert run(command, "--format", "json", "--out", out).stderr.endswith(f"JSON written to {out}\n")
    for text in (printed, out.read_text(encoding="utf-8")):
        assert text.endswith("}\n") and not text.endswith("\n\n")
        json.loads(text)


@pytest.mark.parametrize("lang", ["nl", "fr"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_workbook_names_its_sheets_within_excels_31_characters_and_says_it_was_written(
    command: str, lang: str, tmp_path: Path
) -> None:
    out = tmp_path / "report.xlsx"
    result = run(command, "--format", "xlsx", "--out", out, "--lang", lang)
    assert result.stderr.endswith(f"workbook written to {out}\n")
    book = load_workbook(out)
    for sheet in book.worksheets:
        name, title = sheet.title, str(sheet["A1"].value)
        assert 0 < len(name) <= 31 and name == name.strip()
        assert not title.startswith(name), "a name of its own, not the title cut short"
    assert len(set(book.sheetnames)) == len(book.sheetnames)


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
