"""The disclosure rule of the ESV specification at each of its boundaries: the consent gate, which
contract and version, and which decisions."""

from __future__ import annotations

import datetime as dt

import pytest

from esv.codes import DecisionKind, GpmiKind, Legislation, WithheldReason
from esv.disclosure import GpmiContract, GpmiVersion, decision_end, decisions_in_period, disclose_gpmi, request_day
from esv.model import Consent, ContractPdf, Decision, Gpmi, GpmiWithheld, Period
from tests.conftest import ESV_FIXTURES

PDF = (ESV_FIXTURES / "contract-gpmi.pdf").read_bytes()
UTC = dt.UTC
REQUESTED_AT = dt.datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
REQUEST_DAY = dt.date(2026, 11, 2)
PERIOD = Period(begin=dt.date(2025, 1, 1), end=dt.date(2026, 10, 31))


def consent(
    start: dt.date = dt.date(2026, 10, 1), end: dt.date = dt.date(2027, 3, 31), granted: bool = True
) -> Consent:
    return Consent(from_date=start, to_date=end, granted=granted)


def signed(
    number: int, on: dt.date, start: dt.date = dt.date(2025, 3, 1), end: dt.date = dt.date(2026, 2, 28)
) -> GpmiVersion:
    return GpmiVersion(version=number, kind=GpmiKind.TRAINING, start=start, end=end, validated_on=on)


def pdf_of(contract_id: str, version: int) -> ContractPdf:
    """The stored PDF of a version: here, the shipped contract marked with the version number."""
    return ContractPdf.of(f"v{version}.pdf", PDF + str(version).encode())


def draft(number: int, start: dt.date = dt.date(2025, 3, 1), end: dt.date = dt.date(2026, 2, 28)) -> GpmiVersion:
    return GpmiVersion(version=number, kind=GpmiKind.GENERAL, start=start, end=end)


def contract(contract_id: str, *versions: GpmiVersion) -> GpmiContract:
    return GpmiContract(contract_id=contract_id, versions=versions)


def disclosed(contracts: list[GpmiContract], given: Consent | None = None, at: dt.datetime = REQUESTED_AT) -> Gpmi:
    result = disclose_gpmi(contracts, consent=given or consent(), requested_at=at, period=PERIOD, contract_pdf=pdf_of)
    assert isinstance(result, Gpmi)
    return result


def withheld(contracts: list[GpmiContract], given: Consent | None, at: dt.datetime = REQUESTED_AT) -> WithheldReason:
    result = disclose_gpmi(contracts, consent=given, requested_at=at, period=PERIOD, contract_pdf=pdf_of)
    assert isinstance(result, GpmiWithheld)
    return result.reason


ONE = [contract("C-1", signed(1, dt.date(2025, 3, 14)))]


# The consent gate.


def test_a_person_who_never_had_a_gpmi_gets_no_gpmi_part() -> None:
    assert disclose_gpmi([], consent=consent(), requested_at=REQUESTED_AT, period=PERIOD, contract_pdf=pdf_of) is None
    assert disclose_gpmi([], consent=None, requested_at=REQUESTED_AT, period=PERIOD, contract_pdf=pdf_of) is None


def test_without_consent_the_gpmi_is_withheld() -> None:
    assert withheld(ONE, None) is WithheldReason.NO_CONSENT


def test_consent_not_granted_withholds_the_gpmi() -> None:
    assert withheld(ONE, consent(granted=False)) is WithheldReason.NO_CONSENT


def test_consent_starting_on_the_request_date_allows_disclosure() -> None:
    assert disclosed(ONE, consent(start=REQUEST_DAY)).contract_id == "C-1"


def test_consent_ending_on_the_request_date_allows_disclosure() -> None:
    assert disclosed(ONE, consent(start=dt.date(2026, 1, 1), end=REQUEST_DAY)).contract_id == "C-1"


