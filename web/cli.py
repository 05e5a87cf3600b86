"""``ocmw user``: the accounts of the web pages, from the terminal (the first administrator, and the
way back in when nobody can log in)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from sqlalchemy.orm import Session

from cli import existing_file
from exchange.cli import actor, db_option, fail, open_database
from storage.tables import NotFound
from web.accounts import InvalidAccount, Role, add_user, all_users, set_active, set_password, user_id


@click.group()
def user() -> None:
    """The people who log in to the web pages."""


password_option = click.option(
    "--password-file", type=existing_file, help="Read the password from this file (its first line) instead of asking."
)


def _password(password_file: Path | None) -> str:
    """The password of ``--password-file``, else asked twice (hidden)."""
    if password_file is None:
        return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))
    lines = password_file.read_text(encoding="utf-8").splitlines()
    return lines[0] if lines else ""


@contextmanager
def _changing(db_url: str | None) -> Iterator[Session]:
    """One transaction; a refused change or an unknown user is an error message."""
    try:
        with open_database(db_url).begin() as session:
            yield session
    except (InvalidAccount, NotFound) as refused:
        fail(str(refused))


@user.command(name="add")
@db_option
@click.argument("username")
@click.option("--role", type=click.Choice([role.value for role in Role]), required=True, help="What the user may do.")
@password_option
def add(db_url: str | None, username: str, role: str, password_file: Path | None) -> None:
    """Make an account; the password is asked twice (hidden), or read from --password-file."""
    password = _password(password_file)
    with _changing(db_url) as session:
        account = add_user(session, username, password, Role(role), actor=actor())
    click.echo(f"user {account.username} added ({account.role.value}); log in at /login of `ocmw serve`")


@user.command(name="password")
@db_option
@click.argument("username")
@password_option
def password(db_url: str | None, username: str, password_file: Path | None) -> None:
    """Give a user a new password (asked twice, hidden, or read from --password-file); the user's
    sessions end."""
    new = _password(password_file)
    with _changing(db_url) as session:
        set_password(session, user_id(session, username), new, actor=actor())
    click.echo(f"new password for {username}; their sessions have ended")


@user.command(name="activate")
@db_option
@click.argument("username")
def activate(db_url: str | None, username: str) -> None:
    """Let a user log in again."""
    _set_active(db_url, username, True)


@user.command(name="deactivate")
@db_option
@click.argument("username")
def deactivate(db_url: str | None, username: str) -> None:
    """Let a user not log in any more (never the last active administrator)."""
    _set_active(db_url, username, False)


def _set_active(db_url: str | None, username: str, active: bool) -> None:
    with _changing(db_url) as session:
        name = set_active(session, user_id(session, username), active, actor=actor())
    click.echo(f"user {name} {'activated' if active else 'deactivated'}")


@user.command(name="list")
@db_option
def list_users(db_url: str | None) -> None:
    """The accounts: name, role, whether they may log in."""
    with open_database(db_url)() as session:
        for account in all_users(session):
            state = "active" if account.active else "deactivated"
            click.echo(f"{account.username}\t{account.role}\t{state}")
