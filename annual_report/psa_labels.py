"""The words of the PSA indicators in Dutch and French (the circular's own where it has them)."""

from __future__ import annotations

from annual_report.psa import LumpSumKind, Part
from ground.lang import Translated

PARTS: dict[Part, Translated] = {
    Part.SOCIAL_INTEGRATION: {
        "nl": "A. Bevorderen van maatschappelijke integratie",
        "fr": "A. Promotion de l'intégration sociale",
    },
    Part.COLLECTIVE_MODULES: {
        "nl": "B. Organiseren van collectieve modules",
        "fr": "B. Organisation de modules collectifs",
    },
    Part.CHILD_POVERTY: {"nl": "C. Bestrijden van kinderarmoede", "fr": "C. Lutte contre la pauvreté infantile"},
}
LUMP_SUM_KINDS: dict[LumpSumKind, Translated] = {
    LumpSumKind.NONE: {"nl": "13, 14. Personeelsforfait", "fr": "13, 14. Forfait pour frais de personnel"},
    LumpSumKind.OWN: {
        "nl": "13. Personeelsforfait zonder externe samenwerking (10 % eigen personeel)",
        "fr": "13. Forfait pour frais de personnel sans collaboration externe (10 % personnel propre)",
    },
    LumpSumKind.EXTERNAL: {
        "nl": "14. Personeelsforfait met externe samenwerking (10 % extern personeel)",
        "fr": "14. Forfait pour frais de personnel avec collaboration externe (10 % personnel externe)",
    },
}
WORDS: dict[str, Translated] = {
    "title": {
        "nl": "Participatie en sociale activering: resultaatindicatoren",
        "fr": "Participation et activation sociale : indicateurs de résultat",
    },
    "sheet": {"nl": "Resultaatindicatoren {year}", "fr": "Indicateurs de résultat {year}"},
    "ocmw": {"nl": "OCMW", "fr": "CPAS"},
    "part": {"nl": "Luik", "fr": "Volet"},
    "activity": {"nl": "Activiteit", "fr": "Activité"},
    "exempt": {
        "nl": "Toelage onder € 7 500: enkel de bestede bedragen per luik, geen resultaatindicatoren",
        "fr": "Subside inférieur à 7 500 € : seulement les montants dépensés par volet, pas d'indicateurs de résultat",
    },
    "totals": {"nl": "Bestede middelen per luik", "fr": "Moyens dépensés par volet"},
    "spent": {"nl": "Besteed", "fr": "Dépensé"},
    "all": {"nl": "Totaal", "fr": "Total"},
    "small_rate": {
        "nl": "12. Mate van besteding (toelage van € 5 000 of minder)",
        "fr": "12. Taux d'utilisation (subside de 5 000 € ou moins)",
    },
    "beneficiaries": {"nl": "Begunstigden", "fr": "Bénéficiaires"},
    "with_integration_right": {"nl": "met recht op MI", "fr": "avec droit à l'IS"},
    "with_trajectory": {"nl": "met individueel traject", "fr": "avec trajet individuel"},
    "average_cost": {"nl": "Gemiddelde kost per persoon", "fr": "Coût moyen par personne"},
    "spending_rate": {"nl": "Mate van besteding", "fr": "Taux d'utilisation"},
    "personnel_share": {"nl": "Aandeel personeelskosten", "fr": "Part des frais de personnel"},
    "by_part": {
        "nl": "2-3, 8, 11. Begunstigden, kost en besteding per luik",
        "fr": "2-3, 8, 11. Bénéficiaires, coût et utilisation par volet",
    },
    "by_activity": {
        "nl": "1, 4, 8. Begunstigden, kost en besteding per activiteit",
        "fr": "1, 4, 8. Bénéficiaires, coût et utilisation par activité",
    },
    "unused_by_part": {
        "nl": "9. Mate van onbenutte bedragen per luik en per activiteit "
        "(toegewezen en niet besteed, als deel van de toelage)",
        "fr": "9. Taux de montants non utilisés par volet et par activité "
        "(attribués et non dépensés, en part du subside)",
    },
    "part_activity": {"nl": "Luik / activiteit", "fr": "Volet / activité"},
    "allocated": {"nl": "Toegewezen", "fr": "Attribué"},
    "unused": {"nl": "Onbenut", "fr": "Non utilisé"},
    "rate_9": {"nl": "9. Mate", "fr": "9. Taux"},
    "modules": {"nl": "5. Collectieve modules", "fr": "5. Modules collectifs"},
    "participants": {"nl": "5. Deelnemers", "fr": "5. Participants"},
    "dropouts": {"nl": "5.1. Afhakers", "fr": "5.1. Abandons"},
    "progressed": {"nl": "5.2. Meetbare vooruitgang", "fr": "5.2. Progrès mesurable"},
    "grant": {"nl": "6, 7, 13, 14. Besteding van de toelage", "fr": "6, 7, 13, 14. Utilisation du subside"},
    "lump_sum_rate": {
        "nl": "Mate van besteding van het personeelsforfait (deel van de 10 %)",
        "fr": "Taux d'utilisation du forfait pour frais de personnel (part des 10 %)",
    },
    "granted": {"nl": "6. Toegekend bedrag (KB)", "fr": "6. Montant octroyé (AR)"},
    "justified": {"nl": "7. Verantwoord bedrag", "fr": "7. Montant justifié"},
    "used": {"nl": "Verantwoord bedrag met personeelsforfait", "fr": "Montant justifié avec forfait"},
    "total_rate": {"nl": "8. Mate van besteding", "fr": "8. Taux d'utilisation"},
    "unused_rate": {"nl": "9. Mate van onbenutte bedragen", "fr": "9. Taux de montants non utilisés"},
    "overrun_rate": {"nl": "10. Mate van overschrijding", "fr": "10. Taux de dépassement"},
    "agreements": {
        "nl": "15. Formele samenwerkingsverbanden",
        "fr": "15. Accords de collaboration formels",
    },
}
