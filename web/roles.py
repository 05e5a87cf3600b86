"""The roles of the people who use the pages, with their words in Dutch and French: what the pages
and ``ocmw user`` offer, without the accounts' machinery."""

from __future__ import annotations

import enum

from ground.lang import Lang, Translated


class Role(enum.StrEnum):
    """What a user may do: a social worker asks for reports and reads the answers; an administrator
    also manages the users, the trust store and the archive."""

    SOCIAL_WORKER = "social_worker"
    ADMINISTRATOR = "administrator"

    def label(self, lang: Lang) -> str:
        return _ROLE_LABELS[self][lang]


_ROLE_LABELS: dict[Role, Translated] = {
    Role.SOCIAL_WORKER: {"nl": "Maatschappelijk werker", "fr": "Travailleur social"},
    Role.ADMINISTRATOR: {"nl": "Beheerder", "fr": "Administrateur"},
}
