"""The options the commands share, each defined once: a day and a period (``--from``/``--to``), yes or
no, the language, the database, the tables of exports (``--sheet``, ``--columns``), the output
(``--format``, ``--out``), the size limit of documents, the signing files and the TLS files."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol, TypeVar

import click

from ground import days
from ground.errors import InvalidValue
from ground.lang import LANGS, Lang

F = TypeVar("F", bound=Callable[..., Any])

existing_file = click.Path(exists=True, dir_okay=False, path_type=Path)
input_file = click.Path(dir_okay=False, allow_dash=True, path_type=Path)
"""A file to read, or ``-`` for standard input."""


def options(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """Several options as one decorator, in the order they are given."""

    def apply(command: F) -> F:
        for decorator in reversed(decorators):
            command = decorator(command)
        return command

    return apply


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


class Year(click.ParamType[int]):
    """A calendar year, four digits (``ground.days.year``)."""

    name = "year"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "YYYY"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        try:
            return days.year(str(value))
        except InvalidValue as error:
            self.fail(str(error), param, ctx)


YEAR = Year()


class YesNo(click.ParamType[bool]):
    """Yes or no, in the words of either language: yes/no, ja/nee, oui/non."""

    name = "yes|no"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "yes|no"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> bool:
        if isinstance(value, bool):
            return value
        said = _YES_NO_WORDS.get(str(value).strip().lower())
        if said is None:
            self.fail(f"{value!r} is not yes or no: write yes/no, ja/nee or oui/non", param, ctx)
        return said


_YES_NO_WORDS = {"yes": True, "ja": True, "oui": True, "no": False, "nee": False, "non": False}
YES_NO = YesNo()


def period_options(what: str, *, required: bool = True) -> Callable[[F], F]:
    """``--from`` and ``--to``: the first and the last day of ``what``, both included."""
    return options(
        click.option("--from", "from_date", type=DAY, required=required, help=f"First day of {what}."),
        click.option("--to", "to_date", type=DAY, required=required, help=f"Last day of {what}, included."),
    )


CHOSEN_LANGUAGE = "ocmw.lang"
"""Where a command's ``--lang`` is kept for the whole invocation (``click.Context.meta``), so that an
error the command raises is said in that language too."""


class _Labelled(Protocol):
    @property
    def value(self) -> str: ...

    def label(self, lang: Lang) -> str: ...


class LabelledChoice(click.Choice[str]):
    """One of the codes of ``kinds``, typed as the code (``received``) or as the word a list shows for
    it in Dutch or French (``Ontvangen``, ``Reçue``), in any case; the code is what the command gets."""

    def __init__(self, kinds: Iterable[_Labelled]) -> None:
        self.kinds = list(kinds)
        super().__init__([kind.value for kind in self.kinds])

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if isinstance(value, str):
            typed = value.strip().casefold()
            for kind in self.kinds:
                if typed in {kind.value, *(kind.label(lang).casefold() for lang in LANGS)}:
                    return kind.value
        return super().convert(value, param, ctx)


def lang_option(what: str = "the output") -> Callable[[F], F]:
    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default="nl",
        envvar="OCMW_LANG",
        show_default=True,
        show_envvar=True,
        help=f"Language of {what}: Dutch or French.",
        callback=_keep_language,
    )


def _keep_language(context: click.Context, parameter: click.Parameter, value: str) -> str:
    context.meta[CHOSEN_LANGUAGE] = value
    return value


def db_option(command: F) -> F:
    return click.option(
        "--db",
        "db_url",
        envvar="OCMW_DB_URL",
        metavar="URL",
        help="The OCMW's database: sqlite:///PATH or postgresql://user@host/database (default: $OCMW_DB_URL, "
        "else sqlite:///ocmw.db).",
    )(command)


WRITES_A_FILE = {"xlsx": "a workbook", "pdf": "a PDF letter"}
"""The formats that are files, not text, and what each is: written to ``--out`` only."""


def output_options(formats: tuple[str, ...], described: str | None = None) -> Callable[[F], F]:
    """``--format`` (the first of ``formats`` by default, ``described`` in the help) and ``--out``; a
    workbook or a letter needs ``--out``, which is checked before any input is read."""

    def needs_out(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
        chosen = ctx.params.get("output_format")
        if chosen in WRITES_A_FILE and value is None:
            raise click.UsageError(f"--format {chosen} writes {WRITES_A_FILE[chosen]}: give its file with --out")
        return value

    return options(
        click.option(
            "--format",
            "output_format",
            type=click.Choice(formats),
            default=formats[0],
            show_default=True,
            is_eager=True,
            help=described
            or "table: for people to read; json: for programs; "
            + ("csv: one row per figure; " if "csv" in formats else "")
            + "xlsx: a workbook for the annual report (needs --out).",
        ),
        click.option(
            "--out",
            type=click.Path(dir_okay=False, path_type=Path),
            callback=needs_out,
            help="Write to this file instead of the terminal.",
        ),
    )


def max_size_option(command: F) -> F:
    from esv.parsing import DEFAULT_MAX_BYTES  # a constant; esv.parsing loads only lxml

    return click.option(
        "--max-size",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_BYTES,
        show_default=True,
        metavar="BYTES",
        help="Refuse documents larger than this many bytes.",
    )(command)


def table_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--sheet`` and ``--columns``, for every command that reads exports: the command is given
    ``reader``, a ``tabular.reader.TableReader`` with those choices (a faulty mapping file is refused
    as invalid input, its every problem said)."""

    @functools.wraps(command)
    def with_tables(*args: Any, sheets: tuple[str, ...], columns_file: Path | None, **kwargs: Any) -> Any:
        from commands.output import refusing_files
        from tabular.choices import load_choices
        from tabular.reader import TableReader

        with refusing_files("nothing was read"):
            choices = load_choices(sheets, columns_file)
        return command(*args, reader=TableReader(choices), **kwargs)

    return options(
        click.option(
            "--sheet",
            "sheets",
            multiple=True,
            metavar="NAME",
            help="The sheet to read in a workbook whose table is on several sheets (may be given for each workbook).",
        ),
        click.option(
            "--columns",
            "columns_file",
            type=existing_file,
            help='A mapping file (TOML) of the export\'s headers to the columns they hold: "Rijksregister" = "ssin".',
        ),
    )(with_tables)


