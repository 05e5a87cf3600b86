"""A group of commands whose modules are imported only when one of them is used, so that ``ocmw esv
validate`` does not load pandas and ``ocmw stats`` does not load the XML stack. Errors raised on
purpose (``ground.errors``) become one line and the exit code of their kind, here, for every command."""

from __future__ import annotations

import importlib
from typing import Any

import click

from commands.options import CHOSEN_LANGUAGE
from commands.output import fail, refuse_files
from ground.errors import OcmwError
from tabular.problems import InvalidFiles


class LazyGroup(click.Group):
    """A group whose commands named in ``lazy_commands`` (``"module:attribute"``) are imported when
    they are used."""

    def __init__(self, *args: Any, lazy_commands: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = lazy_commands or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.lazy_commands:
            return super().get_command(ctx, cmd_name)
        module, name = self.lazy_commands[cmd_name].split(":")
        command: click.Command = getattr(importlib.import_module(module), name)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InvalidFiles as invalid:
            refuse_files(invalid, "nothing was done")
        except OcmwError as error:
            fail(error, ctx.meta.get(CHOSEN_LANGUAGE))
