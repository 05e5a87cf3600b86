"""Property-based tests of the statistics: the figures do not depend on the order of the rows, on
rows repeated by the export, or on unsigned versions."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gpmi_stats.columns import EVALUATIONS, GPMI_KINDS, OUTCOMES, VERSIONS
from gpmi_stats.figures import Figures, compute
from gpmi_stats.inputs import load_inputs
from gpmi_stats.period import Period
from tests.conftest import ssin_for

Row = dict[str, str]
YEAR = Period.year(2024)
PERSONS = [ssin_for(dt.date(1950 + 7 * index, 1 + index, 3 + index), 11 + 2 * index) for index in range(6)]
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
days = st.dates(dt.date(2023, 1, 1), dt.date(2025, 12, 31))


@st.composite
def contract(draw: st.DrawFn, number: int) -> list[Row]:
    """The version rows of one contract: every version shares the person, the rest may change."""
    person = draw(st.sampled_from(PERSONS))
    first_signed = draw(days)
    rows = []
    for version in range(1, draw(st.integers(1, 4)) + 1):
        start = draw(days)
        end = start + dt.timedelta(days=draw(st.integers(0, 800)))
        closed = draw(st.none() | st.integers(0, 400))
        rows.append(
            {
                "contract_id": f"C-{number}",
                "version": str(version),
                "signed_on": (first_signed + dt.timedelta(days=40 * version)).isoformat(),
                "ssin": person,
                "gender": draw(st.sampled_from(["", "M", "F", "X"])),
                "birth_date": draw(st.sampled_from(["", "1970-05-05", "2000-02-29", "2007-12-31"])),
                "residence_nis": draw(st.sampled_from(["", "44021", "44013"])),
                "ocmw_nis": "44021",
                "social_worker": draw(st.sampled_from(["An", "Bo", "Cas"])),
                "start_date": start.isoformat(),
                "end_date": end.isoformat(),
                "closed_on": "" if closed is None else (start + dt.timedelta(days=closed)).isoformat(),
                "kind": draw(st.sampled_from(GPMI_KINDS)),
                "training": draw(st.sampled_from(["", "ja", "nee"])),
                "studies": draw(st.sampled_from(["", "true", "0"])),
                "community_service": draw(st.sampled_from(["", "oui"])),
                "extra_support": draw(st.sampled_from(["", "1", "no"])),
            }
        )
    if draw(st.booleans()):
        rows[-1]["signed_on"] = ""  # the newest version is a draft
    return rows


@st.composite
def exports(draw: st.DrawFn) -> tuple[list[Row], list[Row]]:
    versions = [row for number in range(draw(st.integers(1, 8))) for row in draw(contract(number))]
    contracts = sorted({row["contract_id"] for row in versions})
    evaluations: list[Row] = []
    finals: set[tuple[str, str]] = set()
    for _ in range(draw(st.integers(0, 10))):
        contract_id, day = draw(st.sampled_from(contracts)), draw(days).isoformat()
        if draw(st.booleans()) and (contract_id, day) not in finals:  # one outcome per final evaluation day
            finals.add((contract_id, day))
            evaluations.append(
                {
                    "contract_id": contract_id,
                    "evaluated_on": day,
                    "kind": "final",
                    "outcome": draw(st.sampled_from(OUTCOMES)),
                }
            )
        else:
            evaluations.append({"contract_id": contract_id, "evaluated_on": day, "kind": "intermediate", "outcome": ""})
    return versions, evaluations


def figures(versions: list[Row], evaluations: list[Row]) -> Figures:
    """The figures of an export, without ``versions.rows``: it counts the rows as read."""
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / "versions.csv", Path(folder) / "evaluations.csv"]
        for path, rows, spec in zip(paths, (versions, evaluations), (VERSIONS, EVALUATIONS), strict=True):
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, [column.name for column in spec.columns], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            path.write_text(buffer.getvalue(), encoding="utf-8")
        result: dict[str, Any] = compute(load_inputs(*paths), YEAR)
    del result["versions"]["rows"]
    return result


def belgian(row: Row) -> Row:
    """The same row with its dates written the Belgian way."""
    return {
        key: dt.date.fromisoformat(value).strftime("%d/%m/%Y") if key.endswith(("_on", "_date")) and value else value
        for key, value in row.items()
    }


@PROPERTY
@given(exports(), st.randoms(use_true_random=False))
def test_the_order_of_the_rows_does_not_matter(export: tuple[list[Row], list[Row]], random: Any) -> None:
    versions, evaluations = export
    shuffled_versions, shuffled_evaluations = versions[:], evaluations[:]
    random.shuffle(shuffled_versions)
    random.shuffle(shuffled_evaluations)
    assert figures(shuffled_versions, shuffled_evaluations) == figures(versions, evaluations)


@PROPERTY
@given(exports(), st.data())
def test_a_repeated_version_row_does_not_matter(export: tuple[list[Row], list[Row]], data: st.DataObject) -> None:
    versions, evaluations = export
    row = data.draw(st.sampled_from(versions))
    copy = belgian(row) if data.draw(st.booleans()) else dict(row)
    assert figures([*versions, copy], evaluations) == figures(versions, evaluations)


@PROPERTY
@given(exports(), st.data())
def test_an_added_unsigned_version_does_not_matter(export: tuple[list[Row], list[Row]], data: st.DataObject) -> None:
    versions, evaluations = export
    chosen = data.draw(st.sampled_from(sorted({row["contract_id"] for row in versions})))
    last = max((row for row in versions if row["contract_id"] == chosen), key=lambda row: int(row["version"]))
    unsigned = last | {
        "version": str(int(last["version"]) + 1),
        "signed_on": "",
        "kind": data.draw(st.sampled_from(GPMI_KINDS)),
        "end_date": "2026-12-31",
        "extra_support": "ja",
    }
    assert figures([*versions, unsigned], evaluations) == figures(versions, evaluations)


@PROPERTY
@given(exports())
def test_evaluations_repeated_once_per_version_do_not_matter(export: tuple[list[Row], list[Row]]) -> None:
    versions, evaluations = export
    per_version = [row for row in evaluations for _ in range(3)]
    assert figures(versions, per_version) == figures(versions, evaluations)
