"""Safe parsing: size, encoding and DOCTYPE are refused before the parser runs; all problems of a
document come out together."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from esv.document import problems
from esv.errors import InvalidDocument
from esv.parsing import parse_xml
from tests.conftest import ESV_FIXTURES

REQUEST = (ESV_FIXTURES / "request-with-consent.xml").read_bytes()


def refusal(source: bytes | Path, **limits: int) -> str:
    with pytest.raises(InvalidDocument) as refused:
        parse_xml(source, **limits)
    assert len(refused.value.problems) == 1
    return refused.value.problems[0].message


def test_a_document_at_the_size_limit_is_read() -> None:
    assert parse_xml(REQUEST, max_bytes=len(REQUEST)).getroot().tag.endswith("EsvRequest")


def test_a_document_one_byte_over_the_limit_is_refused_before_parsing() -> None:
    message = refusal(REQUEST, max_bytes=len(REQUEST) - 1)
    assert message == f"the document is {len(REQUEST):,} bytes, more than the limit of {len(REQUEST) - 1:,} bytes"


def test_the_size_limit_holds_for_files_too(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    path.write_bytes(REQUEST)
    assert "more than the limit of 100 bytes" in refusal(path, max_bytes=100)


def test_a_doctype_after_the_declaration_and_a_comment_is_refused_with_its_line() -> None:
    data = b'<?xml version="1.0"?>\n<!-- note -->\n\n<!DOCTYPE EsvRequest>\n' + REQUEST.split(b"?>", 1)[1]
    with pytest.raises(InvalidDocument) as refused:
        parse_xml(data)
    assert refused.value.problems[0].line == 4
    assert "DOCTYPE are refused" in refused.value.problems[0].message


def test_a_doctype_after_a_utf8_bom_is_refused() -> None:
    assert "DOCTYPE are refused" in refusal(codecs.BOM_UTF8 + b"<!DOCTYPE x SYSTEM 'http://x/y.dtd'><x/>")


def test_doctype_words_inside_a_comment_are_only_a_comment() -> None:
    data = REQUEST.replace(b"<EsvRequest", b"<!-- <!DOCTYPE is mentioned here --><EsvRequest", 1)
    assert problems(data) == []


def test_a_utf8_bom_is_accepted() -> None:
    assert problems(codecs.BOM_UTF8 + REQUEST) == []


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE])
def test_other_encodings_than_utf8_are_refused(bom: bytes) -> None:
    assert "not encoded in UTF-8" in refusal(bom + "<x/>".encode("utf-16-le"))


UNDECLARED = REQUEST.decode().replace("encoding='UTF-8'", "")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_byte_order_mark_are_refused_before_parsing(encoding: str) -> None:
    assert refusal(UNDECLARED.encode(encoding)) == "the document is not encoded in UTF-8; ESV documents must be UTF-8"


def test_a_nul_byte_inside_a_utf8_document_is_refused_with_its_line() -> None:
    data = REQUEST.replace(b"<Ssin>", b"<Ssin>\0", 1)
    with pytest.raises(InvalidDocument) as refused:
        parse_xml(data)
    [problem] = refused.value.problems
    assert problem.message == "this line holds a NUL byte, which no XML document may hold"
    assert problem.line == data[: data.index(b"\0")].count(b"\n") + 1 > 1


def test_latin1_without_a_declaration_is_refused_with_the_line_of_the_first_wrong_byte() -> None:
    with pytest.raises(InvalidDocument) as refused:
        parse_xml(UNDECLARED.replace("OCMW Gent", "OCMW Gënt").encode("latin-1"))
    [problem] = refused.value.problems
    assert problem.message == "the document is not encoded in UTF-8; ESV documents must be UTF-8"
    assert problem.line == UNDECLARED[: UNDECLARED.index("OCMW Gent")].count("\n") + 1


def test_a_wrong_byte_far_beyond_the_head_is_refused_as_not_utf8() -> None:
    far = REQUEST.replace(b"</EsvRequest>", b"<!--" + b"x" * (1024 * 1024 + 10) + b"\xe9 --></EsvRequest>")
    assert refusal(far) == "the document is not encoded in UTF-8; ESV documents must be UTF-8"


def test_a_utf8_character_cut_at_the_end_of_the_head_is_not_taken_for_another_encoding() -> None:
    end = REQUEST.index(b"</EsvRequest>")
    filler = 1024 * 1024 - 1 - end - len(b"<!--")  # "é" is 2 bytes: the checked head ends between them
    data = REQUEST[:end] + b"<!--" + b"x" * filler + "é -->".encode() + REQUEST[end:]
    assert data.index("é".encode()) == 1024 * 1024 - 1
    assert problems(data) == []


def test_a_declared_latin1_encoding_is_refused() -> None:
    data = REQUEST.replace(b"encoding='UTF-8'", b"encoding='ISO-8859-1'")
    assert refusal(data) == "the document declares encoding ISO-8859-1; ESV documents must be UTF-8"


def test_a_prolog_longer_than_a_mebibyte_is_refused() -> None:
    data = b"<!--" + b"x" * (1024 * 1024) + b"-->" + REQUEST
    assert "before the root element is longer than" in refusal(data)


def test_whitespace_only_input_is_empty() -> None:
    assert refusal(b" \n\t ").startswith("the document is empty")


def test_xinclude_is_never_processed_and_is_an_unknown_element() -> None:
    data = REQUEST.replace(
        b"<Ssin>",
        b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/><Ssin>',
    )
    found = problems(data)
    assert [problem.path for problem in found] == ["/EsvRequest/include"]
    assert "found include" in found[0].message


def test_all_problems_of_a_document_are_reported_at_once_in_line_order() -> None:
    data = (
        REQUEST.replace(b"<Ssin>92021416206</Ssin>", b"<Ssin>92021416207</Ssin>")
        .replace(b"<Begin>2025-01-01</Begin>", b"<Begin>2027-01-01</Begin>")
        .replace(b"<Kbo>0212345668</Kbo>", b"<Kbo>0212345668</Kbo><Email>x@y.be</Email>")
    )
    found = problems(data)
    assert [problem.path for problem in found] == [
        "/EsvRequest/Requester/Email",
        "/EsvRequest/Ssin",
        "/EsvRequest/Period",
    ]
    assert [problem.line for problem in found] == sorted(problem.line or 0 for problem in found)
