"""The outputs of ``ocmw report psa``: the JSON of the shipped fixtures, indicator 9 in every output, the
table with the circular's labels in Dutch and French, the workbook opened back, and where it is written."""

from __future__ import annotations

import io
import json
from pathlib import Path

from openpyxl import load_workbook

from tests.annual_report.psa_cases import (
    PSA,
    psa,
)

SHIPPED = ["report", "psa", "--activities", str(PSA / "activities.csv"), "--settings", str(PSA / "psa.toml")]
SMALL = ["report", "psa", "--activities", str(PSA / "activities-small.csv"), "--settings", str(PSA / "psa-small.toml")]


def test_the_json_of_the_shipped_fixture() -> None:
    result = psa(*SHIPPED, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["grant"]["granted"], data["exempt"], data["small_subsidy_spending_rate"]) == ("31500.00", False, None)
    assert data["spent_per_part"] == {"A": "16270.00", "B": "6950.00", "C": "7910.00"}
    found = data["indicators"]
    assert found["parts"]["A"] == {
        "beneficiaries": 119,
        "with_integration_right": 59,  # 40% of 64 is 26, 50% of 18 is 9
        "with_trajectory": 31,
        "spent": "16270.00",
        "average_cost": "136.72",
        "spending_rate": "51.7",
        "personnel_share": "14.8",
        "allocated": "17000.00",
        "unused": "730.00",
        "unused_rate": "2.3",
    }
    assert found["activities"]["social_programmes"]["average_cost"] is None
    assert found["collective_modules"] == {"participants": 20, "dropouts": 3, "progressed": 13}
    grant = data["grant"]
    assert (grant["spent"], grant["justified"], grant["used"]) == ("31130.00", "31130.00", "31500.00")
    assert grant["personnel_lump_sum"] == {
        "kind": "own",
        "outcome": "limited",
        "ten_percent": "3113.00",
        "amount": "370.00",
        "rate": "11.9",
    }
    assert (found["spending_rate"], found["unused_rate"], found["overrun_rate"]) == ("100.0", "0.0", "0.0")
    assert found["cooperation_agreements"] == 2
    assert data["cooperation_agreements"] == [
        {"partner": "vzw Buurtwerk", "kind": "samenwerkingsovereenkomst toneelproject"},
        {"partner": "Sportdienst gemeente Zele", "kind": "overeenkomst sportkampen"},
    ]


def test_indicator_9_per_part_and_activity_is_in_every_output(tmp_path: Path) -> None:
    found = json.loads(psa(*SHIPPED, "--format", "json").stdout)["indicators"]
    assert {key: found["parts"]["A"][key] for key in ("allocated", "unused", "unused_rate")} == {
        "allocated": "17000.00",
        "unused": "730.00",
        "unused_rate": "2.3",
    }
    assert [found["parts"][part]["unused"] for part in "BC"] == ["50.00", "0.00"]  # C spent 410 above its 7 500
    assert {key: found["activities"]["ict"][key] for key in ("allocated", "unused", "unused_rate")} == {
        "allocated": "2500.00",
        "unused": "400.00",
        "unused_rate": "1.3",
    }
    dutch = psa(*SHIPPED).stdout
    assert "9. Mate van onbenutte bedragen per luik en per activiteit" in dutch
    assert "Toegewezen" in dutch and "17.000,00 €" in dutch and "730,00 €" in dutch and "2,3 %" in dutch
    french = psa(*SHIPPED, "--lang", "fr").stdout
    assert "9. Taux de montants non utilisés par volet et par activité" in french and "Attribué" in french
    out = tmp_path / "psa.xlsx"
    assert psa(*SHIPPED, "--format", "xlsx", "--out", str(out)).exit_code == 0
    sheet = load_workbook(out).active
    assert sheet is not None
    rows = {row[0].value: row[1:] for row in sheet.iter_rows() if row and row[0].value}
    ict = rows["  Toegang tot de nieuwe informatie- en communicatietechnologieën"]
    assert [cell.value for cell in ict[:4]] == [2500, 2100, 400, 0.013]
    assert [cell.number_format for cell in ict[:4]] == ['#,##0.00 "€"'] * 3 + ["0.0 %"]


