"""Every shipped document validates, and reading then writing it gives back the same document, in
XML and through the JSON form."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from esv import jsonmap
from esv.document import build, problems, read
from esv.model import EsvRequest, EsvResponse, Gpmi, SocialReport
from tests.conftest import ESV_FIXTURES, VALID_XML

SIGNATURE = "{http://www.w3.org/2000/09/xmldsig#}Signature"


def canonical(data: bytes) -> bytes:
    """Elements, attributes and text only: blank text between elements and any signature dropped."""
    root = etree.fromstring(data, etree.XMLParser(remove_blank_text=True))
    for signature in root.findall(SIGNATURE):
        root.remove(signature)
    return etree.tostring(root, method="c14n2", strip_text=True)


@pytest.mark.parametrize("path", VALID_XML, ids=lambda p: p.name)
def test_fixture_is_valid(path: Path) -> None:
    assert problems(path) == []


@pytest.mark.parametrize("path", VALID_XML, ids=lambda p: p.name)
def test_read_then_build_gives_the_same_document(path: Path) -> None:
    data = path.read_bytes()
    assert canonical(build(read(data))) == canonical(data)


@pytest.mark.parametrize("path", VALID_XML, ids=lambda p: p.name)
def test_json_form_round_trips(path: Path) -> None:
    document = read(path)
    assert jsonmap.loads(jsonmap.dumps(document)) == document
    assert canonical(build(jsonmap.loads(jsonmap.dumps(document)))) == canonical(path.read_bytes())


def test_shipped_json_is_the_json_form_of_the_shipped_answer() -> None:
    from_json = jsonmap.loads((ESV_FIXTURES / "response-ok.json").read_bytes())
    assert from_json == read(ESV_FIXTURES / "response-ok.xml")


def test_the_fixtures_cover_every_root_and_status() -> None:
    documents = [read(path) for path in VALID_XML]
    requests = [d for d in documents if isinstance(d, EsvRequest)]
    responses = [d for d in documents if isinstance(d, EsvResponse)]
    assert {r.gpmi_consent is None for r in requests} == {True, False}
    assert {r.status.value for r in responses} == {"ok", "unknown_person", "error"}
    reports = [r.social_report for r in responses if r.social_report]
    assert {type(dossier.gpmi).__name__ for report in reports for dossier in report.dossiers} >= {
        "Gpmi",
        "GpmiWithheld",
    }
    assert any(isinstance(d, SocialReport) for d in documents)


def test_the_contract_comes_out_as_the_shipped_pdf() -> None:
    report = read(ESV_FIXTURES / "social-report.xml")
    assert isinstance(report, SocialReport)
    gpmi = report.dossiers[0].gpmi
    assert isinstance(gpmi, Gpmi)
    assert gpmi.contract.content == (ESV_FIXTURES / "contract-gpmi.pdf").read_bytes()
    assert gpmi.contract.size == len(gpmi.contract.content)


def test_json_form_keeps_amounts_as_written() -> None:
    data = jsonmap.to_json(read(ESV_FIXTURES / "response-ok.xml"))
    aid = data["social_report"]["dossiers"][0]["decisions"][0]["aid"][0]
    assert aid == {"kind": "living_wage", "category": 3, "monthly_amount": "1767.34", "refunded_amount": None}


def test_base64_with_line_breaks_is_read_as_the_same_contract() -> None:
    data = (ESV_FIXTURES / "social-report.xml").read_bytes()
    start = data.index(b"sha256=")
    start = data.index(b">", start) + 1
    end = data.index(b"</Contract>")
    wrapped = b"\n".join(data[start:end][i : i + 76] for i in range(0, end - start, 76))
    assert read(data[:start] + wrapped + data[end:]) == read(data)
