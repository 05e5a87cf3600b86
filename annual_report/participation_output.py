"""The participation report as JSON, as a terminal table and as an XLSX workbook: per measure the
control overview, the settlement and the personnel lump sums; then what the caps did not accept."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich.console import RenderableType

from annual_report.lump_sum import LumpSum
from annual_report.participation import Measure, MeasureSettlement, ParticipationReport, Settlement
from annual_report.participation_labels import CAPS, CATEGORIES, LUMP_SUM, MEASURES, WORDS
from annual_report.sheets import Section, exact, json_text, sections_table, sections_workbook
from ground.lang import Lang
from tabular.problems import TableProblem

SETTLEMENT_FIELDS = ("decree", "justified", "small_investments", "used", "unused", "advance", "balance")


def as_data(report: ParticipationReport, settlement: Settlement, warnings: list[TableProblem]) -> dict[str, Any]:
    """The report's computed fields; amounts as strings with two decimals (exact)."""

    def measure(settled: MeasureSettlement) -> dict[str, Any]:
        settings = report.measures[settled.measure]
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
            **{field: exact(getattr(settled, field)) for field in SETTLEMENT_FIELDS},
            "lump_sum": None if settled.lump_sum is None else lump_sum_data(settled.lump_sum),
            "council_decision": exact(settings.council_decision),
            "requested_amount": exact(settings.requested),
            "cooperation": [
                {
                    "ocmw": partner.cooperation.ocmw,
                    "decree": str(partner.cooperation.decree),
                    "justified": str(partner.cooperation.justified),
                    "lump_sum": lump_sum_data(partner.lump_sum),
                    "council_decision": exact(partner.cooperation.council_decision),
                    "requested_amount": exact(partner.cooperation.requested),
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
        "warnings": [
            {"file": item.file, "row": item.row, "column": item.column, "message": item.message} for item in warnings
        ],
    }


def lump_sum_data(lump_sum: LumpSum) -> dict[str, str]:
    """A personnel lump sum in JSON: its outcome, the 10 % and the amount (exact)."""
    return {"outcome": lump_sum.outcome.value, "ten_percent": str(lump_sum.ten_percent), "amount": str(lump_sum.amount)}


def to_json(report: ParticipationReport, settlement: Settlement, warnings: list[TableProblem]) -> str:
    return json_text(as_data(report, settlement, warnings))


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
    """The settlement's rows; small investments are participation's, recycled computers have no lump sum."""
    rows: list[list[Any]] = [[WORDS[field][lang], getattr(settled, field)] for field in ("decree", "justified")]
    if settled.small_investments is not None:
        rows.append([WORDS["small_investments"][lang], settled.small_investments])
    if settled.lump_sum is not None:
        outcome = LUMP_SUM[settled.lump_sum.outcome][lang]
        rows.append([f"{WORDS['lump_sum'][lang]} ({outcome})", settled.lump_sum.amount])
    rows += [[WORDS[field][lang], getattr(settled, field)] for field in ("used", "unused", "advance", "balance")]
    return rows


def _cooperation_rows(settled: MeasureSettlement, ocmw: str) -> list[list[Any]]:
    """Each OCMW of the cooperation: its amounts and its lump sum."""
    if not settled.partners or settled.lump_sum is None:
        return []
    own = [ocmw, settled.decree, settled.justified, settled.lump_sum.amount]
    return [own] + [
        [partner.cooperation.ocmw, partner.cooperation.decree, partner.cooperation.justified, partner.lump_sum.amount]
        for partner in settled.partners
    ]


def _request_rows(settled: MeasureSettlement, report: ParticipationReport) -> list[list[Any]]:
    """Each OCMW of the cooperation: the lump sum it asks and the day its council decided (1.12.2)."""
    if not settled.partners or settled.lump_sum is None:
        return []
    own = report.measures[settled.measure]
    return [[report.ocmw, own.requested, own.council_decision]] + [
        [partner.cooperation.ocmw, partner.cooperation.requested, partner.cooperation.council_decision]
        for partner in settled.partners
    ]


def _header(lang: Lang, *keys: str) -> list[str]:
    return [WORDS[key][lang] for key in keys]


def _cut_rows(settlement: Settlement, lang: Lang) -> list[list[Any]]:
    return [["" if cut.row is None else cut.row, CAPS[cut.cap][lang], cut.amount] for cut in settlement.cuts]


def _sections(report: ParticipationReport, settlement: Settlement, lang: Lang) -> list[Section]:
    sections = []
    for measure, settled in _in_order(settlement):
        name = MEASURES[measure][lang]
        overview = _overview_rows(settled, settlement.overflow, lang)
        sections.append(
            Section(name, _header(lang, "category", "beneficiaries", "entered", "accepted"), overview, True)
        )
        sections.append(Section("", None, _settlement_rows(settled, lang)))
        if cooperation := _cooperation_rows(settled, report.ocmw):
            header = _header(lang, "ocmw", "decree", "justified", "lump_sum")
            sections.append(Section(WORDS["cooperation"][lang], header, cooperation))
            header = _header(lang, "ocmw", "requested", "council_decision")
            sections.append(Section(WORDS["request"][lang], header, _request_rows(settled, report)))
    if settlement.cuts:
        header = _header(lang, "row", "rule", "amount")
        sections.append(Section(WORDS["not_accepted"][lang], header, _cut_rows(settlement, lang)))
    return sections


def table(report: ParticipationReport, settlement: Settlement, lang: Lang) -> RenderableType:
    heading = f"{WORDS['title'][lang]} {report.year} — {report.ocmw}"
    return sections_table(heading, _sections(report, settlement, lang), lang)


def workbook(report: ParticipationReport, settlement: Settlement, lang: Lang) -> bytes:
    """One sheet: per measure the control overview and the settlement, then what was not accepted."""
    return sections_workbook(
        WORDS["sheet"][lang].format(year=report.year),
        f"{WORDS['title'][lang]} {report.year}",
        [[WORDS["ocmw"][lang], report.ocmw]],
        _sections(report, settlement, lang),
        {"A": 80, **dict.fromkeys("BCD", 18)},
    )
