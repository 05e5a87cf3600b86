"""Each shipped invalid document is broken in exactly one way, and reading it says which, where."""

from __future__ import annotations

import pytest

from esv.document import problems, read
from esv.errors import InvalidDocument
from tests.conftest import ESV_FIXTURES, INVALID_FIXTURES

REQUEST = (ESV_FIXTURES / "request-with-consent.xml").read_bytes()

# file: (line, element path, words the message must contain)
EXPECTED = {
    "empty.xml": (1, "/", "the document is empty"),
    "not-xml.xml": (1, "/", "not an XML document: it does not start with '<'"),
    "not-well-formed.xml": (9, "/", "not well-formed: Opening and ending tag mismatch: Requester line 5 and Requestor"),
    "doctype-external-entity.xml": (2, "/", "documents with a DOCTYPE are refused"),
    "entity-expansion.xml": (2, "/", "documents with a DOCTYPE are refused"),
    "no-namespace.xml": (2, "/SocialReport", "the root element is in no namespace; ESV documents are"),
    "wrong-namespace.xml": (2, "/SocialReport", "in namespace urn:ocmw-toolkit:esv:2; ESV documents are"),
    "wrong-version.xml": (2, "/SocialReport/@version", "must be '1.0'"),
    "unknown-element.xml": (
        14,
        "/SocialReport/Dossier/MainBeneficiary/Nickname",
        "expected FirstName here, found Nickname",
    ),
    "missing-element.xml": (
        14,
        "/SocialReport/Dossier/MainBeneficiary/FirstName",
        "expected LastName here, found FirstName",
    ),
    "bad-ssin-check-digits.xml": (
        12,
        "/SocialReport/Dossier/MainBeneficiary/Ssin",
        "BIS number 01.43.12-055.34 has wrong check digits",
    ),
    "bad-kbo-check-digits.xml": (5, "/SocialReport/Ocmw/Kbo", "KBO/BCE number 0212.345.669 has wrong check digits"),
    "ssin-with-dots.xml": (12, "/SocialReport/Dossier/MainBeneficiary/Ssin", "is 11 digits, without dots"),
    "reversed-period.xml": (
        11,
        "/EsvRequest/Period",
        "the period ends before it begins: Begin 2026-12-01 is after End",
    ),
    "impossible-date.xml": (12, "/EsvRequest/Period/Begin", "'2025-02-30' is not an existing date"),
    "instant-without-time-zone.xml": (4, "/EsvRequest/CreatedAt", "with its time zone"),
    "three-decimal-amount.xml": (
        28,
        "/SocialReport/Dossier[1]/Decision[1]/Aid/MonthlyAmount",
        "'1767.345' is not allowed: an amount is a number of euro of at least 0 with at most 2 decimals",
    ),
    "negative-amount.xml": (
        28,
        "/SocialReport/Dossier[1]/Decision[1]/Aid/MonthlyAmount",
        "'-1767.34' is not allowed: an amount is a number of euro of at least 0",
    ),
    "duplicate-decision-number.xml": (
        62,
        "/SocialReport/Dossier[1]/Decision[3]",
        "decision number 2 is used twice in this dossier",
    ),
    "decisions-out-of-order.xml": (62, "/SocialReport/Dossier[1]/Decision[3]", "decision 3 comes after decision 4"),
    "unknown-decision-kind.xml": (
        45,
        "/SocialReport/Dossier[1]/Decision[2]/Kind",
        "'herziening' is not allowed; use one of",
    ),
    "not-a-pdf.xml": (
        88,
        "/SocialReport/Dossier[1]/Gpmi/Contract",
        "the contract is not a PDF: it does not start with %PDF-",
    ),
    "truncated-pdf.xml": (
        88,
        "/SocialReport/Dossier[1]/Gpmi/Contract",
        "the contract PDF cannot be read, it is damaged or truncated",
    ),
    "size-mismatch.xml": (
        88,
        "/SocialReport/Dossier[1]/Gpmi/Contract",
        "the contract is 23,879 bytes but its size attribute says 23,880",
    ),
    "digest-mismatch.xml": (
        88,
        "/SocialReport/Dossier[1]/Gpmi/Contract",
        "not the declared 100ef6a71bac925f709fe9c114c60460",
    ),
    "bad-base64.xml": (88, "/SocialReport/Dossier[1]/Gpmi/Contract", "is not valid base64 content"),
    "gpmi-consent-refused.xml": (
        82,
        "/SocialReport/Dossier[1]/Gpmi/Consent",
        "only with the person's consent, but Granted is false",
    ),
    "status-ok-without-report.xml": (10, "/EsvResponse/Status", "status is ok but there is no SocialReport"),
    "status-error-with-report.xml": (
        10,
        "/EsvResponse/Status",
        "status is error but the answer carries a SocialReport",
    ),
}


def test_every_invalid_fixture_has_an_expectation() -> None:
    assert sorted(path.name for path in INVALID_FIXTURES.glob("*.xml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_document_is_refused_with_its_one_problem(name: str) -> None:
    line, path, words = EXPECTED[name]
    found = problems(INVALID_FIXTURES / name)
    assert len(found) == 1, found
    assert (found[0].line, found[0].path) == (line, path)
    assert words in found[0].message


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reading_an_invalid_document_never_gives_a_model(name: str) -> None:
    data = (INVALID_FIXTURES / name).read_bytes()
    with pytest.raises(InvalidDocument) as refused:
        read(data)
    assert refused.value.problems == problems(INVALID_FIXTURES / name)


def test_a_prefixed_root_whose_children_have_no_namespace_names_both_namespaces() -> None:
    prefixed = REQUEST.replace(b"<EsvRequest xmlns=", b"<e:EsvRequest xmlns:e=").replace(
        b"</EsvRequest>", b"</e:EsvRequest>"
    )
    first = problems(prefixed)[0]
    assert first.path == "/EsvRequest/RequestId"
    assert first.message.startswith(
        "expected RequestId in namespace urn:ocmw-toolkit:esv:1 here, found RequestId in no namespace; "
        "a prefix on the root element does not carry over"
    )


def test_an_element_in_another_namespace_names_both() -> None:
    [problem] = problems(REQUEST.replace(b"<Ssin>", b'<Ssin xmlns="urn:other">'))
    assert problem.message == (
        "expected Ssin in namespace urn:ocmw-toolkit:esv:1 here, found Ssin in namespace urn:other; "
        "every element of an ESV document is in namespace urn:ocmw-toolkit:esv:1"
    )


def test_an_unexpected_element_of_another_name_keeps_the_short_sentence() -> None:
    [problem] = problems(REQUEST.replace(b"<Ssin>92021416206</Ssin>", b"<Nis>44021</Nis>"))
    assert problem.message == "expected Ssin here, found Nis"
