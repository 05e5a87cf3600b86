"""The ``ocmw`` command. Each part of the toolkit brings its own commands (``esv/cli.py``,
``gpmi_stats/cli.py``, ``exchange/cli.py``, ``annual_report/cli.py``, ``web/cli.py``); they are imported only when
called, so that ``ocmw esv validate`` does not load pandas and ``ocmw stats`` does not load the XML
stack.

Exit codes everywhere: 0 success, 1 invalid input or failed check, 2 usage.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import io
import logging
import sys
from collections.abc import Callable
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


def table_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--sheet`` and ``--columns``, for every command that reads exports: the command is given
    ``reader``, a ``tabular.reader.TableReader`` with those choices (a faulty mapping file is refused
    as invalid input, its every problem said)."""

    @functools.wraps(command)
    def with_tables(*args: Any, sheets: tuple[str, ...], columns_file: Path | None, **kwargs: Any) -> Any:
        from tabular.choices import load_choices
        from tabular.problems import InvalidInput
        from tabular.reader import TableReader

        try:
            choices = load_choices(sheets, columns_file)
        except InvalidInput as invalid:
            refuse_input(invalid.problems, "nothing was read")
        return command(*args, reader=TableReader(choices), **kwargs)

    with_tables = click.option(
        "--columns",
        "columns_file",
        type=existing_file,
        help='A mapping file (TOML) of the export\'s headers to the columns they hold: "Rijksregister" = "ssin".',
    )(with_tables)
    return click.option(
        "--sheet",
        "sheets",
        multiple=True,
        metavar="NAME",
        help="The sheet to read in a workbook whose table is on several sheets (may be given for each workbook).",
    )(with_tables)


def warn(warnings: list[TableProblem]) -> None:
    """What the reading of the inputs had to say, on standard error."""
    for warning in warnings:
        click.echo(f"warning: {warning.format()}", err=True)


def write_file(path: Path, data: bytes) -> None:
    """Write through a temporary file beside ``path``, so a half-written file never stays behind; a
    path that cannot be written (no such folder, no right to write) is a usage error."""
    temporary = path.with_name(f".{path.name}.partial")
    try:
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise click.UsageError(f"cannot write {path}: {error.strerror or error}") from None


def deliver(result: str | RenderableType, out: Path | None) -> None:
    """A command's result, written to ``out`` when given (a table as plain text, 120 columns wide),
    else to standard output (a table drawn for the terminal)."""
    from rich.console import Console  # only for the commands that print tables

    if isinstance(result, str):
        text = result
    elif out is None:
        Console().print(result)
        return
    else:
        buffer = io.StringIO()
        Console(file=buffer, width=120, color_system=None).print(result)
        text = buffer.getvalue()
    if out is None:
        click.echo(text, nl=False)
    else:
        write_file(out, text.encode("utf-8"))


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
