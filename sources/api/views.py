from rest_framework import viewsets

from sources.api.serializers import SourceSerializer
from sources.models import Source


class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    """Every document the portal's statements cite, with its details and what it cites."""

    serializer_class = SourceSerializer
    lookup_field = "key"
    queryset = Source.objects.select_related("cited_in").prefetch_related("cites").order_by("key")
