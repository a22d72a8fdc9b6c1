"""The portal's admin site: the one `admin.site` every app registers on (seslip/apps.py).

Two rules hold for every ModelAdmin, whoever wrote it (the portal's apps, django-axes,
django-tasks), so that none can forget them (issue 16, docs/security.md):

- a record-level model (accounts.permissions.RECORD_LEVEL_MODELS) cannot be registered;
- every admin class is given `AdminSiteGuardMixin` (accounts/admin_scoping.py): no delete
  page lists record-level rows in its cascade or lets such a delete happen, and every
  delete is written to the access log.
"""

from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured
from django.db.models.base import ModelBase

from accounts.admin_scoping import AdminSiteGuardMixin
from accounts.permissions import is_record_level_model


class PortalAdminSite(admin.AdminSite):
    site_header = "South East Practice Models Portal administration"
    site_title = "South East Practice Models Portal administration"
    index_title = "Administration"

    def register(self, model_or_iterable, admin_class=None, **options) -> None:
        if isinstance(model_or_iterable, ModelBase):
            model_or_iterable = [model_or_iterable]
        models = list(model_or_iterable)
        for model in models:
            if is_record_level_model(model):
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