def test_consent_starting_the_day_after_the_request_has_expired() -> None:
    assert withheld(ONE, consent(start=REQUEST_DAY + dt.timedelta(days=1))) is WithheldReason.CONSENT_EXPIRED


def test_consent_ending_the_day_before_the_request_has_expired() -> None:
    given = consent(start=dt.date(2026, 1, 1), end=REQUEST_DAY - dt.timedelta(days=1))
    assert withheld(ONE, given) is WithheldReason.CONSENT_EXPIRED


def test_the_request_date_is_the_belgian_date_of_created_at() -> None:
    late_utc = dt.datetime(2026, 3, 31, 22, 30, tzinfo=UTC)  # 00:30 on 1 April in Brussels (summer time)
    assert request_day(late_utc) == dt.date(2026, 4, 1)
    assert disclosed(ONE, consent(start=dt.date(2026, 4, 1)), at=late_utc).contract_id == "C-1"
    assert withheld(ONE, consent(start=dt.date(2025, 1, 1), end=dt.date(2026, 3, 31)), late_utc) is (
        WithheldReason.CONSENT_EXPIRED
    )


def test_in_winter_belgian_time_is_one_hour_ahead() -> None:
    assert request_day(dt.datetime(2026, 1, 31, 22, 59, tzinfo=UTC)) == dt.date(2026, 1, 31)
    assert request_day(dt.datetime(2026, 1, 31, 23, 0, tzinfo=UTC)) == dt.date(2026, 2, 1)


# Which contract, which version.


def test_no_validated_version_withholds_the_gpmi() -> None:
    assert withheld([contract("C-1", draft(1), draft(2))], consent()) is WithheldReason.NO_VALIDATED_CONTRACT


def test_a_later_unvalidated_draft_is_not_sent_the_validated_version_is() -> None:
    result = disclosed([contract("C-1", signed(1, dt.date(2025, 3, 14)), draft(2, end=dt.date(2026, 8, 31)))])
    assert (result.version, result.end) == (1, dt.date(2026, 2, 28))


def test_the_highest_validated_version_is_sent_whatever_the_order() -> None:
    result = disclosed(
        [
            contract(
                "C-1", signed(3, dt.date(2025, 9, 1)), signed(1, dt.date(2025, 3, 14)), signed(2, dt.date(2025, 6, 1))
            )
        ]
    )
    assert result.version == 3
    assert result.contract.content == PDF + b"3"


def test_of_several_contracts_the_one_validated_last_is_sent() -> None:
    older = contract("C-1", signed(1, dt.date(2025, 3, 14)))
    newer = contract("C-2", signed(1, dt.date(2025, 11, 5), start=dt.date(2025, 11, 1), end=dt.date(2026, 10, 31)))
    assert disclosed([newer, older]).contract_id == "C-2"
    assert disclosed([older, newer]).contract_id == "C-2"


def test_validated_on_the_same_day_the_greater_contract_id_is_sent() -> None:
    day = dt.date(2025, 3, 14)
    assert disclosed([contract("C-10", signed(1, day)), contract("C-9", signed(1, day))]).contract_id == "C-9"


def test_a_contract_outside_the_period_is_not_sent_even_when_validated_later() -> None:
    inside = contract("C-1", signed(1, dt.date(2025, 3, 14)))
    outside = contract("C-2", signed(1, dt.date(2026, 11, 1), start=dt.date(2026, 11, 1), end=dt.date(2027, 4, 30)))
    assert disclosed([inside, outside]).contract_id == "C-1"


