"""The finding filters shared by the search page and the API (one FilterSet, one URL shape)."""

import django_filters
from django import forms
from django.db.models import Q

from evidence import search
from evidence.models import Direction, Evaluation, OutcomeDomain, Strength
from evidence.search import MAX_QUERY_LENGTH
from models_registry.filters import QueryTextFilter
from models_registry.models import LocalAuthority, PracticeModel
from seslip.filtering import PortalFilterSet
from seslip.find_by_name import FindByNameFilter

SOURCE_CHOICES = (
    # Independence follows who produced the document (evidence/independence.py).
    ("independent", "Independent (evaluators, systematic reviews, inspections)"),
    ("self_reported", "Not independent (authorities' and providers' own, or producer not named)"),
)


class FindingFilter(PortalFilterSet):
    q = QueryTextFilter(
        method="filter_query",
        label="Search the evidence",
        max_length=MAX_QUERY_LENGTH,
        validators=[search.check_query_words],
    )
    model = FindByNameFilter(
        noun="practice model",
        listed_at="the practice models list (/models/)",
        source="practice-models",
        field_name="practice_model",
        to_field_name="slug",
        queryset=PracticeModel.objects.order_by("name"),
        label="Practice model",
        empty_label="Any model",
        null_label="Across models (not about one model)",
    )
    authority = FindByNameFilter(
        noun="local authority with findings",
        listed_at="the local authorities list (/authorities/)",
        source="authorities",
        field_name="authority",
        to_field_name="slug",
        queryset=LocalAuthority.objects.filter(findings__isnull=False).distinct().order_by("name"),
        label="Local authority",
        empty_label="Any authority",
    )
    outcome = django_filters.ModelChoiceFilter(
        field_name="outcome_domain",
        to_field_name="slug",
        queryset=OutcomeDomain.objects.all(),
        label="Outcome",
        empty_label="Any outcome",
    )
    direction = django_filters.ChoiceFilter(
        choices=Direction.choices, label="Direction", empty_label="Any direction"
    )
    design = django_filters.ChoiceFilter(
        field_name="evaluation__design",
        choices=Evaluation.Design.choices,
        label="Design",
        empty_label="Any design",
    )
    strength = django_filters.ChoiceFilter(
        field_name="evaluation__strength",
        choices=Strength.choices,
        label="Strength of evidence",
        empty_label="Any strength",
    )
    year_from = django_filters.NumberFilter(
        field_name="evaluation__year", lookup_expr="gte", label="Published from (year)"
    )
    year_to = django_filters.NumberFilter(
        field_name="evaluation__year", lookup_expr="lte", label="Published to (year)"
    )
    source = django_filters.ChoiceFilter(
        choices=SOURCE_CHOICES,
        method="filter_source",
        label="Independent or self-reported",
        empty_label="Either",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, form_field in self.form.fields.items():
            widget = form_field.widget
            if isinstance(widget, forms.Select):
                widget.attrs["class"] = "govuk-select"
            elif name.startswith("year"):
                widget.attrs.update(
                    {"class": "govuk-input govuk-input--width-4", "inputmode": "numeric"}
                )
            else:
                widget.attrs["class"] = "govuk-input"

    def filter_query(self, queryset, name, value):
        return search.search_findings(queryset, value)

    def filter_source(self, queryset, name, value):
        self_reported = Q(evaluation__kind=Evaluation.Kind.SELF_REPORTED)
        if value == "self_reported":
            return queryset.filter(self_reported)
        return queryset.exclude(self_reported)


class EvaluationFilter(PortalFilterSet):
    model = django_filters.ModelChoiceFilter(
        field_name="practice_models",
        to_field_name="slug",
        queryset=PracticeModel.objects.all(),
        label="Practice model",
    )
    authority = django_filters.ModelChoiceFilter(
        field_name="authorities",
        to_field_name="slug",
        queryset=LocalAuthority.objects.all(),
        label="Local authority",
    )
    kind = django_filters.ChoiceFilter(choices=Evaluation.Kind.choices)
    design = django_filters.ChoiceFilter(choices=Evaluation.Design.choices)
    strength = django_filters.ChoiceFilter(choices=Strength.choices)
    year_from = django_filters.NumberFilter(field_name="year", lookup_expr="gte")
    year_to = django_filters.NumberFilter(field_name="year", lookup_expr="lte")
