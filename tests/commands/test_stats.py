"""``ocmw stats``: every output format, the languages, and the exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import matplotlib.image
import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from cli import main
from tests.conftest import FIXTURES

GPMI = FIXTURES / "gpmi"
EXPECTED = json.loads((GPMI / "expected-2024.json").read_text())
EXPORT = ("--versions", str(GPMI / "versions.csv"), "--evaluations", str(GPMI / "evaluations.csv"))


def stats(*args: str | Path) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, ["stats", *(str(arg) for arg in args)])


def test_json_is_exactly_the_figures_of_the_specification() -> None:
    result = stats(*EXPORT, "--year", "2024", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == EXPECTED
    assert list(json.loads(result.stdout)) == [
        "period", "beneficiaries", "projects", "social_workers", "duration", "content", "extra_support",
        "evaluations", "final_evaluations", "versions",
    ]  # fmt: skip


def test_a_period_may_be_given_by_its_days_in_either_form() -> None:
    result = stats(*EXPORT, "--from", "01/01/2024", "--to", "2024-12-31", "--format", "json")
    assert json.loads(result.stdout) == EXPECTED


def test_a_warning_is_printed_but_does_not_stop_the_run() -> None:
    result = stats(*EXPORT, "--year", "2024", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == (
        f"waarschuwing: {GPMI / 'evaluations.csv'}: 1 evaluatierij van 1 contract dat niet in de versies staat is"
        " genegeerd (bijvoorbeeld C-9999-999)\n"
    )
    french = stats(*EXPORT, "--year", "2024", "--format", "json", "--lang", "fr")
    assert french.stderr == (
        f"avertissement : {GPMI / 'evaluations.csv'} : 1 ligne d'évaluation de 1 contrat absent des versions a été"
        " ignorée (par exemple C-9999-999)\n"
    )


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nl", ["GPMI-statistieken", "Aantal begunstigden", "Afgesloten projecten", "Gemiddeld aantal begunstigden",
                "1,75", "13 versierijen gelezen; 1 versie werd samengevoegd met een andere versie",
                "zodat elk van de 8 contracten één keer telt."]),
        ("fr", ["Statistiques PIIS", "Nombre de bénéficiaires", "Projets clôturés", "1,75",
                "13 lignes de versions lues ; 1 version a été regroupée avec une autre version du même contrat"]),
    ],
)  # fmt: skip
def test_the_table_speaks_the_chosen_language(lang: str, words: list[str]) -> None:
    result = stats(*EXPORT, "--year", "2024", "--lang", lang)
    assert result.exit_code == 0
    for word in words:
        assert word in result.stdout


def test_the_table_shows_the_pyramid_and_each_social_worker() -> None:
    text = stats(*EXPORT, "--year", "2024").stdout
    assert "│ 25-34 jaar " in text
    for worker in ("An Peeters", "Marie Dubois", "Sarah Janssens", "Youssef El Amrani"):
        assert worker in text


def test_csv_has_one_row_per_figure() -> None:
    result = stats(*EXPORT, "--year", "2024", "--format", "csv", "--lang", "fr")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0] == {"section": "beneficiaries", "figure": "total", "value": "6", "label": "Nombre de bénéficiaires"}
    figures = {(row["section"], row["figure"]): row["value"] for row in rows}
    assert figures[("beneficiaries", "by_gender_age.X.25-34")] == "2"
    assert figures[("social_workers", "projects.An Peeters")] == "3"
    assert figures[("social_workers", "avg_beneficiaries")] == "1.75"
    assert figures[("versions", "duplicates_removed")] == "1"
    # every figure, maps included: beneficiaries 2 + 3 genders x 8 bands, projects 4, social workers 11, then
    # 3 + 3 + 2 + 3 + 3 + 3
    assert len(rows) == 2 + 3 * 8 + 4 + 11 + 3 + 3 + 2 + 3 + 3 + 3


def test_xlsx_is_a_workbook_for_the_annual_report(tmp_path: Path) -> None:
    out = tmp_path / "jaarverslag.xlsx"
    result = stats(*EXPORT, "--year", "2024", "--format", "xlsx", "--out", out, "--ocmw", "OCMW Gent")
    assert result.exit_code == 0
    assert result.stderr.endswith(f"workbook written to {out}\n")
    book = load_workbook(out)
    assert book.sheetnames == [
        "Begunstigden", "Projecten", "Maatschappelijk werkers", "Duur van de projecten", "Inhoud van de projecten",
        "Extra steun", "Evaluaties", "Resultaat eindevaluaties", "Versies van de contracten",
    ]  # fmt: skip
    projects = book["Projecten"]
    assert projects["A1"].value == "GPMI-statistieken: Projecten"
    assert projects["A2"].value == "Periode: 01/01/2024 - 31/12/2024"
    assert projects["A3"].value == "OCMW: OCMW Gent"
    assert [[cell.value for cell in row] for row in projects.iter_rows(min_row=5)] == [
        ["Cijfer", "Waarde"],
        ["Aantal projecten", 8],
        ["Gestarte projecten", 6],
        ["Lopende projecten", 3],
        ["Afgesloten projecten", 5],
    ]
    values = rows_of(book["Maatschappelijk werkers"])
    assert ["Gemiddeld aantal begunstigden per maatschappelijk werker", 1.75] in values
    assert ["An Peeters", 3, 2] in values
    assert ["25-34 jaar", 0, 1, 2] in rows_of(book["Begunstigden"])  # vrouw, man, X


def rows_of(sheet: Worksheet) -> list[list[object]]:
    """The sheet's rows below its titles, without the empty cells at their end."""
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5)]
    return [row[: max((i + 1 for i, value in enumerate(row) if value is not None), default=0)] for row in rows]


