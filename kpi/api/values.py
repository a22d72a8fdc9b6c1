"""The analysts' API over stored indicator values (the definitions: kpi/api/indicators.py).

Every value goes out through kpi.disclosure.shown_to, the same rule the pages use: it
reads the suppression decided when the values were stored."""

import math

from django.db.models import BooleanField, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from accounts.permissions import can_view_records
from kpi.definitions import INDICATORS
from kpi.disclosure import shown_to
from kpi.filters import LAYOUT_WIDE, IndicatorValueFilter
from kpi.measures.groups import GROUPS_OUTSIDE_TOOLKIT, group_key, toolkit_number
from kpi.measures.registry import MEASURES
from kpi.models import Cohort, IndicatorValue
from kpi.models.values import ALL_COHORTS, ALL_COHORTS_NAME
from kpi.selectors import values_for_export
from seslip.content_cache import CachedListMixin
from seslip.renderers import SafeCSVRenderer

TOOLKIT_TITLES = {indicator.number: indicator.title for indicator in INDICATORS}


class ValuePagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


class IndicatorValueSerializer(serializers.ModelSerializer):
    """One value, self-describing (issue 23): who, when, which cohort, what the measure is
    and counts in, which indicator (or named group) it belongs to, and whether it comes
    from synthetic data."""

    la = serializers.CharField(source="authority_slug", help_text="Local authority slug.")
    la_name = serializers.CharField(source="authority_name", help_text="The authority's name.")
    la_gss_code = serializers.CharField(
        source="authority_gss_code", help_text="The authority's GSS code (ONS), e.g. E06000036."
    )
    cohort = serializers.SerializerMethodField(
        help_text="The cohort's stable key: `1` to `6` (the authority's cohort number, as the "
        "`cohort` filter takes it), or `all` for all cohorts together."
    )
    cohort_name = serializers.SerializerMethodField(
        help_text="The cohort's display name, e.g. 'Cohort 1' or 'All cohorts'."
    )
    indicator = serializers.SerializerMethodField(
        help_text="The toolkit's indicator number (1 to 20); null for a measure of no toolkit "
        "indicator (see `group`)."
    )
    indicator_title = serializers.SerializerMethodField(
        help_text="The toolkit indicator's title; null for a measure of no toolkit indicator."
    )
    group = serializers.SerializerMethodField(
        help_text="`indicator-<number>`, or the named group of measures that belong to no "
        "toolkit indicator (`police-and-cohort`); each is defined at "
        "/api/v1/kpi/measure-groups/."
    )
    group_title = serializers.SerializerMethodField(help_text="The indicator's or group's title.")
    measure_label = serializers.SerializerMethodField(help_text="The measure in plain English.")
    unit = serializers.SerializerMethodField(
        help_text="What the value is counted in: count, days, weeks, percent, score or pounds."
    )
    kind = serializers.SerializerMethodField(
        help_text="count, mean or rate (a percentage of `denominator`)."
    )
    decimals = serializers.SerializerMethodField(
        help_text="The measure's precision: `value` is rounded to this many decimal places; "
        "`numerator` and `denominator` are exact."
    )
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
    is_synthetic = serializers.BooleanField(
        help_text="True when the value was computed from synthetic (made-up) demonstration "
        "data, not an authority's real return."
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
            "la_name",
            "la_gss_code",
            "quarter",
            "cohort",
            "cohort_name",
            "indicator",
            "indicator_title",
            "group",
            "group_title",
            "measure",
            "measure_label",
            "unit",
            "kind",
            "decimals",
            "value",
            "numerator",
            "denominator",
            "people",
            "suppressed",
            "is_synthetic",
            "submission",
            "computed_at",
        ]

    def get_cohort(self, value) -> str:
        if value.cohort == ALL_COHORTS:
            return ALL_COHORTS
        return str(value.cohort_number) if value.cohort_number is not None else value.cohort

    def get_cohort_name(self, value) -> str:
        return ALL_COHORTS_NAME if value.cohort == ALL_COHORTS else value.cohort

    def get_indicator(self, value) -> int | None:
        return toolkit_number(value.indicator)

    def get_indicator_title(self, value) -> str | None:
        if toolkit_number(value.indicator) is None:
            return None
        return TOOLKIT_TITLES.get(value.indicator)

    def get_group(self, value) -> str:
        return group_key(value.indicator)

    def get_group_title(self, value) -> str:
        if value.indicator in GROUPS_OUTSIDE_TOOLKIT:
            return GROUPS_OUTSIDE_TOOLKIT[value.indicator].title
        return TOOLKIT_TITLES.get(value.indicator, "")

    def get_measure_label(self, value) -> str:
        return MEASURES[value.measure].label

    def get_unit(self, value) -> str:
        return str(MEASURES[value.measure].unit_name)

    def get_kind(self, value) -> str:
        return str(MEASURES[value.measure].statistic)

    def get_decimals(self, value) -> int:
        return MEASURES[value.measure].precision

    def to_representation(self, instance):
        data = super().to_representation(instance)
        shown = shown_to(self.context["request"].user, instance)
        data.update(
            value=rounded(shown.value, instance.measure),
            numerator=whole_if_integral(shown.numerator),
            denominator=whole_if_integral(shown.denominator),
            people=shown.people,
            suppressed=shown.suppressed,
        )
        if not can_view_records(self.context["request"].user, instance.authority_id):
            data["submission"] = None
        return data


