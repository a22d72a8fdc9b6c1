"""Materialise the indicators of current submissions as IndicatorValue rows.

`recompute_indicators()` runs after a submission becomes current (kpi.services) and from
`manage.py compute_kpis`. It replaces the authority's values for the quarter in one
transaction: the database computes the measures (kpi/indicators/), this module only
stores them with the disclosure decision (kpi/disclosure.py)."""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from kpi.disclosure import cells_to_suppress
from kpi.indicators import ALL_COHORTS, RULES, compute_submission
from kpi.indicators.base import Window
from kpi.models import Cohort, IndicatorValue, Submission
from kpi.quarters import Quarter
from models_registry.models import LocalAuthority
from seslip.response_cache import data_changed

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RecomputeReport:
    authority: str
    quarter: str
    values: int
    suppressed: int


@transaction.atomic
def recompute_indicators(*, authority, quarter: str) -> RecomputeReport:
    """Replace the stored values for `authority` and `quarter` with those of its current
    submission (none left if it has no current submission)."""
    data_changed()
    IndicatorValue.objects.filter(
        authority=authority, quarter=quarter, aggregate_return__isnull=True
    ).delete()
    submission = Submission.objects.current().filter(authority=authority, quarter=quarter).first()
    if submission is None:
        return RecomputeReport(authority.slug, quarter, 0, 0)
    period = Quarter.parse(quarter)
    cohorts = list(Cohort.objects.filter(authority=authority).order_by("start", "number"))
    figures = compute_submission(submission, cohorts, Window(period.start, period.end))
    results = figures.measures
    hidden = cells_to_suppress(figures.people(), RULES)
    position = {cohort.name: index for index, cohort in enumerate(cohorts)}
    position[ALL_COHORTS] = len(cohorts)
    now = timezone.now()
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(
                authority=authority,
                quarter=quarter,
                cohort=r.cohort,
                cohort_position=position[r.cohort],
                indicator=r.indicator,
                measure=r.measure,
                value=r.value,
                numerator=r.numerator,
                denominator=r.denominator,
                people=r.people,
                suppressed=(r.cohort, r.measure) in hidden,
                submission=submission,
                computed_at=now,
            )
            for r in results
        ],
        batch_size=1000,
    )
    logger.info("Computed %d indicator values for %s %s", len(results), authority.slug, quarter)
    return RecomputeReport(authority.slug, quarter, len(results), len(hidden))


def recompute_all(*, authority=None, quarter: str | None = None) -> list[RecomputeReport]:
    """Recompute every (authority, quarter) that has or had values or a current submission,
    narrowed to one authority and/or quarter when given."""
    pairs = set(
        Submission.objects.current().values_list("authority_id", "quarter").distinct()
    ) | set(
        IndicatorValue.objects.filter(aggregate_return__isnull=True)
        .values_list("authority_id", "quarter")
        .distinct()
    )
    if authority is not None:
        pairs = {pair for pair in pairs if pair[0] == authority.pk}
    if quarter is not None:
        pairs = {pair for pair in pairs if pair[1] == quarter}
    authorities = LocalAuthority.objects.in_bulk({pair[0] for pair in pairs})
    return [
        recompute_indicators(authority=authorities[authority_id], quarter=q)
        for authority_id, q in sorted(pairs, key=lambda pair: (pair[0], pair[1]))
    ]
