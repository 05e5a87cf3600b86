"""A document as a person reads it, laid out like the "Consult ESV" screen of the slides.

Labels come from the XSD (``esv.labels``); the few words that are not element names are below.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from esv.disclosure import BELGIAN_TIME
from esv.labels import schema_labels
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
    SocialReport,
)
from ground import days, numbers
from ground import kbo as kbo_number
from ground import ssin as ssin_number
from ground.lang import Lang, Translated, with_colon
from tabular.terminal import Sentence

CENT = Decimal("0.01")

WORDS: dict[str, Translated] = {
    "dossiers": {"nl": "Dossiers", "fr": "Dossiers"},
    "decisions": {"nl": "Beslissingen", "fr": "Décisions"},
    "decision": {"nl": "Beslissing", "fr": "Décision"},
    "no_decisions": {
        "nl": "geen beslissingen in de gevraagde periode",
        "fr": "aucune décision dans la période demandée",
    },
    "months": {"nl": "maanden", "fr": "mois"},
    "month": {"nl": "maand", "fr": "mois"},
    "open_ended": {"nl": "onbepaald", "fr": "indéterminée"},
    "yes": {"nl": "ja", "fr": "oui"},
    "no": {"nl": "neen", "fr": "non"},
    "period": {"nl": "Periode", "fr": "Période"},
    "from_to": {"nl": "van {} tot {}", "fr": "du {} au {}"},
    "per_month": {"nl": "per maand", "fr": "par mois"},
    "saved": {"nl": "opgeslagen als", "fr": "enregistré sous"},
    "signature": {"nl": "Handtekening", "fr": "Signature"},
    "not_checked": {
        "nl": "niet gecontroleerd (geef --trust om ze te controleren)",
        "fr": "non vérifiée (indiquez --trust pour la vérifier)",
    },
    "verified": {
        "nl": "geldig, ondertekend door {name} (certificaat SHA-256 {fingerprint})",
        "fr": "valide, signée par {name} (certificat SHA-256 {fingerprint})",
    },
}


def render(
    document: Document,
    lang: Lang,
    *,
    signature: str | None = None,
    saved: dict[str, Path] | None = None,
) -> RenderableType:
    """The whole document; ``signature`` is the verification line, ``saved`` the saved PDFs by dossier."""
    view = _View(lang, saved or {})
    parts: list[RenderableType] = []
    if signature is not None:
        parts.append(view.fields([(view.word("signature"), signature)]))
    if isinstance(document, EsvRequest):
        parts.extend(view.request(document))
    elif isinstance(document, EsvResponse):
        parts.extend(view.response(document))
    else:
        parts.extend(view.report(document))
    return Group(*parts)


class Wording:
    """The words and the written values of a document in one language: labels from the schema,
    dates, amounts, consents, aid. The terminal view below and the web pages both write with it."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.labels = schema_labels()

    def word(self, key: str) -> str:
        return WORDS[key][self.lang]

    def label(self, owner: str, name: str) -> str:
        return self.labels.label(owner, name, self.lang)

    def day(self, value: date) -> str:
        return days.format(value)

    def instant(self, value: datetime) -> str:
        return value.astimezone(BELGIAN_TIME).strftime("%d/%m/%Y %H:%M")

    def amount(self, value: Decimal) -> str:
        return f"{numbers.written(value.quantize(CENT), self.lang)} €"

    def yes_no(self, value: bool) -> str:
        return self.word("yes" if value else "no")

    def period(self, period: Period) -> str:
        return self.word("from_to").format(self.day(period.begin), self.day(period.end))

    def consent(self, consent: Consent) -> str:
        span = self.word("from_to").format(self.day(consent.from_date), self.day(consent.to_date))
        recorded = (
            f" ({self.label('ConsentType', 'RecordedAt')} {self.instant(consent.recorded_at)})"
            if (consent.recorded_at)
            else ""
        )
        return f"{span}: {self.yes_no(consent.granted)}{recorded}"

    def duration(self, decision: Decision) -> str:
        if decision.duration_months is None:
            return self.word("open_ended")
        return f"{decision.duration_months} {self.word('month' if decision.duration_months == 1 else 'months')}"

    def aid_line(self, aid: Aid) -> str:
        pieces = [aid.kind.label(self.lang)]
        if aid.category is not None:
            pieces.append(aid.category.label(self.lang))
        if aid.monthly_amount is not None:
            pieces.append(f"{self.amount(aid.monthly_amount)} {self.word('per_month')}")
        if aid.refunded_amount is not None:
            pieces.append(f"{self.label('AidType', 'RefundedAmount')}: {self.amount(aid.refunded_amount)}")
        return ", ".join(pieces)

    def calculation_line(self, element: CalculationElement) -> str:
        details = [text for text in (element.label, element.amount and self.amount(element.amount)) if text]
        return element.code.label(self.lang) + (f": {', '.join(details)}" if details else "")

    def contract_size(self, contract: ContractPdf) -> str:
        return f"{contract.filename} ({numbers.file_size(contract.size, self.lang)})"


