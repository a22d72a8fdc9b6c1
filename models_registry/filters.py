"""django-filter sets shared by the registry's pages and its API (same names, same rules)."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet

from models_registry.models import (
    Adoption,
    LocalAuthority,
    PracticeModel,
    PracticeTool,
    Theme,
    Underpinning,
)
from seslip.filtering import PortalFilterSet
from seslip.find_by_name import FindByNameFilter

# The longest text any free-text query parameter takes, on pages and in the API (issue 17):
# longer texts are a field error (page) or a 400 (API), never a query. SQLite refuses a
# LIKE pattern over 50,000 bytes, which answered 503; nothing here needs more than a few
# words. evidence/search.py searches at most this much too.
QUERY_TEXT_MAX = 200


class QueryTextField(forms.CharField):
    default_error_messages = {
        "max_length": "Enter %(limit_value)d characters or fewer (this has %(show_value)d)."
    }

    def __init__(self, *args, max_length: int = QUERY_TEXT_MAX, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)


class QueryTextFilter(django_filters.CharFilter):
    """A free-text query parameter: at most QUERY_TEXT_MAX characters. Every text filter of
    the portal's FilterSets is one of these."""

    field_class = QueryTextField


def region_choices() -> list[tuple[str, str]]:
    """The regions the authorities are in, read from the database each time the choices
    are listed (a callable: a filter built once, as the OpenAPI schema builds them, must
    not keep the regions it first saw)."""
    regions = LocalAuthority.objects.order_by("region").values_list("region", flat=True)
    return [(region, region) for region in regions.distinct()]


FUNDING_ANY = "any"
FUNDING_NONE = "none"
FUNDING_CHOICES = [
    (FUNDING_ANY, "Any DfE funding"),
    (FUNDING_NONE, "No DfE funding recorded"),
    *Adoption.FundingProgramme.choices,
]


class PracticeModelFilter(PortalFilterSet):
    """Filters for /models/ and /api/v1/practice-models/. Expects the queryset from
    `selectors.practice_models()`, which annotates `authority_count`."""

    q = QueryTextFilter(method="filter_text", label="Name contains")
    kind = django_filters.ChoiceFilter(choices=PracticeModel.Kind.choices, label="Kind")
    underpinning = django_filters.ModelChoiceFilter(
        field_name="underpinnings",
        to_field_name="slug",
        queryset=Underpinning.objects.all(),
        label="Underpinning",
    )
    tool = django_filters.ModelChoiceFilter(
        field_name="tools",
        to_field_name="slug",
        queryset=PracticeTool.objects.all(),
        label="Practice tool",
    )
    funding = django_filters.ChoiceFilter(
        choices=FUNDING_CHOICES, method="filter_funding", label="DfE funding"
    )
    min_authorities = django_filters.NumberFilter(
        field_name="authority_count", lookup_expr="gte", label="Used by at least (authorities)"
    )
    max_authorities = django_filters.NumberFilter(
        field_name="authority_count", lookup_expr="lte", label="Used by at most (authorities)"
    )
    sort = django_filters.OrderingFilter(
        fields=(("name", "name"), ("authority_count", "authorities"), ("kind", "kind")),
        field_labels={
            "name": "Name (A to Z)",
            "-name": "Name (Z to A)",
            "authorities": "Fewest authorities first",
            "-authorities": "Most authorities first",
            "kind": "Kind",
            "-kind": "Kind (reversed)",
        },
        label="Sort by",
    )

    class Meta:
        model = PracticeModel
        fields = ["q", "kind", "underpinning", "tool", "funding"]

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(name__icontains=value) | Q(short_name__iexact=value))

    def filter_funding(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        funded = Adoption.objects.filter(practice_model=OuterRef("pk")).exclude(dfe_programme="")
        if value == FUNDING_ANY:
            return queryset.filter(Exists(funded))
        if value == FUNDING_NONE:
            return queryset.filter(~Exists(funded))
        return queryset.filter(Exists(funded.filter(dfe_programme=value)))


class LocalAuthorityFilter(PortalFilterSet):
    """Filters for /authorities/ and /api/v1/local-authorities/. Model, role and status
    apply to the SAME adoption (an authority using model X with role Y), so they are
    combined in one EXISTS rather than chained joins."""

    q = QueryTextFilter(field_name="name", lookup_expr="icontains", label="Name")
    region = django_filters.ChoiceFilter(choices=region_choices, label="Region")
    model = FindByNameFilter(
        to_field_name="slug",
        queryset=PracticeModel.objects.order_by("name"),
        method="filter_by_adoption",
        label="Uses model",
        noun="practice model",
        listed_at="the practice models list (/models/)",
        source="practice-models",
    )
    role = django_filters.ChoiceFilter(
        choices=Adoption.Role.choices, method="filter_by_adoption", label="Role of the model"
    )
    status = django_filters.ChoiceFilter(
        choices=Adoption.Status.choices, method="filter_by_adoption", label="Status"
    )
    sort = django_filters.OrderingFilter(
        fields=(("name", "name"), ("model_count", "models"), ("region", "region")),
        field_labels={
            "name": "Name (A to Z)",
            "-name": "Name (Z to A)",
            "models": "Fewest models first",
            "-models": "Most models first",
            "region": "Region",
            "-region": "Region (reversed)",
        },
        label="Sort by",
    )

    class Meta:
        model = LocalAuthority
        fields = ["q", "region", "kind"]

    def filter_by_adoption(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Applied once, in filter_queryset, with all three values together.
        return queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        conditions = {}
        data = self.form.cleaned_data
        if data.get("model"):
            conditions["practice_model"] = data["model"]
        if data.get("role"):
            conditions["role"] = data["role"]
        if data.get("status"):
            conditions["status"] = data["status"]
        if not conditions:
            return queryset
        matching = Adoption.objects.filter(local_authority=OuterRef("pk"), **conditions)
        return queryset.filter(Exists(matching))


class AdoptionFilter(PortalFilterSet):
    """Filters for /api/v1/adoptions/."""

    authority = django_filters.ModelChoiceFilter(
        field_name="local_authority",
        to_field_name="slug",
        queryset=LocalAuthority.objects.order_by("slug"),
        label="Authority",
    )
    model = django_filters.ModelChoiceFilter(
        field_name="practice_model",
        to_field_name="slug",
        queryset=PracticeModel.objects.order_by("slug"),
        label="Model",
    )
    role = django_filters.ChoiceFilter(choices=Adoption.Role.choices)
    status = django_filters.ChoiceFilter(choices=Adoption.Status.choices)
    dfe_programme = django_filters.ChoiceFilter(choices=Adoption.FundingProgramme.choices)
    survey = django_filters.ChoiceFilter(choices=Adoption.Survey.choices)
    region = django_filters.ChoiceFilter(
        field_name="local_authority__region", choices=region_choices
    )

    class Meta:
        model = Adoption
        fields = ["authority", "model", "role", "status", "dfe_programme", "survey", "region"]


class ThemeFilter(PortalFilterSet):
    """Filters for /themes/: which themes a model or an authority reports."""

    kind = django_filters.ChoiceFilter(choices=Theme.Kind.choices, label="Feature or challenge")
    model = django_filters.ModelChoiceFilter(
        field_name="practice_models",
        to_field_name="slug",
        queryset=PracticeModel.objects.order_by("name"),
        label="Reported for model",
    )
    authority = django_filters.ModelChoiceFilter(
        field_name="authorities",
        to_field_name="slug",
        queryset=LocalAuthority.objects.order_by("name"),
        label="Reported by authority",
    )

    class Meta:
        model = Theme
        fields = ["kind", "model", "authority"]
