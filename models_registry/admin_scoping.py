"""An admin mixin that scopes another ModelAdmin to the authorities a user may edit.

    @admin.register(Adoption)
    class AdoptionAdmin(AuthorityScopedAdminMixin, SimpleHistoryAdmin):
        authority_field = "local_authority"

The mixin goes first in the bases so its methods wrap the admin's own. Which authorities
a user may edit is decided by accounts/permissions.py, asked through
models_registry/permissions.py.
"""

from django.db.models import ForeignKey, QuerySet
from django.http import HttpRequest

from models_registry.authority_paths import authority_of, scope_to_authorities
from models_registry.models import LocalAuthority
from models_registry.permissions import editable_authorities


class _ScopedAdminMixin:
    #: Lookup path from the model to its LocalAuthority ("" when the model IS LocalAuthority).
    authority_field: str = "authority"

    def scoped_authorities(self, request: HttpRequest) -> QuerySet[LocalAuthority]:
        raise NotImplementedError

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        return scope_to_authorities(
            queryset, self.scoped_authorities(request), authority_field=self.authority_field
        )

    def _in_scope(self, request: HttpRequest, obj) -> bool:
        if obj is None:
            return self.scoped_authorities(request).exists()
        authority = authority_of(obj, self.authority_field)
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
    admins all (models_registry/permissions.py)."""

    def scoped_authorities(self, request: HttpRequest) -> QuerySet[LocalAuthority]:
        return editable_authorities(request.user)
