"""Reading what the OCMW fills in for social and cultural participation, child poverty and recycled
computers: the activities (CSV or XLSX, one row per activity) and the measures' settings (TOML).
Every problem of both files is reported at once; descriptions written as abbreviations are warned
about (the manual refuses them, but only a reader can tell "BMX" from a word)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain
from pathlib import Path
from typing import Any

import pandas as pd

from annual_report.inputs import (
    DECREE_AMOUNT,
    SETTINGS_KEYS,
    Row,
    SettingsCheck,
    comparable,
    read_rows,
    settings_problem,
)
from annual_report.lump_sum import RATE
from annual_report.participation import (
    CATEGORIES,
    COOPERATION_CATEGORIES,
    RECYCLED_PC_GUARANTEE,
    Activity,
    Category,
    Cooperation,
    Measure,
    MeasureSettings,
    ParticipationReport,
)
from annual_report.shared import CENT
from ground import days, ssin
from ground.lang import Language, Said
from tabular.columns import Column, TableSpec, Type
from tabular.problems import AND, InvalidFiles, TableProblem, rows_named
from tabular.reader import TableReader
from tabular.toml_file import read_toml

ACTIVITIES = TableSpec(
    "activities",
    (
        Column("measure", Type.CHOICE, required=True, choices=tuple(Measure)),
        Column("category", Type.CHOICE, required=True, choices=tuple(chain(*CATEGORIES.values()))),
        Column("imputation_date", Type.DATE, required=True),
        Column("description", Type.TEXT, required=True, max_length=250),
        Column("beneficiaries", Type.POSITIVE_INTEGER, required=True),
        Column("amount", Type.AMOUNT, required=True),
        Column("invoice", Type.AMOUNT),
        Column("investment", Type.BOOLEAN),
        Column("person", Type.SSIN),
        Column("partner", Type.TEXT, max_length=200),
        Column("guarantee_months", Type.COUNT),
    ),
)
WORD = re.compile(r"[\w.]+")
AGREEMENT_WORDS = (
    "samenwerking",
    "overeenkomst",
    "akkoord",
    "conventie",
    "partnerschap",
    "convention",
    "accord",
    "collaboration",
    "cooperation",
    "partenariat",
)
"""Words (compared without case or accents) by which a description says it is a cooperation agreement."""
KNOWN_ABBREVIATIONS = frozenset({"OCMW", "CPAS", "BTW", "TVA", "PC", "ICT", "CD", "DVD", "TV", "GSM", "ERASMUS"})
"""Abbreviations the manual itself uses, which every reader knows."""
MEASURE_KEYS = {
    "decree_amount",
    "registered_amount",
    "personnel_lump_sum",
    "cooperation",
    "council_decision",
    "requested_amount",
}
AGREEMENT_KEYS = ("council_decision", "requested_amount")
"""What each OCMW of a cooperation gives for the personnel lump sum (1.12.2)."""


@dataclass(frozen=True)
class ParticipationInput:
    report: ParticipationReport
    warnings: list[TableProblem]


def load_participation(activities: Path, settings: Path, reader: TableReader | None = None) -> ParticipationInput:
    """The report of the two files; ``InvalidFiles`` with every problem of both. The rows are
    checked against what could be read of the settings (the year, the measures' tables) even when
    the settings have problems of their own."""
    found, problems = _settings(settings)
    table = read_rows(activities, ACTIVITIES, reader)
    rows, source = [row for row in table.rows if _complete(row)], table.source
    problems += table.problems + _row_problems(source, rows, found) + _missing_tables(str(settings), rows, found)
    if problems:
        raise InvalidFiles(problems)
    read = tuple(_activity(row) for row in rows)
    warnings = [_abbreviation_warning(source, activity) for activity in read if _abbreviations(activity)]
    warnings += _one_activity_under_several_categories(source, read)
    warnings += [_unstated_agreement_warning(source, activity) for activity in read if _agreement_unstated(activity)]
    return ParticipationInput(
        ParticipationReport(year=found.year, ocmw=found.ocmw, measures=found.measures, activities=read),
        sorted(warnings, key=lambda warning: (warning.row or 0, warning.column or "")),
    )


def _complete(row: Row) -> bool:
    """Whether the row's required values were read (the parser reported the others)."""
    return (
        row["measure"] in set(Measure)
        and row["category"] in ACTIVITIES.column("category").choices
        and not pd.isna(row["imputation_date"])
        and row["beneficiaries"] >= 1
        and row["amount"] is not None
        and bool(row["description"])
    )


def _row_problems(source: str, rows: list[Row], settings: _Settings) -> list[TableProblem]:
    problems = []
    year = settings.year
    for row in rows:
        number = int(row["row"])
        measure, category = Measure(row["measure"]), Category(row["category"])
        if category not in CATEGORIES[measure]:
            allowed = ", ".join(CATEGORIES[measure])
            problems.append(
                TableProblem(source, number, "category", f"{category} is not a category of {measure}; use {allowed}")
            )
        imputed = pd.Timestamp(row["imputation_date"]).date()
        if year and imputed.year != year:
            problems.append(
                TableProblem(
                    source,
                    number,
                    "imputation_date",
                    f"{days.format(imputed)} is outside the subsidy year {year} (01/01/{year} to 31/12/{year}); "
                    "the imputation date is the day the expense was booked",
                )
            )
        if measure is Measure.PARTICIPATION and row["partner"] and category not in COOPERATION_CATEGORIES:
            problems.append(
                TableProblem(
                    source,
                    number,
                    "category",
                    "an activity with a partner organisation is a cooperation, entered under "
                    f"{' or '.join(COOPERATION_CATEGORIES)} (1.10.2): move it there, or leave partner empty when "
                    "the organisation only sells the ticket or membership",
                )
            )
        if measure is Measure.RECYCLED_PCS:
            problems += _recycled_pc_problems(source, row)
        person = _person(row)
        wrong = ssin.problem(person) if person else None
        if wrong:
            problems.append(TableProblem(source, number, "person", str(wrong)))
        invoice = row["invoice"]
        if invoice is not None and row["amount"] > invoice:
            problems.append(
                TableProblem(
                    source,
                    number,
                    "amount",
                    f"{row['amount']} is more than the invoice ({invoice}); enter only the part charged "
                    "to the subsidy, at most the invoice",
                )
            )
    return problems


def _recycled_pc_problems(source: str, row: Row) -> list[TableProblem]:
    """Section 2.7: each recycled computer is bought on an invoice, and its supplier guarantees it for at
    least 12 months."""
    number, problems = int(row["row"]), []
    if row["invoice"] is None:
        problems.append(
            TableProblem(
                source,
                number,
                "invoice",
                "empty; each recycled computer needs an invoice (2.7): enter the invoice's amount",
            )
        )
    months = int(row["guarantee_months"])
    if months < RECYCLED_PC_GUARANTEE:
        problems.append(
            TableProblem(
                source,
                number,
                "guarantee_months",
                f"{f'{months} months' if months else 'empty'}; the supplier must guarantee each recycled computer "
                f"for at least {RECYCLED_PC_GUARANTEE} months (2.7): enter the guarantee in months, "
                f"{RECYCLED_PC_GUARANTEE} or more",
            )
        )
    return problems


def _missing_tables(source: str, rows: list[Row], settings: _Settings) -> list[TableProblem]:
    """One problem per measure whose activities have no table in the settings, naming their rows."""
    if settings.tables is None:
        return []
    rows_of: dict[Measure, list[int]] = {}
    for row in rows:
        rows_of.setdefault(Measure(row["measure"]), []).append(int(row["row"]))
    if not settings.tables:
        if not rows_of:
            return [
                settings_problem(
                    source,
                    "measures",
                    f"no measure; add at least one of the tables {', '.join(f'[{m}]' for m in Measure)}",
                )
            ]
        needed = [measure for measure in Measure if measure in rows_of]
        return [
            settings_problem(
                source,
                "measures",
                f"no measure; the activities are of {', '.join(needed)}: add the tables "
                f"{', '.join(f'[{m}]' for m in needed)}, each with its decree_amount",
            )
        ]
    return [
        settings_problem(
            source,
            measure,
            f"missing; the activities have {measure} in {rows_named(numbers)}: add a [{measure}] table with its "
            "decree_amount, or move those activities",
        )
        for measure, numbers in rows_of.items()
        if measure not in settings.tables
    ]


def _person(row: Row) -> str | None:
    """The INSZ of the row's person as 11 digits, ``None`` when the column is empty."""
    return f"{int(row['person']):011d}" if row["person"] else None


def _activity(row: Row) -> Activity:
    return Activity(
        measure=Measure(row["measure"]),
        category=Category(row["category"]),
        imputation_date=pd.Timestamp(row["imputation_date"]).date(),
        description=str(row["description"]).strip(),
        beneficiaries=int(row["beneficiaries"]),
        amount=row["amount"],
        invoice=row["invoice"],
        investment=bool(row["investment"]),
        person=_person(row),
        partner=str(row["partner"] or "").strip(),
        guarantee_months=int(row["guarantee_months"]),
        row=int(row["row"]),
    )


def _one_activity_under_several_categories(source: str, activities: Iterable[Activity]) -> list[TableProblem]:
    """Section 1.8: "when in doubt about the category, the OCMW may not enter the activity several
    times under several categories". The same activity is the same description (compared without
    case, accents, punctuation or extra spaces) under different categories of one measure; one
    warning per activity, on its first row, naming every row."""
    same: dict[tuple[Measure, str], list[Activity]] = defaultdict(list)
    for activity in activities:
        same[activity.measure, comparable(activity.description)].append(activity)
    warnings = []
    for entered in same.values():
        categories = list(dict.fromkeys(activity.category for activity in entered))
        if len(categories) < 2:
            continue
        rows = [activity.row or 0 for activity in entered]
        said = functools.partial(_several_categories, rows, entered[0].description, categories)
        warnings.append(TableProblem.written(source, min(rows), "category", said))
    return warnings


def _agreement_unstated(activity: Activity) -> bool:
    """Whether an activity of participation with a partner organisation, other than an investment
    for it, does not say in its description that it is a cooperation agreement (1.10.2)."""
    description = comparable(activity.description)
    return (
        activity.measure is Measure.PARTICIPATION
        and bool(activity.partner)
        and not activity.investment
        and not any(word in description for word in AGREEMENT_WORDS)
    )


def _several_categories(rows: list[int], what: str, categories: list[Category], lang: Language) -> str:
    joined = f" {AND[lang]} ".join(categories)
    return _SEVERAL_CATEGORIES[lang].format(rows=rows_named(rows, lang), what=what, categories=joined)


def _unstated_agreement_warning(source: str, activity: Activity) -> TableProblem:
    return TableProblem.written(
        source, activity.row, "description", lambda lang: _UNSTATED_AGREEMENT[lang].format(partner=activity.partner)
    )


_SEVERAL_CATEGORIES: Said = {
    "en": '{rows} enter one activity ("{what}") under {categories}; an activity belongs under one category only, '
    "even in doubt (1.8): keep it under one",
    "nl": '{rows} vermelden één activiteit ("{what}") onder {categories}; een activiteit hoort onder één categorie, '
    "ook bij twijfel (1.8): behoud ze onder één",
    "fr": "{rows} inscrivent une activité (« {what} ») sous {categories} ; une activité relève d'une seule "
    "catégorie, même en cas de doute (1.8) : gardez-la sous une seule",
}
_UNSTATED_AGREEMENT: Said = {
    "en": "the activity with {partner} is a cooperation: say so in the description, such as "
    '"samenwerkingsakkoord" or "accord de coopération" (1.10.2)',
    "nl": "de activiteit met {partner} is een samenwerking: vermeld dat in de omschrijving, bv. "
    '"samenwerkingsakkoord" of "accord de coopération" (1.10.2)',
    "fr": "l'activité avec {partner} est une coopération : indiquez-le dans la description, p. ex. "
    "« samenwerkingsakkoord » ou « accord de coopération » (1.10.2)",
}
_ABBREVIATED: Said = {
    "en": '{words}: abbreviations are not accepted; describe the activity in full (e.g. "BMX" as "purchase of a '
    'bicycle")',
    "nl": '{words}: afkortingen worden niet aanvaard; beschrijf de activiteit voluit (bv. "BMX" als "aankoop van '
    'een fiets")',
    "fr": "{words} : les abréviations ne sont pas acceptées ; décrivez l'activité en entier (p. ex. « BMX » comme "
    "« achat d'un vélo »)",
}


def _abbreviations(activity: Activity) -> list[str]:
    """The words of capitals ("BMX", "GWP", "B.M.X", "ÉTÉ"): the manual asks for the activity in full."""
    words = (word.strip(".") for word in WORD.findall(activity.description))
    return [
        word
        for word in words
        if sum(character.isalpha() for character in word) >= 2
        and word.replace(".", "").isupper()
        and word not in KNOWN_ABBREVIATIONS
    ]


def _abbreviation_warning(source: str, activity: Activity) -> TableProblem:
    words = ", ".join(_abbreviations(activity))
    return TableProblem.written(
        source, activity.row, "description", lambda lang: _ABBREVIATED[lang].format(words=words)
    )


@dataclass(frozen=True)
class _Settings:
    """What could be read of the settings."""

    year: int
    """0 when it could not be read."""
    ocmw: str
    measures: dict[Measure, MeasureSettings]
    tables: frozenset[Measure] | None
    """The measures with a table in the file; None when the file could not be read or is another
    report's."""


def _settings(path: Path) -> tuple[_Settings, list[TableProblem]]:
    try:
        data = read_toml(path)
    except InvalidFiles as invalid:
        return _Settings(0, "", {}, None), invalid.problems
    check = SettingsCheck(path)
    if check.of_another_report(data, "participation"):
        return _Settings(0, "", {}, None), check.problems
    check.known(data, SETTINGS_KEYS["participation"])
    year = check.year(data.get("year"))
    measures = {}
    for measure in Measure:
        table = data.get(measure.value)
        if table is None:
            continue
        if not isinstance(table, dict):
            check.problem(measure, f"a table: [{measure}] with decree_amount = ...")
            continue
        measures[measure] = _measure(measure, table, check, year)
    tables = frozenset(measure for measure in Measure if measure.value in data)
    found = _Settings(
        year=year,
        ocmw=check.name(data.get("ocmw"), "ocmw", "the OCMW's name", "OCMW Zele"),
        measures=measures,
        tables=tables,
    )
    return found, check.problems


def _measure(measure: Measure, table: dict[str, Any], check: SettingsCheck, year: int) -> MeasureSettings:
    keys = {"decree_amount"} if measure is Measure.RECYCLED_PCS else MEASURE_KEYS
    check.known(table, keys, prefix=f"{measure}.")
    registered = table.get("registered_amount")
    decree = check.required_amount(table, "decree_amount", f"{measure}.decree_amount", DECREE_AMOUNT)
    asked = check.flag(table.get("personnel_lump_sum", False), f"{measure}.personnel_lump_sum")
    cooperations = tuple(_cooperation(measure, table.get("cooperation", []), check, year))
    if not cooperations:
        for name in AGREEMENT_KEYS:
            if name in table:
                check.problem(
                    f"{measure}.{name}",
                    f"only for a cooperation agreement (1.12.2); add its [[{measure}.cooperation]] entries "
                    "or remove this setting",
                )
        council_decision, requested = None, None
    else:
        council_decision, requested = _agreement(table, f"{measure}", check, year, decree, required=asked)
    return MeasureSettings(
        decree=decree,
        registered=None if registered is None else check.amount(registered, f"{measure}.registered_amount"),
        lump_sum_asked=asked,
        cooperations=cooperations,
        council_decision=council_decision,
        requested=requested,
    )


def _cooperation(measure: Measure, value: object, check: SettingsCheck, year: int) -> list[Cooperation]:
    key = f"{measure}.cooperation"
    found = []
    example = (
        f'[[{key}]] with ocmw = "OCMW B", decree_amount = 10000.00, justified = 11000.00, '
        "council_decision = 2025-03-12 and requested_amount = 1000.00"
    )
    for number, entry in enumerate(check.tables(value, key, example), start=1):
        where = f"{key}[{number}]"
        check.known(entry, {"ocmw", "decree_amount", "justified", *AGREEMENT_KEYS}, prefix=f"{where}.")
        decree = check.required_amount(entry, "decree_amount", f"{where}.decree_amount")
        council_decision, requested = _agreement(entry, where, check, year, decree, required=True)
        found.append(
            Cooperation(
                ocmw=check.name(entry.get("ocmw"), f"{where}.ocmw", "the cooperating OCMW's name", "OCMW Berlare"),
                decree=decree,
                justified=check.required_amount(entry, "justified", f"{where}.justified"),
                council_decision=council_decision,
                requested=requested,
            )
        )
    return found


def _agreement(
    table: dict[str, Any], where: str, check: SettingsCheck, year: int, decree: Decimal, *, required: bool
) -> tuple[dt.date | None, Decimal | None]:
    """What an OCMW of a cooperation gives for the personnel lump sum (1.12.2): the day its council
    decided on the cooperation, by the end of the subsidy year, and the lump sum it asks, at most
    10 % of its royal decree's amount (no lump sum is more)."""
    council_decision: dt.date | None = None
    if "council_decision" in table:
        council_decision = check.day(table["council_decision"], f"{where}.council_decision")
        if council_decision is not None and year and council_decision > dt.date(year, 12, 31):
            check.problem(
                f"{where}.council_decision",
                f"{days.format(council_decision)} is after the subsidy year {year}: "
                f"the cooperation of {year} is decided by 31/12/{year}",
            )
    elif required:
        check.problem(
            f"{where}.council_decision",
            "missing; write the date of the OCMW council's decision on the cooperation, "
            "such as council_decision = 2025-03-12",
        )
    requested: Decimal | None = None
    if "requested_amount" in table or required:
        requested = check.required_amount(
            table, "requested_amount", f"{where}.requested_amount", "the personnel lump sum this OCMW asks"
        )
        most = (decree * RATE).quantize(CENT)
        failed = check.failed(f"{where}.requested_amount") or check.failed(f"{where}.decree_amount")
        if not failed and requested > most:
            check.problem(
                f"{where}.requested_amount",
                f"{requested} is more than 10 % of the royal decree's amount ({decree}), "
                "the most a personnel lump sum can be (1.12)",
            )
    return council_decision, requested
