"""What a command prints, the same way in every command: its result (a table drawn for the terminal,
or plain text in a file), the warnings of its input, and its errors. An error is one line, "Error:
..." on standard error; the problems of input files are one line each, then how many there were.
The exit code is the kind's (``ground.errors``): 0 success, 1 invalid input or a failed check, 2
wrong usage."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from ground.errors import OcmwError, UsageError, Worded
from ground.lang import Language
from ground.numbers import Counted, counted

if TYPE_CHECKING:
    from rich.console import RenderableType

    from tabular.problems import InvalidFiles, TableProblem


PROBLEMS_FOUND: Counted = {"en": ("{n} problem found", "{n} problems found")}


def fail(error: OcmwError, lang: Language | None = None) -> NoReturn:
    """The error in one line, and the exit code of its kind: in ``lang`` (the command's ``--lang``)
    when the error is said in it, else in English."""
    if lang in ("nl", "fr") and isinstance(error, Worded):
        click.echo(f"{_ERROR[lang]}{error.message(lang)}", err=True)
    else:
        click.echo(f"Error: {error}", err=True)
    sys.exit(error.exit_code)


_ERROR: dict[Language, str] = {"en": "Error: ", "nl": "Fout: ", "fr": "Erreur : "}


def refuse_files(invalid: InvalidFiles, consequence: str) -> NoReturn:
    """Every problem of the input files, one per line, then how many and what was not done."""
    for problem in invalid.problems:
        click.echo(problem.format(), err=True)
    count = len(invalid.problems)
    click.echo(f"{counted(PROBLEMS_FOUND, count, 'en')}; {consequence}.", err=True)
    sys.exit(invalid.exit_code)


@contextmanager
def refusing_files(consequence: str) -> Iterator[None]:
    """Around the reading of input files: their problems, if any, refused with ``consequence``."""
    from tabular.problems import InvalidFiles

    try:
        yield
    except InvalidFiles as invalid:
        refuse_files(invalid, consequence)


def warn(warnings: list[TableProblem], lang: Language = "en") -> None:
    """What the reading of the inputs had to say, on standard error, in ``lang`` where it is written in it."""
    for warning in warnings:
        shown_in = lang if warning.written_in(lang) else "en"  # never a Dutch word before an English sentence
        click.echo(f"{WARNING[shown_in]}{warning.format(shown_in)}", err=True)


WARNING: dict[Language, str] = {"en": "warning: ", "nl": "waarschuwing: ", "fr": "avertissement : "}
"""Before a warning, in each language."""


def write_file(path: Path, data: bytes, what: str, *, private: bool = False) -> None:
    """Write through a temporary file beside ``path``, so a half-written file never stays behind, and
    say on standard error ``what`` was written where; a path that cannot be written (no such folder,
    no right to write) is a usage error. A ``private`` file (one that holds personal data) is
    readable and writable by its owner only, whatever the umask."""
    temporary = path.with_name(f".{path.name}.partial")
    try:
        temporary.unlink(missing_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if private else 0o666)
        with os.fdopen(descriptor, "wb") as written:
            written.write(data)
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from None
    click.echo(f"{what} written to {path}", err=True)


TEXT_WIDTH = 120
"""The width of a table written to a file or a pipe, unless ``COLUMNS`` says otherwise."""


def deliver(result: str | RenderableType, out: Path | None, what: str, *, private: bool = False) -> None:
    """A command's result (``what`` it is, for the line that confirms a file), written to ``out``
    when given, else to standard output. A table is drawn for the terminal when standard output is
    one; for a file or a pipe it is plain text at most as wide as ``COLUMNS``, else ``TEXT_WIDTH``, so that
    ``> file`` and ``--out file`` write the same; a ``private`` file for its owner only (``write_file``)."""
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
        text = "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())  # no padding to the width
    if out is None:
        click.echo(text, nl=False)
    else:
        write_file(out, text.encode("utf-8"), what, private=private)
