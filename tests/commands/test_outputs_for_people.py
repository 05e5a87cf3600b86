"""What people get from the statistics and the reports: tables in a terminal, a file or a pipe that at 80
and 120 columns cut or split no number and no word; JSON that ends its last line; a line saying which
file was written; workbook sheets whose names Excel keeps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from cli import main
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