TRUST_HELP = "Trusted certificates: a PEM file or a folder of .pem/.crt/.cer files."
signing_options = options(
    click.option("--key", type=existing_file, help="Signing key (PEM); default: as recorded by `ocmw db init`."),
    click.option("--cert", type=existing_file, help="Its certificate (PEM); default: as recorded."),
    click.option("--trust", type=click.Path(exists=True, path_type=Path), help=f"{TRUST_HELP} Default: as recorded."),
)


def tls_options(*, recorded: bool) -> Callable[[F], F]:
    """``--tls-cert`` and ``--tls-key``; with ``recorded``, their default is what ``ocmw db init`` recorded."""
    cert_default, key_default = (
        ("; default: as recorded by `ocmw db init`", "; default: as recorded") if recorded else ("", "")
    )
    return options(
        click.option(
            "--tls-cert",
            type=existing_file,
            help=f"The certificate (PEM) of the service's TLS connections{cert_default}.",
        ),
        click.option("--tls-key", type=existing_file, help=f"Its key (PEM){key_default}."),
    )


def tls_pair(cert: Path | None, key: Path | None) -> tuple[Path, Path] | None:
    """The TLS certificate and key, both or neither (a usage error otherwise); a key that is not the
    certificate's is said now."""
    if cert is None and key is None:
        return None
    if cert is None or key is None:
        raise click.UsageError("TLS needs both --tls-cert and --tls-key")
    from esv.keys import load_identity

    load_identity(key, cert)
    return cert, key
