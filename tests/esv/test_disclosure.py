"""esv.disclosure at every boundary of its rules: the consent gate, which contract and which version
is sent, and which decisions fall in the requested period. One test per boundary, named after it."""

from __future__ import annotations

import datetime as dt

import pytest

from esv.codes import DecisionKind, GpmiKind, Legislation, WithheldReason
from esv.disclosure import (
    GpmiContract,
    GpmiVersion,
    decision_end,
    decisions_in_period,
    disclose_gpmi,
    request_day,
    validated_outside,
)
from esv.model import Consent, ContractPdf, Decision, Gpmi, GpmiWithheld, Period
from tests.conftest import ESV_FIXTURES

PDF = (ESV_FIXTURES / "contract-gpmi.pdf").read_bytes()

REQUESTED_AT = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)  # 10:00 in Brussels
REQUEST_DAY = dt.date(2026, 3, 10)
PERIOD = Period(begin=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
DAY = dt.timedelta(days=1)


# Helpers: a consent, the versions and contracts an OCMW keeps, and the PDF store.


def consent(
    from_date: dt.date = dt.date(2026, 1, 1), to_date: dt.date = dt.date(2026, 12, 31), *, granted: bool = True
) -> Consent:
    return Consent(from_date=from_date, to_date=to_date, granted=granted)


def validated(
    version: int,
    on: dt.date,
    *,
    start: dt.date = dt.date(2025, 2, 1),
    end: dt.date = dt.date(2025, 7, 31),
    kind: GpmiKind = GpmiKind.GENERAL,
) -> GpmiVersion:
    return GpmiVersion(version=version, kind=kind, start=start, end=end, validated_on=on)


def draft(version: int, *, start: dt.date = dt.date(2025, 2, 1), end: dt.date = dt.date(2025, 7, 31)) -> GpmiVersion:
    return GpmiVersion(version=version, kind=GpmiKind.GENERAL, start=start, end=end)


def contract(contract_id: str, *versions: GpmiVersion) -> GpmiContract:
    return GpmiContract(contract_id=contract_id, versions=versions)


def stored_pdf(contract_id: str, version: int) -> ContractPdf:
    """The PDF store of the OCMW: each version's PDF is named after its contract and version."""
    return ContractPdf.of(f"{contract_id}-v{version}.pdf", PDF)


def disclose(
    contracts: list[GpmiContract],
    given: Consent | None,
    *,
    at: dt.datetime = REQUESTED_AT,
    period: Period = PERIOD,
) -> Gpmi | GpmiWithheld | None:
    return disclose_gpmi(contracts, consent=given, requested_at=at, period=period, contract_pdf=stored_pdf)


def sent(
    contracts: list[GpmiContract], given: Consent | None = None, *, at: dt.datetime = REQUESTED_AT
) -> tuple[str, int]:
    """The contract id and version of the Gpmi sent (by default with a consent covering the request)."""
    result = disclose(contracts, consent() if given is None else given, at=at)
    assert isinstance(result, Gpmi), result
    return result.contract_id, result.version


def withheld(contracts: list[GpmiContract], given: Consent | None, *, at: dt.datetime = REQUESTED_AT) -> WithheldReason:
    """Why the GPMI is withheld; fails when it is sent."""
    result = disclose(contracts, given, at=at)
    assert isinstance(result, GpmiWithheld), result
    return result.reason


ONE_CONTRACT = [contract("GPMI-1", validated(1, dt.date(2025, 1, 20)))]


# The consent gate.


def test_no_contracts_at_all_gives_no_gpmi_part() -> None:
    assert disclose([], consent()) is None
    assert disclose([], None) is None


def test_consent_absent_withholds_with_no_consent() -> None:
    assert withheld(ONE_CONTRACT, None) is WithheldReason.NO_CONSENT


def test_consent_not_granted_withholds_with_no_consent() -> None:
    refused = consent(REQUEST_DAY, REQUEST_DAY, granted=False)  # its dates cover the request date
    assert withheld(ONE_CONTRACT, refused) is WithheldReason.NO_CONSENT


def test_consent_starting_on_the_request_date_allows_disclosure() -> None:
    assert sent(ONE_CONTRACT, consent(from_date=REQUEST_DAY)) == ("GPMI-1", 1)


def test_consent_ending_on_the_request_date_allows_disclosure() -> None:
    assert sent(ONE_CONTRACT, consent(to_date=REQUEST_DAY)) == ("GPMI-1", 1)


def test_consent_of_the_request_date_only_allows_disclosure() -> None:
    assert sent(ONE_CONTRACT, consent(REQUEST_DAY, REQUEST_DAY)) == ("GPMI-1", 1)


def test_consent_starting_the_day_after_the_request_date_has_expired() -> None:
    assert withheld(ONE_CONTRACT, consent(from_date=REQUEST_DAY + DAY)) is WithheldReason.CONSENT_EXPIRED


def test_consent_ending_the_day_before_the_request_date_has_expired() -> None:
    assert withheld(ONE_CONTRACT, consent(to_date=REQUEST_DAY - DAY)) is WithheldReason.CONSENT_EXPIRED


def test_the_request_date_late_in_the_utc_evening_is_the_next_belgian_day() -> None:
    late = dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC)  # 01:30 on 1 April in Brussels (summer time)
    assert request_day(late) == dt.date(2026, 4, 1)
    assert sent(ONE_CONTRACT, consent(from_date=dt.date(2026, 4, 1)), at=late) == ("GPMI-1", 1)
    assert withheld(ONE_CONTRACT, consent(to_date=dt.date(2026, 3, 31)), at=late) is WithheldReason.CONSENT_EXPIRED


