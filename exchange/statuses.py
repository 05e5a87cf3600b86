"""Where a sent request stands (``RequestStatus``) and why its last attempt brought no usable answer
(``SendFailure``), with their words in Dutch and French: what the lists, the pages and the commands
show of a request, without the machinery that sends it."""

from __future__ import annotations

import enum

from ground.lang import Lang, Translated


class RequestStatus(enum.StrEnum):
    """Where a sent request stands, with the words of the "Antwoorden ESV" list."""

    SENT = "sent"
    RECEIVED = "received"
    ERROR = "error"
    UNKNOWN_PERSON = "unknown_person"
    NOT_RECEIVED = "not_received"
    REFUSED = "refused"

    def label(self, lang: Lang) -> str:
        return _STATUS_LABELS[self][lang]

    @property
    def can_be_sent_again(self) -> bool:
        return self in (RequestStatus.SENT, RequestStatus.NOT_RECEIVED, RequestStatus.REFUSED, RequestStatus.ERROR)

    @property
    def can_be_read(self) -> bool:
        """Its answer is a trusted ESV answer, to show (a refused one is kept, never shown)."""
        return self in (RequestStatus.RECEIVED, RequestStatus.UNKNOWN_PERSON, RequestStatus.ERROR)


class SendFailure(enum.StrEnum):
    """Why the last attempt brought no usable answer, in the words of the "Antwoorden ESV" list;
    the details, in English, are the request's ``last_error``."""

    TIMEOUT = "timeout"
    UNREACHABLE = "unreachable"
    NOT_ESV = "not_esv"
    RESPONDER_UNAVAILABLE = "responder_unavailable"
    BAD_SIGNATURE = "bad_signature"
    INVALID_ANSWER = "invalid_answer"
    OTHER_REQUEST = "other_request"
    ANSWER_ERROR = "answer_error"

    def label(self, lang: Lang) -> str:
        return _FAILURE_LABELS[self][lang]


_STATUS_LABELS: dict[RequestStatus, Translated] = {
    RequestStatus.SENT: {"nl": "Verzonden", "fr": "Envoyée"},
    RequestStatus.RECEIVED: {"nl": "Ontvangen", "fr": "Reçue"},
    RequestStatus.ERROR: {"nl": "Antwoord met fout", "fr": "Réponse avec erreur"},
    RequestStatus.UNKNOWN_PERSON: {"nl": "Onbekende persoon", "fr": "Personne inconnue"},
    RequestStatus.NOT_RECEIVED: {"nl": "Niet ontvangen", "fr": "Non reçue"},
    RequestStatus.REFUSED: {"nl": "Geweigerd: antwoord niet te vertrouwen", "fr": "Refusée : réponse non fiable"},
}
_FAILURE_LABELS: dict[SendFailure, Translated] = {
    SendFailure.TIMEOUT: {
        "nl": "geen antwoord binnen de wachttijd; verstuur opnieuw",
        "fr": "pas de réponse dans le délai ; renvoyez la demande",
    },
    SendFailure.UNREACHABLE: {
        "nl": "het andere OCMW is niet bereikbaar; controleer het adres of verstuur later opnieuw",
        "fr": "l'autre CPAS est injoignable ; vérifiez l'adresse ou renvoyez plus tard",
    },
    SendFailure.NOT_ESV: {
        "nl": "dit adres gaf geen ESV-antwoord; controleer het adres",
        "fr": "cette adresse n'a pas donné de réponse RSE ; vérifiez l'adresse",
    },
    SendFailure.RESPONDER_UNAVAILABLE: {
        "nl": "het andere OCMW kan nu niet antwoorden; verstuur later opnieuw",
        "fr": "l'autre CPAS ne peut pas répondre maintenant ; renvoyez plus tard",
    },
    SendFailure.BAD_SIGNATURE: {
        "nl": "het antwoord werd geweigerd: zijn handtekening is niet geldig of niet vertrouwd",
        "fr": "la réponse a été refusée : sa signature n'est pas valide ou pas de confiance",
    },
    SendFailure.INVALID_ANSWER: {
        "nl": "het antwoord werd geweigerd: het is geen geldig ESV-antwoord",
        "fr": "la réponse a été refusée : ce n'est pas une réponse RSE valide",
    },
    SendFailure.OTHER_REQUEST: {
        "nl": "het antwoord werd geweigerd: het antwoordt op een andere aanvraag",
        "fr": "la réponse a été refusée : elle répond à une autre demande",
    },
    SendFailure.ANSWER_ERROR: {
        "nl": "het andere OCMW antwoordde met een fout (zie Consult ESV)",
        "fr": "l'autre CPAS a répondu par une erreur (voir Consulter RSE)",
    },
}
