"""Retention (``storage.retention``): the documents exchanged before a day, in Belgian time, are removed, those
of the day itself kept; a request sent counts from its answer's arrival; the audit log keeps its lines and
says what was removed; on SQLite nothing of them stays in the file; the day of a purge is never in the
future nor inside the retention the database records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from esv.disclosure import BELGIAN_TIME
from ground.errors import InvalidInput
from storage import audit, retention, tables
from storage.retention import purge, purge_before

BEFORE = dt.date(2024, 12, 1)
MIDNIGHT = dt.datetime.combine(BEFORE, dt.time(), BELGIAN_TIME)
"""The first instant kept: 1 December 2024 began at 23:00 UTC on 30 November."""
TICK = dt.timedelta(microseconds=1)


def sent(
    request_id: str, created_at: dt.datetime, received_at: dt.datetime | None, report: bytes = b""
) -> tables.SentRequest:
    return tables.SentRequest(
        request_id=request_id,
        responder_url="https://cpas.liege.example/esv/requests",
        ssin="92021416206",
        begin=dt.date(2024, 1, 1),
        end=dt.date(2024, 10, 31),
        created_at=created_at,
        status="received" if received_at else "not_received",
        attempts=1,
        history=[],
        request_xml=b"<EsvRequest/>",
        received_at=received_at,
        responder_kbo="0207654333",
        response_xml=report or None,
        archived=False,
    )


def answered(request_id: str, received_at: dt.datetime) -> tables.AnsweredRequest:
    return tables.AnsweredRequest(
        requester_fingerprint="sha256:" + "0" * 64,
        request_id=request_id,
        requester_kbo="0212345668",
        requester_name="OCMW Gent",
        signed_by="OCMW Gent ESV",
        ssin="01431205533",
        received_at=received_at,
        status="ok",
        times_asked=1,
        response_xml=b"<EsvResponse/>",
        archived=False,
    )


@pytest.fixture
def factory(database: tuple[str, sessionmaker[Session]]) -> sessionmaker[Session]:
    with database[1].begin() as session:
        session.add(tables.Identity(id=1, kbo="0212345668", name="OCMW Gent"))
    return database[1]


def add(factory: sessionmaker[Session], *rows: tables.Base) -> None:
    with factory.begin() as session:
        session.add_all(rows)


def request_ids(factory: sessionmaker[Session], entity: type[tables.SentRequest | tables.AnsweredRequest]) -> list[str]:
    with factory() as session:
        return sorted(session.scalars(select(entity.request_id)))


def test_what_was_exchanged_before_the_belgian_midnight_of_the_day_is_removed_and_from_then_kept(
    factory: sessionmaker[Session],
) -> None:
    add(
        factory,
        sent("S-BEFORE", MIDNIGHT - TICK, MIDNIGHT - TICK),
        sent("S-AT", MIDNIGHT - TICK, MIDNIGHT),
        answered("A-BEFORE", MIDNIGHT - TICK),
        answered("A-AT", MIDNIGHT),
        answered("A-UTC-DAY-BEFORE", dt.datetime(2024, 11, 30, 23, 30, tzinfo=dt.UTC)),  # 1 December in Belgium
    )
    with factory() as session:
        done = purge(session, BEFORE, actor="beheerder")
    assert [line.request_id for line in done.reports] == ["S-BEFORE"]
    assert [line.request_id for line in done.answers] == ["A-BEFORE"]
    assert request_ids(factory, tables.SentRequest) == ["S-AT"]
    assert request_ids(factory, tables.AnsweredRequest) == ["A-AT", "A-UTC-DAY-BEFORE"]


def test_a_request_sent_is_dated_by_its_answer_and_without_one_by_its_sending(factory: sessionmaker[Session]) -> None:
    long_ago, recently = dt.datetime(2020, 3, 1, tzinfo=dt.UTC), dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    add(factory, sent("ANSWERED-RECENTLY", long_ago, recently), sent("NEVER-ANSWERED", long_ago, None))
    with factory() as session:
        purge(session, BEFORE, actor="beheerder")
    assert request_ids(factory, tables.SentRequest) == ["ANSWERED-RECENTLY"]


def test_the_audit_log_keeps_its_lines_and_says_what_was_removed(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:  # a line of before, chained as every line is
        audit.log(session, actor="x", action="answer_received", ssin="92021416206")
    add(factory, sent("S-1", MIDNIGHT - TICK, MIDNIGHT - TICK), answered("A-1", MIDNIGHT - TICK))
    with factory() as session:
        purge(session, BEFORE, actor="beheerder")
        lines = session.scalars(select(tables.AuditEntry).order_by(tables.AuditEntry.id)).all()
    assert [(line.action, line.ssin, line.details.get("request_id")) for line in lines] == [
        ("answer_received", "92021416206", None),
        ("report_purged", "92021416206", "S-1"),
        ("answer_purged", "01431205533", "A-1"),
        ("database_purged", None, None),
    ]
    dated = (MIDNIGHT - TICK).astimezone(dt.UTC).isoformat()
    assert lines[1].details == {
        "request_id": "S-1", "ocmw": "0207654333", "name_nl": "https://cpas.liege.example/esv/requests",
        "name_fr": "https://cpas.liege.example/esv/requests", "dated": dated,
    }  # fmt: skip  # a request sent to an OCMW that had no name then: its address
    assert lines[2].details == {
        "request_id": "A-1", "ocmw": "0212345668", "name_nl": "OCMW Gent", "name_fr": "OCMW Gent", "dated": dated,
    }  # fmt: skip
    assert lines[3].details == {"before": "2024-12-01", "reports": 1, "answers": 1}
    assert {line.actor for line in lines[1:]} == {"beheerder"}


def test_what_a_purge_would_remove_is_said_without_removing_it(factory: sessionmaker[Session]) -> None:
    add(factory, sent("S-1", MIDNIGHT - TICK, None), answered("A-1", MIDNIGHT - TICK), answered("A-2", MIDNIGHT))
    with factory() as session:
        would = retention.older(session, BEFORE)
    assert ([line.request_id for line in would.reports], [line.request_id for line in would.answers]) == (
        ["S-1"],
        ["A-1"],
    )
    assert request_ids(factory, tables.AnsweredRequest) == ["A-1", "A-2"]


def test_nothing_of_a_removed_report_stays_in_the_sqlite_file(
    database: tuple[str, sessionmaker[Session]], factory: sessionmaker[Session]
) -> None:
    contract = b"%PDF-1.7 contract of Sofie De Smet " * 300  # over several pages, as a report with its PDF
    add(factory, sent("S-1", MIDNIGHT - TICK, MIDNIGHT - TICK, report=contract))
    with factory() as session:
        purge(session, BEFORE, actor="beheerder")
    files = Path(database[0].removeprefix("sqlite:///")).parent.glob("ocmw.db*")
    assert not any(b"contract of Sofie De Smet" in path.read_bytes() for path in files)


def test_the_day_of_a_purge_is_the_retentions_when_none_is_given(factory: sessionmaker[Session]) -> None:
    today = dt.date(2026, 11, 30)
    with factory.begin() as session:
        with pytest.raises(InvalidInput, match="no retention is set: give --before DD/MM/YYYY, or set it with"):
            purge_before(session, None, today)
        retention.set_retention(session, 24, actor="beheerder")
        assert purge_before(session, None, today) == dt.date(2024, 11, 30)


def test_a_day_given_may_be_the_retentions_first_day_not_the_day_after(factory: sessionmaker[Session]) -> None:
    today = dt.date(2026, 11, 30)
    with factory.begin() as session:
        retention.set_retention(session, 24, actor="beheerder")
        assert purge_before(session, dt.date(2024, 11, 30), today) == dt.date(2024, 11, 30)
        with pytest.raises(InvalidInput) as refused:
            purge_before(session, dt.date(2024, 12, 1), today)
    assert str(refused.value) == (
        "--before 01/12/2024 would remove documents of the last 24 months, which this database keeps: give a day "
        "on or before 30/11/2024, or change the retention with `ocmw db set-retention --months N`"
    )


def test_without_a_retention_a_day_given_may_be_today_not_tomorrow(factory: sessionmaker[Session]) -> None:
    today = dt.date(2026, 11, 30)
    with factory() as session:
        assert purge_before(session, today, today) == today
        with pytest.raises(InvalidInput, match="--before 01/12/2026 is after today"):
            purge_before(session, dt.date(2026, 12, 1), today)


@pytest.mark.parametrize("months", [retention.FEWEST_MONTHS, retention.MOST_MONTHS])
def test_a_retention_of_one_month_to_a_hundred_years_is_recorded_and_audited(
    factory: sessionmaker[Session], months: int
) -> None:
    with factory.begin() as session:
        assert retention.set_retention(session, 6, actor="beheerder") is None
        assert retention.set_retention(session, months, actor="beheerder") == 6
    with factory() as session:
        assert session.get(tables.Identity, 1).retention_months == months  # type: ignore[union-attr]
        lines = session.scalars(select(tables.AuditEntry).where(tables.AuditEntry.action == "retention_set")).all()
    assert [line.details for line in lines] == [{"months": 6, "was": None}, {"months": months, "was": 6}]


@pytest.mark.parametrize("months", [retention.FEWEST_MONTHS - 1, retention.MOST_MONTHS + 1])
def test_a_retention_under_one_month_or_over_a_hundred_years_is_refused(
    factory: sessionmaker[Session], months: int
) -> None:
    with factory() as session, pytest.raises(InvalidInput, match=f"a retention of {months} months is not possible"):
        retention.set_retention(session, months, actor="beheerder")
