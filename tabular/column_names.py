"""The Dutch and French names under which the exports of OCMW software give the columns of every
table the toolkit reads (the statistics, the imports of the exchange, the annual report), beside
each column's own name. One table for all of them: a column that several tables share
(``contract_id``, ``ssin``, ``kind``, ``description`` ...) has the same names in each.

Names are compared by ``header_key``: without regard to case, accents, and the spaces, underscores,
dashes, dots, slashes, apostrophes and brackets between their words. The docs list every name here
(``docs/gpmi-statistics.md``, ``docs/exchange.md``, ``docs/annual-report.md``); an export that names
its columns otherwise is read with a mapping file (``tabular.choices``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Names:
    """A column's names in the users' languages."""

    nl: tuple[str, ...]
    fr: tuple[str, ...]


COLUMN_NAMES: dict[str, Names] = {
    # The GPMI statistics (gpmi_stats/columns.py) and the GPMI versions of the exchange
    "contract_id": Names(("contractnummer", "nummer contract", "GPMI-nummer"), ("numéro de contrat", "numéro PIIS")),
    "version": Names(("versie", "versienummer"), ("numéro de version",)),
    "signed_on": Names(("ondertekend op", "datum ondertekening"), ("signé le", "date de signature")),
    "ssin": Names(
        ("INSZ", "INSZ-nummer", "rijksregisternummer"), ("NISS", "numéro NISS", "numéro de registre national")
    ),
    "gender": Names(("geslacht",), ("sexe", "genre")),
    "birth_date": Names(("geboortedatum",), ("date de naissance",)),
    "residence_nis": Names(("NIS woonplaats", "NIS-code woonplaats"), ("INS résidence", "code INS résidence")),
    "ocmw_nis": Names(("NIS OCMW", "NIS-code OCMW"), ("INS CPAS", "code INS CPAS")),
    "social_worker": Names(
        ("maatschappelijk werker", "maatschappelijk assistent"), ("assistant social", "travailleur social")
    ),
    "start_date": Names(("begindatum", "startdatum"), ("date de début",)),
    "end_date": Names(("einddatum",), ("date de fin",)),
    "closed_on": Names(("afgesloten op", "datum afsluiting"), ("clôturé le", "date de clôture")),
    "kind": Names(("soort", "type"), ("type",)),
    "training": Names(("opleiding",), ("formation",)),
    "studies": Names(("studie",), ("études",)),
    "community_service": Names(("gemeenschapsdienst",), ("service communautaire",)),
    "extra_support": Names(("extra ondersteuning", "bijkomende ondersteuning"), ("soutien supplémentaire",)),
    "evaluated_on": Names(("geëvalueerd op", "evaluatiedatum", "datum evaluatie"), ("évalué le", "date d'évaluation")),
    "outcome": Names(("resultaat", "uitkomst"), ("résultat",)),
    # The decisions and GPMI versions of the exchange (storage/imports.py)
    "dossier_id": Names(("dossiernummer", "nummer dossier"), ("numéro de dossier",)),
    "last_name": Names(("naam", "familienaam"), ("nom", "nom de famille")),
    "first_name": Names(("voornaam",), ("prénom",)),
    "number": Names(("nummer beslissing", "beslissingsnummer"), ("numéro de décision",)),
    "legislation": Names(("wetgeving",), ("législation",)),
    "decision_date": Names(("beslissingsdatum", "datum beslissing"), ("date de décision",)),
    "effective_date": Names(("ingangsdatum",), ("date de prise d'effet", "date d'effet")),
    "duration_months": Names(("duur in maanden", "duur (maanden)"), ("durée en mois", "durée (mois)")),
    "judgment": Names(("vonnis",), ("jugement",)),
    "legal_motivation": Names(("juridische motivering", "motivering"), ("motivation juridique", "motivation")),
    "aid_kind": Names(("soort steun", "steunvorm"), ("type d'aide",)),
    "aid_category": Names(("categorie steun",), ("catégorie d'aide",)),
    "monthly_amount": Names(("maandbedrag", "bedrag per maand"), ("montant mensuel",)),
    "refunded_amount": Names(("terugbetaald bedrag",), ("montant remboursé",)),
    "calculation": Names(("berekening",), ("calcul",)),
    "validated_on": Names(("gevalideerd op", "datum validatie"), ("validé le", "date de validation")),
    "pdf": Names(("pdf-bestand",), ("fichier PDF",)),
    # The annual report (annual_report/*_input.py)
    "measure": Names(("maatregel",), ("mesure",)),
    "category": Names(("categorie",), ("catégorie",)),
    "imputation_date": Names(("imputatiedatum", "datum imputatie"), ("date d'imputation",)),
    "description": Names(("omschrijving", "beschrijving"), ("libellé",)),
    "beneficiaries": Names(("begunstigden", "aantal begunstigden"), ("bénéficiaires", "nombre de bénéficiaires")),
    "amount": Names(("bedrag",), ("montant",)),
    "invoice": Names(("factuur", "factuurbedrag"), ("facture", "montant de la facture")),
    "investment": Names(("investering",), ("investissement",)),
    "person": Names(("persoon", "INSZ persoon"), ("personne", "NISS personne")),
    "partner": Names(("partnerorganisatie",), ("partenaire",)),
    "guarantee_months": Names(("garantie", "garantie in maanden"), ("garantie", "garantie en mois")),
    "part": Names(("deel", "luik"), ("partie", "volet")),
    "activity": Names(("activiteit", "soort activiteit"), ("activité", "type d'activité")),
    "with_integration_right": Names(
        ("met recht op maatschappelijke integratie", "met RMI"), ("avec droit à l'intégration sociale", "avec DIS")
    ),
    "with_trajectory": Names(("met individueel traject", "met traject"), ("avec projet individualisé", "avec trajet")),
    "spent": Names(("uitgegeven", "uitgaven"), ("dépensé", "dépenses")),
    "personnel_costs": Names(("personeelskosten",), ("frais de personnel",)),
    "dropouts": Names(("uitvallers", "afhakers"), ("abandons",)),
    "progressed": Names(("met vooruitgang", "vooruitgang"), ("avec progrès", "progrès")),
    "total": Names(("totaal",), ("total",)),
    "ocmw_share": Names(("aandeel OCMW",), ("part CPAS", "part du CPAS")),
    "public_share": Names(
        ("aandeel andere overheden", "openbaar aandeel"), ("part publique", "part des pouvoirs publics")
    ),
    "income": Names(("inkomsten",), ("recettes",)),
}


def header_key(text: str) -> str:
    """A header as it is compared: lower case, without accents, its words separated by one space.

    >>> header_key("  Date de début "), header_key("CONTRACT_ID"), header_key("Geëvalueerd op"), header_key("N°")
    ('date de debut', 'contract id', 'geevalueerd op', 'n')
    """
    bare = "".join(
        character
        for character in unicodedata.normalize("NFKD", text.casefold())
        if not unicodedata.combining(character)
    )
    return " ".join(re.sub(r"[\W_]+", " ", bare).split())


def names_of(column: str) -> tuple[str, ...]:
    """The column's own name, then its Dutch and French names (each name once).

    >>> names_of("kind")
    ('kind', 'soort', 'type')
    """
    names = COLUMN_NAMES.get(column, Names((), ()))
    once: dict[str, str] = {}
    for name in (column, *names.nl, *names.fr):
        once.setdefault(header_key(name), name)
    return tuple(once.values())
