"""How a model class maps onto XML: each field is described once, here, by its element or attribute.

The XML mapper (``xmlmap``) and the JSON mapper (``jsonmap``) both walk these descriptions, so the
two directions and the two forms cannot drift apart. A field is one of:

- ``element("Name")``: a child element (``repeated`` for ``0..n``, ``optional`` for ``0..1``);
- ``attribute("name")``: an attribute of the element;
- ``content()``: the element's own text (simple content);
- ``choice(Gpmi="Gpmi", ...)``: one of several child elements, told apart by the value's class.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import types
import typing
from dataclasses import dataclass
from typing import Any

ELEMENT = "element"
ATTRIBUTE = "attribute"
CONTENT = "content"
CHOICE = "choice"


@dataclass(frozen=True)
class Slot:
    """One field of a model class and where it lives in the XML."""

    name: str
    kind: str
    xml_name: str
    type: Any
    optional: bool
    repeated: bool
    token: bool
    has_default: bool
    choices: tuple[tuple[str, type], ...] = ()

    @property
    def required(self) -> bool:
        return not (self.optional or self.repeated or self.has_default)

    def choice_name(self, value: object) -> str:
        """The element name of a choice field's value."""
        for xml_name, cls in self.choices:
            if isinstance(value, cls):
                return xml_name
        raise TypeError(f"{type(value).__name__} is not a choice of {self.name}")


def element(xml_name: str, *, optional: bool = False, repeated: bool = False, token: bool = False) -> Any:
    """A child element; ``token`` applies the XSD ``xs:token`` whitespace collapse on reading."""
    meta = {"kind": ELEMENT, "xml": xml_name, "optional": optional, "repeated": repeated, "token": token}
    if repeated:
        return dataclasses.field(default=(), metadata=meta)
    if optional:
        return dataclasses.field(default=None, metadata=meta)
    return dataclasses.field(metadata=meta)


def attribute(xml_name: str, *, default: Any = dataclasses.MISSING) -> Any:
    """An attribute of the element; ``default`` for fixed attributes such as ``version``."""
    meta = {"kind": ATTRIBUTE, "xml": xml_name, "optional": False, "repeated": False, "token": False}
    return dataclasses.field(default=default, metadata=meta)


def content() -> Any:
    """The element's own text."""
    return dataclasses.field(
        metadata={"kind": CONTENT, "xml": "", "optional": False, "repeated": False, "token": False}
    )


def choice(**alternatives: type) -> Any:
    """At most one of several child elements, each named by its value's class."""
    return dataclasses.field(
        default=None,
        metadata={
            "kind": CHOICE,
            "xml": "",
            "optional": True,
            "repeated": False,
            "token": False,
            "choices": tuple(alternatives.items()),
        },
    )


@functools.cache
def slots(cls: Any) -> tuple[Slot, ...]:
    """The described fields of a model class (a dataclass of ``esv.model``), in document order."""
    hints = typing.get_type_hints(cls)
    result = []
    for field in dataclasses.fields(cls):
        meta = field.metadata
        result.append(
            Slot(
                name=field.name,
                kind=meta["kind"],
                xml_name=meta["xml"],
                type=_item_type(hints[field.name]),
                optional=meta["optional"],
                repeated=meta["repeated"],
                token=meta["token"],
                has_default=field.default is not dataclasses.MISSING,
                choices=meta.get("choices", ()),
            )
        )
    return tuple(result)


def is_model(tp: object) -> bool:
    """Whether ``tp`` is a model class (a described dataclass) rather than a scalar type."""
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def is_enum(tp: object) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def _item_type(hint: Any) -> Any:
    """``X`` from ``X``, ``X | None`` and ``tuple[X, ...]``; a choice keeps its union."""
    if typing.get_origin(hint) is tuple:
        return typing.get_args(hint)[0]
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        members = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return members[0] if len(members) == 1 else hint
    return hint
