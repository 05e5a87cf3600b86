"""Getting an OCMW's records in: decisions and GPMI contract versions from CSV or XLSX, one GPMI
version with its PDF, and the consents the OCMW recorded. The same standard as everywhere: every
problem of every file at once, with row and column, and nothing written unless all of it is right (the
caller's transaction holds the whole import)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, cast

import pandas as pd
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from esv.codes import AidKind, CalculationCode, DecisionKind, GpmiKind, Legislation
from esv.pdf import pdf_problem
from ground import periods, ssin
from storage import audit, references, tables
from tabular.columns import Column, TableSpec, Type
from tabular.parsing import ssin_text
from tabular.problems import InvalidFiles, TableProblem
from tabular.reader import TableReader

DECISIONS = TableSpec(
    "decisions",
    (
        Column("dossier_id", Type.TEXT, required=True, max_length=32),
        Column("ssin", Type.SSIN, required=True),
        Column("last_name", Type.TEXT, required=True, max_length=100),
        Column("first_name", Type.TEXT, required=True, max_length=100),
        Column("number", Type.POSITIVE_INTEGER, required=True),
        Column("kind", Type.CHOICE, required=True, choices=tuple(DecisionKind)),
        Column("legislation", Type.CHOICE, required=True, choices=tuple(Legislation)),
        Column("decision_date", Type.DATE, required=True),
        Column("effective_date", Type.DATE, required=True),
        Column("duration_months", Type.POSITIVE_INTEGER),
        Column("judgment", Type.BOOLEAN),
        Column("legal_motivation", Type.TEXT, max_length=4000),
        Column("aid_kind", Type.CHOICE, choices=tuple(AidKind)),
        Column("aid_category", Type.CHOICE, choices=("1", "2", "3")),
        Column("monthly_amount", Type.AMOUNT),
        Column("refunded_amount", Type.AMOUNT),
        Column("calculation", Type.TEXT),
    ),
)
"""One row per decision, or per aid of a decision: rows of one decision repeat its fields and each
brings one aid. ``calculation`` lists the elements taken into account, ``code[:amount][:label]``
separated by ``;`` (``children::2; maintenance_received:150.00``)."""

GPMI_VERSIONS = TableSpec(
    "GPMI contract versions",
    (
        Column("contract_id", Type.TEXT, required=True, max_length=64),
        Column("dossier_id", Type.TEXT, required=True, max_length=32),
        Column("version", Type.POSITIVE_INTEGER, required=True),
        Column("kind", Type.CHOICE, required=True, choices=tuple(GpmiKind)),
        Column("start_date", Type.DATE, required=True),
        Column("end_date", Type.DATE, required=True),
        Column("validated_on", Type.DATE),
        Column("pdf", Type.TEXT),
    ),
)
"""One row per version of a contract; ``pdf`` is the file of a validated version, its path
relative to the imported file; a draft (no ``validated_on``) needs none."""

DECISION_FIELDS = (
    "kind",
    "legislation",
    "decision_date",
    "effective_date",
    "duration_months",
    "judgment",
    "legal_motivation",
    "calculation",
)


@dataclass(frozen=True)
class Imported:
    """What an import wrote."""

    persons: int = 0
    dossiers: int = 0
    decisions: int = 0
    contracts: int = 0
    versions: int = 0


def import_files(
    session: Session, decisions: list[Path], gpmi: list[Path], *, actor: str, reader: TableReader | None = None
) -> list[tuple[Path, Imported]]:
    """Import decisions, then GPMI versions, from files; ``InvalidFiles`` with the problems of every
    file at once: first those of their tables, then those against the database (a GPMI file is
    checked against the database once the decisions are in, since its dossiers come from them)."""
    reader = reader or TableReader()
    problems: list[TableProblem] = []
    decision_tables = [read for path in decisions if (read := _read(path, DECISIONS, reader, problems))]
    gpmi_tables = [read for path in gpmi if (read := _read(path, GPMI_VERSIONS, reader, problems))]
    if problems:
        raise InvalidFiles(problems)
    done = _import_all(session, _import_decisions, decision_tables, actor)
    return done + _import_all(session, _import_gpmi_versions, gpmi_tables, actor)


ReadTable = tuple[Path, pd.DataFrame, str]
"""A file, its parsed table, and where it was read (the file, and the sheet of a workbook of several)."""


def _read(path: Path, spec: TableSpec, reader: TableReader, problems: list[TableProblem]) -> ReadTable | None:
    """The file's table, or ``None`` with its problems added to ``problems``."""
    try:
        return (path, *_table(path, spec, reader))
    except InvalidFiles as invalid:
        problems += invalid.problems
        return None


