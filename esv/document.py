"""Reading, checking and building ESV documents (and those of any other ``XmlFormat``): the layers put
together.

Reading is: safe parse (``esv.parsing``) -> XSD (``esv.schema``) -> rules (``esv.rules``) -> model
(``esv.xmlmap``). Every problem of a document is reported at once; a document with any problem
never reaches the model. Building is the way back, and checks the result the same way, so a built
document always validates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from lxml import etree

from esv.errors import InvalidDocument, Problem
from esv.formats import XmlFormat
from esv.model import ESV, Document
from esv.parsing import DEFAULT_MAX_BYTES, parse_xml
from esv.schema import schema_problems
from esv.xmlmap import from_tree, to_tree

if TYPE_CHECKING:  # the signatures' machinery is loaded for signed documents only (`ocmw esv validate` needs none)
    from esv.signing import Signer, TrustStore

D = TypeVar("D")


def tree_problems(tree: etree._ElementTree, fmt: XmlFormat = ESV) -> list[Problem]:
    """The XSD's and the rules' problems of a parsed document."""
    found = schema_problems(tree, fmt)
    if etree.QName(tree.getroot()).namespace != fmt.namespace:
        return found  # not a document of the format at all: the rules have nothing to say
    return found + fmt.rule_problems(tree.getroot(), {problem.path for problem in found})


def problems(source: bytes | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Problem]:
    """Every problem of a document; empty when it is valid."""
    try:
        tree = parse_xml(source, max_bytes=max_bytes)
    except InvalidDocument as refused:
        return refused.problems
    return tree_problems(tree)


def read_tree(tree: etree._ElementTree) -> Document:
    """The model of a parsed document, after the XSD and the rules; ``InvalidDocument`` otherwise."""
    found = tree_problems(tree)
    if found:
        raise InvalidDocument(found)
    document: Document = from_tree(tree.getroot())
    return document


def read(source: bytes | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """The model of a document's bytes or file: the full read path."""
    return read_tree(parse_xml(source, max_bytes=max_bytes))


@dataclass(frozen=True)
class Signed(Generic[D]):
    """A document whose signature holds: its model, read from the signed content only, and who signed."""

    document: D
    signer: Signer


class InvalidSignedDocument(InvalidDocument):
    """A document signed by a trusted certificate whose signed content breaks the format: the
    problems, who signed it, and the signed content (for what can still be read of it)."""

    def __init__(self, problems: list[Problem], signer: Signer, tree: etree._ElementTree) -> None:
        super().__init__(problems)
        self.signer = signer
        self.tree = tree


@overload
def read_signed(
    source: bytes | Path | etree._ElementTree,
    trust: TrustStore,
    expected: type[D],
    *,
    fmt: XmlFormat = ESV,
    at: dt.datetime | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Signed[D]: ...
@overload
def read_signed(
    source: bytes | Path | etree._ElementTree,
    trust: TrustStore,
    expected: None = None,
    *,
    fmt: XmlFormat = ESV,
    at: dt.datetime | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Signed[Document]: ...
def read_signed(
    source: bytes | Path | etree._ElementTree,
    trust: TrustStore,
    expected: type[D] | None = None,
    *,
    fmt: XmlFormat = ESV,
    at: dt.datetime | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Signed[Any]:
    """The one way to read a signed document: safe parse (unless ``source`` is parsed already), the
    signature against ``trust`` (``SignatureError`` says why it fails), then the XSD, the rules and
    the model of the signed content only, which must be an ``expected`` when one is given
    (``InvalidSignedDocument`` otherwise)."""
    from esv.signing import verify

    tree = source if isinstance(source, etree._ElementTree) else parse_xml(source, max_bytes=max_bytes)
    verified = verify(tree, trust, at=at, max_bytes=max_bytes)
    problems = tree_problems(verified.tree, fmt)
    name = etree.QName(verified.tree.getroot()).localname
    if not problems and expected is not None and name != expected.__name__:
        problems = [Problem(1, "/", f"the document is {name}; expected {expected.__name__}")]
    if problems:
        raise InvalidSignedDocument(problems, verified.signer, verified.tree)
    return Signed(from_tree(verified.tree.getroot(), fmt), verified.signer)


def build_tree(document: Any, fmt: XmlFormat = ESV) -> etree._ElementTree:
    """The checked XML tree of a model; ``InvalidDocument`` when the model breaks the format."""
    tree = etree.ElementTree(to_tree(document, fmt))
    found = tree_problems(tree, fmt)
    if found:
        raise InvalidDocument(found)
    return tree


def build(document: Any, fmt: XmlFormat = ESV) -> bytes:
    """The UTF-8 XML of a model, checked against the XSD and the rules."""
    return serialize(build_tree(document, fmt))


def serialize(tree: etree._ElementTree, *, pretty: bool = True) -> bytes:
    """A tree's bytes with the XML declaration; never pretty-print a signed tree."""
    if pretty:
        etree.indent(tree, space="  ")
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
