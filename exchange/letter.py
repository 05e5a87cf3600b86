"""The letter an OCMW hands to a person who asked which of their data it asked for, disclosed,
refused or viewed (article 15 of the GDPR): an A4 PDF in Dutch or French, days written DD/MM/YYYY,
the history as a table that goes on over as many pages as it needs, its heading on each.

Drawn with matplotlib's PDF backend (a ``Figure`` per page, never pyplot's: the web pages make
letters in several threads at once); text is wrapped by whole words to the width it is measured at."""

from __future__ import annotations

import datetime as dt
import functools
import io
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.textpath import text_to_path

from exchange.consultations import HEADINGS, History, rows
from ground import days
from ground import ssin as ssin_number
from ground.lang import Lang, Translated

PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0
"""A4, in points."""
MARGIN = 57.0
"""Two centimetres, in points."""
TEXT_SIZE, TABLE_SIZE = 10.0, 8.0
LEADING = 1.3
"""The height of a line, in sizes of its type."""
COLUMNS = (("at", 0.16), ("what", 0.25), ("ocmw", 0.22), ("details", 0.37))
"""The table's columns and their share of the width between the margins."""
CELL_PADDING = 4.0
FONT_FAMILY = "DejaVu Sans"
"""Shipped with matplotlib: every letter of Dutch and French, on every machine."""

WORDS: dict[str, Translated] = {
    "title": {"nl": "Overzicht van de raadplegingen van uw gegevens", "fr": "Relevé des consultations de vos données"},
    "concerns": {"nl": "Betreft: {}", "fr": "Concerne : {}"},
    "insz": {"nl": "INSZ {}", "fr": "NISS {}"},
    "period": {"nl": "Periode: {}", "fr": "Période : {}"},
    "between": {"nl": "van {} tot en met {}", "fr": "du {} au {}"},
    "since": {"nl": "vanaf {}", "fr": "à partir du {}"},
    "until": {"nl": "tot en met {}", "fr": "jusqu'au {}"},
    "always": {"nl": "alle bewaarde raadplegingen", "fr": "toutes les consultations conservées"},
    "intro": {
        "nl": "U vroeg welke gegevens over u werden opgevraagd, aan wie ze werden meegedeeld en wie ze inkeek "
        "(artikel 15 van de Algemene Verordening Gegevensbescherming). Hieronder staat elke keer dat {} uw "
        "sociaal verslag aan een ander OCMW vroeg, het een ander OCMW meedeelde of weigerde, of het inkeek, "
        "zoals het auditlogboek het bewaart. Medewerkers worden niet bij naam genoemd.",
        "fr": "Vous avez demandé quelles données vous concernant ont été demandées, à qui elles ont été "
        "communiquées et qui les a consultées (article 15 du règlement général sur la protection des données). "
        "Voici chaque fois que {} a demandé votre rapport social à un autre CPAS, l'a communiqué à un autre CPAS "
        "ou a refusé de le faire, ou l'a consulté, tel que le journal d'audit le conserve. Les membres du "
        "personnel ne sont pas nommés.",
    },
    "nothing": {
        "nl": "In deze periode werden geen gegevens over u opgevraagd, meegedeeld of ingekeken.",
        "fr": "Aucune donnée vous concernant n'a été demandée, communiquée ou consultée pendant cette période.",
    },
    "questions": {
        "nl": "Met vragen kunt u terecht bij de functionaris voor gegevensbescherming van {}.",
        "fr": "Pour toute question, adressez-vous au délégué à la protection des données de {}.",
    },
    "phone": {"nl": "{} (tel. {})", "fr": "{} (tél. {})"},
    "page": {"nl": "pagina {} van {}", "fr": "page {} sur {}"},
}


