"""What the reports' outputs share: amounts written in nl or fr, and workbooks whose amounts are
spreadsheet numbers shown in euro."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from tabular.numbers import written_number

Lang = Literal["nl", "fr"]
CENT = Decimal("0.01")
EURO_FORMAT = '#,##0.00 "€"'


def euro(amount: Decimal, lang: Lang) -> str:
    """1234.5 as "1.234,50 €" (nl) or "1 234,50 €" (fr)."""
    return f"{written_number(amount.quantize(CENT), lang)} €"


def new_sheet(title: str) -> tuple[Workbook, Worksheet]:
    """A workbook of one sheet, its title (at most 31 characters, as Excel wants) in its first row."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    return book, sheet


def bold_row(sheet: Worksheet, values: list[object]) -> None:
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def workbook_bytes(book: Workbook, widths: dict[str, float]) -> bytes:
    """The workbook saved, every ``Decimal`` made a spreadsheet number shown in euro (cents come back
    as the same two decimals) and the columns given their widths."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, Decimal):
                    cell.value = float(cell.value)
                    cell.number_format = EURO_FORMAT
        for column, width in widths.items():
            sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
