"""The lexical form of the format's simple values, shared by the XML and the JSON mappers.

Writing always gives the canonical form (``true``, ``12.50``, ``2016-04-11``, ``...Z`` for UTC), so a
document read and written again keeps its elements, attributes and text.
"""

from __future__ import annotations

import binascii
import contextlib
import enum
import re
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
    if tp is str:
        return " ".join(_XML_SPACES.split(text.strip(_XML_SPACE))) if token else text
    text = text.strip(_XML_SPACE)
    if tp is bool:
        if text not in _BOOLEANS:
            raise ValueError(f"{text!r} is not true or false")
        return _BOOLEANS[text]
    if tp is int:
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a whole number") from None
    if tp is Decimal:
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ValueError(f"{text!r} is not an amount such as 1234.50") from None
    if tp is datetime:
        return _instant(text)
    if tp is date:
        return _date(text)
    if tp is bytes:
        return _base64(text)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _member(tp, text)
    raise TypeError(f"no lexical form for {tp!r}")


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
        with contextlib.suppress(ValueError):
            return date.fromisoformat(text)
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
