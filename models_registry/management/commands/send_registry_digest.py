"""`python manage.py send_registry_digest [--day YYYY-MM-DD]`: email the regional team one
day's registry changes (yesterday by default), once per day however often it runs
(models_registry/digest.py). Run it daily from cron after midnight (docs/operations.md,
"Daily jobs")."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from models_registry import digest
from seslip.wording import count_of


class Command(BaseCommand):
    help = "Email the regional team the registry changes of one day (default: yesterday)."

    def add_arguments(self, parser):
        parser.add_argument("--day", help="The day, YYYY-MM-DD (default: yesterday).")

    def handle(self, *args, day=None, **options):
        try:
            chosen = datetime.date.fromisoformat(day) if day else digest.yesterday()
        except ValueError as error:
            raise CommandError(f"--day: {error}") from error
        report = digest.send_digest(day=chosen)
        if report.sent_before:
            self.stdout.write(f"The digest of {chosen} was sent already; nothing sent.")
        elif not report.recipients:
            self.stdout.write(f"{count_of(report.changes, 'change')} on {chosen}; nothing sent.")
        else:
            self.stdout.write(
                f"{count_of(report.changes, 'change')} on {chosen} sent to "
                f"{count_of(len(report.recipients), 'person', 'people')}."
            )