def _import_all(
    session: Session, importing: Callable[..., Imported], read: list[ReadTable], actor: str
) -> list[tuple[Path, Imported]]:
    """Each table imported; ``InvalidFiles`` with the problems of all of them."""
    problems: list[TableProblem] = []
    done = []
    for path, frame, source in read:
        try:
            done.append((path, importing(session, path, frame, source, actor=actor)))
        except InvalidFiles as invalid:
            problems += invalid.problems
    if problems:
        raise InvalidFiles(problems)
    return done


def _table(path: Path, spec: TableSpec, reader: TableReader) -> tuple[pd.DataFrame, str]:
    """The parsed table, and where it was read (the file, and the sheet of a workbook of several)."""
    raw = reader.read(path, spec)
    parsed = reader.parse(raw, spec)
    problems = list(parsed.problems)
    frame = parsed.frame
    if "ssin" in frame:
        frame["ssin"] = ssin_text(frame["ssin"].astype("int64"))
        checked = {number: ssin.problem(number) for number in frame["ssin"].unique() if number != "00000000000"}
        problems += [
            TableProblem(raw.source, int(row), "ssin", str(wrong))
            for row, number in zip(frame["row"], frame["ssin"], strict=True)
            if (wrong := checked.get(number))
        ]
    if problems:
        raise InvalidFiles(problems)
    return frame, raw.source


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], frame.to_dict("records"))


def _text(value: Any) -> str | None:
    return None if value is None or pd.isna(value) or str(value) == "" else str(value)


def _day(value: Any) -> dt.date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def calculation_elements(text: str) -> list[tables.CalculationElement]:
    """``code[:amount][:label]`` entries separated by ``;``; ``ValueError`` says what is wrong."""
    elements = []
    for position, entry in enumerate(part.strip() for part in text.split(";") if part.strip()):
        code, amount, label = [*entry.split(":", 2), "", ""][:3]
        if code.strip() not in set(CalculationCode):
            raise ValueError(f"{code.strip()!r} is not an element code; use one of: {', '.join(CalculationCode)}")
        try:
            value = Decimal(amount.strip().replace(",", ".")) if amount.strip() else None
        except InvalidOperation:
            raise ValueError(f"{amount.strip()!r} is not an amount such as 150.00") from None
        if value is not None and (value < 0 or value.as_tuple().exponent < -2):  # type: ignore[operator]
            raise ValueError(f"{amount.strip()!r} is not an amount of at least 0 with at most 2 decimals")
        if len(label.strip()) > 200:
            raise ValueError("a label is at most 200 characters long")
        elements.append(
            tables.CalculationElement(position=position, code=code.strip(), amount=value, label=label.strip() or None)
        )
    return elements


