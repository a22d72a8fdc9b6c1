"""`python manage.py load_region`: load the region's real data from its data files.

Runs every app's loader (its AppConfig's `region_loader`, seslip.loading.region_loaders) in
INSTALLED_APPS order; the registry comes first because the other loaders look authorities
and models up by slug. Every loader is idempotent and takes `stdout` as a keyword argument.
The registry and evidence loaders each load the sources catalogue first
(sources/data/sources.toml), since every fact they write cites a source by key.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from seslip.loading import region_loaders
from sources.datafiles import DataFileInvalid


class Command(BaseCommand):
    help = "Load (or refresh) the region's authorities, models, evidence and KPI data."

    def handle(self, *args, **options) -> None:
        for dotted_path in region_loaders():
            self.stdout.write(f"Running {dotted_path}")
            try:
                import_string(dotted_path)(stdout=self.stdout)
            except DataFileInvalid as invalid:
                # Every problem with its file, line and field, not a traceback.
                raise CommandError(str(invalid)) from invalid
        self.stdout.write(self.style.SUCCESS("Region data loaded."))
