"""Model <-> JSON form, derived from the same descriptions as the XML mapper.

The JSON form of a document is an object with ``"document"`` (the root's name), ``"version"`` and
one key per field (snake case). Amounts are strings (``"12.50"``) so no digit is lost, dates and
instants ISO strings, the PDF base64, a choice a one-key object (``{"GpmiWithheld": {...}}``).
Reading reports every problem of the input at once, each at its JSON path (``$.dossiers[0]...``).
"""

from __future__ import annotations

import enum
import json
from decimal import Decimal
from typing import Any

from esv.binding import CHOICE, Slot, is_model, slots
from esv.errors import InvalidDocument, Problem
from esv.model import FORMAT_VERSION, ROOTS, Document
from esv.scalars import from_text, to_text


def to_json(document: Document) -> dict[str, Any]:
    """The JSON form of a document, ready for ``json.dumps``."""
    return {"document": type(document).__name__, "version": FORMAT_VERSION, **_object(document)}


def dumps(document: Document) -> str:
    return json.dumps(to_json(document), ensure_ascii=False, indent=2)


def _object(obj: Any) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for slot in slots(obj.__class__):
        value = getattr(obj, slot.name)
        if slot.kind == CHOICE:
            result[slot.name] = None if value is None else {slot.choice_name(value): _object(value)}
        elif slot.repeated:
            result[slot.name] = [_value(slot.type, item) for item in value]
        else:
            result[slot.name] = None if value is None else _value(slot.type, value)
    return result


def _value(tp: Any, value: Any) -> Any:
    if is_model(tp):
        return _object(value)
    if isinstance(value, bool) or (isinstance(value, int) and not isinstance(value, enum.Enum)):
        return value
    if isinstance(value, enum.IntEnum):
        return int(value)
    return to_text(value)


def loads(text: str | bytes) -> Document:
    """The document of a JSON text; ``InvalidDocument`` lists every problem."""
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        problem = Problem(error.lineno, "$", f"not valid JSON: {error.msg} (column {error.colno})")
        raise InvalidDocument([problem]) from None
    return from_json(data)


def from_json(data: Any) -> Document:
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise InvalidDocument([Problem(None, "$", 'expected a JSON object with a "document" field')])
    name = data.get("document")
    if name not in ROOTS:
        allowed = ", ".join(ROOTS)
        raise InvalidDocument([Problem(None, "$.document", f"{name!r} is not a document kind; use one of {allowed}")])
    if data.get("version", FORMAT_VERSION) != FORMAT_VERSION:
        problems.append(Problem(None, "$.version", f"version must be {FORMAT_VERSION!r}"))
    fields = {key: value for key, value in data.items() if key not in ("document", "version")}
    document = _read_object(ROOTS[name], fields, "$", problems)
    if problems:
        raise InvalidDocument(problems)
    result: Document = document
    return result


def _read_object(cls: type, data: Any, path: str, problems: list[Problem]) -> Any:
    if not isinstance(data, dict):
        problems.append(Problem(None, path, f"expected an object ({cls.__name__})"))
        return None
    described = {slot.name: slot for slot in slots(cls)}
    for key in data.keys() - described.keys():
        problems.append(Problem(None, f"{path}.{key}", f"unknown field; {cls.__name__} has {', '.join(described)}"))
    values: dict[str, Any] = {}
    known_problems = len(problems)
    for name, slot in described.items():
        here = f"{path}.{name}"
        raw = data.get(name)
        if raw is None:
            if slot.required:
                problems.append(Problem(None, here, "missing; this field is required"))
            continue
        if slot.kind == CHOICE:
            values[name] = _read_choice(slot, raw, here, problems)
        elif slot.repeated:
            if not isinstance(raw, list):
                problems.append(Problem(None, here, "expected a list"))
                continue
            values[name] = tuple(_read_value(slot, item, f"{here}[{i}]", problems) for i, item in enumerate(raw))
        else:
            values[name] = _read_value(slot, raw, here, problems)
    return cls(**values) if len(problems) == known_problems else None


def _read_choice(slot: Slot, raw: Any, path: str, problems: list[Problem]) -> Any:
    names = dict(slot.choices)
    if not (isinstance(raw, dict) and len(raw) == 1 and next(iter(raw)) in names):
        problems.append(Problem(None, path, f"expected an object with one key: {' or '.join(names)}"))
        return None
    ((key, inner),) = raw.items()
    return _read_object(names[key], inner, f"{path}.{key}", problems)


def _read_value(slot: Slot, raw: Any, path: str, problems: list[Problem]) -> Any:
    tp = slot.type
    if is_model(tp):
        return _read_object(tp, raw, path, problems)
    if tp is bool or tp is int or (isinstance(tp, type) and issubclass(tp, enum.IntEnum)):
        if isinstance(raw, bool) != (tp is bool) or not isinstance(raw, int):
            problems.append(Problem(None, path, f"expected {'true or false' if tp is bool else 'a whole number'}"))
            return None
        raw = to_text(raw)
    elif isinstance(raw, Decimal) and tp is Decimal:
        raw = format(raw, "f")
    elif not isinstance(raw, str):
        problems.append(Problem(None, path, "expected a string"))
        return None
    try:
        return from_text(tp, raw, token=slot.token)
    except ValueError as error:
        problems.append(Problem(None, path, str(error)))
        return None
