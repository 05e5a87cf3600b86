"""``ocmw db init`` and ``ocmw db import`` as an OCMW types them: the database made and whose it is, what
init changes when run again, and the records imported from CSV and XLSX, every problem of every file at
once and nothing half-imported. Each test has its own SQLite database and runs in an empty folder without
``OCMW_DB_URL``; what a command wrote is read back from the database."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from ground import kbo
from storage import records, tables
from tests.command_world import (
    ANTWERPEN,
    GENT_KBO,
    KEYS,
    LIEGE,
    LIEGE_COUNTS,
    LIEGE_KBO,
    NOTHING,
    PIOTR,
    SIGNING,
    SIGNING_FILES,
    SOFIE,
    audit_actions,
    counts,
    init,
    recorded_identity,
    run,
    session_of,
    versions,
)

pytestmark = pytest.mark.usefixtures("empty_folder")


DECISIONS_HEADER = (
    "dossier_id,ssin,last_name,first_name,number,kind,legislation,decision_date,effective_date,duration_months,"
    "judgment,legal_motivation,aid_kind,aid_category,monthly_amount,refunded_amount,calculation"
)


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ocmw db init


def test_init_makes_the_database_and_records_the_ocmw_with_its_keys(db: str) -> None:
    result = init(db, "--phone", "09 266 99 11", *SIGNING)
    assert result.stdout == f"{db}: ready, the database of OCMW Gent (KBO {kbo.format(GENT_KBO)})\n"
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
    assert again.stdout == f"{gent_with_records}: ready, the database of OCMW Gent (KBO {kbo.format(GENT_KBO)})\n"
    renamed = run("db", "init", "--db", gent_with_records, "--name", "OCMW Gent (Sociaal Huis)")
    assert renamed.stdout.endswith(
        "ready, the database of OCMW Gent (Sociaal Huis) (KBO 0212.345.668)\n"
        "  name: OCMW Gent (Sociaal Huis) (was OCMW Gent)\n"
    )
    identity = recorded_identity(gent_with_records)
    assert identity is not None
    assert (identity.kbo, identity.name, identity.phone) == (GENT_KBO, "OCMW Gent (Sociaal Huis)", "09 266 99 11")
    assert identity.key_path == str(gent_keys["--key"].resolve())  # kept: not given again
    assert counts(gent_with_records) == LIEGE_COUNTS
    assert audit_actions(gent_with_records).count("database_initialised") == 3


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


def test_db_init_makes_a_database_that_others_could_read_private(db: str, tmp_path: Path) -> None:
    init(db)
    (tmp_path / "gent.db").chmod(0o644)
    init(db)
    assert (tmp_path / "gent.db").stat().st_mode & 0o777 == 0o600


# ocmw db import


def test_import_of_the_liege_files_writes_what_they_hold(gent: str) -> None:
    result = run("db", "import", "--db", gent, "--decisions", LIEGE / "decisions.csv", "--gpmi", LIEGE / "gpmi.csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{LIEGE / 'decisions.csv'}: 2 persons, 3 dossiers, 5 decisions",
        f"{LIEGE / 'gpmi.csv'}: 1 contract, 3 versions",
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


def test_what_an_import_wrote_is_counted_in_the_singular_for_one(gent: str) -> None:
    result = run(
        "db", "import", "--db", gent, "--decisions", ANTWERPEN / "decisions.csv", "--gpmi", ANTWERPEN / "gpmi.csv"
    )
    assert result.stdout.splitlines() == [
        f"{ANTWERPEN / 'decisions.csv'}: 1 person, 1 dossier, 2 decisions",
        f"{ANTWERPEN / 'gpmi.csv'}: 1 contract, 1 version",
    ]


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
        f"{gpmi}: 1 contract, 3 versions",
    ]
    assert counts(gent) == counts(from_csv) == LIEGE_COUNTS
    with session_of(gent) as session, session_of(from_csv) as expected:
        for ssin in (SOFIE, PIOTR):
            assert records.person_records(session, ssin) == records.person_records(expected, ssin)
    assert versions(gent) == versions(from_csv)


def test_importing_the_gpmi_file_again_replaces_its_versions_and_adds_nothing(gent_with_records: str) -> None:
    result = run("db", "import", "--db", gent_with_records, "--gpmi", LIEGE / "gpmi.csv")
    assert result.exit_code == 0
    assert result.stdout == f"{LIEGE / 'gpmi.csv'}: 1 contract, 3 versions\n"
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
