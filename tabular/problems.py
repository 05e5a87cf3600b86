"""What is wrong with an input table, where: file, row and column, in a sentence."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from ground.errors import InvalidInput
from ground.lang import Language
from ground.numbers import Counted, counted, written

SHEET = ", sheet "
"""Between a workbook's path and the sheet its table was read from, in a problem's ``file``."""
ROWS_SHOWN = 5
"""How many rows a warning about many rows names, before "and N more"."""


@dataclass(frozen=True, order=True)
class TableProblem:
    """One problem of an input file; ``row`` counts as a spreadsheet does (the header is row 1),
    ``None`` for a problem of the whole file; ``column`` is ``None`` for a problem of a whole row."""

    file: str
    row: int | None
    column: str | None
    message: str
    translated: tuple[tuple[Language, str], ...] = ()
    """The message in Dutch and French where it is written in them (the warnings are): (language, message)."""
    also: tuple[int, ...] = ()
    """The other rows, after ``row``, that have the very same problem (the same value wrong in the same
    column): one problem said once, with its rows."""

    @property
    def rows(self) -> tuple[int, ...]:
        """Every row the problem is on; none for a problem of the whole file."""
        return () if self.row is None else (self.row, *self.also)

    @classmethod
    def written(
        cls, file: str, row: int | None, column: str | None, message: Callable[[Language], str]
    ) -> TableProblem:
        """A problem whose ``message`` is written in English, Dutch and French."""
        return cls(file, row, column, message("en"), tuple((lang, message(lang)) for lang in ("nl", "fr")))

    def written_in(self, lang: Language) -> bool:
        return lang == "en" or lang in dict(self.translated)

    def format(self, lang: Language = "en") -> str:
        """Where and what, in ``lang`` when the message is written in it, else in English."""
        message = dict(self.translated).get(lang) if lang != "en" else None
        places = _PLACES[lang if message is not None else "en"]
        where = [self.file.replace(SHEET, places["sheet"])]
        if self.also:
            where.append(rows_named(self.rows, lang if message is not None else "en"))
        elif self.row is not None:
            where.append(places["row"].format(self.row))
        if self.column is not None:
            where.append(places["column"].format(self.column))
        return f"{', '.join(where)}{places['colon']}{message or self.message}"


_PLACES: dict[Language, dict[str, str]] = {
    "en": {"row": "row {}", "column": "column {}", "sheet": SHEET, "colon": ": "},
    "nl": {"row": "rij {}", "column": "kolom {}", "sheet": ", werkblad ", "colon": ": "},
    "fr": {"row": "ligne {}", "column": "colonne {}", "sheet": ", feuille ", "colon": " : "},
}


class InvalidFiles(InvalidInput):
    """The input files (tables, settings, mappings) have problems, each with its file, row and
    column; nothing is computed from them."""

    def __init__(self, problems: list[TableProblem]) -> None:
        self.problems = sorted(once_each(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.message))
        count = len(self.problems)
        super().__init__(f"{count} {'problem' if count == 1 else 'problems'} in the input")


def once_each(problems: list[TableProblem]) -> list[TableProblem]:
    """Each distinct problem once: the problems of one file and column that say the same, on several
    rows, become one problem with all its rows.

    >>> merged = once_each([TableProblem("v.csv", row, "kind", "'x' is wrong") for row in (9, 4, 7)])
    >>> [problem.format() for problem in merged]
    ["v.csv, rows 4, 7 and 9, column kind: 'x' is wrong"]
    """
    whole: dict[TableProblem, None] = {}  # a problem of the whole file, once
    rows: dict[TableProblem, set[int]] = {}
    for problem in problems:
        if problem.row is None:
            whole[problem] = None
        else:
            rows.setdefault(replace(problem, row=None, also=()), set()).update(problem.rows)
    merged = list(whole)
    for said, on in rows.items():
        first, *others = sorted(on)
        merged.append(replace(said, row=first, also=tuple(others)))
    return merged


def written_rows(rows: Sequence[int], lang: Language = "en") -> str:
    """The rows a warning concerns: a few, then how many more.

    >>> written_rows([4]), written_rows([3, 7, 12, 15, 20, 21, 30]), written_rows([3, 7], "fr")
    ('row 4', 'rows 3, 7, 12, 15, 20 and 2 more', 'lignes 3, 7')
    """
    shown = ", ".join(str(row) for row in rows[:ROWS_SHOWN])
    said = counted(ROWS, len(rows), lang, shown=shown)
    return said + (_MORE[lang].format(written(len(rows) - ROWS_SHOWN, lang)) if len(rows) > ROWS_SHOWN else "")


ROWS: Counted = {
    "en": ("row {shown}", "rows {shown}"),
    "nl": ("rij {shown}", "rijen {shown}"),
    "fr": ("ligne {shown}", "lignes {shown}"),
}
"""Rows named in a problem: ``shown`` the rows as written, the word in the form their count takes."""
AND: dict[Language, str] = {"en": "and", "nl": "en", "fr": "et"}
_MORE: dict[Language, str] = {"en": " and {} more", "nl": " en nog {}", "fr": " et {} de plus"}


def rows_named(numbers: Iterable[int], lang: Language = "en") -> str:
    """Rows as people name them: runs of consecutive rows as ranges.

    >>> rows_named([7]), rows_named([2, 3, 4, 13]), rows_named([5, 2, 3, 9, 10])
    ('row 7', 'rows 2-4 and 13', 'rows 2-3, 5 and 9-10')
    >>> rows_named([2, 3, 4, 13], "nl"), rows_named([7], "fr")
    ('rijen 2-4 en 13', 'ligne 7')
    """
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    named = [str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs]
    shown = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} {AND[lang]} {named[-1]}"
    return counted(ROWS, sum(len(run) for run in runs), lang, shown=shown)
