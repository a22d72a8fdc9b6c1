"""Loading the toolkit as data: its fields and indicators, and each authority's cohorts."""

from kpi.definitions import COHORT_WINDOWS, FIELDS, INDICATORS, TOOLKIT
from kpi.models import Cohort, FieldDefinition, IndicatorDefinition


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
    for spec in INDICATORS:
        indicator, _ = IndicatorDefinition.objects.update_or_create(
            number=spec.number,
            defaults={
                "title": spec.title,
                "evidences": spec.evidences,
                "scope": spec.scope,
                "data_source": spec.data_source,
                "method": spec.method,
                "collection": spec.collection,
                "note": spec.note,
                "source": TOOLKIT,
            },
        )
        indicator.fields.set([by_key[key] for key in spec.fields])
    return len(FIELDS), len(INDICATORS)


def ensure_cohorts(*, authority) -> list[Cohort]:
    """The toolkit's Cohorts 1 to 6 for one Family Safeguarding authority; idempotent."""
    cohorts = []
    for window in COHORT_WINDOWS:
        cohort, _ = Cohort.objects.update_or_create(
            authority=authority,
            number=window.number,
            defaults={
                "name": window.name,
                "start": window.start,
                "end": window.end,
                "source": TOOLKIT,
            },
        )
        cohorts.append(cohort)
    return cohorts