def _import_decisions(session: Session, path: Path, frame: pd.DataFrame, source: str, *, actor: str) -> Imported:
    """Add or replace the decisions of a file, with their persons and dossiers."""
    problems: list[TableProblem] = []
    decisions: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for row in records(frame):
        decisions[(str(row["dossier_id"]), int(row["number"]))].append(row)
    owners: dict[str, dict[str, Any]] = {}
    names: dict[str, dict[str, Any]] = {}
    for rows in decisions.values():
        first = rows[0]
        for other in rows[1:]:
            differing = [field for field in DECISION_FIELDS if _text(other[field]) != _text(first[field])]
            if differing:
                problems.append(
                    TableProblem(
                        source,
                        int(other["row"]),
                        ", ".join(differing),
                        f"decision {first['number']} of dossier {first['dossier_id']} is already given on row "
                        f"{first['row']} with other values",
                    )
                )
        for row in rows:
            owner = owners.setdefault(str(row["dossier_id"]), row)
            if owner["ssin"] != row["ssin"]:
                problems.append(
                    TableProblem(
                        source,
                        int(row["row"]),
                        "ssin",
                        f"dossier {row['dossier_id']} belongs to {owner['ssin']} on row {owner['row']}",
                    )
                )
            named = names.setdefault(str(row["ssin"]), row)
            if (named["last_name"], named["first_name"]) != (row["last_name"], row["first_name"]):
                problems.append(
                    TableProblem(
                        source,
                        int(row["row"]),
                        "last_name, first_name",
                        f"{row['ssin']} is named {named['last_name']} {named['first_name']} on row {named['row']}",
                    )
                )
        try:
            calculation_elements(_text(first["calculation"]) or "")
        except ValueError as error:
            problems.append(TableProblem(source, int(first["row"]), "calculation", str(error)))
        for row in rows:
            if _text(row["aid_kind"]) is None and any(
                _text(row[field]) is not None for field in ("aid_category", "monthly_amount", "refunded_amount")
            ):
                problems.append(TableProblem(source, int(row["row"]), "aid_kind", "an aid needs its kind"))
    for dossier_id, row in owners.items():
        existing = session.scalars(select(tables.Dossier).where(tables.Dossier.dossier_id == dossier_id)).first()
        if existing is not None and existing.person.ssin != row["ssin"]:
            problems.append(
                TableProblem(
                    source,
                    int(row["row"]),
                    "dossier_id",
                    f"dossier {dossier_id} belongs to another person in the database",
                )
            )
    if problems:
        raise InvalidFiles(problems)
    persons = {ssin: _person(session, ssin, row) for ssin, row in names.items()}
    dossiers = {dossier_id: _dossier(session, dossier_id, persons[row["ssin"]]) for dossier_id, row in owners.items()}
    for (dossier_id, number), rows in decisions.items():
        dossier = dossiers[dossier_id]
        replaced = session.scalars(
            select(tables.Decision).where(tables.Decision.dossier_id == dossier.id, tables.Decision.number == number)
        ).first()
        if replaced is not None:  # with its aid and calculation elements
            session.delete(replaced)
            session.flush()
        first = rows[0]
        session.add(
            tables.Decision(
                dossier_id=dossier.id,
                number=number,
                kind=str(first["kind"]),
                legislation=str(first["legislation"]),
                decision_date=_day(first["decision_date"]),
                effective_date=_day(first["effective_date"]),
                duration_months=int(first["duration_months"]) or None,
                judgment=bool(first["judgment"]),
                legal_motivation=_text(first["legal_motivation"]),
                aid=[
                    tables.Aid(
                        position=position,
                        kind=str(row["aid_kind"]),
                        category=int(row["aid_category"]) if _text(row["aid_category"]) else None,
                        monthly_amount=row["monthly_amount"],
                        refunded_amount=row["refunded_amount"],
                    )
                    for position, row in enumerate(row for row in rows if _text(row["aid_kind"]))
                ],
                calculation_elements=calculation_elements(_text(first["calculation"]) or ""),
            )
        )
    imported = Imported(persons=len(persons), dossiers=len(dossiers), decisions=len(decisions))
    audit.log(session, actor=actor, action="import_decisions", file=str(path), **imported.__dict__)
    session.flush()
    references.register(session, persons)
    return imported


def _person(session: Session, ssin: str, row: dict[str, Any]) -> tables.Person:
    person = session.scalars(select(tables.Person).where(tables.Person.ssin == ssin)).first()
    if person is None:
        person = tables.Person(ssin=ssin, last_name="", first_name="")
        session.add(person)
    person.last_name, person.first_name = str(row["last_name"]), str(row["first_name"])
    session.flush()
    return person


def _dossier(session: Session, dossier_id: str, person: tables.Person) -> tables.Dossier:
    dossier = session.scalars(select(tables.Dossier).where(tables.Dossier.dossier_id == dossier_id)).first()
    if dossier is None:
        dossier = tables.Dossier(dossier_id=dossier_id, person_id=person.id)
        session.add(dossier)
        session.flush()
    return dossier


@dataclass(frozen=True)
class VersionRow:
    """One GPMI contract version to store, wherever it comes from (a file, or ``ocmw gpmi add-version``)."""

    contract_id: str
    dossier_id: str
    version: int
    kind: str
    start: dt.date
    end: dt.date
    validated_on: dt.date | None
    pdf: Path | None
    row: int | None = None


