"""The two exports, read, parsed and checked as a whole: copies dropped, conflicts and the rules that
span columns refused. Either every problem of both files comes out, or tables fit to count from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from gpmi_stats.columns import EVALUATIONS, VERSIONS
from gpmi_stats.persons import wrong_numbers
from ground import periods
from ground.numbers import Counted, counted
from tabular.columns import TableSpec
from tabular.parsing import compact_ssins, ssin_text
from tabular.problems import InvalidFiles, TableProblem
from tabular.reader import TableReader

VERSION_COLUMNS = [column.name for column in VERSIONS.columns]
_EMPTY_EVALUATIONS = {
    "row": "int32",
    "contract_id": "category",
    "evaluated_on": "datetime64[s]",
    "kind": "category",
    "outcome": "category",
}


@dataclass(frozen=True)
class Inputs:
    """Contract versions and evaluations as typed frames (each row with the ``row`` it came from),
    without copies; ``version_rows_read`` counts the rows before copies were dropped."""

    versions: pd.DataFrame
    evaluations: pd.DataFrame
    version_rows_read: int
    warnings: list[str] = field(default_factory=list)


def load_inputs(versions_path: Path, evaluations_path: Path | None = None, reader: TableReader | None = None) -> Inputs:
    """Both tables, or ``InvalidFiles`` with every problem of both files. ``reader`` reads them with
    the user's choices (the sheet, the mapping file); what it says of them comes first in the warnings."""
    reader = reader or TableReader()
    problems: list[TableProblem] = []
    read_versions = _parsed(versions_path, VERSIONS, reader, problems, check_numbers=True)
    read_evaluations = _parsed(evaluations_path, EVALUATIONS, reader, problems) if evaluations_path else None
    if read_evaluations is not None:
        problems += finals_without_outcome(read_evaluations.frame, read_evaluations.source)
    if read_versions is None or read_versions.wrong_numbers is None:
        raise InvalidFiles(problems)
    versions, source = read_versions.frame, read_versions.source
    problems += conflicting_versions(versions, source)
    problems += ends_before_start(versions, source)
    problems += wrong_ssins(versions, read_versions.wrong_numbers, source)
    if problems:
        raise InvalidFiles(problems)
    if read_evaluations is None:
        evaluations = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in _EMPTY_EVALUATIONS.items()})
    else:
        evaluations = read_evaluations.frame
    _one_order_of_contracts(versions, evaluations)
    unknown = [] if read_evaluations is None else unknown_contracts(versions, evaluations, read_evaluations.source)
    return Inputs(
        versions.reset_index(drop=True),
        evaluations.reset_index(drop=True),
        read_versions.rows_read,
        [warning.format() for warning in reader.warnings] + unknown,
    )


def _one_order_of_contracts(*tables: pd.DataFrame) -> None:
    """The ``contract_id`` of every table coded on one sorted set of contracts: matching is on
    integers, and ties go to the greatest id. (Recoded with pyarrow: pandas' ``set_categories`` looks
    every text up again, a second or more for a few hundred thousand contracts.)"""
    known = [pa.array(table["contract_id"].cat.categories.array, type=pa.string()) for table in tables]
    contracts = pc.unique(pa.concat_arrays(known))
    contracts = contracts.take(pc.array_sort_indices(contracts))
    order = pd.CategoricalDtype(pd.Index(pd.array(contracts, dtype=pd.ArrowDtype(pa.string()))), ordered=True)
    for table, categories in zip(tables, known, strict=True):
        recoded = pc.index_in(categories, value_set=contracts).to_numpy(zero_copy_only=False)
        codes = table["contract_id"].cat.codes.to_numpy()
        table["contract_id"] = pd.Categorical.from_codes(recoded[codes] if len(codes) else codes, dtype=order)


@dataclass(frozen=True)
class _Table:
    """A table read, parsed and without copies: where it was read (the file, and the sheet of a
    workbook of several), the rows it had, and its wrong INSZ numbers when they were checked."""

    frame: pd.DataFrame
    source: str
    rows_read: int
    wrong_numbers: dict[str, str] | None


