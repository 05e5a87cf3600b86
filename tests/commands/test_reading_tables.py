"""Every command that reads a table (``ocmw stats``, ``db import``, ``report participation``, ``psa`` and
``cluster``): a file that is not its table said in one line, the sheet and the mapping file taken
(``--sheet``, ``--columns``), a faulty mapping file refused before any table is read, and what the reading
had to say printed as warnings."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annual_report.cluster_input import COSTS
from annual_report.participation_input import ACTIVITIES as PARTICIPATION_ACTIVITIES
from annual_report.psa_input import ACTIVITIES as PSA_ACTIVITIES
from cli import main
from gpmi_stats.columns import VERSIONS
from storage.imports import DECISIONS
from tests.conftest import FIXTURES
from tests.spreadsheets import (
    DUTCH,
    EXPECTED,
    GPMI,
    INFO,
    Form,
    excel_value,
    mapping,
    saved,
    write_workbook,
)

REPORTS = FIXTURES / "annual_report"
SPEC_NAMES = {
    "stats": VERSIONS.name,
    "db import": DECISIONS.name,
    "report participation": PARTICIPATION_ACTIVITIES.name,
    "report psa": PSA_ACTIVITIES.name,
    "report cluster": COSTS.name,
}
TABLES = {
    "stats": GPMI / "versions.csv",
    "db import": FIXTURES / "exchange" / "liege" / "decisions.csv",
    "report participation": REPORTS / "participation" / "activities.csv",
    "report psa": REPORTS / "psa" / "activities.csv",
    "report cluster": REPORTS / "cluster" / "costs.csv",
}


def run(*args: str | Path) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, [str(arg) for arg in args])


def command(name: str, table: Path, folder: Path) -> list[str | Path]:
    """The command ``name`` reading ``table`` (with the settings of the shipped fixture)."""
    if name == "stats":
        return ["stats", "--versions", table, "--year", "2024"]
    if name == "db import":
        url = f"sqlite:///{folder / 'ocmw.db'}"
        assert run("db", "init", "--db", url, "--kbo", "0212345668", "--name", "OCMW Gent").exit_code == 0
        return ["db", "import", "--db", url, "--decisions", table]
    part = name.split()[1]
    settings = REPORTS / part / f"{part}.toml"
    return ["report", part, "--costs" if part == "cluster" else "--activities", table, "--settings", settings]


@pytest.mark.parametrize("kind", ["pdf", "tab-separated"])
@pytest.mark.parametrize("name", TABLES)
def test_every_command_says_in_one_line_that_a_file_is_not_its_table(tmp_path: Path, name: str, kind: str) -> None:
    table = tmp_path / "export.csv"
    if kind == "pdf":
        table.write_bytes((FIXTURES / "exchange" / "liege" / "gpmi-C-2025-0147-v1.pdf").read_bytes())
    else:
        table.write_text(TABLES[name].read_text(encoding="utf-8-sig").replace(";", "\t"), encoding="utf-8")
    result = run(*command(name, table, tmp_path))
    assert result.exit_code == 1
    said = "but a PDF document" if kind == "pdf" else "the columns are separated by tabs"
    problem, summary = result.stderr.splitlines()
    assert problem.startswith(f"{table}: ") and said in problem
    assert "1 problem found" in summary


def two_sheets_renamed(folder: Path, table: Path) -> tuple[Path, Path]:
    """``table`` as a workbook of an Info sheet, an old sheet and the table's (sheet "Nieuw"), its
    first column named "Eigen naam"; and the mapping file that says what that is."""
    with table.open(encoding="utf-8-sig", newline="") as file:
        header, *rows = list(csv.reader(file, delimiter=";"))
    cells = [[excel_value(column, text) for column, text in zip(header, row, strict=True)] for row in rows]
    path = folder / "export.xlsx"
    write_workbook(path, {**INFO, "Oud": [["Eigen naam", *header[1:]]]}, [["Eigen naam", *header[1:]], *cells], "Nieuw")
    return path, mapping(folder, f'"Eigen naam" = "{header[0]}"\n')


@pytest.mark.parametrize("name", TABLES)
def test_every_command_takes_the_sheet_and_the_mapping_file(tmp_path: Path, name: str) -> None:
    workbook, columns = two_sheets_renamed(tmp_path, TABLES[name])
    chosen = run(*command(name, workbook, tmp_path), "--sheet", "Nieuw", "--columns", columns)
    assert chosen.exit_code == 0, chosen.stderr
    said = f"waarschuwing: {workbook}, werkblad Nieuw: de tabel is uit dit werkblad gelezen, niet uit Info, Oud"
    if name == "db import":  # the command has no --lang: its lines are English
        said = f"warning: {workbook}, sheet Nieuw: the table was read from this sheet; not from Info, Oud"
    assert said in chosen.stderr
    unchosen = run(*command(name, workbook, tmp_path), "--columns", columns)
    assert unchosen.exit_code == 1
    assert unchosen.stderr.splitlines()[0].endswith(
        f"each hold the columns of the {SPEC_NAMES[name]}; name the sheet to read (--sheet NAME, or the sheet field of "
        "the statistics page)"
    )


def test_a_faulty_mapping_file_is_refused_before_any_table_is_read(tmp_path: Path) -> None:
    columns = mapping(tmp_path, 'Rijksregister = "insz"\n')
    result = run("stats", "--versions", GPMI / "versions.csv", "--year", "2024", "--columns", columns)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == ["1 problem found; nothing was read."]


def test_ocmw_stats_reads_the_fixture_in_every_form_at_once_and_says_what_it_did(tmp_path: Path) -> None:
    form = Form(title=True, info_sheet=True, headers=DUTCH)
    versions, evaluations = saved(tmp_path, "versions.csv", form), saved(tmp_path, "evaluations.csv", form)
    result = run("stats", "--versions", versions, "--evaluations", evaluations, "--year", "2024", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == EXPECTED
    source = f"{versions}, werkblad GPMI"
    assert result.stderr.splitlines()[:4] == [
        f"waarschuwing: {source}, rij 3: de kopregel is uit deze rij genomen; de rijen 1-2 erboven zijn overgeslagen",
        f"waarschuwing: {source}: de tabel is uit dit werkblad gelezen, niet uit Info",
        f"waarschuwing: {source}, kolom ssin: 2 getallen van 8 tot 10 cijfers zijn gelezen als INSZ/BIS-nummers met de "
        "nullen vooraan die een getalcel van een rekenblad weglaat, omdat de controlecijfers dan kloppen: rijen 11, 12",
        f"waarschuwing: {evaluations}, werkblad GPMI, rij 3: de kopregel is uit deze rij genomen; de rijen 1-2 "
        "erboven zijn overgeslagen",
    ]
