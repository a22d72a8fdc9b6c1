"""The portal's admin site: the one `admin.site` every app registers on (seslip/apps.py).

Two rules hold for every ModelAdmin, whoever wrote it (the portal's apps, django-axes,
django-tasks), so that none can forget them (issue 16, docs/security.md):

- a record-level model (declared by its app in seslip/access.py) cannot be registered;
- every admin class is given `AdminSiteGuardMixin` (below): no delete
  page lists record-level rows in its cascade or lets such a delete happen, and every
  delete is written to the access log.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ImproperlyConfigured
from django.db import router
from django.db.models import Model, QuerySet
from django.db.models.base import ModelBase
from django.http import HttpRequest

from seslip import access

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


class AdminSiteGuardMixin:
    """Given to every ModelAdmin by the portal's admin site (seslip/admin_site.py).

    - A delete whose cascade reaches record-level rows (deleting an authority or a cohort
      that families hang from, say) is refused, and the confirmation page says so in one
      line instead of listing the rows: Django's own page would list every family, person
      and plan, and their count. A non-empty `protected` list is what makes Django's
      delete view and bulk delete action refuse the POST.
    - Every delete is written to the access log, with the authority the object belongs to.
    """

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
            admin_class = type(
                admin_class.__name__,
                (AdminSiteGuardMixin, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(models, admin_class, **options)
