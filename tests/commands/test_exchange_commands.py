"""The exchange commands as an OCMW types them: ``ocmw db init`` and ``db import``, ``ocmw gpmi
add-version``, ``ocmw consent record`` and ``revoke``, and the ``ocmw esv`` commands that send requests
(``request``, ``retry``) and list, show and archive them (``answers``, ``requests``, ``show``,
``archive``). Every test has its own SQLite database and runs in an empty folder without
``OCMW_DB_URL``; what a command wrote is read back from the database afterwards."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import re
import shutil
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from fastapi import FastAPI
from openpyxl import Workbook
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session, undefer

from cli import main
from esv.disclosure import BELGIAN_TIME
from esv.signing import SigningIdentity, TrustStore
from storage import records, tables
from storage.database import NoDatabase, connect, sessions, writer_lock
from tests.conftest import FIXTURES, Identity, make_identity
from tests.exchange_world import EXCHANGE_FIXTURES, LiveService, Ocmw, free_port, make_ocmw, serve
from tests.printed import assert_fits, values

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
DECISIONS_HEADER = (
    "dossier_id,ssin,last_name,first_name,number,kind,legislation,decision_date,effective_date,duration_months,"
    "judgment,legal_motivation,aid_kind,aid_category,monthly_amount,refunded_amount,calculation"
)


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    """``ocmw ARGS``, wide enough that no list folds its cells."""
    return CliRunner(env={"COLUMNS": "400", **(env or {})}).invoke(main, [str(arg) for arg in args])


@pytest.fixture(autouse=True)
def empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A command that missed its --db would make ``ocmw.db`` here, not in someone's folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("OCMW_DB_URL", raising=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    """The URL of a database not made yet."""
    return f"sqlite:///{tmp_path / 'gent.db'}"


def init(db: str, *extra: str | Path) -> Result:
    result = run("db", "init", "--db", db, "--kbo", GENT_KBO, "--name", "OCMW Gent", *extra)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="session")
def gent_keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """OCMW Gent's --key, --cert and --trust for the requests: an ECDSA key made once (the shipped RSA
    key takes a sixth of a second to load, at every command), and the shipped trust store, which holds
    the certificate of the CPAS de Liège."""
    folder = tmp_path_factory.mktemp("gent-keys")
    identity = make_identity("OCMW Gent", "ecdsa")
    (folder / "gent.key.pem").write_bytes(identity.key_pem)
    (folder / "gent.cert.pem").write_bytes(identity.cert_pem)
    return {"--key": folder / "gent.key.pem", "--cert": folder / "gent.cert.pem", "--trust": KEYS / "trust"}


@pytest.fixture
def gent(db: str, gent_keys: dict[str, Path]) -> str:
    """The database of OCMW Gent, made, with its signing key, certificate and trust store."""
    init(db, *(part for pair in gent_keys.items() for part in pair))
    return db


@pytest.fixture
def gent_with_records(gent: str) -> str:
    """Gent's database holding the records of the Liège fixtures (a stand-in for its own)."""
    imported = run("db", "import", "--db", gent, "--decisions", LIEGE / "decisions.csv", "--gpmi", LIEGE / "gpmi.csv")
    assert imported.exit_code == 0, imported.output
    return gent


@pytest.fixture
def liege(tmp_path: Path) -> Iterator[Ocmw]:
    """The CPAS de Liège with its records, signing with the shipped demo key (which Gent's trust
    store, ``fixtures/keys/trust``, holds)."""
    ocmw = make_ocmw(f"sqlite:///{tmp_path / 'liege.db'}", LIEGE_KBO, "CPAS de Liège", records="liege")
    key, cert = (KEYS / "cpas-liege.key.pem").read_bytes(), (KEYS / "cpas-liege.cert.pem").read_bytes()
    yield dataclasses.replace(ocmw, identity=Identity(SigningIdentity.load(key, cert), key, cert))
    ocmw.engine.dispose()


def trusting(keys: dict[str, Path]) -> TrustStore:
    """The trust store of a responder that trusts OCMW Gent."""
    return TrustStore.load(keys["--cert"])


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
        query = select(tables.SentRequest).options(undefer(tables.SentRequest.response_xml))
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


def consents(url: str) -> list[tables.Consent]:
    with session_of(url) as session:
        return list(session.scalars(select(tables.Consent).order_by(tables.Consent.id)))


def headings(output: str) -> list[str]:
    line = next(line for line in output.splitlines() if line.startswith("┃"))
    return [cell.strip() for cell in line.split("┃")[1:-1]]


def table_rows(output: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("│")[1:-1]] for line in output.splitlines() if line.startswith("│")]


def belgian_day(instant: dt.datetime | None) -> str:
    assert instant is not None
    return instant.astimezone(BELGIAN_TIME).strftime("%d/%m/%Y")


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ocmw db init


def test_init_makes_the_database_and_records_the_ocmw_with_its_keys(db: str) -> None:
    result = init(db, "--phone", "09 266 99 11", *SIGNING)
    assert result.stdout == f"{db}: ready, the database of OCMW Gent (KBO {GENT_KBO})\n"
    identity = recorded_identity(db)
    assert identity is not None
    assert (identity.kbo, identity.name, identity.phone) == (GENT_KBO, "OCMW Gent", "09 266 99 11")
    assert (identity.key_path, identity.cert_path, identity.trust_path) == (
        str((KEYS / "ocmw-gent.key.pem").resolve()),
        str((KEYS / "ocmw-gent.cert.pem").resolve()),
        str((KEYS / "trust").resolve()),
    )
    assert counts(db) == NOTHING
    assert audit_actions(db) == ["database_initialised"]


def test_init_refuses_a_kbo_with_wrong_check_digits_as_invalid_input_and_records_no_ocmw(db: str) -> None:
    result = run("db", "init", "--db", db, "--kbo", "0212345669", "--name", "OCMW Gent")
    assert result.exit_code == 1
    assert "KBO/BCE number 0212.345.669 has wrong check digits" in result.stderr
    assert recorded_identity(db) is None


def test_init_of_a_new_database_needs_the_kbo_and_the_name_and_makes_nothing_without(db: str, tmp_path: Path) -> None:
    result = run("db", "init", "--db", db, "--kbo", GENT_KBO)
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: a new database needs the OCMW it belongs to: give --kbo and --name\n")
    assert not (tmp_path / "gent.db").exists()


