"""Read-only API over the evidence library; findings share the search page's FilterSet."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, viewsets

from evidence import selectors
from evidence.api import csv_export
from evidence.api.serializers import EvaluationSerializer, FindingSerializer
from evidence.filters import EvaluationFilter, FindingFilter
from evidence.models import Evaluation
from seslip.content_cache import CachedListMixin
from sources.selectors import citations_prefetch


class EvaluationViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    """Evaluations, inspections, reviews and self-reported accounts, with their rating."""

    serializer_class = EvaluationSerializer
    filterset_class = EvaluationFilter
    lookup_field = "slug"
    queryset = (
        Evaluation.objects.select_related("source")
        .prefetch_related("practice_models", "authorities", citations_prefetch())
        .order_by("slug")
    )

    def get_queryset(self):
        return super().get_queryset().distinct()


SEARCH_PARAMETER = OpenApiParameter(
    "q",
    OpenApiTypes.STR,
    description="Full-text search (ranked on PostgreSQL; every word must match).",
)


def _published_findings():
    return selectors.ordered_by_strength(selectors.published_findings())


@extend_schema(parameters=[SEARCH_PARAMETER])
class FindingViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    """Published findings, filtered like /evidence/search/ (same parameters)."""

    serializer_class = FindingSerializer
    filterset_class = FindingFilter
    lookup_field = "key"

    def get_queryset(self):
        return _published_findings()


@extend_schema(
    summary="Download the filtered findings as CSV",
    description=(
        "Same filters as the findings list. Cells that a spreadsheet would read as a formula "
        "(starting with = + - @ or their full-width forms, also after leading spaces or line "
        "breaks, or with a tab or carriage return) are prefixed with a single quote."
    ),
    parameters=[SEARCH_PARAMETER],
    responses={(200, "text/csv"): OpenApiResponse(response=OpenApiTypes.STR)},
)
class FindingCsvView(generics.ListAPIView):
    """The findings list as a CSV file.

    It has its own path, not ``findings/csv/``: under ``findings/`` it would shadow a
    finding whose key is ``csv``. A list view, so that the schema documents its filters.
    """

    serializer_class = FindingSerializer  # not used for the CSV; names the schema's rows
    filterset_class = FindingFilter
    pagination_class = None

    def get_queryset(self):
        return _published_findings()

    def list(self, request, *args, **kwargs):
        findings = self.filter_queryset(self.get_queryset())
        response = HttpResponse(csv_export.findings_csv(findings), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="evidence-findings.csv"'
        return response
