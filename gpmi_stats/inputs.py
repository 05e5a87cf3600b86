"""The two exports, read, parsed and checked as a whole: copies dropped, conflicts and the rules that
span columns refused. Either every problem of both files comes out, or tables fit to count from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from gpmi_stats.columns import EVALUATIONS, VERSIONS
from gpmi_stats.parsing import parse_table
from gpmi_stats.problems import InvalidInput, TableProblem
from gpmi_stats.reading import RawTable, read_table

VERSION_COLUMNS = [column.name for column in VERSIONS.columns]
EVALUATION_COLUMNS = [column.name for column in EVALUATIONS.columns]


@dataclass(frozen=True)
class Inputs:
    """Contract versions and evaluations as typed frames (each with the ``row`` it came from),
    without copies; ``version_rows_read`` counts the rows before copies were dropped."""

    versions: pd.DataFrame
    evaluations: pd.DataFrame
    version_rows_read: int
    warnings: list[str] = field(default_factory=list)


def load_inputs(
    versions_path: Path, evaluations_path: Path | None = None, *, show_progress: bool | None = None
) -> Inputs:
    """Both tables, or ``InvalidInput`` with every problem of both files."""
    problems: list[TableProblem] = []
    raw_versions = _read(versions_path, VERSIONS, show_progress, problems)
    raw_evaluations = _read(evaluations_path, EVALUATIONS, show_progress, problems) if evaluations_path else None
    versions = evaluations = None
    if raw_versions is not None:
        versions, found = parse_table(raw_versions, VERSIONS)
        problems += found
        versions = versions.drop_duplicates(VERSION_COLUMNS)
        problems += conflicting_versions(versions, raw_versions.source)
        problems += ends_before_start(versions, raw_versions.source)
    if raw_evaluations is not None:
        evaluations, found = parse_table(raw_evaluations, EVALUATIONS)
        problems += found + finals_without_outcome(evaluations, raw_evaluations.source)
        evaluations = evaluations.drop_duplicates(EVALUATION_COLUMNS)
    if problems:
        raise InvalidInput(problems)
    assert versions is not None and raw_versions is not None
    if evaluations is None:
        evaluations = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in _EMPTY_EVALUATIONS.items()})
    contracts = versions["contract_id"].cat.categories.union(evaluations["contract_id"].cat.categories).sort_values()
    for table in (versions, evaluations):  # one sorted set of codes: matching is on integers, ties by greatest id
        table["contract_id"] = table["contract_id"].cat.set_categories(contracts, ordered=True)
    warnings = unknown_contracts(versions, evaluations, str(evaluations_path))
    return Inputs(versions.reset_index(drop=True), evaluations.reset_index(drop=True), raw_versions.rows_read, warnings)


_EMPTY_EVALUATIONS = {
    "row": "int64",
    "contract_id": "category",
    "evaluated_on": "datetime64[s]",
    "kind": "category",
    "outcome": "category",
}


def _read(path: Path, spec: object, show_progress: bool | None, problems: list[TableProblem]) -> RawTable | None:
    try:
        return read_table(path, spec, show_progress=show_progress)  # type: ignore[arg-type]
    except InvalidInput as invalid:
        problems += invalid.problems
        return None


def conflicting_versions(versions: pd.DataFrame, source: str) -> list[TableProblem]:
    """Two rows with the same ``contract_id`` and ``version`` that differ are an input error."""
    clashing = versions[versions.duplicated(["contract_id", "version"], keep=False)]
    problems = []
    for (contract, version), group in clashing.groupby(["contract_id", "version"], sort=True):
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
        TableProblem(
            source, int(row), "end_date", f"the end date {end:%Y-%m-%d} is before the start date {start:%Y-%m-%d}"
        )
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
    contracts = evaluations.loc[unknown, "contract_id"].unique()
    examples = ", ".join(sorted(contracts)[:5])
    return [
        f"{source}: {int(unknown.sum())} evaluation rows of {len(contracts)} contracts that are not in the versions "
        f"were ignored (for example {examples})"
    ]
