"""Realistic synthetic GPMI exports: contract versions and evaluations, as an OCMW's software writes them.

    python bench/stats_data.py --versions 100000 --out bench/out/100k [--dialect belgian|international]

Every person is invented; INSZ/BIS numbers carry valid check digits. A contract has one to five
versions (the last one sometimes an unsigned draft), about one row in a hundred is exported twice
(sometimes with its dates written the other way), and every evaluation is repeated once per signed
version, as exports of the federal tool do: about twice as many evaluation rows as version rows.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

NIS_CODES = np.array(["44021", "11002", "62063", "21004", "24062", "71022", "52011", "31005", "92094", "57081"])
KINDS = np.array(["general", "studies", "training", "community_service"])
OUTCOMES = np.array(["reached", "partially_reached", "not_reached"])
DIALECTS = {
    "belgian": {"sep": ";", "date": "%d/%m/%Y", "true": "ja", "false": "nee", "encoding": "utf-8-sig"},
    "international": {"sep": ",", "date": "%Y-%m-%d", "true": "true", "false": "false", "encoding": "utf-8"},
}


def ssins(rng: np.random.Generator, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Valid INSZ numbers (5 % BIS), with the birth dates and genders they stand for."""
    births = pd.to_datetime("1950-01-01") + pd.to_timedelta(rng.integers(0, 58 * 365, count), unit="D")
    sequence = rng.integers(1, 998, count)
    gender = np.where(sequence % 2 == 1, "M", "F")
    month = births.month.to_numpy() + np.where(rng.random(count) < 0.05, 40, 0)
    body = (
        pd.Series(births.strftime("%y")).str.cat(
            [
                pd.Series(month).map("{:02d}".format),
                pd.Series(births.strftime("%d")),
                pd.Series(sequence).map("{:03d}".format),
            ]
        )
    ).to_numpy()
    numbers = body.astype(np.int64) + np.where(births.year >= 2000, 2_000_000_000, 0)
    check = 97 - numbers % 97
    return np.char.add(body.astype(str), np.char.zfill(check.astype(str), 2)), births.to_numpy(), gender


