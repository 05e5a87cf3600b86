"""Scale benchmark of the two lists of the "Consult ESV" screens, on a database of a large OCMW.

    python bench/lists_scale.py [--db URL] [--answered 1000000] [--sent 1000000] [--samples 500]
                                [--keep] [--filled URL]

The database holds ``--answered`` requests answered ("Aanvragen ESV") and ``--sent`` requests sent
("Antwoorden ESV"), written straight into the tables of ``storage/tables.py`` in bulk, in the order
they happened over ten years: each person asked about one to twenty times, the statuses spread as a
year of exchange spreads them, half of the lines older than two years archived (two in five in
all), and the stored request and answer 1 kB each (the lists never read them). Then, for each list,
unfiltered, filtered by its most frequent status and by INSZ (a person chosen at random for each
sample), the first, the middle and the last page of 20 lines that the list offers (a list of more
than ``exchange.listing.LIMIT`` lines offers its newest, see docs/exchange.md), each ``--samples``
times, p50 and p99 in milliseconds:

- in the terminal: the call of ``exchange.listing`` that ``ocmw esv answers|requests`` makes, in a
  session of its own (the command's start-up and the drawing of the table are not counted);
- in the web pages: the page ``/answers`` or ``/requests`` as a logged-in browser asks it (the
  filter form sent), through FastAPI's test client: the query, the template and the HTTP layers.

Beforehand it prints, for each list and its most frequent status, how many lines it holds, what it
offers, and how long an exact count of them takes (the count the lists do not make).

``--db`` is a PostgreSQL server (postgresql://user@host/database): a new database is made on it
for the run and dropped afterwards (``--keep`` keeps it, and a SQLite file too). Without it, a new
SQLite file. ``--filled URL`` measures a database filled by an earlier run with ``--keep``. After the
bulk load PostgreSQL is vacuumed and analysed, as its autovacuum leaves a table that grows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scale import new_database, settled, valid_kbos, valid_ssins  # noqa: E402
from esv import model  # noqa: E402
from esv.codes import Status  # noqa: E402
from esv.keys import create_identity  # noqa: E402
from esv.signing import SigningIdentity  # noqa: E402
from exchange import listing  # noqa: E402
from exchange.network import Membership, Network  # noqa: E402
from exchange.statuses import RequestStatus  # noqa: E402
from storage import tables  # noqa: E402
from storage.database import connect, sessions, upgrade  # noqa: E402
from web.accounts import add_user  # noqa: E402
from web.app import create_pages  # noqa: E402
from web.context import Pages  # noqa: E402
from web.roles import Role  # noqa: E402

FIRST_INSTANT = dt.datetime(2016, 12, 1, tzinfo=dt.UTC)
LAST_INSTANT = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
OCMWS = 581
"""The OCMWs/CPAS of Belgium, each the other side of some lines."""
TIMES_ASKED = ((1, 40), (2, 25), (3, 12), (4, 8), (5, 5), (8, 5), (12, 3), (20, 2))
"""How many lines one person has in a list, and how often (weights): 3.4 on average, 20 at most."""
SENT_STATUSES = {
    RequestStatus.RECEIVED: 72,
    RequestStatus.UNKNOWN_PERSON: 12,
    RequestStatus.NOT_RECEIVED: 7,
    RequestStatus.ERROR: 4,
    RequestStatus.SENT: 4,
    RequestStatus.REFUSED: 1,
}
ANSWERED_STATUSES = {Status.OK: 80, Status.UNKNOWN_PERSON: 15, Status.ERROR: 5}
PER_PAGE = 20
BATCH = 20_000
USER = ("bench", "a long password for the bench only")


@dataclass(frozen=True, slots=True)
class Line:
    """What varies from one line to the next, before it becomes a row."""

    at: dt.datetime
    person: str
    status: str
    ocmw: int


def lines(count: int, statuses: dict[Any, int], seed: int) -> list[Line]:
    """``count`` lines of persons asked about several times, in the order they happened."""
    chosen = random.Random(seed)
    persons = valid_ssins(count // 3, seed=seed)
    codes, weights = [str(status) for status in statuses], list(statuses.values())
    times, shares = [times for times, _ in TIMES_ASKED], [share for _, share in TIMES_ASKED]
    span = (LAST_INSTANT - FIRST_INSTANT).total_seconds()
    made: list[Line] = []
    for person in persons:
        for _ in range(chosen.choices(times, shares)[0]):
            at = FIRST_INSTANT + dt.timedelta(seconds=chosen.random() * span)
            made.append(Line(at, person, chosen.choices(codes, weights)[0], chosen.randrange(OCMWS)))
        if len(made) >= count:
            break
    made = made[:count]
    made.sort(key=lambda line: line.at)
    return made


def archived(line: Line, chosen: random.Random) -> bool:
    """Half of the lines older than two years are archived, few of the others."""
    return chosen.random() < (0.5 if line.at < LAST_INSTANT - dt.timedelta(days=730) else 0.03)


def sent_rows(made: list[Line], kbos: list[str], stored: bytes, seed: int) -> Iterator[dict[str, Any]]:
    chosen = random.Random(seed)
    for number, line in enumerate(made):
        answered = line.status not in (RequestStatus.SENT, RequestStatus.NOT_RECEIVED)
        begin = (line.at - dt.timedelta(days=chosen.randrange(180, 1500))).date()
        yield {
            "request_id": f"SENT-{number:010d}",
            "responder_url": f"https://esv.ocmw-{line.ocmw}.example/esv/requests",
            "lookup_id": None,
            "ssin": line.person,
            "begin": begin,
            "end": line.at.date(),
            "created_at": line.at,
            "status": line.status,
            "attempts": 1 if answered else chosen.randrange(1, 4),
            "last_error": None if answered else "no answer within 30 seconds",
            "last_failure": None if answered else "timeout",
            "history": [{"at": line.at.isoformat(), "outcome": line.status}],
            "request_xml": stored,
            "received_at": line.at + dt.timedelta(seconds=2) if answered else None,
            "responder_kbo": kbos[line.ocmw],
            "responder_name": f"OCMW {line.ocmw}",
            "responder_name_fr": f"CPAS {line.ocmw}",
            "signed_by": f"OCMW {line.ocmw} ESV" if answered else None,
            "response_xml": stored if answered else None,
            "archived": archived(line, chosen),
        }


def answered_rows(made: list[Line], kbos: list[str], stored: bytes, seed: int) -> Iterator[dict[str, Any]]:
    chosen = random.Random(seed)
    for number, line in enumerate(made):
        begin = (line.at - dt.timedelta(days=chosen.randrange(180, 1500))).date()
        yield {
            "requester_fingerprint": ":".join(f"{(line.ocmw * 7 + byte) % 256:02X}" for byte in range(32)),
            "request_id": f"ASKED-{number:010d}",
            "requester_kbo": kbos[line.ocmw],
            "requester_name": f"OCMW {line.ocmw}",
            "requester_name_fr": f"CPAS {line.ocmw}",
            "signed_by": f"OCMW {line.ocmw} ESV",
            "ssin": line.person,
            "begin": begin,
            "end": line.at.date(),
            "received_at": line.at,
            "status": line.status,
            "error_code": "internal_error" if line.status == Status.ERROR else None,
            "times_asked": 1 if chosen.random() < 0.95 else 2,
            "response_xml": stored,
            "archived": archived(line, chosen),
        }


def bulk_insert(engine: Engine, entity: type[tables.Base], rows: Iterator[dict[str, Any]]) -> None:
    table = tables.table_of(entity)
    batch: list[dict[str, Any]] = []
    with engine.begin() as connection:
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                connection.execute(insert(table), batch)
                batch = []
        if batch:
            connection.execute(insert(table), batch)


def fill(db_url: str, answered: int, sent: int, stored_bytes: int) -> None:
    engine = connect(db_url, create=True)
    upgrade(engine)
    kbos = valid_kbos(OCMWS)
    stored = b"<?xml version='1.0' encoding='UTF-8'?>" + b"x" * max(0, stored_bytes - 38)
    bulk_insert(engine, tables.SentRequest, sent_rows(lines(sent, SENT_STATUSES, seed=1), kbos, stored, seed=2))
    bulk_insert(
        engine,
        tables.AnsweredRequest,
        answered_rows(lines(answered, ANSWERED_STATUSES, seed=3), kbos, stored, seed=4),
    )
    with sessions(engine).begin() as session:
        add_user(session, *USER, Role.SOCIAL_WORKER, actor="bench")
    settled(engine)
    engine.dispose()


@dataclass(frozen=True)
class Case:
    list_name: str
    """``answers`` (the requests sent) or ``requests`` (the requests answered)."""
    filtered: str
    position: str


def percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[98] * 1000


class Lists:
    """The two lists of one database, as the terminal and the pages ask them."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self.factory = factory
        with factory() as session:
            self.persons = {
                name: list(session.scalars(select(entity.ssin).where(~entity.archived).distinct().limit(50_000)))
                for name, entity in (("answers", tables.SentRequest), ("requests", tables.AnsweredRequest))
            }
        self.statuses = {"answers": str(RequestStatus.RECEIVED), "requests": str(Status.OK)}

    def exact_count(self, list_name: str, status: str | None) -> tuple[int, float]:
        """The lines of a list not archived, counted whole, and the median time it takes (the count the
        lists do not make: ``listing.LIMIT``)."""
        entity = tables.SentRequest if list_name == "answers" else tables.AnsweredRequest
        query = select(func.count()).select_from(entity).where(~entity.archived)
        if status is not None:
            query = query.where(entity.status == status)
        taken, count = [], 0
        with self.factory() as session:
            for _ in range(5):
                start = time.perf_counter()
                count = session.scalar(query) or 0
                taken.append(time.perf_counter() - start)
        return count, statistics.median(taken) * 1000

    def terminal(self, list_name: str, status: str | None, ssin: str | None, page: int) -> listing.Page[Any]:
        with self.factory() as session:
            if list_name == "answers":
                wanted = RequestStatus(status) if status else None
                return listing.answers(session, status=wanted, ssin=ssin, page=page, per_page=PER_PAGE)
            return listing.requests(session, status=status, ssin=ssin, page=page, per_page=PER_PAGE)

    def filters(self, case: Case, chosen: random.Random) -> tuple[str | None, str | None]:
        if case.filtered == "status":
            return self.statuses[case.list_name], None
        if case.filtered == "INSZ":
            return None, chosen.choice(self.persons[case.list_name])
        return None, None

    @functools.cache  # noqa: B019 (one Lists a run)
    def pages(self, list_name: str, status: str | None, ssin: str | None) -> int:
        return self.terminal(list_name, status, ssin, 1).pages

    def page_of(self, case: Case, status: str | None, ssin: str | None) -> int:
        pages = self.pages(case.list_name, status, ssin)
        return {"first": 1, "middle": (pages + 1) // 2, "last": pages}[case.position]


@contextmanager
def browser(factory: sessionmaker[Session], folder: Path) -> Iterator[TestClient]:
    """The pages of the OCMW, logged in as a social worker (one event loop for all its requests, as
    the service has)."""
    key_pem, cert_pem = create_identity("OCMW bench", kind="ecdsa")
    membership = Membership(
        kbo=valid_kbos(1)[0],
        signing=SigningIdentity.load(key_pem, cert_pem),
        tls=None,
        network=Network(directory_url=None, anchor=None, trust_path=folder),
    )
    pages = Pages(
        sessions=factory,
        ocmw=model.Ocmw(kbo=membership.kbo, name="OCMW bench"),
        membership=membership,
        secret="a secret for the bench only, long enough",
        per_page=PER_PAGE,
    )
    with TestClient(create_pages(pages), follow_redirects=False) as client:
        login = client.get("/login")
        form = {"username": USER[0], "password": USER[1], "csrf_token": csrf(login.text)}
        assert client.post("/login", data=form).status_code == 303
        yield client


def csrf(page: str) -> str:
    marker = 'name="csrf_token" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


CASES = [
    Case(list_name, filtered, position)
    for list_name in ("answers", "requests")
    for filtered in ("none", "status", "INSZ")
    for position in ("first", "middle", "last")
]
Figures = tuple[float, float]
"""p50 and p99, in milliseconds."""


def measure(lists: Lists, client: TestClient, samples: int) -> list[tuple[Case, Figures, Figures]]:
    """Each case ``samples`` times, in the terminal and in the pages by turns."""
    chosen = random.Random(5)
    token = csrf(client.get("/answers").text)
    results = []
    for case in CASES:
        terminal, web = [], []
        for _ in range(samples):
            status, ssin = lists.filters(case, chosen)
            page = lists.page_of(case, status, ssin)
            form = {"status": status or "", "ssin": ssin or "", "page": str(page), "csrf_token": token}
            start = time.perf_counter()
            lists.terminal(case.list_name, status, ssin, page)
            listed = time.perf_counter()
            response = client.post(f"/{case.list_name}", data=form)
            shown = time.perf_counter()
            assert response.status_code == 200 and "<table" in response.text, response.status_code
            terminal.append(listed - start)
            web.append(shown - listed)
        results.append((case, percentiles(terminal), percentiles(web)))
        print(f"  {case.list_name:<9} {case.filtered:<7} {case.position:<7} terminal p50 {results[-1][1][0]:7.1f} "
              f"p99 {results[-1][1][1]:7.1f}   web p50 {results[-1][2][0]:7.1f} p99 {results[-1][2][1]:7.1f}",
              flush=True)  # fmt: skip
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="a PostgreSQL server to make the database on (default: SQLite)")
    parser.add_argument("--answered", type=int, default=1_000_000, help="requests answered")
    parser.add_argument("--sent", type=int, default=1_000_000, help="requests sent")
    parser.add_argument("--samples", type=int, default=500, help="samples of each case")
    parser.add_argument("--stored-bytes", type=int, default=1000, help="size of each stored request and answer")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards, and print its URL")
    parser.add_argument("--filled", metavar="URL", help="measure this database, filled by an earlier --keep run")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    folder.chmod(0o700)
    if args.filled:
        run(args.filled, folder, args)
        return
    with new_database(args.db, folder / "lists.db", keep=args.keep) as db_url:
        kind = make_url(db_url).get_backend_name()
        print(f"{args.answered:,} requests answered and {args.sent:,} sent on {kind} ...", flush=True)
        start = time.perf_counter()
        fill(db_url, args.answered, args.sent, args.stored_bytes)
        print(f"  made in {time.perf_counter() - start:.0f} s", flush=True)
        if args.keep:
            print(f"  kept: --filled {db_url}", flush=True)
        run(db_url, folder, args)


