"""What every indicator family shares: the quarter window, the shapes of its registry
(quantities, measures) and results (amounts), the grouped query that computes them, and
the few SQL expressions the spec's date arithmetic needs (docs/kpi-specification.md §2).

Each family declares QUANTITIES (every whole number it computes, with the people who
contribute to it), MEASURES (what is published, as quantities), RELATIONS (how its
quantities add up within a cohort: kpi/disclosure.py protects every difference they
allow) and `compute()`, which returns an Amount per quantity per cohort.

Each family's query filters the people it joins by the submission as well
(`person__submission=submission`), although its own rows already belong to that
submission: it lets PostgreSQL read just that submission's people through their unique
key's index instead of scanning every submission's people for each measure, which made a
region's recompute grow with the whole table (docs/performance.md, "KPI recompute")."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Aggregate, Count, F, Func, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from kpi.disclosure import Quantity

__all__ = ["Quantity"]  # families declare their quantities with it


@dataclass(frozen=True)
class Window:
    """The quarter being measured: qs and qe, both included."""

    qs: date
    qe: date


@dataclass(frozen=True)
class Amount:
    """One quantity for one cohort as the database returns it: a whole number (people,
    plans, periods, sessions, incidents, days or score points) and how many distinct
    people contribute to it (disclosure control, docs/kpi-specification.md §8: a total of 2
    incidents that
    one person had rests on 1 person, not on the cohort)."""

    value: int
    people: int


@dataclass(frozen=True)
class Measure:
    """A measure as published: the quantity it shows as its value (or numerator) and, for
    a mean or percentage, the quantity it divides by."""

    indicator: int
    kind: str  # count | total | mean | percentage
    numerator: str
    denominator: str | None = None


# How a family asks for one quantity: one count of people (its value and its people), or an
# aggregate of its value with the count of the people contributing to it.
QuantityQuery = Aggregate | tuple[Aggregate, Aggregate]


def person_count(condition: Q | None = None, person: str = "pk") -> Count:
    """Distinct people meeting `condition`: `pk` for one-row-per-person tables, `person`
    for plans and periods (a child may have several)."""
    return Count(person, distinct=person != "pk", filter=condition)


def amounts_by_cohort(
    queryset: QuerySet[Any], cohort: str, quantities: Mapping[str, QuantityQuery]
) -> dict[int, dict[str, Amount]]:
    """Every quantity for each cohort in ONE grouped query: `quantities` maps a name to
    (an aggregate of its value, an aggregate of the distinct people contributing), or to
    one count of people, which is both."""
    annotations: dict[str, Func | Aggregate] = {}
    for name, aggregates in quantities.items():
        value, people = aggregates if isinstance(aggregates, tuple) else (aggregates, None)
        annotations[f"{name}_value"] = Coalesce(value, Value(0))
        if people is not None:
            annotations[f"{name}_people"] = people
    rows = queryset.values(cohort=F(cohort)).annotate(**annotations).order_by()
    return {
        row["cohort"]: {
            name: Amount(row[f"{name}_value"], row.get(f"{name}_people", row[f"{name}_value"]))
            for name in quantities
        }
        for row in rows
    }


class DaysBetween(Func):
    """Calendar days from `start` to `end` (`end - start`), as an integer, on both databases."""

    output_field = IntegerField()
    arity = 2

    def __init__(self, end, start, **extra):
        super().__init__(_as_expression(end), _as_expression(start), **extra)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ")

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
        )


def _as_expression(value):
    if isinstance(value, str):
        return F(value)
    if isinstance(value, date):
        return Value(value)
    return value


def active_during(window: Window, prefix: str = "") -> Q:
    """Started on or before qe and still open or ended on or after qs."""
    return Q(**{f"{prefix}start__lte": window.qe}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": window.qs})
    )


def closed_during(window: Window, prefix: str = "") -> Q:
    return Q(**{f"{prefix}end__gte": window.qs, f"{prefix}end__lte": window.qe})


def open_at_quarter_end(window: Window, prefix: str = "") -> Q:
    return Q(**{f"{prefix}start__lte": window.qe}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gt": window.qe})
    )


def on_day(day: date, prefix: str = "") -> Q:
    """In care (or on a plan) on `day`."""
    return Q(**{f"{prefix}start__lte": day}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": day})
    )


def since_fs_intervention() -> Q:
    """The plan or period is open or ended on or after the person's own FS start."""
    return Q(end__isnull=True) | Q(end__gte=F("person__fs_start"))


def within(field: str, window: Window) -> Q:
    return Q(**{f"{field}__gte": window.qs, f"{field}__lte": window.qe})


def six_months_before(qe: date) -> date:
    """The latest day d with d + 6 calendar months (clamped to month end) <= qe.

    docs/kpi-specification.md §6.8 (KPI 10): a completion counts for re-presentation once
    six calendar months have passed by qe. Working the cutoff out here keeps the SQL a plain
    comparison, the same on both databases (SQLite's date modifiers do not clamp to month end)."""
    day = _add_months(qe, -6)
    while _add_months(day + timedelta(days=1), 6) <= qe:
        day += timedelta(days=1)
    while _add_months(day, 6) > qe:
        day -= timedelta(days=1)
    return day


def _add_months(day: date, months: int) -> date:
    from calendar import monthrange

    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))