def written(ssin: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """INSZ numbers as exports write them: mostly digits, sometimes with dots and dashes or spaces."""
    series = pd.Series(ssin)
    dotted = (
        series.str[:2] + "." + series.str[2:4] + "." + series.str[4:6] + "-" + series.str[6:9] + "." + series.str[9:]
    )
    spaced = series.str[:6] + " " + series.str[6:9] + " " + series.str[9:]
    style = rng.random(len(ssin))
    return np.where(style < 0.7, series, np.where(style < 0.9, dotted, spaced))


def generate(version_rows: int, seed: int = 2024) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    contracts = max(1, int(version_rows / 2.9))
    persons = max(1, int(contracts * 0.8))
    person_ssin, person_birth, person_gender = ssins(rng, persons)
    person = rng.integers(0, persons, contracts)
    start = pd.to_datetime("2018-01-01") + pd.to_timedelta(rng.integers(0, 8 * 365, contracts), unit="D")
    months = rng.choice([3, 6, 6, 9, 12, 12, 18, 24], contracts)
    end = pd.Series(start)
    for length in np.unique(months):
        end[months == length] = start[months == length] + pd.DateOffset(months=int(length))
    end = end - pd.Timedelta(days=1)
    closed = np.where(rng.random(contracts) < 0.25, start + (end - pd.Series(start)) * rng.random(contracts), pd.NaT)
    workers = max(1, contracts // 35)
    ocmw = NIS_CODES[0]
    residence = np.where(rng.random(contracts) < 0.85, ocmw, NIS_CODES[rng.integers(1, len(NIS_CODES), contracts)])
    residence = np.where(rng.random(contracts) < 0.05, "", residence)
    contract_frame = pd.DataFrame(
        {
            "contract_id": [f"C{index:07d}" for index in range(contracts)],
            "ssin": written(person_ssin[person], rng),
            "gender": np.where(rng.random(contracts) < 0.85, person_gender[person], ""),
            "birth_date": np.where(rng.random(contracts) < 0.8, person_birth[person], pd.NaT),
            "residence_nis": residence,
            "ocmw_nis": ocmw,
            "social_worker": [f"sw{index:04d}" for index in rng.integers(0, workers, contracts)],
            "start_date": start,
            "end_date": end.to_numpy(),
            "closed_on": closed,
            "kind": KINDS[rng.choice(4, contracts, p=[0.6, 0.2, 0.15, 0.05])],
            "training": rng.random(contracts) < 0.1,
            "studies": rng.random(contracts) < 0.1,
            "community_service": rng.random(contracts) < 0.05,
            "extra_support": rng.random(contracts) < 0.12,
        }
    )
    counts = rng.choice([1, 2, 3, 4, 5], contracts, p=[0.15, 0.25, 0.3, 0.2, 0.1])
    rows = contract_frame.loc[contract_frame.index.repeat(counts)].reset_index(drop=True)
    rows.insert(1, "version", rows.groupby("contract_id").cumcount() + 1)
    signed = pd.Series(
        rows["start_date"] - pd.Timedelta(days=10) + pd.to_timedelta((rows["version"] - 1) * 60, unit="D")
    )
    last = rows["version"] == np.repeat(counts, counts)
    draft = last & (rows["version"] > 1) & (rng.random(len(rows)) < 0.15)
    rows.insert(2, "signed_on", signed.where(~draft))
    rows["closed_on"] = rows["closed_on"].where(last)
    copies = rows.sample(frac=0.01, random_state=seed).assign(other_date_format=lambda t: rng.random(len(t)) < 0.5)
    versions = (
        pd.concat([rows.assign(other_date_format=False), copies])
        .sort_values(["contract_id", "version"], kind="stable")
        .reset_index(drop=True)
    )
    return versions, evaluations(rng, contract_frame, counts - draft.groupby(rows["contract_id"]).sum().to_numpy())


def evaluations(rng: np.random.Generator, contracts: pd.DataFrame, signed_versions: np.ndarray) -> pd.DataFrame:
    """Intermediate evaluations every three months, a final one for half the contracts, each row
    repeated once per signed version of its contract."""
    intermediate = rng.integers(0, 5, len(contracts))
    index = np.repeat(np.arange(len(contracts)), intermediate)
    step = pd.Series(index).groupby(index).cumcount().to_numpy() + 1
    middle = pd.DataFrame(
        {
            "contract_id": contracts["contract_id"].to_numpy()[index],
            "evaluated_on": contracts["start_date"].to_numpy()[index] + pd.to_timedelta(step * 91, unit="D").to_numpy(),
            "kind": "intermediate",
            "outcome": "",
        }
    )
    finished = np.flatnonzero(rng.random(len(contracts)) < 0.5)
    finish = contracts["closed_on"].fillna(contracts["end_date"]).to_numpy()[finished]
    final = pd.DataFrame(
        {
            "contract_id": contracts["contract_id"].to_numpy()[finished],
            "evaluated_on": finish + pd.to_timedelta(rng.integers(0, 21, len(finished)), unit="D").to_numpy(),
            "kind": "final",
            "outcome": OUTCOMES[rng.integers(0, 3, len(finished))],
        }
    )
    table = pd.concat([middle, final], ignore_index=True)
    repeat = np.maximum(1, signed_versions[pd.Index(contracts["contract_id"]).get_indexer(table["contract_id"])])
    table = table.loc[table.index.repeat(repeat)]
    return table.sample(frac=1, random_state=7).reset_index(drop=True)


def write(table: pd.DataFrame, path: Path, dialect: str) -> None:
    style = DIALECTS[dialect]
    other = DIALECTS["international" if dialect == "belgian" else "belgian"]
    out = table.drop(columns="other_date_format", errors="ignore")
    alternate = table.get("other_date_format", pd.Series(False, index=table.index)).to_numpy(dtype=bool)
    for column in out.columns:
        if column.endswith(("_on", "_date")):
            dates = pd.to_datetime(out[column])
            out[column] = np.where(
                alternate, dates.dt.strftime(str(other["date"])), dates.dt.strftime(str(style["date"]))
            )
            out[column] = out[column].fillna("")
        elif out[column].dtype == bool:
            out[column] = np.where(out[column], style["true"], style["false"])
    out.to_csv(path, sep=str(style["sep"]), index=False, encoding=str(style["encoding"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--versions", type=int, required=True, help="number of contract version rows")
    parser.add_argument("--out", type=Path, required=True, help="folder for versions.csv and evaluations.csv")
    parser.add_argument("--dialect", choices=sorted(DIALECTS), default="belgian")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    versions, evaluation_rows = generate(args.versions, args.seed)
    write(versions, args.out / "versions.csv", args.dialect)
    write(evaluation_rows, args.out / "evaluations.csv", args.dialect)
    print(f"{args.out}: {len(versions):,} version rows, {len(evaluation_rows):,} evaluation rows")


if __name__ == "__main__":
    main()
