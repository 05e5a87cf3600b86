"""The peers of ``ocmw stats``: the same definitions as a data engineer would write them in DuckDB SQL.

    python bench/stats_duckdb.py [--typed] VERSIONS.csv EVALUATIONS.csv FROM TO   # prints the figures as JSON

Both read the same CSV exports (either dialect), drop copies and compute every figure of
docs/gpmi-statistics (the specification) with the same queries, on two threads; they differ in how
they read. The first reads every value as text and parses it in SQL the way the specification says
(spaces around values, any case of a choice, either form of a date). The plain one (``--typed``) types
the columns as DuckDB reads them and only turns the dates and the yes/no words into values: what a
data engineer writes for exports known to be clean. ``bench/stats_vs_duckdb.py`` runs both beside the
toolkit and checks that all give the same figures. Neither checks its input: they are given valid
exports only. Development dependency; never imported by the toolkit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

import duckdb

TRUE = "('true', '1', 'yes', 'ja', 'oui')"


DATES = ("signed_on", "birth_date", "start_date", "end_date", "closed_on", "evaluated_on")
FLAGS = ("training", "studies", "community_service", "extra_support")


def parsed_text(column: str) -> str:
    """A value read as text, parsed as the specification allows it to be written."""
    if column in FLAGS:
        return f"coalesce(lower(trim({column})) IN {TRUE}, false)"
    text = f"trim({column})"
    return f"coalesce(try_strptime({text}, '%Y-%m-%d'), try_strptime({text}, '%d/%m/%Y'))::DATE"


def typed(column: str) -> str:
    """A value of a clean export: a day in either of the two forms, or one of the yes words."""
    if column in FLAGS:
        return f"coalesce({column} IN {TRUE}, false)"
    return f"strptime({column}, ['%d/%m/%Y', '%Y-%m-%d'])::DATE"


def delimiter(path: Path) -> str:
    header = path.open(encoding="utf-8-sig").readline()
    return ";" if header.count(";") > header.count(",") else ","


AS_TEXT = """
CREATE TEMP TABLE raw_versions AS
  SELECT * FROM read_csv($versions, delim = $versions_delim, header = true, all_varchar = true, quote = '"');
CREATE TEMP TABLE versions AS SELECT DISTINCT
  trim(contract_id) AS contract_id, CAST(trim(version) AS INTEGER) AS version, {signed_on} AS signed_on,
  regexp_replace(ssin, '[ .\\-]', '', 'g') AS ssin, upper(trim(coalesce(gender, ''))) AS gender,
  {birth_date} AS birth_date, trim(coalesce(residence_nis, '')) AS residence_nis, trim(ocmw_nis) AS ocmw_nis,
  trim(social_worker) AS social_worker, {start_date} AS start_date, {end_date} AS end_date,
  {closed_on} AS closed_on, lower(trim(kind)) AS kind, {training} AS training, {studies} AS studies,
  {community_service} AS community_service, {extra_support} AS extra_support
FROM raw_versions;
CREATE TEMP TABLE raw_evaluations AS
  SELECT *, row_number() OVER () AS line
  FROM read_csv($evaluations, delim = $evaluations_delim, header = true, all_varchar = true, quote = '"');
CREATE TEMP VIEW read_evaluations AS
  SELECT trim(contract_id) AS contract_id, {evaluated_on} AS evaluated_on, lower(trim(kind)) AS kind,
         lower(trim(coalesce(outcome, ''))) AS outcome, line
  FROM raw_evaluations;
"""
"""Every value read as text and parsed in SQL, each the way the specification allows it to be written."""

TYPED = """
CREATE TEMP TABLE raw_versions AS
  SELECT * FROM read_csv($versions, delim = $versions_delim, header = true, columns = {{
    'contract_id': 'VARCHAR', 'version': 'INTEGER', 'signed_on': 'VARCHAR', 'ssin': 'VARCHAR', 'gender': 'VARCHAR',
    'birth_date': 'VARCHAR', 'residence_nis': 'VARCHAR', 'ocmw_nis': 'VARCHAR', 'social_worker': 'VARCHAR',
    'start_date': 'VARCHAR', 'end_date': 'VARCHAR', 'closed_on': 'VARCHAR', 'kind': 'VARCHAR',
    'training': 'VARCHAR', 'studies': 'VARCHAR', 'community_service': 'VARCHAR', 'extra_support': 'VARCHAR'}});