def test_xlsx_names_the_ocmw_by_its_nis_code_when_no_name_is_given(tmp_path: Path) -> None:
    stats(*EXPORT, "--year", "2024", "--format", "xlsx", "--out", tmp_path / "s.xlsx", "--lang", "fr")
    sheet = load_workbook(tmp_path / "s.xlsx")["Projets"]
    assert sheet["A3"].value == "CPAS\N{NO-BREAK SPACE}: 44021"


def test_the_chart_is_a_png_as_wide_as_an_a4_pages_text_at_200_dpi(tmp_path: Path) -> None:
    chart = tmp_path / "CHART.PNG"  # the suffix in any case
    result = stats(*EXPORT, "--year", "2024", "--format", "json", "--chart", chart)
    assert result.exit_code == 0
    assert result.stderr.endswith(f"chart (PNG) written to {chart}\n")
    assert matplotlib.image.imread(chart).shape[1] == int(17 / 2.54 * 200)  # 1 338 pixels


@pytest.mark.parametrize(
    ("name", "kind", "start"),
    [("chart.svg", "SVG", b"<?xml"), ("chart.pdf", "PDF", b"%PDF")],
)
def test_the_charts_format_is_the_one_its_suffix_says(tmp_path: Path, name: str, kind: str, start: bytes) -> None:
    result = stats(*EXPORT, "--year", "2024", "--format", "json", "--chart", tmp_path / name)
    assert result.exit_code == 0
    assert result.stderr.endswith(f"chart ({kind}) written to {tmp_path / name}\n")
    assert (tmp_path / name).read_bytes().startswith(start)


def test_without_a_chart_matplotlib_is_not_loaded() -> None:
    counted = (
        "import sys; from cli import main; "
        f"main(['stats', '--versions', {str(GPMI / 'versions.csv')!r}, '--year', '2024', '--format', 'json'], "
        "standalone_mode=False); print('matplotlib' in sys.modules, file=sys.stderr)"
    )
    finished = subprocess.run([sys.executable, "-c", counted], capture_output=True, text=True, check=True)
    assert json.loads(finished.stdout)["projects"]["total"] == EXPECTED["projects"]["total"]
    assert finished.stderr.splitlines()[-1] == "False"


@pytest.mark.parametrize("name", ["chart.jpg", "chart", "chart.png.txt"])
def test_a_chart_in_another_format_is_a_usage_error_naming_the_accepted_ones(tmp_path: Path, name: str) -> None:
    result = stats(*EXPORT, "--year", "2024", "--chart", tmp_path / name)
    assert result.exit_code == 2
    assert f"{tmp_path / name} does not end in .png, .svg, .pdf" in result.stderr
    assert result.stdout == "" and list(tmp_path.iterdir()) == []


def test_every_gender_and_age_band_is_shown_even_for_an_export_without_anyone(tmp_path: Path) -> None:
    header_only = tmp_path / "versions.csv"
    header_only.write_text((GPMI / "versions.csv").read_text().splitlines()[0] + "\n")
    period = ("--versions", header_only, "--year", "2024")
    table = stats(*period).stdout
    assert "┃ vrouw ┃ man ┃ X of onbekend ┃" in table
    assert "│ 25-34 jaar                                      │     0 │   0 │             0 │" in table
    rows = list(csv.DictReader(io.StringIO(stats(*period, "--format", "csv").stdout)))
    by_gender_age = [row for row in rows if row["figure"].startswith("by_gender_age.")]
    assert len(by_gender_age) == 3 * 8 and {row["value"] for row in by_gender_age} == {"0"}
    stats(*period, "--format", "xlsx", "--out", tmp_path / "s.xlsx")
    sheet = rows_of(load_workbook(tmp_path / "s.xlsx")["Begunstigden"])
    heading = sheet.index(["Begunstigden per geslacht en leeftijdscategorie", "vrouw", "man", "X of onbekend"])
    assert sheet[heading + 1 : heading + 9] == [[band, 0, 0, 0] for band in BANDS]


