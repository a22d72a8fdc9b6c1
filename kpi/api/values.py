"""The analysts' API over stored indicator values and the indicators' definitions.

Every value goes out through kpi.disclosure.shown_to, the same rule the pages use: it
reads the suppression decided when the values were stored."""

import math

from django.db.models import F
from django.urls import reverse
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from accounts.models import AccessLog
from accounts.permissions import can_view_records
from accounts.services import record_access
from kpi.definitions import SPECIFICATION
from kpi.disclosure import shown_to
from kpi.filters import IndicatorValueFilter
from kpi.measures.definition import Kind
from kpi.measures.registry import MEASURES
from kpi.models import IndicatorDefinition, IndicatorValue
from kpi.specification import section_url
from seslip.content_cache import CachedListMixin
from seslip.renderers import SafeCSVRenderer


class ValuePagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


class IndicatorValueSerializer(serializers.ModelSerializer):
    la = serializers.CharField(source="authority_slug", help_text="Local authority slug.")
    value = serializers.FloatField(allow_null=True)
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    people = serializers.IntegerField(
        allow_null=True,
        help_text="How many people the figure rests on; only for analysts of the authority "
        "and regional analysts, null for everyone else.",
    )
    suppressed = serializers.BooleanField(
        help_text="True when the value is hidden from you (small-number suppression, "
        "docs/security.md): value, numerator and denominator are then null."
    )
    submission = serializers.IntegerField(
        source="submission_id",
        allow_null=True,
        help_text="The record-level submission the value comes from, for the authority's own "
        "analysts only; null for everyone else, so that no one learns another authority's "
        "submission ids, and null for figures returned as aggregates (KPI specification §7).",
    )

    class Meta:
        model = IndicatorValue
        fields = [
            "la",
            "quarter",
            "cohort",
            "indicator",
            "measure",
            "value",
            "numerator",
            "denominator",
            "people",
            "suppressed",
            "submission",
            "computed_at",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        shown = shown_to(self.context["request"].user, instance)
        data.update(
            value=whole_if_integral(shown.value),
            numerator=whole_if_integral(shown.numerator),
            denominator=whole_if_integral(shown.denominator),
            people=shown.people,
            suppressed=shown.suppressed,
        )
        if not can_view_records(self.context["request"].user, instance.authority_id):
            data["submission"] = None
        return data


def whole_if_integral(number: float | None) -> float | int | None:
    """Counts are stored as floats beside means; send 42, not 42.0. A number that is not
    finite is no figure (and not JSON): null."""
    if number is not None and not math.isfinite(number):
        return None
    if number is not None and float(number).is_integer():
        return int(number)
    return number


@extend_schema(
    examples=[
        OpenApiExample(
            "A shown value",
            value={
                "la": "bracknell-forest",
                "quarter": "2018-Q1",
                "cohort": "all",
                "indicator": 1,
                "measure": "cp_plans_active",
                "value": 42,
                "numerator": 42,
                "denominator": None,
                "people": None,
                "suppressed": False,
                "submission": 12,
                "computed_at": "2026-11-23T19:40:00Z",
            },
            response_only=True,
        ),
        OpenApiExample(
            "A suppressed value",
            value={
                "la": "surrey",
                "quarter": "2018-Q1",
                "cohort": "Cohort 2",
                "indicator": 5,
                "measure": "cla_at_end",
                "value": None,
                "numerator": None,
                "denominator": None,
                "people": None,
                "suppressed": True,
                "submission": None,
                "computed_at": "2026-11-23T19:40:00Z",
            },
            response_only=True,
        ),
    ],
)
class IndicatorValueViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    """Indicator values per authority, quarter, cohort and measure.

    Filter with `la`, `quarter`, `quarter_from`, `quarter_to`, `cohort`, `indicator` and
    `measure`. Add `?format=csv` (or send `Accept: text/csv`) for every selected row as CSV.
    Values resting on 1 to 4 people (or whose numerator, denominator or their difference
    does), and values that would reveal such a number, are null with `suppressed: true`
    unless you are an analyst of the authority or a regional analyst; `people` is null
    for everyone else."""

    serializer_class = IndicatorValueSerializer
    filterset_class = IndicatorValueFilter
    pagination_class = ValuePagination
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer, SafeCSVRenderer]
    queryset = IndicatorValue.objects.annotate(authority_slug=F("authority__slug")).order_by(
        "authority__slug", "quarter", "indicator", "measure", "cohort_position"
    )

    def paginate_queryset(self, queryset):
        if self.request.accepted_renderer.format == "csv":
            return None
        return super().paginate_queryset(queryset)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code >= 400 and isinstance(response.accepted_renderer, SafeCSVRenderer):
            # Errors stay JSON, as documented, even when CSV was asked for.
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        if request.accepted_renderer.format == "csv" and response.status_code == 200:
            response["Content-Disposition"] = 'attachment; filename="kpi-values.csv"'
            record_access(
                request=request, action=AccessLog.Action.EXPORT, target=request.get_full_path()
            )
        return response


class MeasureSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="As used by the values endpoint's `measure` filter.")
    kind = serializers.ChoiceField(choices=Kind.values)
    label = serializers.CharField()


class IndicatorCitationSerializer(serializers.Serializer):
    source = serializers.CharField(help_text="The document's id in /api/v1/sources/.")
    title = serializers.CharField(help_text="The document, by its title.")
    locator = serializers.CharField(help_text="The place in it, as the document numbers it.")
    url = serializers.SerializerMethodField(
        help_text="Where to read it in the portal: the KPI specification page at the section; "
        "null for the toolkit, which the portal does not host."
    )

    def get_url(self, citation) -> str | None:
        if citation.title != SPECIFICATION:
            return None
        path = reverse("kpi:specification") + section_url(citation.locator)
        return self.context["request"].build_absolute_uri(path)


class IndicatorDefinitionSerializer(serializers.ModelSerializer):
    measures = serializers.SerializerMethodField()
    citations = IndicatorCitationSerializer(
        many=True,
        read_only=True,
        help_text="Where the indicator is defined: the toolkit's heading, then the sections "
        "of the portal's KPI specification that say how the portal works it out.",
    )

    class Meta:
        model = IndicatorDefinition
        fields = [
            "number",
            "title",
            "evidences",
            "scope",
            "data_source",
            "method",
            "collection",
            "note",
            "measures",
            "citations",
        ]

    @extend_schema_field(MeasureSerializer(many=True))
    def get_measures(self, definition) -> list[dict]:
        return [
            {"name": spec.key, "kind": str(spec.kind), "label": spec.label}
            for spec in MEASURES.values()
            if spec.indicator == definition.number
        ]


class IndicatorDefinitionViewSet(viewsets.ReadOnlyModelViewSet):
    """The toolkit's 20 indicators with the measures the portal computes for each."""

    serializer_class = IndicatorDefinitionSerializer
    queryset = IndicatorDefinition.objects.order_by("number")
    permission_classes = [AllowAny]
    lookup_field = "number"
    pagination_class = None
