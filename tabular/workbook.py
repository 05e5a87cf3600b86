"""Reading an XLSX export: the sheet that holds the table, its header row, and below it every cell
as the text a CSV export of it would hold.

The sheet read is the one whose first rows name the table's required columns, when exactly one does;
otherwise the one the user names (``--sheet``). A workbook of several sheets names the sheet in
every problem (``versions.xlsx, sheet GPMI, row 4``). Cells are read as they are shown where the
value alone would mislead: a percentage cell (0.4 shown as 40 %) reads ``40%``, a number shown with
zeros in front (format ``0000000000``) keeps them; dates are ISO, whole numbers lose their ``.0``.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
import zlib
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
from rich.console import Console
from rich.progress import Progress

from ground.lang import Said
from tabular import headers
from tabular.headers import Extracted, HeaderNames, HeaderRow
from tabular.problems import SHEET, InvalidFiles, TableProblem

ZEROS_IN_FRONT = re.compile(r"0{2,}")
"""A number format that shows a whole number with its zeros in front, at that width."""


def read_workbook(path: Path, names: HeaderNames, sheets: tuple[str, ...], show_progress: bool) -> Extracted:
    """The table's columns of the workbook's sheet that holds it; ``InvalidFiles`` when it cannot
    be read, or no sheet or more than one could be the table."""
    from openpyxl import load_workbook  # only for workbooks: it takes a fifth of a second to import
    from openpyxl.utils.exceptions import InvalidFileException

    stream = path.open("rb")  # a stream: openpyxl then reads a workbook whatever its file name ends in
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as error:
        stream.close()
        raise _unreadable(path, f" ({error})") from None
    except DAMAGED_PART:
        stream.close()
        raise _unreadable(path, DAMAGED) from None
    try:
        found = {
            sheet.title: headers.header_rows(map(_row_texts, sheet.iter_rows(max_row=headers.HEADER_ROWS)), names)
            for sheet in workbook.worksheets
        }
        title, header = _chosen_sheet(path, found, names, sheets)
        source = _source(path, title, found)
        sheet = workbook[title]
        wanted = {column: positions[0] for column, positions in header.positions.items()}
        values: dict[str, list[str]] = {column: [] for column in wanted}
        rows: list[int] = []
        width = len(header.cells)
        with Progress(console=Console(stderr=True), transient=True, disable=not show_progress) as progress:
            task = progress.add_task(f"reading {path.name}", total=sheet.max_row)
            for number, record in enumerate(sheet.iter_rows(min_row=header.number + 1), start=header.number + 1):
                progress.advance(task)
                if all(_empty(cell.value) for cell in record[:width]):
                    continue
                rows.append(number)
                for column, position in wanted.items():
                    values[column].append(_cell_text(record[position]) if position < len(record) else "")
    except DAMAGED_PART:  # a damaged sheet is found only as it is read
        raise _unreadable(path, DAMAGED) from None
    finally:
        workbook.close()
        stream.close()
    table = pa.table({column: pa.array(texts, pa.string()) for column, texts in values.items()})
    warnings = headers.header_warning(source, header)
    if len(found) > 1:
        others = ", ".join(other for other in found if other != title)
        warnings.append(TableProblem.written(source, None, None, lambda lang: _OTHER_SHEETS[lang].format(others)))
    return Extracted(source, table, np.array(rows, dtype=np.int32), [], warnings)


DAMAGED_PART = (ValueError, TypeError, KeyError, IndexError, AttributeError, SyntaxError, EOFError, zlib.error)
"""What openpyxl and the XML and zip readers under it raise on a part they cannot take (an XML parse
error is a ``SyntaxError``; a chart sheet openpyxl wrote itself ends in an ``AttributeError``)."""
DAMAGED = (
    ": a part of it is damaged or of a kind this program cannot read; open it in Excel or LibreOffice and "
    'save it again as "Excel workbook (.xlsx)" or as "CSV UTF-8"'
)


def _unreadable(path: Path, why: str) -> InvalidFiles:
    return InvalidFiles([TableProblem(str(path), None, None, f"the file cannot be read as an XLSX workbook{why}")])


_OTHER_SHEETS: Said = {
    "en": "the table was read from this sheet; not from {}",
    "nl": "de tabel is uit dit werkblad gelezen, niet uit {}",
    "fr": "le tableau a été lu dans cette feuille, pas dans {}",
}


def _chosen_sheet(
    path: Path, found: dict[str, list[HeaderRow]], names: HeaderNames, asked: tuple[str, ...]
) -> tuple[str, HeaderRow]:
    """The sheet to read and its header: among the sheets the user named (all when the workbook has
    none of them), the one that names the table's required columns."""
    wanted = {name.strip().casefold() for name in asked}
    pool = [title for title in found if title.strip().casefold() in wanted] or list(found)
    holding = [title for title in pool if (row := headers.best_row(found[title])) is not None and not row.missing]
    if len(holding) > 1:
        unknown = "" if len(pool) < len(found) or not asked else f"; it has no sheet {', '.join(asked)}"
        raise InvalidFiles(
            [
                TableProblem(
                    str(path),
                    None,
                    None,
                    f"the sheets {', '.join(holding)} each hold the columns of the {names.spec.name}; "
                    f"name the sheet to read (--sheet NAME, or the sheet field of the statistics page){unknown}",
                )
            ]
        )
    if not any(any(row.cells) for title in pool for row in found[title]):
        empty = "the workbook" if len(pool) == len(found) else f"the sheet {', '.join(pool)}"
        raise InvalidFiles([TableProblem(str(path), 1, None, f"{empty} is empty: expected a header row")])
    title = max(pool, key=lambda title: headers.fitness(found[title]))
    if len(pool) > 1 and headers.best_row(found[title]) is None:
        raise InvalidFiles(
            [
                TableProblem(
                    str(path),
                    None,
                    None,
                    f"none of the sheets {', '.join(pool)} names the columns of the {names.spec.name} in its first "
                    f"{headers.HEADER_ROWS} rows; is this the right file?",
                )
            ]
        )
    return title, headers.table_header(_source(path, title, found), found[title], names)


