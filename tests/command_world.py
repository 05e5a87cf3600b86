"""An OCMW as its staff sets it up from the terminal: ``ocmw`` run as they type it, OCMW Gent's database made
with ``ocmw db init``, and what the commands left in a database, read back. The CPAS de Liège that answers
Gent's requests on loopback is ``tests.exchange_world``'s."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner, Result
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session, undefer

from cli import main
from esv.disclosure import BELGIAN_TIME
from storage import tables
from storage.database import NoDatabase, connect, sessions
from tests.conftest import FIXTURES
from tests.exchange_world import EXCHANGE_FIXTURES, Trust

KEYS = FIXTURES / "keys"
LIEGE = EXCHANGE_FIXTURES / "liege"
ANTWERPEN = EXCHANGE_FIXTURES / "antwerpen"
GENT_KBO = "0212345668"
LIEGE_KBO = "0207654333"
SOFIE = "92021416206"
PIOTR = "01431205533"
TODAY = dt.datetime.now(BELGIAN_TIME).date()
SIGNING_FILES = {"--key": KEYS / "ocmw-gent.key.pem", "--cert": KEYS / "ocmw-gent.cert.pem", "--trust": KEYS / "trust"}
SIGNING = tuple(part for pair in SIGNING_FILES.items() for part in pair)
PERIOD = ("--from", "2025-01-01", "--to", "31/10/2026")
RECORD_TABLES: tuple[type[tables.Base], ...] = (
    tables.Person,
    tables.Dossier,
    tables.Decision,
    tables.Aid,
    tables.CalculationElement,
    tables.GpmiContract,
    tables.GpmiVersion,
)
LIEGE_COUNTS = {
    "persons": 2,
    "dossiers": 3,
    "decisions": 5,
    "aids": 4,
    "calculation_elements": 6,
    "gpmi_contracts": 1,
    "gpmi_versions": 3,
}
NOTHING = dict.fromkeys(LIEGE_COUNTS, 0)


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    """``ocmw ARGS``, wide enough that no list folds its cells."""
    return CliRunner(env={"COLUMNS": "400", **(env or {})}).invoke(main, [str(arg) for arg in args])


def init(db: str, *extra: str | Path) -> Result:
    result = run("db", "init", "--db", db, "--kbo", GENT_KBO, "--name", "OCMW Gent", *extra)
    assert result.exit_code == 0, result.output
    return result


def trusting(keys: dict[str, Path], folder: Path) -> Trust:
    """The trust folder of a responder that trusts OCMW Gent."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "gent.pem").write_bytes(keys["--cert"].read_bytes())
    (folder / "gent.toml").write_text(f'kbo = "{GENT_KBO}"\nname_nl = "OCMW Gent"\nname_fr = "CPAS de Gand"\n')
    return Trust(folder)


@contextmanager
def session_of(url: str) -> Iterator[Session]:
    engine = connect(url)
    try:
        with sessions(engine)() as session:
            yield session
    finally:
        engine.dispose()


def counts(url: str) -> dict[str, int]:
    with session_of(url) as session:
        return {
            table.__tablename__: session.scalar(select(func.count()).select_from(table)) or 0 for table in RECORD_TABLES
        }


def audit_actions(url: str) -> list[str]:
    with session_of(url) as session:
        return list(session.scalars(select(tables.AuditEntry.action).order_by(tables.AuditEntry.id)))


def recorded_identity(url: str) -> tables.Identity | None:
    """The OCMW the database says it belongs to; ``None`` also when there is no schema, or no database, at all."""
    try:
        engine = connect(url)
    except NoDatabase:
        return None
    try:
        if not inspect(engine).has_table("ocmw_identity"):
            return None
        with sessions(engine)() as session:
            return session.get(tables.Identity, 1)
    finally:
        engine.dispose()


def sent_requests(url: str) -> list[tables.SentRequest]:
    with session_of(url) as session:
        query = select(tables.SentRequest).options(
            undefer(tables.SentRequest.response_xml), undefer(tables.SentRequest.request_xml)
        )
        return list(session.scalars(query.order_by(tables.SentRequest.id)))


def versions(url: str) -> list[tuple[str, int, dt.date | None, str | None, bytes | None]]:
    """Every GPMI version: contract, version, day validated, PDF name and bytes."""
    with session_of(url) as session:
        rows = session.execute(
            select(
                tables.GpmiContract.contract_id,
                tables.GpmiVersion.version,
                tables.GpmiVersion.validated_on,
                tables.GpmiVersion.pdf_filename,
                tables.GpmiVersion.pdf,
            )
            .join(tables.GpmiVersion, tables.GpmiVersion.contract_id == tables.GpmiContract.id)
            .order_by(tables.GpmiContract.contract_id, tables.GpmiVersion.version)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def headings(output: str) -> list[str]:
    line = next(line for line in output.splitlines() if line.startswith("┃"))
    return [cell.strip() for cell in line.split("┃")[1:-1]]


def table_rows(output: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("│")[1:-1]] for line in output.splitlines() if line.startswith("│")]


def record_consent(db: str, ssin: str, granted: str = "yes") -> None:
    start, end = TODAY - dt.timedelta(days=30), TODAY + dt.timedelta(days=365)
    result = run(
        "consent", "record", "--db", db, "--ssin", ssin, "--from", f"{start:%Y-%m-%d}", "--to", f"{end:%Y-%m-%d}",
        "--granted", granted,
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def request(db: str, *extra: str | Path) -> Result:
    """Gent asks every OCMW of its trust folder (the CPAS de Liège) for Sofie's report."""
    return run("esv", "request", "--db", db, "--ssin", SOFIE, *PERIOD, "--timeout", "2", *extra)
