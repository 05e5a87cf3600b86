"""Model <-> XML (lxml), both directions derived from the descriptions of the model classes
(``esv.binding``), for any ``XmlFormat`` (the ESV by default).

``from_tree`` expects a tree that passed the XSD; it still refuses, rather than guesses, anything
it cannot map, so a mapping error never turns into an empty value.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lxml import etree

from esv.binding import ATTRIBUTE, CHOICE, CONTENT, ELEMENT, Slot, is_model, slots
from esv.errors import InvalidDocument, Problem
from esv.formats import XmlFormat
from esv.model import ESV
from esv.paths import element_path
from esv.scalars import reader, to_text

SIGNATURE_TAG = "{http://www.w3.org/2000/09/xmldsig#}Signature"


def to_tree(document: Any, fmt: XmlFormat = ESV) -> etree._Element:
    """The XML root element of a document (not yet checked: see ``esv.document.build``)."""
    root = etree.Element(fmt.qualified(type(document).__name__), nsmap={None: fmt.namespace})
    root.set("version", fmt.version)
    _fill(root, document, fmt.namespace)
    return root


def _fill(node: etree._Element, obj: Any, namespace: str) -> None:
    for field in _plan(obj.__class__, namespace).fields:
        slot, value = field.slot, getattr(obj, field.slot.name)
        if slot.kind == ATTRIBUTE:
            node.set(slot.xml_name, to_text(value))
        elif slot.kind == CONTENT:
            node.text = to_text(value)
        elif slot.kind == CHOICE:
            if value is not None:
                _fill(etree.SubElement(node, f"{{{namespace}}}{slot.choice_name(value)}"), value, namespace)
        else:
            items = value if slot.repeated else () if value is None else (value,)
            if field.nested:
                for item in items:
                    _fill(etree.SubElement(node, field.tag), item, namespace)
            else:
                for item in items:
                    etree.SubElement(node, field.tag).text = to_text(item)


def from_tree(root: etree._Element, fmt: XmlFormat = ESV) -> Any:
    """The model of a document's root element."""
    name = etree.QName(root).localname
    if etree.QName(root).namespace != fmt.namespace or name not in fmt.roots:
        raise _unmappable(root, f"{name} is not an {fmt.name} document root")
    return _read(root, fmt.roots[name], fmt.namespace)


def _read(node: etree._Element, cls: type, namespace: str) -> Any:
    plan = _plan(cls, namespace)
    values: dict[str, Any] = {}
    for field in plan.own:
        raw = node.get(field.slot.xml_name) if field.slot.kind == ATTRIBUTE else node.text or ""
        if raw is not None:
            values[field.slot.name] = _scalar(node, field, raw)
    for child in node:
        if not isinstance(child.tag, str) or child.tag == SIGNATURE_TAG:
            continue
        found = plan.children.get(child.tag)
        if found is None:
            raise _unmappable(child, "this element is not part of the format here")
        value = _read(child, found.type, namespace) if found.nested else _scalar(child, found, child.text or "")
        if found.slot.repeated:
            values.setdefault(found.slot.name, []).append(value)
        else:
            values[found.slot.name] = value
    for name in plan.repeated:
        if name in values:
            values[name] = tuple(values[name])
    try:
        return cls(**values)
    except TypeError as error:
        raise _unmappable(node, f"incomplete element ({error})") from None


@dataclass(frozen=True)
class _Field:
    """A field as the mapper meets it: its slot, the tag and type of its element (for a choice, of
    one alternative), whether that type is a model, and what reads a scalar's text."""

    slot: Slot
    tag: str
    type: Any
    nested: bool
    read: Callable[[str], Any] | None


@dataclass(frozen=True)
class _Plan:
    """How a model class is written and read, worked out once per class rather than for each of the
    thousands of elements of a large document: its fields in order, the fields held in attributes
    and content, the field of each child tag, and the names of the repeated fields."""

    fields: tuple[_Field, ...]
    own: tuple[_Field, ...]
    children: dict[str, _Field]
    repeated: tuple[str, ...]


@functools.cache
def _plan(cls: type, namespace: str) -> _Plan:
    fields, children = [], {}
    for slot in slots(cls):
        alternatives = slot.choices if slot.kind == CHOICE else ((slot.xml_name, slot.type),)
        child = slot.kind in (ELEMENT, CHOICE)
        for xml_name, held in alternatives:
            nested = is_model(held)
            tag = f"{{{namespace}}}{xml_name}" if child else ""
            field = _Field(slot, tag, held, nested, None if nested else reader(held, token=slot.token))
            if child:
                children[tag] = field
        fields.append(field)
    return _Plan(
        fields=tuple(fields),
        own=tuple(field for field in fields if field.slot.kind in (ATTRIBUTE, CONTENT)),
        children=children,
        repeated=tuple(slot.name for slot in slots(cls) if slot.repeated),
    )


def _scalar(node: etree._Element, field: _Field, text: str) -> Any:
    try:
        return field.read(text)  # type: ignore[misc]  # a scalar's field always has a reader
    except ValueError as error:
        raise _unmappable(node, str(error)) from None


def _unmappable(node: etree._Element, message: str) -> InvalidDocument:
    return InvalidDocument([Problem(node.sourceline, element_path(node), message)])