def test_the_json_of_the_small_fixture_has_totals_and_indicator_12_only() -> None:
    data = json.loads(psa(*SMALL, "--format", "json").stdout)
    assert data == {
        "year": 2025,
        "ocmw": "OCMW Moerbeke",
        "exempt": True,
        "spent_per_part": {"A": "2650.00", "B": "900.00", "C": "1180.00"},
        "grant": {
            "granted": "4800.00",
            "spent": "4730.00",
            "justified": "4730.00",
            "personnel_lump_sum": {
                "kind": "none",
                "outcome": "not_asked",
                "ten_percent": "473.00",
                "amount": "0.00",
                "rate": "0.0",
            },
            "used": "4730.00",
        },
        "small_subsidy_spending_rate": "98.5",
        "cooperation_agreements": [],
        "indicators": None,
    }


def test_the_table_uses_the_circulars_labels_in_dutch_and_french() -> None:
    dutch = psa(*SHIPPED)
    assert dutch.exit_code == 0, dutch.output
    for label in ("5.1. Afhakers", "5.2. Meetbare vooruitgang", "7. Verantwoord bedrag", "16.270,00 €", "51,7 %"):
        assert label in dutch.stdout
    assert "13. Personeelsforfait zonder externe samenwerking (10 % eigen personeel)" in dutch.stdout
    french = psa(*SHIPPED, "--lang", "fr")
    for label in ("5.1. Abandons", "9. Taux de montants non utilisés", "16\u202f270,00 €", "51,7 %"):
        assert label in french.stdout
    small = psa(*SMALL, "--lang", "fr").stdout
    assert "12. Taux d'utilisation (subside de 5 000 € ou moins)" in small and "98,5 %" in small
    assert "Subside inférieur à 7 500 €" in small
    assert "98,5 %" in psa(*SMALL).stdout


def test_the_workbook_holds_amounts_in_euro_and_rates_as_fractions(tmp_path: Path) -> None:
    out = tmp_path / "psa.xlsx"
    result = psa(*SHIPPED, "--format", "xlsx", "--out", str(out))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(io.BytesIO(out.read_bytes())).active
    assert sheet is not None
    rows = {row[0].value: row[1:] for row in sheet.iter_rows() if row and row[0].value}
    _, part_a, _ = [
        row[1:] for row in sheet.iter_rows() if row[0].value == "A. Bevorderen van maatschappelijke integratie"
    ]
    # the part's spending, its indicators 2-3, 8 and 11, its indicator 9
    assert [cell.value for cell in part_a[:7]] == [119, 59, 31, 16270, 136.72, 0.517, 0.148]
    assert [cell.number_format for cell in part_a[3:7]] == ['#,##0.00 "€"', '#,##0.00 "€"', "0.0 %", "0.0 %"]
    nothing = rows["Deelname aan sociale programma's"]  # no spending: no average cost nor personnel share
    assert [cell.value for cell in nothing[:7]] == [0, 0, 0, 0, None, 0, None]
    assert nothing[6].number_format == "0.0 %"
    label = (
        "13. Personeelsforfait zonder externe samenwerking (10 % eigen personeel) (beperkt tot het bedrag van het KB)"
    )
    assert rows[label][0].value == 370
    assert rows["8. Mate van besteding"][0].value == 1
    assert rows["5.1. Afhakers"][0].value == 3


def test_a_workbook_needs_a_file_to_be_written_to() -> None:
    result = psa(*SHIPPED, "--format", "xlsx")
    assert result.exit_code == 2
    assert "--format xlsx writes a workbook: give its file with --out" in result.stderr


def test_an_output_file_in_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = psa(*SHIPPED, "--format", "json", "--out", str(tmp_path / "missing" / "psa.json"))
    assert result.exit_code == 2
    assert f"cannot write {tmp_path / 'missing' / 'psa.json'}: No such file or directory" in result.stderr
