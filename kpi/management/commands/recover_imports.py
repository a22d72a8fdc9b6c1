"""`python manage.py recover_imports`: mark imports interrupted by a dead process as failed."""

from django.core.management.base import BaseCommand

from kpi.services.recovery import recover_interrupted_imports
from seslip.wording import count_of


class Command(BaseCommand):
    help = "Mark cohort imports left 'checking' by a worker that died as failed (run at start)."

    def handle(self, *args, **options):
        recovered = recover_interrupted_imports()
        self.stdout.write(
            f"{count_of(len(recovered), 'interrupted import')} marked failed"
            + (f": submissions {', '.join(map(str, recovered))}." if recovered else ".")
        )
