"""The reference directory as members' updates leave it: a reference set replaces the member's earlier
one of the person, a withdrawal removes it, other members' references stay; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from directory import model, registry, tables
from storage.database import connect, sessions, upgrade
from tests.conftest import kbo_for, make_identity, ssin_for
from tests.exchange_world import BACKENDS, database

ANNA, BERT = ssin_for(dt.date(1985, 2, 3), 14), ssin_for(dt.date(1990, 7, 21), 33)
JAN_2020, JAN_2022, JUN_2024 = dt.date(2020, 1, 1), dt.date(2022, 1, 1), dt.date(2024, 6, 30)


@pytest.fixture(params=BACKENDS)
def directory(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with database(request.param, tmp_path) as url:
        engine = connect(url, create=True, schema=registry.DIRECTORY_DATABASE)
        upgrade(engine, registry.DIRECTORY_DATABASE)
        with sessions(engine).begin() as session:
            for first_eight in ("02075001", "02075002"):
                registry.add_member(
                    session,
                    kbo=kbo_for(first_eight),
                    name_nl=f"OCMW {first_eight}",
                    name_fr=f"CPAS {first_eight}",
                    address=f"https://{first_eight}.example/esv/requests",
                    certificates={"member.pem": make_identity(first_eight, "ecdsa").cert_pem},
                    actor="test",
                )
        yield engine
        engine.dispose()


def _update(
    engine: Engine, kbo: str, set_: tuple[model.Reference, ...] = (), withdraw: tuple[str, ...] = ()
) -> tuple[int, int]:
    with sessions(engine).begin() as session:
        member = _member(session, kbo)
        update = model.ReferenceUpdate(member=kbo, created_at=dt.datetime.now(dt.UTC), set=set_, withdraw=withdraw)
        return registry.update_references(session, member.id, update)


def _member(session: Session, kbo: str) -> tables.Member:
    return session.scalars(select(tables.Member).where(tables.Member.kbo == kbo)).one()


def _held(engine: Engine) -> set[tuple[str, str, dt.date, dt.date | None]]:
    with sessions(engine)() as session:
        rows = session.execute(
            select(tables.Member.kbo, tables.Reference.ssin, tables.Reference.begin, tables.Reference.end).join(
                tables.Member, tables.Reference.member_id == tables.Member.id
            )
        )
        return {(kbo, ssin, begin, end) for kbo, ssin, begin, end in rows}


FIRST, SECOND = kbo_for("02075001"), kbo_for("02075002")


def test_a_reference_set_again_replaces_the_members_earlier_one_of_the_person(directory: Engine) -> None:
    assert _update(directory, FIRST, (model.Reference(ssin=ANNA, begin=JAN_2020, end=JAN_2022),)) == (1, 0)
    _update(directory, SECOND, (model.Reference(ssin=ANNA, begin=JAN_2020, end=None),))
    assert _update(directory, FIRST, (model.Reference(ssin=ANNA, begin=JAN_2022, end=JUN_2024),)) == (1, 0)
    assert _held(directory) == {(FIRST, ANNA, JAN_2022, JUN_2024), (SECOND, ANNA, JAN_2020, None)}


def test_the_last_of_one_persons_references_in_an_update_is_kept(directory: Engine) -> None:
    twice = (model.Reference(ssin=BERT, begin=JAN_2020, end=None), model.Reference(ssin=BERT, begin=JAN_2022, end=None))
    _update(directory, FIRST, twice)
    assert _held(directory) == {(FIRST, BERT, JAN_2022, None)}


def test_a_withdrawal_removes_only_the_members_own_reference(directory: Engine) -> None:
    for kbo in (FIRST, SECOND):
        _update(directory, kbo, (model.Reference(ssin=ANNA, begin=JAN_2020, end=None),))
    assert _update(directory, FIRST, withdraw=(ANNA,)) == (0, 1)
    assert _held(directory) == {(SECOND, ANNA, JAN_2020, None)}


def test_a_person_withdrawn_and_set_in_one_update_keeps_the_reference_set(directory: Engine) -> None:
    _update(directory, FIRST, (model.Reference(ssin=ANNA, begin=JAN_2020, end=None),))
    _update(directory, FIRST, (model.Reference(ssin=ANNA, begin=JAN_2022, end=None),), withdraw=(ANNA,))
    assert _held(directory) == {(FIRST, ANNA, JAN_2022, None)}


def test_a_large_call_lands_whole_and_its_periods_are_found_by_a_lookup(directory: Engine) -> None:
    """One call of 6 000 references (one statement, its rows as one parameter): every row stored with
    its own days, and the lookup's comparisons of days hold on what was stored."""
    persons = [ssin_for(dt.date(1960, 1, 1) + dt.timedelta(days=day), 1 + day % 997) for day in range(6000)]
    running = {persons[0]: None, persons[-1]: JUN_2024}
    references = tuple(model.Reference(ssin=person, begin=JAN_2022, end=running.get(person, JAN_2022))
                       for person in persons)  # fmt: skip
    assert _update(directory, FIRST, references) == (6000, 0)
    held = _held(directory)
    assert len(held) == 6000
    assert (FIRST, persons[0], JAN_2022, None) in held and (FIRST, persons[-1], JAN_2022, JUN_2024) in held
    with sessions(directory)() as session:
        second = _member(session, SECOND).id

        def holders(person: str, begin: dt.date, end: dt.date) -> list[str]:
            asked = model.Lookup(lookup_id="l-1", asked_at=dt.datetime.now(dt.UTC), asker=SECOND, ssin=person,
                                 begin=begin, end=end)  # fmt: skip
            return registry.holders(session, asked, second)

        assert holders(persons[-1], JUN_2024, JUN_2024) == [FIRST]  # its last day
        assert holders(persons[-1], JUN_2024 + dt.timedelta(days=1), dt.date(2025, 1, 1)) == []
        assert holders(persons[1], dt.date(2021, 1, 1), JAN_2022 - dt.timedelta(days=1)) == []  # before it began
        assert holders(persons[0], dt.date(2030, 1, 1), dt.date(2030, 12, 31)) == [FIRST]  # still running
