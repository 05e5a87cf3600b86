"""Retention: the documents the OCMW exchanged are kept as many months as it decides, recorded in its
database, and then removed: each request it sent with the report it received (and the contract PDF the
report carried), each request it answered with the answer it sent. The audit log is kept: its lines say
who asked what about whom and when, and hold no document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import ColumnElement, Row, Table, delete, func, select
from sqlalchemy.orm import Session

from esv.disclosure import BELGIAN_TIME
from ground import days
from ground.errors import InvalidInput
from storage import audit, records, tables
from storage.database import writer_lock
from storage.history import REQUESTER_NAMES, RESPONDER_NAMES, Names
from storage.retention_bounds import FEWEST_MONTHS, MOST_MONTHS


def today() -> dt.date:
    """Today in Belgium: the day retention counts from."""
    return dt.datetime.now(BELGIAN_TIME).date()


def boundary(months: int, day: dt.date) -> dt.date:
    """The first day whose documents are kept on ``day`` with a retention of ``months`` months: the same
    day of the month, ``months`` months back (or the last day of a shorter month).

    >>> boundary(24, dt.date(2026, 12, 1)), boundary(3, dt.date(2026, 5, 31))
    (datetime.date(2024, 12, 1), datetime.date(2026, 2, 28))
    """
    return day - relativedelta(months=months)


def set_retention(session: Session, months: int, *, actor: str) -> int | None:
    """Record how many months the documents exchanged are kept, in the audit log too; what it was before."""
    if not FEWEST_MONTHS <= months <= MOST_MONTHS:
        raise InvalidInput(f"a retention of {months} months is not possible: give {FEWEST_MONTHS} to {MOST_MONTHS}")
    identity = records.own_identity(session)
    was = identity.retention_months
    identity.retention_months = months
    audit.log(session, actor=actor, action="retention_set", months=months, was=was)
    return was


def purge_before(session: Session, before: dt.date | None, day: dt.date) -> dt.date:
    """The day before which ``ocmw db purge`` removes documents on ``day``: ``before`` when given, else
    the retention's boundary. Never a day after ``day``, nor one whose documents the retention keeps."""
    months = records.own_identity(session).retention_months
    if before is None:
        if months is None:
            raise InvalidInput(
                "no retention is set: give --before DD/MM/YYYY, or set it with `ocmw db set-retention --months N`"
            )
        return boundary(months, day)
    if before > day:
        raise InvalidInput(f"--before {days.format(before)} is after today: documents are removed only from the past")
    if months is not None and before > boundary(months, day):
        raise InvalidInput(
            f"--before {days.format(before)} would remove documents of the last {months} months, which this database "
            f"keeps: give a day on or before {days.format(boundary(months, day))}, or change the retention with "
            "`ocmw db set-retention --months N`"
        )
    return before


@dataclass(frozen=True)
class Removed:
    """A line removed, with what the audit log keeps of it."""

    request_id: str
    ssin: str | None
    ocmw: str | None
    """The KBO of the other OCMW: the one asked, or the one that asked."""
    name_nl: str
    name_fr: str
    """Its names, as the directory or the trust folder gave them when the request was made."""
    dated: dt.datetime


@dataclass(frozen=True)
class Purge:
    """What is removed (or, in a dry run, would be) before a day."""

    before: dt.date
    reports: list[Removed]
    """The requests this OCMW sent, with the reports received."""
    answers: list[Removed]
    """The requests it answered, with the answers sent."""


@dataclass(frozen=True)
class _Documents:
    """A table of exchanged documents, and the columns retention reads in it."""

    table: Table
    action: str
    ocmw: str
    names: Names
    dated: ColumnElement[dt.datetime]

    def older_than(self, before: dt.date) -> ColumnElement[bool]:
        return self.dated < dt.datetime.combine(before, dt.time(), BELGIAN_TIME)

    @property
    def kept(self) -> tuple[ColumnElement[Any], ...]:
        return self.table.c.request_id, self.table.c.ssin, self.table.c[self.ocmw], *self.names, self.dated


_sent, _answered = tables.table_of(tables.SentRequest), tables.table_of(tables.AnsweredRequest)
REPORTS = _Documents(
    _sent,
    "report_purged",
    "responder_kbo",
    RESPONDER_NAMES,
    func.coalesce(_sent.c.received_at, _sent.c.created_at),
)
"""A request sent is dated by the arrival of its answer, else by its sending: a report received yesterday
for a request of long ago is as recent as yesterday."""
ANSWERS = _Documents(
    _answered,
    "answer_purged",
    "requester_kbo",
    REQUESTER_NAMES,
    _answered.c.received_at,
)
"""A request answered is dated by the day it first came."""


def _removed(rows: Iterable[Row[*tuple[Any, ...]]]) -> list[Removed]:
    return [Removed(*row) for row in rows]


def older(session: Session, before: dt.date) -> Purge:
    """What ``purge`` would remove, without removing it."""
    connection = session.connection()
    reports, answers = (
        _removed(connection.execute(select(*kind.kept).where(kind.older_than(before)).order_by(kind.dated)))
        for kind in (REPORTS, ANSWERS)
    )
    return Purge(before, reports, answers)


def purge(session: Session, before: dt.date, *, actor: str) -> Purge:
    """Remove the documents exchanged before the day (Belgian time), each removal written to the audit
    log, and the purge itself, and commit. On SQLite the pages they took are overwritten with zeros."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA secure_delete = ON")
    with writer_lock(connection):
        removed: list[list[Removed]] = []
        for kind in (REPORTS, ANSWERS):
            statement = delete(kind.table).where(kind.older_than(before)).returning(*kind.kept)
            lines = sorted(_removed(connection.execute(statement)), key=lambda line: line.dated)
            for line in lines:
                audit.log(
                    session,
                    actor=actor,
                    action=kind.action,
                    ssin=line.ssin,
                    request_id=line.request_id,
                    ocmw=line.ocmw,
                    name_nl=line.name_nl,
                    name_fr=line.name_fr,
                    dated=line.dated.isoformat(),
                )
            removed.append(lines)
        audit.log(
            session,
            actor=actor,
            action="database_purged",
            before=before.isoformat(),
            reports=len(removed[0]),
            answers=len(removed[1]),
        )
        session.commit()
    if connection.dialect.name == "sqlite":  # the zeros written over them into the file itself, now
        session.connection().exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return Purge(before, removed[0], removed[1])