@pytest.mark.parametrize(
    ("start", "end", "sent"),
    [
        (dt.date(2024, 6, 1), dt.date(2025, 1, 1), True),  # ends on the period's first day
        (dt.date(2024, 6, 1), dt.date(2024, 12, 31), False),  # ends the day before
        (dt.date(2026, 10, 31), dt.date(2027, 6, 30), True),  # starts on the period's last day
        (dt.date(2026, 11, 1), dt.date(2027, 6, 30), False),  # starts the day after
    ],
)
def test_a_contract_overlaps_the_period_at_its_boundaries(start: dt.date, end: dt.date, sent: bool) -> None:
    contracts = [contract("C-1", signed(1, dt.date(2024, 5, 1), start=start, end=end))]
    result = disclose_gpmi(contracts, consent=consent(), requested_at=REQUESTED_AT, period=PERIOD, contract_pdf=pdf_of)
    assert isinstance(result, Gpmi) is sent
    if not sent:
        assert result == GpmiWithheld(reason=WithheldReason.NO_VALIDATED_CONTRACT)


def test_without_consent_no_contract_detail_is_told() -> None:
    """Even a person whose contracts are all outside the period gets no_consent, never more."""
    outside = contract("C-1", signed(1, dt.date(2020, 1, 1), start=dt.date(2020, 1, 1), end=dt.date(2020, 6, 30)))
    assert withheld([outside], None) is WithheldReason.NO_CONSENT


def test_the_gpmi_sent_carries_the_consent_and_the_versions_pdf() -> None:
    given = consent()
    result = disclosed(ONE, given)
    assert result.consent == given
    assert result.contract == ContractPdf.of("v1.pdf", PDF + b"1")
    assert (result.kind, result.start, result.end, result.validated_on) == (
        GpmiKind.TRAINING,
        dt.date(2025, 3, 1),
        dt.date(2026, 2, 28),
        dt.date(2025, 3, 14),
    )


def test_only_the_pdf_of_the_version_sent_is_asked_for() -> None:
    asked: list[tuple[str, int]] = []

    def counting(contract_id: str, version: int) -> ContractPdf:
        asked.append((contract_id, version))
        return pdf_of(contract_id, version)

    contracts = [contract("C-1", signed(1, dt.date(2025, 3, 14)), signed(2, dt.date(2025, 6, 1))),
                 contract("C-2", signed(1, dt.date(2025, 1, 2)))]  # fmt: skip
    disclose_gpmi(contracts, consent=consent(), requested_at=REQUESTED_AT, period=PERIOD, contract_pdf=counting)
    assert asked == [("C-1", 2)]
    disclose_gpmi(contracts, consent=None, requested_at=REQUESTED_AT, period=PERIOD, contract_pdf=counting)
    assert asked == [("C-1", 2)]


# Which decisions.


def decision(number: int, effective: dt.date, months: int | None) -> Decision:
    return Decision(
        number=number,
        kind=DecisionKind.GRANT,
        legislation=Legislation.RMI_2002,
        decision_date=effective,
        effective_date=effective,
        duration_months=months,
        judgment=False,
    )


@pytest.mark.parametrize(
    ("effective", "months", "last_day"),
    [
        (dt.date(2025, 1, 31), 1, dt.date(2025, 2, 27)),  # 31 Jan + 1 month = 28 Feb, less a day
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 28)),  # leap year: 29 Feb, less a day
        (dt.date(2025, 2, 1), 3, dt.date(2025, 4, 30)),
        (dt.date(2025, 2, 1), None, None),
    ],
)
def test_a_decision_ends_its_months_later_less_a_day(
    effective: dt.date, months: int | None, last_day: dt.date | None
) -> None:
    assert decision_end(decision(1, effective, months)) == last_day


def test_decisions_overlapping_the_period_are_sent_by_number() -> None:
    before = decision(1, dt.date(2024, 12, 1), 1)  # ends 31 Dec 2024: the day before the period
    on_first_day = decision(2, dt.date(2024, 12, 2), 1)  # ends 1 Jan 2025
    open_ended = decision(4, dt.date(2020, 1, 1), None)
    on_last_day = decision(3, dt.date(2026, 10, 31), 12)
    after = decision(5, dt.date(2026, 11, 1), 1)
    chosen = decisions_in_period([after, open_ended, on_last_day, before, on_first_day], PERIOD)
    assert [d.number for d in chosen] == [2, 3, 4]
