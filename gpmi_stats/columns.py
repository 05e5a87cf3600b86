"""The two input tables of the statistics and their columns, as the specification fixes them."""

from __future__ import annotations

from tabular.columns import Column, TableSpec, Type

GPMI_KINDS = ("general", "studies", "training", "community_service")
GENDERS = ("M", "F", "X")
EVALUATION_KINDS = ("intermediate", "final")
OUTCOMES = ("reached", "partially_reached", "not_reached")

VERSIONS = TableSpec(
    "contract versions",
    (
        Column("contract_id", Type.TEXT, required=True),
        Column("version", Type.POSITIVE_INTEGER, required=True),
        Column("signed_on", Type.DATE),
        Column("ssin", Type.SSIN, required=True),
        Column("gender", Type.CHOICE, choices=GENDERS),
        Column("birth_date", Type.DATE, past=True),
        Column("residence_nis", Type.NIS),
        Column("ocmw_nis", Type.NIS, required=True),
        Column("social_worker", Type.TEXT, required=True),
        Column("start_date", Type.DATE, required=True),
        Column("end_date", Type.DATE, required=True),
        Column("closed_on", Type.DATE),
        Column("kind", Type.CHOICE, required=True, choices=GPMI_KINDS),
        Column("training", Type.BOOLEAN),
        Column("studies", Type.BOOLEAN),
        Column("community_service", Type.BOOLEAN),
        Column("extra_support", Type.BOOLEAN),
    ),
)

EVALUATIONS = TableSpec(
    "evaluations",
    (
        Column("contract_id", Type.TEXT, required=True),
        Column("evaluated_on", Type.DATE, required=True),
        Column("kind", Type.CHOICE, required=True, choices=EVALUATION_KINDS),
        Column("outcome", Type.CHOICE, choices=OUTCOMES),
    ),
)