@pytest.mark.parametrize("option", ["--key", "--cert", "--trust"])
def test_init_with_a_signing_file_that_does_not_exist_is_a_usage_error_and_makes_nothing(
    db: str, tmp_path: Path, option: str
) -> None:
    given = SIGNING_FILES | {option: tmp_path / "missing.pem"}
    signing = (part for pair in given.items() for part in pair)
    result = run("db", "init", "--db", db, "--kbo", GENT_KBO, "--name", "OCMW Gent", *signing)
    assert result.exit_code == 2
    assert f"Invalid value for '{option}'" in result.stderr
    assert "does not exist" in result.stderr
    assert not (tmp_path / "gent.db").exists()


def test_init_again_keeps_the_records_and_changes_only_what_is_given(
    gent_with_records: str, gent_keys: dict[str, Path]
) -> None:
    again = run("db", "init", "--db", gent_with_records, "--phone", "09 266 99 11")
    assert again.exit_code == 0
    assert again.stdout == f"{gent_with_records}: ready, the database of OCMW Gent (KBO {GENT_KBO})\n"
    renamed = run("db", "init", "--db", gent_with_records, "--name", "OCMW Gent (Sociaal Huis)")
    assert renamed.stdout.endswith(
        "ready, the database of OCMW Gent (Sociaal Huis) (KBO 0212345668)\n"
        "  name: OCMW Gent (Sociaal Huis) (was OCMW Gent)\n"
    )
    identity = recorded_identity(gent_with_records)
    assert identity is not None
    assert (identity.kbo, identity.name, identity.phone) == (GENT_KBO, "OCMW Gent (Sociaal Huis)", "09 266 99 11")
    assert identity.key_path == str(gent_keys["--key"].resolve())  # kept: not given again
    assert counts(gent_with_records) == LIEGE_COUNTS
    assert audit_actions(gent_with_records).count("database_initialised") == 3


COMMANDS_ON_A_DATABASE = (
    ("db", "import", "--decisions", LIEGE / "decisions.csv"),
    ("consent", "revoke", "--ssin", SOFIE),
    ("esv", "answers"),
    ("esv", "requests"),
    ("serve",),
)


@pytest.mark.parametrize("args", COMMANDS_ON_A_DATABASE, ids=lambda args: " ".join(map(str, args)))
def test_only_db_init_makes_a_database_the_others_say_how(
    args: tuple[str | Path, ...], db: str, tmp_path: Path
) -> None:
    result = run(*args, "--db", db)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: there is no database at {tmp_path / 'gent.db'}: make it with "
        f"`ocmw db init --db {db} --kbo ... --name ...`\n"
    )
    assert not (tmp_path / "gent.db").exists()


def test_commands_on_a_database_file_without_its_schema_say_to_run_init(db: str, tmp_path: Path) -> None:
    (tmp_path / "gent.db").touch()
    for args in COMMANDS_ON_A_DATABASE:
        result = run(*args, "--db", db)
        assert result.exit_code == 2
        assert result.stderr == (
            f"Error: {tmp_path / 'gent.db'} holds no OCMW database yet: run `ocmw db init` first\n"
        )


def test_the_database_may_be_named_by_ocmw_db_url(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    env = {"OCMW_DB_URL": url}
    assert run("db", "init", "--kbo", GENT_KBO, "--name", "OCMW Gent", env=env).exit_code == 0
    assert run("db", "import", "--decisions", LIEGE / "decisions.csv", env=env).exit_code == 0
    assert counts(url)["decisions"] == 5
    assert not (tmp_path / "ocmw.db").exists()


def test_a_database_url_that_is_not_one_is_a_usage_error() -> None:
    result = run("db", "init", "--db", "nonsense", "--kbo", GENT_KBO, "--name", "OCMW Gent")
    assert result.exit_code == 2
    assert "Error: 'nonsense' is not a database URL" in result.stderr


# ocmw db import


def test_import_of_the_liege_files_writes_what_they_hold(gent: str) -> None:
    result = run("db", "import", "--db", gent, "--decisions", LIEGE / "decisions.csv", "--gpmi", LIEGE / "gpmi.csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{LIEGE / 'decisions.csv'}: 2 persons, 3 dossiers, 5 decisions",
        f"{LIEGE / 'gpmi.csv'}: 1 contracts, 3 versions",
    ]
    assert counts(gent) == LIEGE_COUNTS
    with session_of(gent) as session:
        sofie = records.person_records(session, SOFIE)
        piotr = records.person_records(session, PIOTR)
    assert sofie is not None and piotr is not None
    assert (sofie.person.last_name, sofie.person.first_name) == ("DE SMET", "Sofie")
    assert [(d.dossier_id, [decision.number for decision in d.decisions]) for d in sofie.dossiers] == [
        ("LG-2019-03310", [1]),
        ("LG-2025-00147", [1, 2, 3]),
    ]
    first = sofie.dossiers[1].decisions[0]
    assert (first.decision_date, first.aid[0].monthly_amount) == (dt.date(2025, 2, 11), Decimal("1767.34"))
    assert [element.code.value for element in first.calculation_elements] == [
        "children",
        "maintenance_received",
        "beneficiary_category",
        "living_situation",
    ]
    assert [d.dossier_id for d in piotr.dossiers] == ["LG-2024-00012"]
    v1, v2 = "gpmi-C-2025-0147-v1.pdf", "gpmi-C-2025-0147-v2.pdf"
    assert versions(gent) == [
        ("C-2025-0147", 1, dt.date(2025, 1, 20), v1, (LIEGE / v1).read_bytes()),
        ("C-2025-0147", 2, dt.date(2025, 3, 14), v2, (LIEGE / v2).read_bytes()),
        ("C-2025-0147", 3, None, None, None),
    ]
    assert audit_actions(gent)[1:] == ["import_decisions", "import_gpmi_versions"]


def test_import_without_a_file_is_a_usage_error(gent: str) -> None:
    result = run("db", "import", "--db", gent)
    assert result.exit_code == 2
    assert "Error: give at least one file: --decisions FILE or --gpmi FILE" in result.stderr


def test_every_problem_of_a_bad_file_is_reported_at_once_and_nothing_is_written(gent: str, tmp_path: Path) -> None:
    good = (
        "AW-2020-0001,92021416206,DE SMET,Sofie,{number},grant,rmi_2002,2020-03-12,2020-03-01,12,false,,"
        "living_wage,2,910.52,,children::1"
    )
    bad = write(
        tmp_path / "decisions.csv",
        DECISIONS_HEADER,
        good.format(number=1),
        good.format(number=2).replace("92021416206", "92021416207"),
        good.format(number=3).replace("2020-03-12", "2020-02-30"),
        good.format(number=4).replace(",grant,", ",gift,"),
        good.format(number=5).replace("DE SMET", ""),
        good.format(number=6).replace("910.52", "91x"),
    )
    result = run("db", "import", "--db", gent, "--decisions", ANTWERPEN / "decisions.csv", "--decisions", bad)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{bad}, row 3, column ssin: INSZ/NISS number 92.02.14-162.07 has wrong check digits")
    assert lines[1:] == [
        f"{bad}, row 4, column decision_date: 2020-02-30 does not exist: February 2020 has 29 days",
        f"{bad}, row 5, column kind: 'gift' is not one of: grant, refusal, revision, suspension, withdrawal,"
        " termination",
        f"{bad}, row 6, column last_name: empty; this column is required",
        f"{bad}, row 7, column monthly_amount: '91x' is not an amount in euro such as 1234.50 or 1234,50",
        "5 problems found; nothing was written.",
    ]
    assert counts(gent) == NOTHING  # not even the good Antwerp file given first
    assert audit_actions(gent) == ["database_initialised"]


def test_the_problems_of_every_file_are_reported_at_once(gent: str, tmp_path: Path) -> None:
    decisions = (LIEGE / "decisions.csv").read_text(encoding="utf-8-sig").splitlines()
    first = write(tmp_path / "first.csv", decisions[0], decisions[1].replace("11/02/2025", "30/02/2025"))
    second = write(tmp_path / "second.csv", decisions[0], decisions[1].replace(";grant;", ";gift;"))
    versions = (LIEGE / "gpmi.csv").read_text(encoding="utf-8-sig").splitlines()
    gpmi = write(tmp_path / "gpmi.csv", versions[0], versions[1].replace(";1;", ";0;"))
    result = run("db", "import", "--db", gent, "--decisions", first, "--decisions", second, "--gpmi", gpmi)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{first}, row 2, column decision_date: 30/02/2025 does not exist: February 2025 has 28 days",
        f"{gpmi}, row 2, column version: '0' is not a whole number of at least 1",
        f"{second}, row 2, column kind: 'gift' is not one of: grant, refusal, revision, suspension, withdrawal, "
        "termination",
        "3 problems found; nothing was written.",
    ]
    assert counts(gent) == NOTHING


