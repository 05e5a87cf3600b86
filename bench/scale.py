"""What the scale benchmarks share: valid Belgian numbers in bulk, and a new database for a run."""

from __future__ import annotations

import datetime as dt
import random
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ground import kbo  # noqa: E402

FIRST_BIRTH = dt.date(1940, 1, 1)


def valid_kbos(count: int) -> list[str]:
    """KBO numbers of the 0200.000.000 range whose check digits hold."""
    made = [f"0{base:07d}{97 - base % 97:02d}" for base in range(2_000_000, 2_000_000 + count)]
    return [kbo.validate(number) for number in made]


def valid_ssins(count: int, seed: int) -> list[str]:
    """Distinct INSZ of persons born 1940-1999, their check digits as the register computes them."""
    chosen = random.Random(seed)
    numbers: set[str] = set()
    while len(numbers) < count:
        born = FIRST_BIRTH + dt.timedelta(days=chosen.randrange(60 * 365))
        body = f"{born:%y%m%d}{chosen.randrange(1, 998):03d}"
        numbers.add(f"{body}{97 - int(body) % 97:02d}")
    return sorted(numbers, key=lambda _: chosen.random())


@contextmanager
def new_database(server: str | None, sqlite_file: Path, *, keep: bool = False) -> Iterator[str]:
    """A new SQLite file, or a new database on the PostgreSQL server; removed afterwards unless ``keep``."""
    if server is None:
        try:
            yield f"sqlite:///{sqlite_file}"
        finally:
            if not keep:
                for suffix in ("", "-wal", "-shm", "-writer.lock"):
                    sqlite_file.with_name(sqlite_file.name + suffix).unlink(missing_ok=True)
        return
    name = f"ocmw_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        if not keep:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def settled(engine: Engine) -> None:
    """A database just filled as years of use would leave it: on PostgreSQL, vacuumed and analysed now,
    so that autovacuum does not go over the rows just made while the benchmark times its queries."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
