"""The portal's admin site: the one `admin.site` every app registers on (seslip/apps.py).

Three rules hold for every ModelAdmin, whoever wrote it (the portal's apps, django-axes,
django-tasks), so that none can forget them (issue 16, docs/security.md):

- a record-level model (declared by its app in seslip/access.py) cannot be registered;
- every admin class is given `AdminSiteGuardMixin` (below): no delete
  page lists record-level rows in its cascade or lets such a delete happen, and every
  delete is written to the access log;
- the records of who signed in and the role groups (`READ_ONLY_MODELS`) are shown, never
  added, changed or deleted, even by the superuser, the only one the admin site lets in
  (issue 22), who holds every model permission.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import NestedObjects
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import router
from django.db.models import Model, QuerySet
from django.db.models.base import ModelBase
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from seslip import access
from seslip.admin_inputs import (
    ADMIN_SEARCH_MAX,
    BoundedDateHierarchyChangeList,
    ReadableAutocompleteSelect,
    ReadableAutocompleteSelectMultiple,
    ReadableModelMultipleChoiceField,
)
from seslip.admin_locking import VersionCheckMixin

RECORD_LEVEL_NOTICE = (
    "Record-level cohort data (families, people, plans, periods of care and measures), "
    "which the admin site never shows or deletes. Only the authority's own analysts can "
    "withdraw a submission; the retention purge removes old ones (docs/security.md)."
)


def cascade_reaches_record_level(objs: Iterable[Model]) -> bool:
    """Whether deleting `objs` would delete, or be blocked by, any record-level row."""
    objs = list(objs)
    if not objs:
        return False
    collector = NestedObjects(using=router.db_for_write(type(objs[0])))
    collector.collect(objs)
    reached: set[Any] = {type(obj) for obj in collector.protected} | set(collector.model_objs)
    return any(access.is_record_level_model(model) for model in reached)


# django-axes' "Clean up expired attempts" reads `request.axes_attempt_time`, which its
# middleware sets only on sign-in requests, so from the admin it always raised
# AttributeError (a 500, found by tests/seslip/test_form_fuzz.py). Expired attempts stop
# counting after AXES_COOLOFF_MINUTES anyway, and `manage.py axes_reset` clears them.
ACTIONS_THAT_FAIL_IN_THE_ADMIN = ("cleanup_expired_attempts",)

# Read, never written, in the admin site: django-axes' records of sign-ins and failed
# sign-ins (evidence, like the access log), and the role groups, which `User.save` keeps
# in step with each person's role (accounts/roles.py). Lockouts (axes' attempts) are lifted
# by deleting them, so they are not here.
READ_ONLY_MODELS = frozenset({"axes.accesslog", "axes.accessfailurelog", "auth.group"})


class ReadableFormFieldsMixin:
    """Given to every ModelAdmin and every inline by the portal's admin site: autocomplete
    and many-to-many fields look up only posted ids that can be ids, so a form given junk
    shows its field errors instead of failing in the widget's lookup (a 500)."""

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


class AdminSiteGuardMixin(VersionCheckMixin, ReadableFormFieldsMixin):
    """Given to every ModelAdmin by the portal's admin site (seslip/admin_site.py).

    - A delete whose cascade reaches record-level rows (deleting an authority or a cohort
      that families hang from, say) is refused, and the confirmation page says so in one
      line instead of listing the rows: Django's own page would list every family, person
      and plan, and their count. A non-empty `protected` list is what makes Django's
      delete view and bulk delete action refuse the POST.
    - Every delete is written to the access log, with the authority the object belongs to.
    - Every list answers any query string and every form any posted ids
      (seslip/admin_inputs.py).
    - A change form never overwrites a save made after it was opened
      (seslip/admin_locking.py).
    """

    def _read_only(self) -> bool:
        return self.model._meta.label_lower in READ_ONLY_MODELS  # type: ignore[attr-defined]

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return not self._read_only() and super().has_add_permission(request, *args)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return not self._read_only() and super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return not self._read_only() and super().has_delete_permission(request, obj)  # type: ignore[misc]

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

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)  # type: ignore[misc]
        for name in ACTIONS_THAT_FAIL_IN_THE_ADMIN:
            actions.pop(name, None)
        return actions

    def get_changelist(self, request: HttpRequest, **kwargs):
        return BoundedDateHierarchyChangeList

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        search = request.GET.get(SEARCH_VAR, "")
        if len(search) > ADMIN_SEARCH_MAX:
            messages.error(
                request,
                f"Search for {ADMIN_SEARCH_MAX} characters or fewer "
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
        access.rules().record_admin_delete(request, obj)
        super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            access.rules().record_admin_delete(request, obj)
        super().delete_queryset(request, queryset)  # type: ignore[misc]


class PortalAdminSite(admin.AdminSite):
    site_header = "South East Practice Models Portal administration"
    site_title = "South East Practice Models Portal administration"
    index_title = "Administration"

    def register(self, model_or_iterable, admin_class=None, **options) -> None:
        if isinstance(model_or_iterable, ModelBase):
            model_or_iterable = [model_or_iterable]
        models = list(model_or_iterable)
        for model in models:
            if access.is_record_level_model(model):
                raise ImproperlyConfigured(
                    f"{model._meta.label} holds record-level cohort data, which never "
                    "appears in the admin site (docs/security.md)."
                )
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, AdminSiteGuardMixin):
            admin_class = _guarded(admin_class, AdminSiteGuardMixin)
        admin_class.inlines = [
            _guarded(inline, ReadableFormFieldsMixin) for inline in admin_class.inlines
        ]
        super().register(models, admin_class, **options)


def _guarded(admin_class: type, guard: type) -> type:
    """`admin_class` with `guard` mixed in first, under the same name."""
    if issubclass(admin_class, guard):
        return admin_class
    return type(
        admin_class.__name__,
        (guard, admin_class),
        {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
    )
