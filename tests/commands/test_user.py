"""``ocmw user``: an account added with its password typed twice or read from a file, its name kept in lower
case, every problem said as the pages say it; accounts activated, deactivated and given a new password from
the terminal; the database checked before a password is asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from cli import main
from storage import tables
from tests.conftest import two_accounts
from web.accounts import (
    InvalidAccount,
    account_problems,
    active_account,
    authenticate,
)
from web.passwords import FailedLogins


def user_add(url: str, username: str, password: str = "een lang wachtwoord") -> Result:
    """``ocmw user add USERNAME --role administrator``, the password typed twice."""
    command = ["user", "add", username, "--role", "administrator", "--db", url]
    return CliRunner().invoke(main, command, input=f"{password}\n{password}\n")


def test_ocmw_user_add_asks_the_password_twice_and_audits(database: tuple[str, sessionmaker[Session]]) -> None:
    url, factory = database
    result = user_add(url, "beheerder")
    assert result.exit_code == 0, result.output
    refused = user_add(url, "kort", "kort")
    assert refused.exit_code == 1
    assert "the password has 4 characters: it needs at least 12" in refused.output
    with factory.begin() as session:
        assert authenticate(session, "beheerder", "een lang wachtwoord", failed=FailedLogins()) is not None
        audited = session.scalars(select(tables.AuditEntry.action).where(tables.AuditEntry.action == "user_added"))
        assert audited.all() == ["user_added"]


def test_ocmw_user_add_reads_a_password_file(database: tuple[str, sessionmaker[Session]], tmp_path: Path) -> None:
    url, factory = database
    secret = tmp_path / "password"
    secret.write_text("uit een bestand gelezen\n")
    result = CliRunner().invoke(
        main, ["user", "add", "an", "--role", "social_worker", "--password-file", str(secret), "--db", url]
    )
    assert result.exit_code == 0, result.output
    with factory.begin() as session:
        assert authenticate(session, "an", "uit een bestand gelezen", failed=FailedLogins()) is not None


def test_a_user_name_is_kept_in_lower_case_wherever_it_is_typed(database: tuple[str, sessionmaker[Session]]) -> None:
    url, factory = database
    result = user_add(url, "Beheerder")
    assert result.exit_code == 0, result.output
    assert "user beheerder added (administrator)" in result.output
    with factory.begin() as session:
        assert session.scalars(select(tables.User.username)).all() == ["beheerder"]
        assert authenticate(session, " BEHEERDER ", "een lang wachtwoord", failed=FailedLogins()) is not None


def test_the_terminal_says_every_problem_of_a_new_account_as_the_pages_do(
    database: tuple[str, sessionmaker[Session]],
) -> None:
    url, factory = database
    refused = user_add(url, "x", "kort")
    with factory() as session:
        problems = account_problems(session, "x", "kort", "kort")
    assert refused.output.endswith(f"Error: {InvalidAccount(problems)}\n")


def test_ocmw_user_deactivates_activates_and_gives_a_new_password(
    database: tuple[str, sessionmaker[Session]], tmp_path: Path
) -> None:
    url, factory = database
    users = two_accounts(factory)
    run = CliRunner().invoke
    last = run(main, ["user", "deactivate", "beheerder", "--db", url])
    assert last.exit_code == 1 and "'beheerder' is the last active administrator" in last.output
    assert run(main, ["user", "deactivate", "an", "--db", url]).output == "user an deactivated\n"
    assert "│ an        │ social_worker │ deactivated │" in run(main, ["user", "list", "--db", url]).output
    assert run(main, ["user", "activate", "an", "--db", url]).output == "user an activated\n"
    unknown = run(main, ["user", "activate", "niemand", "--db", url])
    assert unknown.exit_code == 1 and "there is no user 'niemand'" in unknown.output
    short = run(main, ["user", "password", "an", "--db", url], input="kort\nkort\n")
    assert short.exit_code == 1 and "the password has 4 characters: it needs at least 12" in short.output
    secret = tmp_path / "password"
    secret.write_text("een nieuw lang wachtwoord\n")
    changed = run(main, ["user", "password", "an", "--password-file", str(secret), "--db", url])
    assert changed.exit_code == 0, changed.output
    with factory.begin() as session:
        assert authenticate(session, "an", "een nieuw lang wachtwoord", failed=FailedLogins()) is not None
        assert active_account(session, users["an"].id, users["an"].generation) is None  # its sessions ended
        audited = session.execute(select(tables.AuditEntry.action, tables.AuditEntry.details)).all()
    assert [tuple(line) for line in audited][-4:] == [
        ("user_deactivated", {"username": "an"}),
        ("user_activated", {"username": "an"}),
        ("password_changed", {"username": "an"}),
        ("logged_in", {"username": "an"}),
    ]


@pytest.mark.usefixtures("empty_folder")
def test_user_password_on_a_database_that_is_not_there_says_so_before_asking(db: str) -> None:
    result = CliRunner().invoke(main, ["user", "password", "an", "--db", db])
    assert result.exit_code == 2
    assert "Password" not in result.output
    assert result.stderr.startswith("Error: there is no database at ")
