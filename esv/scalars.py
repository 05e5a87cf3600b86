"""The lexical form of the format's simple values, shared by the XML and the JSON mappers.

Writing always gives the canonical form (``true``, ``12.50``, ``2016-04-11``, ``...Z`` for UTC), so a
document read and written again keeps its elements, attributes and text.
"""

from __future__ import annotations

import binascii
import enum
import functools
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

import pybase64  # SIMD base64: a contract PDF is decoded in milliseconds, not a tenth of a second

_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


def to_text(value: Any) -> str:
    """The canonical lexical form of a simple value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if value.utcoffset() == timedelta(0) else text
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return pybase64.b64encode(value).decode("ascii")
    return str(value)


# XML's whitespace: what xs:token collapses. str.split() would also take U+00A0 and the other Unicode
# spaces, which are ordinary characters of an identifier in XML.
_XML_SPACE = " \t\r\n"
_XML_SPACES = re.compile(r"[ \t\r\n]+")


def from_text(tp: Any, text: str, *, token: bool = False) -> Any:
    """The value of type ``tp`` written as ``text``; ``ValueError`` with a sentence when it is not one."""
    return reader(tp, token=token)(text)


@functools.cache
def reader(tp: Any, *, token: bool = False) -> Callable[[str], Any]:
    """What reads a text as a value of type ``tp`` (``from_text`` for one type), chosen once: the
    mappers read the same field of thousands of elements. ``TypeError`` when ``tp`` has no lexical form."""
    if tp is str:
        return _token if token else _as_written
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _stripped(functools.partial(_member, tp))
    if tp not in _READERS:
        raise TypeError(f"no lexical form for {tp!r}")
    return _stripped(_READERS[tp])


def _stripped(read: Callable[[str], Any]) -> Callable[[str], Any]:
    """``read`` of the text without XML's whitespace around it, as every value but a string is read."""

    def read_stripped(text: str) -> Any:
        return read(text.strip(_XML_SPACE))

    return read_stripped


def _as_written(text: str) -> str:
    return text


def _token(text: str) -> str:
    return " ".join(_XML_SPACES.split(text.strip(_XML_SPACE)))


def _boolean(text: str) -> bool:
    if text not in _BOOLEANS:
        raise ValueError(f"{text!r} is not true or false")
    return _BOOLEANS[text]


def _number(convert: Callable[[str], Any], failure: type[Exception], example: str) -> Callable[[str], Any]:
    """The reader of a number that ``convert`` makes, raising ``failure`` on a text that is none."""

    def read(text: str) -> Any:
        try:
            return convert(text)
        except failure:
            raise ValueError(f"{text!r} is not {example}") from None

    return read


def _instant(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date and time such as 2024-03-01T10:15:00+01:00") from None
    if value.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone; write it like 2024-03-01T10:15:00+01:00")
    return value


def _date(text: str) -> date:
    if len(text) == 10:  # fromisoformat also takes 20160411, which xs:date does not
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(f"{text!r} is not a date such as 2016-04-11")


def _base64(text: str) -> bytes:
    if any(space in text for space in _XML_SPACE):  # xs:base64Binary allows line breaks
        text = _XML_SPACES.sub("", text)
    try:
        return pybase64.b64decode(text, validate=True)
    except binascii.Error as error:
        raise ValueError(f"the content is not valid base64 ({error})") from None


def _member(tp: type[enum.Enum], text: str) -> enum.Enum:
    for member in tp:
        if str(member.value) == text:
            return member
    allowed = ", ".join(str(member.value) for member in tp)
    raise ValueError(f"{text!r} is not one of: {allowed}")


_READERS: dict[Any, Callable[[str], Any]] = {
    bool: _boolean,
    int: _number(int, ValueError, "a whole number"),
    Decimal: _number(Decimal, InvalidOperation, "an amount such as 1234.50"),
    datetime: _instant,
    date: _date,
    bytes: _base64,
}
