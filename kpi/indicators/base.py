"""What every indicator family shares: the quarter window, the raw result of a measure
and the few SQL expressions the spec's date arithmetic needs (kpi-spec §1).

Each family's query filters the people it joins by the submission as well
(`person__submission=submission`), although its own rows already belong to that
submission: it lets PostgreSQL read just that submission's people through their unique
key's index instead of scanning every submission's people for each measure, which made a
region's recompute grow with the whole table (docs/performance.md, "KPI recompute")."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import F, Func, IntegerField, Q, Value


@dataclass(frozen=True)
class Window:
    """The quarter being measured: qs and qe, both included."""

    qs: date
    qe: date


@dataclass(frozen=True)
class Raw:
    """One measure for one cohort as the database returns it.

    `numerator` is the count, the sum, or the numerator of a mean or percentage;
    `denominator` is set only for means, percentages and counts the spec gives one;
    `people` is how many people the figure rests on (disclosure control, §5)."""

    numerator: int
    denominator: int | None
    people: int


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

    kpi-spec §3, KPI 10: a completion counts for re-presentation once six calendar months
    have passed by qe. Working the cutoff out here keeps the SQL a plain comparison, the
    same on both databases (SQLite's date modifiers do not clamp to month end)."""
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
