"""The statistics page: the figures of ``gpmi_stats`` from uploaded exports, laid out as the terminal
lays them out, the period chosen by the rule of ``ocmw stats``, the input's problems named with the
file as the user chose it, and the size of the upload."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from cli import main
from gpmi_stats.columns import VERSIONS
from gpmi_stats.period import Period, PeriodRefused, chosen_period
from ground.days import validate as read_day
from ground.periods import ReversedPeriod
from tests.conftest import FIXTURES
from tests.spreadsheets import INFO, fixture_table, write_workbook
from tests.web.web_world import SOCIAL_WORKER, WebWorld, csrf_of, logged_in, post, web_world

GPMI = FIXTURES / "gpmi"
EXPORT = ("--versions", str(GPMI / "versions.csv"), "--evaluations", str(GPMI / "evaluations.csv"))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebWorld]:
    with web_world(tmp_path_factory.mktemp("stats")) as made:
        yield made


@pytest.fixture(scope="module")
def worker(world: WebWorld) -> TestClient:
    return logged_in(world.pages, SOCIAL_WORKER)


def _send(worker: TestClient, period: dict[str, str], files: dict[str, tuple[str, bytes, str]]) -> str:
    token = csrf_of(worker.get("/statistics"))
    return worker.post("/statistics", data={**period, "csrf_token": token}, files=files).text


def _compute(worker: TestClient, period: dict[str, str], versions: Path = GPMI / "versions.csv") -> str:
    files = {
        "versions": (versions.name, versions.read_bytes(), "text/csv"),
        "evaluations": ("evaluations.csv", (GPMI / "evaluations.csv").read_bytes(), "text/csv"),
    }
    return _send(worker, period, files)


def test_the_figures_of_a_year_are_those_of_ocmw_stats(worker: TestClient) -> None:
    page = _compute(worker, {"year": "2024"})
    assert "Aantal begunstigden" in page and "Begunstigden per geslacht en leeftijdscategorie" in page
    workbook_uri = re.search(
        r'href="data:application/vnd[^;]+;base64,([^"]+)" download="gpmi-20240101-20241231.xlsx"', page
    )
    assert workbook_uri is not None
    sheet = load_workbook(io.BytesIO(base64.b64decode(workbook_uri.group(1)))).worksheets[0]
    assert sheet["A2"].value == "Periode: 01/01/2024 - 31/12/2024"
    chart_uri = re.search(r'<img class="chart" src="data:image/png;base64,([^"]+)"', page)
    assert chart_uri is not None and base64.b64decode(chart_uri.group(1)).startswith(b"\x89PNG")


def test_the_page_lays_out_the_tables_of_the_terminal(worker: TestClient) -> None:
    page = _compute(worker, {"year": "2024"})
    terminal = CliRunner().invoke(main, ["stats", *EXPORT, "--year", "2024"]).stdout
    pyramid = page.split("<caption>Begunstigden per geslacht en leeftijdscategorie</caption>")[1].split("</table>")[0]
    bands = re.findall(r'<tr><th scope="row">([^<]*)</th>', pyramid)
    years = [f"{band} jaar" for band in ("18-24", "25-34", "35-44", "45-54", "55-64")]
    assert bands == ["jonger dan 18", *years, "65 en ouder", "leeftijd onbekend"]
    for band in bands:  # an empty band too: 55-64 holds nobody in 2024
        assert f"│ {band} " in terminal
    numbers = '<td class="number">0</td>' * 3  # vrouw, man, X: a gender without anyone too
    assert f'<tr><th scope="row">55-64 jaar</th>{numbers}</tr>' in page


def test_a_year_and_a_period_together_are_refused(worker: TestClient) -> None:
    page = _compute(worker, {"year": "2024", "from": "01/01/2024", "to": "31/12/2024"})
    assert "Geef een jaar, of een begin- en einddatum, niet beide." in page


def test_a_period_that_ends_before_it_begins_is_refused(worker: TestClient) -> None:
    page = _compute(worker, {"from": "01/07/2024", "to": "30/06/2024"})
    assert "De periode eindigt op 30/06/2024, vóór ze begint op 01/07/2024" in page


@pytest.mark.parametrize("year", ["1989", "2201", "²⁰²⁴", "٢٠٢٤", "24"])
def test_a_year_is_four_ascii_digits_from_1990_to_2200_on_the_page_and_in_the_terminal(
    worker: TestClient, year: str
) -> None:
    said = f"&#39;{year}&#39; is geen jaar tussen 1990 en 2200: schrijf het met vier cijfers"
    assert said in _compute(worker, {"year": year})
    assert CliRunner().invoke(main, ["stats", *EXPORT, "--year", year]).exit_code == 2


def test_the_period_rule_is_the_one_of_ocmw_stats() -> None:
    assert chosen_period(2024, None, None) == Period.year(2024)
    first, last = read_day("2024-01-01"), read_day("30/06/2024")
    assert chosen_period(None, first, last) == Period(first, last)
    for year, days, kind in ((2024, (first, None), "year_and_days"), (None, (first, None), "no_period")):
        with pytest.raises(PeriodRefused) as refused:
            chosen_period(year, *days)
        assert refused.value.kind == kind
    with pytest.raises(ReversedPeriod):
        chosen_period(None, last, first)


def test_the_problems_of_the_export_name_the_file_chosen(worker: TestClient) -> None:
    page = _compute(worker, {"year": "2024"}, GPMI / "invalid" / "versions.csv")
    assert "versions.csv, row 2, column signed_on" in page
    assert "ocmw-stats-" not in page
    assert "De details in het Engels, zoals ocmw stats ze geeft, met bestand, rij en kolom:" in page


def test_the_problems_and_remarks_of_the_export_are_led_by_a_french_sentence(worker: TestClient) -> None:
    post(worker, "/language", {"lang": "fr", "back": "/statistics"})
    try:
        problems = _compute(worker, {"year": "2024"}, GPMI / "invalid" / "versions.csv")
        assert "L&#39;export contient" in problems and "Le détail en anglais" in problems
        remarks = _compute(worker, {"year": "2024"})
        assert "1 remarque sur l&#39;export ; les chiffres ont tout de même été calculés." in remarks
        ignored = "1 ligne d&#39;évaluation de 1 contrat absent des versions a été ignorée"
        assert f"<li>evaluations.csv : {ignored}" in remarks
    finally:
        post(worker, "/language", {"lang": "nl", "back": "/statistics"})


def test_each_file_has_its_limit_and_the_upload_twice_that(world: WebWorld) -> None:
    small = logged_in(replace(world.pages, max_upload_bytes=100 * 1024), SOCIAL_WORKER)
    versions = (GPMI / "versions.csv").read_bytes()
    large = versions + b"\n" * (150 * 1024)
    one_too_large = _send(small, {"year": "2024"}, {"versions": ("versions.csv", large, "text/csv")})
    assert "Het bestand is groter dan 100 kB." in one_too_large
    both = {name: (f"{name}.csv", large, "text/csv") for name in ("versions", "evaluations")}
    token = csrf_of(small.get("/statistics"))
    refused = small.post("/statistics", data={"year": "2024", "csrf_token": token}, files=both)
    assert refused.status_code == 413 and "Wat u verstuurde is groter dan 264 kB" in refused.text
    larger_than_a_form = versions + b"\n" * (80 * 1024)
    accepted = _send(small, {"year": "2024"}, {"versions": ("versions.csv", larger_than_a_form, "text/csv")})
    assert "Aantal begunstigden" in accepted


def test_a_workbook_whose_table_is_on_two_sheets_is_read_from_the_sheet_named(
    worker: TestClient, tmp_path: Path
) -> None:
    table = fixture_table("versions.csv")
    path = tmp_path / "versions.xlsx"
    write_workbook(path, {**INFO, "2023": table[:3]}, table, sheet="2024")
    upload = {"versions": ("export.xlsx", path.read_bytes(), "application/octet-stream")}
    asked = _send(worker, {"year": "2024"}, upload)
    assert (
        "export.xlsx: the sheets 2023, 2024 each hold the columns of the contract versions; name the sheet to read "
        "(--sheet NAME, or the sheet field of the statistics page)" in asked
    )
    assert 'id="sheet"' in asked and "Werkblad (optioneel)" in asked
    named = _send(worker, {"year": "2024", "sheet": "2024"}, upload)
    assert "Aantal begunstigden" in named
    assert "export.xlsx, werkblad 2024: de tabel is uit dit werkblad gelezen, niet uit Info, 2023" in named
    assert "ocmw-stats-" not in named


def test_a_pdf_given_as_the_export_is_one_problem_on_the_page(worker: TestClient) -> None:
    pdf = (FIXTURES / "exchange" / "liege" / "gpmi-C-2025-0147-v1.pdf").read_bytes()
    page = _send(worker, {"year": "2024"}, {"versions": ("versions.csv", pdf, "text/csv")})
    assert re.findall(r'<li lang="en">([^<]*)</li>', page) == [
        "versions.csv: this file is not a table (CSV or XLSX) but a PDF document"
    ]


def test_an_export_with_other_headers_is_read_with_the_mapping_file_given(worker: TestClient) -> None:
    table = fixture_table("versions.csv")
    columns = [str(header).lstrip("\ufeff").lower() for header in table[0]]
    renamed = [[f"Veld {number}" for number in range(len(columns))], *table[1:]]
    export = "\n".join(";".join(str(cell) for cell in row) for row in renamed).encode()
    known = {column.name for column in VERSIONS.columns}
    mapping = "\n".join(f'"Veld {number}" = "{name}"' for number, name in enumerate(columns) if name in known)
    upload = {"versions": ("export.csv", export, "text/csv")}
    refused = _send(worker, {"year": "2024"}, upload)
    assert "Aantal begunstigden" not in refused and "is missing from the header" in refused
    assert 'id="columns"' in refused
    read = _send(
        worker, {"year": "2024"}, upload | {"columns": ("kolommen.toml", mapping.encode(), "application/toml")}
    )
    assert "Aantal begunstigden" in read


def test_the_results_come_first_and_the_form_is_folded_under_them(worker: TestClient) -> None:
    page = _compute(worker, {"year": "2024"})
    main = page[page.index("<main") :]
    assert main.index('<section aria-labelledby="figures-heading"') < main.index('<details class="again">')
    assert main.index('<details class="again">') < main.index('<form method="post" action="/statistics"')
    assert "<summary>Opnieuw berekenen, met andere bestanden of een andere periode</summary>" in main
    assert "Kies de bestanden opnieuw" in main


def test_after_a_problem_the_page_says_the_files_must_be_chosen_again(worker: TestClient) -> None:
    first = worker.get("/statistics").text
    assert "Kies de bestanden opnieuw" not in first and "<details" not in first
    refused = _compute(worker, {"year": "20x4"})
    assert 'id="year-error"' in refused and "<details" not in refused
    assert '<p class="again">Kies de bestanden opnieuw: de pagina bewaart ze niet, ook niet na een fout.</p>' in refused
    post(worker, "/language", {"lang": "fr", "back": "/statistics"})
    try:
        assert "Choisissez à nouveau les fichiers" in _compute(worker, {"year": "20x4"})
    finally:
        post(worker, "/language", {"lang": "nl", "back": "/statistics"})
