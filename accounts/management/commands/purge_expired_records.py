"""`manage.py purge_expired_records`: apply the retention settings (docs/security.md)."""

from django.core.management.base import BaseCommand, CommandError

from accounts import purge
from seslip.wording import count_of


class Command(BaseCommand):
    help = (
        "Delete access-log entries and role grants older than ACCESS_LOG_RETENTION_DAYS and "
        "record-level "
        "cohort data older than RECORD_RETENTION_DAYS. Run it daily."
    )

    def handle(self, *args, **options) -> None:
        report = purge.purge_expired_records()
        entries = count_of(report.access_log_deleted, "access-log entry", "access-log entries")
        self.stdout.write(
            f"Deleted {entries} from before {report.cutoff_access_log:%Y-%m-%d}, "
            f"{count_of(report.sign_in_log_deleted, 'sign-in record')} and "
            f"{count_of(report.role_grants_deleted, 'role grant')}."
        )
        if report.records_deleted is None:
            raise CommandError(
                "Record-level data was NOT purged: the KPI app provides no "
                "kpi.services.retention.purge_records_older_than(cutoff) yet."
            )
        self.stdout.write(
            f"Deleted {count_of(report.records_deleted, 'record-level row')} from before "
            f"{report.cutoff_records:%Y-%m-%d}."
        )
