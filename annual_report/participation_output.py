"""The participation report as JSON, as a terminal table and as an XLSX workbook: per measure the
control overview, the settlement and the personnel lump sums; then what the caps did not accept."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table

from annual_report.lump_sum import LumpSum
from annual_report.participation import Measure, MeasureSettlement, ParticipationReport, Settlement
from annual_report.participation_labels import CAPS, CATEGORIES, LUMP_SUM, MEASURES, WORDS
from annual_report.sheets import Lang, bold_row, euro, new_sheet, workbook_bytes
from tabular.problems import TableProblem

SETTLEMENT_FIELDS = ("decree", "justified", "small_investments", "used", "unused", "advance", "balance")


def as_data(report: ParticipationReport, settlement: Settlement, warnings: list[TableProblem]) -> dict[str, Any]:
    """The report's computed fields; amounts as strings with two decimals (exact)."""

    def lump_sum(value: LumpSum | None) -> dict[str, str] | None:
        if value is None:
            return None
        return {"outcome": value.outcome.value, "ten_percent": str(value.ten_percent), "amount": str(value.amount)}

    def measure(settled: MeasureSettlement) -> dict[str, Any]:
        return {
            "overview": {
                category.value: {
                    "beneficiaries": line.beneficiaries,
                    "entered": str(line.entered),
                    "accepted": str(line.accepted),
                }
                for category, line in settled.overview.items()
            },
            "accepted": str(settled.accepted),
            **{field: str(getattr(settled, field)) for field in SETTLEMENT_FIELDS},
            "lump_sum": lump_sum(settled.lump_sum),
            "cooperation": [
                {
                    "ocmw": partner.cooperation.ocmw,
                    "decree": str(partner.cooperation.decree),
                    "justified": str(partner.cooperation.justified),
                    "lump_sum": lump_sum(partner.lump_sum),
                }
                for partner in settled.partners
            ],
        }

    return {
        "year": report.year,
        "ocmw": report.ocmw,
        "measures": {measure_.value: measure(settled) for measure_, settled in _in_order(settlement)},
        "recycled_pcs_overflow": str(settlement.overflow),
        "not_accepted": [{"row": cut.row, "rule": cut.cap.value, "amount": str(cut.amount)} for cut in settlement.cuts],
        "warnings": [{"row": item.row, "column": item.column, "message": item.message} for item in warnings],
    }


def to_json(report: ParticipationReport, settlement: Settlement, warnings: list[TableProblem]) -> str:
    return json.dumps(as_data(report, settlement, warnings), ensure_ascii=False, indent=2)


def _in_order(settlement: Settlement) -> list[tuple[Measure, MeasureSettlement]]:
    return [(measure, settlement.measures[measure]) for measure in Measure if measure in settlement.measures]


def _overview_rows(settled: MeasureSettlement, overflow: Decimal, lang: Lang) -> list[list[Any]]:
    """The control overview's rows: category, beneficiaries, entered and accepted amounts; the total
    last."""
    rows: list[list[Any]] = [
        [CATEGORIES[category][lang], line.beneficiaries, line.entered, line.accepted]
        for category, line in settled.overview.items()
    ]
    if settled.measure is Measure.PARTICIPATION and overflow:
        rows.append([f"  {WORDS['overflow'][lang]}", "", "", overflow])
    lines = settled.overview.values()
    rows.append(
        [
            WORDS["all"][lang],
            sum(line.beneficiaries for line in lines),
            sum((line.entered for line in lines), Decimal("0.00")),
            settled.accepted,
        ]
    )
    return rows


def _settlement_rows(settled: MeasureSettlement, lang: Lang) -> list[list[Any]]:
    """The settlement's rows; recycled computers have neither investments nor a lump sum."""
    rows: list[list[Any]] = [[WORDS[field][lang], getattr(settled, field)] for field in ("decree", "justified")]
    if settled.lump_sum is not None:
        outcome = LUMP_SUM[settled.lump_sum.outcome][lang]
        rows.append([WORDS["small_investments"][lang], settled.small_investments])
        rows.append([f"{WORDS['lump_sum'][lang]} ({outcome})", settled.lump_sum.amount])
    rows += [[WORDS[field][lang], getattr(settled, field)] for field in ("used", "unused", "advance", "balance")]
    return rows


