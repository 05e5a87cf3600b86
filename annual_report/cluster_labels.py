"""The words of the cluster form in Dutch and French (the form's own where it has them)."""

from __future__ import annotations

from annual_report.cluster import ActivatedFrom, CostCategory, TrainingCount
from ground.lang import Translated

CATEGORIES: dict[CostCategory, Translated] = {
    CostCategory.PERSONNEL: {"nl": "Personeelskosten", "fr": "Frais de personnel"},
    CostCategory.ACTIVATED_WAGES: {"nl": "Loonkost van de geactiveerden", "fr": "Coût salarial des personnes activées"},
    CostCategory.THIRD_PARTIES: {"nl": "Overeenkomst met derden", "fr": "Convention avec des tiers"},
    CostCategory.TRAINING: {"nl": "Kosten verbonden aan opleiding", "fr": "Frais liés à la formation"},
    CostCategory.OPERATING: {"nl": "Werkingskosten", "fr": "Frais de fonctionnement"},
}
TRAINING: dict[TrainingCount, Translated] = {
    TrainingCount.SOCIO_PROFESSIONAL_ASSESSMENT: {
        "nl": "Personen waarvan een socioprofessionele balans wordt of werd opgemaakt",
        "fr": "Personnes dont un bilan socioprofessionnel est ou a été établi",
    },
    TrainingCount.COLLECTIVE_PRELIMINARY_TRAINING: {
        "nl": "Personen in een collectieve voorafgaande opleiding",
        "fr": "Personnes en formation collective préalable",
    },
    TrainingCount.QUALIFYING_VOCATIONAL_TRAINING: {
        "nl": "Personen in een kwalificerende beroepsopleiding",
        "fr": "Personnes en formation professionnelle qualifiante",
    },
    TrainingCount.INTERNSHIP_BEFORE_ARTICLE_60: {
        "nl": "Personen in stage voorafgaand aan een contract artikel 60 §7",
        "fr": "Personnes en stage préalable à un contrat article 60 §7",
    },
    TrainingCount.ALTERNATING_WORK_AND_TRAINING: {
        "nl": "Personen in alternerende tewerkstelling met opleiding",
        "fr": "Personnes en emploi alterné avec formation",
    },
    TrainingCount.INDIVIDUAL_VOCATIONAL_TRAINING: {
        "nl": "Personen in een individuele beroepsopleiding (IBO)",
        "fr": "Personnes en formation professionnelle individuelle (FPI)",
    },
    TrainingCount.SOCIAL_ACTIVATION: {
        "nl": "Personen in een traject sociale activering (optioneel)",
        "fr": "Personnes en trajet d'activation sociale (facultatif)",
    },
}
ACTIVATED: dict[ActivatedFrom, Translated] = {
    ActivatedFrom.RECOVERY_DATABASE: {
        "nl": "Totaal aantal geactiveerden (terugvorderingsdatabank van de POD MI, van {start} tot {end})",
        "fr": "Nombre total de personnes activées (banque de données de récupération du SPP IS, du {start} au {end})",
    },
    ActivatedFrom.TRAINING_COUNTS: {
        "nl": "Totaal aantal geactiveerden (som van de opleidingsaantallen)",
        "fr": "Nombre total de personnes activées (somme des nombres de la formation)",
    },
}
"""The total of activated persons, saying where it comes from; ``{start}`` and ``{end}`` are the database's period."""
WORDS: dict[str, Translated] = {
    "title": {"nl": "Clusterplan voor kleine OCMW's", "fr": "Plan cluster pour les petits CPAS"},
    "sheet": {"nl": "Clusterplan {year}", "fr": "Plan cluster {year}"},
    "year": {"nl": "Jaar", "fr": "Année"},
    "promoter": {"nl": "Clusterpromotor", "fr": "Promoteur du cluster"},
    "members": {"nl": "Deelnemende OCMW's", "fr": "CPAS participants"},
    "cooperations": {"nl": "Samenwerkingsverbanden", "fr": "Collaborations"},
    "financial": {"nl": "Financiële rapportage", "fr": "Rapport financier"},
    "category": {"nl": "Categorie", "fr": "Catégorie"},
    "total": {"nl": "Totaal bedrag", "fr": "Montant total"},
    "ocmw_share": {"nl": "Deel OCMW", "fr": "Part CPAS"},
    "public_share": {"nl": "Publiek deel", "fr": "Part publique"},
    "income": {"nl": "Inkomsten", "fr": "Recettes"},
    "cluster_share": {"nl": "Deel clustersubsidie", "fr": "Part subside cluster"},
    "all": {"nl": "Totaal", "fr": "Total"},
    "subsidy": {"nl": "Subsidiebedrag", "fr": "Montant du subside"},
    "justified": {"nl": "Verantwoord bedrag", "fr": "Montant justifié"},
    "unjustified": {"nl": "Niet verantwoord bedrag", "fr": "Montant non justifié"},
    "advance": {"nl": "Voorschot (75 %)", "fr": "Avance (75 %)"},
    "balance": {"nl": "Saldo", "fr": "Solde"},
    "training": {"nl": "Opleiding", "fr": "Formation"},
    "count": {"nl": "Aantal", "fr": "Nombre"},
    "content": {"nl": "Inhoudelijke rapportage", "fr": "Rapport de contenu"},
    "characters": {"nl": "tekens", "fr": "caractères"},
}
