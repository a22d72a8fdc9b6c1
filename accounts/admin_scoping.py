"""Admin mixins that apply accounts/permissions.py to another app's ModelAdmin in one line.

    @admin.register(Adoption)
    class AdoptionAdmin(AuthorityScopedAdminMixin, SimpleHistoryAdmin):
        authority_field = "local_authority"

The mixin goes first in the bases so its methods wrap the admin's own.
"""

from django.db.models import ForeignKey, QuerySet
from django.http import HttpRequest

from accounts import permissions
from models_registry.models import LocalAuthority


class _ScopedAdminMixin:
    #: Lookup path from the model to its LocalAuthority ("" when the model IS LocalAuthority).
    authority_field: str = "authority"

    def scoped_authorities(self, request: HttpRequest) -> QuerySet[LocalAuthority]:
        raise NotImplementedError

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        return permissions.scope_to_authorities(
            queryset, self.scoped_authorities(request), authority_field=self.authority_field
        )

    def _in_scope(self, request: HttpRequest, obj) -> bool:
        if obj is None:
            return self.scoped_authorities(request).exists()
        authority = permissions.authority_of(obj, self.authority_field)
        return (
            authority is not None
            and self.scoped_authorities(request).filter(pk=authority.pk).exists()
        )

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_view_permission(request, obj) and self._in_scope(request, obj)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self._in_scope(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and self._in_scope(request, obj)  # type: ignore[misc]

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return super().has_add_permission(request, *args) and self._in_scope(request, None)  # type: ignore[misc]

    def formfield_for_foreignkey(self, db_field: ForeignKey, request: HttpRequest, **kwargs):
        """An authority drop-down offers only the authorities in scope."""
        if db_field.related_model is LocalAuthority:
            kwargs["queryset"] = self.scoped_authorities(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


class AuthorityScopedAdminMixin(_ScopedAdminMixin):
    """Registry rows an authority editor may change: their own authority's only; regional
    admins all (permissions.editable_authorities)."""

    def scoped_authorities(self, request: HttpRequest) -> QuerySet[LocalAuthority]:
        return permissions.editable_authorities(request.user)


class RecordLevelAdminMixin(_ScopedAdminMixin):
    """Record-level rows: visible only to the owning authority's analysts, so in practice
    to nobody in the admin site (analysts use the KPI pages). Use it on any admin class for
    a record-level model so that even a superuser sees no rows."""

    def scoped_authorities(self, request: HttpRequest) -> QuerySet[LocalAuthority]:
        return permissions.record_level_authorities(request.user)


class ReadOnlyAdminMixin:
    """Nobody adds, changes or deletes through the admin site, superusers included."""

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict:
        return {}
