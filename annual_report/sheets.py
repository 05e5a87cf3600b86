"""What the reports' outputs share: amounts and percentages written in nl or fr, terminal tables of
rows, and workbooks whose amounts and percentages are spreadsheet numbers shown as such."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet
from rich.console import Group, RenderableType
from rich.text import Text

from annual_report.shared import CENT
from ground import days
from ground.lang import Lang
from ground.numbers import written
from tabular.terminal import FittedTable

EURO_FORMAT = '#,##0.00 "€"'
PERCENT_FORMAT = "0.0 %"
DAY_FORMAT = "DD/MM/YYYY"
NOTHING = "\u2013"  # an en dash
"""Shown where a figure cannot be computed (a rate of nothing)."""


@dataclass(frozen=True)
class Section:
    """One table of a report: its title (or none), its header (or none) and its rows; with
    ``total``, the last row is the total."""

    title: str
    header: list[str] | None
    rows: list[list[Any]]
    total: bool = False


@dataclass(frozen=True)
class Percent:
    """A percentage in a table's rows, ``None`` when it cannot be computed."""

    value: Decimal | None


def json_text(data: dict[str, Any]) -> str:
    """A report's data as JSON, indented, its accents as they are, ending with a newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def exact(value: Decimal | int | dt.date | None) -> str | int | None:
    """A figure for JSON: amounts and rates as exact strings, days as 2025-03-12, counts as numbers,
    nothing as null."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if isinstance(value, Decimal) else value


def euro(amount: Decimal, lang: Lang) -> str:
    """1234.5 as "1.234,50 €" (nl) or "1 234,50 €" (fr)."""
    return f"{written(amount.quantize(CENT), lang)} €"


def shown(value: Any, lang: Lang) -> str:
    """A value of a table's rows as text: counts and amounts in euro as people write them in ``lang``,
    percentages with their sign, days as 12/03/2025."""
    if isinstance(value, Decimal):
        return euro(value, lang)
    if isinstance(value, int):
        return written(value, lang)
    if isinstance(value, dt.date):
        return days.format(value)
    if isinstance(value, Percent):
        return NOTHING if value.value is None else f"{written(value.value, lang)} %"
    return NOTHING if value is None else str(value)


def terminal_table(section: Section, lang: Lang) -> FittedTable:
    """A section for the terminal: numbers aligned right (except in the label column), laid out for
    the width it is drawn in; with ``total`` the last row in bold."""
    count = len(section.header or section.rows[0])
    numbers = [
        index > 0
        and all(isinstance(row[index], int | Decimal | Percent) or row[index] in ("", None) for row in section.rows)
        for index in range(count)
    ]
    rows = [[shown(value, lang) for value in row] for row in section.rows]
    return FittedTable(rows, header=section.header, title=section.title or None, numbers=numbers, total=section.total)


def sections_table(heading: str, sections: list[Section], lang: Lang) -> RenderableType:
    """The report for the terminal: its heading, then each section as a table."""
    return Group(Text(heading, style="bold"), *(terminal_table(section, lang) for section in sections))


def sections_workbook(
    sheet_name: str, title: str, lead: list[list[Any]], sections: list[Section], widths: dict[str, float]
) -> bytes:
    """The report as one sheet named ``sheet_name``: its title, the ``lead`` rows, then each section
    after a blank row."""
    book, sheet = new_sheet(sheet_name, title)
    for row in lead:
        append_row(sheet, row)
    for section in sections:
        sheet.append([])
        if section.title:
            append_row(sheet, [section.title], bold=True)
        if section.header:
            append_row(sheet, section.header, bold=True)
        for number, row in enumerate(section.rows):
            append_row(sheet, row, bold=section.total and number == len(section.rows) - 1)
    return workbook_bytes(book, widths)


def new_sheet(name: str, title: str) -> tuple[Workbook, Worksheet]:
    """A workbook of one sheet named ``name`` (a report's own short name, within the 31 characters
    Excel allows), its title in its first row."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = name
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    return book, sheet


def append_row(sheet: Worksheet, values: list[Any], *, bold: bool = False) -> None:
    """A row appended: amounts as spreadsheet numbers shown in euro (cents come back as the same two
    decimals), percentages as fractions shown as percentages, days as dates shown 12/03/2025, nothing
    for a figure that cannot be computed."""
    sheet.append([_cell_value(value) for value in values])
    for cell, value in zip(sheet[sheet.max_row], values, strict=False):
        if isinstance(value, Decimal):
            cell.number_format = EURO_FORMAT
        elif isinstance(value, Percent):
            cell.number_format = PERCENT_FORMAT
        elif isinstance(value, dt.date):
            cell.number_format = DAY_FORMAT
        if bold:
            cell.font = Font(bold=True)


def _cell_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Percent):
        return None if value.value is None else float(value.value / 100)
    return value


def workbook_bytes(book: Workbook, widths: dict[str, float]) -> bytes:
    """The workbook saved, its columns given their widths."""
    for sheet in book.worksheets:
        for column, width in widths.items():
            sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