def _parsed(
    path: Path, spec: TableSpec, reader: TableReader, problems: list[TableProblem], *, check_numbers: bool = False
) -> _Table | None:
    """The table, or ``None`` when it cannot be read. With ``check_numbers``, the check digits of its
    INSZ numbers are checked too: those of 11 digits, as written (the parsing restores the zeros of
    shorter ones only where they make the check digits right)."""
    try:
        raw = reader.read(path, spec)
    except InvalidFiles as invalid:
        problems += invalid.problems
        return None
    wrong = None
    if check_numbers:
        numbers = compact_ssins(pc.utf8_trim_whitespace(raw.columns["ssin"].distinct))
        wrong = wrong_numbers(numbers.filter(pc.match_substring_regex(numbers, r"^\d{11}$")))
    rows_read = raw.rows_read
    parsed = reader.parse(raw, spec)
    problems += parsed.problems
    return _Table(parsed.frame, raw.source, rows_read, wrong)


def wrong_ssins(versions: pd.DataFrame, wrong_numbers: dict[str, str], source: str) -> list[TableProblem]:
    """``ssin``: INSZ/BIS with valid check digits (python-stdnum's verdict)."""
    wrong = versions[versions["ssin"].isin([int(number) for number in wrong_numbers])]
    return [
        TableProblem(source, int(row), "ssin", wrong_numbers[number])
        for row, number in zip(wrong["row"], ssin_text(wrong["ssin"]), strict=True)
    ]


def conflicting_versions(versions: pd.DataFrame, source: str) -> list[TableProblem]:
    """Two rows with the same ``contract_id`` and ``version`` that differ are an input error."""
    clashing = versions[versions.duplicated(["contract_id", "version"], keep=False)]
    problems = []
    for (contract, version), group in clashing.groupby(["contract_id", "version"], sort=True, observed=True):
        differing = [name for name in VERSION_COLUMNS if group[name].nunique(dropna=False) > 1]
        rows = [int(row) for row in group["row"]]
        problems.append(
            TableProblem(
                source,
                rows[-1],
                ", ".join(differing),
                f"rows {', '.join(map(str, rows))} are all version {version} of contract {contract} but differ in "
                f"{', '.join(differing)}; keep one of them",
            )
        )
    return problems


def ends_before_start(versions: pd.DataFrame, source: str) -> list[TableProblem]:
    """A version whose planned ``end_date`` lies before its ``start_date`` describes no project."""
    wrong = versions[versions["end_date"] < versions["start_date"]]
    return [
        TableProblem(source, int(row), "end_date", str(periods.problem(start.date(), end.date())))
        for row, start, end in zip(wrong["row"], wrong["start_date"], wrong["end_date"], strict=True)
    ]


def finals_without_outcome(evaluations: pd.DataFrame, source: str) -> list[TableProblem]:
    """``outcome`` is required for a ``final`` evaluation."""
    wrong = evaluations[(evaluations["kind"] == "final") & (evaluations["outcome"] == "")]
    return [
        TableProblem(
            source,
            int(row),
            "outcome",
            "a final evaluation needs its outcome: reached, partially_reached or not_reached",
        )
        for row in wrong["row"]
    ]


def unknown_contracts(versions: pd.DataFrame, evaluations: pd.DataFrame, source: str) -> list[str]:
    """Evaluation rows of contracts that the versions do not hold are ignored, and said."""
    unknown = ~evaluations["contract_id"].isin(versions["contract_id"])
    if not unknown.any():
        return []
    contracts = sorted(str(contract) for contract in evaluations.loc[unknown, "contract_id"].unique())
    of = counted(_CONTRACTS_NOT_IN_VERSIONS, len(contracts), "en")
    ignored = counted(_EVALUATION_ROWS_IGNORED, int(unknown.sum()), "en", of=of)
    return [f"{source}: {ignored} (for example {', '.join(contracts[:5])})"]


_EVALUATION_ROWS_IGNORED: Counted = {
    "en": ("{n} evaluation row of {of} was ignored", "{n} evaluation rows of {of} were ignored")
}
_CONTRACTS_NOT_IN_VERSIONS: Counted = {
    "en": ("{n} contract that is not in the versions", "{n} contracts that are not in the versions")
}