def test_the_request_date_written_ahead_of_brussels_is_the_earlier_belgian_day() -> None:
    written_in_asia = dt.datetime(2026, 4, 1, 1, 0, tzinfo=dt.timezone(dt.timedelta(hours=5)))  # 22:00 on 31 March
    assert request_day(written_in_asia) == dt.date(2026, 3, 31)
    assert sent(ONE_CONTRACT, consent(to_date=dt.date(2026, 3, 31)), at=written_in_asia) == ("GPMI-1", 1)
    reason = withheld(ONE_CONTRACT, consent(from_date=dt.date(2026, 4, 1)), at=written_in_asia)
    assert reason is WithheldReason.CONSENT_EXPIRED


@pytest.mark.parametrize(
    ("created_at", "belgian_day"),
    [
        (dt.datetime(2026, 1, 31, 22, 59, 59, tzinfo=dt.UTC), dt.date(2026, 1, 31)),  # winter: +01:00
        (dt.datetime(2026, 1, 31, 23, 0, 0, tzinfo=dt.UTC), dt.date(2026, 2, 1)),
        (dt.datetime(2026, 7, 31, 21, 59, 59, tzinfo=dt.UTC), dt.date(2026, 7, 31)),  # summer: +02:00
        (dt.datetime(2026, 7, 31, 22, 0, 0, tzinfo=dt.UTC), dt.date(2026, 8, 1)),
    ],
)
def test_the_request_date_changes_at_belgian_midnight(created_at: dt.datetime, belgian_day: dt.date) -> None:
    assert request_day(created_at) == belgian_day


def test_without_consent_nothing_about_the_contracts_is_told() -> None:
    outside = [
        contract("GPMI-1", validated(1, dt.date(2020, 1, 5), start=dt.date(2020, 1, 1), end=dt.date(2020, 6, 30)))
    ]
    assert withheld(outside, None) is WithheldReason.NO_CONSENT
    assert withheld([contract("GPMI-1", draft(1))], None) is WithheldReason.NO_CONSENT


def test_an_expired_consent_is_told_before_a_missing_validated_contract() -> None:
    only_drafts = [contract("GPMI-1", draft(1))]
    assert withheld(only_drafts, consent(to_date=REQUEST_DAY - DAY)) is WithheldReason.CONSENT_EXPIRED


# Which contract and which version.


def test_no_validated_version_at_all_withholds_with_no_validated_contract() -> None:
    assert withheld([contract("GPMI-1")], consent()) is WithheldReason.NO_VALIDATED_CONTRACT