def _source(path: Path, title: str, found: dict[str, list[HeaderRow]]) -> str:
    """The file, and the sheet when the workbook has several."""
    return f"{path}{SHEET}{title}" if len(found) > 1 else str(path)


def _row_texts(record: Iterable[Any]) -> list[str]:
    return [_cell_text(cell) for cell in record]


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell_text(cell: Any) -> str:
    """A cell as the text a CSV export would hold: dates ISO, whole numbers without ``.0``,
    percentages and numbers with zeros in front as the cell shows them."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number_text(value, cell.number_format or "")
    return str(value).strip()


def _number_text(value: int | float, number_format: str) -> str:
    """
    >>> _number_text(0.4, "0%"), _number_text(0.125, "0.0%"), _number_text(3052124132, "00000000000")
    ('40%', '12.5%', '03052124132')
    >>> _number_text(2.0, "General"), _number_text(1234.5, "#,##0.00")
    ('2', '1234.5')
    >>> _number_text(1e30, "0.0%")
    '100000000000000000000000000000000.0%'
    """
    shown = number_format.split(";")[0]
    if "%" in shown:
        decimals = re.search(r"\.([0#?]+)", shown[: shown.index("%")])
        step = Decimal(1).scaleb(-len(decimals[1])) if decimals else Decimal(1)
        with localcontext() as context:
            context.prec = 400  # the digits of any float: a cell of 1e300 is still written, then refused
            return f"{(Decimal(repr(value)) * 100).quantize(step, ROUND_HALF_UP)}%"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and ZEROS_IN_FRONT.fullmatch(shown):
        return str(value).zfill(len(shown))
    return str(value)
