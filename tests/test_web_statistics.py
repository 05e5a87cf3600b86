"""The statistics page: the figures of ``gpmi_stats`` from uploaded exports, and the input's
problems named with the file as the user chose it."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.conftest import FIXTURES
from tests.web_world import SOCIAL_WORKER, csrf_of, logged_in, web_world

GPMI = FIXTURES / "gpmi"


@pytest.fixture(scope="module")
def worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with web_world(tmp_path_factory.mktemp("stats")) as world:
        yield logged_in(world.pages, SOCIAL_WORKER)


def _compute(worker: TestClient, period: dict[str, str], versions: Path = GPMI / "versions.csv") -> str:
    token = csrf_of(worker.get("/statistics"))
    files = {
        "versions": (versions.name, versions.read_bytes(), "text/csv"),
        "evaluations": ("evaluations.csv", (GPMI / "evaluations.csv").read_bytes(), "text/csv"),
    }
    return worker.post("/statistics", data={**period, "csrf_token": token}, files=files).text


def test_the_figures_of_a_year_are_those_of_ocmw_stats(worker: TestClient) -> None:
    page = _compute(worker, {"year": "2024"})
    assert "Aantal begunstigden" in page and "Begunstigden per geslacht en leeftijdscategorie" in page
    workbook_uri = re.search(
        r'href="data:application/vnd[^;]+;base64,([^"]+)" download="gpmi-20240101-20241231.xlsx"', page
    )
    assert workbook_uri is not None
    sheet = load_workbook(io.BytesIO(base64.b64decode(workbook_uri.group(1)))).worksheets[0]
    assert sheet["A2"].value == "Periode: 2024-01-01 - 2024-12-31"
    chart_uri = re.search(r'<img class="chart" src="data:image/png;base64,([^"]+)"', page)
    assert chart_uri is not None and base64.b64decode(chart_uri.group(1)).startswith(b"\x89PNG")


def test_a_year_and_a_period_together_are_refused(worker: TestClient) -> None:
    page = _compute(worker, {"year": "2024", "from": "01/01/2024", "to": "31/12/2024"})
    assert "geef een jaar, of een begin- en einddatum, niet beide" in page


def test_a_period_that_ends_before_it_begins_is_refused(worker: TestClient) -> None:
    page = _compute(worker, {"from": "01/07/2024", "to": "30/06/2024"})
    assert "de einddatum 30/06/2024 ligt vóór de begindatum 01/07/2024" in page


def test_the_problems_of_the_export_name_the_file_chosen(worker: TestClient) -> None:
    page = _compute(worker, {"year": "2024"}, GPMI / "invalid" / "versions.csv")
    assert "versions.csv, row 2, column signed_on" in page
    assert "ocmw-stats-" not in page
