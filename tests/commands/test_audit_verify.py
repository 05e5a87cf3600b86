"""``ocmw audit verify``: exit 0 and the last line's hash for an unbroken log; exit 1, naming each place,
for a log whose lines were changed or removed directly in the database."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from storage.database import connect
from tests.command_world import init, run

pytestmark = pytest.mark.usefixtures("empty_folder")


def tampered(url: str, statement: str) -> None:
    engine = connect(url)
    with engine.begin() as connection:
        connection.execute(text("DROP TRIGGER audit_log_no_update"))
        connection.execute(text(statement))
    engine.dispose()


def test_an_unbroken_log_exits_0_with_its_last_line_and_hash(db: str) -> None:
    init(db)
    init(db, "--phone", "09 266 99 00")
    result = run("audit", "verify", "--db", db)
    assert result.exit_code == 0
    assert result.stdout.startswith("the audit log is unbroken: 2 lines, from ")
    assert "; its last line is 2, hash " in result.stdout


def test_a_line_changed_in_the_database_exits_1_naming_the_line(db: str) -> None:
    init(db)
    init(db, "--phone", "09 266 99 00")
    tampered(db, "UPDATE audit_log SET actor = 'someone else' WHERE id = 1")
    result = run("audit", "verify", "--db", db)
    assert result.exit_code == 1
    assert result.stdout == "line 1 was changed: its content does not give its hash\n"
    assert result.stderr == "Error: the audit log is broken at line 1; 1 place in all\n"


def test_a_database_not_made_is_a_usage_error(db: str) -> None:
    result = run("audit", "verify", "--db", db)
    assert (result.exit_code, result.stderr.startswith("Error: there is no database at ")) == (2, True)
