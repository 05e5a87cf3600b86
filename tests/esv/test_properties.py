"""Property tests of the three ESV roots: any valid model builds to a document that validates, reads
back equal, survives the JSON form, and is written again byte for byte.

The strategies generate only valid models: every constraint of schemas/esv-1.0.xsd and every rule of
esv/rules.py is respected, so a failure is the product's, not the generator's.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.be import bis, nn, vat

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

PDF = (ESV_FIXTURES / "contract-gpmi.pdf").read_bytes()  # read once: no PDF is generated per example

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Characters: XML 1.0 allows tab and line feed but no other control character, no surrogate and not
# U+FFFE/U+FFFF. "\r" is left out: the parser turns it into "\n".
NOT_XML = "\ufffe\uffff"
text_chars = st.characters(exclude_categories=("Cs", "Cc"), exclude_characters=NOT_XML, include_characters="\t\n")

# Tokens: no XML white space inside a word. Unicode's other spaces (U+00A0, U+3000...) are ordinary
# characters of an xs:token and must come back as they were.
token_chars = st.characters(exclude_categories=("Cs", "Cc"), exclude_characters=NOT_XML + " ")


def text(max_size: int, min_size: int = 0) -> st.SearchStrategy[str]:
    """xs:string of ``min_size..max_size`` characters, reaching ``max_size`` exactly now and then."""
    at_the_limit = st.text(text_chars, min_size=1, max_size=16).map(lambda seed: (seed * max_size)[:max_size])
    return st.text(text_chars, min_size=min_size, max_size=min(max_size, 80)) | at_the_limit


def token(max_size: int) -> st.SearchStrategy[str]:
    """xs:token of 1..``max_size`` characters: words joined by single spaces, none at either end."""
    words = st.lists(st.text(token_chars, min_size=1, max_size=max(1, (max_size - 3) // 4)), min_size=1, max_size=4)
    joined = words.map(" ".join).filter(lambda value: len(value) <= max_size)
    return joined | st.text(token_chars, min_size=max_size, max_size=max_size)


dates = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
OFFSETS = [dt.UTC, *(dt.timezone(dt.timedelta(minutes=m)) for m in (60, 120, -300, 345, 14 * 60, -12 * 60))]
instants = st.builds(
    lambda day, seconds, microsecond, zone: (
        dt.datetime.combine(day, dt.time(), zone) + dt.timedelta(seconds=seconds, microseconds=microsecond)
    ),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    st.integers(0, 86_399),
    st.just(0) | st.integers(1, 999_999),
    st.sampled_from(OFFSETS),
)
# Amounts >= 0 with 0, 1 or 2 decimals, and also written with a positive exponent (1E+2 is 100).
amounts = st.builds(lambda units, exponent: Decimal(units).scaleb(exponent), st.integers(0, 10**15), st.integers(-2, 2))
positive = st.integers(1, 10**18)


@st.composite
def spans(draw: st.DrawFn) -> tuple[dt.date, dt.date]:
    """Two dates in order, sometimes the same day."""
    first = draw(dates)
    second = draw(st.just(first) | dates)
    return min(first, second), max(first, second)


@st.composite
def ssins(draw: st.DrawFn) -> str:
    """An INSZ, or a BIS number (month + 20: gender unknown, + 40: known), with valid check digits."""
    birth = draw(st.dates(dt.date(1900, 1, 1), dt.date(2024, 12, 31)))
    sequence = draw(st.integers(1, 997))
    month_offset = draw(st.sampled_from([0, 20, 40]))
    if month_offset == 0:
        number = ssin_for(birth, sequence)
        assert nn.is_valid(number), number
    else:
        body = f"{birth:%y}{birth.month + month_offset:02d}{birth:%d}{sequence:03d}"
        number = ssin_with(body, born_from_2000=birth.year >= 2000)
        assert bis.is_valid(number), number
    return number


kbos = st.builds(lambda first, rest: kbo_for(f"{first}{rest:07d}"), st.sampled_from("01"), st.integers(0, 9_999_999))
ocmws = st.builds(Ocmw, kbo=kbos.filter(vat.is_valid), name=text(100), phone=st.none() | text(30))
periods = spans().map(lambda span: Period(begin=span[0], end=span[1]))


@st.composite
def consents(draw: st.DrawFn, *, granted_only: bool = False) -> Consent:
    start, end = draw(spans())
    granted = True if granted_only else draw(st.booleans())
    return Consent(from_date=start, to_date=end, granted=granted, recorded_at=draw(st.none() | instants))


aids = st.builds(
    Aid,
    kind=st.sampled_from(AidKind),
    category=st.none() | st.sampled_from(AidCategory),
    monthly_amount=st.none() | amounts,
    refunded_amount=st.none() | amounts,
)
calculation_elements = st.builds(
    CalculationElement,
    code=st.sampled_from(CalculationCode),
    amount=st.none() | amounts,
    label=st.none() | text(200),
)


DOSSIER_IDS = token(32)
CONTRACT_IDS = token(64)


@st.composite
def decision_lists(draw: st.DrawFn) -> tuple[Decision, ...]:
    """The decisions of a dossier: unique numbers, in increasing order."""
    numbers = sorted(draw(st.sets(positive, max_size=4)))
    return tuple(
        Decision(
            number=number,
            kind=draw(st.sampled_from(DecisionKind)),
            legislation=draw(st.sampled_from(Legislation)),
            decision_date=draw(dates),
            effective_date=draw(dates),
            duration_months=draw(st.none() | positive),
            judgment=draw(st.booleans()),
            legal_motivation=draw(st.none() | text(4000)),
            aid=tuple(draw(st.lists(aids, max_size=3))),
            calculation_elements=tuple(draw(st.lists(calculation_elements, max_size=3))),
        )
        for number in numbers
    )


@st.composite
def gpmis(draw: st.DrawFn, contract_ids: st.SearchStrategy[str] = CONTRACT_IDS) -> Gpmi:
    start, end = draw(spans())
    return Gpmi(
        contract_id=draw(contract_ids),
        version=draw(positive),
        kind=draw(st.sampled_from(GpmiKind)),
        start=start,
        end=end,
        validated_on=draw(dates),
        consent=draw(consents(granted_only=True)),
        contract=ContractPdf.of(draw(text(200, min_size=1)), PDF),
    )


def dossiers(
    dossier_ids: st.SearchStrategy[str] = DOSSIER_IDS, contract_ids: st.SearchStrategy[str] = CONTRACT_IDS
) -> st.SearchStrategy[Dossier]:
    return st.builds(
        Dossier,
        dossier_id=dossier_ids,
        main_beneficiary=st.builds(Person, ssin=ssins(), last_name=text(100), first_name=text(100)),
        decisions=decision_lists(),
        gpmi=gpmis(contract_ids) | st.builds(GpmiWithheld, reason=st.sampled_from(WithheldReason)) | st.none(),
    )


def social_reports(
    dossier_ids: st.SearchStrategy[str] = DOSSIER_IDS, contract_ids: st.SearchStrategy[str] = CONTRACT_IDS
) -> st.SearchStrategy[SocialReport]:
    return st.builds(
        SocialReport,
        created_on=dates,
        ocmw=ocmws,
        dossiers=st.lists(dossiers(dossier_ids, contract_ids), min_size=1, max_size=3).map(tuple),
    )


request_ids = st.from_regex(r"[A-Za-z0-9._:\-]{1,64}", fullmatch=True)
requests = st.builds(
    EsvRequest,
    request_id=request_ids,
    created_at=instants,
    requester=ocmws,
    ssin=ssins(),
    period=periods,
    gpmi_consent=consents() | st.none(),
)
errors = st.builds(ResponseError, code=st.sampled_from(ErrorCode), message=text(4000))


def response(status: Status) -> st.SearchStrategy[EsvResponse]:
    """An answer of ``status``: ok carries a report, error an Error, unknown_person neither."""
    return st.builds(
        EsvResponse,
        request_id=request_ids,
        responded_at=instants,
        responder=ocmws,
        status=st.just(status),
        error=errors if status is Status.ERROR else st.none(),
        social_report=social_reports() if status is Status.OK else st.none(),
    )


responses = st.one_of(*(response(status) for status in Status))
documents = st.one_of(requests, responses, social_reports())


@PROPERTY
@given(documents)
def test_a_built_document_validates_and_reads_back_equal(document: Document) -> None:
    xml = build(document)
    assert problems(xml) == []
    assert read(xml) == document


@PROPERTY
@given(documents)
def test_the_json_form_reads_back_equal(document: Document) -> None:
    assert jsonmap.loads(jsonmap.dumps(document)) == document


@PROPERTY
@given(documents)
def test_building_what_was_read_gives_the_same_bytes(document: Document) -> None:
    xml = build(document)
    assert build(read(xml)) == xml


@settings(PROPERTY, max_examples=10)
@given(social_reports(dossier_ids=st.sampled_from(["A\u00a0B", "\u3000x", "x\u2028y"])))
def test_a_unicode_space_in_a_token_is_kept_not_collapsed(report: SocialReport) -> None:
    xml = build(report)
    assert read(xml) == report
    assert jsonmap.loads(jsonmap.dumps(report)) == report
