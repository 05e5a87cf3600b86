"""The cluster plan: the manual's worked example, every computed field at its boundaries, every
refusal with its place, and the outputs (the workbook opened back)."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from annual_report.cluster import ActivatedFrom, ClusterReport, CostCategory, CostLine, TrainingCount, settle
from annual_report.cluster_input import load_cluster_report
from annual_report.sheets import NOTHING
from cli import main
from tabular.problems import InvalidFiles
from tests.conftest import FIXTURES

CLUSTER = FIXTURES / "annual_report" / "cluster"
SHIPPED = ["report", "cluster", "--costs", str(CLUSTER / "costs.csv"), "--settings", str(CLUSTER / "cluster.toml")]
HEADER = "category;description;total;ocmw_share;public_share;income\n"
TRAINING = "\n".join(f"{count} = 1" for count in TrainingCount if count is not TrainingCount.SOCIAL_ACTIVATION)
SETTINGS = f'year = 2025\npromoter = "OCMW Zele"\nmembers = ["OCMW Berlare"]\n[training]\n{TRAINING}\n'


def line(category: CostCategory, total: str, ocmw: str = "0", public: str = "0", income: str = "0") -> CostLine:
    return CostLine(category, "", Decimal(total), Decimal(ocmw), Decimal(public), Decimal(income))


def report(*lines: CostLine, training: dict[TrainingCount, int] | None = None) -> ClusterReport:
    return ClusterReport(2025, "OCMW Zele", (), "", (), training or {}, tuple(lines))


def files(folder: Path, costs: str, settings: str = SETTINGS) -> tuple[Path, Path]:
    (folder / "costs.csv").write_text(HEADER + costs, encoding="utf-8")
    (folder / "cluster.toml").write_text(settings, encoding="utf-8")
    return folder / "costs.csv", folder / "cluster.toml"


def refusal(folder: Path, costs: str, settings: str = SETTINGS) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(InvalidFiles) as refused:
        load_cluster_report(*files(folder, costs, settings))
    return [(problem.row, problem.column, problem.message) for problem in refused.value.problems]


def test_the_manuals_worked_example_leaves_20000_to_the_cluster_subsidy() -> None:
    settled = settle(report(line(CostCategory.PERSONNEL, "50000.00", public="30000.00")))
    assert settled.by_category[CostCategory.PERSONNEL].cluster_share == Decimal("20000.00")
    assert settled.totals.cluster_share == Decimal("20000.00")


def test_the_cluster_share_is_the_total_less_the_three_other_columns() -> None:
    settled = settle(report(line(CostCategory.TRAINING, "1000.00", "100.00", "200.00", "300.00")))
    assert settled.totals.cluster_share == Decimal("400.00")


def test_a_subsidy_shown_in_full_leaves_nothing_unjustified_and_the_balance_is_a_quarter() -> None:
    settled = settle(report(line(CostCategory.PERSONNEL, "12500.00")))
    assert (settled.justified, settled.unjustified) == (Decimal("12500.00"), Decimal("0.00"))
    assert (settled.advance, settled.balance) == (Decimal("9375.00"), Decimal("3125.00"))


def test_more_than_the_subsidy_is_justified_up_to_the_subsidy_only() -> None:
    settled = settle(report(line(CostCategory.PERSONNEL, "12500.01")))
    assert (settled.justified, settled.unjustified) == (Decimal("12500.00"), Decimal("0.00"))


def test_a_subsidy_shown_in_part_leaves_the_rest_unjustified_and_may_be_paid_back() -> None:
    settled = settle(report(line(CostCategory.OPERATING, "12499.99")))
    assert (settled.justified, settled.unjustified) == (Decimal("12499.99"), Decimal("0.01"))
    low = settle(report(line(CostCategory.OPERATING, "5000.00")))
    assert (low.unjustified, low.balance) == (Decimal("7500.00"), Decimal("-4375.00"))


def test_the_categories_add_up_to_the_totals_and_empty_ones_are_zero() -> None:
    settled = settle(report(line(CostCategory.PERSONNEL, "10.00"), line(CostCategory.PERSONNEL, "5.50")))
    assert settled.by_category[CostCategory.PERSONNEL].total == Decimal("15.50")
    assert settled.by_category[CostCategory.ACTIVATED_WAGES].total == Decimal("0.00")
    assert settled.totals.total == Decimal("15.50")


def test_the_activated_persons_are_the_sum_of_the_training_counts_with_the_optional_one() -> None:
    counts = {TrainingCount.SOCIO_PROFESSIONAL_ASSESSMENT: 14, TrainingCount.SOCIAL_ACTIVATION: 3}
    assert settle(report(training=counts)).activated_persons == 17


def test_two_equal_cost_lines_are_two_costs(tmp_path: Path) -> None:
    entered = load_cluster_report(*files(tmp_path, "operating;taxi;100,00;;;\noperating;taxi;100,00;;;\n"))
    assert settle(entered).totals.total == Decimal("200.00")


def test_a_share_equal_to_the_total_leaves_zero_and_one_cent_more_is_refused(tmp_path: Path) -> None:
    entered = load_cluster_report(*files(tmp_path, "personnel;;100,00;50,00;50,00;\n"))
    assert settle(entered).totals.cluster_share == Decimal("0.00")
    assert refusal(tmp_path, "personnel;;100,00;50,00;50,00;0,01\n") == [
        (
            2,
            "total",
            "the OCMW share, public share and income (100.01) are more than the total (100.00): "
            "the cluster-subsidy share would be negative",
        )
    ]


def test_investment_costs_are_refused_and_unknown_categories_named(tmp_path: Path) -> None:
    problems = refusal(tmp_path, "investment;laptop;800,00;;;\nfurniture;;10,00;;;\n")
    assert problems[0] == (2, "category", "investment costs are not accepted in the cluster plan")
    assert problems[1][:2] == (3, "category") and "'furniture' is not one of" in problems[1][2]


def test_every_problem_of_both_files_comes_at_once(tmp_path: Path) -> None:
    settings = 'year = "vorig jaar"\nmembers = "OCMW A"\ncolour = 1\n[training]\nibo = 2\nsocial_activation = -1\n'
    problems = refusal(tmp_path, "personnel;;abc;;;\n", settings)
    assert (2, "total", "'abc' is not an amount in euro such as 1234.50 or 1234,50") in problems
    messages = [message for row, column, message in problems if row is None]
    assert (
        'year: "vorig jaar" is not a subsidy year (2000 to 2100); write it as a whole number, such as year = 2025'
        in messages
    )
    assert 'promoter: missing; write the cluster promoter\'s name in quotes, such as promoter = "OCMW Zele"' in messages
    assert any(message.startswith('members: "OCMW A" is not a list of names; write') for message in messages)
    assert any(message.startswith("colour: unknown setting") for message in messages)
    assert any(message.startswith("training.ibo: unknown count") for message in messages)
    assert (
        "training.social_activation: -1 is not a whole number of persons; write 0 or more, such as "
        "social_activation = 3" in messages
    )
    assert (
        "training.socio_professional_assessment: missing; write the number of persons, 0 when there were none"
        in messages
    )


@pytest.mark.parametrize(("length", "accepted"), [(3000, True), (3001, False)])
def test_the_content_has_at_most_3000_characters(tmp_path: Path, length: int, accepted: bool) -> None:
    settings = SETTINGS.replace("[training]", f'content = "{"x" * length}"\n[training]')
    if accepted:
        assert len(load_cluster_report(*files(tmp_path, "", settings)).content) == 3000
    else:
        assert refusal(tmp_path, "", settings) == [(None, None, "content: 3001 characters; the form allows 3000")]


def test_a_settings_file_that_is_not_toml_is_refused_with_where(tmp_path: Path) -> None:
    [(row, column, message)] = refusal(tmp_path, "", "year = \n")
    assert (row, column) == (None, None) and message.startswith("not a TOML file:") and "line 1" in message


def test_the_command_prints_the_form_in_french_and_json(tmp_path: Path) -> None:
    french = CliRunner().invoke(main, [*SHIPPED, "--lang", "fr"], terminal_width=200)
    assert french.exit_code == 0, french.output
    assert "Plan cluster pour les petits CPAS 2025" in french.output and "Montant du subside" in french.output
    data = json.loads(CliRunner().invoke(main, [*SHIPPED, "--format", "json"]).output)
    assert data["costs"]["personnel"]["cluster_share"] == "22100.00"  # 50 000 - 30 000, and 8 400 - 6 300
    assert (data["totals"]["cluster_share"], data["justified"], data["balance"]) == ("24240.00", "12500.00", "3125.00")
    assert data["activated_persons"] == 34  # the recovery database's, not the training counts' 31


def test_the_workbook_holds_the_numbers(tmp_path: Path) -> None:
    out = tmp_path / "cluster.xlsx"
    result = CliRunner().invoke(main, [*SHIPPED, "--format", "xlsx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(io.BytesIO(out.read_bytes())).active
    assert sheet is not None
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert rows["Personeelskosten"][:5] == (58400, 6300, 30000, 0, 22100)
    assert rows["Totaal"][:5] == (62090, 7500, 30000, 350, 24240)
    assert (rows["Niet verantwoord bedrag"][0], rows["Saldo"][0]) == (0, 3125)
    assert (
        rows["Totaal aantal geactiveerden (terugvorderingsdatabank van de POD MI, van 01/12/2024 tot 30/11/2025)"][0]
        == 34
    )


def test_the_command_refuses_invalid_input_with_exit_1_and_computes_nothing(tmp_path: Path) -> None:
    costs, settings = files(tmp_path, "investment;;10,00;;;\n")
    result = CliRunner().invoke(main, ["report", "cluster", "--costs", str(costs), "--settings", str(settings)])
    assert result.exit_code == 1
    assert f"{costs}, row 2, column category: investment costs are not accepted" in result.stderr
    assert "1 problem found; nothing was computed." in result.stderr


# Section 7.1: the promoter states which other OCMWs belong to the cluster

MEMBERS = 'write the other OCMWs of the cluster in a list, such as members = ["OCMW Berlare", "OCMW Waasmunster"]'


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ("", f"members: missing; {MEMBERS}"),
        ("members = []\n", f"members: empty; {MEMBERS}"),
        ('members = ["OCMW Berlare", " "]\n', f"members: an empty name; {MEMBERS}"),
        (
            'members = ["OCMW Berlare", "ocmw  berlare"]\n',
            "members: ocmw  berlare names OCMW Berlare again; name each OCMW once",
        ),
        (
            'members = ["OCMW Berlare", "OCMW Zele"]\n',
            "members: OCMW Zele is the promoter; list the other OCMWs of the cluster",
        ),
    ],
)
def test_a_cluster_without_its_other_members_is_refused(tmp_path: Path, members: str, message: str) -> None:
    settings = SETTINGS.replace('members = ["OCMW Berlare"]\n', members)
    assert refusal(tmp_path, "", settings) == [(None, None, message)]


def test_one_other_member_makes_a_cluster_and_the_names_are_kept_as_written(tmp_path: Path) -> None:
    settings = SETTINGS.replace('["OCMW Berlare"]', '[" OCMW Berlare "]')
    assert load_cluster_report(*files(tmp_path, "", settings)).members == ("OCMW Berlare",)


def test_the_members_are_in_every_output(tmp_path: Path) -> None:
    members = "OCMW Berlare, OCMW Waasmunster, OCMW Moerbeke"
    for lang in ("nl", "fr"):
        printed = CliRunner().invoke(main, [*SHIPPED, "--lang", lang], terminal_width=200).output
        assert members in printed
    assert "Deelnemende OCMW's" in CliRunner().invoke(main, SHIPPED, terminal_width=200).output
    data = json.loads(CliRunner().invoke(main, [*SHIPPED, "--format", "json"]).output)
    assert data["members"] == ["OCMW Berlare", "OCMW Waasmunster", "OCMW Moerbeke"]
    out = tmp_path / "cluster.xlsx"
    assert CliRunner().invoke(main, [*SHIPPED, "--format", "xlsx", "--out", str(out), "--lang", "fr"]).exit_code == 0
    sheet = load_workbook(out).active
    assert sheet is not None
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert rows["CPAS participants"][0] == members


# Section 7.2: the activated persons come from the administration's recovery database


def test_without_the_recovery_database_s_figure_the_activated_persons_are_the_training_counts(tmp_path: Path) -> None:
    entered = load_cluster_report(*files(tmp_path, ""))
    settled = settle(entered)
    assert (entered.activated_persons, settled.activated_persons) == (None, 6)
    assert settled.activated_from is ActivatedFrom.TRAINING_COUNTS


@pytest.mark.parametrize("count", [0, 40])
def test_the_recovery_database_s_figure_is_used_when_given(tmp_path: Path, count: int) -> None:
    settings = SETTINGS.replace("[training]", f"activated_persons = {count}\n[training]")
    settled = settle(load_cluster_report(*files(tmp_path, "", settings)))
    assert (settled.activated_persons, settled.activated_from) == (count, ActivatedFrom.RECOVERY_DATABASE)


@pytest.mark.parametrize(("value", "shown"), [("-1", "-1"), ('"31"', '"31"'), ("31.5", "31.5"), ("true", "true")])
def test_the_recovery_database_s_figure_is_a_whole_number_of_persons(tmp_path: Path, value: str, shown: str) -> None:
    settings = SETTINGS.replace("[training]", f"activated_persons = {value}\n[training]")
    assert refusal(tmp_path, "", settings) == [
        (
            None,
            None,
            f"activated_persons: {shown} is not a whole number of persons; write 0 or more, "
            "such as activated_persons = 3",
        )
    ]


def test_every_output_says_where_the_activated_persons_come_from(tmp_path: Path) -> None:
    data = json.loads(CliRunner().invoke(main, [*SHIPPED, "--format", "json"]).output)
    assert (data["activated_persons"], data["activated_persons_from"]) == (34, "recovery_database")
    assert data["recovery_period"] == {"from": "2024-12-01", "to": "2025-11-30"}
    dutch = CliRunner(env={"COLUMNS": "250"}).invoke(main, SHIPPED).output
    assert "Totaal aantal geactiveerden (terugvorderingsdatabank van de POD MI, van 01/12/2024 tot 30/11/2025)" in dutch
    french = CliRunner(env={"COLUMNS": "250"}).invoke(main, [*SHIPPED, "--lang", "fr"]).output
    assert (
        "Nombre total de personnes activées (banque de données de récupération du SPP IS, du 01/12/2024 au 30/11/2025)"
        in (french)
    )
    costs, settings = files(tmp_path, "")
    computed = ["report", "cluster", "--costs", str(costs), "--settings", str(settings)]
    data = json.loads(CliRunner().invoke(main, [*computed, "--format", "json"]).stdout)  # a warning on stderr: no costs
    assert (data["activated_persons"], data["activated_persons_from"], data["recovery_period"]) == (
        6,
        "training_counts",
        None,
    )
    out = tmp_path / "cluster.xlsx"
    assert CliRunner().invoke(main, [*computed, "--format", "xlsx", "--out", str(out)]).exit_code == 0
    sheet = load_workbook(out).active
    assert sheet is not None
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert rows["Totaal aantal geactiveerden (som van de opleidingsaantallen)"][0] == 6


# Section 7: the cooperations are listed as entered, in every output


def test_the_cooperations_are_in_the_table_and_the_workbook_as_in_the_json(tmp_path: Path) -> None:
    cooperations = [
        ("VDAB", "samenwerkingsovereenkomst trajectbegeleiding"),
        ("vzw De Sleutel", "overeenkomst screening"),
    ]
    data = json.loads(CliRunner().invoke(main, [*SHIPPED, "--format", "json"]).stdout)
    assert [(entry["partner"], entry["kind"]) for entry in data["cooperations"]] == cooperations
    for lang, heading in (("nl", "Samenwerkingsverbanden"), ("fr", "Collaborations")):
        lines = CliRunner().invoke(main, [*SHIPPED, "--lang", lang]).stdout.splitlines()
        after = [line.strip() for line in lines].index(heading)
        assert cells(lines[after + 2 : after + 4]) == [list(cooperation) for cooperation in cooperations]
        out = tmp_path / f"cluster-{lang}.xlsx"
        assert (
            CliRunner().invoke(main, [*SHIPPED, "--format", "xlsx", "--out", str(out), "--lang", lang]).exit_code == 0
        )
        sheet = load_workbook(out).active
        assert sheet is not None
        rows = [row[:2] for row in sheet.iter_rows(values_only=True)]
        after = rows.index((heading, None))
        assert rows[after + 1 : after + 3] == cooperations


def test_a_cluster_without_cooperations_says_there_are_none(tmp_path: Path) -> None:
    costs, settings = files(tmp_path, "")
    printed = CliRunner().invoke(main, ["report", "cluster", "--costs", str(costs), "--settings", str(settings)])
    lines = printed.stdout.splitlines()
    after = [line.strip() for line in lines].index("Samenwerkingsverbanden")
    assert cells(lines[after + 2 : after + 4]) == [[NOTHING]]  # then the table's bottom border


def cells(lines: list[str]) -> list[list[str]]:
    """The cells of a table's rows among ``lines``."""
    return [[cell.strip() for cell in line.split("│")[1:-1]] for line in lines if line.startswith("│")]
