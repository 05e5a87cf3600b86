"""Exports the way a spreadsheet saves them: the shipped GPMI fixture opened in Excel and saved again,
as a workbook or as CSV. Excel turns a text of digits into a number cell (``03052124132`` becomes
3052124132, ``44021`` the number 44021), a date into a date cell, keeps the other texts; exports add
a title above the header, an Info sheet before the table, and name the columns in the users' language, or
need a mapping file that says what their columns hold."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from tests.conftest import FIXTURES

GPMI = FIXTURES / "gpmi"
EXPECTED = json.loads((GPMI / "expected-2024.json").read_text(encoding="utf-8"))
"""The figures of 2024 of the shipped export, as the specification writes them."""
TITLE = ["Export GPMI-contracten OCMW Gent, 02/01/2025"]
INFO = {"Info": [["Uitvoer van het GPMI-register"], ["Datum", "02/01/2025"], ["Contracten", "zie blad GPMI"]]}

DUTCH = {
    "contract_id": "Contractnummer", "version": "Versie", "signed_on": "Ondertekend op", "ssin": "INSZ",
    "gender": "Geslacht", "birth_date": "Geboortedatum", "residence_nis": "NIS woonplaats", "ocmw_nis": "NIS OCMW",
    "social_worker": "Maatschappelijk werker", "start_date": "Begindatum", "end_date": "Einddatum",
    "closed_on": "Afgesloten op", "kind": "Soort", "training": "Opleiding", "studies": "Studie",
    "community_service": "Gemeenschapsdienst", "extra_support": "Extra ondersteuning", "evaluated_on": "Evaluatiedatum",
    "outcome": "Resultaat",
}  # fmt: skip
FRENCH = {
    "contract_id": "Numéro de contrat", "version": "Version", "signed_on": "Signé le", "ssin": "NISS",
    "gender": "Sexe", "birth_date": "Date de naissance", "residence_nis": "INS résidence", "ocmw_nis": "INS CPAS",
    "social_worker": "Assistant social", "start_date": "Date de début", "end_date": "Date de fin",
    "closed_on": "Clôturé le", "kind": "Type", "training": "Formation", "studies": "Études",
    "community_service": "Service communautaire", "extra_support": "Soutien supplémentaire",
    "evaluated_on": "Date d'évaluation", "outcome": "Résultat",
}  # fmt: skip


@dataclass(frozen=True)
class Form:
    """How an export was saved."""

    workbook: bool = True
    title: bool = False
    """A title row and an empty row above the header."""
    info_sheet: bool = False
    """A sheet "Info" before the table's sheet."""
    headers: dict[str, str] | None = None
    """The export's names of the columns; the fixture's own when None."""


def fixture_table(name: str) -> list[list[str]]:
    """The rows of a shipped GPMI export, its header first."""
    with (GPMI / name).open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file, delimiter=";"))


def excel_value(column: str, text: str) -> Any:
    """What a cell holds once Excel has read the text: digits become a number, a date a date."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if column.lower().endswith(("_on", "_date")):
        return dt.datetime.strptime(text, "%d/%m/%Y" if "/" in text else "%Y-%m-%d")
    return text


def saved(folder: Path, name: str, form: Form) -> Path:
    """The fixture ``name`` (``versions.csv`` or ``evaluations.csv``) saved in ``form``."""
    header, *rows = fixture_table(name)
    named = [(form.headers or {}).get(column.lower(), column) for column in header]
    cells = [[excel_value(column, text) for column, text in zip(header, row, strict=True)] for row in rows]
    above: list[list[Any]] = [TITLE, []] if form.title else []
    table = [*above, named, *cells]
    path = folder / name.replace(".csv", ".xlsx" if form.workbook else "-saved.csv")
    if form.workbook:
        write_workbook(path, INFO if form.info_sheet else {}, table)
    else:
        path.write_text(csv_text(table), encoding="utf-8-sig")
    return path


def write_workbook(path: Path, before: dict[str, list[list[Any]]], table: list[list[Any]], sheet: str = "GPMI") -> None:
    """A workbook with the sheets ``before``, then the table's; dates shown as Excel shows them."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for title, rows in before.items():
        other = book.create_sheet(title)
        for row in rows:
            other.append(row)
    table_sheet = book.create_sheet(sheet)
    for row in table:
        table_sheet.append(row)
    for line in table_sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "DD/MM/YYYY"
    book.save(path)


def csv_text(table: list[list[Any]]) -> str:
    """The table as Excel saves a sheet as "CSV UTF-8": ``;``, every row as wide as the widest, numbers
    as the cell shows them (3052124132), dates DD/MM/YYYY."""
    width = max(len(row) for row in table)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in table:
        shown = ["" if value is None else f"{value:%d/%m/%Y}" if isinstance(value, dt.datetime) else str(value)
                 for value in row]  # fmt: skip
        writer.writerow(shown + [""] * (width - len(row)))
    return out.getvalue()


def mapping(folder: Path, text: str) -> Path:
    """A mapping file (``--columns``) holding ``text``."""
    path = folder / "kolommen.toml"
    path.write_text(text, encoding="utf-8")
    return path
