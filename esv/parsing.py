"""Safe parsing: the first layer of reading. Size, encoding and DOCTYPE are checked before the XML
parser sees a byte; the parser itself runs with DTDs, entities and network access off.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import NoReturn

from lxml import etree

from esv.errors import InvalidDocument, Problem

DEFAULT_MAX_BYTES = 32 * 1024 * 1024
"""Largest document read by default: room for a contract PDF of about 20 MB, base64-encoded."""

_MAX_PROLOG = 1024 * 1024
_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_OTHER_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_ENCODING_ERRORS = re.compile("Invalid bytes in character encoding|Input is not proper UTF-8|Char 0x0 out of")
_NOT_UTF8 = "the document is not encoded in UTF-8; ESV documents must be UTF-8"


def safe_parser() -> etree.XMLParser:
    """The parser settings of every ESV document: no DTD, no entities, no network."""
    # huge_tree lifts libxml2's 10 MB text-node cap (a base64 PDF is one text node); the size limit
    # above and the DOCTYPE refusal below are what bound the work instead. The encoding is fixed to
    # UTF-8, so that libxml2 never guesses another from the first bytes: a byte that is not UTF-8
    # anywhere in the document is a syntax error.
    return etree.XMLParser(
        encoding="utf-8",
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=True,
        collect_ids=False,
    )


def parse_xml(source: bytes | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._ElementTree:
    """The parsed tree of an ESV document, or ``InvalidDocument`` with the one reason it was refused.

    ``source`` is the document's bytes or the path of its file (read by lxml without a copy).
    """
    size = source.stat().st_size if isinstance(source, Path) else len(source)
    if size > max_bytes:
        _refuse(1, f"the document is {size:,} bytes, more than the limit of {max_bytes:,} bytes")
    head = _read_head(source)
    _check_prolog(head)
    try:
        if isinstance(source, Path):
            tree = etree.parse(str(source), safe_parser())
        else:
            tree = etree.ElementTree(etree.fromstring(source, safe_parser()))
    except etree.XMLSyntaxError as error:
        if _ENCODING_ERRORS.search(str(error.msg or error)):
            _refuse(error.lineno or 1, _NOT_UTF8)
        _refuse(error.lineno or 1, f"the XML is not well-formed: {_syntax_message(error)}")
    if tree.docinfo.doctype:
        _refuse(1, "documents with a DOCTYPE are refused")
    return tree


def _read_head(source: bytes | Path) -> bytes:
    if isinstance(source, bytes):
        return source[:_MAX_PROLOG]
    with source.open("rb") as file:
        return file.read(_MAX_PROLOG)


def _check_prolog(head: bytes) -> None:
    """Refuse empty input, other encodings than UTF-8 and any DOCTYPE, before parsing."""
    if not head.strip():
        _refuse(1, "the document is empty; expected an ESV XML document (EsvRequest, EsvResponse or SocialReport)")
    if head.startswith(_OTHER_BOMS) or b"\0" in head[:4]:  # UTF-16 or UTF-32, with or without a BOM
        _refuse(1, _NOT_UTF8)
    if (nul := head.find(b"\0")) >= 0:
        _refuse(head.count(b"\n", 0, nul) + 1, "this line holds a NUL byte, which no XML document may hold")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head)  # a character cut at the end of the head is fine
    except UnicodeDecodeError as error:
        _refuse(head.count(b"\n", 0, error.start) + 1, _NOT_UTF8)
    text = head.removeprefix(codecs.BOM_UTF8)
    declared = _DECLARED_ENCODING.match(text)
    if declared and declared.group(1).decode().upper().replace("_", "-") not in ("UTF-8", "UTF8"):
        _refuse(1, f"the document declares encoding {declared.group(1).decode()}; ESV documents must be UTF-8")
    position = 0
    while True:
        while position < len(text) and text[position] in b" \t\r\n":
            position += 1
        if text.startswith(b"<!DOCTYPE", position):
            line = text.count(b"\n", 0, position) + 1
            _refuse(line, "documents with a DOCTYPE are refused: ESV documents may not declare a DTD or entities")
        if text.startswith(b"<?", position):
            closing = b"?>"
        elif text.startswith(b"<!--", position):
            closing = b"-->"
        else:
            break
        end = text.find(closing, position)
        if end < 0:
            if len(head) >= _MAX_PROLOG:
                _refuse(1, f"the part before the root element is longer than {_MAX_PROLOG:,} bytes")
            return  # an unclosed comment or declaration: the parser says where
        position = end + len(closing)
    if not text.startswith(b"<", position):
        line = text.count(b"\n", 0, position) + 1
        _refuse(line, "this is not an XML document: it does not start with '<'")


def _syntax_message(error: etree.XMLSyntaxError) -> str:
    message = str(error.msg or error).strip()
    return re.sub(r", line \d+, column \d+$", "", message) + f" (line {error.lineno}, column {error.offset})"


def _refuse(line: int, message: str) -> NoReturn:
    raise InvalidDocument([Problem(line, "/", message)])
