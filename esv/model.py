"""The typed model of ESV documents: requests, responses and social reports.

Each class describes its XML once, through the field helpers of ``esv.binding``; the mappers derive
both directions from these descriptions. Amounts are ``Decimal``, dates ``date``, instants
time-zone-aware ``datetime``, identifiers strings of digits. Instances are immutable.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from esv.binding import attribute, choice, content, element
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
from esv.formats import XmlFormat

NAMESPACE = "urn:ocmw-toolkit:esv:1"
FORMAT_VERSION = "1.0"
PDF_MEDIA_TYPE = "application/pdf"


@dataclass(frozen=True, kw_only=True)
class Ocmw:
    """An OCMW/CPAS: identificatie van het OCMW."""

    kbo: str = element("Kbo")
    name: str = element("Name")
    phone: str | None = element("Phone", optional=True)


@dataclass(frozen=True, kw_only=True)
class Period:
    """Begindatum and einddatum, both inclusive."""

    begin: date = element("Begin")
    end: date = element("End")


@dataclass(frozen=True, kw_only=True)
class Consent:
    """Akkoord van de burger voor raadpleging van het meest recente GPMI."""

    from_date: date = element("From")
    to_date: date = element("To")
    granted: bool = element("Granted")
    recorded_at: datetime | None = element("RecordedAt", optional=True)

    def covers(self, day: date) -> bool:
        """Whether the consent was given and ``From <= day <= To``."""
        return self.granted and self.from_date <= day <= self.to_date


@dataclass(frozen=True, kw_only=True)
class Person:
    """The hoofdbegunstigde of a dossier."""

    ssin: str = element("Ssin")
    last_name: str = element("LastName")
    first_name: str = element("FirstName")


@dataclass(frozen=True, kw_only=True)
class Aid:
    """Toegekende hulp."""

    kind: AidKind = element("Kind")
    category: AidCategory | None = element("Category", optional=True)
    monthly_amount: Decimal | None = element("MonthlyAmount", optional=True)
    refunded_amount: Decimal | None = element("RefundedAmount", optional=True)


@dataclass(frozen=True, kw_only=True)
class CalculationElement:
    """An element taken into account for the calculation of the aid."""

    code: CalculationCode = attribute("code")
    amount: Decimal | None = element("Amount", optional=True)
    label: str | None = element("Label", optional=True)


@dataclass(frozen=True, kw_only=True)
class Decision:
    """Beslissing: one aid decision of a dossier."""

    number: int = element("Number")
    kind: DecisionKind = element("Kind")
    legislation: Legislation = element("Legislation")
    decision_date: date = element("DecisionDate")
    effective_date: date = element("EffectiveDate")
    duration_months: int | None = element("DurationMonths", optional=True)
    judgment: bool = element("Judgment")
    legal_motivation: str | None = element("LegalMotivation", optional=True)
    aid: tuple[Aid, ...] = element("Aid", repeated=True)
    calculation_elements: tuple[CalculationElement, ...] = element("CalculationElement", repeated=True)


@dataclass(frozen=True, kw_only=True)
class ContractPdf:
    """The PDF of a validated GPMI contract, with the size and SHA-256 it declares."""

    filename: str = attribute("filename")
    media_type: str = attribute("mediaType", default=PDF_MEDIA_TYPE)
    size: int = attribute("size")
    sha256: str = attribute("sha256")
    content: bytes = content()

    @classmethod
    def of(cls, filename: str, pdf: bytes) -> ContractPdf:
        """The attachment of ``pdf``, its size and digest computed."""
        return cls(filename=filename, size=len(pdf), sha256=hashlib.sha256(pdf).hexdigest(), content=pdf)


@dataclass(frozen=True, kw_only=True)
class Gpmi:
    """The latest validated GPMI contract, sent only with the person's consent."""

    contract_id: str = element("ContractId", token=True)
    version: int = element("Version")
    kind: GpmiKind = element("Kind")
    start: date = element("Start")
    end: date = element("End")
    validated_on: date = element("ValidatedOn")
    consent: Consent = element("Consent")
    contract: ContractPdf = element("Contract")


@dataclass(frozen=True, kw_only=True)
class GpmiWithheld:
    """Why the GPMI part is not sent."""

    reason: WithheldReason = attribute("reason")


@dataclass(frozen=True, kw_only=True)
class Dossier:
    """One dossier of the report: its main beneficiary, decisions and GPMI part."""

    dossier_id: str = element("DossierId", token=True)
    main_beneficiary: Person = element("MainBeneficiary")
    decisions: tuple[Decision, ...] = element("Decision", repeated=True)
    gpmi: Gpmi | GpmiWithheld | None = choice(Gpmi=Gpmi, GpmiWithheld=GpmiWithheld)


@dataclass(frozen=True, kw_only=True)
class SocialReport:
    """Het elektronisch sociaal verslag; a root of its own, or the content of an answer."""

    created_on: date = element("CreatedOn")
    ocmw: Ocmw = element("Ocmw")
    dossiers: tuple[Dossier, ...] = element("Dossier", repeated=True)


@dataclass(frozen=True, kw_only=True)
class EsvRequest:
    """An OCMW asks another for the reports of one person over a period."""

    request_id: str = element("RequestId", token=True)
    created_at: datetime = element("CreatedAt")
    requester: Ocmw = element("Requester")
    ssin: str = element("Ssin")
    period: Period = element("Period")
    gpmi_consent: Consent | None = element("GpmiConsent", optional=True)


@dataclass(frozen=True, kw_only=True)
class ResponseError:
    """Antwoord met fout: a code and a sentence."""

    code: ErrorCode = attribute("code")
    message: str = content()


@dataclass(frozen=True, kw_only=True)
class EsvResponse:
    """The automatic answer of one OCMW to an ``EsvRequest``."""

    request_id: str = element("RequestId", token=True)
    responded_at: datetime = element("RespondedAt")
    responder: Ocmw = element("Responder")
    status: Status = element("Status")
    error: ResponseError | None = element("Error", optional=True)
    social_report: SocialReport | None = element("SocialReport", optional=True)


# Every root carries version="1.0"; the mappers write and check it, the model does not hold it.
Document = EsvRequest | EsvResponse | SocialReport
ROOTS: dict[str, type[EsvRequest] | type[EsvResponse] | type[SocialReport]] = {
    "EsvRequest": EsvRequest,
    "EsvResponse": EsvResponse,
    "SocialReport": SocialReport,
}

ESV = XmlFormat(
    name="ESV",
    namespace=NAMESPACE,
    version=FORMAT_VERSION,
    roots=ROOTS,
    schema_file="esv-1.0.xsd",
    rules="esv.rules:rule_problems",
)
