"""A message for the next page, and its tone: something done, something to know, something to
watch, something that failed. Each tone looks different by its colour, its sign and its word, never
by its colour alone; a failure is announced at once (``role="alert"``), the others when the reader
is ready (``role="status"``)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from exchange.statuses import RequestStatus
from ground.lang import Lang, Translated


class Tone(enum.StrEnum):
    SUCCESS = "success"
    INFO = "info"
    WARNING = "warning"
    FAILURE = "failure"

    def label(self, lang: Lang) -> str:
        return _TONE_LABELS[self][lang]

    @property
    def sign(self) -> str:
        return _SIGNS[self]

    @property
    def role(self) -> str:
        return "alert" if self is Tone.FAILURE else "status"


_TONE_LABELS: dict[Tone, Translated] = {
    Tone.SUCCESS: {"nl": "Gelukt", "fr": "Réussi"},
    Tone.INFO: {"nl": "Ter info", "fr": "Pour info"},
    Tone.WARNING: {"nl": "Let op", "fr": "Attention"},
    Tone.FAILURE: {"nl": "Mislukt", "fr": "Échec"},
}
_SIGNS = {Tone.SUCCESS: "✓", Tone.INFO: "i", Tone.WARNING: "!", Tone.FAILURE: "✗"}


@dataclass(frozen=True)
class Notice:
    tone: Tone
    text: str


def of_status(status: RequestStatus) -> Tone:
    """How the sending of a request went, as its status says."""
    return _STATUS_TONES[status]


_STATUS_TONES = {
    RequestStatus.RECEIVED: Tone.SUCCESS,
    RequestStatus.UNKNOWN_PERSON: Tone.INFO,  # the other OCMW answered: it holds nothing of the person
    RequestStatus.SENT: Tone.WARNING,  # no answer yet
    RequestStatus.ERROR: Tone.FAILURE,
    RequestStatus.NOT_RECEIVED: Tone.FAILURE,
    RequestStatus.REFUSED: Tone.FAILURE,
}
