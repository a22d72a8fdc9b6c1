"""Read-only public API over the registry (authorities, models, adoptions). Filters are
the same FilterSets the pages use (models_registry.filters)."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request

from models_registry import selectors
from models_registry.api.editing import (
    AdoptionPatchSerializer,
    ContactPatchSerializer,
    ContactSerializer,
    LocalAuthorityPatchSerializer,
    MayEditRow,
    PatchMixin,
    editable_contacts,
    patch_schema,
)
from models_registry.api.serializers import (
    AdoptionSerializer,
    LocalAuthoritySerializer,
    PracticeModelSerializer,
)
from models_registry.filters import AdoptionFilter, LocalAuthorityFilter, PracticeModelFilter
from models_registry.models import Adoption
from models_registry.permissions import editable_authorities
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
    partial_update=patch_schema(
        "Change an authority's entry", LocalAuthorityPatchSerializer, LocalAuthoritySerializer
    ),
)
class LocalAuthorityViewSet(PatchMixin, PublicReadOnlyViewSet):
    permission_classes = [MayEditRow]
    patch_serializer_class = LocalAuthorityPatchSerializer
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
    partial_update=patch_schema(
        "Change how an authority uses a model", AdoptionPatchSerializer, AdoptionSerializer
    ),
)
class AdoptionViewSet(PatchMixin, PublicReadOnlyViewSet):
    permission_classes = [MayEditRow]
    patch_serializer_class = AdoptionPatchSerializer
    serializer_class = AdoptionSerializer
    filterset_class = AdoptionFilter

    def get_queryset(self):
        return selectors.adoptions().order_by("practice_model__name", "local_authority__name")


class EditsSomeAuthority(BasePermission):
    """Contacts are personal data: this API is for the people who keep them (authority
    editors, regional admins), not a directory."""

    def has_permission(self, request: Request, view: object) -> bool:
        return editable_authorities(request.user).exists()


@extend_schema_view(
    list=extend_schema(
        summary="List the contacts you keep",
        description="An authority editor's own authority's contacts; every contact for a "
        "regional admin. Others: 403.",
    ),
    retrieve=extend_schema(summary="One contact you keep, by id"),
    partial_update=patch_schema("Change a contact", ContactPatchSerializer, ContactSerializer),
)
class ContactViewSet(PatchMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsAuthenticated, EditsSomeAuthority, MayEditRow]
    patch_serializer_class = ContactPatchSerializer
    serializer_class = ContactSerializer

    def get_queryset(self):
        return editable_contacts(self.request.user).order_by("local_authority__name", "name")