CREATE TEMP TABLE versions AS SELECT DISTINCT
  contract_id, version, {signed_on} AS signed_on, regexp_replace(ssin, '[ .\\-]', '', 'g') AS ssin,
  coalesce(gender, '') AS gender, {birth_date} AS birth_date, coalesce(residence_nis, '') AS residence_nis,
  ocmw_nis, social_worker, {start_date} AS start_date, {end_date} AS end_date, {closed_on} AS closed_on, kind,
  {training} AS training, {studies} AS studies, {community_service} AS community_service,
  {extra_support} AS extra_support
FROM raw_versions;
CREATE TEMP TABLE read_evaluations AS
  SELECT contract_id, {evaluated_on} AS evaluated_on, kind, coalesce(outcome, '') AS outcome,
         row_number() OVER () AS line
  FROM read_csv($evaluations, delim = $evaluations_delim, header = true, columns = {{
    'contract_id': 'VARCHAR', 'evaluated_on': 'VARCHAR', 'kind': 'VARCHAR', 'outcome': 'VARCHAR'}});
"""
"""The plain query: the columns typed as they are read, the dates in the two forms the exports use, no
trimming, no other spelling of the choices; what a data engineer writes for exports known to be clean."""

DEFINITIONS = """
CREATE TEMP TABLE effective AS
  SELECT * FROM versions WHERE signed_on <= $to
  QUALIFY row_number() OVER (PARTITION BY contract_id ORDER BY version DESC) = 1;
CREATE TEMP TABLE scope AS
  SELECT *, coalesce(closed_on, end_date) AS finish FROM effective
  WHERE start_date <= $to AND coalesce(closed_on, end_date) >= $from;
CREATE TEMP TABLE evaluations AS
  SELECT * FROM read_evaluations WHERE contract_id IN (SELECT contract_id FROM effective);
CREATE TEMP TABLE persons AS
  WITH chosen AS (
    SELECT ssin, gender, birth_date FROM scope
    QUALIFY row_number() OVER (PARTITION BY ssin ORDER BY signed_on DESC, contract_id DESC) = 1
  ), parts AS (
    SELECT *, CAST(substr(ssin, 1, 2) AS INTEGER) AS yy, CAST(substr(ssin, 3, 2) AS INTEGER) AS mm,
           CAST(substr(ssin, 5, 2) AS INTEGER) AS dd, CAST(substr(ssin, 7, 3) AS INTEGER) AS serial,
           CASE WHEN 97 - CAST(substr(ssin, 1, 9) AS BIGINT) % 97 = CAST(substr(ssin, 10, 2) AS INTEGER)
                THEN 1900 ELSE 2000 END AS century
    FROM chosen
  )
  SELECT ssin,
    CASE WHEN gender <> '' THEN gender
         WHEN mm < 20 OR mm >= 40 THEN CASE WHEN serial % 2 = 1 THEN 'M' ELSE 'F' END
         ELSE 'X' END AS gender,
    coalesce(birth_date, CASE WHEN substr(ssin, 1, 6) IN ('000001', '002001', '004001') THEN NULL
                              ELSE try(make_date(century + yy, mm % 20, dd)) END) AS birth_date
  FROM parts;
