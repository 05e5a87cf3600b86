"""``ocmw db info``, ``backup``, ``restore``, ``set-retention`` and ``purge`` as an administrator types them:
what each says, its exit code, and what it leaves in the database and its audit log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from storage import retention, tables
from storage.database import connect, head_revision, upgrade
from tests.command_world import KEYS, audit_actions, init, run, session_of

pytestmark = pytest.mark.usefixtures("empty_folder")

LONG_AGO = dt.datetime(2020, 3, 2, 9, 0, tzinfo=dt.UTC)


def info_lines(db: str) -> dict[str, str]:
    result = run("db", "info", "--db", db)
    assert result.exit_code == 0, result.output
    return {line[:11].rstrip(": "): line[11:] for line in result.stdout.splitlines()}


def test_info_says_whose_the_database_is_its_schema_network_retention_and_what_it_holds(
    gent_with_records: str, gent_keys: dict[str, Path], tmp_path: Path
) -> None:
    assert info_lines(gent_with_records) == {
        "owner": "OCMW Gent (KBO 0212.345.668)",
        "database": str(tmp_path / "gent.db"),
        "schema": f"{head_revision()} (current)",
        "network": f"not a member of a directory; trusts the OCMWs of the folder {gent_keys['--trust'].resolve()}",
        "retention": "not set: documents exchanged are kept until `ocmw db purge --before DD/MM/YYYY`",
        "records": "2 persons, 3 dossiers, 5 decisions, 1 GPMI contract, 3 GPMI versions, 0 consents",
        "requests": "0 sent, 0 answered",
        "users": "0 (0 active)",
        "audit log": "3 lines",
    }


def test_info_shows_the_retention_and_the_directory_of_a_member(db: str) -> None:
    init(db, "--directory", "https://directory.example:9443", "--directory-cert", KEYS / "cpas-liege.cert.pem")
    assert run("db", "set-retention", "--db", db, "--months", "1").exit_code == 0
    shown = info_lines(db)
    first = retention.boundary(1, retention.today())
    assert shown["network"] == "member of the directory https://directory.example:9443"
    assert shown["retention"] == f"1 month: `ocmw db purge` removes the documents exchanged before {first:%d/%m/%Y}"


def test_info_of_a_database_at_an_older_schema_says_what_brings_it_up_to_date(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'old.db'}"
    engine = connect(db, create=True)
    upgrade(engine, to="0001")
    with engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO ocmw_identity (id, kbo, name) VALUES (1, '0212345668', 'OCMW Gent')")
    engine.dispose()
    shown = info_lines(db)
    assert shown["schema"] == f"0001; this toolkit's is {head_revision()}: `ocmw db init` brings it up to date"
    assert shown["retention"].startswith("not set")
    assert "users" not in shown  # the accounts came with 0002


def test_info_without_a_database_is_a_usage_error(db: str, tmp_path: Path) -> None:
    result = run("db", "info", "--db", db)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: there is no database at {tmp_path / 'gent.db'}")


def test_a_backup_is_said_audited_and_restored_into_a_new_database(gent_with_records: str, tmp_path: Path) -> None:
    made = run("db", "backup", "--db", gent_with_records, "--to", tmp_path / "gent.backup")
    assert made.exit_code == 0, made.output
    size = (tmp_path / "gent.backup").stat().st_size
    assert made.stdout == (
        f"{tmp_path / 'gent.db'}: backed up to {tmp_path / 'gent.backup'} ({size} bytes, schema {head_revision()}), "
        "readable by its owner only\n"
    )
    assert audit_actions(gent_with_records)[-1] == "database_backed_up"

    restored_db = f"sqlite:///{tmp_path / 'restored.db'}"
    restored = run("db", "restore", tmp_path / "gent.backup", "--db", restored_db)
    assert restored.exit_code == 0, restored.output
    assert restored.stdout == (
        f"{tmp_path / 'gent.backup'}: restored into {tmp_path / 'restored.db'}, the database of OCMW Gent "
        "(KBO 0212.345.668)\n"
    )
    assert audit_actions(restored_db)[-1] == "database_restored"
    assert info_lines(restored_db)["records"] == info_lines(gent_with_records)["records"]


def test_a_backup_onto_a_file_and_a_restore_into_a_database_that_holds_one_are_usage_errors(
    gent: str, tmp_path: Path
) -> None:
    (tmp_path / "taken.backup").write_text("")
    onto = run("db", "backup", "--db", gent, "--to", tmp_path / "taken.backup")
    assert (onto.exit_code, onto.stderr) == (
        2,
        f"Error: {tmp_path / 'taken.backup'} already exists: a backup never replaces a file; give a new name\n",
    )
    assert run("db", "backup", "--db", gent, "--to", tmp_path / "gent.backup").exit_code == 0
    into = run("db", "restore", tmp_path / "gent.backup", "--db", gent)
    assert (into.exit_code, into.stderr) == (
        2,
        f"Error: {tmp_path / 'gent.db'} already holds an OCMW database (schema version {head_revision()}): a backup "
        "is restored into an empty database only; give a new one with --db\n",
    )


def test_restoring_a_file_that_is_no_backup_is_invalid_input(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a backup")
    result = run("db", "restore", tmp_path / "notes.txt", "--db", f"sqlite:///{tmp_path / 'restored.db'}")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {tmp_path / 'notes.txt'} is not a backup of a database: `ocmw db backup` makes one\n",
    )


def test_set_retention_says_what_purge_will_remove_and_refuses_zero_months(gent: str) -> None:
    first = retention.boundary(24, retention.today())
    result = run("db", "set-retention", "--db", gent, "--months", "24")
    assert (result.exit_code, result.stdout) == (
        0,
        f"documents exchanged are kept 24 months (was not set): today `ocmw db purge` removes those from before "
        f"{first:%d/%m/%Y}\n",
    )
    again = run("db", "set-retention", "--db", gent, "--months", "36")
    assert "kept 36 months (was 24 months)" in again.stdout
    assert run("db", "set-retention", "--db", gent, "--months", "0").exit_code == 2
    assert audit_actions(gent)[-2:] == ["retention_set", "retention_set"]


def add_exchanged(db: str) -> None:
    """A request sent and one answered, long ago."""
    with session_of(db) as session, session.begin():
        session.add(
            tables.SentRequest(
                request_id="GENT-OLD-1", responder_url="http://127.0.0.1:8081/esv/requests", ssin="92021416206",
                begin=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31), created_at=LONG_AGO, status="received",
                attempts=1, history=[], request_xml=b"<EsvRequest/>", received_at=LONG_AGO,
                response_xml=b"<EsvResponse/>", archived=False,
            )
        )  # fmt: skip
        session.add(
            tables.AnsweredRequest(
                requester_fingerprint="sha256:" + "ab" * 32, request_id="LIEGE-OLD-1", requester_kbo="0207654333",
                requester_name="CPAS de Liège", signed_by="CPAS de Liège ESV", ssin="92021416206",
                received_at=LONG_AGO, status="ok", times_asked=1, response_xml=b"<EsvResponse/>", archived=False,
            )
        )  # fmt: skip


def exchanged(db: str) -> tuple[list[str], list[str]]:
    with session_of(db) as session:
        return (
            list(session.scalars(select(tables.SentRequest.request_id))),
            list(session.scalars(select(tables.AnsweredRequest.request_id))),
        )


def test_purge_dry_run_says_what_it_would_remove_and_purge_removes_it(gent: str) -> None:
    add_exchanged(gent)
    dry = run("db", "purge", "--db", gent, "--before", "01/01/2021", "--dry-run")
    assert (dry.exit_code, dry.stdout) == (
        0,
        "would remove 1 request sent with the reports received, 1 request answered with the answers sent, from "
        "before 01/01/2021 (a dry run: nothing was removed)\n",
    )
    assert exchanged(gent) == (["GENT-OLD-1"], ["LIEGE-OLD-1"])
    assert "database_purged" not in audit_actions(gent)

    done = run("db", "purge", "--db", gent, "--before", "01/01/2021")
    assert (done.exit_code, done.stdout) == (
        0,
        "removed 1 request sent with the reports received, 1 request answered with the answers sent, from before "
        "01/01/2021; the audit log keeps their lines and says what was removed\n",
    )
    assert exchanged(gent) == ([], [])
    assert audit_actions(gent)[-3:] == ["report_purged", "answer_purged", "database_purged"]


def test_purge_without_a_day_takes_the_retentions(gent: str) -> None:
    add_exchanged(gent)
    refused = run("db", "purge", "--db", gent)
    assert (refused.exit_code, refused.stderr) == (
        1,
        "Error: no retention is set: give --before DD/MM/YYYY, or set it with `ocmw db set-retention --months N`\n",
    )
    assert run("db", "set-retention", "--db", gent, "--months", "12").exit_code == 0
    done = run("db", "purge", "--db", gent)
    assert done.exit_code == 0
    assert f"from before {retention.boundary(12, retention.today()):%d/%m/%Y};" in done.stdout
    assert exchanged(gent) == ([], [])


def test_purge_of_a_day_after_today_is_refused_and_removes_nothing(gent: str) -> None:
    add_exchanged(gent)
    tomorrow = retention.today() + dt.timedelta(days=1)
    result = run("db", "purge", "--db", gent, "--before", f"{tomorrow:%d/%m/%Y}")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: --before {tomorrow:%d/%m/%Y} is after today: documents are removed only from the past\n",
    )
    assert exchanged(gent) == (["GENT-OLD-1"], ["LIEGE-OLD-1"])


def test_the_commands_of_the_upkeep_are_in_the_help_of_ocmw_db() -> None:
    listed = run("db", "--help").stdout
    assert all(f"  {name} " in listed for name in ("backup", "restore", "info", "set-retention", "purge"))
