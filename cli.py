"""The ``ocmw`` command. Each part of the toolkit brings its own commands (``esv/cli.py``,
``gpmi_stats/cli.py``, ``exchange/cli.py``, ``annual_report/cli.py``, ``web/cli.py``); they are imported only when
called, so that ``ocmw esv validate`` does not load pandas and ``ocmw stats`` does not load the XML
stack.

Exit codes everywhere: 0 success, 1 invalid input or failed check, 2 usage.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from ground import days
from ground.errors import InvalidValue

if TYPE_CHECKING:
    from rich.console import RenderableType

    from tabular.problems import TableProblem

INVALID = 1
"""Exit code of invalid input or a failed check (click uses 2 for usage errors)."""

existing_file = click.Path(exists=True, dir_okay=False, path_type=Path)


class Day(click.ParamType[dt.date]):
    """A day on the command line, written DD/MM/YYYY (``ground.days``): "31/02/2026 does not exist"
    is told apart from "write the day as DD/MM/YYYY"."""

    name = "day"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return days.WRITTEN

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return days.validate(str(value))
        except InvalidValue as error:
            self.fail(str(error), param, ctx)


DAY = Day()


def refuse_input(
    problems: list[TableProblem], consequence: str = "nothing was computed", *, lead: str = ""
) -> NoReturn:
    """Print every problem of an input, then ``{lead}N problem(s) found; {consequence}.``, and exit
    as invalid input."""
    for problem in problems:
        click.echo(problem.format(), err=True)
    click.echo(f"{lead}{len(problems)} problem(s) found; {consequence}.", err=True)
    sys.exit(INVALID)


def write_file(path: Path, data: bytes, what: str) -> None:
    """Write through a temporary file beside ``path``, so a half-written file never stays behind, and
    say on standard error ``what`` was written where; a path that cannot be written (no such folder,
    no right to write) is a usage error."""
    temporary = path.with_name(f".{path.name}.partial")
    try:
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise click.UsageError(f"cannot write {path}: {error.strerror or error}") from None
    click.echo(f"{what} written to {path}", err=True)


TEXT_WIDTH = 120
"""The width of a table written to a file or a pipe, unless ``COLUMNS`` says otherwise."""


def deliver(result: str | RenderableType, out: Path | None, what: str) -> None:
    """A command's result (``what`` it is, for the line that confirms a file), written to ``out``
    when given, else to standard output. A table is drawn for the terminal when standard output is
    one; for a file or a pipe it is plain text as wide as ``COLUMNS``, else ``TEXT_WIDTH``, so that
    ``> file`` and ``--out file`` write the same."""
    from rich.console import Console  # only for the commands that print tables

    if isinstance(result, str):
        text = result
    elif out is None and sys.stdout.isatty():
        Console().print(result)
        return
    else:
        columns = os.environ.get("COLUMNS", "")
        buffer = io.StringIO()
        width = int(columns) if columns.isdigit() else TEXT_WIDTH
        Console(file=buffer, width=width, color_system=None).print(result)
        text = buffer.getvalue()
    if out is None:
        click.echo(text, nl=False)
    else:
        write_file(out, text.encode("utf-8"), what)


class LazyGroup(click.Group):
    """A group whose commands named in ``lazy_commands`` (``"module:attribute"``) are imported only
    when they are used."""

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


@click.group(
    cls=LazyGroup,
    lazy_commands={
        "esv": "esv.cli:esv",
        "stats": "gpmi_stats.cli:stats",
        "db": "exchange.cli:db",
        "gpmi": "exchange.cli:gpmi",
        "consent": "exchange.cli:consent",
        "serve": "exchange.cli:serve",
        "report": "annual_report.cli:report",
        "user": "web.cli:user",
    },
)
@click.version_option(package_name="ocmw-toolkit")
def main() -> None:
    """The toolkit of OCMWs/CPAS: the electronic social report (ESV/RSE) and GPMI statistics."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its warnings on damaged PDFs are our messages


if __name__ == "__main__":
    main()
