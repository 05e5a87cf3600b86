"""The Dutch and French labels of the format, read from the ``xs:documentation`` of the XSD."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ground.lang import Lang

if TYPE_CHECKING:  # the schema is read when a label is first asked for, not when the enumerations are imported
    from lxml import etree

_XS = "http://www.w3.org/2001/XMLSchema"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class SchemaLabels:
    """Labels by owner and name.

    Elements and attributes are keyed by the name of the type or root element that declares them
    (``("DecisionType", "Kind")`` is "Soort beslissing"); enumeration values by their simple type.
    """

    elements: dict[tuple[str, str], dict[str, str]]
    values: dict[tuple[str, str], dict[str, str]]

    def label(self, owner: str, name: str, lang: Lang) -> str:
        return self.elements[(owner, name)][lang]

    def value_label(self, simple_type: str, value: str, lang: Lang) -> str:
        return self.values[(simple_type, value)][lang]


@functools.cache
def schema_labels() -> SchemaLabels:
    from esv.schemafile import read_schema_tree

    root = read_schema_tree().getroot()
    elements: dict[tuple[str, str], dict[str, str]] = {}
    values: dict[tuple[str, str], dict[str, str]] = {}
    for node in root.iter(f"{{{_XS}}}element", f"{{{_XS}}}attribute", f"{{{_XS}}}enumeration"):
        docs = _documentation(node)
        if not docs:
            continue
        owner = _owner_name(node)
        if node.tag == f"{{{_XS}}}enumeration":
            values[(owner, node.get("value", ""))] = docs
        else:
            elements[(owner, node.get("name", ""))] = docs
    return SchemaLabels(elements, values)


def _documentation(node: etree._Element) -> dict[str, str]:
    return {
        doc.get(_XML_LANG, ""): (doc.text or "").strip()
        for doc in node.findall(f"{{{_XS}}}annotation/{{{_XS}}}documentation")
    }


def _owner_name(node: etree._Element) -> str:
    """The named type, attribute group or global element that declares ``node``; ``schema`` for globals."""
    if node.getparent() is node.getroottree().getroot():
        return "schema"
    for ancestor in node.iterancestors():
        is_global = ancestor.getparent() is node.getroottree().getroot()
        if ancestor.get("name") and (is_global or ancestor.tag != f"{{{_XS}}}element"):
            return ancestor.get("name", "")
    raise ValueError(f"schema node on line {node.sourceline} has no named owner")