def letter_pdf(history: History, lang: Lang, made_on: dt.date) -> bytes:
    """The letter of ``history`` in ``lang``, dated ``made_on``, as a PDF."""
    pages = _paged(history, lang, made_on)
    buffer = io.BytesIO()
    metadata = {"Title": WORDS["title"][lang], "Author": history.ocmw}
    with PdfPages(buffer, metadata=metadata) as pdf:
        for number, placed in enumerate(pages, start=1):
            figure = Figure(figsize=(PAGE_WIDTH / 72, PAGE_HEIGHT / 72))
            for line in placed:
                if isinstance(line, _Rule):
                    ends = [MARGIN / PAGE_WIDTH, 1 - MARGIN / PAGE_WIDTH]
                    figure.add_artist(Line2D(ends, [line.y / PAGE_HEIGHT] * 2, linewidth=0.4, color="0.55"))
                    continue
                weight = "bold" if line.bold else "normal"
                figure.text(line.x / PAGE_WIDTH, line.y / PAGE_HEIGHT, line.text, fontproperties=_font(line.size),
                            fontweight=weight, va="baseline")  # fmt: skip
            footer = WORDS["page"][lang].format(number, len(pages))
            figure.text(0.5, MARGIN / 2 / PAGE_HEIGHT, footer, fontproperties=_font(TABLE_SIZE), ha="center")
            pdf.savefig(figure)
    return buffer.getvalue()


@dataclass(frozen=True)
class _Line:
    """A line of text placed on a page: its left end and baseline, in points from the bottom left."""

    x: float
    y: float
    text: str
    size: float
    bold: bool = False


@dataclass(frozen=True)
class _Rule:
    """A thin line across the text's width, between two rows of the table."""

    y: float


