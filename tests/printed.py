"""What a table printed for people must keep at any width: every number whole on one line, every
word whole, nothing cut, no line wider than the width."""

from __future__ import annotations

import re
from collections import Counter

from rich.cells import cell_len

VALUE = re.compile(
    r"-?\d{1,3}(?:[.\u202f]\d{3})*,\d{2} €"  # an amount with its sign: 16.270,00 €, 1 234,50 €
    r"|\d{1,3},\d %"  # a percentage: 51,7 %
    r"|\d{2}/\d{2}/\d{4}"  # a day: 01/12/2024
    r"|\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}"  # an INSZ: 92.02.14-162.06
    r"|\d{1,3}(?:[.\u202f]\d{3})+"  # a count in thousands: 1.753
)
NOT_A_WORD = re.compile(r"[\s│┃┏━┳┓┡╇┩└─┴┘┌┬┐├┼┤]+")


def values(text: str) -> Counter[str]:
    """The numbers of ``text`` that stand whole on a line, each as often as it does."""
    return Counter(value for line in text.splitlines() for value in VALUE.findall(line))


def words(text: str) -> set[str]:
    """The words of ``text``, without the borders of its tables (and the colon of a stacked row)."""
    return {word.rstrip(":") for word in NOT_A_WORD.split(text) if word.strip(":")}


def assert_fits(printed: str, wide: str, width: int) -> None:
    """``printed`` at ``width`` holds every number and word that ``wide`` (drawn without limit) does,
    whole, and fits the width."""
    assert values(wide), "the wide table has numbers to look for"
    assert "…" not in wide and "…" not in printed
    assert values(printed) == values(wide)
    assert words(printed) <= words(wide)
    assert max(map(cell_len, printed.splitlines())) <= width
