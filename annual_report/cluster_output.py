"""The cluster report as JSON, as a terminal table and as an XLSX workbook."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from rich.console import RenderableType

from annual_report.cluster import AMOUNT_FIELDS, ClusterReport, CostCategory, Settlement, TrainingCount
from annual_report.cluster_labels import CATEGORIES, TRAINING, WORDS
from annual_report.sheets import Lang, Section, json_text, sections_table, sections_workbook


def as_data(report: ClusterReport, settlement: Settlement) -> dict[str, Any]:
    """The report and its computed fields; amounts as strings with two decimals (exact)."""

    def amounts(values: Any) -> dict[str, str]:
        return {field: str(getattr(values, field)) for field in AMOUNT_FIELDS}

    return {
        "year": report.year,
        "promoter": report.promoter,
        "members": list(report.members),
        "cooperations": [asdict(agreement) for agreement in report.cooperations],
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
    return json_text(as_data(report, settlement))


def _sections(report: ClusterReport, settlement: Settlement, lang: Lang) -> list[Section]:
    head = [
        [WORDS["promoter"][lang], report.promoter],
        [WORDS["members"][lang], ", ".join(report.members)],
        [WORDS["content"][lang], f"{len(report.content)} {WORDS['characters'][lang]}"],
    ]
    costs = [
        [CATEGORIES[category][lang], *(getattr(settlement.by_category[category], field) for field in AMOUNT_FIELDS)]
        for category in CostCategory
    ]
    costs.append([WORDS["all"][lang], *(getattr(settlement.totals, field) for field in AMOUNT_FIELDS)])
    money = [
        [WORDS[field][lang], getattr(settlement, field)]
        for field in ("subsidy", "justified", "unjustified", "advance", "balance")
    ]
    training = [[TRAINING[count][lang], report.training.get(count, 0)] for count in TrainingCount]
    training.append([WORDS["activated"][lang], settlement.activated_persons])
    return [
        Section("", None, head),
        Section(
            WORDS["financial"][lang], [WORDS["category"][lang], *(WORDS[f][lang] for f in AMOUNT_FIELDS)], costs, True
        ),
        Section("", None, money),
        Section(WORDS["training"][lang], None, training, total=True),
    ]


def table(report: ClusterReport, settlement: Settlement, lang: Lang) -> RenderableType:
    return sections_table(f"{WORDS['title'][lang]} {report.year}", _sections(report, settlement, lang), lang)


def workbook(report: ClusterReport, settlement: Settlement, lang: Lang) -> bytes:
    """One sheet as the form: the identification, the financial report, the settlement, the training."""
    return sections_workbook(
        f"{WORDS['title'][lang]} {report.year}",
        [],
        _sections(report, settlement, lang),
        {"A": 70, **dict.fromkeys("BCDEF", 18)},
    )
