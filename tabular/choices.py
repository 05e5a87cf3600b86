"""What the user says about their exports where the toolkit cannot find it out alone: the sheet of a
workbook to read (``--sheet``), and what their columns are called (``--columns FILE.toml``, a
mapping file).

A mapping file gives, per header of the export, the column it holds, for an export whose names are
not among the names every table accepts (``tabular.column_names``)::

    "Nr. GPMI" = "contract_id"
    "Rijksregister" = "ssin"
    "Verantwoordelijke" = "social_worker"
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from tabular.column_names import COLUMN_NAMES, header_key
from tabular.problems import InvalidFiles, TableProblem
from tabular.toml_file import read_toml


@dataclass(frozen=True)
class TableChoices:
    """The sheets to read (a workbook that has one of them reads it) and the mapping file's names:
    the ``header_key`` of an export's header, and the column it holds."""

    sheets: tuple[str, ...] = ()
    columns: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


def load_choices(sheets: tuple[str, ...] = (), mapping_file: Path | None = None) -> TableChoices:
    """The choices given; ``InvalidFiles`` with every problem of the mapping file."""
    return TableChoices(
        sheets, MappingProxyType(read_mapping(mapping_file)) if mapping_file else TableChoices().columns
    )


def read_mapping(path: Path) -> dict[str, str]:
    """The mapping file's headers (as ``header_key``) and their columns. Each value must be a column
    of a table the toolkit reads; two headers may name one column (exports of two programs)."""
    source = str(path)
    entries = read_toml(path)
    mapping: dict[str, str] = {}
    problems = []
    for header, value in entries.items():
        column = value.strip().lower() if isinstance(value, str) else ""
        key = header_key(header)
        if column not in COLUMN_NAMES:
            problems.append(
                TableProblem(
                    source,
                    None,
                    None,
                    f"{header}: {value!r} is not a column of the toolkit's tables; write the header of the export, "
                    'then the column it holds: "Rijksregister" = "ssin"',
                )
            )
        elif not key:
            problems.append(TableProblem(source, None, None, f"{header!r}: a header needs a letter or a digit"))
        elif mapping.get(key, column) != column:
            problems.append(TableProblem(source, None, None, f"{header}: given twice, as {mapping[key]} and {column}"))
        else:
            mapping[key] = column
    if problems:
        raise InvalidFiles(problems)
    return mapping
