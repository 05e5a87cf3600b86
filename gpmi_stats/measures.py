"""The figures of the statistics, one small function per measure, each quoting its definition.

``scope`` is always the frame of the effective versions of the in-scope contracts (see
``gpmi_stats.period``), one row per contract, with its ``finish``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gpmi_stats.columns import OUTCOMES
from gpmi_stats.period import Period
from gpmi_stats.persons import told_by_number

AGE_BANDS = ("<18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+")
UNKNOWN_AGE = "unknown"
ALL_BANDS = (*AGE_BANDS, UNKNOWN_AGE)
_BAND_EDGES = [-np.inf, 17, 24, 34, 44, 54, 64, np.inf]


def beneficiaries_total(scope: pd.DataFrame) -> int:
    """``beneficiaries.total``: distinct persons (normalized INSZ)."""
    return int(scope["ssin"].nunique())


def person_facts(scope: pd.DataFrame) -> pd.DataFrame:
    """Each person's gender and birth date come from the in-scope contract whose effective version
    has the latest ``signed_on`` (ties: the greatest ``contract_id``). An empty gender is taken from
    the INSZ (odd sequence = M), or from a BIS number whose month is +40; else ``X``. An empty birth
    date is taken from the INSZ/BIS (century from the check digits)."""
    chosen = scope.sort_values(["ssin", "signed_on", "contract_id"]).drop_duplicates("ssin", keep="last")
    told = told_by_number(chosen["ssin"].to_numpy()).set_axis(chosen.index)
    gender = chosen["gender"].astype(str).where(chosen["gender"] != "").fillna(told["gender"]).fillna("X")
    birth = chosen["birth_date"].fillna(told["birth_date"])
    return pd.DataFrame({"ssin": chosen["ssin"], "gender": gender, "birth_date": birth})


def age_band(birth_dates: pd.Series, period: Period) -> pd.Series:
    """Age = full years on ``to``. Bands ``<18``, ``18-24``, ``25-34``, ``35-44``, ``45-54``,
    ``55-64``, ``65+``; ``unknown`` where no birth date can be found. (Born on 29 February: one
    year older on 1 March of a common year.)"""
    on = period.end
    before_birthday = birth_dates.dt.month * 100 + birth_dates.dt.day > on.month * 100 + on.day
    years = on.year - birth_dates.dt.year - before_birthday.astype(int)
    bands: pd.Series = pd.cut(years, _BAND_EDGES, labels=list(AGE_BANDS)).astype("object")
    return bands.where(birth_dates.notna(), UNKNOWN_AGE)


def beneficiaries_by_gender_age(scope: pd.DataFrame, period: Period) -> dict[str, dict[str, int]]:
    """``beneficiaries.by_gender_age``: distinct persons by gender and age band (zeros left out)."""
    facts = person_facts(scope)
    counts = facts.groupby([facts["gender"], age_band(facts["birth_date"], period)]).size()
    result: dict[str, dict[str, int]] = {}
    for gender in sorted(facts["gender"].unique()):  # a few values, found without a Python loop over the persons
        bands = {band: int(counts.get((gender, band), 0)) for band in ALL_BANDS}
        result[gender] = {band: count for band, count in bands.items() if count}
    return result


def residing_elsewhere(scope: pd.DataFrame) -> int:
    """``beneficiaries.residing_elsewhere``: distinct persons with an in-scope contract whose
    ``residence_nis`` is set and differs from its ``ocmw_nis``."""
    residence, ocmw = scope["residence_nis"].astype(str), scope["ocmw_nis"].astype(str)
    elsewhere = (residence != "") & (residence != ocmw)
    return int(scope.loc[elsewhere, "ssin"].nunique())


def projects(scope: pd.DataFrame, period: Period) -> dict[str, int]:
    """``projects.total``: in-scope contracts. ``started``: ``from <= start_date <= to``.
    ``running``: ``finish > to``. ``closed``: ``from <= finish <= to``. (A contract can be started and
    closed in one period.)"""
    return {
        "total": len(scope),
        "started": int(period.holds(scope["start_date"]).sum()),
        "running": int((scope["finish"] > period.last_day).sum()),
        "closed": int(period.holds(scope["finish"]).sum()),
    }


def social_workers(scope: pd.DataFrame) -> dict[str, object]:
    """``social_workers``: per social worker of the effective versions, the number of in-scope projects
    and of distinct persons; ``count`` = social workers with at least one project; ``avg_projects`` =
    projects / count; ``avg_beneficiaries`` = sum of the per-worker person counts / count; both
    rounded to 2 decimals."""
    per_worker = scope.groupby("social_worker", observed=True).agg(
        projects=("contract_id", "size"), persons=("ssin", "nunique")
    )
    per_worker = per_worker.set_axis(per_worker.index.astype(str)).sort_index()
    count = len(per_worker)
    return {
        "count": count,
        "projects": {str(name): int(value) for name, value in per_worker["projects"].items()},
        "beneficiaries": {str(name): int(value) for name, value in per_worker["persons"].items()},
        "avg_projects": round(int(per_worker["projects"].sum()) / count, 2) if count else 0.0,
        "avg_beneficiaries": round(int(per_worker["persons"].sum()) / count, 2) if count else 0.0,
    }


def months_later(days: pd.Series, months: int) -> pd.Series:
    """``start + N months``: the same day N months later, clipped to the month's last day
    (31 January + 1 month = 28 or 29 February)."""
    return days + pd.DateOffset(months=months)


def duration(scope: pd.DataFrame) -> dict[str, int]:
    """``duration`` (planned: ``start_date`` to ``end_date`` of the effective version):
    ``at_least_6_months``: ``end_date >= start + 6 months - 1 day``; ``at_least_1_year``:
    ``end_date >= start + 12 months - 1 day``; ``more_than_1_year``: ``end_date >= start + 12 months``."""
    day = pd.Timedelta(days=1)
    half_year, year = months_later(scope["start_date"], 6), months_later(scope["start_date"], 12)
    end = scope["end_date"]
    return {
        "at_least_6_months": int((end >= half_year - day).sum()),
        "at_least_1_year": int((end >= year - day).sum()),
        "more_than_1_year": int((end >= year).sum()),
    }


def content(scope: pd.DataFrame) -> dict[str, int]:
    """``content.training`` / ``studies`` / ``community_service``: projects whose ``kind`` is that
    part or whose flag for it is true."""
    return {
        part: int(((scope["kind"] == part) | scope[part]).sum())
        for part in ("training", "studies", "community_service")
    }


def extra_support(scope: pd.DataFrame) -> dict[str, int]:
    """``extra_support``: ``projects`` with the flag, and the distinct ``beneficiaries`` of those."""
    flagged = scope["extra_support"]
    return {"projects": int(flagged.sum()), "beneficiaries": int(scope.loc[flagged, "ssin"].nunique())}


def counted_evaluations(evaluations: pd.DataFrame, effective: pd.DataFrame) -> pd.DataFrame:
    """Evaluation rows of contracts that have an effective version (in scope or not)."""
    return evaluations[evaluations["contract_id"].isin(effective["contract_id"])]


def evaluation_counts(evaluations: pd.DataFrame, effective: pd.DataFrame, period: Period) -> dict[str, int]:
    """``evaluations``: distinct (``contract_id``, ``evaluated_on``, ``kind``) with ``evaluated_on`` in
    the period, of contracts that have an effective version (in scope or not); ``total``,
    ``intermediate``, ``final``."""
    rows = counted_evaluations(evaluations, effective)
    distinct = rows[period.holds(rows["evaluated_on"])].drop_duplicates(["contract_id", "evaluated_on", "kind"])
    kinds = distinct["kind"].value_counts()
    return {
        "total": len(distinct),
        "intermediate": int(kinds.get("intermediate", 0)),
        "final": int(kinds.get("final", 0)),
    }


def final_evaluations(evaluations: pd.DataFrame, effective: pd.DataFrame, period: Period) -> dict[str, int]:
    """``final_evaluations``: per contract with an effective version, its final evaluation is its
    ``final`` row with the latest ``evaluated_on`` (same day: the row that comes last in the file);
    counted by ``outcome`` when that day is in the period."""
    rows = counted_evaluations(evaluations, effective)
    finals = rows[rows["kind"] == "final"].sort_values(["contract_id", "evaluated_on", "row"])
    last = finals.drop_duplicates("contract_id", keep="last")
    outcomes = last.loc[period.holds(last["evaluated_on"]), "outcome"].value_counts()
    return {outcome: int(outcomes.get(outcome, 0)) for outcome in OUTCOMES}


def version_counts(rows_read: int, versions: pd.DataFrame, scope: pd.DataFrame, period: Period) -> dict[str, int]:
    """``versions.rows``: rows read (before dropping copies); ``versions.contracts``: in-scope
    contracts; ``versions.duplicates_removed``: signed rows with ``signed_on <= to`` of in-scope
    contracts, minus in-scope contracts: what a per-version count would have counted too many.
    (Copies of a row, dropped on reading, are not versions and are not among the signed rows.)"""
    signed = versions[(versions["signed_on"] <= period.last_day) & versions["contract_id"].isin(scope["contract_id"])]
    return {"rows": rows_read, "contracts": len(scope), "duplicates_removed": len(signed) - len(scope)}
