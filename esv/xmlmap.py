"""Model <-> XML (lxml), both directions derived from the descriptions of the model classes
(``esv.binding``), for any ``XmlFormat`` (the ESV by default).

``from_tree`` expects a tree that passed the XSD; it still refuses, rather than guesses, anything
it cannot map, so a mapping error never turns into an empty value.
"""

from __future__ import annotations

import functools
from typing import Any

from lxml import etree

from esv.binding import ATTRIBUTE, CHOICE, CONTENT, ELEMENT, Slot, is_model, slots
from esv.errors import InvalidDocument, Problem
from esv.formats import XmlFormat
from esv.model import ESV
from esv.paths import element_path
from esv.scalars import from_text, to_text

SIGNATURE_TAG = "{http://www.w3.org/2000/09/xmldsig#}Signature"


def to_tree(document: Any, fmt: XmlFormat = ESV) -> etree._Element:
    """The XML root element of a document (not yet checked: see ``esv.document.build``)."""
    root = etree.Element(fmt.qualified(type(document).__name__), nsmap={None: fmt.namespace})
    root.set("version", fmt.version)
    _fill(root, document, fmt.namespace)
    return root


def _fill(node: etree._Element, obj: Any, namespace: str) -> None:
    for slot in slots(obj.__class__):
        value = getattr(obj, slot.name)
        if slot.kind == ATTRIBUTE:
            node.set(slot.xml_name, to_text(value))
        elif slot.kind == CONTENT:
            node.text = to_text(value)
        elif slot.kind == CHOICE:
            if value is not None:
                _fill(etree.SubElement(node, f"{{{namespace}}}{slot.choice_name(value)}"), value, namespace)
        else:
            tag, nested = f"{{{namespace}}}{slot.xml_name}", is_model(slot.type)
            for item in value if slot.repeated else () if value is None else (value,):
                child = etree.SubElement(node, tag)
                if nested:
                    _fill(child, item, namespace)
                else:
                    child.text = to_text(item)


def from_tree(root: etree._Element, fmt: XmlFormat = ESV) -> Any:
    """The model of a document's root element."""
    name = etree.QName(root).localname
    if etree.QName(root).namespace != fmt.namespace or name not in fmt.roots:
        raise _unmappable(root, f"{name} is not an {fmt.name} document root")
    return _read(root, fmt.roots[name], fmt.namespace)


def _read(node: etree._Element, cls: type, namespace: str) -> Any:
    table = _child_slots(cls, namespace)
    values: dict[str, Any] = {}
    for slot in slots(cls):
        if slot.kind == ATTRIBUTE:
            raw = node.get(slot.xml_name)
            if raw is not None:
                values[slot.name] = _scalar(node, slot, raw)
        elif slot.kind == CONTENT:
            values[slot.name] = _scalar(node, slot, node.text or "")
    for child in node:
        if not isinstance(child.tag, str) or child.tag == SIGNATURE_TAG:
            continue
        found = table.get(child.tag)
        if found is None:
            raise _unmappable(child, "this element is not part of the format here")
        slot, cls_of_child, nested = found
        value = _read(child, cls_of_child, namespace) if nested else _scalar(child, slot, child.text or "")
        if slot.repeated:
            values.setdefault(slot.name, []).append(value)
        else:
            values[slot.name] = value
    for slot in slots(cls):
        if slot.repeated and slot.name in values:
            values[slot.name] = tuple(values[slot.name])
    try:
        return cls(**values)
    except TypeError as error:
        raise _unmappable(node, f"incomplete element ({error})") from None


@functools.cache
def _child_slots(cls: type, namespace: str) -> dict[str, tuple[Slot, Any, bool]]:
    """Per child tag: its slot, the type it holds and whether that is a model (read as elements)."""
    table: dict[str, tuple[Slot, Any, bool]] = {}
    for slot in slots(cls):
        if slot.kind == ELEMENT:
            table[f"{{{namespace}}}{slot.xml_name}"] = (slot, slot.type, is_model(slot.type))
        elif slot.kind == CHOICE:
            for xml_name, alternative in slot.choices:
                table[f"{{{namespace}}}{xml_name}"] = (slot, alternative, is_model(alternative))
    return table


def _scalar(node: etree._Element, slot: Slot, text: str) -> Any:
    try:
        return from_text(slot.type, text, token=slot.token)
    except ValueError as error:
        raise _unmappable(node, str(error)) from None


def _unmappable(node: etree._Element, message: str) -> InvalidDocument:
    return InvalidDocument([Problem(node.sourceline, element_path(node), message)])