BANDS = ["jonger dan 18", *(f"{band} jaar" for band in ("18-24", "25-34", "35-44", "45-54", "55-64")),
         "65 en ouder", "leeftijd onbekend"]  # fmt: skip


def test_the_tables_title_gives_the_period_as_people_write_it() -> None:
    assert stats(*EXPORT, "--year", "2024").stdout.startswith("GPMI-statistieken - Periode 01/01/2024 - 31/12/2024\n")


def test_json_written_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    result = stats(*EXPORT, "--year", "2024", "--format", "json", "--out", out)
    assert result.stdout == ""
    assert json.loads(out.read_text()) == EXPECTED
    assert [path.name for path in tmp_path.iterdir()] == ["figures.json"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((), "give the period"),
        (("--year", "2024", "--from", "2024-01-01"), "either --year or --from and --to"),
        (("--from", "2024-01-01"), "give the period"),
        (("--year", "2024", "--format", "xlsx"), "give its file with --out"),
        (
            ("--from", "31-12-2024", "--to", "2024-12-31"),
            "Invalid value for '--from': '31-12-2024' is not a day: write it as DD/MM/YYYY, such as 31/12/2026",
        ),
        (
            ("--from", "31/02/2024", "--to", "31/12/2024"),
            "Invalid value for '--from': 31/02/2024 does not exist: February 2024 has 29 days",
        ),
    ],
)
def test_usage_errors_exit_2(arguments: tuple[str, ...], message: str) -> None:
    result = stats(*EXPORT, *arguments)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_missing_export_is_a_usage_error() -> None:
    assert stats("--versions", "nowhere.csv", "--year", "2024").exit_code == 2


def test_bad_input_is_refused_with_every_problem_and_nothing_computed(tmp_path: Path) -> None:
    invalid = GPMI / "invalid"
    out = tmp_path / "figures.json"
    result = stats(
        "--versions", invalid / "versions.csv", "--evaluations", invalid / "evaluations.csv",
        "--year", "2024", "--format", "json", "--out", out,
    )  # fmt: skip
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "15 problems found; nothing was computed."
    assert f"{invalid / 'versions.csv'}, row 2, column signed_on: 2024-02-30 does not exist: February" in lines[3]
    assert any("row 7, column end_date: rows 6, 7 are all version 1 of contract C-5" in line for line in lines)
    assert any("row 4, column ssin: INSZ/NISS number 92.02.14-162.07 has wrong check digits" in line for line in lines)
    assert not out.exists()


@pytest.mark.parametrize(
    ("chosen", "said"),
    [
        ((), "Fout: de periode eindigt op 01/01/2024, vóór ze begint op 31/12/2024: "
             "de laatste dag valt op of na de eerste"),
        (("--lang", "fr"), "Erreur : la période se termine le 01/01/2024, avant de commencer le 31/12/2024 : "
                           "son dernier jour est le premier ou après"),
    ],
)  # fmt: skip
def test_a_period_that_ends_before_it_begins_is_invalid_input_said_in_the_commands_language(
    chosen: tuple[str, ...], said: str
) -> None:
    result = stats(*EXPORT, "--from", "2024-12-31", "--to", "2024-01-01", *chosen)
    assert result.exit_code == 1
    assert result.stderr == said + "\n"


def test_the_french_workbooks_titles_put_a_space_before_each_colon(tmp_path: Path) -> None:
    out = tmp_path / "rapport.xlsx"
    result = stats(
        *EXPORT, "--year", "2024", "--format", "xlsx", "--out", out, "--ocmw", "CPAS de Namur", "--lang", "fr"
    )
    assert result.exit_code == 0
    first = load_workbook(out).worksheets[0]
    assert [first[cell].value for cell in ("A2", "A3")] == [
        "Période\N{NO-BREAK SPACE}: 01/01/2024 - 31/12/2024",
        "CPAS\N{NO-BREAK SPACE}: CPAS de Namur",
    ]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "waarschuwing: er is geen export van de evaluaties gegeven (--evaluations): "
               "de cijfers van de evaluaties zijn 0"),
        ("fr", "avertissement : aucun export des évaluations n'a été donné (--evaluations) : "
               "les chiffres des évaluations sont 0"),
    ],
)  # fmt: skip
def test_statistics_without_evaluations_say_that_their_figures_are_0(lang: str, said: str) -> None:
    without = stats("--versions", GPMI / "versions.csv", "--year", "2024", "--format", "json", "--lang", lang)
    assert without.exit_code == 0
    assert said in without.stderr.splitlines()
    assert "--evaluations" not in stats(*EXPORT, "--year", "2024", "--format", "json", "--lang", lang).stderr
