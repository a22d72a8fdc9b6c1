"""python manage.py compute_kpis [--la SLUG] [--quarter YYYY-Qn]"""

from django.core.management.base import BaseCommand, CommandError

from kpi.quarters import Quarter
from kpi.services.values import recompute_all
from models_registry.models import LocalAuthority
from seslip.wording import count_of


class Command(BaseCommand):
    help = "Recompute the stored KPI values from the current submissions."

    def add_arguments(self, parser):
        parser.add_argument("--la", help="Only this authority (its slug).")
        parser.add_argument("--quarter", help="Only this quarter, e.g. 2018-Q1.")

    def handle(self, *args, la=None, quarter=None, **options):
        authority = None
        if la:
            authority = LocalAuthority.objects.filter(slug=la).first()
            if authority is None:
                raise CommandError(f"No local authority with the slug '{la}'.")
        if quarter:
            try:
                quarter = str(Quarter.parse(quarter))
            except ValueError as error:
                raise CommandError(str(error)) from error
        reports = recompute_all(authority=authority, quarter=quarter)
        for report in reports:
            self.stdout.write(
                f"{report.authority} {report.quarter}: {count_of(report.values, 'value')}, "
                f"{report.suppressed} suppressed for public view"
            )
        self.stdout.write(
            self.style.SUCCESS(f"Recomputed {count_of(len(reports), 'authority-quarter')}.")
        )
