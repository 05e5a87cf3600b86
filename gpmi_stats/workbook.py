"""The XLSX workbook for the annual report: a sheet per section, titled with the period and the
OCMW, labels in the chosen language, numbers as numbers."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from gpmi_stats.figures import Figures
from gpmi_stats.labels import FIGURES, GENDERS, SECTIONS, WORDS, Lang, age_label, figure_rows
from gpmi_stats.measures import ALL_BANDS

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
TITLE_ROWS = 4
"""Rows above each sheet's table: the title, the period, the OCMW and an empty row."""


def workbook(figures: Figures, lang: Lang, ocmw: str) -> bytes:
    """The workbook's bytes."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    rows = list(figure_rows(figures, lang))
    for section, names in SECTIONS.items():
        sheet = book.create_sheet(names[lang][:31])
        _titles(sheet, names[lang], figures, lang, ocmw)
        _header(sheet, WORDS["figure"][lang], WORDS["value"][lang])
        for row in rows:
            if row.section == section and "." not in row.figure:
                sheet.append([row.label, row.value])
        if section == "beneficiaries":
            _gender_age(sheet, figures, lang)
        elif section == "social_workers":
            _per_worker(sheet, figures, lang)
        sheet.column_dimensions["A"].width = 70
        for column in "BCDE":
            sheet.column_dimensions[column].width = 16
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _titles(sheet: Worksheet, section: str, figures: Figures, lang: Lang, ocmw: str) -> None:
    period = figures["period"]
    sheet.append([f"{WORDS['title'][lang]}: {section}"])
    sheet["A1"].font = TITLE
    sheet.append([f"{WORDS['period'][lang]}: {period['from']} - {period['to']}"])
    sheet.append([f"{WORDS['ocmw'][lang]}: {ocmw}"])
    sheet.append([])


def _header(sheet: Worksheet, *names: str) -> None:
    sheet.append(list(names))
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD


def _gender_age(sheet: Worksheet, figures: Figures, lang: Lang) -> None:
    counts = figures["beneficiaries"]["by_gender_age"]
    genders = [gender for gender in GENDERS if gender in counts]
    sheet.append([])
    _header(sheet, FIGURES["beneficiaries.by_gender_age"][lang], *(GENDERS[gender][lang] for gender in genders))
    for band in ALL_BANDS:
        sheet.append([age_label(band, lang), *(counts[gender].get(band, 0) for gender in genders)])


def _per_worker(sheet: Worksheet, figures: Figures, lang: Lang) -> None:
    workers = figures["social_workers"]
    sheet.append([])
    _header(sheet, WORDS["social_worker"][lang], SECTIONS["projects"][lang], SECTIONS["beneficiaries"][lang])
    for worker, count in workers["projects"].items():
        sheet.append([worker, count, workers["beneficiaries"].get(worker, 0)])
