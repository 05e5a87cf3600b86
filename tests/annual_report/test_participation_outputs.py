"""The outputs of ``ocmw report participation`` from the shipped fixture: the table in Dutch and in French,
the JSON's computed numbers, the workbook opened back, and the fixture as a workbook giving the same JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from cli import main
from tests.annual_report.participation_cases import EURO_FORMAT, PARTICIPATION, shipped


def test_the_command_prints_the_report_in_dutch() -> None:
    result = shipped()
    assert result.exit_code == 0, result.output
    for text in ("Sociale en culturele participatie", "Kinderarmoede", "Gerecycleerde computers", "Saldo"):
        assert text in result.stdout
    assert "13.880,00 €" in result.stdout and "1.388,00 €" in result.stdout
    assert "OCMW Berlare" in result.stdout and "700,00 €" in result.stdout


def test_the_command_prints_the_report_in_french_with_narrow_no_break_spaces() -> None:
    result = shipped("--lang", "fr")
    assert result.exit_code == 0, result.output
    for text in ("Participation sociale et culturelle", "Pauvreté infantile", "Ordinateurs recyclés", "Solde"):
        assert text in result.stdout
    assert "13\u202f880,00 €" in result.stdout and "1\u202f388,00 €" in result.stdout
    assert "13.880" not in result.stdout


def test_the_json_holds_the_fixture_s_computed_numbers() -> None:
    result = shipped("--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["year"], data["ocmw"]) == (2025, "OCMW Zele")
    participation = data["measures"]["participation"]
    assert {key: participation[key] for key in ("justified", "used", "unused", "advance", "balance")} == {
        "justified": "13880.00",
        "used": "15268.00",
        "unused": "11732.00",
        "advance": "13500.00",
        "balance": "1768.00",
    }
    assert participation["lump_sum"] == {"outcome": "granted", "ten_percent": "1388.00", "amount": "1388.00"}
    assert participation["small_investments"] == "500.00"
    assert participation["overview"]["ict"] == {"beneficiaries": 22, "entered": "3440.00", "accepted": "3240.00"}
    assert participation["overview"]["associations"]["accepted"] == "3050.00"
    child = data["measures"]["child_poverty"]
    assert (child["justified"], child["lump_sum"]["amount"], child["balance"]) == ("7955.00", "795.50", "4250.50")
    assert child["overview"]["psychological_support"] == {"beneficiaries": 0, "entered": "0.00", "accepted": "0.00"}
    assert child["cooperation"] == [
        {
            "ocmw": "OCMW Berlare",
            "decree": "16500.00",
            "justified": "15800.00",
            "lump_sum": {"outcome": "limited", "ten_percent": "1580.00", "amount": "700.00"},
            "council_decision": "2025-03-10",
            "requested_amount": "700.00",
        }
    ]
    recycled = data["measures"]["recycled_pcs"]
    assert (recycled["justified"], recycled["advance"], recycled["lump_sum"]) == ("500.00", "0.00", None)
    assert recycled["overview"]["recycled_pcs"] == {"beneficiaries": 6, "entered": "630.00", "accepted": "500.00"}
    assert data["recycled_pcs_overflow"] == "100.00"
    assert data["not_accepted"] == [
        {"row": 8, "rule": "person_purchases", "amount": "60.00"},
        {"row": 12, "rule": "small_investments", "amount": "300.00"},
        {"row": 20, "rule": "recycled_pc", "amount": "30.00"},
    ]


def test_the_workbook_holds_the_numbers_in_euro(tmp_path: Path) -> None:
    out = tmp_path / "participation.xlsx"
    result = shipped("--format", "xlsx", "--out", str(out))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(io.BytesIO(out.read_bytes())).active
    assert sheet is not None
    rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for cells in sheet.iter_rows():
        if cells[0].value:
            rows[str(cells[0].value)].append(tuple(cells[1:]))
    justified = [cells[0] for cells in rows["Verantwoord bedrag"]]
    assert [cell.value for cell in justified] == [13880.0, 7955.0, 500.0]
    assert {cell.number_format for cell in justified} == {EURO_FORMAT}
    assert [cells[0].value for cells in rows["Saldo"]] == [1768.0, 4250.5, 500.0]
    assert [tuple(cell.value for cell in cells[:3]) for cells in rows["Totaal"]] == [
        (109, 14140.0, 13880.0),
        (72, 7955.0, 7955.0),
        (6, 630.0, 500.0),
    ]
    lump_sums = rows["Personeelsforfait (10 % van het verantwoorde bedrag)"]
    assert [cells[0].value for cells in lump_sums] == [1388.0, 795.5]
    berlare, request = rows["OCMW Berlare"]
    assert [cell.value for cell in berlare] == [16500.0, 15800.0, 700.0]
    assert [cell.value for cell in request[:2]] == [700.0, dt.datetime(2025, 3, 10)]
    ict = rows["Toegang tot de nieuwe informatie- en communicatietechnologieën"][0]
    assert (ict[0].value, ict[1].value, ict[2].value) == (22, 3440.0, 3240.0)
    assert (ict[1].number_format, ict[2].number_format) == (EURO_FORMAT, EURO_FORMAT)
    not_accepted = [cells[:3] for cells in sheet.iter_rows() if isinstance(cells[0].value, int)]
    assert [tuple(cell.value for cell in cells) for cells in not_accepted] == [
        (8, "individuele aankopen boven € 500 (excl. btw) per persoon", 60.0),
        (12, "kleine investeringen boven € 500 (excl. btw) over de hele subsidie", 300.0),
        (20, "gerecycleerde computers boven € 100 per stuk", 30.0),
    ]
    assert {cells[2].number_format for cells in not_accepted} == {EURO_FORMAT}


def test_a_workbook_without_out_is_a_usage_error() -> None:
    result = shipped("--format", "xlsx")
    assert result.exit_code == 2
    assert "--format xlsx writes a workbook: give its file with --out" in result.stderr


def test_the_fixture_as_a_workbook_gives_the_same_json(tmp_path: Path) -> None:
    with (PARTICIPATION / "activities.csv").open(encoding="utf-8-sig", newline="") as file:
        header, *records = list(csv.reader(file, delimiter=";"))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for record in records:
        values: dict[str, Any] = dict(zip(header, record, strict=True))
        values["imputation_date"] = dt.datetime.strptime(values["imputation_date"], "%d/%m/%Y").date()
        values["beneficiaries"] = int(values["beneficiaries"])
        for name in ("amount", "invoice"):
            values[name] = float(values[name].replace(",", ".")) if values[name] else None
        values["guarantee_months"] = int(values["guarantee_months"]) if values["guarantee_months"] else None
        sheet.append([values[name] for name in header])
    workbook = tmp_path / "activities.xlsx"
    book.save(workbook)
    settings = str(PARTICIPATION / "participation.toml")
    from_xlsx = CliRunner().invoke(
        main,
        ["report", "participation", "--activities", str(workbook), "--settings", settings, "--format", "json"],
    )
    assert from_xlsx.exit_code == 0, from_xlsx.output
    from_csv = json.loads(shipped("--format", "json").stdout)
    for warning in from_csv["warnings"]:
        warning["file"] = str(workbook)  # the same warnings, of the workbook
    assert json.loads(from_xlsx.stdout) == from_csv
