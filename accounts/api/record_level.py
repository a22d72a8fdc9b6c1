"""The record-level API viewsets' scoping and access logging, over accounts/permissions.py.

    class SubmissionViewSet(RecordLevelViewSetMixin, viewsets.ReadOnlyModelViewSet):
        authority_field = "authority"

Another authority's record-level object is then 404, never 403: it is simply not in the
queryset the viewset looks it up in.
"""

from django.db.models import QuerySet
from rest_framework.permissions import SAFE_METHODS

from accounts import permissions
from accounts.models import AccessLog
from accounts.services import mark_record_level, record_access


class RecordLevelViewSetMixin:
    """Scopes `get_queryset()` to the user's record-level authorities and writes every
    successful read to the access log (one entry per request, list or detail)."""

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

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in SAFE_METHODS and 200 <= response.status_code < 300:
            authority = permissions.record_level_authorities(request.user).first()
            # A user with no record-level authority was shown an empty scope: nothing read.
            if authority is not None:
                record_access(
                    request=request._request,
                    user=request.user,
                    action=AccessLog.Action.VIEW_RECORDS,
                    target=f"{request.method} {request.get_full_path()}",
                    authority=authority,
                )
        return response
