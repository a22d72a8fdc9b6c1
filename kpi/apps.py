from django.apps import AppConfig
from django.db.models.signals import post_migrate

# Tables whose rows describe one family or person of a cohort file
# (docs/kpi-specification.md §4): never in the admin site (seslip/access.py).
RECORD_LEVEL_MODELS: tuple[str, ...] = (
    "Family",
    "Person",
    "Referral",
    "CPPlan",
    "PreviousCPPlan",
    "PeriodOfCare",
    "QuarterMeasures",
)
# Written and deleted in bulk (COPY, bulk_create, queryset deletes); their writers announce
# the change to public data themselves (seslip/public_data.py).
BULK_WRITTEN = (*RECORD_LEVEL_MODELS, "IndicatorValue", "AggregateFigure")


class KpiConfig(AppConfig):
    name = "kpi"
    verbose_name = "Family Safeguarding KPIs"
    record_level_models = RECORD_LEVEL_MODELS
    # Never read from the replica: a submission's status and progress move with the worker,
    # and its page polls them (seslip/db_routing.py).
    primary_read_models = ("Submission",)
    region_loader = "kpi.services.loader.load"

    def ready(self) -> None:
        from kpi.services.retention import purge_records_older_than
        from kpi.services.values import recompute_stale_after_migrate
        from seslip import public_data, retention

        # Values decided under older disclosure rules are recomputed on every migrate.
        post_migrate.connect(recompute_stale_after_migrate, sender=self)
        public_data.watch(self, bulk_written=BULK_WRITTEN)
        retention.register_record_purge("kpi", purge_records_older_than)
