"""The database a command is given (``--db`` or ``OCMW_DB_URL``), as ``storage.database`` opens it for every
command: only ``ocmw db init`` makes one, the URLs it takes and those it refuses in one line, the driver
PostgreSQL needs, a file that is no database, and the files beside the database readable by their owner only."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from storage.database import connect, writer_lock
from tests.command_world import GENT_KBO, LIEGE, SOFIE, counts, init, run

pytestmark = pytest.mark.usefixtures("empty_folder")


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
