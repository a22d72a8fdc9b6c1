"""The analysts' API over the indicators' definitions and the groups of measures: what
each indicator and measure is, where the toolkit and the specification define it. The
values themselves are kpi/api/values.py."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from kpi.definitions import INDICATORS, SPECIFICATION
from kpi.measures.definition import Statistic, Unit
from kpi.measures.groups import GROUPS_OUTSIDE_TOOLKIT, group_key
from kpi.measures.registry import MEASURES
from kpi.models import IndicatorDefinition
from kpi.specification import section_url


class MeasureSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="As used by the values endpoint's `measure` filter.")
    kind = serializers.ChoiceField(choices=Statistic.values, help_text="count, mean or rate.")
    unit = serializers.ChoiceField(choices=Unit.values)
    decimals = serializers.IntegerField(help_text="Values are rounded to this many places.")
    label = serializers.CharField()


def measures_of(indicator: int) -> list[dict]:
    return [
        {
            "name": spec.key,
            "kind": str(spec.statistic),
            "unit": str(spec.unit_name),
            "decimals": spec.precision,
            "label": spec.label,
        }
        for spec in MEASURES.values()
        if spec.indicator == indicator
    ]


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
        return measures_of(definition.number)


class IndicatorDefinitionViewSet(viewsets.ReadOnlyModelViewSet):
    """The toolkit's 20 indicators with the measures the portal computes for each."""

    serializer_class = IndicatorDefinitionSerializer
    queryset = IndicatorDefinition.objects.order_by("number")
    permission_classes = [AllowAny]
    lookup_field = "number"
    pagination_class = None


class MeasureGroupSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="The values endpoint's `group`.")
    title = serializers.CharField()
    indicator = serializers.IntegerField(
        allow_null=True, help_text="The toolkit's indicator number; null for a named group."
    )
    definition = serializers.CharField(help_text="What the group's measures count.")
    definition_url = serializers.CharField(
        help_text="Where it is defined: the indicator in this API, or the KPI specification "
        "page at the section."
    )
    measures = MeasureSerializer(many=True)


class MeasureGroupViewSet(viewsets.ViewSet):
    """Every group of measures a value belongs to (the values endpoint's `group`): the
    toolkit's indicators, and the named groups of measures that belong to no toolkit
    indicator (police involvement and cohort size), each with its definition."""

    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    lookup_field = "key"
    lookup_value_regex = "[a-z0-9-]+"
    serializer_class = MeasureGroupSerializer

    def groups(self) -> list[dict]:
        request = self.request
        groups = [
            {
                "key": group_key(definition.number),
                "title": definition.title,
                "indicator": definition.number,
                "definition": definition.method,
                "definition_url": request.build_absolute_uri(
                    reverse("kpi-api:indicator-detail", args=[definition.number])
                ),
                "measures": measures_of(definition.number),
            }
            for definition in INDICATORS
        ]
        for stored, group in GROUPS_OUTSIDE_TOOLKIT.items():
            groups.append(
                {
                    "key": group.key,
                    "title": group.title,
                    "indicator": None,
                    "definition": group.definition,
                    "definition_url": request.build_absolute_uri(
                        reverse("kpi:specification") + section_url(group.citation)
                    ),
                    "measures": measures_of(stored),
                }
            )
        return groups

    def list(self, request):
        return Response(MeasureGroupSerializer(self.groups(), many=True).data)

    def retrieve(self, request, key=None):
        for group in self.groups():
            if group["key"] == key:
                return Response(MeasureGroupSerializer(group).data)
        raise NotFound(
            f"No group of measures “{key}”: the groups are listed at /api/v1/kpi/measure-groups/."
        )
