"""Submitting aggregate returns: `submit_aggregates()` (form or CSV) validates all or
nothing, keeps the history and stores the quarter's values (docs/kpi-specification.md §7)."""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import cast

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import AccessLog, AnyUser, User
from accounts.services import record_access
from kpi.disclosure import RULES_VERSION, cells_to_suppress
from kpi.ingest.table import Problem
from kpi.measures.returned import BY_KEY
from kpi.models import AggregateFigure, AggregateReturn, IndicatorValue
from kpi.models.values import ALL_COHORTS
from kpi.quarters import QuarterError
from kpi.returns.disclosure import AGGREGATE_RULES, disclosure_people
from kpi.returns.figures import Figure, check_figures
from kpi.returns.reading import error_problem, parse_aggregate_csv
from kpi.selectors import check_return_quarter_for
from models_registry.models import LocalAuthority
from seslip.public_data import announce


@dataclass
class AggregateReport:
    outcome: str  # accepted | unchanged | rejected
    aggregate_return: AggregateReturn | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.outcome in ("accepted", "unchanged")


def submit_aggregate_csv(
    *,
    authority: LocalAuthority,
    quarter: str,
    content: bytes,
    user: AnyUser | None,
    request: HttpRequest | None = None,
) -> AggregateReport:
    """Parse a CSV of figures and submit it: a parsing problem rejects it like any other.

    An upload through the returns page gives its `request`, and the upload is written to
    the access log with the request's user and channel before the file is read, as the
    page did before the service took the logging over."""
    if request is not None:
        record_access(
            request=request,
            action=AccessLog.Action.UPLOAD,
            target=f"aggregate return {authority.slug} {quarter}",
            authority=authority,
        )
    figures, problems = parse_aggregate_csv(content)
    return submit_aggregates(
        authority=authority,
        quarter=quarter,
        figures=figures,
        user=user,
        source=AggregateReturn.Source.CSV,
        content=content,
        problems=problems,
    )


def submit_aggregates(
    *,
    authority: LocalAuthority,
    quarter: str,
    figures: list[Figure],
    user: AnyUser | None,
    source: str,
    content: bytes = b"",
    problems: list[Problem] | None = None,
) -> AggregateReport:
    """Validate and store one return of figures; any error rejects it whole and only the
    report is kept. An accepted return supersedes the quarter's current one; the same CSV
    bytes again change nothing. A quarter that breaks the rule of
    kpi.quarters.check_return_quarter is refused before anything is stored."""
    try:
        quarter = str(check_return_quarter_for(authority, quarter, today=timezone.localdate()))
    except QuarterError as error:
        return AggregateReport(
            "rejected", None, [error_problem(None, "quarter", quarter, str(error))]
        )
    sha256 = hashlib.sha256(content).hexdigest() if content else ""
    current = AggregateReturn.objects.current().filter(authority=authority, quarter=quarter)
    if sha256 and current.filter(sha256=sha256).exists():
        return AggregateReport("unchanged", current.get())
    problems = problems or check_figures(figures)
    if not figures and not problems:
        problems = [error_problem(None, "", "", "The return has no figures.")]
    new_return = partial(
        AggregateReturn.objects.create,
        authority=authority,
        quarter=quarter,
        source=source,
        sha256=sha256,
        submitted_by=cast(User, user) if getattr(user, "is_authenticated", False) else None,
    )
    if problems:
        rejected = new_return(
            status=AggregateReturn.Status.REJECTED,
            problems=[problem.as_dict() for problem in problems],
        )
        return AggregateReport("rejected", rejected, problems)
    with transaction.atomic():
        now = timezone.now()
        list(current.select_for_update())
        current.update(status=AggregateReturn.Status.SUPERSEDED, superseded_at=now)
        accepted = new_return(status=AggregateReturn.Status.ACCEPTED)
        AggregateFigure.objects.bulk_create(
            [
                AggregateFigure(
                    aggregate_return=accepted,
                    measure=f.measure,
                    value=f.value,
                    people=f.people,
                )
                for f in figures
            ]
        )
        store_values(accepted, figures, now)
    return AggregateReport("accepted", accepted)


def store_values(aggregate_return: AggregateReturn, figures: list[Figure], now: datetime) -> None:
    """The return's figures become the quarter's values for its measures (cohort `all`),
    with the disclosure decision; a count rests on itself, other figures on the people
    the authority gave."""
    announce(sender=IndicatorValue)
    IndicatorValue.objects.filter(
        authority=aggregate_return.authority,
        quarter=aggregate_return.quarter,
        measure__in=list(BY_KEY),
    ).delete()
    hidden = cells_to_suppress(disclosure_people(figures), AGGREGATE_RULES)
    values = []
    for figure in figures:
        measure = BY_KEY[figure.measure]
        people = int(figure.value) if measure.kind == "count" else figure.people
        values.append(
            IndicatorValue(
                authority=aggregate_return.authority,
                quarter=aggregate_return.quarter,
                cohort=IndicatorValue.ALL_COHORTS,
                cohort_position=99,
                indicator=measure.indicator,
                measure=measure.key,
                value=figure.value,
                numerator=figure.value,
                denominator=None,
                people=people or 0,
                suppressed=(ALL_COHORTS, measure.key) in hidden,
                disclosure_rules=RULES_VERSION,
                aggregate_return=aggregate_return,
                computed_at=now,
            )
        )
    IndicatorValue.objects.bulk_create(values)
