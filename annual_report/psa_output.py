"""The PSA indicators as JSON, as terminal tables and as an XLSX workbook. An exempt OCMW (granted
less than €7 500) gets its totals per part, and indicator 12 when granted €5 000 or less."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from rich.console import RenderableType

from annual_report.participation_labels import CATEGORIES, LUMP_SUM
from annual_report.participation_output import lump_sum_data
from annual_report.psa import KINDS, GrantUse, Group, Indicators, Part, PsaReport
from annual_report.psa_labels import LUMP_SUM_KINDS, PARTS, WORDS
from annual_report.shared import ZERO
from annual_report.sheets import NOTHING, Percent, Section, exact, json_text, sections_table, sections_workbook
from ground.lang import Lang

GROUP_FIELDS = (
    "beneficiaries",
    "with_integration_right",
    "with_trajectory",
    "spent",
    "average_cost",
    "spending_rate",
    "personnel_share",
)
UNUSED_FIELDS = ("allocated", "spent", "unused", "unused_rate")
"""Indicator 9 per part and per activity: what was allocated there, spent, and left unused."""
RATES = frozenset({"spending_rate", "personnel_share", "unused_rate"})


def as_data(result: PsaReport) -> dict[str, Any]:
    settings, grant = result.settings, result.grant
    data: dict[str, Any] = {
        "year": settings.year,
        "ocmw": settings.ocmw,
        "exempt": settings.exempt,
        "spent_per_part": {part.value: str(amount) for part, amount in result.totals.items()},
        "grant": {
            "granted": str(grant.granted),
            "spent": str(grant.spent),
            "justified": str(grant.justified),
            "personnel_lump_sum": {
                "kind": grant.lump_sum_kind.value,
                **lump_sum_data(grant.lump_sum),
                "rate": exact(grant.lump_sum_rate),
            },
            "used": str(grant.used),
        },
        "small_subsidy_spending_rate": exact(result.small_subsidy_spending_rate),
        "cooperation_agreements": [asdict(agreement) for agreement in settings.agreements],
        "indicators": None,
    }
    if (found := result.indicators) is not None:
        data["indicators"] = {
            "parts": {part.value: _group_data(group) for part, group in found.parts.items()},
            "activities": {kind.value: _group_data(group) for kind, group in found.kinds.items()},
            "collective_modules": {
                "participants": found.collective_modules.participants,
                "dropouts": found.collective_modules.dropouts,
                "progressed": found.collective_modules.progressed,
            },
            "spending_rate": exact(found.spending_rate),
            "unused_rate": exact(found.unused_rate),
            "overrun_rate": exact(found.overrun_rate),
            "cooperation_agreements": found.agreements,
        }
    return data


def _group_data(group: Group) -> dict[str, Any]:
    return {field: exact(getattr(group, field)) for field in dict.fromkeys((*GROUP_FIELDS, *UNUSED_FIELDS))}


def to_json(result: PsaReport) -> str:
    return json_text(as_data(result))


def _cells(group: Group, fields: tuple[str, ...] = GROUP_FIELDS) -> list[Any]:
    return [Percent(getattr(group, field)) if field in RATES else getattr(group, field) for field in fields]


def _unused_rows(found: Indicators, lang: Lang) -> list[list[Any]]:
    """Indicator 9 per part, each followed by its activities (indented)."""
    rows: list[list[Any]] = []
    for part in Part:
        rows.append([PARTS[part][lang], *_cells(found.parts[part], UNUSED_FIELDS)])
        rows += [[f"  {CATEGORIES[kind][lang]}", *_cells(found.kinds[kind], UNUSED_FIELDS)] for kind in KINDS[part]]
    return rows


def _header(lang: Lang, first: str) -> list[str]:
    return [WORDS[first][lang], *(WORDS[field][lang] for field in GROUP_FIELDS)]


def _sections(result: PsaReport, lang: Lang) -> list[Section]:
    totals = [[PARTS[part][lang], amount] for part, amount in result.totals.items()]
    totals.append([WORDS["all"][lang], sum(result.totals.values(), ZERO)])
    sections = [
        Section(WORDS["totals"][lang], None, totals, total=True),
        Section(WORDS["grant"][lang], None, _grant_rows(result.grant, lang)),
    ]
    if result.small_subsidy_spending_rate is not None:
        sections.append(Section("", None, [[WORDS["small_rate"][lang], Percent(result.small_subsidy_spending_rate)]]))
    if (found := result.indicators) is None:
        return [*sections, Section("", None, [[WORDS["exempt"][lang]]])]
    modules = found.collective_modules
    agreements = [[agreement.partner, agreement.kind] for agreement in result.settings.agreements]
    return [
        *sections,
        Section(
            "",
            None,
            [
                [WORDS["total_rate"][lang], Percent(found.spending_rate)],
                [WORDS["unused_rate"][lang], Percent(found.unused_rate)],
                [WORDS["overrun_rate"][lang], Percent(found.overrun_rate)],
            ],
        ),
        Section(
            WORDS["by_part"][lang],
            _header(lang, "part"),
            [[PARTS[part][lang], *_cells(group)] for part, group in found.parts.items()],
        ),
        Section(
            WORDS["by_activity"][lang],
            _header(lang, "activity"),
            [[CATEGORIES[kind][lang], *_cells(found.kinds[kind])] for part in Part for kind in KINDS[part]],
        ),
        Section(
            WORDS["unused_by_part"][lang],
            [
                WORDS["part_activity"][lang],
                *(WORDS[field][lang] for field in UNUSED_FIELDS[:-1]),
                WORDS["rate_9"][lang],
            ],
            _unused_rows(found, lang),
        ),
        Section(
            WORDS["modules"][lang],
            None,
            [
                [WORDS["participants"][lang], modules.participants],
                [WORDS["dropouts"][lang], modules.dropouts],
                [WORDS["progressed"][lang], modules.progressed],
            ],
        ),
        Section(f"{WORDS['agreements'][lang]}: {found.agreements}", None, agreements or [[NOTHING]]),
    ]


def _grant_rows(grant: GrantUse, lang: Lang) -> list[list[Any]]:
    outcome = LUMP_SUM[grant.lump_sum.outcome][lang]
    return [
        [WORDS["granted"][lang], grant.granted],
        [WORDS["justified"][lang], grant.justified],
        [f"{LUMP_SUM_KINDS[grant.lump_sum_kind][lang]} ({outcome})", grant.lump_sum.amount],
        [WORDS["lump_sum_rate"][lang], Percent(grant.lump_sum_rate)],
        [WORDS["used"][lang], grant.used],
    ]


def table(result: PsaReport, lang: Lang) -> RenderableType:
    settings = result.settings
    return sections_table(f"{WORDS['title'][lang]} {settings.year} — {settings.ocmw}", _sections(result, lang), lang)


def workbook(result: PsaReport, lang: Lang) -> bytes:
    settings = result.settings
    return sections_workbook(
        WORDS["sheet"][lang].format(year=settings.year),
        f"{WORDS['title'][lang]} {settings.year}",
        [[WORDS["ocmw"][lang], settings.ocmw]],
        _sections(result, lang),
        {"A": 70, **dict.fromkeys("BCDEFGH", 16)},
    )