def rounded(number: float | None, measure: str) -> float | int | None:
    """A value at its measure's precision (MeasureDefinition.rounded); a count stays whole."""
    number = whole_if_integral(number)
    if number is None or isinstance(number, int):
        return number
    return whole_if_integral(MEASURES[measure].rounded(number))


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

    Filter with `la`, `quarter`, `quarter_from`, `quarter_to`, `cohort`, `indicator`, `group`
    and `measure`. Add `?format=csv` (or send `Accept: text/csv`) for every selected row as
    CSV, a row per value; add `layout=wide` too for a row per authority, quarter and cohort
    with a column per measure.
    Values resting on 1 to 4 people (or whose numerator, denominator or their difference
    does), and values that would reveal such a number, are null with `suppressed: true`
    unless you are an analyst of the authority or a regional analyst; `people` is null
    for everyone else."""

    serializer_class = IndicatorValueSerializer
    filterset_class = IndicatorValueFilter
    pagination_class = ValuePagination
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer, SafeCSVRenderer]
    queryset = IndicatorValue.objects.annotate(
        authority_slug=F("authority__slug"),
        authority_name=F("authority__name"),
        authority_gss_code=F("authority__gss_code"),
        cohort_number=Subquery(
            Cohort.objects.filter(authority=OuterRef("authority"), name=OuterRef("cohort")).values(
                "number"
            )[:1]
        ),
        is_synthetic=Coalesce(
            F("submission__is_synthetic"), Value(False), output_field=BooleanField()
        ),
    ).order_by("authority__slug", "quarter", "indicator", "measure", "cohort_position")

    def list(self, request, *args, **kwargs):
        wide = request.query_params.get("layout") == LAYOUT_WIDE
        if request.accepted_renderer.format != "csv":
            if wide:
                raise ValidationError(
                    {"layout": ["layout=wide is a CSV layout: add format=csv, or leave it out."]}
                )
            return super().list(request, *args, **kwargs)
        # A CSV holds every selected row, unpaginated, and is an export: read through the
        # selector that writes it to the access log.
        values = values_for_export(
            request=request, values=self.filter_queryset(self.get_queryset())
        )
        rows = self.get_serializer(values, many=True).data
        return Response(wide_rows(values, rows) if wide else rows)

    def retrieve(self, request, *args, **kwargs):
        if request.accepted_renderer.format != "csv":
            return super().retrieve(request, *args, **kwargs)
        [value] = values_for_export(request=request, values=[self.get_object()])
        return Response(self.get_serializer(value).data)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code >= 400 and isinstance(response.accepted_renderer, SafeCSVRenderer):
            # Errors stay JSON, as documented, even when CSV was asked for.
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        if request.accepted_renderer.format == "csv" and response.status_code == 200:
            response["Content-Disposition"] = 'attachment; filename="kpi-values.csv"'
        return response


WIDE_KEYS = ("la", "la_name", "la_gss_code", "quarter", "cohort", "cohort_name", "is_synthetic")


def wide_rows(values: list[IndicatorValue], rows: list[dict]) -> list[dict]:
    """The long rows pivoted: one per authority, quarter and cohort (in that order, cohorts
    in display order), its describing columns, then a column per measure present, in the
    registry's order, holding the value as the long row shows it (empty when suppressed or
    no data)."""
    present = {value.measure for value in values}
    measures = [key for key in MEASURES if key in present]
    wide: dict[tuple, dict] = {}
    for value, row in zip(values, rows, strict=True):
        key = (row["la"], row["quarter"], value.cohort_position, row["cohort"])
        line = wide.setdefault(
            key, {**{name: row[name] for name in WIDE_KEYS}, **dict.fromkeys(measures)}
        )
        line[row["measure"]] = row["value"]
    return [wide[key] for key in sorted(wide)]
