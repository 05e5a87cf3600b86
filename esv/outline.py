"""What can be read of a request that is refused. A responder answers a request it cannot accept
with an error naming the request's id, and keeps what a trusted requester's invalid request says of
the person and the period for its list; both are read here, leniently, from the element names of
``esv.model`` (what cannot be read is ``None``, never guessed)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lxml import etree

from esv.model import NAMESPACE

UNKNOWN_REQUEST_ID = "unknown"
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:\-]{1,64}")
_SSIN = re.compile(r"[0-9]{11}")
_NS = {"esv": NAMESPACE}


@dataclass(frozen=True)
class RequestOutline:
    """The parts of a request that could be read: its id, who says it asks, for whom, over which period."""

    request_id: str
    requester_kbo: str
    requester_name: str
    ssin: str | None
    begin: dt.date | None
    end: dt.date | None


def claimed_request_id(tree: etree._ElementTree) -> str:
    """The id a request gives itself, when it is a usable one; ``UNKNOWN_REQUEST_ID`` otherwise."""
    text = (tree.getroot().findtext("esv:RequestId", namespaces=_NS) or "").strip()
    return text if _REQUEST_ID.fullmatch(text) else UNKNOWN_REQUEST_ID


def outline(tree: etree._ElementTree) -> RequestOutline:
    """What an invalid request says of itself, each part only when it has the format's shape."""
    root = tree.getroot()
    ssin = _text(root, "esv:Ssin")
    return RequestOutline(
        request_id=claimed_request_id(tree),
        requester_kbo=_text(root, "esv:Requester/esv:Kbo")[:10],
        requester_name=_text(root, "esv:Requester/esv:Name")[:100],
        ssin=ssin if _SSIN.fullmatch(ssin) else None,
        begin=_day(root, "esv:Period/esv:Begin"),
        end=_day(root, "esv:Period/esv:End"),
    )


def _text(root: etree._Element, path: str) -> str:
    return (root.findtext(path, namespaces=_NS) or "").strip()


def _day(root: etree._Element, path: str) -> dt.date | None:
    text = _text(root, path)
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None
