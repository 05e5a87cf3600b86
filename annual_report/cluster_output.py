"""The cluster report as JSON, as a terminal table and as an XLSX workbook."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table

from annual_report.cluster import AMOUNT_FIELDS, ClusterReport, CostCategory, Settlement, TrainingCount
from annual_report.cluster_labels import CATEGORIES, TRAINING, WORDS
from annual_report.sheets import Lang, bold_row, euro, new_sheet, workbook_bytes


def as_data(report: ClusterReport, settlement: Settlement) -> dict[str, Any]:
    """The report and its computed fields; amounts as strings with two decimals (exact)."""

    def amounts(values: Any) -> dict[str, str]:
        return {field: str(getattr(values, field)) for field in AMOUNT_FIELDS}

    return {
        "year": report.year,
        "promoter": report.promoter,
        "members": list(report.members),
        "cooperations": [{"partner": item.partner, "kind": item.kind} for item in report.cooperations],
        "content_characters": len(report.content),
        "training": {count.value: report.training.get(count, 0) for count in TrainingCount},
        "activated_persons": settlement.activated_persons,
        "costs": {category.value: amounts(settlement.by_category[category]) for category in CostCategory},
        "totals": amounts(settlement.totals),
        "subsidy": str(settlement.subsidy),
        "justified": str(settlement.justified),
        "unjustified": str(settlement.unjustified),
        "advance": str(settlement.advance),
        "balance": str(settlement.balance),
    }


def to_json(report: ClusterReport, settlement: Settlement) -> str:
    return json.dumps(as_data(report, settlement), ensure_ascii=False, indent=2)


def table(report: ClusterReport, settlement: Settlement, lang: Lang) -> RenderableType:
    head = Table(title=f"{WORDS['title'][lang]} {report.year}", title_justify="left", show_header=False)
    head.add_column()
    head.add_column()
    head.add_row(WORDS["promoter"][lang], report.promoter)
    head.add_row(WORDS["members"][lang], ", ".join(report.members))
    head.add_row(WORDS["content"][lang], f"{len(report.content)} {WORDS['characters'][lang]}")
    costs = Table(title=WORDS["financial"][lang], title_justify="left")
    costs.add_column(WORDS["category"][lang])
    for field in AMOUNT_FIELDS:
        costs.add_column(WORDS[field][lang], justify="right")
    for category in CostCategory:
        values = settlement.by_category[category]
        costs.add_row(CATEGORIES[category][lang], *(euro(getattr(values, field), lang) for field in AMOUNT_FIELDS))
    costs.add_row(
        WORDS["all"][lang], *(euro(getattr(settlement.totals, field), lang) for field in AMOUNT_FIELDS), style="bold"
    )
    money = Table(show_header=False)
    money.add_column()
    money.add_column(justify="right")
    for field in ("subsidy", "justified", "unjustified", "advance", "balance"):
        money.add_row(WORDS[field][lang], euro(getattr(settlement, field), lang))
    training = Table(title=WORDS["training"][lang], title_justify="left", show_header=False)
    training.add_column()
    training.add_column(justify="right")
    for count in TrainingCount:
        training.add_row(TRAINING[count][lang], str(report.training.get(count, 0)))
    training.add_row(WORDS["activated"][lang], str(settlement.activated_persons), style="bold")
    return Group(head, costs, money, training)


def workbook(report: ClusterReport, settlement: Settlement, lang: Lang) -> bytes:
    """One sheet as the form: the identification, the financial report, the settlement, the training."""
    book, sheet = new_sheet(f"{WORDS['title'][lang]} {report.year}")
    sheet.append([WORDS["promoter"][lang], report.promoter])
    sheet.append([WORDS["members"][lang], ", ".join(report.members)])
    sheet.append([])
    bold_row(sheet, [WORDS["category"][lang], *(WORDS[field][lang] for field in AMOUNT_FIELDS)])
    for category in CostCategory:
        values = settlement.by_category[category]
        sheet.append([CATEGORIES[category][lang], *(getattr(values, field) for field in AMOUNT_FIELDS)])
    bold_row(sheet, [WORDS["all"][lang], *(getattr(settlement.totals, field) for field in AMOUNT_FIELDS)])
    sheet.append([])
    for field in ("subsidy", "justified", "unjustified", "advance", "balance"):
        sheet.append([WORDS[field][lang], getattr(settlement, field)])
    sheet.append([])
    for count in TrainingCount:
        sheet.append([TRAINING[count][lang], report.training.get(count, 0)])
    sheet.append([WORDS["activated"][lang], settlement.activated_persons])
    return workbook_bytes(book, {"A": 70, **dict.fromkeys("BCDEF", 18)})
