"""The two lists of the "Consult ESV" screens, paged and filtered, on SQLite and PostgreSQL: each
page holds the lines that are its share of the list newest first, whichever end of the list it is
counted from, and says which page of how many it is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session, sessionmaker

from esv.codes import Status
from exchange import listing
from exchange.statuses import RequestStatus
from storage import tables
from storage.database import connect, sessions, upgrade
from tests.exchange_world import BACKENDS, database

SOFIE, PIOTR = "92021416206", "01431205533"
NOON = dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)
LINES = 11
"""Lines of each list, each a minute after the one before, but for lines 4 and 5 (ids), which came at
the same instant: the later id is listed first."""


def instant(number: int) -> dt.datetime:
    return NOON + dt.timedelta(minutes=5 if number == 4 else number)


def sent(number: int) -> dict[str, Any]:
    return {
        "request_id": f"R-{number}",
        "responder_url": "https://esv.cpas-liege.example/esv/requests",
        "ssin": PIOTR if number % 3 == 0 else SOFIE,
        "begin": dt.date(2025, 1, 1),
        "end": dt.date(2025, 12, 31),
        "created_at": instant(number),
        "status": RequestStatus.NOT_RECEIVED if number % 2 else RequestStatus.RECEIVED,
        "attempts": 1,
        "history": [],
        "request_xml": b"<EsvRequest/>",
        "responder_name": "CPAS de Liège",
        "archived": number == 7,
    }


def answered(number: int) -> dict[str, Any]:
    return {
        "requester_fingerprint": "AB" * 32,
        "request_id": f"R-{number}",
        "requester_kbo": "0212345668",
        "requester_name": "OCMW Gent",
        "signed_by": "OCMW Gent ESV",
        "ssin": PIOTR if number % 3 == 0 else SOFIE,
        "received_at": instant(number),
        "status": Status.UNKNOWN_PERSON if number % 2 else Status.OK,
        "times_asked": 1,
        "response_xml": b"<EsvResponse/>",
        "archived": number == 7,
    }


@pytest.fixture(scope="module", params=BACKENDS)
def lists(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[sessionmaker[Session]]:
    """A database whose two lists hold lines 1 to 11 each (ids 1 to 11), line 7 archived."""
    with database(request.param, tmp_path_factory.mktemp("lists")) as url:
        engine = connect(url, create=True)
        upgrade(engine)
        with engine.begin() as connection:
            connection.execute(insert(tables.table_of(tables.SentRequest)), [sent(n) for n in range(1, LINES + 1)])
            connection.execute(
                insert(tables.table_of(tables.AnsweredRequest)), [answered(n) for n in range(1, LINES + 1)]
            )
        yield sessions(engine)
        engine.dispose()


def listed(factory: sessionmaker[Session], which: str, **chosen: Any) -> listing.Page[Any]:
    with factory() as session:
        found: listing.Page[Any] = getattr(listing, which)(session, **chosen)
        return found


NEWEST_FIRST = [11, 10, 9, 8, 6, 5, 4, 3, 2, 1]
"""The lines not archived, newest first: 5 and 4 came at the same instant, 5 has the later id."""


@pytest.mark.parametrize("which", ["answers", "requests"])
@pytest.mark.parametrize("per_page", [1, 3, 4, 10, 11])
def test_every_page_is_its_share_of_the_list_newest_first_counted_from_either_end(
    lists: sessionmaker[Session], which: str, per_page: int
) -> None:
    pages = -(-len(NEWEST_FIRST) // per_page)
    for number in range(1, pages + 1):
        found = listed(lists, which, page=number, per_page=per_page)
        assert [line.id for line in found.lines] == NEWEST_FIRST[(number - 1) * per_page : number * per_page]
        assert (found.page, found.pages, found.total) == (number, pages, len(NEWEST_FIRST))


@pytest.mark.parametrize("which", ["answers", "requests"])
def test_a_page_beyond_the_last_is_the_last_and_one_before_the_first_the_first(
    lists: sessionmaker[Session], which: str
) -> None:
    last = listed(lists, which, page=4, per_page=3)
    assert [line.id for line in last.lines] == [1] and (last.page, last.pages) == (4, 4)
    beyond = listed(lists, which, page=5, per_page=3)
    assert [line.id for line in beyond.lines] == [1] and beyond.page == 4
    for before in (0, -1):
        first = listed(lists, which, page=before, per_page=3)
        assert [line.id for line in first.lines] == [11, 10, 9] and first.page == 1


@pytest.mark.parametrize(
    ("which", "status"), [("answers", RequestStatus.NOT_RECEIVED), ("requests", str(Status.UNKNOWN_PERSON))]
)
def test_a_list_of_one_status(lists: sessionmaker[Session], which: str, status: Any) -> None:
    found = listed(lists, which, status=status, page=2, per_page=2)
    assert [line.id for line in found.lines] == [5, 3]  # of 11, 9, 5, 3, 1 (7 is archived)
    assert (found.page, found.pages, found.total) == (2, 3, 5)


@pytest.mark.parametrize("which", ["answers", "requests"])
def test_a_list_of_one_person_by_insz_in_any_written_form(lists: sessionmaker[Session], which: str) -> None:
    found = listed(lists, which, ssin="01.43.12-055.33", per_page=2, page=2)
    assert [line.id for line in found.lines] == [3] and (found.pages, found.total) == (2, 3)  # of 9, 6, 3


@pytest.mark.parametrize("which", ["answers", "requests"])
def test_the_archived_lines_are_a_list_of_their_own(lists: sessionmaker[Session], which: str) -> None:
    found = listed(lists, which, archived=True)
    assert [line.id for line in found.lines] == [7] and (found.page, found.pages, found.total) == (1, 1, 1)


@pytest.mark.parametrize("which", ["answers", "requests"])
def test_an_empty_list_is_one_page_without_lines(lists: sessionmaker[Session], which: str) -> None:
    found = listed(lists, which, ssin="85.07.30-033.28", page=3)
    assert (found.lines, found.page, found.pages, found.total) == ([], 1, 1, 0)


@pytest.mark.parametrize("which", ["answers", "requests"])
def test_a_list_of_as_many_lines_as_the_limit_is_counted_and_paged_whole(
    lists: sessionmaker[Session], which: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(listing, "LIMIT", len(NEWEST_FIRST))
    last = listed(lists, which, page=4, per_page=3)
    assert [line.id for line in last.lines] == [1]
    assert (last.page, last.pages, last.total, last.more) == (4, 4, 10, False)


@pytest.mark.parametrize("which", ["answers", "requests"])
def test_a_list_of_more_lines_than_the_limit_offers_its_newest_and_says_there_are_more(
    lists: sessionmaker[Session], which: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(listing, "LIMIT", 8)
    last = listed(lists, which, page=3, per_page=3)
    assert [line.id for line in last.lines] == [4, 3]  # the 7th and 8th newest: the limit cuts the page
    assert (last.page, last.pages, last.total, last.more) == (3, 3, 8, True)
    beyond = listed(lists, which, page=4, per_page=3)
    assert [line.id for line in beyond.lines] == [4, 3] and beyond.page == 3
    one_person = listed(lists, which, ssin=PIOTR)
    assert [line.id for line in one_person.lines] == [9, 6, 3] and not one_person.more


def test_which_page_of_how_many_is_said_in_dutch_and_french_with_the_numbers_as_each_writes_them() -> None:
    whole = listing.Page([], page=2, pages=17, total=327)
    assert whole.said("nl") == "pagina 2 van 17 (327 in totaal)"
    assert whole.said("fr") == "page 2 sur 17 (327 au total)"
    more = listing.Page([], page=1, pages=500, total=10_000, more=True)
    assert more.said("nl") == (
        "pagina 1 van 500 (meer dan 10.000 in totaal: de nieuwste 10.000 worden getoond; kies een INSZ voor de oudere)"
    )
    assert more.said("fr") == (
        "page 1 sur 500 (plus de 10\u202f000 au total : les 10\u202f000 plus récentes sont affichées ; "
        "choisissez un NISS pour les plus anciennes)"
    )
