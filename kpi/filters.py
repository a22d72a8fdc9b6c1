"""Filters over stored indicator values, shared by the dashboards and the API."""

import django_filters
from django import forms

from kpi.models import IndicatorValue
from kpi.quarters import Quarter
from models_registry.filters import QueryTextField, QueryTextFilter


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


class IndicatorValueFilter(django_filters.FilterSet):
    la = QueryTextFilter(
        field_name="authority__slug", help_text="Local authority slug, e.g. bracknell-forest."
    )
    quarter = QuarterFilter(field_name="quarter", help_text="One quarter, e.g. 2018-Q1.")
    quarter_from = QuarterFilter(
        field_name="quarter", lookup_expr="gte", help_text="First quarter, inclusive."
    )
    quarter_to = QuarterFilter(
        field_name="quarter", lookup_expr="lte", help_text="Last quarter, inclusive."
    )
    cohort = QueryTextFilter(help_text="A cohort's name, e.g. 'Cohort 1', or 'all'.")
    indicator = django_filters.NumberFilter(
        help_text="The toolkit's indicator number (0 to 20; 0 is police and cohort size).",
        min_value=0,
        max_value=20,
        decimal_places=0,
    )
    measure = QueryTextFilter(help_text="A measure's name, e.g. cp_plans_active.")

    class Meta:
        model = IndicatorValue
        fields = ["la", "quarter", "quarter_from", "quarter_to", "cohort", "indicator", "measure"]
