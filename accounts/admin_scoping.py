"""Admin mixins that apply accounts/permissions.py to another app's ModelAdmin in one line.

    @admin.register(Adoption)
    class AdoptionAdmin(AuthorityScopedAdminMixin, SimpleHistoryAdmin):
        authority_field = "local_authority"

The mixin goes first in the bases so its methods wrap the admin's own.
`AdminSiteGuardMixin` needs no line at all: the portal's admin site gives it to every
ModelAdmin registered on it (seslip/admin_site.py).
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import NestedObjects
from django.contrib.admin.views.main import SEARCH_VAR, ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import router
from django.db.models import ForeignKey, Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from accounts import permissions
from accounts.models import AccessLog
from accounts.services import record_access
from models_registry.filters import QUERY_TEXT_MAX
from models_registry.models import LocalAuthority

# Longer than any email address, key or name anyone searches the admin for.
ADMIN_SEARCH_MAX_CHARACTERS = 200

RECORD_LEVEL_NOTICE = (
    "Record-level cohort data (families, people, plans, periods of care and measures), "
    "which the admin site never shows or deletes. Only the authority's own analysts can "
    "withdraw a submission; the retention purge removes old ones (docs/security.md)."
)


def cascade_reaches_record_level(objs) -> bool:
    """Whether deleting `objs` would delete, or be blocked by, any record-level row."""
    objs = list(objs)
    if not objs:
        return False
    collector = NestedObjects(using=router.db_for_write(type(objs[0])))
    collector.collect(objs)
    reached = {type(obj) for obj in collector.protected} | set(collector.model_objs)
    return any(permissions.is_record_level_model(model) for model in reached)


def authority_owning(obj: Model) -> LocalAuthority | None:
    """The LocalAuthority an object is, or belongs to through a foreign key, if any."""
    if isinstance(obj, LocalAuthority):
        return obj
    for field in obj._meta.concrete_fields:
        if field.is_relation and field.related_model is LocalAuthority:
            return getattr(obj, field.name)
    return None


class BoundedDateHierarchyChangeList(ChangeList):
    """Django turns `?at__year=9999` (or a month or day at the end of year 9999, or a year
    too large for a date) into a date range whose end overflows, and the error escaped as a
    500. A range that cannot be built is a lookup the list cannot use: Django then
    redirects to `?e=1`, as it does for a month 13."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error


def _readable_ids(model_field, values) -> list:
    """The values `model_field` (a related model's key) can hold: a whole number in the
    column's range for an id. Django's admin filters `<key>__in` with whatever was posted,
    and an id that is not one raised ValueError, or OverflowError on SQLite (a 500)."""
    readable = []
    for value in values:
        try:
            model_field.clean(value, None)
        except ValidationError:
            continue
        readable.append(value)
    return readable


def _key_of(remote_field):
    model = remote_field.model
    return model._meta.get_field(getattr(remote_field, "field_name", None) or model._meta.pk.name)


class ReadableAutocompleteMixin:
    """Django's autocomplete widget re-shows a refused form by looking up the posted ids:
    only those that can be ids are looked up (the form's own error says the rest is wrong)."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _readable_ids(_key_of(self.field.remote_field), value), attr)


class ReadableAutocompleteSelect(ReadableAutocompleteMixin, AutocompleteSelect):
    pass


class ReadableAutocompleteSelectMultiple(ReadableAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class ReadableModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """An id no row can have is the field's "not one of the choices" error."""

    def _check_values(self, value):
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        for pk in value:
            if not _readable_ids(key, [pk]):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class AdminSiteGuardMixin:
    """Given to every ModelAdmin by the portal's admin site (seslip/admin_site.py).

    - A delete whose cascade reaches record-level rows (deleting an authority or a cohort
      that families hang from, say) is refused, and the confirmation page says so in one
      line instead of listing the rows: Django's own page would list every family, person
      and plan, and their count. A non-empty `protected` list is what makes Django's
      delete view and bulk delete action refuse the POST.
    - Every delete is written to the access log, with the authority the object belongs to.
    - Every list answers any query string (issue 17, docs/input-limits.md): a date
      drill-down it cannot bound is Django's `?e=1`, not a 500; a search longer than
      QUERY_TEXT_MAX characters (the pages' limit) is refused with a message and the list
      shown without it, instead of a LIKE pattern SQLite refuses (503); a bulk action on
      ids that cannot be rows of the list (not whole numbers, beyond the column's range)
      does nothing and says so, instead of failing in the `pk__in` filter (500).
    """

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):  # type: ignore[attr-defined]
            kwargs["widget"] = ReadableAutocompleteSelect(
                db_field,
                self.admin_site,  # type: ignore[attr-defined]
                using=kwargs.get("using"),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):
        kwargs.setdefault("form_class", ReadableModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):  # type: ignore[attr-defined]
            kwargs["widget"] = ReadableAutocompleteSelectMultiple(
                db_field,
                self.admin_site,  # type: ignore[attr-defined]
                using=kwargs.get("using"),
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]

    def response_action(self, request: HttpRequest, queryset: QuerySet):
        primary_key = self.model._meta.pk  # type: ignore[attr-defined]
        try:
            for value in request.POST.getlist(ACTION_CHECKBOX_NAME):
                primary_key.clean(value, None)
        except ValidationError:
            messages.warning(
                request, "Some of the selected items are not in this list. Nothing was done."
            )
            return None
        return super().response_action(request, queryset)  # type: ignore[misc]

    def get_changelist(self, request: HttpRequest, **kwargs):
        return BoundedDateHierarchyChangeList

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        search = request.GET.get(SEARCH_VAR, "")
        if len(search) > QUERY_TEXT_MAX:
            messages.error(
                request,
                f"Search for {QUERY_TEXT_MAX} characters or fewer "
                f"(this search had {len(search):,}).",
            )
            query = request.GET.copy()
            del query[SEARCH_VAR]
            return HttpResponseRedirect(f"{request.path}?{query.urlencode()}")
        return super().changelist_view(request, extra_context)  # type: ignore[misc]

    def get_deleted_objects(self, objs, request: HttpRequest):
        if cascade_reaches_record_level(objs):
            return [], {}, set(), [RECORD_LEVEL_NOTICE]
        return super().get_deleted_objects(objs, request)  # type: ignore[misc]

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        _log_admin_delete(request, obj)
        super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            _log_admin_delete(request, obj)
        super().delete_queryset(request, queryset)  # type: ignore[misc]


def _log_admin_delete(request: HttpRequest, obj: Model) -> None:
    record_access(
        request=request,
        action=AccessLog.Action.ADMIN_DELETE,
        target=f"{obj._meta.label_lower} #{obj.pk}: {obj}",
        authority=authority_owning(obj),
    )


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
