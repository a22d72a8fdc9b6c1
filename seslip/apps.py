from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class SeslipConfig(AppConfig):
    name = "seslip"
    verbose_name = "Portal frame"

    def ready(self) -> None:
        from seslip.govuk_components import share_one_environment
        from seslip.response_cache import connect_signals

        share_one_environment()
        connect_signals()


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's admin site as the default `admin.site`, so
    every app's `@admin.register` goes through its record-level guard. Named in
    INSTALLED_APPS in place of "django.contrib.admin"; not the default of this module."""

    default = False
    default_site = "seslip.admin_site.PortalAdminSite"
