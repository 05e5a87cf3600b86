"""What ``ocmw ... --help`` tells a new user: every option of every command says what it is for."""

from __future__ import annotations

from collections.abc import Iterator

import click

from cli import main


def _commands(command: click.Command, path: str) -> Iterator[tuple[str, click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        context = click.Context(command, info_name=path)
        for name in command.list_commands(context):
            found = command.get_command(context, name)
            assert found is not None
            yield from _commands(found, f"{path} {name}")


def test_every_option_of_every_command_is_described() -> None:
    undescribed = [
        f"{path} {'/'.join(option.opts)}"
        for path, command in _commands(main, "ocmw")
        for option in command.params
        if isinstance(option, click.Option) and not option.help
    ]
    assert undescribed == []