def test_only_drafts_withhold_with_no_validated_contract() -> None:
    only_drafts = [contract("GPMI-1", draft(1), draft(2)), contract("GPMI-2", draft(1))]
    assert withheld(only_drafts, consent()) is WithheldReason.NO_VALIDATED_CONTRACT


def test_a_later_unvalidated_draft_leaves_the_last_validated_version_sent() -> None:
    versions = contract(
        "GPMI-1",
        validated(1, dt.date(2025, 1, 20)),
        validated(2, dt.date(2025, 4, 2), end=dt.date(2025, 9, 30)),
        draft(3, end=dt.date(2026, 3, 31)),
    )
    result = disclose([versions], consent())
    assert isinstance(result, Gpmi)
    assert (result.version, result.end, result.validated_on) == (2, dt.date(2025, 9, 30), dt.date(2025, 4, 2))


def test_the_highest_validated_version_is_sent_even_listed_out_of_order() -> None:
    versions = contract("GPMI-1", validated(2, dt.date(2025, 4, 2)), validated(1, dt.date(2025, 1, 20)))
    assert sent([versions]) == ("GPMI-1", 2)


def test_the_highest_validated_version_is_sent_even_when_a_lower_one_was_validated_later() -> None:
    versions = contract("GPMI-1", validated(1, dt.date(2025, 6, 1)), validated(2, dt.date(2025, 4, 2)))
    assert sent([versions]) == ("GPMI-1", 2)


def test_of_overlapping_contracts_the_one_validated_last_is_sent() -> None:
    older = contract("GPMI-B", validated(1, dt.date(2025, 1, 20)))
    newer = contract("GPMI-A", validated(1, dt.date(2025, 1, 21), start=dt.date(2025, 8, 1), end=dt.date(2026, 1, 31)))
    assert sent([older, newer]) == ("GPMI-A", 1)
    assert sent([newer, older]) == ("GPMI-A", 1)


def test_a_contract_counts_as_validated_on_its_latest_validated_on() -> None:
    """GPMI-1's first version is older than GPMI-2's, but its second is newer: GPMI-1 is sent."""
    revised = contract("GPMI-1", validated(1, dt.date(2025, 1, 10)), validated(2, dt.date(2025, 5, 1)))
    other = contract("GPMI-2", validated(1, dt.date(2025, 3, 1)))
    assert sent([other, revised]) == ("GPMI-1", 2)


def test_a_tie_on_validated_on_goes_to_the_greater_contract_id() -> None:
    same_day = dt.date(2025, 3, 3)
    first, second = contract("GPMI-A", validated(1, same_day)), contract("GPMI-B", validated(1, same_day))
    assert sent([first, second]) == ("GPMI-B", 1)
    assert sent([second, first]) == ("GPMI-B", 1)


def test_a_contract_not_overlapping_the_period_is_ignored_even_if_validated_later() -> None:
    inside = contract("GPMI-1", validated(1, dt.date(2025, 1, 20)))
    after = contract("GPMI-2", validated(1, dt.date(2026, 2, 1), start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30)))
    assert sent([after, inside]) == ("GPMI-1", 1)


def test_a_contract_ending_exactly_on_the_period_begin_overlaps() -> None:
    ending = [contract("GPMI-1", validated(1, dt.date(2024, 7, 1), start=dt.date(2024, 7, 1), end=PERIOD.begin))]
    assert sent(ending) == ("GPMI-1", 1)


def test_a_contract_starting_exactly_on_the_period_end_overlaps() -> None:
    starting = [contract("GPMI-1", validated(1, dt.date(2025, 12, 20), start=PERIOD.end, end=dt.date(2026, 6, 30)))]
    assert sent(starting) == ("GPMI-1", 1)


def test_a_contract_ending_the_day_before_the_period_begin_does_not_overlap() -> None:
    before = [contract("GPMI-1", validated(1, dt.date(2024, 7, 1), start=dt.date(2024, 7, 1), end=PERIOD.begin - DAY))]
    assert withheld(before, consent()) is WithheldReason.NO_VALIDATED_CONTRACT


def test_a_contract_starting_the_day_after_the_period_end_does_not_overlap() -> None:
    after = [contract("GPMI-1", validated(1, dt.date(2026, 1, 2), start=PERIOD.end + DAY, end=dt.date(2026, 6, 30)))]
    assert withheld(after, consent()) is WithheldReason.NO_VALIDATED_CONTRACT


