"""Materialise the indicators of current submissions as IndicatorValue rows.

`recompute_indicators()` runs after a submission becomes current (kpi.services) and from
`manage.py compute_kpis`. It replaces the authority's values for the quarter in one
transaction: the database computes the measures (kpi/indicators/), this module only
stores them with the disclosure decision (kpi/disclosure.py).

Each value records the version of the disclosure rules that decided it. After every
`migrate` (so on deploying, and in `make run`), `recompute_stale()` recomputes the values
decided under older rules, record-level and returned figures alike."""

import logging
from dataclasses import dataclass

from django.apps import apps as global_apps
from django.db import connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps
from django.utils import timezone

from kpi.disclosure import RULES_VERSION, cells_to_suppress
from kpi.indicators.base import Window
from kpi.measures.computation import RULES, compute_submission
from kpi.models import AggregateReturn, Cohort, IndicatorValue, Submission
from kpi.models.values import ALL_COHORTS
from kpi.quarters import Quarter
from kpi.returns.figures import Figure
from kpi.returns.services import store_values
from models_registry.models import LocalAuthority
from seslip.public_data import announce

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RecomputeReport:
    authority: str
    quarter: str
    values: int
    suppressed: int


@transaction.atomic
def recompute_indicators(*, authority: LocalAuthority, quarter: str) -> RecomputeReport:
    """Replace the stored values for `authority` and `quarter` with those of its current
    submission (none left if it has no current submission)."""
    announce(sender=IndicatorValue)
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
                disclosure_rules=RULES_VERSION,
                submission=submission,
                computed_at=now,
            )
            for r in results
        ],
        batch_size=1000,
    )
    logger.info("Computed %d indicator values for %s %s", len(results), authority.slug, quarter)
    return RecomputeReport(authority.slug, quarter, len(results), len(hidden))


def recompute_all(
    *, authority: LocalAuthority | None = None, quarter: str | None = None
) -> list[RecomputeReport]:
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


def recompute_stale() -> int:
    """Recompute every authority-quarter with values decided under older disclosure rules
    (computed ones from the current submission, returned ones from the current return);
    returns how many were recomputed."""
    stale = IndicatorValue.objects.exclude(disclosure_rules=RULES_VERSION)
    pairs = set(
        stale.filter(aggregate_return__isnull=True)
        .values_list("authority_id", "quarter")
        .distinct()
    )
    authorities = LocalAuthority.objects.in_bulk({authority_id for authority_id, _ in pairs})
    for authority_id, quarter in sorted(pairs):
        recompute_indicators(authority=authorities[authority_id], quarter=quarter)
    returns = AggregateReturn.objects.filter(
        pk__in=stale.filter(aggregate_return__isnull=False).values("aggregate_return")
    ).prefetch_related("figures")
    now = timezone.now()
    for aggregate_return in returns:
        figures = [Figure(f.measure, f.value, f.people) for f in aggregate_return.figures.all()]
        with transaction.atomic():
            store_values(aggregate_return, figures, now)
    if pairs or returns:
        logger.info(
            "Recomputed %d authority-quarters and %d returns under disclosure rules %d",
            len(pairs),
            len(returns),
            RULES_VERSION,
        )
    return len(pairs) + len(returns)


def recompute_stale_after_migrate(
    *, using: str = "default", apps: StateApps | None = None, **kwargs: object
) -> None:
    """post_migrate: once the database is fully migrated, recompute stale values. Reads the
    migrated state's model first, so a partial or backward migration is left alone.
    `flush` sends the signal too, without a migration state: the project's models then."""
    state_model = (apps or global_apps).get_model("kpi", "IndicatorValue")
    if "disclosure_rules" not in {field.name for field in state_model._meta.get_fields()}:
        return
    stale = state_model.objects.using(using).exclude(disclosure_rules=RULES_VERSION)
    if not stale.exists():
        return
    executor = MigrationExecutor(connections[using])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return
    recompute_stale()
