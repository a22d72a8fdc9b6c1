"""DRF permission classes and a viewset mixin over accounts/permissions.py.

    class SubmissionViewSet(RecordLevelViewSetMixin, viewsets.ReadOnlyModelViewSet):
        permission_classes = [IsAuthorityAnalyst]
        authority_field = "authority"

Another authority's record-level object is then 404, never 403: it is simply not in the
queryset the viewset looks it up in.
"""

from django.db.models import QuerySet
from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts import permissions
from accounts.models import AccessLog, Role
from accounts.services import mark_record_level, record_access


class IsSignedIn(BasePermission):
    """Any active signed-in user (members and up): e.g. contacts."""

    def has_permission(self, request, view) -> bool:
        return permissions.role_of(request.user) is not None


class IsAuthorityAnalyst(BasePermission):
    """Record-level endpoints and uploads: authority analysts only. Combine with
    RecordLevelViewSetMixin so they reach only their own authority's rows."""

    def has_permission(self, request, view) -> bool:
        return permissions.role_of(request.user) == Role.AUTHORITY_ANALYST


class SeesUnsuppressedAggregates(BasePermission):
    """Endpoints that only ever serve unsuppressed aggregates: analysts and regional staff.
    (Public aggregate endpoints stay open and ask permissions.sees_unsuppressed per
    authority instead.)"""

    def has_permission(self, request, view) -> bool:
        return permissions.role_of(request.user) in {
            Role.AUTHORITY_ANALYST,
            Role.REGIONAL_ANALYST,
            Role.REGIONAL_ADMIN,
        }


class IsRegionalAdmin(BasePermission):
    def has_permission(self, request, view) -> bool:
        return permissions.role_of(request.user) == Role.REGIONAL_ADMIN


class ReadOnlyOrRegionalAdmin(BasePermission):
    """Everyone reads; only regional admins write (models, themes, evidence)."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return permissions.role_of(request.user) == Role.REGIONAL_ADMIN


class ReadOnlyOrAuthorityEditor(BasePermission):
    """Everyone reads; writes need an editor of the object's authority (or a regional
    admin). Set `authority_field` on the view (default "authority")."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return permissions.editable_authorities(request.user).exists()

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        field = getattr(view, "authority_field", "authority")
        return permissions.can_edit_authority(request.user, permissions.authority_of(obj, field))


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
        super().initial(request, *args, **kwargs)  # type: ignore[misc]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
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
