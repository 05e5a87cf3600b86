"""``ocmw audit person``: a person's consultation history as a table, CSV or the letter (PDF, which needs
--out), in Dutch or French; the INSZ and the period checked as everywhere."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

from storage import audit
from tests.command_world import SOFIE, audit_actions, init, run, session_of

pytestmark = pytest.mark.usefixtures("empty_folder")


@pytest.fixture
def gent(db: str) -> str:
    init(db)
    return db


def viewed(db: str) -> None:
    """A line of the audit log saying Sofie's report was read, as ``ocmw esv show`` writes it."""
    with session_of(db) as session, session.begin():
        audit.log(session, actor="an (web)", action="report_viewed", ssin=SOFIE, request_id="R-1")


def test_the_table_names_the_person_and_each_consultation(gent: str) -> None:
    viewed(gent)
    result = run("audit", "person", "92.02.14-162.06", "--db", gent)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "1 raadpleging van de gegevens van 92.02.14-162.06"
    assert "Ontvangen verslag ingekeken" in result.stdout and "an (web)" in result.stdout
    assert audit_actions(gent)[-1] == "consultations_listed"


def test_the_csv_is_headed_in_the_language_asked(gent: str, tmp_path: Path) -> None:
    viewed(gent)
    result = run("audit", "person", SOFIE, "--db", gent, "--format", "csv", "--lang", "fr", "--out", tmp_path / "h.csv")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"CSV written to {tmp_path / 'h.csv'}\n"
    header, line = (tmp_path / "h.csv").read_text(encoding="utf-8").splitlines()
    assert header == "Quand,Quoi,CPAS,Par,Détails"
    assert line.endswith(",Rapport reçu consulté,,an (web),")


def test_the_letter_needs_out_and_is_a_pdf(gent: str, tmp_path: Path) -> None:
    refused = run("audit", "person", SOFIE, "--db", gent, "--format", "pdf")
    assert refused.exit_code == 2
    assert "Error: --format pdf writes a PDF letter: give its file with --out" in refused.stderr
    result = run("audit", "person", SOFIE, "--db", gent, "--format", "pdf", "--out", tmp_path / "brief.pdf",
                 "--from", "01/01/2026", "--to", "31/12/2026")  # fmt: skip
    assert result.exit_code == 0, result.output
    [page] = PdfReader(io.BytesIO((tmp_path / "brief.pdf").read_bytes())).pages
    text = " ".join(page.extract_text().split())
    assert "Overzicht van de raadplegingen van uw gegevens" in text
    assert "Periode: van 01/01/2026 tot en met 31/12/2026" in text


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("92021416207",), "Fout: 92.02.14-162.07 is geen geldig INSZ"),
        (
            (SOFIE, "--from", "02/01/2026", "--to", "01/01/2026"),
            "Fout: de periode eindigt op 01/01/2026, vóór ze begint",
        ),
    ],
)
def test_a_wrong_insz_or_period_is_refused_before_anything_is_read(
    gent: str, args: tuple[str, ...], error: str
) -> None:
    result = run("audit", "person", *args, "--db", gent)
    assert result.exit_code == 1
    assert result.stderr.startswith(error)
    assert "consultations_listed" not in audit_actions(gent)


@pytest.mark.parametrize("output_format", ["table", "csv", "pdf"])
def test_a_history_written_to_a_file_is_its_owners_only_whatever_the_umask(
    gent: str, tmp_path: Path, output_format: str
) -> None:
    """It holds the person's INSZ and who asked for their data: personal data, like a backup."""
    out = tmp_path / f"history.{output_format}"
    out.write_bytes(b"an older file, readable by all")
    out.chmod(0o644)
    before = os.umask(0o022)
    try:
        result = run("audit", "person", SOFIE, "--db", gent, "--format", output_format, "--out", out)
    finally:
        os.umask(before)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
