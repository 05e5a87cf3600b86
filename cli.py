"""The ``ocmw`` command. Each part of the toolkit brings its own commands (``esv/cli.py``,
``gpmi_stats/cli.py``); they are imported only when called, so that ``ocmw esv validate`` does not
load pandas and ``ocmw stats`` does not load the XML stack.

Exit codes everywhere: 0 success, 1 invalid input or failed check, 2 usage.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

import click

INVALID = 1
"""Exit code of invalid input or a failed check (click uses 2 for usage errors)."""

existing_file = click.Path(exists=True, dir_okay=False, path_type=Path)

COMMANDS = {"esv": "esv.cli:esv", "stats": "gpmi_stats.cli:stats"}


class LazyGroup(click.Group):
    """A group whose subcommands are imported when they are used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name].split(":")
        command: click.Command = getattr(importlib.import_module(module), name)
        return command


@click.group(cls=LazyGroup)
@click.version_option(package_name="ocmw-toolkit")
def main() -> None:
    """The toolkit of OCMWs/CPAS: the electronic social report (ESV/RSE) and GPMI statistics."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its warnings on damaged PDFs are our messages


if __name__ == "__main__":
    main()