def test_which_case_of_no_validated_contract_it_is_contracts_validated_outside_the_period() -> None:
    only_drafts = contract("GPMI-0", draft(1))
    before = contract("GPMI-1", validated(1, dt.date(2024, 7, 1), start=dt.date(2024, 7, 1), end=PERIOD.begin - DAY))
    touching = contract("GPMI-2", validated(1, dt.date(2024, 7, 1), start=dt.date(2024, 7, 1), end=PERIOD.begin))
    after = contract("GPMI-3", validated(1, dt.date(2026, 1, 2), start=PERIOD.end + DAY, end=dt.date(2026, 6, 30)))
    assert validated_outside([only_drafts], PERIOD) == ()  # none validated at all
    assert validated_outside([only_drafts, before, touching, after], PERIOD) == ("GPMI-1", "GPMI-3")


def test_a_draft_reaching_into_the_period_does_not_make_its_contract_overlap() -> None:
    extended = contract(
        "GPMI-1",
        validated(1, dt.date(2024, 3, 1), start=dt.date(2024, 3, 1), end=dt.date(2024, 8, 31)),
        draft(2, start=dt.date(2024, 3, 1), end=dt.date(2025, 8, 31)),
    )
    assert withheld([extended], consent()) is WithheldReason.NO_VALIDATED_CONTRACT


def test_a_contracts_period_is_that_of_its_highest_validated_version() -> None:
    """Version 1 overlapped the period, but version 2 moved the contract out of it."""
    moved = contract(
        "GPMI-1",
        validated(1, dt.date(2025, 1, 20)),
        validated(2, dt.date(2025, 1, 30), start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30)),
    )
    assert withheld([moved], consent()) is WithheldReason.NO_VALIDATED_CONTRACT


def test_the_gpmi_carries_the_requests_consent_and_the_versions_contract_pdf() -> None:
    given = Consent(
        from_date=dt.date(2026, 1, 1),
        to_date=dt.date(2026, 12, 31),
        granted=True,
        recorded_at=dt.datetime(2026, 1, 5, 14, 0, tzinfo=dt.UTC),
    )
    versions = contract(
        "GPMI-7",
        validated(1, dt.date(2025, 1, 20)),
        validated(2, dt.date(2025, 4, 2), start=dt.date(2025, 3, 1), end=dt.date(2025, 11, 30), kind=GpmiKind.STUDIES),
    )
    assert disclose([versions], given) == Gpmi(
        contract_id="GPMI-7",
        version=2,
        kind=GpmiKind.STUDIES,
        start=dt.date(2025, 3, 1),
        end=dt.date(2025, 11, 30),
        validated_on=dt.date(2025, 4, 2),
        consent=given,
        contract=ContractPdf.of("GPMI-7-v2.pdf", PDF),
    )


def test_only_the_pdf_of_the_version_sent_is_asked_for() -> None:
    """The PDF comes from the store, asked for the one version sent (GpmiVersion holds no PDF)."""
    asked: list[tuple[str, int]] = []

    def recording_store(contract_id: str, version: int) -> ContractPdf:
        asked.append((contract_id, version))
        return stored_pdf(contract_id, version)

    contracts = [
        contract("GPMI-1", validated(1, dt.date(2025, 1, 20)), validated(2, dt.date(2025, 4, 2)), draft(3)),
        contract("GPMI-2", validated(1, dt.date(2025, 2, 1))),
    ]
    for given in (None, consent(granted=False), consent(to_date=REQUEST_DAY - DAY)):
        disclose_gpmi(contracts, consent=given, requested_at=REQUESTED_AT, period=PERIOD, contract_pdf=recording_store)
    assert asked == []
    disclose_gpmi(contracts, consent=consent(), requested_at=REQUESTED_AT, period=PERIOD, contract_pdf=recording_store)
    assert asked == [("GPMI-1", 2)]


# Which decisions: the effective period is EffectiveDate .. EffectiveDate + DurationMonths - 1 day.


