"""`python manage.py load_region`: load the region's real data from its data files.

Runs each app's loader in order; the registry comes first because the evidence and KPI
loaders look authorities and models up by slug. The registry and evidence loaders each load
the sources catalogue first (sources/data/sources.toml), since every fact they write cites a
source by key. Every loader is idempotent and takes `stdout` as a keyword argument.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from sources.datafiles import DataFileInvalid

LOADERS: tuple[str, ...] = (
    "models_registry.region_data.load",
    "evidence.region_data.load",
    "kpi.region_data.load",
)


class Command(BaseCommand):
    help = "Load (or refresh) the region's authorities, models, evidence and KPI data."

    def handle(self, *args, **options) -> None:
        for dotted_path in LOADERS:
            self.stdout.write(f"Running {dotted_path}")
            try:
                import_string(dotted_path)(stdout=self.stdout)
            except DataFileInvalid as invalid:
                # Every problem with its file, line and field, not a traceback.
                raise CommandError(str(invalid)) from invalid
        self.stdout.write(self.style.SUCCESS("Region data loaded."))
