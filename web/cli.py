"""``ocmw user``: the accounts of the web pages, made from the terminal (the first administrator)."""

from __future__ import annotations

from pathlib import Path

import click

from cli import existing_file
from exchange.cli import actor, db_option, fail, open_database
from web.accounts import InvalidAccount, Role, add_user, all_users


@click.group()
def user() -> None:
    """The people who log in to the web pages."""


@user.command(name="add")
@db_option
@click.argument("username")
@click.option("--role", type=click.Choice([role.value for role in Role]), required=True, help="What the user may do.")
@click.option(
    "--password-file", type=existing_file, help="Read the password from this file (its first line) instead of asking."
)
def add(db_url: str | None, username: str, role: str, password_file: Path | None) -> None:
    """Make an account; the password is asked twice (hidden), or read from --password-file."""
    if password_file is not None:
        lines = password_file.read_text(encoding="utf-8").splitlines()
        password = lines[0] if lines else ""
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    factory = open_database(db_url)
    try:
        with factory.begin() as session:
            add_user(session, username, password, Role(role), actor=actor())
    except InvalidAccount as invalid:
        fail("; ".join(problem.message("en") for problem in invalid.problems))
    click.echo(f"user {username} added ({Role(role).value}); log in at /login of `ocmw serve`")


@user.command(name="list")
@db_option
def list_users(db_url: str | None) -> None:
    """The accounts: name, role, whether they may log in."""
    with open_database(db_url)() as session:
        for account in all_users(session):
            state = "active" if account.active else "deactivated"
            click.echo(f"{account.username}\t{account.role}\t{state}")
