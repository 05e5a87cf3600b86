"""Property-based tests: any valid model becomes a valid document and comes back unchanged, in XML
and in the JSON form."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esv import jsonmap
from esv.codes import (
    AidCategory,
    AidKind,
    CalculationCode,
    DecisionKind,
    ErrorCode,
    GpmiKind,
    Legislation,
    Status,
    WithheldReason,
)
from esv.document import build, problems, read
from esv.model import (
    Aid,
    CalculationElement,
    Consent,
    ContractPdf,
    Decision,
    Document,
    Dossier,
    EsvRequest,
    EsvResponse,
    Gpmi,
    GpmiWithheld,
    Ocmw,
    Period,
    Person,
    ResponseError,
    SocialReport,
)
from tests.conftest import ESV_FIXTURES, kbo_for, ssin_for, ssin_with

PDF = (ESV_FIXTURES / "contract-gpmi.pdf").read_bytes()
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# XML 1.0 characters that survive parsing unchanged (no controls; "\r" becomes "\n" on reading).
xml_text_char = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff") | st.just("\n")


def text(max_size: int, min_size: int = 0) -> st.SearchStrategy[str]:
    return st.text(xml_text_char, min_size=min_size, max_size=max_size)


def token(max_size: int) -> st.SearchStrategy[str]:
    """xs:token values: no leading, trailing or double spaces, no tabs or line breaks."""
    word = st.text(st.characters(whitelist_categories=("L", "N"), whitelist_characters="-_./"), min_size=1, max_size=8)
    return st.lists(word, min_size=1, max_size=4).map(" ".join).filter(lambda value: len(value) <= max_size)


dates = st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31))
instants = st.builds(
    lambda day, seconds, micro, offset: (
        dt.datetime.combine(day, dt.time(), dt.timezone(dt.timedelta(hours=offset)))
        + dt.timedelta(seconds=seconds, microseconds=micro)
    ),
    dates,
    st.integers(0, 86_399),
    st.sampled_from([0, 0, 123456]),
    st.sampled_from([0, 1, 2, -5]),
)
amounts = st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2, allow_nan=False, allow_infinity=False)


@st.composite
def ssins(draw: st.DrawFn) -> str:
    birth = draw(st.dates(dt.date(1930, 1, 1), dt.date(2024, 12, 31)))
    sequence = draw(st.integers(1, 997))
    if draw(st.booleans()):
        return ssin_for(birth, sequence)
    month = birth.month + draw(st.sampled_from([20, 40]))  # BIS: gender unknown or known
    return ssin_with(f"{birth:%y}{month:02d}{birth:%d}{sequence:03d}", born_from_2000=birth.year >= 2000)


kbos = st.builds(lambda first, rest: kbo_for(f"{first}{rest:07d}"), st.sampled_from("01"), st.integers(0, 9_999_999))


@st.composite
def periods(draw: st.DrawFn) -> tuple[dt.date, dt.date]:
    first, second = draw(dates), draw(dates)
    return min(first, second), max(first, second)


ocmws = st.builds(Ocmw, kbo=kbos, name=text(100), phone=st.none() | text(30))
consents = st.builds(
    lambda span, granted, recorded: Consent(from_date=span[0], to_date=span[1], granted=granted, recorded_at=recorded),
    periods(),
    st.booleans(),
    st.none() | instants,
)
aids = st.builds(
    Aid,
    kind=st.sampled_from(AidKind),
    category=st.none() | st.sampled_from(AidCategory),
    monthly_amount=st.none() | amounts,
    refunded_amount=st.none() | amounts,
)
calculation_elements = st.builds(
    CalculationElement, code=st.sampled_from(CalculationCode), amount=st.none() | amounts, label=st.none() | text(200)
)


@st.composite
def decisions(draw: st.DrawFn) -> tuple[Decision, ...]:
    numbers = sorted(draw(st.sets(st.integers(1, 10_000), max_size=4)))
    return tuple(
        Decision(
            number=number,
            kind=draw(st.sampled_from(DecisionKind)),
            legislation=draw(st.sampled_from(Legislation)),
            decision_date=draw(dates),
            effective_date=draw(dates),
            duration_months=draw(st.none() | st.integers(1, 240)),
            judgment=draw(st.booleans()),
            legal_motivation=draw(st.none() | text(4000)),
            aid=tuple(draw(st.lists(aids, max_size=3))),
            calculation_elements=tuple(draw(st.lists(calculation_elements, max_size=3))),
        )
        for number in numbers
    )


@st.composite
def gpmis(draw: st.DrawFn) -> Gpmi:
    start, end = draw(periods())
    span = draw(periods())
    given_consent = Consent(from_date=span[0], to_date=span[1], granted=True, recorded_at=draw(st.none() | instants))
    filename = draw(text(200, min_size=1).filter(str.strip))
    return Gpmi(
        contract_id=draw(token(64)),
        version=draw(st.integers(1, 99)),
        kind=draw(st.sampled_from(GpmiKind)),
        start=start,
        end=end,
        validated_on=draw(dates),
        consent=given_consent,
        contract=ContractPdf.of(filename, PDF),
    )


dossiers = st.builds(
    Dossier,
    dossier_id=token(32),
    main_beneficiary=st.builds(Person, ssin=ssins(), last_name=text(100), first_name=text(100)),
    decisions=decisions(),
    gpmi=st.none() | gpmis() | st.builds(GpmiWithheld, reason=st.sampled_from(WithheldReason)),
)
reports = st.builds(
    SocialReport, created_on=dates, ocmw=ocmws, dossiers=st.lists(dossiers, min_size=1, max_size=3).map(tuple)
)
request_ids = st.from_regex(r"[A-Za-z0-9._:\-]{1,64}", fullmatch=True)


@st.composite
def requests(draw: st.DrawFn) -> EsvRequest:
    begin, end = draw(periods())
    return EsvRequest(
        request_id=draw(request_ids),
        created_at=draw(instants),
        requester=draw(ocmws),
        ssin=draw(ssins()),
        period=Period(begin=begin, end=end),
        gpmi_consent=draw(st.none() | consents),
    )


@st.composite
def responses(draw: st.DrawFn) -> EsvResponse:
    status = draw(st.sampled_from(Status))
    return EsvResponse(
        request_id=draw(request_ids),
        responded_at=draw(instants),
        responder=draw(ocmws),
        status=status,
        error=ResponseError(code=draw(st.sampled_from(ErrorCode)), message=draw(text(4000)))
        if status is Status.ERROR
        else None,
        social_report=draw(reports) if status is Status.OK else None,
    )


documents = st.one_of(requests(), responses(), reports)


@PROPERTY
@given(documents)
def test_a_model_built_to_xml_validates_and_reads_back_unchanged(document: Document) -> None:
    xml = build(document)
    assert problems(xml) == []
    assert read(xml) == document


@PROPERTY
@given(documents)
def test_the_json_form_reads_back_unchanged(document: Document) -> None:
    assert jsonmap.loads(jsonmap.dumps(document)) == document


@PROPERTY
@given(documents)
def test_writing_what_was_read_gives_the_same_bytes(document: Document) -> None:
    xml = build(document)
    assert build(read(xml)) == xml