class _View(Wording):
    def __init__(self, lang: Lang, saved: dict[str, Path]) -> None:
        super().__init__(lang)
        self.saved = saved

    def title(self, text: str) -> Text:
        return Text(text, style="bold underline")

    def heading(self, text: str) -> Text:
        return Text("\n" + text, style="bold")

    def fields(self, pairs: Sequence[tuple[str, str | None]], indent: int = 0) -> RenderableType:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", max_width=36)
        grid.add_column(overflow="fold")
        for name, value in pairs:
            if value is not None:
                grid.add_row(with_colon(name, self.lang), value)
        return Padding(grid, (0, 0, 0, indent))

    def ocmw(self, ocmw: Ocmw) -> RenderableType:
        return self.fields(
            [
                (self.label("OcmwType", "Kbo"), kbo_number.format(ocmw.kbo)),
                (self.label("OcmwType", "Name"), ocmw.name),
                (self.label("OcmwType", "Phone"), ocmw.phone),
            ]
        )

    def request(self, request: EsvRequest) -> list[RenderableType]:
        owner = "EsvRequest"
        return [
            self.title(self.label("schema", "EsvRequest")),
            self.fields(
                [
                    (self.label(owner, "RequestId"), request.request_id),
                    (self.label(owner, "CreatedAt"), self.instant(request.created_at)),
                    (self.label(owner, "Ssin"), ssin_number.format(request.ssin)),
                    (self.label(owner, "Period"), self.period(request.period)),
                    (
                        self.label(owner, "GpmiConsent"),
                        self.consent(request.gpmi_consent) if request.gpmi_consent else "-",
                    ),
                ]
            ),
            self.heading(self.label(owner, "Requester")),
            self.ocmw(request.requester),
        ]

    def response(self, response: EsvResponse) -> list[RenderableType]:
        owner = "EsvResponse"
        parts: list[RenderableType] = [
            self.title(self.label("schema", "EsvResponse")),
            self.fields(
                [
                    (self.label(owner, "RequestId"), response.request_id),
                    (self.label(owner, "RespondedAt"), self.instant(response.responded_at)),
                    (self.label(owner, "Status"), response.status.label(self.lang)),
                    (
                        self.label(owner, "Error"),
                        f"{response.error.code.label(self.lang)}: {response.error.message}" if response.error else None,
                    ),
                ]
            ),
            self.heading(self.label(owner, "Responder")),
            self.ocmw(response.responder),
        ]
        if response.social_report is not None:
            parts.append(Text(""))
            parts.extend(self.report(response.social_report))
        return parts

    def report(self, report: SocialReport) -> list[RenderableType]:
        parts: list[RenderableType] = [
            self.title(self.label("schema", "SocialReport")),
            self.fields([(self.label("SocialReportType", "CreatedOn"), self.day(report.created_on))]),
            self.heading(self.label("SocialReportType", "Ocmw")),
            self.ocmw(report.ocmw),
            self.heading(with_colon(self.word("dossiers"), self.lang)),
        ]
        for dossier in report.dossiers:
            parts.extend(self.dossier(dossier))
        return parts

    def dossier(self, dossier: Dossier) -> list[RenderableType]:
        person = dossier.main_beneficiary
        parts: list[RenderableType] = [
            Text(f"\n{dossier.dossier_id}", style="bold reverse"),
            self.heading(self.label("DossierType", "MainBeneficiary")),
            self.fields(
                [
                    (self.label("PersonType", "Ssin"), ssin_number.format(person.ssin)),
                    (self.label("PersonType", "LastName"), person.last_name),
                    (self.label("PersonType", "FirstName"), person.first_name),
                ]
            ),
            self.heading(with_colon(self.word("decisions"), self.lang)),
        ]
        if not dossier.decisions:
            parts.append(Text(self.word("no_decisions"), style="italic"))
        for decision in dossier.decisions:
            parts.extend(self.decision(decision))
        if isinstance(dossier.gpmi, Gpmi):
            parts.extend(self.gpmi(dossier.dossier_id, dossier.gpmi))
        elif isinstance(dossier.gpmi, GpmiWithheld):
            parts.append(self.heading(self.label("DossierType", "Gpmi")))
            parts.append(
                self.fields([(self.label("DossierType", "GpmiWithheld"), dossier.gpmi.reason.label(self.lang))], 2)
            )
        return parts

    def decision(self, decision: Decision) -> list[RenderableType]:
        owner = "DecisionType"
        parts: list[RenderableType] = [
            Text(
                f"\n{self.word('decision')} {decision.number}: {decision.legislation.label(self.lang)}"
                f" [{self.day(decision.effective_date)}]",
                style="bold",
            ),
            self.fields(
                [
                    (self.label(owner, "Kind"), decision.kind.label(self.lang)),
                    (self.label(owner, "Legislation"), decision.legislation.label(self.lang)),
                    (self.label(owner, "DecisionDate"), self.day(decision.decision_date)),
                    (self.label(owner, "EffectiveDate"), self.day(decision.effective_date)),
                    (self.label(owner, "DurationMonths"), self.duration(decision)),
                    (self.label(owner, "Judgment"), self.yes_no(decision.judgment)),
                    (self.label(owner, "LegalMotivation"), decision.legal_motivation),
                ],
                2,
            ),
        ]
        if decision.aid:
            parts.append(Padding(Text(with_colon(self.label(owner, "Aid"), self.lang), style="bold"), (1, 0, 0, 2)))
            parts.extend(Padding(Sentence(self.aid_line(aid)), (0, 0, 0, 4)) for aid in decision.aid)
        if decision.calculation_elements:
            parts.append(
                Padding(
                    Text(with_colon(self.label(owner, "CalculationElement"), self.lang), style="bold"), (1, 0, 0, 2)
                )
            )
            parts.extend(
                Padding(Sentence(self.calculation_line(element)), (0, 0, 0, 4))
                for element in decision.calculation_elements
            )
        return parts

    def gpmi(self, dossier_id: str, gpmi: Gpmi) -> list[RenderableType]:
        owner = "GpmiType"
        contract = gpmi.contract
        saved = self.saved.get(dossier_id)
        return [
            self.heading(self.label("DossierType", "Gpmi")),
            self.fields(
                [
                    (self.label(owner, "Kind"), gpmi.kind.label(self.lang)),
                    (self.label(owner, "ContractId"), gpmi.contract_id),
                    (self.label(owner, "Version"), str(gpmi.version)),
                    (self.word("period"), self.word("from_to").format(self.day(gpmi.start), self.day(gpmi.end))),
                    (self.label(owner, "ValidatedOn"), self.day(gpmi.validated_on)),
                    (self.label(owner, "Consent"), self.consent(gpmi.consent)),
                    (self.label(owner, "Contract"), self.contract_size(contract)),
                    (self.word("saved"), str(saved) if saved else None),
                ],
                2,
            ),
        ]
