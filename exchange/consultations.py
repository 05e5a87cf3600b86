"""A person's consultation history as people read it, in Dutch or French: each line of
``storage.history`` said as what happened, when, with which OCMW, by whom, and what it held (the
period asked, the decisions and the GPMI contract disclosed or why not, the consent it was answered
under). The details are read here, where the requester and the responder wrote them.

The same rows make the table of ``ocmw audit person``, its CSV, the page of the administrators and
the letter handed to the person (``exchange.letter``), which names no employee: the letter says what
this OCMW did, not which of its people did it."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from esv.codes import ErrorCode, Status, WithheldReason
from esv.disclosure import BELGIAN_TIME
from exchange.statuses import RequestStatus
from ground import days
from ground import kbo as kbo_number
from ground.lang import Lang, Translated
from ground.numbers import Counted, counted
from storage import records
from storage.history import ANSWERED_ACTIONS, Consultation, consultations, person_name

WHAT: dict[str, Translated] = {
    "request_sent": {"nl": "Gegevens gevraagd aan een ander OCMW", "fr": "Données demandées à un autre CPAS"},
    "directory_lookup": {
        "nl": "Gezocht in het verwijzingsrepertorium",
        "fr": "Recherche dans le répertoire des références",
    },
    "answer_received": {"nl": "Antwoord ontvangen", "fr": "Réponse reçue"},
    "request_not_received": {"nl": "Geen antwoord ontvangen", "fr": "Pas de réponse reçue"},
    "request_refused": {
        "nl": "Antwoord geweigerd: niet te vertrouwen",
        "fr": "Réponse refusée : non fiable",
    },
    "answer_sent:ok": {"nl": "Gegevens meegedeeld", "fr": "Données communiquées"},
    "answer_sent:unknown_person": {
        "nl": "Gevraagd, geen gegevens gekend: niets meegedeeld",
        "fr": "Demandé, aucune donnée connue : rien communiqué",
    },
    "answer_sent:error": {"nl": "Aanvraag geweigerd: niets meegedeeld", "fr": "Demande refusée : rien communiqué"},
    "answer_repeated": {
        "nl": "Opnieuw gevraagd: hetzelfde antwoord opnieuw meegedeeld",
        "fr": "Demandé à nouveau : la même réponse communiquée à nouveau",
    },
    "report_viewed": {"nl": "Ontvangen verslag ingekeken", "fr": "Rapport reçu consulté"},
    "report_viewed:answered": {"nl": "Verzonden antwoord ingekeken", "fr": "Réponse envoyée consultée"},
    "contract_viewed": {"nl": "Ontvangen GPMI-overeenkomst ingekeken", "fr": "Contrat PIIS reçu consulté"},
}
"""What a line of the history says happened, by the audit log's action (and the answer's status)."""

COLUMNS = ("at", "what", "ocmw", "by", "details")
"""The columns of the history's table and CSV, in order."""
HEADINGS: dict[str, Translated] = {
    "at": {"nl": "Wanneer", "fr": "Quand"},
    "what": {"nl": "Wat", "fr": "Quoi"},
    "ocmw": {"nl": "OCMW", "fr": "CPAS"},
    "by": {"nl": "Door", "fr": "Par"},
    "details": {"nl": "Details", "fr": "Détails"},
}

WORDS: dict[str, Translated] = {
    "period": {"nl": "periode van {} tot en met {}", "fr": "période du {} au {}"},
    "with_consent": {"nl": "met akkoord voor het GPMI", "fr": "avec accord pour le PIIS"},
    "without_consent": {"nl": "zonder akkoord voor het GPMI", "fr": "sans accord pour le PIIS"},
    "decisions": {"nl": "dossier {}: beslissingen {}", "fr": "dossier {} : décisions {}"},
    "no_decisions": {
        "nl": "dossier {}: geen beslissingen in de periode",
        "fr": "dossier {} : aucune décision sur la période",
    },
    "gpmi_sent": {
        "nl": "GPMI-overeenkomst {} versie {} meegedeeld",
        "fr": "contrat PIIS {} version {} communiqué",
    },
    "gpmi_withheld": {"nl": "GPMI niet meegedeeld: {}", "fr": "PIIS non communiqué : {}"},
    "consent_given": {"nl": "akkoord van de burger van {} tot {}", "fr": "accord du citoyen du {} au {}"},
    "consent_refused": {"nl": "de burger gaf geen akkoord", "fr": "le citoyen n'a pas donné son accord"},
    "no_consent_sent": {"nl": "geen akkoord van de burger meegestuurd", "fr": "aucun accord du citoyen joint"},
    "automatically": {"nl": "automatisch", "fr": "automatiquement"},
    "directory": {"nl": "verwijzingsrepertorium", "fr": "répertoire des références"},
    "times_asked": {"nl": "{} keer gevraagd", "fr": "demandé {} fois"},
}

TITLE: Counted = {
    "nl": ("{n} raadpleging van de gegevens van {person}", "{n} raadplegingen van de gegevens van {person}"),
    "fr": ("{n} consultation des données de {person}", "{n} consultations des données de {person}"),
}
HOLDERS: Counted = {
    "nl": ("{n} OCMW heeft gegevens", "{n} OCMW's hebben gegevens"),
    "fr": ("{n} CPAS a des données", "{n} CPAS ont des données"),
}


