"""``ocmw consent record`` and ``revoke``: the person's consent as they answered it, yes or no in any of the
three languages; refused for an INSZ with wrong check digits or a period that ends before it begins."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from storage import tables
from tests.command_world import PIOTR, SOFIE, audit_actions, record_consent, run, session_of

pytestmark = pytest.mark.usefixtures("empty_folder")


def consents(url: str) -> list[tables.Consent]:
    with session_of(url) as session:
        return list(session.scalars(select(tables.Consent).order_by(tables.Consent.id)))


@pytest.mark.parametrize(
    ("answer", "granted"), [("yes", True), ("ja", True), ("oui", True), ("no", False), ("nee", False), ("non", False)]
)
def test_a_consent_is_recorded_as_the_person_answered(gent: str, answer: str, granted: bool) -> None:
    result = run(
        "consent", "record", "--db", gent, "--ssin", "92.02.14-162.06", "--from", "01/01/2026", "--to", "2026-12-31",
        "--granted", answer,
    )  # fmt: skip
    assert result.exit_code == 0
    said = "yes" if granted else "no"
    assert result.stdout == f"consent of 92.02.14-162.06 recorded: {said}, 01/01/2026 - 31/12/2026\n"
    [consent] = consents(gent)
    assert (consent.ssin, consent.from_date, consent.to_date, consent.granted, consent.revoked_at) == (
        SOFIE,
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
        granted,
        None,
    )
    assert audit_actions(gent)[-1] == "consent_recorded"


def test_a_consent_of_an_insz_with_wrong_check_digits_is_refused(gent: str) -> None:
    result = run(
        "consent", "record", "--db", gent, "--ssin", "92021416207", "--from", "2026-01-01", "--to", "2026-12-31",
        "--granted", "yes",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: INSZ/NISS number 92.02.14-162.07 has wrong check digits: one of its digits is probably mistyped; "
        "check it against the identity card or the register\n"
    )
    assert consents(gent) == []


def test_a_consent_that_ends_before_it_starts_is_refused(gent: str) -> None:
    result = run(
        "consent", "record", "--db", gent, "--ssin", SOFIE, "--from", "2026-01-01", "--to", "31/12/2025",
        "--granted", "yes",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the period ends on 31/12/2025, before it begins on 01/01/2026: its last day is on or after its first\n"
    )
    assert consents(gent) == []


def test_an_answer_that_is_not_yes_or_no_is_a_usage_error(gent: str) -> None:
    result = run(
        "consent", "record", "--db", gent, "--ssin", SOFIE, "--from", "2026-01-01", "--to", "2026-12-31",
        "--granted", "maybe",
    )  # fmt: skip
    assert result.exit_code == 2
    assert consents(gent) == []


def test_revoke_revokes_every_consent_of_the_person_and_no_other(gent: str) -> None:
    record_consent(gent, SOFIE)
    record_consent(gent, SOFIE, "no")
    record_consent(gent, PIOTR)
    result = run("consent", "revoke", "--db", gent, "--ssin", "92.02.14-162.06")
    assert result.exit_code == 0
    assert result.stdout == "2 consents of 92.02.14-162.06 revoked\n"
    revoked = [(consent.ssin, consent.revoked_at is not None) for consent in consents(gent)]
    assert revoked == [(SOFIE, True), (SOFIE, True), (PIOTR, False)]
    again = run("consent", "revoke", "--db", gent, "--ssin", SOFIE)
    assert (again.exit_code, again.stdout) == (0, "0 consents of 92.02.14-162.06 revoked\n")
    assert audit_actions(gent)[-2:] == ["consent_revoked", "consent_revoked"]


def test_one_consent_revoked_is_said_in_the_singular(gent: str) -> None:
    record_consent(gent, PIOTR)
    assert run("consent", "revoke", "--db", gent, "--ssin", PIOTR).stdout == "1 consent of 01.43.12-055.33 revoked\n"


def test_revoke_refuses_an_insz_with_wrong_check_digits(gent: str) -> None:
    record_consent(gent, SOFIE)
    result = run("consent", "revoke", "--db", gent, "--ssin", "92021416207")
    assert result.exit_code == 1
    assert "has wrong check digits" in result.stderr
