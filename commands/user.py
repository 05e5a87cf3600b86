"""``ocmw user``: the accounts of the web pages, from the terminal (the first administrator, and the
way back in when nobody can log in)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from commands.database import actor, open_database
from commands.options import db_option, existing_file
from ground.errors import InvalidInput
from web.roles import Role


@click.group()
def user() -> None:
    """The people who log in to the web pages."""


password_option = click.option(
    "--password-file", type=existing_file, help="Read the password from this file (its first line) instead of asking."
)


def _password(password_file: Path | None) -> str:
    """The password of ``--password-file``; else, from a terminal, asked twice (hidden); else the
    first line of standard input (a second line, if any, must repeat it)."""
    if password_file is not None:
        lines = password_file.read_text(encoding="utf-8").splitlines()
        return lines[0] if lines else ""
    if sys.stdin.isatty():
        return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))
    lines = sys.stdin.read().splitlines()
    if len(lines) > 1 and lines[1] != lines[0]:
        raise InvalidInput("the two passwords differ: type the same one twice")
    return lines[0] if lines else ""


@user.command(name="add")
@db_option
@click.argument("username")
@click.option(
    "--role",
    type=click.Choice([role.value for role in Role]),
    required=True,
    help="What the user may do: a social worker asks and reads; an administrator also manages users and trust.",
)
@password_option
def add(db_url: str | None, username: str, role: str, password_file: Path | None) -> None:
    """Make an account; the password (at least 12 characters) is asked twice (hidden), or read from
    --password-file or standard input."""
    from web.accounts import add_user

    sessions = open_database(db_url)  # a database that is not there is said before the password is asked
    password = _password(password_file)
    with sessions.begin() as session:
        account = add_user(session, username, password, Role(role), actor=actor())
    click.echo(f"user {account.username} added ({account.role.value}); log in at /login of `ocmw serve`")


@user.command(name="password")
@db_option
@click.argument("username")
@password_option
def password(db_url: str | None, username: str, password_file: Path | None) -> None:
    """Give a user a new password (asked twice, hidden, or read from --password-file or standard input);
    the user's sessions end."""
    from web.accounts import set_password, user_id

    sessions = open_database(db_url)
    new = _password(password_file)
    with sessions.begin() as session:
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
    from web.accounts import set_active, user_id

    with open_database(db_url).begin() as session:
        name = set_active(session, user_id(session, username), active, actor=actor())
    click.echo(f"user {name} {'activated' if active else 'deactivated'}")


@user.command(name="list")
@db_option
def list_users(db_url: str | None) -> None:
    """The accounts: name, role, whether they may log in."""
    from rich.console import Console
    from rich.table import Table

    from web.accounts import all_users

    with open_database(db_url)() as session:
        accounts = all_users(session)
    table = Table("user", "role", "state", title_justify="left")
    for account in accounts:
        table.add_row(account.username, account.role, "active" if account.active else "deactivated")
    Console().print(table)
