from django.apps import AppConfig


class RegionalConfig(AppConfig):
    """The regional team's pages: editing practice models, themes, sources, evaluations
    and findings, and the review queue for findings authority editors propose (issue 22).
    It owns no data: every change goes through the owning app's models and services."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "regional"
    verbose_name = "Regional team's pages"
