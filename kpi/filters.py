"""Filters over stored indicator values, shared by the dashboards and the API."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, QuerySet

from kpi.measures.groups import group_key
from kpi.measures.registry import MEASURES
from kpi.models import Cohort, IndicatorValue
from kpi.quarters import Quarter
from models_registry.filters import QueryTextField
from models_registry.models import LocalAuthority
from seslip.filtering import PortalFilterSet


class QuarterField(QueryTextField):
    """A quarter written YYYY-Qn (kpi.quarters.Quarter.parse), cleaned to the stored form."""

    def clean(self, value):
        value = super().clean(value)
        if value in (None, ""):
            return value
        try:
            return str(Quarter.parse(value))
        except ValueError as error:
            # The message quotes the caller's text; as a parameter, a "%" in it is not
            # read as a format directive when django-filter renders the error.
            raise forms.ValidationError("%(problem)s", params={"problem": str(error)}) from error


class QuarterFilter(django_filters.CharFilter):
    """Stored quarters (YYYY-Qn) compare as text in calendar order."""

    field_class = QuarterField


def cohort_choices() -> list[tuple[str, str]]:
    """`all`, each cohort number any authority has (its stable key: `1` is every
    authority's first cohort) and each cohort name, read from the database per request."""
    numbers = Cohort.objects.order_by("number").values_list("number", flat=True).distinct()
    named = IndicatorValue.objects.exclude(cohort=IndicatorValue.ALL_COHORTS)
    names = named.order_by("cohort").values_list("cohort", flat=True).distinct()
    return [
        (IndicatorValue.ALL_COHORTS, "All cohorts"),
        *((str(number), f"Cohort number {number}") for number in numbers),
        *((name, name) for name in names),
    ]


def group_choices() -> list[tuple[str, str]]:
    """Each toolkit indicator's group and the named groups of measures outside it."""
    indicators = sorted({spec.indicator for spec in MEASURES.values()})
    return [(group_key(number), group_key(number)) for number in indicators]


def filter_group(queryset: QuerySet, name: str, value: str) -> QuerySet:
    numbers = [spec.indicator for spec in MEASURES.values() if group_key(spec.indicator) == value]
    return queryset.filter(indicator__in=set(numbers))


# How the values API lays out a CSV: a row per value ("long", the default) or a row per
# authority, quarter and cohort with a column per measure ("wide").
LAYOUT_LONG, LAYOUT_WIDE = "long", "wide"


def keep_every_row(queryset: QuerySet, name: str, value: str) -> QuerySet:
    """`layout` shapes the answer, not the selection."""
    return queryset


def measure_choices() -> list[tuple[str, str]]:
    return [(measure.key, measure.label) for measure in MEASURES.values()]


def filter_cohort(queryset: QuerySet, name: str, value: str) -> QuerySet:
    if not value.isdigit():
        return queryset.filter(cohort=value)
    numbered = Cohort.objects.filter(
        authority=OuterRef("authority"), number=int(value), name=OuterRef("cohort")
    )
    return queryset.filter(Exists(numbered))


class IndicatorValueFilter(PortalFilterSet):
    values_listed_at = {
        "la": "/api/v1/local-authorities/ (each authority's slug)",
        "measure": "/api/v1/kpi/indicators/ (each measure's name)",
    }

    la = django_filters.ModelChoiceFilter(
        field_name="authority",
        to_field_name="slug",
        queryset=LocalAuthority.objects.order_by("slug"),
        help_text="Local authority slug, e.g. bracknell-forest.",
    )
    quarter = QuarterFilter(field_name="quarter", help_text="One quarter, e.g. 2018-Q1.")
    quarter_from = QuarterFilter(
        field_name="quarter", lookup_expr="gte", help_text="First quarter, inclusive."
    )
    quarter_to = QuarterFilter(
        field_name="quarter", lookup_expr="lte", help_text="Last quarter, inclusive."
    )
    cohort = django_filters.ChoiceFilter(
        choices=cohort_choices,
        method=filter_cohort,
        help_text="`all`, a cohort number (`1` is each authority's first cohort) or a "
        "cohort's name, e.g. 'Cohort 1'.",
    )
    indicator = django_filters.NumberFilter(
        help_text="The toolkit's indicator number, 1 to 20. Police involvement and cohort "
        "size belong to no toolkit indicator: `group=police-and-cohort`.",
        min_value=1,
        max_value=20,
        decimal_places=0,
    )
    group = django_filters.ChoiceFilter(
        choices=group_choices,
        method=filter_group,
        help_text="`indicator-1` … `indicator-20`, or `police-and-cohort` (measures of no "
        "toolkit indicator); listed at /api/v1/kpi/measure-groups/.",
    )
    measure = django_filters.ChoiceFilter(
        choices=measure_choices, help_text="A measure's name, e.g. cp_plans_active."
    )
    layout = django_filters.ChoiceFilter(
        choices=[(LAYOUT_LONG, "A row per value"), (LAYOUT_WIDE, "A column per measure")],
        method=keep_every_row,
        help_text="For CSV: `long` (the default), a row per value; `wide`, a row per "
        "authority, quarter and cohort with a column per measure.",
    )

    class Meta:
        model = IndicatorValue
        fields = [
            "la",
            "quarter",
            "quarter_from",
            "quarter_to",
            "cohort",
            "indicator",
            "group",
            "measure",
            "layout",
        ]
