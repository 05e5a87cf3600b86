"""The enumerations of the format, with stable codes and their Dutch and French labels.

Each enum's values are exactly the ``xs:enumeration`` values of the XSD simple type named after it
(``DecisionKind`` -> ``DecisionKindType``), and its labels are that schema's ``xs:documentation``:
the schema is the one place where the words of the screens are written.
"""

from __future__ import annotations

import enum

from esv.labels import schema_labels
from ground.errors import InvalidInput, OcmwError, Refused, TooLarge, Unavailable
from ground.lang import Lang


class Labelled:
    """Mixin for the format's enums: ``member.label("nl")``."""

    def label(self, lang: Lang) -> str:
        assert isinstance(self, enum.Enum)
        return schema_labels().value_label(f"{type(self).__name__}Type", str(self.value), lang)


class Status(Labelled, enum.StrEnum):
    OK = "ok"
    UNKNOWN_PERSON = "unknown_person"
    ERROR = "error"


class ErrorCode(Labelled, enum.StrEnum):
    INVALID_REQUEST = "invalid_request"
    INVALID_SSIN = "invalid_ssin"
    INVALID_PERIOD = "invalid_period"
    SIGNATURE_INVALID = "signature_invalid"
    REQUESTER_NOT_TRUSTED = "requester_not_trusted"
    TOO_LARGE = "too_large"
    INTERNAL_ERROR = "internal_error"

    @property
    def kind(self) -> type[OcmwError]:
        """The kind of error an answer with this code reports, which gives its HTTP status."""
        return _ERROR_KINDS[self]


_ERROR_KINDS: dict[ErrorCode, type[OcmwError]] = {
    ErrorCode.INVALID_REQUEST: InvalidInput,
    ErrorCode.INVALID_SSIN: InvalidInput,
    ErrorCode.INVALID_PERIOD: InvalidInput,
    ErrorCode.SIGNATURE_INVALID: Refused,
    ErrorCode.REQUESTER_NOT_TRUSTED: Refused,
    ErrorCode.TOO_LARGE: TooLarge,
    ErrorCode.INTERNAL_ERROR: Unavailable,
}


class DecisionKind(Labelled, enum.StrEnum):
    GRANT = "grant"
    REFUSAL = "refusal"
    REVISION = "revision"
    SUSPENSION = "suspension"
    WITHDRAWAL = "withdrawal"
    TERMINATION = "termination"


class Legislation(Labelled, enum.StrEnum):
    RMI_2002 = "rmi_2002"
    LAW_1965 = "law_1965"
    OCMW_1976 = "ocmw_1976"


class AidKind(Labelled, enum.StrEnum):
    LIVING_WAGE = "living_wage"
    EQUIVALENT_LIVING_WAGE = "equivalent_living_wage"
    SOCIAL_AID_FINANCIAL = "social_aid_financial"
    SOCIAL_AID_OTHER = "social_aid_other"


class AidCategory(Labelled, enum.IntEnum):
    COHABITANT = 1
    SINGLE = 2
    WITH_FAMILY = 3


class CalculationCode(Labelled, enum.StrEnum):
    MAINTENANCE_RECEIVED = "maintenance_received"
    CHILDREN = "children"
    STUDY_GRANT = "study_grant"
    STUDENT = "student"
    BENEFICIARY_CATEGORY = "beneficiary_category"
    LIVING_SITUATION = "living_situation"
    OTHER = "other"


class GpmiKind(Labelled, enum.StrEnum):
    GENERAL = "general"
    STUDIES = "studies"
    TRAINING = "training"
    COMMUNITY_SERVICE = "community_service"


class WithheldReason(Labelled, enum.StrEnum):
    NO_CONSENT = "no_consent"
    CONSENT_EXPIRED = "consent_expired"
    NO_VALIDATED_CONTRACT = "no_validated_contract"


ENUMS: tuple[type[Labelled], ...] = (
    Status,
    ErrorCode,
    DecisionKind,
    Legislation,
    AidKind,
    AidCategory,
    CalculationCode,
    GpmiKind,
    WithheldReason,
)
