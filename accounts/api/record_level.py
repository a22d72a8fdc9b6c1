"""The record-level API viewsets' scoping and access logging, over accounts/permissions.py.

    class SubmissionViewSet(RecordLevelViewSetMixin, viewsets.ReadOnlyModelViewSet):
        authority_field = "authority"

Another authority's record-level object is then 404, never 403: it is simply not in the
queryset the viewset looks it up in. A list or a retrieve reads its rows through
`accounts.services.read_record_level`, which writes the read to the access log.
"""

from django.db.models import QuerySet
from rest_framework.response import Response

from accounts import permissions
from accounts.services import mark_record_level, read_record_level


class RecordLevelViewSetMixin:
    """Scopes `get_queryset()` to the user's record-level authorities; every list and
    retrieve reads its rows through the service that logs the read (one entry per
    request). Writes (uploads, withdrawals) are logged by their own services."""

    authority_field: str = "authority"

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()  # type: ignore[misc]
        return permissions.scope_record_level(
            queryset,
            self.request.user,  # type: ignore[attr-defined]
            authority_field=self.authority_field,
        )

    def initial(self, request, *args, **kwargs):
        # Every answer of a record-level endpoint is sent no-store, errors included.
        mark_record_level(request._request)
        super().initial(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = read_record_level(request=request._request, rows=queryset if page is None else page)
        data = self.get_serializer(rows, many=True).data
        return Response(data) if page is None else self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        [row] = read_record_level(request=request._request, rows=[self.get_object()])
        return Response(self.get_serializer(row).data)
