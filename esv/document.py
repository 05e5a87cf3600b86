"""Reading, checking and building ESV documents: the layers put together.

Reading is: safe parse (``esv.parsing``) -> XSD (``esv.schema``) -> rules (``esv.rules``) -> model
(``esv.xmlmap``). Every problem of a document is reported at once; a document with any problem
never reaches the model. Building is the way back, and checks the result the same way, so a built
document always validates.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from esv.errors import InvalidDocument, Problem
from esv.model import NAMESPACE, Document
from esv.parsing import DEFAULT_MAX_BYTES, parse_xml
from esv.rules import rule_problems
from esv.schema import schema_problems
from esv.xmlmap import from_tree, to_tree


def tree_problems(tree: etree._ElementTree) -> list[Problem]:
    """The XSD's and the rules' problems of a parsed document."""
    found = schema_problems(tree)
    if etree.QName(tree.getroot()).namespace != NAMESPACE:
        return found  # not an ESV document at all: the rules have nothing to say
    return found + rule_problems(tree.getroot(), already_reported={problem.path for problem in found})


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
    return from_tree(tree.getroot())


def read(source: bytes | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """The model of a document's bytes or file: the full read path."""
    return read_tree(parse_xml(source, max_bytes=max_bytes))


def build_tree(document: Document) -> etree._ElementTree:
    """The checked XML tree of a model; ``InvalidDocument`` when the model breaks the format."""
    tree = etree.ElementTree(to_tree(document))
    found = tree_problems(tree)
    if found:
        raise InvalidDocument(found)
    return tree


def build(document: Document) -> bytes:
    """The UTF-8 XML of a model, checked against the XSD and the rules."""
    return serialize(build_tree(document))


def serialize(tree: etree._ElementTree, *, pretty: bool = True) -> bytes:
    """A tree's bytes with the XML declaration; never pretty-print a signed tree."""
    if pretty:
        etree.indent(tree, space="  ")
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
