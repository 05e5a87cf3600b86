"""All figures of a period, in the shape of the specification's JSON output."""

from __future__ import annotations

from typing import Any

from gpmi_stats import measures
from gpmi_stats.inputs import Inputs
from gpmi_stats.period import Period, effective_versions, finish, in_scope

Figures = dict[str, Any]


def compute(inputs: Inputs, period: Period) -> Figures:
    """The figures of the specification for ``period``, each contract counted once."""
    effective = effective_versions(inputs.versions, period)
    scope = effective[in_scope(effective, period)].assign(finish=lambda contracts: finish(contracts))
    workers = measures.social_workers(scope)
    return {
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "beneficiaries": {
            "total": measures.beneficiaries_total(scope),
            "by_gender_age": measures.beneficiaries_by_gender_age(scope, period),
            "residing_elsewhere": measures.residing_elsewhere(scope),
        },
        "projects": measures.projects(scope, period),
        "social_workers": workers,
        "duration": measures.duration(scope),
        "content": measures.content(scope),
        "extra_support": measures.extra_support(scope),
        "evaluations": measures.evaluation_counts(inputs.evaluations, effective, period),
        "final_evaluations": measures.final_evaluations(inputs.evaluations, effective, period),
        "versions": measures.version_counts(inputs.version_rows_read, inputs.versions, scope, period),
    }
