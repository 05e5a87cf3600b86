"""The cluster report as JSON, as a terminal table and as an XLSX workbook."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from rich.console import RenderableType

from annual_report.cluster import (
    AMOUNT_FIELDS,
    ActivatedFrom,
    ClusterReport,
    CostCategory,
    Settlement,
    TrainingCount,
    recovery_period,
)
from annual_report.cluster_labels import ACTIVATED, CATEGORIES, TRAINING, WORDS
from annual_report.sheets import NOTHING, Section, json_text, sections_table, sections_workbook
from ground import days
from ground.lang import Lang


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
        "activated_persons_from": settlement.activated_from.value,
        "recovery_period": _period_data(report.year) if _from_database(settlement) else None,
        "costs": {category.value: amounts(settlement.by_category[category]) for category in CostCategory},
        "totals": amounts(settlement.totals),
        "subsidy": str(settlement.subsidy),
        "justified": str(settlement.justified),
        "unjustified": str(settlement.unjustified),
        "advance": str(settlement.advance),
        "balance": str(settlement.balance),
    }


def _from_database(settlement: Settlement) -> bool:
    return settlement.activated_from is ActivatedFrom.RECOVERY_DATABASE


def _period_data(year: int) -> dict[str, str]:
    start, end = recovery_period(year)
    return {"from": start.isoformat(), "to": end.isoformat()}


def to_json(report: ClusterReport, settlement: Settlement) -> str:
    return json_text(as_data(report, settlement))


def _sections(report: ClusterReport, settlement: Settlement, lang: Lang) -> list[Section]:
    head = [
        [WORDS["promoter"][lang], report.promoter],
        [WORDS["members"][lang], ", ".join(report.members)],
        [WORDS["content"][lang], f"{len(report.content)} {WORDS['characters'][lang]}"],
    ]
    cooperations = [[agreement.partner, agreement.kind] for agreement in report.cooperations] or [[NOTHING]]
    costs = [
        [CATEGORIES[category][lang], *(getattr(settlement.by_category[category], field) for field in AMOUNT_FIELDS)]
        for category in CostCategory
    ]
    costs.append([WORDS["all"][lang], *(getattr(settlement.totals, field) for field in AMOUNT_FIELDS)])
    money = [
        [WORDS[field][lang], getattr(settlement, field)]
        for field in ("subsidy", "justified", "unjustified", "advance", "balance")
    ]
    training: list[list[Any]] = [[TRAINING[count][lang], report.training.get(count, 0)] for count in TrainingCount]
    start, end = recovery_period(report.year)
    activated = [
        ACTIVATED[settlement.activated_from][lang].format(start=days.format(start), end=days.format(end)),
        settlement.activated_persons,
    ]
    return [
        Section("", None, head),
        Section(WORDS["cooperations"][lang], None, cooperations),
        Section(
            WORDS["financial"][lang], [WORDS["category"][lang], *(WORDS[f][lang] for f in AMOUNT_FIELDS)], costs, True
        ),
        Section("", None, money),
        *(
            [Section(WORDS["training"][lang], None, training), Section("", None, [activated])]
            if _from_database(settlement)
            else [Section(WORDS["training"][lang], None, [*training, activated], total=True)]
        ),
    ]


def table(report: ClusterReport, settlement: Settlement, lang: Lang) -> RenderableType:
    return sections_table(f"{WORDS['title'][lang]} {report.year}", _sections(report, settlement, lang), lang)


def workbook(report: ClusterReport, settlement: Settlement, lang: Lang) -> bytes:
    """One sheet as the form: the identification, the cooperations, the financial report, the settlement,
    the training."""
    return sections_workbook(
        WORDS["sheet"][lang].format(year=report.year),
        f"{WORDS['title'][lang]} {report.year}",
        [],
        _sections(report, settlement, lang),
        {"A": 70, **dict.fromkeys("BCDEF", 18)},
    )
