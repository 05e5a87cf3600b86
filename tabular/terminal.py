"""Tables for the terminal and for text files, laid out for the width they are drawn in.

A number, an amount with its euro sign, a percentage with its sign, a day or an INSZ is never cut,
folded or split over two lines; text wraps by whole words. When the columns cannot stand side by
side in the width, each row is stacked instead: its label on a line of its own, then a line per
column, ``heading: value``.

>>> from rich.console import Console
>>> table = FittedTable([["Verantwoord bedrag", "31.500,00 €", "12"]], header=["", "Bedrag", "Personen"],
...                     numbers=[False, True, True])
>>> Console(width=50).print(table)
┏━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━┳━━━━━━━━━━┓
┃                    ┃      Bedrag ┃ Personen ┃
┡━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━━┩
│ Verantwoord bedrag │ 31.500,00 € │       12 │
└────────────────────┴─────────────┴──────────┘
>>> Console(width=30).print(table)
Verantwoord bedrag
  Bedrag: 31.500,00 €
  Personen: 12
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.table import Table
from rich.text import Text

_HELD_TOGETHER = re.compile(r"(?<=\d) (?=[\d%€])|(?<=€) (?=\d)")
"""The spaces inside a number and between a number and its sign: 1 234, 12,50 €, 10 %, € 500."""
_NO_BREAK = "\u00a0"
_INDENT = "  "
"""Before the ``heading: value`` lines of a stacked row, under the row's label."""


def _columns_width(count: int) -> int:
    """What a table of ``count`` columns draws besides its cells: a border on each side of every
    column and a space of padding on each side of every cell."""
    return 3 * count + 1


def _indent(text: str) -> str:
    """The spaces ``text`` begins with: an activity under its part is indented, on every line."""
    return text[: len(text) - len(text.lstrip(" "))]


def _narrowest(text: str) -> int:
    """The narrowest ``text`` can be wrapped: its indent and longest word, a number with its sign one
    word."""
    return len(_indent(text)) + max(map(cell_len, _HELD_TOGETHER.sub(_NO_BREAK, text).split(" ")))


def _wrapped(text: str, width: int, first: str = "", then: str = "", style: str = "") -> Text:
    """``text`` wrapped by whole words into ``width`` cells, its first line after ``first`` and the
    others after ``then`` (by default the spaces it begins with); a number is never split from its
    sign, and a word longer than the width stays whole."""
    indent = _indent(text)
    held = _HELD_TOGETHER.sub(_NO_BREAK, text[len(indent) :])
    lines = textwrap.wrap(
        held,
        width,
        initial_indent=first or indent,
        subsequent_indent=then or indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return Text("\n".join(lines).replace(_NO_BREAK, " "), style=style)


def _spread(narrowest: list[int], widest: list[int], wraps: list[bool], room: int) -> list[int]:
    """Column widths within ``room``, each at least its narrowest. The room left goes to the columns
    in the order of how little more they need to be as wide as they would like: a number column's
    heading gets its line only when it can have it whole, a column of words (``wraps``) takes what
    there is, and the widest texts take the rest."""
    widths = list(narrowest)
    spare = room - sum(narrowest)
    for index in sorted(range(len(widths)), key=lambda index: widest[index] - narrowest[index]):
        wanted = widest[index] - narrowest[index]
        more = wanted if wanted <= spare else spare if wraps[index] else 0
        widths[index] += more
        spare -= more
    return widths


@dataclass(frozen=True)
class Sentence:
    """A text wrapped by whole words in the width it is drawn in: a number is never split from its
    sign, nor cut where its thousands are grouped (``1 767,34 €``, with the narrow space French takes)."""

    text: str
    style: str = ""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield _wrapped(self.text, options.max_width, style=self.style)


@dataclass(frozen=True)
class FittedTable:
    """A table of texts (numbers already written for people), drawn in the width it is given.

    ``numbers`` says which columns hold numbers, aligned right; with ``total`` the last row is a total,
    in bold. Without ``header`` the table shows no column headings."""

    rows: Sequence[Sequence[str]]
    header: Sequence[str] | None = None
    title: str | None = None
    numbers: Sequence[bool] = ()
    total: bool = False
    stacked_title: str | None = None
    """The title of a table whose headings say what it shows side by side ("Beneficiaries by gender
    and age" over the ages), shown above its rows when they are stacked and the headings are not."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        count = len(self.header) if self.header is not None else max(map(len, self.rows), default=0)
        if count == 0:
            return
        narrowest = [max(map(_narrowest, self._column(index))) for index in range(count)]
        side_by_side = sum(narrowest) + _columns_width(count) <= options.max_width
        title = self.title if side_by_side else self.title or self.stacked_title
        if title:  # above the table, wrapped by words in the whole width, whatever the table's
            yield _wrapped(title, options.max_width, style="bold")
            if not side_by_side:
                yield Text("─" * min(cell_len(title), options.max_width))
        if side_by_side:
            widest = [max(map(cell_len, self._column(index))) for index in range(count)]
            wraps = [not self._right(index) for index in range(count)]
            yield self._side_by_side(_spread(narrowest, widest, wraps, options.max_width - _columns_width(count)))
        else:
            yield self._stacked(options.max_width, count)

    def _column(self, index: int) -> list[str]:
        heading = [self.header[index]] if self.header is not None else []
        return [*heading, *(row[index] for row in self.rows)]

    def _right(self, index: int) -> bool:
        return index < len(self.numbers) and self.numbers[index]

    def _bold(self, number: int) -> str | None:
        return "bold" if self.total and number == len(self.rows) - 1 else None

    def _side_by_side(self, widths: list[int]) -> Table:
        table = Table(show_header=self.header is not None)
        for index, width in enumerate(widths):
            heading = _wrapped(self.header[index], width) if self.header is not None else ""
            # The cells come wrapped to the column's width: Rich must neither wrap nor cut them again.
            table.add_column(heading, justify="right" if self._right(index) else "left", width=width, no_wrap=True)
        for number, row in enumerate(self.rows):
            table.add_row(
                *(_wrapped(cell, width) for cell, width in zip(row, widths, strict=True)), style=self._bold(number)
            )
        return table

    def _stacked(self, width: int, count: int) -> Group:
        """Each row as its label, then a line per other column that has a value: ``heading: value``. A
        label that is a number (a list's ID) is given with its heading, ``ID: 12``."""
        headings = list(self.header[1:]) if self.header is not None else [""] * (count - 1)
        lines: list[Text] = []
        for number, (label, *values) in enumerate(self.rows):
            named = f"{self.header[0]}: {label}" if self.header is not None and self._right(0) else label
            lines.append(_wrapped(named, width, style="bold"))
            indent = _indent(label) + _INDENT
            for heading, value in zip(headings, values, strict=True):
                if value:
                    text = f"{heading}: {value}" if heading else value
                    lines.append(_wrapped(text, width, indent, indent + _INDENT, style=self._bold(number) or ""))
        return Group(*lines)
