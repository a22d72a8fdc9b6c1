"""Import a cohort file: `import_cohort FILE --la SLUG --quarter 2018-Q1`.

Exits 0 when the file is accepted or is byte for byte the current submission, and 1 when
it is rejected (printing the first errors with row, column and value).
"""

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kpi.services.imports import import_submission
from models_registry.models import LocalAuthority
from seslip.wording import count_of

SHOWN = 20


class Command(BaseCommand):
    help = "Check a Family Safeguarding cohort file and, if it has no errors, store it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--la", required=True, help="Authority slug, e.g. bracknell-forest")
        parser.add_argument("--quarter", required=True, help="YYYY-Qn, e.g. 2018-Q1")

    def handle(self, *args, **options) -> None:
        try:
            authority = LocalAuthority.objects.get(slug=options["la"])
        except LocalAuthority.DoesNotExist as error:
            raise CommandError(f"No local authority has the slug '{options['la']}'.") from error
        try:
            handle = open(options["file"], "rb")  # noqa: SIM115 - closed below
        except OSError as error:
            raise CommandError(f"Cannot open {options['file']}: {error.strerror}.") from error
        with handle:
            report = import_submission(
                authority=authority,
                quarter=options["quarter"],
                file=handle,
                user=None,
                background=False,
            )
        self.stdout.write(report.message)
        for problem in report.errors[:SHOWN]:
            self.stdout.write(
                f"  row {problem.row or '-'}, column {problem.column or '-'}, "
                f"value {problem.value!r}: {problem.message}"
            )
        if report.error_count > SHOWN:
            self.stdout.write(f"  … and {count_of(report.error_count - SHOWN, 'more error')}.")
        if report.warning_count:
            self.stdout.write(
                f"{count_of(report.warning_count, 'warning')} (see the submission's report)."
            )
        if report.submission is not None:
            self.stdout.write(f"Submission {report.submission.pk}: {report.submission.status}.")
        if not report.ok:
            sys.exit(1)
