"""Saving a contract PDF never writes outside the chosen folder and never overwrites a file."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from esv.attachments import gpmi_parts, safe_filename, save_contract
from esv.document import read
from esv.model import ContractPdf, Gpmi
from tests.conftest import ESV_FIXTURES


@pytest.fixture
def gpmi() -> Gpmi:
    parts = list(gpmi_parts(read(ESV_FIXTURES / "response-ok.xml")))
    assert [dossier for dossier, _ in parts] == ["LG-2025-00147"]
    return parts[0][1]


def named(gpmi: Gpmi, filename: str) -> Gpmi:
    return dataclasses.replace(gpmi, contract=ContractPdf.of(filename, gpmi.contract.content))


@pytest.mark.parametrize(
    ("filename", "saved_as"),
    [
        ("../../etc/passwd", "passwd.pdf"),
        ("..\\..\\Windows\\evil.pdf", "evil.pdf"),
        ("contract v2.PDF", "contract v2.PDF"),
        ("..", "gpmi-C-2025-0147-v2.pdf"),
        ("rapport<script>.pdf", "rapport_script_.pdf"),
    ],
)
def test_the_file_name_keeps_no_folder_and_no_odd_character(gpmi: Gpmi, filename: str, saved_as: str) -> None:
    assert safe_filename(named(gpmi, filename)) == saved_as


def test_an_existing_different_file_is_kept_and_the_contract_gets_a_new_name(gpmi: Gpmi, tmp_path: Path) -> None:
    (tmp_path / "gpmi-C-2025-0147-v2.pdf").write_bytes(b"someone else's file")
    saved = save_contract(gpmi, tmp_path)
    assert saved.name == "gpmi-C-2025-0147-v2-1.pdf"
    assert (tmp_path / "gpmi-C-2025-0147-v2.pdf").read_bytes() == b"someone else's file"
    assert saved.read_bytes() == gpmi.contract.content


def test_saving_the_same_contract_twice_reuses_the_file(gpmi: Gpmi, tmp_path: Path) -> None:
    assert save_contract(gpmi, tmp_path) == save_contract(gpmi, tmp_path)
    assert len(list(tmp_path.iterdir())) == 1


def test_documents_without_a_contract_have_no_parts() -> None:
    assert list(gpmi_parts(read(ESV_FIXTURES / "response-gpmi-withheld.xml"))) == []
    assert list(gpmi_parts(read(ESV_FIXTURES / "request-with-consent.xml"))) == []