def test_the_database_problems_of_every_decisions_file_are_reported_at_once(gent: str, tmp_path: Path) -> None:
    decisions = (LIEGE / "decisions.csv").read_text(encoding="utf-8-sig").splitlines()
    assert run("db", "import", "--db", gent, "--decisions", LIEGE / "decisions.csv").exit_code == 0
    other = "85.07.30-033.28"
    first = write(tmp_path / "first.csv", decisions[0], decisions[1].replace("92.02.14-162.06", other))
    second = write(tmp_path / "second.csv", decisions[0], decisions[1].replace("92.02.14-162.06", other))
    result = run("db", "import", "--db", gent, "--decisions", first, "--decisions", second)
    assert result.stderr.splitlines() == [
        f"{first}, row 2, column dossier_id: dossier LG-2025-00147 belongs to another person in the database",
        f"{second}, row 2, column dossier_id: dossier LG-2025-00147 belongs to another person in the database",
        "2 problems found; nothing was written.",
    ]


def test_a_missing_required_column_is_reported_on_the_header_row(gent: str, tmp_path: Path) -> None:
    rows = (ANTWERPEN / "decisions.csv").read_text(encoding="utf-8").splitlines()
    without = write(tmp_path / "decisions.csv", *(row.split(",", 1)[1] for row in rows))  # no dossier_id
    result = run("db", "import", "--db", gent, "--decisions", without)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{without}, row 1, column dossier_id: the required column dossier_id is missing from the header "
        "(other names it may have: dossiernummer, nummer dossier, numéro de dossier)",
        "1 problem found; nothing was written.",
    ]
    assert counts(gent) == NOTHING


def test_a_bad_gpmi_file_undoes_the_decisions_imported_with_it(gent: str, tmp_path: Path) -> None:
    shutil.copy(LIEGE / "gpmi-C-2025-0147-v1.pdf", tmp_path)
    (tmp_path / "letter.pdf").write_text("Beste mevrouw De Smet, ...")
    row = "C-2025-0147;LG-2025-00147;{};training;01/03/2025;31/12/2025;20/01/2025;{}"
    gpmi = write(
        tmp_path / "gpmi.csv",
        "contract_id;dossier_id;version;kind;start_date;end_date;validated_on;pdf",
        row.format(1, "gpmi-C-2025-0147-v1.pdf"),
        row.format(2, "letter.pdf"),
        row.format(3, ""),
        row.format(4, "gpmi-C-2025-0147-v1.pdf").replace("31/12/2025", "31/12/2024"),
        "C-2019-0001;LG-1999-00001;1;general;01/01/2019;31/12/2019;;",
    )
    result = run("db", "import", "--db", gent, "--decisions", LIEGE / "decisions.csv", "--gpmi", gpmi)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{gpmi}, row 3, column pdf: letter.pdf: the contract is not a PDF: it does not start")
    assert lines[1:] == [
        f"{gpmi}, row 4, column pdf: a validated version needs its contract PDF",
        f"{gpmi}, row 5, column end_date: the period ends on 31/12/2024, before it begins on 01/03/2025: "
        "its last day is on or after its first",
        f"{gpmi}, row 6, column dossier_id: dossier LG-1999-00001 is not in the database: import its decisions first",
        "4 problems found; nothing was written.",
    ]
    assert counts(gent) == NOTHING


def test_gpmi_versions_of_dossiers_not_imported_yet_are_refused(gent: str) -> None:
    result = run("db", "import", "--db", gent, "--gpmi", LIEGE / "gpmi.csv")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{LIEGE / 'gpmi.csv'}, row 2, column dossier_id: dossier LG-2025-00147 is not in the database: import its"
        " decisions first"
    )
    assert counts(gent) == NOTHING


