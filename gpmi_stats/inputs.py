"""The two exports, read, parsed and checked as a whole: copies dropped, conflicts and the rules that
span columns refused. Either every problem of both files comes out, or tables fit to count from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from gpmi_stats.columns import EVALUATIONS, VERSIONS
from gpmi_stats.persons import wrong_numbers
from gpmi_stats.reading import BegunReading, TableRead, read
from ground import days, periods
from ground.lang import Language, Said
from ground.numbers import Counted, counted
from tabular.memory import give_back
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
    warnings: list[TableProblem] = field(default_factory=list)

    def said(self, lang: Language = "en") -> list[str]:
        """The warnings as sentences in ``lang``."""
        return [warning.format(lang) for warning in self.warnings]


def load_inputs(
    versions_path: Path,
    evaluations_path: Path | None = None,
    reader: TableReader | None = None,
    *,
    versions_begun: BegunReading | None = None,
) -> Inputs:
    """Both tables, or ``InvalidFiles`` with every problem of both files. ``reader`` reads them with
    the user's choices (the sheet, the mapping file); what it says of them comes first in the warnings.
    ``versions_begun``: the reading of ``versions_path`` when it was begun before
    (``gpmi_stats.reading.begin_reading``)."""
    reader = reader or TableReader()
    # Each file's texts are let go of (del) once parsed: the peak comes after, with both frames held.
    with ThreadPoolExecutor(1) as beside:
        versions_read = versions_begun.take() if versions_begun else read(versions_path, VERSIONS, reader)
        # The evaluations are read while the versions are parsed (pyarrow reads and encodes without
        # holding Python's lock): in one thread, as the parsing takes the other core, and only now, so
        # that the two files' tables are not held at once.
        evaluations_reading = (
            beside.submit(read, evaluations_path, EVALUATIONS, reader, alone=False) if evaluations_path else None
        )
        problems = list(versions_read.problems)
        versions = _parsed_versions(versions_read, reader)
        del versions_read
        evaluations_read = None if evaluations_reading is None else evaluations_reading.result()
        del evaluations_reading
    if evaluations_read is not None:
        problems += evaluations_read.problems
    if versions is not None:
        problems += versions.problems
        problems += conflicting_versions(versions.frame, versions.source)
        problems += ends_before_start(versions.frame, versions.source)
        problems += closed_before_start(versions.frame, versions.source)
        said = {row for problem in versions.problems if problem.column == "ssin" for row in problem.rows}
        problems += wrong_ssins(versions.frame, versions.wrong_numbers, versions.source, said)
    evaluations = None
    if evaluations_read is not None and evaluations_read.raw is not None:
        evaluations = reader.parse(evaluations_read.raw, EVALUATIONS)
        problems += evaluations.problems
        problems += finals_without_outcome(evaluations.frame, evaluations.source)
    del evaluations_read
    if versions is None or problems:
        raise InvalidFiles(problems)
    if evaluations is None:
        evaluation_frame = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in _EMPTY_EVALUATIONS.items()})
    else:
        evaluation_frame = evaluations.frame
    give_back()  # what the parsing freed, before the contracts are coded anew
    _one_order_of_contracts(versions.frame, evaluation_frame)
    unknown = [] if evaluations is None else unknown_contracts(versions.frame, evaluation_frame, evaluations.source)
    return Inputs(
        versions.frame.reset_index(drop=True),
        evaluation_frame.reset_index(drop=True),
        versions.rows_read,
        [*reader.warnings, *unknown],
    )


def _one_order_of_contracts(*tables: pd.DataFrame) -> None:
    """The ``contract_id`` of every table coded on one sorted set of contracts: matching is on
    integers, and ties go to the greatest id. (Recoded with pyarrow, each table's contracts looked up
    once: pandas' ``set_categories`` looks every text up again, a second or more for a few hundred
    thousand contracts.)"""
    known = [pa.array(table["contract_id"].cat.categories.array, type=pa.string()) for table in tables]
    coded = pc.dictionary_encode(pa.concat_arrays(known))
    order = pc.array_sort_indices(coded.dictionary).to_numpy()
    rank = np.empty(len(order), dtype=np.int32)
    rank[order] = np.arange(len(order), dtype=np.int32)
    recoded = np.split(
        rank[coded.indices.to_numpy(zero_copy_only=False)], np.cumsum([len(each) for each in known[:-1]])
    )
    contracts = pd.Index(pd.array(coded.dictionary.take(order), dtype=pd.ArrowDtype(pa.string())))
    sorted_contracts = pd.CategoricalDtype(contracts, ordered=True)
    for table, table_recoded in zip(tables, recoded, strict=True):
        codes = table["contract_id"].cat.codes.to_numpy()
        table["contract_id"] = pd.Categorical.from_codes(
            table_recoded[codes] if len(codes) else codes, dtype=sorted_contracts
        )


@dataclass(frozen=True)
class _Versions:
    """The versions parsed and without copies, where they were read, how many rows the file had, the
    problems of their cells and what is wrong with each wrong INSZ number."""

    frame: pd.DataFrame
    source: str
    rows_read: int
    problems: list[TableProblem]
    wrong_numbers: dict[str, str]


def _parsed_versions(versions: TableRead, reader: TableReader) -> _Versions | None:
    """The versions parsed; ``None`` when the file cannot be read. The check digits are checked for
    the numbers of 11 digits, as written (the parsing restores the zeros of shorter ones only where
    they make the check digits right)."""
    if versions.raw is None:
        return None
    numbers = compact_ssins(pc.utf8_trim_whitespace(versions.raw.columns["ssin"].distinct))
    wrong = wrong_numbers(numbers.filter(pc.match_substring_regex(numbers, r"^\d{11}$")))
    rows_read = versions.raw.rows_read
    parsed = reader.parse(versions.raw, VERSIONS)
    return _Versions(parsed.frame, parsed.source, rows_read, parsed.problems, wrong)


def wrong_ssins(
    versions: pd.DataFrame, wrong_numbers: dict[str, str], source: str, said: Collection[int] = ()
) -> list[TableProblem]:
    """``ssin``: INSZ/BIS with valid check digits (python-stdnum's verdict). The rows in ``said``
    already have a problem of their INSZ (not a number of 11 digits, kept as 0 like ``00000000000``)."""
    wrong = versions[versions["ssin"].isin([int(number) for number in wrong_numbers])]
    wrong = wrong[~wrong["row"].isin(list(said))]
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
    return _before_start(versions, source, "end_date", lambda start, end: str(periods.problem(start, end)))


def closed_before_start(versions: pd.DataFrame, source: str) -> list[TableProblem]:
    """A version ``closed_on`` a day before its ``start_date`` describes no project either."""
    return _before_start(
        versions,
        source,
        "closed_on",
        lambda start, closed: (
            f"the contract is closed on {days.format(closed)}, before it starts on "
            f"{days.format(start)}: check both days"
        ),
    )


def _before_start(
    versions: pd.DataFrame, source: str, column: str, said: Callable[[dt.date, dt.date], str]
) -> list[TableProblem]:
    """A problem in ``column`` for each version whose day there lies before its ``start_date``; ``said``
    writes it from the two days."""
    wrong = versions[versions[column] < versions["start_date"]]
    return [
        TableProblem(source, int(row), column, said(start.date(), day.date()))
        for row, start, day in zip(wrong["row"], wrong["start_date"], wrong[column], strict=True)
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


def unknown_contracts(versions: pd.DataFrame, evaluations: pd.DataFrame, source: str) -> list[TableProblem]:
    """Evaluation rows of contracts that the versions do not hold are ignored, and said."""
    unknown = ~evaluations["contract_id"].isin(versions["contract_id"])
    if not unknown.any():
        return []
    contracts = sorted(str(contract) for contract in evaluations.loc[unknown, "contract_id"].unique())
    rows = int(unknown.sum())

    def said(lang: Language) -> str:
        of = counted(_CONTRACTS_NOT_IN_VERSIONS, len(contracts), lang)
        return _FOR_EXAMPLE[lang].format(counted(_EVALUATION_ROWS_IGNORED, rows, lang, of=of), ", ".join(contracts[:5]))

    return [TableProblem.written(source, None, None, said)]


_EVALUATION_ROWS_IGNORED: Counted = {
    "en": ("{n} evaluation row of {of} was ignored", "{n} evaluation rows of {of} were ignored"),
    "nl": ("{n} evaluatierij van {of} is genegeerd", "{n} evaluatierijen van {of} zijn genegeerd"),
    "fr": ("{n} ligne d'évaluation de {of} a été ignorée", "{n} lignes d'évaluation de {of} ont été ignorées"),
}
_FOR_EXAMPLE: Said = {"en": "{} (for example {})", "nl": "{} (bijvoorbeeld {})", "fr": "{} (par exemple {})"}
_CONTRACTS_NOT_IN_VERSIONS: Counted = {
    "en": ("{n} contract that is not in the versions", "{n} contracts that are not in the versions"),
    "nl": ("{n} contract dat niet in de versies staat", "{n} contracten die niet in de versies staan"),
    "fr": ("{n} contrat absent des versions", "{n} contrats absents des versions"),
}
