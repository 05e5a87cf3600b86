"""``ocmw gpmi add-version``: one version of a GPMI contract, a validated one only with its contract PDF,
refused when it does not fit the records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import Result

from tests.command_world import LIEGE, LIEGE_COUNTS, audit_actions, counts, run, versions

pytestmark = pytest.mark.usefixtures("empty_folder")


def add_version(db: str, version: int, *extra: str | Path, dossier: str = "LG-2025-00147") -> Result:
    return run(
        "gpmi", "add-version", "--db", db, "--contract", "C-2025-0147", "--dossier", dossier,
        "--version", str(version), "--kind", "training", "--from", "2025-03-01", "--to", "31/08/2026", *extra,
    )  # fmt: skip


def test_a_validated_version_without_its_pdf_is_refused(gent_with_records: str) -> None:
    result = add_version(gent_with_records, 4, "--validated-on", "2026-01-10")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "ocmw gpmi add-version, column pdf: a validated version needs its contract PDF",
        "1 problem found; nothing was written.",
    ]
    assert counts(gent_with_records) == LIEGE_COUNTS


def test_a_pdf_that_is_not_a_pdf_is_refused(gent_with_records: str, tmp_path: Path) -> None:
    letter = tmp_path / "contract.pdf"
    letter.write_bytes(b"PK\x03\x04 a workbook, renamed")
    result = add_version(gent_with_records, 4, "--validated-on", "2026-01-10", "--pdf", letter)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "ocmw gpmi add-version, column pdf: contract.pdf: the contract is not a PDF: it does not start with %PDF-"
    )
    assert counts(gent_with_records) == LIEGE_COUNTS


def test_a_pdf_that_does_not_exist_is_a_usage_error(gent_with_records: str, tmp_path: Path) -> None:
    result = add_version(gent_with_records, 4, "--validated-on", "2026-01-10", "--pdf", tmp_path / "nope.pdf")
    assert result.exit_code == 2
    assert "Invalid value for '--pdf'" in result.stderr


def test_a_draft_without_pdf_is_stored(gent_with_records: str) -> None:
    result = add_version(gent_with_records, 4)
    assert result.exit_code == 0
    assert result.stdout == "version 4 of GPMI contract C-2025-0147 stored\n"
    assert versions(gent_with_records)[-1] == ("C-2025-0147", 4, None, None, None)
    assert audit_actions(gent_with_records)[-1] == "import_gpmi_versions"


def test_a_validated_version_with_its_pdf_replaces_the_draft_of_that_number(gent_with_records: str) -> None:
    pdf = LIEGE / "gpmi-C-2025-0147-v2.pdf"
    result = add_version(gent_with_records, 3, "--validated-on", "15/09/2025", "--pdf", pdf)
    assert result.exit_code == 0
    assert versions(gent_with_records)[-1] == ("C-2025-0147", 3, dt.date(2025, 9, 15), pdf.name, pdf.read_bytes())
    assert counts(gent_with_records) == LIEGE_COUNTS


@pytest.mark.parametrize(
    ("extra", "dossier", "message"),
    [
        (
            ("--to", "2024-12-31"),
            "LG-2025-00147",
            "end_date: the period ends on 31/12/2024, before it begins on 01/03/2025: its last day is on or after "
            "its first",
        ),
        ((), "LG-1999-00001", "dossier_id: dossier LG-1999-00001 is not in the database: import its decisions first"),
        ((), "LG-2019-03310", "contract_id: contract C-2025-0147 belongs to another dossier in the database"),
    ],
)
def test_a_version_that_does_not_fit_the_records_is_refused(
    gent_with_records: str, extra: tuple[str, ...], dossier: str, message: str
) -> None:
    result = add_version(gent_with_records, 4, *extra, dossier=dossier)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"ocmw gpmi add-version, column {message}"
    assert counts(gent_with_records) == LIEGE_COUNTS
