"""What ``ocmw`` loads before it does anything: the command modules (and every command's ``--help``)
load none of the heavy libraries, and checking a small document loads none of the signatures' or the
PDFs' machinery. Each is asked of a fresh interpreter, since this one has loaded everything already.
How long it takes is measured in ``bench/startup.py``."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ESV_FIXTURES, ROOT

HEAVY = ("pandas", "pyarrow", "matplotlib", "sqlalchemy", "fastapi", "alembic", "openpyxl", "rich", "httpx")
"""The statistics', the database's, the pages', the workbooks', the terminal tables' and the network's."""
SIGNATURES_AND_PDFS = ("signxml", "cryptography", "pypdf")

EVERY_HELP = """
import importlib, json, pkgutil, sys
import click
import commands, commands.esv
from cli import main
for package in (commands, commands.esv):
    for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        importlib.import_module(module.name)

def show_help(command, context):
    command.get_help(context)
    if isinstance(command, click.Group):
        for name in command.list_commands(context):
            show_help(command.get_command(context, name), click.Context(command, parent=context, info_name=name))

show_help(main, click.Context(main, info_name="ocmw"))
print(json.dumps(sorted(sys.modules)))
"""

VALIDATE = """
import json, sys
from cli import main
try:
    main(["esv", "validate", sys.argv[1]])
except SystemExit as done:
    assert done.code == 0, done.code
print(json.dumps(sorted(sys.modules)))
"""


def loaded_libraries(script: str, *arguments: str) -> set[str]:
    """The top-level packages a fresh interpreter has loaded once ``script`` has run."""
    done = subprocess.run(
        [sys.executable, "-c", script, *arguments], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return {name.split(".")[0] for name in json.loads(done.stdout.splitlines()[-1])}


def test_the_command_modules_and_every_help_load_no_heavy_library() -> None:
    loaded = loaded_libraries(EVERY_HELP)
    assert "commands" in loaded and "click" in loaded
    assert loaded & {*HEAVY, *SIGNATURES_AND_PDFS} == set()


def test_validating_a_document_without_a_contract_loads_neither_signatures_nor_pdfs_nor_a_database() -> None:
    loaded = loaded_libraries(VALIDATE, str(ESV_FIXTURES / "response-gpmi-withheld.xml"))
    assert "lxml" in loaded and "stdnum" in loaded  # it did check the document
    assert loaded & {*HEAVY, *SIGNATURES_AND_PDFS} == set()


BEGIN_READING = """
import json, sys
from pathlib import Path
from gpmi_stats.period import chosen_period
from gpmi_stats.reading import begin_reading
from tabular.reader import TableReader
chosen_period(2023, None, None)
loaded = sorted(sys.modules)
begin_reading(Path(sys.argv[1]), TableReader()).take()
print(json.dumps(loaded))
"""


def test_choosing_the_period_and_beginning_to_read_the_versions_load_no_pandas() -> None:
    """``ocmw stats`` chooses the period and begins reading the versions before it imports the
    statistics' code, so that pyarrow parses the file while pandas is imported: the code it needs to
    begin loads no pandas (the encoding of the columns, later, makes pyarrow import it)."""
    loaded = loaded_libraries(BEGIN_READING, str(ROOT / "fixtures" / "gpmi" / "versions.csv"))
    assert "pyarrow" in loaded
    assert "pandas" not in loaded
