"""`python manage.py export_region [--out FILE]`: the registry and the evidence library as
JSON, for backups and moving the portal's curated content between databases.

The export holds what editors curate (the sources catalogue and its citations,
authorities, models, adoptions, contacts, themes, taxonomies, evaluations, findings,
outcome domains) with its history; it holds no users,
no access log and no Family Safeguarding record-level data. `import_region FILE` into an empty,
migrated database restores it exactly (tests/models_registry/test_export_region.py)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

# The sources catalogue goes too: every registry and evidence row cites it.
EXPORTED_APPS = ("sources", "models_registry", "evidence")


class Command(BaseCommand):
    help = "Export the registry and the evidence library as JSON (import_region loads it)."

    def add_arguments(self, parser):
        parser.add_argument("--out", help="File to write; standard output when omitted.")

    def handle(self, *args, out=None, **options):
        call_command(
            "dumpdata",
            *EXPORTED_APPS,
            # Who was reminded and who read the digests: email addresses, not content.
            exclude=["models_registry.ConfirmationReminder", "models_registry.RegistryDigest"],
            format="json",
            indent=1,
            # A citation points at its row through a content type, whose id differs between
            # databases: written as (app label, model) instead.
            use_natural_foreign_keys=True,
            output=out,
            stdout=self.stdout,
        )