def _import_gpmi_versions(session: Session, path: Path, frame: pd.DataFrame, source: str, *, actor: str) -> Imported:
    """Add or replace the GPMI contract versions of a file, with the PDFs it names."""
    rows = [
        VersionRow(
            contract_id=str(row["contract_id"]),
            dossier_id=str(row["dossier_id"]),
            version=int(row["version"]),
            kind=str(row["kind"]),
            start=_day(row["start_date"]),  # type: ignore[arg-type]
            end=_day(row["end_date"]),  # type: ignore[arg-type]
            validated_on=_day(row["validated_on"]),
            pdf=path.parent / str(row["pdf"]) if _text(row["pdf"]) else None,
            row=int(row["row"]),
        )
        for row in records(frame)
    ]
    return store_versions(session, rows, source=source, actor=actor)


def store_versions(session: Session, rows: list[VersionRow], *, source: str, actor: str) -> Imported:
    """Check and store GPMI versions: a validated one needs a readable PDF, a contract stays in its
    dossier, a version is given once, ``start <= end``. ``InvalidFiles`` lists every problem."""
    problems: list[TableProblem] = []
    contracts: dict[str, VersionRow] = {}
    seen: dict[tuple[str, int], VersionRow] = {}
    pdfs: dict[tuple[str, int], bytes] = {}
    for row in rows:
        owner = contracts.setdefault(row.contract_id, row)
        if owner.dossier_id != row.dossier_id:
            problems.append(
                TableProblem(
                    source,
                    row.row,
                    "dossier_id",
                    f"contract {row.contract_id} belongs to dossier {owner.dossier_id} (row {owner.row})",
                )
            )
        earlier = seen.setdefault((row.contract_id, row.version), row)
        if earlier is not row:
            problems.append(
                TableProblem(
                    source,
                    row.row,
                    "version",
                    f"version {row.version} of contract {row.contract_id} is already given on row {earlier.row}",
                )
            )
        if reversed_period := periods.problem(row.start, row.end):
            problems.append(TableProblem(source, row.row, "end_date", str(reversed_period)))
        if row.validated_on is not None and row.pdf is None:
            problems.append(TableProblem(source, row.row, "pdf", "a validated version needs its contract PDF"))
        if row.pdf is not None:
            if not row.pdf.is_file():
                problems.append(TableProblem(source, row.row, "pdf", f"{row.pdf}: no such file"))
            else:
                content = row.pdf.read_bytes()
                problem = pdf_problem(content)
                if problem:
                    problems.append(TableProblem(source, row.row, "pdf", f"{row.pdf.name}: {problem}"))
                pdfs[(row.contract_id, row.version)] = content
    dossiers = {}
    for contract_id, row in contracts.items():
        dossier = session.scalars(select(tables.Dossier).where(tables.Dossier.dossier_id == row.dossier_id)).first()
        if dossier is None:
            problems.append(
                TableProblem(
                    source,
                    row.row,
                    "dossier_id",
                    f"dossier {row.dossier_id} is not in the database: import its decisions first",
                )
            )
            continue
        existing = session.scalars(
            select(tables.GpmiContract).where(tables.GpmiContract.contract_id == contract_id)
        ).first()
        if existing is not None and existing.dossier_id != dossier.id:
            problems.append(
                TableProblem(
                    source, row.row, "contract_id", f"contract {contract_id} belongs to another dossier in the database"
                )
            )
        dossiers[contract_id] = (dossier, existing)
    if problems:
        raise InvalidFiles(problems)
    for contract_id, (dossier, existing) in dossiers.items():
        contract = existing or tables.GpmiContract(contract_id=contract_id, dossier_id=dossier.id)
        if existing is None:
            session.add(contract)
            session.flush()
        for row in (row for row in rows if row.contract_id == contract_id):
            session.execute(
                delete(tables.GpmiVersion).where(
                    tables.GpmiVersion.contract_id == contract.id, tables.GpmiVersion.version == row.version
                )
            )
            session.add(
                tables.GpmiVersion(
                    contract_id=contract.id,
                    version=row.version,
                    kind=row.kind,
                    start=row.start,
                    end=row.end,
                    validated_on=row.validated_on,
                    pdf_filename=row.pdf.name if row.pdf else None,
                    pdf=pdfs.get((row.contract_id, row.version)),
                )
            )
    imported = Imported(contracts=len(dossiers), versions=len(rows))
    audit.log(session, actor=actor, action="import_gpmi_versions", file=source, **imported.__dict__)
    session.flush()
    references.register(session, (dossier.person.ssin for dossier, _ in dossiers.values()))
    return imported
