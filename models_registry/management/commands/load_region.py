"""`python manage.py load_region`: load the region's real data from the seed documents.

Runs every app's loader (its AppConfig's `region_loader`, seslip.loading.region_loaders) in
INSTALLED_APPS order; the registry comes first because the other loaders look authorities
and models up by slug. Every loader is idempotent and takes `stdout` as a keyword argument.
"""

from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from seslip.loading import region_loaders


class Command(BaseCommand):
    help = "Load (or refresh) the region's authorities, models, evidence and KPI data."

    def handle(self, *args, **options) -> None:
        for dotted_path in region_loaders():
            self.stdout.write(f"Running {dotted_path}")
            import_string(dotted_path)(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Region data loaded."))
