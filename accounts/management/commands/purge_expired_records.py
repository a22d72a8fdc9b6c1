"""`manage.py purge_expired_records`: apply the retention settings (docs/security.md)."""

from django.core.management.base import BaseCommand, CommandError

from accounts import purge


class Command(BaseCommand):
    help = (
        "Delete access-log entries and role grants older than ACCESS_LOG_RETENTION_DAYS and "
        "record-level "
        "cohort data older than RECORD_RETENTION_DAYS. Run it daily."
    )

    def handle(self, *args, **options) -> None:
        report = purge.purge_expired_records()
        self.stdout.write(
            f"Deleted {report.access_log_deleted} access-log entr"
            f"{'y' if report.access_log_deleted == 1 else 'ies'} from before "
            f"{report.cutoff_access_log:%Y-%m-%d}, {report.sign_in_log_deleted} sign-in "
            f"record(s) and {report.role_grants_deleted} role grant(s)."
        )
        if report.records_deleted is None:
            raise CommandError(
                "Record-level data was NOT purged: the KPI app provides no "
                "kpi.services.retention.purge_records_older_than(cutoff) yet."
            )
        self.stdout.write(
            f"Deleted {report.records_deleted} record-level row(s) from before "
            f"{report.cutoff_records:%Y-%m-%d}."
        )