def run(db_url: str, folder: Path, args: argparse.Namespace) -> None:
    engine = connect(db_url)
    factory = sessions(engine)
    lists = Lists(factory)
    for list_name in ("answers", "requests"):
        for status in (None, lists.statuses[list_name]):
            count, taken = lists.exact_count(list_name, status)
            offered = lists.terminal(list_name, status, None, 1)
            print(f"  {list_name} {status or 'all'}: {count:,} lines not archived; the list offers "
                  f"{offered.total:,} in {offered.pages:,} pages; an exact count takes {taken:.0f} ms (p50)",
                  flush=True)  # fmt: skip
    with browser(factory, folder) as client:
        results = measure(lists, client, args.samples)
    kind = make_url(db_url).get_backend_name()
    print()
    print(f"{'database':<10} {'list':<9} {'filter':<7} {'page':<7} {'terminal p50':>12} {'p99':>7} "
          f"{'web p50':>8} {'p99':>7}  target p99 < 100 ms")  # fmt: skip
    for case, terminal, web in results:
        met = "met" if max(terminal[1], web[1]) < 100 else "NOT MET"
        print(f"{kind:<10} {case.list_name:<9} {case.filtered:<7} {case.position:<7} {terminal[0]:>12.1f} "
              f"{terminal[1]:>7.1f} {web[0]:>8.1f} {web[1]:>7.1f}  {met}")  # fmt: skip
    print(f"milliseconds, {args.samples} samples of each case, {PER_PAGE} lines a page")
    engine.dispose()


if __name__ == "__main__":
    main()
