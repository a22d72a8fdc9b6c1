from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class SeslipConfig(AppConfig):
    name = "seslip"
    verbose_name = "Portal frame"

    def ready(self) -> None:
        from seslip import checks  # noqa: F401  (registers the deployment checks)
        from seslip.response_cache import connect_signals

        connect_signals()
        post_migrate.connect(create_cache_table, sender=self)


def create_cache_table(sender: AppConfig, using: str = "default", **kwargs: object) -> None:
    """The database cache's table (the shared counters, settings.CACHES), made by every
    `migrate`, so neither `make run` nor a test run needs a step of its own. Idempotent:
    `createcachetable` skips a table that exists, and does nothing for Redis."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's admin site as the default `admin.site`, so
    every app's `@admin.register` goes through its record-level guard. Named in
    INSTALLED_APPS in place of "django.contrib.admin"; not the default of this module."""

    default = False
    default_site = "seslip.admin_site.PortalAdminSite"
