"""The references the OCMW owes the directory of its network: for each person it holds records of,
the period they cover (from the first effective day of a decision or start of a GPMI version to the
last end; open while a decision without a duration runs). They are computed when records come in and
wait in ``pending_references`` until the directory took them, and are then removed (the directory
holds them): an import never fails because the directory is away."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from esv.disclosure import effective_end
from storage import audit, tables

Period = tuple[dt.date, dt.date | None]


class Owed(NamedTuple):
    """A reference waiting for the directory (a row of ``pending_references``, read as plain values:
    a large import leaves hundreds of thousands)."""

    id: int
    ssin: str
    begin: dt.date | None
    end: dt.date | None
    withdraw: bool


def member_of_a_network(session: Session) -> bool:
    identity = session.get(tables.Identity, 1)
    return identity is not None and identity.directory_url is not None


def periods_of(session: Session, ssins: Iterable[str]) -> dict[str, Period]:
    """The period the records of each person cover; a person without records is left out."""
    wanted = sorted(set(ssins))
    spans: dict[str, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for chunk in (wanted[start : start + 500] for start in range(0, len(wanted), 500)):
        decisions = session.execute(
            select(tables.Person.ssin, tables.Decision.effective_date, tables.Decision.duration_months)
            .join(tables.Dossier, tables.Dossier.person_id == tables.Person.id)
            .join(tables.Decision, tables.Decision.dossier_id == tables.Dossier.id)
            .where(tables.Person.ssin.in_(chunk))
        )
        for ssin, effective, months in decisions:
            spans[ssin].append((effective, effective_end(effective, months)))  # as the responder reads it
        versions = session.execute(
            select(tables.Person.ssin, tables.GpmiVersion.start, tables.GpmiVersion.end)
            .join(tables.Dossier, tables.Dossier.person_id == tables.Person.id)
            .join(tables.GpmiContract, tables.GpmiContract.dossier_id == tables.Dossier.id)
            .join(tables.GpmiVersion, tables.GpmiVersion.contract_id == tables.GpmiContract.id)
            .where(tables.Person.ssin.in_(chunk))
        )
        for ssin, start, end in versions:
            spans[ssin].append((start, end))
    return {ssin: _covering(held) for ssin, held in spans.items()}


def _covering(spans: list[tuple[dt.date, dt.date | None]]) -> Period:
    ends = [end for _, end in spans]
    return min(begin for begin, _ in spans), None if None in ends else max(end for end in ends if end is not None)


def register(session: Session, ssins: Iterable[str]) -> int:
    """Owe the directory the current references of these persons (a withdrawal for one without
    records any more); nothing when the OCMW is not a member of a network. How many were queued."""
    if not member_of_a_network(session):
        return 0
    wanted = set(ssins)
    held = periods_of(session, wanted)
    now = audit.now()
    rows = [
        {
            "ssin": ssin,
            "begin": held[ssin][0] if ssin in held else None,
            "end": held[ssin][1] if ssin in held else None,
            "withdraw": ssin not in held,
            "created_at": now,
        }
        for ssin in sorted(wanted)
    ]
    if rows:
        session.execute(insert(tables.PendingReference), rows)
    return len(wanted)


def register_everyone(session: Session) -> int:
    """Owe the directory the references of every person the OCMW holds records of (when it joins a network)."""
    return register(session, session.scalars(select(tables.Person.ssin)))


def pending(session: Session, limit: int, *, after: int = 0) -> list[Owed]:
    """The oldest references not yet taken by the directory (those after the one with id ``after``),
    at most ``limit``."""
    waiting = tables.PendingReference
    rows = session.execute(
        select(waiting.id, waiting.ssin, waiting.begin, waiting.end, waiting.withdraw)
        .where(waiting.id > after)
        .order_by(waiting.id)
        .limit(limit)
    )
    return [Owed(*row) for row in rows]


def taken(session: Session, ids: list[int]) -> None:
    """The directory took these references: they are owed no more."""
    for chunk in (ids[start : start + 500] for start in range(0, len(ids), 500)):
        session.execute(delete(tables.PendingReference).where(tables.PendingReference.id.in_(chunk)))
