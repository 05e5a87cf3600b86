"""The words of the statistics in Dutch and French, and the figures as labelled rows.

The Dutch and French words are those of the slides "Tool GPMI: het gedeelte statistieken"
(``projets clôturés``, not ``conclus``, as the working group asked).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from gpmi_stats.figures import Figures
from gpmi_stats.measures import ALL_BANDS
from ground import days
from ground.lang import Lang, Translated

SECTIONS: dict[str, Translated] = {
    "beneficiaries": {"nl": "Begunstigden", "fr": "Bénéficiaires"},
    "projects": {"nl": "Projecten", "fr": "Projets"},
    "social_workers": {"nl": "Maatschappelijk werkers", "fr": "Travailleurs sociaux"},
    "duration": {"nl": "Duur van de projecten", "fr": "Durée des projets"},
    "content": {"nl": "Inhoud van de projecten", "fr": "Contenu des projets"},
    "extra_support": {"nl": "Extra steun", "fr": "Soutien supplémentaire"},
    "evaluations": {"nl": "Evaluaties", "fr": "Évaluations"},
    "final_evaluations": {
        "nl": "Resultaat van de eindevaluaties: elk contract één keer, volgens zijn laatste eindevaluatie",
        "fr": "Résultat des évaluations finales : chaque contrat une fois, selon sa dernière évaluation finale",
    },
    "versions": {"nl": "Versies van de contracten", "fr": "Versions des contrats"},
}
"""The sections' titles: the captions of their tables, and the title rows of the workbook's sheets."""
SHEETS: dict[str, Translated] = {
    **SECTIONS,
    "final_evaluations": {
        "nl": "Resultaat eindevaluaties",
        "fr": "Résultat évaluations finales",
    },
}
"""The names of the workbook's sheets, at most 31 characters as Excel allows: a section's title, or a
short form of it."""

FIGURES: dict[str, Translated] = {
    "beneficiaries.total": {"nl": "Aantal begunstigden", "fr": "Nombre de bénéficiaires"},
    "beneficiaries.by_gender_age": {
        "nl": "Begunstigden per geslacht en leeftijdscategorie",
        "fr": "Bénéficiaires par sexe et catégorie d'âge",
    },
    "beneficiaries.residing_elsewhere": {
        "nl": "Begunstigden die niet verblijven in de gemeente waar de overeenkomst werd opgesteld",
        "fr": "Bénéficiaires ne résidant pas dans la commune où le contrat a été établi",
    },
    "projects.total": {"nl": "Aantal projecten", "fr": "Nombre de projets"},
    "projects.started": {"nl": "Gestarte projecten", "fr": "Projets commencés"},
    "projects.running": {"nl": "Lopende projecten", "fr": "Projets en cours"},
    "projects.closed": {"nl": "Afgesloten projecten", "fr": "Projets clôturés"},
    "social_workers.count": {
        "nl": "Maatschappelijk werkers met minstens één project",
        "fr": "Travailleurs sociaux avec au moins un projet",
    },
    "social_workers.projects": {"nl": "Projecten van", "fr": "Projets de"},
    "social_workers.beneficiaries": {"nl": "Begunstigden van", "fr": "Bénéficiaires de"},
    "social_workers.avg_projects": {
        "nl": "Gemiddeld aantal projecten per maatschappelijk werker",
        "fr": "Nombre moyen de projets par travailleur social",
    },
    "social_workers.avg_beneficiaries": {
        "nl": "Gemiddeld aantal begunstigden per maatschappelijk werker",
        "fr": "Nombre moyen de bénéficiaires par travailleur social",
    },
    "duration.at_least_6_months": {
        "nl": "Projecten van minstens zes maanden",
        "fr": "Projets d'au moins six mois",
    },
    "duration.at_least_1_year": {
        "nl": "Projecten van minstens een jaar",
        "fr": "Projets d'au moins un an",
    },
    "duration.more_than_1_year": {
        "nl": "Projecten van langer dan een jaar",
        "fr": "Projets de plus d'un an",
    },
    "content.training": {
        "nl": "Projecten met opleiding",
        "fr": "Projets avec formation",
    },
    "content.studies": {"nl": "Projecten met studies", "fr": "Projets avec études"},
    "content.community_service": {
        "nl": "Projecten met gemeenschapsdienst",
        "fr": "Projets avec service communautaire",
    },
    "extra_support.projects": {
        "nl": "Projecten waarvoor extra steun wordt toegekend",
        "fr": "Projets pour lesquels un soutien supplémentaire est accordé",
    },
    "extra_support.beneficiaries": {
        "nl": "Begunstigden waarvoor extra steun wordt toegekend",
        "fr": "Bénéficiaires pour lesquels un soutien supplémentaire est accordé",
    },
    "evaluations.total": {"nl": "Uitgevoerde evaluaties", "fr": "Évaluations réalisées"},
    "evaluations.intermediate": {
        "nl": "Tussentijdse evaluaties",
        "fr": "Évaluations intermédiaires",
    },
    "evaluations.final": {
        "nl": "Eindevaluaties, elke evaluatie geteld",
        "fr": "Évaluations finales, chaque évaluation comptée",
    },
    "final_evaluations.reached": {
        "nl": "Doelstellingen bereikt",
        "fr": "Objectifs atteints",
    },
    "final_evaluations.partially_reached": {
        "nl": "Doelstellingen gedeeltelijk bereikt",
        "fr": "Objectifs partiellement atteints",
    },
    "final_evaluations.not_reached": {
        "nl": "Doelstellingen niet bereikt",
        "fr": "Objectifs non atteints",
    },
    "versions.rows": {"nl": "Gelezen rijen", "fr": "Lignes lues"},
    "versions.contracts": {
        "nl": "Contracten, elk één keer geteld",
        "fr": "Contrats, chacun compté une fois",
    },
    "versions.duplicates_removed": {
        "nl": "Versies die niet dubbel geteld werden",
        "fr": "Versions non comptées deux fois",
    },
}

GENDERS: dict[str, Translated] = {
    "F": {"nl": "vrouw", "fr": "femme"},
    "M": {"nl": "man", "fr": "homme"},
    "X": {"nl": "X of onbekend", "fr": "X ou inconnu"},
}
AGES: dict[str, Translated] = {
    "<18": {"nl": "jonger dan 18", "fr": "moins de 18 ans"},
    "65+": {"nl": "65 en ouder", "fr": "65 ans et plus"},
    "unknown": {"nl": "leeftijd onbekend", "fr": "âge inconnu"},
}
YEARS: Translated = {"nl": "jaar", "fr": "ans"}

WORDS: dict[str, Translated] = {
    "title": {"nl": "GPMI-statistieken", "fr": "Statistiques PIIS"},
    "period": {"nl": "Periode", "fr": "Période"},
    "ocmw": {"nl": "OCMW", "fr": "CPAS"},
    "figure": {"nl": "Cijfer", "fr": "Donnée"},
    "value": {"nl": "Waarde", "fr": "Valeur"},
    "social_worker": {"nl": "Maatschappelijk werker", "fr": "Travailleur social"},
    "per_worker": {"nl": "Projecten en begunstigden per maatschappelijk werker",
                   "fr": "Projets et bénéficiaires par travailleur social"},
    "folded": {
        "nl": "{rows}; {removed} samengevoegd met een andere versie van hetzelfde contract, zodat {contracts}.",
        "fr": "{rows} ; {removed} avec une autre version du même contrat, pour que {contracts}.",
    },
    "chart_pyramid": {"nl": "Begunstigden per geslacht en leeftijd", "fr": "Bénéficiaires par sexe et âge"},
    "chart_projects": {"nl": "Projecten", "fr": "Projets"},
    "chart_final": {"nl": "Resultaat per contract (laatste eindevaluatie)",
                    "fr": "Résultat par contrat (dernière évaluation finale)"},
    "chart_nothing": {"nl": "Niets te tonen in deze periode", "fr": "Rien à montrer pour cette période"},
}  # fmt: skip


def age_label(band: str, lang: Lang) -> str:
    return AGES[band][lang] if band in AGES else f"{band} {YEARS[lang]}"


@dataclass(frozen=True)
class FigureRow:
    """One figure: its section, its key (``by_gender_age.F.18-24``), value and label."""

    section: str
    figure: str
    value: int | float
    label: str


def by_gender_age(figures: Figures) -> dict[str, dict[str, int]]:
    """``beneficiaries.by_gender_age`` with every gender and every age band, an empty one as 0: the
    shape of the tables, the CSV and the chart, the same every year and for an export without people
    (the JSON leaves zeros out, as the specification allows)."""
    counts = figures["beneficiaries"]["by_gender_age"]
    return {gender: {band: counts.get(gender, {}).get(band, 0) for band in ALL_BANDS} for gender in GENDERS}


def written_period(figures: Figures) -> str:
    """The period as people write it, ``01/01/2024 - 31/12/2024`` (the figures hold it as the JSON does)."""
    period = figures["period"]
    return " - ".join(days.format(dt.date.fromisoformat(period[end])) for end in ("from", "to"))


def figure_rows(figures: Figures, lang: Lang) -> Iterator[FigureRow]:
    """Every figure of the output as a labelled row, in the order of the specification; every gender
    and age band, an empty one as 0."""
    for section, content in figures.items():
        if section == "period":
            continue
        for name, value in content.items():
            key = f"{section}.{name}"
            if name == "by_gender_age":
                for gender, bands in by_gender_age(figures).items():
                    for band, count in bands.items():
                        label = f"{FIGURES[key][lang]}: {GENDERS[gender][lang]}, {age_label(band, lang)}"
                        yield FigureRow(section, f"{name}.{gender}.{band}", count, label)
            elif isinstance(value, dict):
                for worker, count in value.items():
                    yield FigureRow(section, f"{name}.{worker}", count, f"{FIGURES[key][lang]} {worker}")
            else:
                yield FigureRow(section, name, value, FIGURES[key][lang])
