"""The words of the participation report in Dutch and French (the manual's own where it has them)."""

from __future__ import annotations

from annual_report.lump_sum import LumpSumOutcome
from annual_report.participation import Cap, Category, Measure
from ground.lang import Translated

MEASURES: dict[Measure, Translated] = {
    Measure.PARTICIPATION: {"nl": "Sociale en culturele participatie", "fr": "Participation sociale et culturelle"},
    Measure.CHILD_POVERTY: {"nl": "Kinderarmoede", "fr": "Pauvreté infantile"},
    Measure.RECYCLED_PCS: {"nl": "Gerecycleerde computers", "fr": "Ordinateurs recyclés"},
}
CATEGORIES: dict[Category, Translated] = {
    Category.EVENTS: {
        "nl": "Deelname aan sociale, culturele en sportieve manifestaties",
        "fr": "Participation à des manifestations sociales, culturelles et sportives",
    },
    Category.ASSOCIATIONS: {
        "nl": "Deelname aan sociale, culturele en sportieve verenigingen",
        "fr": "Participation à des associations sociales, culturelles et sportives",
    },
    Category.INITIATIVES: {
        "nl": "Initiatieven van of voor de doelgroep",
        "fr": "Initiatives du ou pour le groupe cible",
    },
    Category.ICT: {
        "nl": "Toegang tot de nieuwe informatie- en communicatietechnologieën",
        "fr": "Accès aux nouvelles technologies de l'information et de la communication",
    },
    Category.SOCIAL_PROGRAMMES: {
        "nl": "Deelname aan sociale programma's",
        "fr": "Participation à des programmes sociaux",
    },
    Category.SCHOOL_SUPPORT: {"nl": "Schoolondersteuning", "fr": "Soutien scolaire"},
    Category.PSYCHOLOGICAL_SUPPORT: {"nl": "Psychologische ondersteuning", "fr": "Soutien psychologique"},
    Category.PARAMEDICAL_SUPPORT: {"nl": "Paramedische ondersteuning", "fr": "Soutien paramédical"},
    Category.EDUCATIONAL_MATERIAL: {
        "nl": "Pedagogische hulpmiddelen en spelletjes",
        "fr": "Matériel pédagogique et jeux",
    },
    Category.COLLECTIVE_ACTIONS: {"nl": "Collectieve acties", "fr": "Actions collectives"},
    Category.COLLECTIVE_MODULES: {"nl": "Collectieve modules", "fr": "Modules collectifs"},
    Category.RECYCLED_PCS: {"nl": "Gerecycleerde computers (aantal)", "fr": "Ordinateurs recyclés (nombre)"},
}
CAPS: dict[Cap, Translated] = {
    Cap.SMALL_INVESTMENTS: {
        "nl": "kleine investeringen boven € 500 (excl. btw) over de hele subsidie",
        "fr": "petits investissements au-delà de 500 € (HTVA) sur l'ensemble du subside",
    },
    Cap.PERSON_PURCHASES: {
        "nl": "individuele aankopen boven € 500 (excl. btw) per persoon",
        "fr": "achats individuels au-delà de 500 € (HTVA) par personne",
    },
    Cap.RECYCLED_PC: {
        "nl": "gerecycleerde computers boven € 100 per stuk",
        "fr": "ordinateurs recyclés au-delà de 100 € pièce",
    },
    Cap.RECYCLED_PC_BUDGET: {
        "nl": "gerecycleerde computers boven hun budget, zonder participatie om ze op te vangen",
        "fr": "ordinateurs recyclés au-delà de leur budget, sans participation pour les reprendre",
    },
}
LUMP_SUM: dict[LumpSumOutcome, Translated] = {
    LumpSumOutcome.NOT_ASKED: {"nl": "niet gevraagd", "fr": "non demandé"},
    LumpSumOutcome.BELOW_THRESHOLD: {
        "nl": "geen recht: subsidie (of samenwerking) onder € 25 000",
        "fr": "pas de droit : subside (ou collaboration) inférieur à 25 000 €",
    },
    LumpSumOutcome.GRANTED: {"nl": "10 % van het verantwoorde bedrag", "fr": "10 % du montant justifié"},
    LumpSumOutcome.LIMITED: {
        "nl": "beperkt tot het bedrag van het KB",
        "fr": "limité au montant de l'AR",
    },
}
WORDS: dict[str, Translated] = {
    "title": {
        "nl": "Sociale en culturele participatie, kinderarmoede en gerecycleerde computers",
        "fr": "Participation sociale et culturelle, pauvreté infantile et ordinateurs recyclés",
    },
    "sheet": {"nl": "Participatie {year}", "fr": "Participation {year}"},
    "ocmw": {"nl": "OCMW", "fr": "CPAS"},
    "category": {"nl": "Categorie", "fr": "Catégorie"},
    "beneficiaries": {"nl": "Begunstigden", "fr": "Bénéficiaires"},
    "entered": {"nl": "Ingebracht bedrag", "fr": "Montant introduit"},
    "accepted": {"nl": "Aanvaard bedrag", "fr": "Montant accepté"},
    "all": {"nl": "Totaal", "fr": "Total"},
    "overflow": {
        "nl": "waarvan overloop van de gerecycleerde computers",
        "fr": "dont report des ordinateurs recyclés",
    },
    "decree": {"nl": "Bedrag KB", "fr": "Montant AR"},
    "justified": {"nl": "Verantwoord bedrag", "fr": "Montant justifié"},
    "small_investments": {
        "nl": "Kleine investeringen (max. € 500)",
        "fr": "Petits investissements (max. 500 €)",
    },
    "lump_sum": {"nl": "Personeelsforfait", "fr": "Forfait pour frais de personnel"},
    "used": {"nl": "Gebruikt bedrag", "fr": "Montant utilisé"},
    "unused": {"nl": "Niet gebruikt (terug te storten)", "fr": "Non utilisé (à rembourser)"},
    "advance": {"nl": "Voorschot", "fr": "Avance"},
    "balance": {"nl": "Saldo", "fr": "Solde"},
    "cooperation": {
        "nl": "Samenwerking: personeelsforfait per OCMW",
        "fr": "Collaboration : forfait pour frais de personnel par CPAS",
    },
    "request": {
        "nl": "Samenwerking: aanvraag van het personeelsforfait per OCMW",
        "fr": "Collaboration : demande du forfait pour frais de personnel par CPAS",
    },
    "requested": {"nl": "Gevraagd bedrag", "fr": "Montant demandé"},
    "council_decision": {"nl": "Datum raadsbeslissing", "fr": "Date de la décision du conseil"},
    "not_accepted": {"nl": "Niet aanvaard", "fr": "Non accepté"},
    "row": {"nl": "Rij", "fr": "Ligne"},
    "rule": {"nl": "Regel", "fr": "Règle"},
    "amount": {"nl": "Bedrag", "fr": "Montant"},
}
