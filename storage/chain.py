"""The audit log as a chain: every line carries the hash of the line before it and its own hash,
SHA-256 over that previous hash and the line's canonical content. A line changed, removed or put in
another place directly in the database no longer follows, and ``verify`` says where; the chain's
head (``audit_chain``) records the last line, so that lines removed at the end are found too.

Lines are added in the order of their ids, one writer at a time: ``audit.log`` first takes the head
(an UPDATE of its one row, which holds SQLite's write lock, or PostgreSQL's lock on the row, until
the transaction ends), reads the previous hash from it, adds the line and moves the head on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from storage.tables import AuditChainHead, AuditEntry, table_of

GENESIS = "0" * 64
"""The previous hash of the first line."""

_LINES = table_of(AuditEntry)
_HEAD = table_of(AuditChainHead)


@dataclass(frozen=True)
class LineContent:
    """What a line of the audit log says: when, who, what, about whom, and the details."""

    at: dt.datetime
    actor: str
    action: str
    ssin: str | None
    details: dict[str, Any]


def canonical(line: LineContent) -> bytes:
    """The line's content in one form, as it is written and as it is read back from either database:
    JSON with sorted keys, the instant in UTC to the microsecond.

    >>> canonical(LineContent(dt.datetime(1970, 1, 1, tzinfo=dt.UTC), "an", "viewed", None, {"id": 1}))
    b'{"action":"viewed","actor":"an","at":"1970-01-01T00:00:00.000000+00:00","details":{"id":1},"ssin":null}'
    """
    content = {
        "at": line.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor": line.actor,
        "action": line.action,
        "ssin": line.ssin,
        "details": line.details,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def line_hash(previous: str, content: bytes) -> str:
    """SHA-256, in hexadecimal, over the previous line's hash and this line's canonical content."""
    return hashlib.sha256(previous.encode("ascii") + b"\n" + content).hexdigest()


@dataclass(frozen=True)
class Break:
    """Where the chain breaks: the line (``None``: at its end) and what is wrong there, in a sentence."""

    line: int | None
    what: str


@dataclass(frozen=True)
class Verdict:
    """The chain walked from its first line to its head: how many lines, the last one and its hash,
    the first and last instants, and every place it breaks (none: unbroken)."""

    lines: int
    last_line: int | None
    last_hash: str
    first_at: dt.datetime | None
    last_at: dt.datetime | None
    breaks: tuple[Break, ...]

    @property
    def unbroken(self) -> bool:
        return not self.breaks


@dataclass(frozen=True)
class _Stored:
    id: int
    content: LineContent
    previous_hash: str
    hash: str


def verify(connection: Connection) -> Verdict:
    """Every line checked against its own hash and against the line before it, and the last one
    against the head. A line whose content does not give its hash was changed; a line whose previous
    hash is not the hash of the line before it does not follow it (a line between them was removed,
    or the line before it was changed and its hash made again)."""
    breaks: list[Break] = []
    previous, previous_id, count = GENESIS, None, 0
    first_at = last_at = None
    for line in _stored_lines(connection):
        count += 1
        first_at = first_at or line.content.at
        last_at = line.content.at
        if line.previous_hash != previous:
            breaks.append(Break(line.id, _not_following(line.id, previous_id)))
        if line_hash(line.previous_hash, canonical(line.content)) != line.hash:
            breaks.append(Break(line.id, f"line {line.id} was changed: its content does not give its hash"))
        previous, previous_id = line.hash, line.id
    head = connection.execute(select(_HEAD.c.last_id, _HEAD.c.last_hash).where(_HEAD.c.id == 1)).first()
    if head is None:
        breaks.append(Break(None, "the chain's head is missing: it was deleted from the database"))
    elif (head.last_id, head.last_hash) != (previous_id, previous):
        ends = f"line {previous_id}" if previous_id is not None else "no line at all"
        recorded = f"line {head.last_id}" if head.last_id is not None else "no line"
        breaks.append(
            Break(None, f"the log ends with {ends}, but its head records {recorded}: lines at the end were removed")
        )
    return Verdict(count, previous_id, previous, first_at, last_at, tuple(breaks))


def _not_following(line: int, before: int | None) -> str:
    if before is None:
        return f"line {line} does not begin the chain: the lines before it were removed"
    return f"line {line} does not follow line {before}: a line between them was removed, or line {before} was changed"


def _stored_lines(connection: Connection) -> Iterator[_Stored]:
    query = select(
        _LINES.c.id,
        _LINES.c.at,
        _LINES.c.actor,
        _LINES.c.action,
        _LINES.c.ssin,
        _LINES.c.details,
        _LINES.c.previous_hash,
        _LINES.c.hash,
    ).order_by(_LINES.c.id)
    for row in connection.execution_options(yield_per=1000).execute(query):
        content = LineContent(row.at, row.actor, row.action, row.ssin, row.details)
        yield _Stored(row.id, content, row.previous_hash, row.hash)
