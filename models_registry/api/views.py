"""Read-only public API over the registry (authorities, models, adoptions). Filters are
the same FilterSets the pages use (models_registry.filters)."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from models_registry import selectors
from models_registry.api.serializers import (
    AdoptionSerializer,
    LocalAuthoritySerializer,
    PracticeModelSerializer,
)
from models_registry.filters import AdoptionFilter, LocalAuthorityFilter, PracticeModelFilter
from models_registry.models import Adoption
from seslip.content_cache import CachedListMixin
from sources.selectors import citations_prefetch


class PublicReadOnlyViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]


@extend_schema_view(
    list=extend_schema(
        summary="List local authorities",
        description="Authorities with the models they use. Filter by model slug, role and "
        "status (all three apply to the same adoption), region and kind.",
    ),
    retrieve=extend_schema(summary="One local authority, by slug"),
)
class LocalAuthorityViewSet(PublicReadOnlyViewSet):
    serializer_class = LocalAuthoritySerializer
    filterset_class = LocalAuthorityFilter
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.local_authorities().prefetch_related(
            citations_prefetch(),
            Prefetch(
                "adoptions",
                queryset=Adoption.objects.select_related("practice_model").order_by(
                    "practice_model__name"
                ),
            ),
        )


@extend_schema_view(
    list=extend_schema(
        summary="List practice models",
        description="Models with their underpinnings, tools and the authorities using them. "
        "Filter by kind, underpinning slug, tool slug, DfE funding and authority count.",
    ),
    retrieve=extend_schema(summary="One practice model, by slug"),
)
class PracticeModelViewSet(PublicReadOnlyViewSet):
    serializer_class = PracticeModelSerializer
    filterset_class = PracticeModelFilter
    lookup_field = "slug"

    def get_queryset(self):
        return (
            selectors.practice_models()
            .select_related("builds_on")
            .prefetch_related(
                "underpinnings",
                "tools",
                citations_prefetch(),
                Prefetch(
                    "adoptions",
                    queryset=Adoption.objects.select_related("local_authority").order_by(
                        "local_authority__name"
                    ),
                ),
            )
        )


@extend_schema_view(
    list=extend_schema(
        summary="List adoptions (which authority uses which model)",
        description="Filter by authority and model slug, role, status, DfE programme, survey "
        "and region.",
    ),
    retrieve=extend_schema(summary="One adoption, by id"),
)
class AdoptionViewSet(PublicReadOnlyViewSet):
    serializer_class = AdoptionSerializer
    filterset_class = AdoptionFilter

    def get_queryset(self):
        return selectors.adoptions().order_by("practice_model__name", "local_authority__name")