class _Pages:
    """Lines placed from the top of a page down, over as many pages as they take; a page that begins
    inside the table begins with its heading."""

    def __init__(self) -> None:
        self.pages: list[list[_Line | _Rule]] = [[]]
        self.y = PAGE_HEIGHT - MARGIN
        self.heading: list[str] | None = None

    def new_page(self) -> None:
        self.pages.append([])
        self.y = PAGE_HEIGHT - MARGIN
        if self.heading is not None:
            self._cells(self.heading, bold=True)

    def paragraph(self, text: str, size: float = TEXT_SIZE, *, bold: bool = False, after: float = 0.6) -> None:
        for part in wrapped(text, PAGE_WIDTH - 2 * MARGIN, size):
            if self.y - MARGIN < size * LEADING:
                self.new_page()
            self.y -= size * LEADING
            self.pages[-1].append(_Line(MARGIN, self.y, part, size, bold))
        self.y -= size * after

    def table(self, heading: list[str], rows: Sequence[list[str]]) -> None:
        """The rows under their heading; a row that does not fit on the page begins the next one, a row
        longer than a page goes on over the next."""
        first = _lines_of(rows[0]) if rows else 0
        if self.y - MARGIN < _row_height(1) + _row_height(min(first, 3)):
            self.new_page()
        self._cells(heading, bold=True)
        self.heading = heading
        for cells in rows:
            if self.y - MARGIN < _row_height(min(_lines_of(cells), 3)):
                self.new_page()
            self._cells(cells)
        self.heading = None

    def _cells(self, cells: Sequence[str], *, bold: bool = False) -> None:
        wrapped_cells, lefts = _wrapped_cells(cells)
        total, done = max(len(lines) for lines in wrapped_cells), 0
        line_height = TABLE_SIZE * LEADING
        while done < total:
            fitting = min(total - done, int((self.y - MARGIN - CELL_PADDING) // line_height))
            if fitting <= 0:
                self.new_page()
                continue
            for lines, left in zip(wrapped_cells, lefts, strict=True):
                for number, text in enumerate(lines[done : done + fitting], start=1):
                    self.pages[-1].append(_Line(left, self.y - number * line_height, text, TABLE_SIZE, bold))
            self.y -= fitting * line_height
            done += fitting
            if done < total:
                self.new_page()
        self.y -= CELL_PADDING
        self.pages[-1].append(_Rule(self.y + CELL_PADDING / 2))


def _wrapped_cells(cells: Sequence[str]) -> tuple[list[list[str]], list[float]]:
    """Each cell's lines in its column, and the left end of each column."""
    width = PAGE_WIDTH - 2 * MARGIN
    lefts = [MARGIN + sum(share for _, share in COLUMNS[:index]) * width for index in range(len(COLUMNS))]
    lines = [
        wrapped(text, share * width - CELL_PADDING, TABLE_SIZE) for text, (_, share) in zip(cells, COLUMNS, strict=True)
    ]
    return lines, lefts


def _lines_of(cells: Sequence[str]) -> int:
    """How many lines the row of ``cells`` takes: those of its longest cell."""
    return max(len(lines) for lines in _wrapped_cells(cells)[0])


def _row_height(lines: int) -> float:
    return lines * TABLE_SIZE * LEADING + CELL_PADDING


def _paged(history: History, lang: Lang, made_on: dt.date) -> list[list[_Line | _Rule]]:
    said = _Pages()
    said.paragraph(f"{history.ocmw}, {days.format(made_on)}", after=1.5)
    said.paragraph(WORDS["title"][lang], 14.0, bold=True)
    insz = WORDS["insz"][lang].format(ssin_number.format(history.ssin))
    said.paragraph(WORDS["concerns"][lang].format(f"{history.person}, {insz}" if history.person else insz), after=0.2)
    said.paragraph(WORDS["period"][lang].format(_period(history.begin, history.end, lang)), after=1.2)
    said.paragraph(WORDS["intro"][lang].format(history.ocmw), after=1.2)
    if history.consultations:
        heading = [HEADINGS[key][lang] for key, _ in COLUMNS]
        lines = [[row.at, row.what, row.ocmw, "\n".join(row.details)] for row in rows(history.consultations, lang)]
        said.table(heading, lines)
    else:
        said.paragraph(WORDS["nothing"][lang])
    said.y -= TEXT_SIZE
    contact = WORDS["phone"][lang].format(history.ocmw, history.phone) if history.phone else history.ocmw
    said.paragraph(WORDS["questions"][lang].format(contact))
    return said.pages


def _period(begin: dt.date | None, end: dt.date | None, lang: Lang) -> str:
    if begin is not None and end is not None:
        return WORDS["between"][lang].format(days.format(begin), days.format(end))
    if begin is not None:
        return WORDS["since"][lang].format(days.format(begin))
    if end is not None:
        return WORDS["until"][lang].format(days.format(end))
    return WORDS["always"][lang]


def wrapped(text: str, width: float, size: float) -> list[str]:
    """``text`` in lines no wider than ``width`` points at ``size``, broken between words (a word
    wider than the line on a line of its own, cut where it must be); each of its own lines begins a
    new one."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        begun = len(lines)
        for word in paragraph.split():
            if len(lines) > begun and _width(f"{lines[-1]} {word}", size) <= width:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.extend(_cut(word, width, size))
    return lines or [""]


def _cut(word: str, width: float, size: float) -> Iterator[str]:
    part = ""
    for character in word:
        if part and _width(part + character, size) > width:
            yield part
            part = ""
        part += character
    yield part


def _width(text: str, size: float) -> float:
    """The width of ``text`` at ``size``, in points: the sum of its characters' (a little more than
    the text drawn, which kerns some pairs closer)."""
    return sum(_character_width(character) for character in text) * size


@functools.cache
def _character_width(character: str) -> float:
    """The width of ``character`` at size 1, measured at size 100 (where the font's units round less)."""
    with _MEASURING:  # matplotlib's one text-to-path converter, shared by the threads of the pages
        width: float = text_to_path.get_text_width_height_descent(character, _font(100.0), ismath=False)[0]
    return width / 100


_MEASURING = threading.Lock()


@functools.cache
def _font(size: float) -> FontProperties:
    return FontProperties(family=FONT_FAMILY, size=size)
