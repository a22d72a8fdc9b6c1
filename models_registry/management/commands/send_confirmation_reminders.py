"""`python manage.py send_confirmation_reminders`: email the editors of every authority whose
entry or contacts are overdue for confirmation a link to confirm them, at most once a
period per authority (models_registry/confirmations.py). Run it daily from cron
(docs/operations.md, "Daily jobs")."""

from django.core.management.base import BaseCommand

from models_registry import confirmations
from seslip.wording import count_of


class Command(BaseCommand):
    help = "Remind the editors of authorities whose registry entry is overdue for confirmation."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            help="Start of the links, e.g. https://portal.example.org (default: PORTAL_BASE_URL).",
        )

    def handle(self, *args, base_url=None, **options):
        report = confirmations.send_reminders(base_url=base_url)
        for name, addresses in report.reminded.items():
            self.stdout.write(f"Reminded {name}: {', '.join(addresses)}")
        if report.already_reminded:
            self.stdout.write(f"Already reminded this period: {', '.join(report.already_reminded)}")
        if report.without_editors:
            self.stdout.write(
                "Overdue, but no authority editor to remind: " + ", ".join(report.without_editors)
            )
        self.stdout.write(f"{count_of(len(report.reminded), 'authority', 'authorities')} reminded.")