def _cooperation_rows(settled: MeasureSettlement, ocmw: str, lang: Lang) -> list[list[Any]]:
    if not settled.partners or settled.lump_sum is None:
        return []
    own = [ocmw, settled.decree, settled.justified, settled.lump_sum.amount]
    return [own] + [
        [partner.cooperation.ocmw, partner.cooperation.decree, partner.cooperation.justified, partner.lump_sum.amount]
        for partner in settled.partners
    ]


def _cut_rows(settlement: Settlement, lang: Lang) -> list[list[Any]]:
    cuts = sorted(settlement.cuts, key=lambda cut: (cut.row or 0, cut.cap))
    return [["" if cut.row is None else cut.row, CAPS[cut.cap][lang], cut.amount] for cut in cuts]


def _shown(value: Any, lang: Lang) -> str:
    return euro(value, lang) if isinstance(value, Decimal) else str(value)


def _rich(title: str, header: list[str] | None, rows: list[list[Any]], lang: Lang, *, total: bool = False) -> Table:
    table = Table(title=title, title_justify="left", show_header=header is not None)
    for number, name in enumerate(header or [""] * len(rows[0])):
        numbers = all(isinstance(row[number], int | Decimal) or row[number] == "" for row in rows)
        table.add_column(name, justify="right" if number and numbers else "left")
    for number, row in enumerate(rows):
        last = total and number == len(rows) - 1
        table.add_row(*(_shown(value, lang) for value in row), style="bold" if last else None)
    return table


def table(report: ParticipationReport, settlement: Settlement, lang: Lang) -> RenderableType:
    parts: list[RenderableType] = [f"[bold]{WORDS['title'][lang]} {report.year}[/bold] — {report.ocmw}"]
    overview_header = [WORDS[key][lang] for key in ("category", "beneficiaries", "entered", "accepted")]
    cooperation_header = [WORDS[key][lang] for key in ("ocmw", "decree", "justified", "lump_sum")]
    for measure, settled in _in_order(settlement):
        name = MEASURES[measure][lang]
        parts.append(_rich(name, overview_header, _overview_rows(settled, settlement.overflow, lang), lang, total=True))
        parts.append(_rich(name, None, _settlement_rows(settled, lang), lang))
        if cooperation := _cooperation_rows(settled, report.ocmw, lang):
            parts.append(_rich(WORDS["cooperation"][lang], cooperation_header, cooperation, lang))
    if settlement.cuts:
        cut_header = [WORDS[key][lang] for key in ("row", "rule", "amount")]
        parts.append(_rich(WORDS["not_accepted"][lang], cut_header, _cut_rows(settlement, lang), lang))
    return Group(*parts)


def workbook(report: ParticipationReport, settlement: Settlement, lang: Lang) -> bytes:
    """One sheet: per measure the control overview and the settlement, then what was not accepted."""
    book, sheet = new_sheet(f"{WORDS['title'][lang]} {report.year}")
    sheet.append([WORDS["ocmw"][lang], report.ocmw])
    for measure, settled in _in_order(settlement):
        sheet.append([])
        bold_row(sheet, [MEASURES[measure][lang]])
        bold_row(sheet, [WORDS[key][lang] for key in ("category", "beneficiaries", "entered", "accepted")])
        *lines, total = _overview_rows(settled, settlement.overflow, lang)
        for line in lines:
            sheet.append(line)
        bold_row(sheet, total)
        for line in _settlement_rows(settled, lang):
            sheet.append(line)
        if cooperation := _cooperation_rows(settled, report.ocmw, lang):
            bold_row(sheet, [WORDS[key][lang] for key in ("cooperation", "decree", "justified", "lump_sum")])
            for line in cooperation:
                sheet.append(line)
    if settlement.cuts:
        sheet.append([])
        bold_row(sheet, [WORDS["not_accepted"][lang], WORDS["rule"][lang], WORDS["amount"][lang]])
        for line in _cut_rows(settlement, lang):
            sheet.append([f"{WORDS['row'][lang]} {line[0]}" if line[0] != "" else "", *line[1:]])
    return workbook_bytes(book, {"A": 80, **dict.fromkeys("BCD", 18)})