def decision(number: int, effective: dt.date, months: int | None = None) -> Decision:
    return Decision(
        number=number,
        kind=DecisionKind.GRANT,
        legislation=Legislation.RMI_2002,
        decision_date=effective - dt.timedelta(days=10),
        effective_date=effective,
        duration_months=months,
        judgment=False,
    )


def numbers_in(decisions: list[Decision], period: Period = PERIOD) -> list[int]:
    return [d.number for d in decisions_in_period(decisions, period)]


def test_an_open_ended_decision_has_no_end() -> None:
    assert decision_end(decision(1, dt.date(2015, 6, 1))) is None


def test_an_open_ended_decision_overlaps_any_later_period() -> None:
    long_ago = decision(1, dt.date(2015, 6, 1))
    assert numbers_in([long_ago]) == [1]
    assert numbers_in([long_ago], Period(begin=dt.date(2099, 1, 1), end=dt.date(2099, 1, 1))) == [1]


def test_an_open_ended_decision_starting_on_the_period_end_is_included() -> None:
    assert numbers_in([decision(1, PERIOD.end)]) == [1]


def test_an_open_ended_decision_starting_the_day_after_the_period_end_is_excluded() -> None:
    assert numbers_in([decision(1, PERIOD.end + DAY)]) == []


def test_a_decision_of_one_month_ends_the_day_before_the_same_day_next_month() -> None:
    assert decision_end(decision(1, dt.date(2025, 3, 1), 1)) == dt.date(2025, 3, 31)
    assert decision_end(decision(1, dt.date(2025, 3, 15), 1)) == dt.date(2025, 4, 14)


def test_one_month_from_31_january_is_clipped_to_28_february_less_a_day() -> None:
    assert decision_end(decision(1, dt.date(2025, 1, 31), 1)) == dt.date(2025, 2, 27)


def test_one_month_from_31_january_of_a_leap_year_is_clipped_to_29_february_less_a_day() -> None:
    assert decision_end(decision(1, dt.date(2024, 1, 31), 1)) == dt.date(2024, 2, 28)


def test_twelve_months_from_1_january_end_on_31_december() -> None:
    assert decision_end(decision(1, dt.date(2025, 1, 1), 12)) == dt.date(2025, 12, 31)


def test_a_decision_ending_the_day_before_the_period_begins_is_excluded() -> None:
    ending_before = decision(1, dt.date(2024, 12, 1), 1)  # 1 Dec .. 31 Dec 2024
    assert decision_end(ending_before) == PERIOD.begin - DAY
    assert numbers_in([ending_before]) == []


def test_a_decision_ending_on_the_period_begin_is_included() -> None:
    ending_on_begin = decision(1, dt.date(2024, 12, 2), 1)  # 2 Dec 2024 .. 1 Jan 2025
    assert decision_end(ending_on_begin) == PERIOD.begin
    assert numbers_in([ending_on_begin]) == [1]


def test_a_decision_effective_on_the_period_end_is_included() -> None:
    assert numbers_in([decision(1, PERIOD.end, 6)]) == [1]


def test_a_decision_effective_the_day_after_the_period_end_is_excluded() -> None:
    assert numbers_in([decision(1, PERIOD.end + DAY, 6)]) == []


def test_decisions_in_period_are_sorted_by_number() -> None:
    decisions = [
        decision(7, dt.date(2025, 6, 1), 3),
        decision(2, dt.date(2024, 11, 1), 1),  # ends 30 Nov 2024: excluded
        decision(3, dt.date(2020, 1, 1)),  # open-ended
        decision(12, dt.date(2025, 12, 31), 1),
        decision(1, dt.date(2024, 12, 2), 1),  # ends 1 Jan 2025
    ]
    assert numbers_in(decisions) == [1, 3, 7, 12]


def test_no_validated_contract_says_it_is_none_in_the_period_asked_in_both_languages() -> None:
    """The reason is written for both of its cases: none validated at all, or only outside the period."""
    assert WithheldReason.NO_VALIDATED_CONTRACT.label("nl") == "geen gevalideerd GPMI-contract in de gevraagde periode"
    assert WithheldReason.NO_VALIDATED_CONTRACT.label("fr") == "pas de contrat PIIS validé dans la période demandée"
