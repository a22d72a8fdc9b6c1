from django.apps import AppConfig
from django.db.models.signals import post_migrate


class KpiConfig(AppConfig):
    name = "kpi"
    verbose_name = "Family Safeguarding KPIs"
    region_loader = "kpi.region_data.load"

    def ready(self):
        from kpi.computation import recompute_stale_after_migrate

        # Values decided under older disclosure rules are recomputed on every migrate.
        post_migrate.connect(recompute_stale_after_migrate, sender=self)
