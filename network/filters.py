"""django-filter sets shared by the network pages and API."""

import calendar
import datetime

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from models_registry.models import LocalAuthority
from network.models import EARLY_MONTH_LAST_DAY, Action, DuePrecision, Event, Member


def due_by_q(day: datetime.date, *, before: bool) -> Q:
    """Actions whose last allowed day (Action.due_by) is before `day` (`before=True`) or on
    or before it. An imprecise due date is stored as its month's first day, so the rule for
    each precision compares months and then, for this month, the last allowed day."""
    month_start = day.replace(day=1)
    month_end = day.replace(day=calendar.monthrange(day.year, day.month)[1])

    def passed(last_allowed: datetime.date) -> bool:
        return last_allowed < day if before else last_allowed <= day

    precise = Q(due_precision=DuePrecision.DAY) & (
        Q(due_date__lt=day) if before else Q(due_date__lte=day)
    )
    early = Q(due_precision=DuePrecision.EARLY_MONTH, due_date__lt=month_start)
    if passed(month_start.replace(day=EARLY_MONTH_LAST_DAY)):
        early |= Q(due_precision=DuePrecision.EARLY_MONTH, due_date=month_start)
    whole_month = Q(due_precision=DuePrecision.MONTH, due_date__lt=month_start)
    if passed(month_end):
        whole_month |= Q(due_precision=DuePrecision.MONTH, due_date=month_start)
    return precise | early | whole_month


class ActionFilter(django_filters.FilterSet):
    owner = django_filters.ModelChoiceFilter(
        field_name="owners",
        queryset=Member.objects.select_related("local_authority").order_by("name"),
        label="Owner",
    )
    authority = django_filters.ModelChoiceFilter(
        field_name="owners__local_authority",
        to_field_name="slug",
        queryset=LocalAuthority.objects.filter(group_members__isnull=False).distinct(),
        label="Owner's authority",
    )
    status = django_filters.ChoiceFilter(choices=Action.Status.choices, label="Status")
    due_before = django_filters.DateFilter(method="filter_due_before", label="Due by (YYYY-MM-DD)")
    overdue = django_filters.ChoiceFilter(
        method="filter_overdue",
        label="Overdue",
        choices=[("yes", "Overdue only"), ("no", "Not overdue")],
    )

    class Meta:
        model = Action
        fields = ["owner", "authority", "status", "due_before", "overdue"]

    def filter_due_before(self, queryset: QuerySet, name: str, value) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(due_by_q(value, before=False))

    def filter_overdue(self, queryset: QuerySet, name: str, value) -> QuerySet:
        overdue = Q(status__in=Action.OPEN_STATUSES) & due_by_q(timezone.localdate(), before=True)
        return queryset.filter(overdue) if value == "yes" else queryset.exclude(overdue)


class EventFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Event.Status.choices, label="Status")

    class Meta:
        model = Event
        fields = ["status"]