def as_workbook(source: Path, target: Path) -> Path:
    """A CSV of the Liège fixtures as a person would keep it in Excel: dates as dates, amounts and
    small whole numbers as numbers, the rest as text."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    with source.open(encoding="utf-8-sig", newline="") as file:
        for line in csv.reader(file, delimiter=";"):
            sheet.append([cell_value(text) for text in line])
    book.save(target)
    return target


def cell_value(text: str) -> Any:
    if re.fullmatch(r"\d\d/\d\d/\d{4}", text):
        return dt.datetime.strptime(text, "%d/%m/%Y")
    if re.fullmatch(r"\d+,\d\d", text):
        return float(text.replace(",", "."))
    if re.fullmatch(r"\d{1,3}", text):
        return int(text)
    return text or None


def test_xlsx_files_import_like_the_csv_files(gent: str, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    for pdf in LIEGE.glob("*.pdf"):
        shutil.copy(pdf, folder)
    decisions = as_workbook(LIEGE / "decisions.csv", folder / "decisions.xlsx")
    gpmi = as_workbook(LIEGE / "gpmi.csv", folder / "gpmi.xlsx")
    from_csv = f"sqlite:///{tmp_path / 'csv.db'}"
    init(from_csv)
    csv_files = ("--decisions", LIEGE / "decisions.csv", "--gpmi", LIEGE / "gpmi.csv")
    assert run("db", "import", "--db", from_csv, *csv_files).exit_code == 0
    result = run("db", "import", "--db", gent, "--decisions", decisions, "--gpmi", gpmi)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{decisions}: 2 persons, 3 dossiers, 5 decisions",
        f"{gpmi}: 1 contracts, 3 versions",
    ]
    assert counts(gent) == counts(from_csv) == LIEGE_COUNTS
    with session_of(gent) as session, session_of(from_csv) as expected:
        for ssin in (SOFIE, PIOTR):
            assert records.person_records(session, ssin) == records.person_records(expected, ssin)
    assert versions(gent) == versions(from_csv)


def test_importing_the_gpmi_file_again_replaces_its_versions_and_adds_nothing(gent_with_records: str) -> None:
    result = run("db", "import", "--db", gent_with_records, "--gpmi", LIEGE / "gpmi.csv")
    assert result.exit_code == 0
    assert result.stdout == f"{LIEGE / 'gpmi.csv'}: 1 contracts, 3 versions\n"
    assert counts(gent_with_records) == LIEGE_COUNTS
    assert [version[:2] for version in versions(gent_with_records)] == [
        ("C-2025-0147", 1),
        ("C-2025-0147", 2),
        ("C-2025-0147", 3),
    ]


def test_importing_the_decisions_file_again_replaces_them_and_adds_nothing(gent_with_records: str) -> None:
    result = run("db", "import", "--db", gent_with_records, "--decisions", LIEGE / "decisions.csv")
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 0
    assert result.stdout == f"{LIEGE / 'decisions.csv'}: 2 persons, 3 dossiers, 5 decisions\n"
    assert counts(gent_with_records) == LIEGE_COUNTS


# ocmw gpmi add-version


def add_version(db: str, version: int, *extra: str | Path, dossier: str = "LG-2025-00147") -> Result:
    return run(
        "gpmi", "add-version", "--db", db, "--contract", "C-2025-0147", "--dossier", dossier,
        "--version", str(version), "--kind", "training", "--from", "2025-03-01", "--to", "31/08/2026", *extra,
    )  # fmt: skip


def test_a_validated_version_without_its_pdf_is_refused(gent_with_records: str) -> None:
    result = add_version(gent_with_records, 4, "--validated-on", "2026-01-10")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "ocmw gpmi add-version, column pdf: a validated version needs its contract PDF",
        "1 problem found; nothing was written.",
    ]
    assert counts(gent_with_records) == LIEGE_COUNTS


def test_a_pdf_that_is_not_a_pdf_is_refused(gent_with_records: str, tmp_path: Path) -> None:
    letter = tmp_path / "contract.pdf"
    letter.write_bytes(b"PK\x03\x04 a workbook, renamed")
    result = add_version(gent_with_records, 4, "--validated-on", "2026-01-10", "--pdf", letter)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "ocmw gpmi add-version, column pdf: contract.pdf: the contract is not a PDF: it does not start with %PDF-"
    )
    assert counts(gent_with_records) == LIEGE_COUNTS


def test_a_pdf_that_does_not_exist_is_a_usage_error(gent_with_records: str, tmp_path: Path) -> None:
    result = add_version(gent_with_records, 4, "--validated-on", "2026-01-10", "--pdf", tmp_path / "nope.pdf")
    assert result.exit_code == 2
    assert "Invalid value for '--pdf'" in result.stderr


def test_a_draft_without_pdf_is_stored(gent_with_records: str) -> None:
    result = add_version(gent_with_records, 4)
    assert result.exit_code == 0
    assert result.stdout == "version 4 of GPMI contract C-2025-0147 stored\n"
    assert versions(gent_with_records)[-1] == ("C-2025-0147", 4, None, None, None)
    assert audit_actions(gent_with_records)[-1] == "import_gpmi_versions"


def test_a_validated_version_with_its_pdf_replaces_the_draft_of_that_number(gent_with_records: str) -> None:
    pdf = LIEGE / "gpmi-C-2025-0147-v2.pdf"
    result = add_version(gent_with_records, 3, "--validated-on", "15/09/2025", "--pdf", pdf)
    assert result.exit_code == 0
    assert versions(gent_with_records)[-1] == ("C-2025-0147", 3, dt.date(2025, 9, 15), pdf.name, pdf.read_bytes())
    assert counts(gent_with_records) == LIEGE_COUNTS


@pytest.mark.parametrize(
    ("extra", "dossier", "message"),
    [
        (
            ("--to", "2024-12-31"),
            "LG-2025-00147",
            "end_date: the period ends on 31/12/2024, before it begins on 01/03/2025: its last day is on or after "
            "its first",
        ),
        ((), "LG-1999-00001", "dossier_id: dossier LG-1999-00001 is not in the database: import its decisions first"),
        ((), "LG-2019-03310", "contract_id: contract C-2025-0147 belongs to another dossier in the database"),
    ],
)
def test_a_version_that_does_not_fit_the_records_is_refused(
    gent_with_records: str, extra: tuple[str, ...], dossier: str, message: str
) -> None:
    result = add_version(gent_with_records, 4, *extra, dossier=dossier)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"ocmw gpmi add-version, column {message}"
    assert counts(gent_with_records) == LIEGE_COUNTS


# ocmw consent


@pytest.mark.parametrize(
    ("answer", "granted"), [("yes", True), ("ja", True), ("oui", True), ("no", False), ("nee", False), ("non", False)]
)
def test_a_consent_is_recorded_as_the_person_answered(gent: str, answer: str, granted: bool) -> None:
    result = run(
        "consent", "record", "--db", gent, "--ssin", "92.02.14-162.06", "--from", "01/01/2026", "--to", "2026-12-31",
        "--granted", answer,
    )  # fmt: skip
    assert result.exit_code == 0
    said = "yes" if granted else "no"
    assert result.stdout == f"consent of 92.02.14-162.06 recorded: {said}, 01/01/2026 - 31/12/2026\n"
    [consent] = consents(gent)
    assert (consent.ssin, consent.from_date, consent.to_date, consent.granted, consent.revoked_at) == (
        SOFIE,
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
        granted,
        None,
    )
    assert audit_actions(gent)[-1] == "consent_recorded"


def test_a_consent_of_an_insz_with_wrong_check_digits_is_refused(gent: str) -> None:
    result = run(
        "consent", "record", "--db", gent, "--ssin", "92021416207", "--from", "2026-01-01", "--to", "2026-12-31",
        "--granted", "yes",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: INSZ/NISS number 92.02.14-162.07 has wrong check digits: one of its digits is probably mistyped; "
        "check it against the identity card or the register\n"
    )
    assert consents(gent) == []


def test_a_consent_that_ends_before_it_starts_is_refused(gent: str) -> None:
    result = run(
        "consent", "record", "--db", gent, "--ssin", SOFIE, "--from", "2026-01-01", "--to", "31/12/2025",
        "--granted", "yes",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the period ends on 31/12/2025, before it begins on 01/01/2026: its last day is on or after its first\n"
    )
    assert consents(gent) == []


def test_an_answer_that_is_not_yes_or_no_is_a_usage_error(gent: str) -> None:
    result = run(
        "consent", "record", "--db", gent, "--ssin", SOFIE, "--from", "2026-01-01", "--to", "2026-12-31",
        "--granted", "maybe",
    )  # fmt: skip
    assert result.exit_code == 2
    assert consents(gent) == []


def record_consent(db: str, ssin: str, granted: str = "yes") -> None:
    start, end = TODAY - dt.timedelta(days=30), TODAY + dt.timedelta(days=365)
    result = run(
        "consent", "record", "--db", db, "--ssin", ssin, "--from", f"{start:%Y-%m-%d}", "--to", f"{end:%Y-%m-%d}",
        "--granted", granted,
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def test_revoke_revokes_every_consent_of_the_person_and_no_other(gent: str) -> None:
    record_consent(gent, SOFIE)
    record_consent(gent, SOFIE, "no")
    record_consent(gent, PIOTR)
    result = run("consent", "revoke", "--db", gent, "--ssin", "92.02.14-162.06")
    assert result.exit_code == 0
    assert result.stdout == "2 consents of 92.02.14-162.06 revoked\n"
    revoked = [(consent.ssin, consent.revoked_at is not None) for consent in consents(gent)]
    assert revoked == [(SOFIE, True), (SOFIE, True), (PIOTR, False)]
    again = run("consent", "revoke", "--db", gent, "--ssin", SOFIE)
    assert (again.exit_code, again.stdout) == (0, "0 consents of 92.02.14-162.06 revoked\n")
    assert audit_actions(gent)[-2:] == ["consent_revoked", "consent_revoked"]


def test_revoke_refuses_an_insz_with_wrong_check_digits(gent: str) -> None:
    record_consent(gent, SOFIE)
    result = run("consent", "revoke", "--db", gent, "--ssin", "92021416207")
    assert result.exit_code == 1
    assert "has wrong check digits" in result.stderr


# ocmw esv request / retry / answers / show / archive, without a responder


def closed_url() -> str:
    return f"http://127.0.0.1:{free_port()}/esv/requests"


def request(db: str, url: str, *extra: str | Path) -> Result:
    return run("esv", "request", "--db", db, "--address", url, "--ssin", SOFIE, *PERIOD, "--timeout", "2", *extra)


def test_a_request_nobody_answers_is_kept_not_received_and_exits_1(gent: str) -> None:
    url = closed_url()
    result = request(gent, url)
    assert result.exit_code == 1
    [row] = sent_requests(gent)
    assert (row.id, row.status, row.attempts, row.ssin, row.responder_url) == (1, "not_received", 1, SOFIE, url)
    assert (row.begin, row.end) == (dt.date(2025, 1, 1), dt.date(2026, 10, 31))
    assert (row.received_at, row.response_xml) == (None, None)
    assert row.request_id.startswith(f"{GENT_KBO}-")
    assert row.last_error is not None and row.last_error.startswith("the responder cannot be reached: ")
    assert [step["status"] for step in row.history] == ["not_received"]
    assert result.stdout.splitlines() == [
        f"request 1 ({row.request_id}) to {url}: Niet ontvangen",
        f"  {row.last_error}",
        "  send it again with: ocmw esv retry 1",
    ]
    assert audit_actions(gent)[-2:] == ["request_sent", "request_not_received"]


def test_a_reply_that_is_no_esv_answer_says_to_check_the_address_not_to_send_again(gent: str) -> None:
    with LiveService(FastAPI()) as elsewhere:  # a web server without the ESV service: 404 at that address
        result = request(gent, elsewhere.url)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == [
        "  HTTP 404 (application/json) without an ESV answer",
        "  check the address: it is not that of an OCMW's ESV service",
    ]


@pytest.mark.parametrize(
    ("lang", "title", "columns", "status", "history", "footer"),
    [
        ("nl", "Antwoorden ESV", ["ID", "Afgevend OCMW", "INSZ", "Begindatum", "Einddatum", "Status",
                                  "Datum van ontvangst", "Geschiedenis"],
         "Niet ontvangen", "1 poging(en): the responder cannot be reached: ", "pagina 1 van 1 (1 in totaal)"),
        ("fr", "Réponses RSE", ["ID", "CPAS émetteur", "NISS", "Date de début", "Date de fin", "Statut",
                                "Date de réception", "Historique"],
         "Non reçue", "1 essai(s): the responder cannot be reached: ", "page 1 sur 1 (1 au total)"),
    ],
)  # fmt: skip
def test_the_answers_list_shows_a_request_not_received_in_both_languages(
    gent: str, lang: str, title: str, columns: list[str], status: str, history: str, footer: str
) -> None:
    url = closed_url()
    request(gent, url)
    result = run("esv", "answers", "--db", gent, "--lang", lang)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].strip() == title
    assert headings(result.stdout) == columns
    [row] = table_rows(result.stdout)
    assert row[:7] == ["1", url, "92.02.14-162.06", "01/01/2025", "31/10/2026", status, ""]
    assert row[7].startswith(history)
    assert result.stdout.splitlines()[-1] == footer


@pytest.mark.parametrize("width", [80, 120])
def test_the_answers_list_keeps_days_and_insz_whole_at_80_and_120_columns(gent: str, width: int) -> None:
    url = closed_url()
    request(gent, url)
    narrow = run("esv", "answers", "--db", gent, env={"COLUMNS": str(width)}).stdout
    assert_fits(narrow, run("esv", "answers", "--db", gent).stdout, width)
    assert {"01/01/2025", "31/10/2026", "92.02.14-162.06"} <= set(values(narrow))
    if width == 80:  # each request as its lines, led by its ID
        assert narrow.splitlines()[2:5] == ["ID: 1", f"  Afgevend OCMW: {url}", "  INSZ: 92.02.14-162.06"]


def test_the_answers_list_filters_on_status(gent: str) -> None:
    request(gent, closed_url())
    assert [r[0] for r in table_rows(run("esv", "answers", "--db", gent, "--status", "not_received").stdout)] == ["1"]
    assert table_rows(run("esv", "answers", "--db", gent, "--status", "received").stdout) == []


def test_the_answers_list_finds_a_person_by_the_insz_as_it_prints_it(gent: str) -> None:
    request(gent, closed_url())
    assert [r[0] for r in table_rows(run("esv", "answers", "--db", gent, "--ssin", SOFIE).stdout)] == ["1"]
    assert [r[0] for r in table_rows(run("esv", "answers", "--db", gent, "--ssin", "92.02.14-162.06").stdout)] == ["1"]


def test_retry_sends_the_same_request_again_and_counts_the_attempt(gent: str) -> None:
    request(gent, closed_url())
    [before] = sent_requests(gent)
    result = run("esv", "retry", "1", "--db", gent, "--timeout", "2", "--lang", "fr")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"request 1 ({before.request_id}) to {before.responder_url}: Non reçue"
    assert result.stdout.splitlines()[-1] == "  send it again with: ocmw esv retry 1"
    [after] = sent_requests(gent)
    assert (after.request_id, after.status, after.attempts) == (before.request_id, "not_received", 2)
    assert [step["status"] for step in after.history] == ["not_received", "not_received"]
    [line] = table_rows(run("esv", "answers", "--db", gent).stdout)
    assert line[7].startswith("2 poging(en): ")


def test_archive_moves_a_request_out_of_the_default_list(gent: str) -> None:
    request(gent, closed_url())
    request(gent, closed_url())
    result = run("esv", "archive", "1", "--db", gent)
    assert (result.exit_code, result.stdout) == (0, "1 archived\n")
    listed = run("esv", "answers", "--db", gent)
    assert [row[0] for row in table_rows(listed.stdout)] == ["2"]
    assert listed.stdout.splitlines()[-1] == "pagina 1 van 1 (1 in totaal)"
    archived = run("esv", "answers", "--db", gent, "--archived")
    assert [row[0] for row in table_rows(archived.stdout)] == ["1"]
    assert [row.archived for row in sent_requests(gent)] == [True, False]
    assert audit_actions(gent)[-1] == "archived"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("esv", "retry", "7"), "Error: there is no sent request 7\n"),
        (("esv", "archive", "7"), "Error: there is no sent request 7\n"),
        (("esv", "archive", "7", "--answered"), "Error: there is no answered request 7\n"),
        (("esv", "show", "7"), "Error: there is no sent request 7 (see `ocmw esv answers`)\n"),
    ],
)
def test_an_unknown_id_is_refused_with_exit_1(gent: str, args: tuple[str, ...], message: str) -> None:
    request(gent, closed_url())
    result = run(*args, "--db", gent)
    assert result.exit_code == 1
    assert result.stderr == message
    assert [row.archived for row in sent_requests(gent)] == [False]


def test_show_of_a_request_without_answer_says_to_send_it_again(gent: str) -> None:
    request(gent, closed_url())
    result = run("esv", "show", "1", "--db", gent)
    assert result.exit_code == 1
    assert (
        result.stderr
        == "Error: request 1 has no answer to show (not_received); send it again with `ocmw esv retry 1`\n"
    )
    assert "report_viewed" not in audit_actions(gent)


def test_a_request_without_signing_material_is_a_usage_error_and_stores_nothing(db: str) -> None:
    init(db)
    result = request(db, closed_url())
    assert result.exit_code == 2
    assert "Error: give --key, --cert and --trust, or record them with `ocmw db init`" in result.stderr
    assert sent_requests(db) == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--consent-from", "2026-01-01", "--consent-to", "2026-12-31"), "go with --consent yes"),
        (("--consent", "yes"), "--consent yes needs the period of the consent: --consent-from and --consent-to"),
        (("--consent", "nee", "--consent-from", "2026-01-01"), "--consent no needs no period"),
        (("--consent", "misschien"), "'misschien' is not yes or no: write yes/no, ja/nee or oui/non"),
    ],
)
def test_consent_options_that_do_not_go_together_are_usage_errors(
    gent: str, extra: tuple[str, ...], message: str
) -> None:
    result = request(gent, closed_url(), *extra)
    assert result.exit_code == 2
    assert message in result.stderr
    assert sent_requests(gent) == []


def test_a_consent_ending_before_it_starts_is_invalid_input(gent: str) -> None:
    result = request(
        gent, closed_url(), "--consent", "yes", "--consent-from", "2026-12-31", "--consent-to", "2026-01-01"
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the period ends on 01/01/2026, before it begins on 31/12/2026: its last day is on or after its first\n"
    )
    assert sent_requests(gent) == []


def test_a_malformed_responder_address_ends_with_a_clear_error(gent: str) -> None:
    result = request(gent, "http://127.0.0.1:80a/esv/requests")
    assert result.exit_code == 1
    assert "Error: 'http://127.0.0.1:80a/esv/requests' is not a web address (Invalid port: '80a')" in result.stderr
    assert sent_requests(gent) == []


# ocmw esv request to a live responder on loopback


def test_a_report_is_received_from_a_live_responder_and_its_contract_pdf_saved(
    gent: str, liege: Ocmw, gent_keys: dict[str, Path], tmp_path: Path
) -> None:
    start, end = f"{TODAY - dt.timedelta(days=30):%d/%m/%Y}", f"{TODAY + dt.timedelta(days=365):%Y-%m-%d}"
    with serve(liege, trusting(gent_keys)) as service:
        result = run(
            "esv", "request", "--db", gent, "--address", service.url, "--ssin", "92.02.14-162.06", *PERIOD,
            "--consent", "yes", "--consent-from", start, "--consent-to", end,
        )  # fmt: skip
    assert result.exit_code == 0, result.output
    [row] = sent_requests(gent)
    assert result.stdout.splitlines() == [
        f"request 1 ({row.request_id}) to CPAS de Liège: Ontvangen",
        "  read it with: ocmw esv show 1",
    ]
    assert (row.status, row.attempts, row.last_error) == ("received", 1, None)
    assert (row.responder_kbo, row.responder_name) == (LIEGE_KBO, "CPAS de Liège")
    assert row.signed_by is not None and "CPAS de Liège ESV" in row.signed_by
    assert row.response_xml is not None and row.response_xml.startswith(b"<")

    folder = tmp_path / "contracts"
    shown = run("esv", "show", "1", "--db", gent, "--save-pdf", folder)
    assert shown.exit_code == 0, shown.output
    saved = folder / "gpmi-C-2025-0147-v2.pdf"
    assert sorted(folder.iterdir()) == [saved]
    assert saved.read_bytes() == (LIEGE / "gpmi-C-2025-0147-v2.pdf").read_bytes()
    assert "geldig, ondertekend door CPAS de Liège ESV" in shown.stdout
    assert "DE SMET" in shown.stdout
    assert "opgeslagen als:" in shown.stdout and str(saved) in shown.stdout
    assert audit_actions(gent)[-1] == "report_viewed"

    listed = run("esv", "answers", "--db", gent)
    assert table_rows(listed.stdout) == [
        ["1", "CPAS de Liège", "92.02.14-162.06", "01/01/2025", "31/10/2026", "Ontvangen", belgian_day(row.received_at),
         "1 poging(en)"],
    ]  # fmt: skip
    again = run("esv", "retry", "1", "--db", gent)
    assert again.exit_code == 1
    assert again.stderr == "Error: request 1 is already answered (received); it is not sent again\n"


def test_the_consent_recorded_is_sent_and_once_revoked_the_contract_is_withheld(
    gent: str, liege: Ocmw, gent_keys: dict[str, Path], tmp_path: Path
) -> None:
    record_consent(gent, SOFIE)
    with serve(liege, trusting(gent_keys)) as service:
        assert request(gent, service.url).exit_code == 0
        assert run("consent", "revoke", "--db", gent, "--ssin", SOFIE).exit_code == 0
        assert request(gent, service.url).exit_code == 0
    assert run("esv", "show", "1", "--db", gent, "--save-pdf", tmp_path / "first").exit_code == 0
    assert run("esv", "show", "2", "--db", gent, "--save-pdf", tmp_path / "second").exit_code == 0
    assert [path.name for path in (tmp_path / "first").iterdir()] == ["gpmi-C-2025-0147-v2.pdf"]
    assert list((tmp_path / "second").glob("*")) == []  # the contract was withheld: nothing to save
    with liege.sessions() as session:
        sent = list(session.scalars(select(tables.AuditEntry).where(tables.AuditEntry.action == "answer_sent")))
    assert [entry.details["disclosed"]["LG-2025-00147"]["gpmi"].get("withheld") for entry in sent] == [
        None,
        "no_consent",
    ]


def test_a_request_not_received_is_received_when_retried_once_the_responder_is_up(
    gent: str, liege: Ocmw, gent_keys: dict[str, Path]
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/esv/requests"
    assert request(gent, url).exit_code == 1
    with serve(liege, trusting(gent_keys), port=port):
        result = run("esv", "retry", "1", "--db", gent, "--lang", "fr")
    assert result.exit_code == 0
    [row] = sent_requests(gent)
    assert result.stdout.splitlines()[0] == f"request 1 ({row.request_id}) to CPAS de Liège: Reçue"
    assert (row.status, row.attempts) == ("received", 2)
    assert [step["status"] for step in row.history] == ["not_received", "received"]
    with liege.sessions() as session:
        assert session.scalars(select(tables.AnsweredRequest.request_id)).all() == [row.request_id]


def test_the_responder_lists_the_requests_it_answered_in_both_languages_and_archives_them(
    gent: str, liege: Ocmw, gent_keys: dict[str, Path]
) -> None:
    with serve(liege, trusting(gent_keys)) as service:
        assert request(gent, service.url).exit_code == 0
        assert run("esv", "request", "--db", gent, "--address", service.url, "--ssin", PIOTR, *PERIOD).exit_code == 0
    with liege.sessions() as session:
        received = {row.id: belgian_day(row.received_at) for row in session.scalars(select(tables.AnsweredRequest))}
    dutch = run("esv", "requests", "--db", liege.url)
    assert dutch.exit_code == 0
    assert dutch.stdout.splitlines()[0].strip() == "Aanvragen ESV"
    assert headings(dutch.stdout) == [
        "ID", "Aanvragend OCMW", "INSZ", "Begindatum", "Einddatum", "Status", "Datum van ontvangst", "Geschiedenis",
    ]  # fmt: skip
    assert table_rows(dutch.stdout) == [
        ["2", "OCMW Gent", "01.43.12-055.33", "01/01/2025", "31/10/2026", "Antwoord verzonden", received[2], ""],
        ["1", "OCMW Gent", "92.02.14-162.06", "01/01/2025", "31/10/2026", "Antwoord verzonden", received[1], ""],
    ]
    french = run("esv", "requests", "--db", liege.url, "--lang", "fr")
    assert headings(french.stdout) == [
        "ID", "CPAS demandeur", "NISS", "Date de début", "Date de fin", "Statut", "Date de réception", "Historique",
    ]  # fmt: skip
    assert {row[5] for row in table_rows(french.stdout)} == {"Réponse envoyée"}
    assert french.stdout.splitlines()[-1] == "page 1 sur 1 (2 au total)"
    assert table_rows(run("esv", "requests", "--db", liege.url, "--status", "unknown_person").stdout) == []

    archived = run("esv", "archive", "1", "--answered", "--db", liege.url)
    assert (archived.exit_code, archived.stdout) == (0, "1 archived\n")
    assert [row[0] for row in table_rows(run("esv", "requests", "--db", liege.url).stdout)] == ["2"]
    assert [row[0] for row in table_rows(run("esv", "requests", "--db", liege.url, "--archived").stdout)] == ["1"]


def test_the_database_and_every_file_beside_it_are_readable_by_their_owner_only(db: str, tmp_path: Path) -> None:
    init(db)
    assert run("db", "import", "--db", db, "--decisions", LIEGE / "decisions.csv").exit_code == 0
    engine = connect(db)
    with engine.connect() as connection:  # WAL: the -wal and -shm files stay while a connection is open
        connection.exec_driver_sql("SELECT count(*) FROM decisions")
        with writer_lock(engine):
            files = {path.name: path.stat().st_mode & 0o777 for path in tmp_path.glob("gent.db*")}
    engine.dispose()
    assert set(files) == {"gent.db", "gent.db-wal", "gent.db-shm", "gent.db-writer.lock"}
    assert set(files.values()) == {0o600}


@pytest.mark.parametrize("url", ["postgres://ocmw@127.0.0.1:1/ocmw", "postgresql://ocmw@127.0.0.1:1/ocmw"])
def test_postgres_and_postgresql_urls_are_postgresql_through_psycopg(url: str) -> None:
    result = run("esv", "answers", "--db", url)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the database cannot be reached: ")
    assert len(result.stderr.splitlines()) <= 2 and "Traceback" not in result.stderr


@pytest.mark.parametrize("url", ["mysql://ocmw@db/ocmw", "postgresql+psycopg2://ocmw@db/ocmw", "oracle://x"])
def test_other_kinds_of_database_are_refused_in_one_line_naming_the_accepted_forms(url: str) -> None:
    result = run("esv", "answers", "--db", url)
    assert result.exit_code == 2
    kind = url.split("://")[0]
    assert result.stderr.splitlines()[-1] == (
        f"Error: {kind}:// databases are not supported; use sqlite:///PATH, or "
        "postgresql://user@host/database (postgres:// and postgresql+psycopg:// too)"
    )


def test_a_missing_postgresql_driver_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    result = run("esv", "answers", "--db", "postgresql://ocmw@db/ocmw")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: PostgreSQL needs its driver psycopg, which is not installed: pip install 'psycopg[binary]'"
    )


def test_db_init_refuses_a_key_that_is_not_the_certificates_and_makes_nothing(db: str, tmp_path: Path) -> None:
    result = run(
        "db", "init", "--db", db, "--kbo", GENT_KBO, "--name", "OCMW Gent",
        "--key", KEYS / "ocmw-gent.key.pem", "--cert", KEYS / "cpas-liege.cert.pem",
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: {KEYS / 'ocmw-gent.key.pem'} with {KEYS / 'cpas-liege.cert.pem'}: "
        "the certificate does not belong to the key"
    )
    assert not (tmp_path / "gent.db").exists()


def test_db_init_refuses_a_certificate_given_as_the_key(db: str) -> None:
    result = run("db", "init", "--db", db, "--kbo", GENT_KBO, "--name", "OCMW Gent",
                 "--key", KEYS / "ocmw-gent.cert.pem", "--cert", KEYS / "ocmw-gent.cert.pem")  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].endswith("the key file holds a certificate, not a private key")


def test_db_init_refuses_a_new_certificate_that_is_not_the_recorded_keys(db: str) -> None:
    init(db, *SIGNING)
    result = run("db", "init", "--db", db, "--cert", KEYS / "cpas-liege.cert.pem")
    assert result.exit_code == 2
    assert "the certificate does not belong to the key" in result.stderr
    identity = recorded_identity(db)
    assert identity is not None and identity.cert_path == str((KEYS / "ocmw-gent.cert.pem").resolve())


def test_db_init_with_another_kbo_is_refused_saying_what_would_change(db: str) -> None:
    init(db)
    result = run("db", "init", "--db", db, "--kbo", LIEGE_KBO, "--name", "CPAS de Liège")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: this database belongs to OCMW Gent (KBO {GENT_KBO}); --kbo {LIEGE_KBO} would make it the database "
        "of another OCMW. Each OCMW has a database of its own: give another --db\n"
    )
    identity = recorded_identity(db)
    assert identity is not None and (identity.kbo, identity.name) == (GENT_KBO, "OCMW Gent")
    assert audit_actions(db).count("database_initialised") == 1


def test_serve_on_a_port_in_use_says_so_in_one_line_before_announcing_anything(db: str) -> None:
    init(db, *SIGNING)
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = run("serve", "--db", db, "--port", str(port))
    assert result.exit_code == 2
    assert "answers ESV requests" not in result.output
    assert result.stderr.splitlines()[-1] == (
        f"Error: port {port} on 127.0.0.1 is already in use (by another program, or an "
        "ocmw serve that is already running); choose another with --port"
    )


def test_db_init_again_says_what_it_changes_and_writes_it_to_the_audit_log(db: str) -> None:
    init(db, *SIGNING)
    result = run("db", "init", "--db", db, "--name", "OCMW Gent (Sociaal Huis)", "--key", KEYS / "cpas-liege.key.pem",
                 "--cert", KEYS / "cpas-liege.cert.pem")  # fmt: skip
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1] == "  name: OCMW Gent (Sociaal Huis) (was OCMW Gent)"
    assert lines[2].startswith(f"  key: {(KEYS / 'cpas-liege.key.pem').resolve()} (was ")
    assert lines[3].startswith(f"  cert: {(KEYS / 'cpas-liege.cert.pem').resolve()}, certificate of CPAS de Liège ESV")
    assert result.stderr == (
        "warning: the certificate names CPAS de Liège ESV, CPAS de Liège, not OCMW Gent (Sociaal Huis): check that it "
        "is this OCMW's\n"
    )
    with session_of(db) as session:
        last = session.scalars(select(tables.AuditEntry).order_by(tables.AuditEntry.id.desc())).first()
    assert last is not None and set(last.details["changed"]) == {"name", "key_path", "cert_path"}
    assert last.details["changed"]["name"] == {"from": "OCMW Gent", "to": "OCMW Gent (Sociaal Huis)"}


def test_a_file_that_is_no_database_is_said_in_one_line(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("not a database\n")
    for args in (("esv", "answers"), ("db", "init", "--kbo", GENT_KBO, "--name", "OCMW Gent")):
        result = run(*args, "--db", f"sqlite:///{text}")
        assert (result.exit_code, result.stderr) == (2, f"Error: {text} is not a database: file is not a database\n")


def test_a_sqlite_url_without_a_file_is_refused() -> None:
    result = run("esv", "answers", "--db", "sqlite://")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: 'sqlite://' names no database file; use sqlite:///PATH\n",
    )


def test_db_init_makes_a_database_that_others_could_read_private(db: str, tmp_path: Path) -> None:
    init(db)
    (tmp_path / "gent.db").chmod(0o644)
    init(db)
    assert (tmp_path / "gent.db").stat().st_mode & 0o777 == 0o600


def test_user_password_on_a_database_that_is_not_there_says_so_before_asking(db: str) -> None:
    result = run("user", "password", "an", "--db", db)
    assert result.exit_code == 2
    assert "Password" not in result.output
    assert result.stderr.startswith("Error: there is no database at ")
