"""Loading the toolkit as data: its fields and indicators, and each authority's cohorts."""

from django.db import transaction

from accounts.models import User
from kpi.definitions import COHORT_WINDOWS, FIELDS, INDICATORS, TOOLKIT
from kpi.models import Cohort, FieldDefinition, IndicatorDefinition
from models_registry.models import LocalAuthority


def load_definitions() -> tuple[int, int]:
    """Create or update the toolkit's fields and 20 indicators; idempotent."""
    by_key = {}
    for position, spec in enumerate(FIELDS):
        definition, _ = FieldDefinition.objects.update_or_create(
            key=spec.key,
            defaults={
                "code": spec.code,
                "name": spec.name,
                "explanation": spec.explanation,
                "toolkit_kind": spec.toolkit_kind,
                "input_column": spec.input_column,
                "note": spec.note,
                "position": position,
                "source": TOOLKIT,
            },
        )
        by_key[spec.key] = definition
    for indicator_spec in INDICATORS:
        indicator, _ = IndicatorDefinition.objects.update_or_create(
            number=indicator_spec.number,
            defaults={
                "title": indicator_spec.title,
                "evidences": indicator_spec.evidences,
                "scope": indicator_spec.scope,
                "data_source": indicator_spec.data_source,
                "method": indicator_spec.method,
                "collection": indicator_spec.collection,
                "note": indicator_spec.note,
                "source": TOOLKIT,
            },
        )
        indicator.fields.set([by_key[key] for key in indicator_spec.fields])
    return len(FIELDS), len(INDICATORS)


def ensure_cohorts(
    *, authority: LocalAuthority, reason: str | None = None, by: User | None = None
) -> list[Cohort]:
    """The toolkit's Cohorts 1 to 6 for one Family Safeguarding authority; idempotent.

    Only a window that is missing or differs from the toolkit's is written, so loading the
    region again records nothing in the cohorts' history; what is written is recorded
    with `reason` and `by` (the regional team's cohort windows page gives both)."""
    cohorts = []
    with transaction.atomic():
        existing = {c.number: c for c in Cohort.objects.filter(authority=authority)}
        for window in COHORT_WINDOWS:
            cohort = existing.get(window.number) or Cohort(
                authority=authority, number=window.number
            )
            wanted = {
                "name": window.name,
                "start": window.start,
                "end": window.end,
                "source": TOOLKIT,
            }
            if cohort.pk is None or any(getattr(cohort, f) != v for f, v in wanted.items()):
                for field, value in wanted.items():
                    setattr(cohort, field, value)
                cohort._change_reason = reason  # type: ignore[attr-defined]  # simple-history
                if by is not None:
                    cohort._history_user = by  # type: ignore[attr-defined]
                cohort.save()
            cohorts.append(cohort)
    return cohorts
