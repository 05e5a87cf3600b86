"""A day as people type it: DD/MM/YYYY (and YYYY-MM-DD), a day that does not exist told apart
from one written in another shape."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from click.testing import CliRunner

from cli import main
from ground import days
from ground.errors import InvalidComponent, InvalidFormat


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("31/12/2026", dt.date(2026, 12, 31)),
        ("1/3/2026", dt.date(2026, 3, 1)),
        (" 01/03/2026 ", dt.date(2026, 3, 1)),
        ("2026-03-01", dt.date(2026, 3, 1)),
        ("29/02/2024", dt.date(2024, 2, 29)),
    ],
)
def test_days_written_as_people_and_exports_write_them_are_read(text: str, day: dt.date) -> None:
    assert days.validate(text) == day
    assert days.is_valid(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("29/02/2025", "29/02/2025 does not exist: February 2025 has 28 days"),
        ("31/04/2026", "31/04/2026 does not exist: April 2026 has 30 days"),
        ("00/01/2026", "00/01/2026 does not exist: January 2026 has 31 days"),
        ("01/13/2026", "01/13/2026 does not exist: there is no month 13; months go from 1 to 12"),
        ("2026-02-30", "2026-02-30 does not exist: February 2026 has 28 days"),
    ],
)
def test_a_day_that_does_not_exist_says_why(text: str, message: str) -> None:
    with pytest.raises(InvalidComponent, match=f"^{re.escape(message)}$"):
        days.validate(text)
    assert not days.is_valid(text)


@pytest.mark.parametrize("text", ["31-12-2026", "2026/12/31", "31/12/26", "", "morgen", "٣١/١٢/٢٠٢٦", "31/12/2026T"])
def test_a_day_in_another_shape_says_how_to_write_it(text: str) -> None:
    with pytest.raises(InvalidFormat, match=r"is not a day: write it as DD/MM/YYYY, such as 31/12/2026$"):
        days.validate(text)


def test_a_day_is_written_out_dd_mm_yyyy() -> None:
    assert days.format(dt.date(2026, 3, 1)) == "01/03/2026"


@pytest.mark.parametrize(
    "command",
    [
        ("stats", "--versions", "README.md", "--from", "{}", "--to", "31/12/2026"),
        ("consent", "record", "--ssin", "92021416206", "--granted", "ja", "--to", "31/12/2026", "--from", "{}"),
    ],
)
def test_every_command_reads_days_the_same_way(command: tuple[str, ...]) -> None:
    for text, said in (("31/02/2026", "does not exist"), ("2026/02/01", "write it as DD/MM/YYYY")):
        result = CliRunner().invoke(main, [part.format(text) for part in command])
        assert result.exit_code == 2
        assert "Invalid value for '--from'" in result.stderr and said in result.stderr


@pytest.mark.parametrize("command", [("stats",), ("consent", "record"), ("gpmi", "add-version"), ("esv", "request")])
def test_help_says_how_to_write_a_day(command: tuple[str, ...]) -> None:
    help_text = CliRunner().invoke(main, [*command, "--help"]).output
    assert "DD/MM/YYYY" in help_text
    assert "%Y" not in help_text
