"""`python manage.py import_region FILE`: load an `export_region` file into a migrated
database. The file carries the entries' own history, so no new history is recorded while
loading (simple-history would otherwise log every link again)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings


class Command(BaseCommand):
    help = "Load a registry and evidence export made by export_region."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        with override_settings(SIMPLE_HISTORY_ENABLED=False), transaction.atomic():
            call_command("loaddata", file, verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Loaded {file}."))