@dataclass(frozen=True)
class History:
    """A person's consultations over a period, as the OCMW tells them: who it is (its name and
    telephone number), the person (their name, when it holds records of them), the days asked."""

    ocmw: str
    phone: str | None
    ssin: str
    person: str | None
    begin: dt.date | None
    end: dt.date | None
    consultations: Sequence[Consultation]


def history(
    session: Session, ssin: str, begin: dt.date | None, end: dt.date | None, *, actor: str, shown_as: str
) -> History:
    """The person's history, its reading written to the audit log (``storage.history``)."""
    own = records.own_identity(session)
    found = consultations(session, ssin, begin=begin, end=end, actor=actor, shown_as=shown_as)
    return History(own.name, own.phone, ssin, person_name(session, ssin), begin, end, found)


@dataclass(frozen=True)
class Row:
    """A line of the history in words: when (DD/MM/YYYY HH:MM, Belgian time), what, which OCMW, by
    whom, and the details, each a few words."""

    at: str
    what: str
    ocmw: str
    by: str
    details: tuple[str, ...]

    @property
    def said(self) -> str:
        """The details in one line."""
        return "; ".join(self.details)


def rows(found: Sequence[Consultation], lang: Lang) -> list[Row]:
    return [row(consultation, lang) for consultation in found]


def row(consultation: Consultation, lang: Lang) -> Row:
    details = consultation.details
    answered = consultation.action in ANSWERED_ACTIONS
    return Row(
        at=moment(consultation.at),
        what=WHAT[_what_key(consultation)][lang],
        ocmw=_ocmw(consultation, lang),
        by=WORDS["automatically"][lang] if answered else consultation.actor,
        details=tuple(_details(consultation.action, details, lang)),
    )


def moment(at: dt.datetime) -> str:
    """An instant as people read it, in Belgian time: ``14/03/2026 10:05``."""
    local = at.astimezone(BELGIAN_TIME)
    return f"{days.format(local.date())} {local:%H:%M}"


def to_csv(found: Sequence[Consultation], lang: Lang) -> str:
    """The consultations as CSV, one line each, headed in ``lang``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([HEADINGS[key][lang] for key in COLUMNS])
    for line in rows(found, lang):
        writer.writerow([line.at, line.what, line.ocmw, line.by, line.said])
    return buffer.getvalue()


def _what_key(consultation: Consultation) -> str:
    if consultation.action == "answer_sent":
        return f"answer_sent:{consultation.details.get('status')}"
    if consultation.action == "report_viewed" and consultation.of_answered_request:
        return "report_viewed:answered"
    return consultation.action


def _ocmw(consultation: Consultation, lang: Lang) -> str:
    if consultation.action == "directory_lookup":
        return WORDS["directory"][lang]
    counterpart = consultation.ocmw
    if counterpart is None:  # its request is no longer in the database: the audit log's words for it
        return str(consultation.details.get("to") or "")
    name = counterpart.name_fr if lang == "fr" else counterpart.name_nl
    return f"{name} ({kbo_number.format(counterpart.kbo)})" if counterpart.kbo else name


def _details(action: str, details: dict[str, Any], lang: Lang) -> list[str]:
    said = [_period(details["period"], lang)] if details.get("period") and all(details["period"]) else []
    if action == "request_sent" and details.get("consent") is not None:
        said.append(WORDS["with_consent" if details["consent"] else "without_consent"][lang])
    elif action == "directory_lookup":
        said.append(counted(HOLDERS, len(details.get("holders", [])), lang))
    elif action == "answer_received":
        said.append(RequestStatus(details["status"]).label(lang))
    elif action == "answer_sent":
        said.extend(_answered(details, lang))
    elif action == "answer_repeated":
        said.append(WORDS["times_asked"][lang].format(details.get("times_asked", "")))
    return said


def _period(period: list[str], lang: Lang) -> str:
    begin, end = (days.format(dt.date.fromisoformat(day)) for day in period)
    return WORDS["period"][lang].format(begin, end)


def _answered(details: dict[str, Any], lang: Lang) -> list[str]:
    """What an answer sent held: per dossier the decisions and the GPMI contract, or why the contract
    was not sent; the consent the request carried; or why the request was refused."""
    status = Status(details["status"])
    if status is Status.ERROR:
        return [ErrorCode(details["error_code"]).label(lang)] if details.get("error_code") else []
    if status is Status.UNKNOWN_PERSON:
        return []
    said = []
    for dossier, disclosed in details.get("disclosed", {}).items():
        numbers = ", ".join(str(number) for number in disclosed.get("decisions", []))
        said.append(
            WORDS["decisions"][lang].format(dossier, numbers)
            if numbers
            else WORDS["no_decisions"][lang].format(dossier)
        )
        gpmi = disclosed.get("gpmi")
        if gpmi and "contract_id" in gpmi:
            said.append(WORDS["gpmi_sent"][lang].format(gpmi["contract_id"], gpmi["version"]))
        elif gpmi and "withheld" in gpmi:
            said.append(WORDS["gpmi_withheld"][lang].format(WithheldReason(gpmi["withheld"]).label(lang)))
    consent = details.get("consent")
    if consent is None:
        said.append(WORDS["no_consent_sent"][lang])
    elif not consent["granted"]:
        said.append(WORDS["consent_refused"][lang])
    else:
        begin, end = (days.format(dt.date.fromisoformat(consent[key])) for key in ("from", "to"))
        said.append(WORDS["consent_given"][lang].format(begin, end))
    return said
