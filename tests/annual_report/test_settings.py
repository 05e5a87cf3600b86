"""The settings files of the three reports: another report's file is named as such in one line, an
empty or misshapen file gets one line per distinct problem, and messages say what is wrong and what
would be right in words, never in Python's (None, True, quotes of a repr, lists)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from tests.conftest import FIXTURES

REPORTS = FIXTURES / "annual_report"
TABLES = {
    "participation": ["--activities", str(REPORTS / "participation" / "activities.csv")],
    "psa": ["--activities", str(REPORTS / "psa" / "activities.csv")],
    "cluster": ["--costs", str(REPORTS / "cluster" / "costs.csv")],
}
SETTINGS = {
    "participation": REPORTS / "participation" / "participation.toml",
    "psa": REPORTS / "psa" / "psa.toml",
    "cluster": REPORTS / "cluster" / "cluster.toml",
}
OTHERS_KEYS = {
    "participation": "child_poverty, participation, recycled_pcs",
    "psa": "allocated, granted, personnel_lump_sum",
    "cluster": "activated_persons, content, members, promoter, training",
}
OWN_KEYS = {
    "participation": "child_poverty, ocmw, participation, recycled_pcs, year",
    "psa": "allocated, cooperation, cooperation_total, granted, ocmw, personnel_lump_sum, year",
    "cluster": "activated_persons, content, cooperation, members, promoter, subsidy, training, year",
}
PYTHON_WORDS = ("None", "True", "False", "['", "{'")


def run(report: str, settings: Path) -> Result:
    return CliRunner().invoke(main, ["report", report, *TABLES[report], "--settings", str(settings)])


@pytest.mark.parametrize(
    ("report", "other"), [(report, other) for report in SETTINGS for other in SETTINGS if other != report]
)
def test_the_settings_of_another_report_are_said_to_be_so_in_one_line(report: str, other: str) -> None:
    result = run(report, SETTINGS[other])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{SETTINGS[other]}: these are the settings of ocmw report {other} (they have {OTHERS_KEYS[other]}); "
        f"ocmw report {report} needs its own settings file, with {OWN_KEYS[report]}",
        "1 problem found; nothing was computed.",
    ]


def test_settings_with_one_setting_of_their_own_report_are_checked_key_by_key(tmp_path: Path) -> None:
    settings = tmp_path / "psa.toml"
    settings.write_text('year = 2025\nocmw = "OCMW Zele"\ngranted = 5000.00\npromoter = "OCMW Zele"\n')
    result = run("psa", settings)
    assert result.stderr.splitlines()[0] == (
        f"{settings}: promoter: unknown setting; the settings here are {OWN_KEYS['psa']}"
    )


@pytest.mark.parametrize(
    ("report", "lines"),
    [
        (
            "participation",
            [
                "measures: no measure; the activities are of participation, child_poverty, recycled_pcs: add the "
                "tables [participation], [child_poverty], [recycled_pcs], each with its decree_amount",
                'ocmw: missing; write the OCMW\'s name in quotes, such as ocmw = "OCMW Zele"',
                "year: missing; write the subsidy year, such as year = 2025",
            ],
        ),
        (
            "psa",
            [
                "granted: missing; write the amount of the royal decree for the year, such as granted = 12500.00",
                'ocmw: missing; write the OCMW\'s name in quotes, such as ocmw = "OCMW Zele"',
                "year: missing; write the subsidy year, such as year = 2025",
            ],
        ),
        (
            "cluster",
            [
                'members: missing; write the other OCMWs of the cluster in a list, such as members = ["OCMW Berlare", '
                '"OCMW Waasmunster"]',
                'promoter: missing; write the cluster promoter\'s name in quotes, such as promoter = "OCMW Zele"',
                "training: missing; add a [training] table with the counts socio_professional_assessment, "
                "collective_preliminary_training, qualifying_vocational_training, internship_before_article_60, "
                "alternating_work_and_training, individual_vocational_training (0 when there were none)",
                "year: missing; write the subsidy year, such as year = 2025",
            ],
        ),
    ],
)
def test_an_empty_settings_file_gets_one_line_per_missing_setting(
    tmp_path: Path, report: str, lines: list[str]
) -> None:
    settings = tmp_path / "empty.toml"
    settings.write_text("")
    result = run(report, settings)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        *(f"{settings}: {line}" for line in lines),
        f"{len(lines)} {'problem' if len(lines) == 1 else 'problems'} found; nothing was computed.",
    ]


MISSHAPEN = {
    "participation": (
        'year = "2025"\nocmw = ["OCMW Zele"]\n[participation]\ndecree_amount = true\n'
        'personnel_lump_sum = "ja"\nregistered_amount = [1]\n'
        '[[participation.cooperation]]\nocmw = 3\ndecree_amount = "veel"\njustified = {a = 1}\n'
    ),
    "psa": 'year = 1999-01-01\nocmw = true\ngranted = false\npersonnel_lump_sum = ["own"]\ncooperation_total = [1]\n',
    "cluster": (
        'year = 2025.0\npromoter = ["OCMW Zele"]\nmembers = "OCMW Berlare"\ncontent = 3\nsubsidy = true\n'
        '[training]\nsocio_professional_assessment = "3"\ncollective_preliminary_training = true\n'
        "qualifying_vocational_training = -1\ninternship_before_article_60 = [1]\n"
        "alternating_work_and_training = 1.5\nindividual_vocational_training = {a = 1}\n"
        '[[cooperation]]\npartner = false\nkind = ["x"]\n'
    ),
}


@pytest.mark.parametrize("report", SETTINGS)
def test_misshapen_settings_are_named_in_words_never_in_python_s(tmp_path: Path, report: str) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text(MISSHAPEN[report])
    result = run(report, settings)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith(str(settings))]
    assert len(lines) >= 5
    for line in lines:
        assert not any(word in line for word in PYTHON_WORDS), line
        assert any(right in line for right in ("; write ", "such as", ": add ")), line
