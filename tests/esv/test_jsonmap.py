"""The JSON form: every problem of a JSON input is reported at once, at its JSON path."""

from __future__ import annotations

import json
from typing import Any

import pytest

from esv import jsonmap
from esv.document import build, read
from esv.errors import InvalidDocument
from tests.conftest import ESV_FIXTURES


def request_json() -> dict[str, Any]:
    return jsonmap.to_json(read(ESV_FIXTURES / "request-with-consent.xml"))


def refused(data: Any) -> list[tuple[str, str]]:
    with pytest.raises(InvalidDocument) as error:
        jsonmap.loads(json.dumps(data) if not isinstance(data, str) else data)
    return [(problem.path, problem.message) for problem in error.value.problems]


def test_the_json_form_of_a_request() -> None:
    assert request_json() == {
        "document": "EsvRequest",
        "version": "1.0",
        "request_id": "GENT-2026-000412",
        "created_at": "2026-11-02T09:30:00+01:00",
        "requester": {"kbo": "0212345668", "name": "OCMW Gent", "phone": "09 266 90 00"},
        "ssin": "92021416206",
        "period": {"begin": "2025-01-01", "end": "2026-10-31"},
        "gpmi_consent": {
            "from_date": "2026-10-01",
            "to_date": "2027-03-31",
            "granted": True,
            "recorded_at": "2026-10-01T10:12:00+01:00",
        },
    }


def test_text_that_is_not_json_is_refused_with_its_line() -> None:
    with pytest.raises(InvalidDocument) as error:
        jsonmap.loads('{\n  "document": "EsvRequest",\n  oops\n}')
    assert error.value.problems[0].line == 3
    assert error.value.problems[0].message.startswith("not valid JSON: Expecting property name")


def test_an_unknown_document_kind_is_refused() -> None:
    assert refused({"document": "EsvAnswer"}) == [
        ("$.document", "'EsvAnswer' is not a document kind; use one of EsvRequest, EsvResponse, SocialReport")
    ]


def test_every_problem_is_reported_at_once_with_its_path() -> None:
    data = request_json()
    del data["ssin"]
    data["nickname"] = "x"
    data["period"]["begin"] = "01/01/2025"
    data["gpmi_consent"]["granted"] = "yes"
    data["requester"]["kbo"] = 212345668
    data["created_at"] = "2026-11-02T09:30:00"
    assert sorted(refused(data)) == [
        ("$.created_at", "'2026-11-02T09:30:00' has no time zone; write it like 2024-03-01T10:15:00+01:00"),
        ("$.gpmi_consent.granted", "expected true or false"),
        ("$.nickname", "unknown field; EsvRequest has request_id, created_at, requester, ssin, period, gpmi_consent"),
        ("$.period.begin", "'01/01/2025' is not a date such as 2016-04-11"),
        ("$.requester.kbo", "expected a string"),
        ("$.ssin", "missing; this field is required"),
    ]


def test_wrong_version_enum_and_list_problems() -> None:
    data = jsonmap.to_json(read(ESV_FIXTURES / "social-report.xml"))
    data["version"] = "2.0"
    data["dossiers"][0]["decisions"][0]["kind"] = "toekenning"
    data["dossiers"][0]["decisions"][1]["number"] = True
    data["dossiers"][1]["decisions"] = {"number": 1}
    data["dossiers"][0]["gpmi"] = {"Gpmi": {}, "GpmiWithheld": {}}
    assert sorted(path for path, _ in refused(data)) == [
        "$.dossiers[0].decisions[0].kind",
        "$.dossiers[0].decisions[1].number",
        "$.dossiers[0].gpmi",
        "$.dossiers[1].decisions",
        "$.version",
    ]


def test_amounts_may_be_json_numbers_without_losing_digits() -> None:
    text = (ESV_FIXTURES / "response-ok.json").read_text().replace('"1767.34"', "1767.34")
    document = jsonmap.loads(text)
    assert document == read(ESV_FIXTURES / "response-ok.xml")


def test_json_that_breaks_the_format_rules_is_refused_by_build() -> None:
    data = request_json()
    data["ssin"] = "92021416207"
    with pytest.raises(InvalidDocument) as error:
        build(jsonmap.from_json(data))
    assert [problem.path for problem in error.value.problems] == ["/EsvRequest/Ssin"]
    assert "wrong check digits" in error.value.problems[0].message