"""

QUERIES = {
    "beneficiaries": """
      SELECT (SELECT count(DISTINCT ssin) FROM scope),
             (SELECT count(DISTINCT ssin) FROM scope WHERE residence_nis <> '' AND residence_nis <> ocmw_nis)""",
    "by_gender_age": """
      SELECT gender, CASE WHEN birth_date IS NULL THEN 'unknown'
        WHEN age < 18 THEN '<18' WHEN age <= 24 THEN '18-24' WHEN age <= 34 THEN '25-34' WHEN age <= 44 THEN '35-44'
        WHEN age <= 54 THEN '45-54' WHEN age <= 64 THEN '55-64' ELSE '65+' END AS band, count(*)
      FROM (SELECT *, year($to) - year(birth_date) - CASE WHEN month(birth_date) * 100 + day(birth_date)
                      > month($to) * 100 + day($to) THEN 1 ELSE 0 END AS age FROM persons)
      GROUP BY ALL""",
    "projects": """
      SELECT count(*), count(*) FILTER (start_date BETWEEN $from AND $to), count(*) FILTER (finish > $to),
             count(*) FILTER (finish BETWEEN $from AND $to) FROM scope""",
    "workers": "SELECT social_worker, count(*), count(DISTINCT ssin) FROM scope GROUP BY ALL ORDER BY 1",
    "duration": """
      SELECT count(*) FILTER (end_date >= start_date + INTERVAL 6 MONTH - INTERVAL 1 DAY),
             count(*) FILTER (end_date >= start_date + INTERVAL 12 MONTH - INTERVAL 1 DAY),
             count(*) FILTER (end_date >= start_date + INTERVAL 12 MONTH) FROM scope""",
    "content": """
      SELECT count(*) FILTER (kind = 'training' OR training), count(*) FILTER (kind = 'studies' OR studies),
             count(*) FILTER (kind = 'community_service' OR community_service) FROM scope""",
    "extra_support": "SELECT count(*) FILTER (extra_support), count(DISTINCT ssin) FILTER (extra_support) FROM scope",
    "evaluations": """
      SELECT count(*), count(*) FILTER (kind = 'intermediate'), count(*) FILTER (kind = 'final') FROM (
        SELECT DISTINCT contract_id, evaluated_on, kind FROM evaluations WHERE evaluated_on BETWEEN $from AND $to)""",
    "final_evaluations": """
      SELECT outcome, count(*) FROM (
        SELECT * FROM evaluations WHERE kind = 'final'
        QUALIFY row_number() OVER (PARTITION BY contract_id ORDER BY evaluated_on DESC, line DESC) = 1)
      WHERE evaluated_on BETWEEN $from AND $to GROUP BY ALL""",
    "versions": """
      SELECT (SELECT count(*) FROM raw_versions), (SELECT count(*) FROM scope),
             (SELECT count(*) FROM versions WHERE signed_on <= $to AND contract_id IN (SELECT contract_id FROM scope))
             - (SELECT count(*) FROM scope)""",
}


def figures(versions: Path, evaluations: Path, start: str, end: str, *, plain: bool = False) -> dict[str, Any]:
    """The figures of the period ``start``..``end`` (ISO days); ``plain``: read as the plain query reads."""
    value = typed if plain else parsed_text
    columns = {name: value(name) for name in (*DATES, *FLAGS)}
    connection = duckdb.connect(config={"threads": 2})
    parameters = {
        "versions": str(versions),
        "evaluations": str(evaluations),
        "versions_delim": delimiter(versions),
        "evaluations_delim": delimiter(evaluations),
        "from": dt.date.fromisoformat(start),
        "to": dt.date.fromisoformat(end),
    }
    for statement in ((TYPED if plain else AS_TEXT).format(**columns) + DEFINITIONS).split(";"):
        if statement.strip():
            used = {key: value for key, value in parameters.items() if f"${key}" in statement}
            connection.execute(statement, used)

    def run(name: str) -> list[tuple[Any, ...]]:
        query = QUERIES[name]
        return connection.execute(query, {k: v for k, v in parameters.items() if f"${k}" in query}).fetchall()

    ((total, elsewhere),) = run("beneficiaries")
    by_gender_age: dict[str, dict[str, int]] = {}
    for gender, band, count in sorted(run("by_gender_age")):
        by_gender_age.setdefault(gender, {})[band] = count
    workers = run("workers")
    count = len(workers)
    (projects,) = run("projects")
    (duration,) = run("duration")
    (content,) = run("content")
    (extra,) = run("extra_support")
    (evaluations_row,) = run("evaluations")
    finals = dict(run("final_evaluations"))
    (versions_row,) = run("versions")
    return {
        "period": {"from": start, "to": end},
        "beneficiaries": {"total": total, "by_gender_age": by_gender_age, "residing_elsewhere": elsewhere},
        "projects": dict(zip(("total", "started", "running", "closed"), projects, strict=True)),
        "social_workers": {
            "count": count,
            "projects": {worker: n for worker, n, _ in workers},
            "beneficiaries": {worker: n for worker, _, n in workers},
            "avg_projects": round(sum(n for _, n, _ in workers) / count, 2) if count else 0.0,
            "avg_beneficiaries": round(sum(n for _, _, n in workers) / count, 2) if count else 0.0,
        },
        "duration": dict(zip(("at_least_6_months", "at_least_1_year", "more_than_1_year"), duration, strict=True)),
        "content": dict(zip(("training", "studies", "community_service"), content, strict=True)),
        "extra_support": dict(zip(("projects", "beneficiaries"), extra, strict=True)),
        "evaluations": dict(zip(("total", "intermediate", "final"), evaluations_row, strict=True)),
        "final_evaluations": {key: finals.get(key, 0) for key in ("reached", "partially_reached", "not_reached")},
        "versions": dict(zip(("rows", "contracts", "duplicates_removed"), versions_row, strict=True)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--typed", action="store_true", help="the plain query: columns typed as they are read")
    parser.add_argument("versions", type=Path)
    parser.add_argument("evaluations", type=Path)
    parser.add_argument("start", metavar="FROM")
    parser.add_argument("end", metavar="TO")
    args = parser.parse_args()
    print(json.dumps(figures(args.versions, args.evaluations, args.start, args.end, plain=args.typed)))


if __name__ == "__main__":
    main()
