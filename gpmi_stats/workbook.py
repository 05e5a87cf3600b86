"""The XLSX workbook for the annual report: a sheet per section with its tables
(``gpmi_stats.tables``), titled with the period and the OCMW, labels in the chosen language,
numbers as numbers."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from gpmi_stats.figures import Figures
from gpmi_stats.labels import SHEETS, WORDS, written_period
from gpmi_stats.tables import figure_tables
from ground.lang import Lang, labelled

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
TITLE_ROWS = 4
"""Rows above each sheet's table: the title, the period, the OCMW and an empty row."""


def workbook(figures: Figures, lang: Lang, ocmw: str) -> bytes:
    """The workbook's bytes."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for described in figure_tables(figures, lang):
        if described.first:
            sheet = book.create_sheet(SHEETS[described.section][lang])
            _titles(sheet, described.caption, figures, lang, ocmw)
            sheet.column_dimensions["A"].width = 70
            for column in "BCDE":
                sheet.column_dimensions[column].width = 16
        else:
            sheet.append([])
        _header(sheet, *described.headings)
        for row in described.rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _titles(sheet: Worksheet, section: str, figures: Figures, lang: Lang, ocmw: str) -> None:
    sheet.append([labelled(WORDS["title"][lang], section, lang)])
    sheet["A1"].font = TITLE
    sheet.append([labelled(WORDS["period"][lang], written_period(figures), lang)])
    sheet.append([labelled(WORDS["ocmw"][lang], ocmw, lang)])
    sheet.append([])


def _header(sheet: Worksheet, *names: str) -> None:
    sheet.append(list(names))
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
