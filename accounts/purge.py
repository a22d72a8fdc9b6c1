"""The retention purge (docs/security.md, "Retention"): the access log, django-axes' sign-in
logs and role grants past `ACCESS_LOG_RETENTION_DAYS`, and every app's record-level data
past `RECORD_RETENTION_DAYS` through the purges registered with seslip.retention. Run by
`manage.py purge_expired_records`."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.models import AccessFailureLog as SignInFailureLog
from axes.models import AccessLog as SignInLog
from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from accounts.models import AccessLog, RoleGrant
from seslip import retention

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PurgeReport:
    cutoff_records: datetime
    cutoff_access_log: datetime
    access_log_deleted: int
    sign_in_log_deleted: int  # django-axes' records of sign-ins and failures
    role_grants_deleted: int
    records_deleted: int | None  # None: no app registered a purge


@transaction.atomic
def purge_expired_records(*, now: datetime | None = None) -> PurgeReport:
    """Delete access-log entries (ours and django-axes' sign-in logs, which hold emails and
    addresses too), role grants, and record-level data older than their retention settings.

    The access log and role grants are deleted in bulk here, the only place they are ever
    deleted from. A grant past retention is kept while it is still the latest one of an
    existing account: it says who gave the role that account holds now.
    """
    now = now or timezone.now()
    cutoff_records = now - timedelta(days=settings.RECORD_RETENTION_DAYS)
    cutoff_access_log = now - timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
    access_log_deleted, _ = AccessLog.objects.filter(at__lt=cutoff_access_log).delete()
    sign_ins, _ = SignInLog.objects.filter(attempt_time__lt=cutoff_access_log).delete()
    failures, _ = SignInFailureLog.objects.filter(attempt_time__lt=cutoff_access_log).delete()
    latest_grants = (
        RoleGrant.objects.filter(user=OuterRef("user")).order_by("-at", "-pk").values("pk")[:1]
    )
    grants, _ = (
        RoleGrant.objects.filter(at__lt=cutoff_access_log)
        .exclude(user__isnull=False, pk=Subquery(latest_grants))
        .delete()
    )
    # Each app that keeps record-level data registers its own purge (seslip/retention.py).
    records_deleted = retention.purge_records_older_than(cutoff_records)
    logger.info(
        "Retention purge: %s access-log entries, %s record-level rows",
        access_log_deleted,
        "no purge available for" if records_deleted is None else records_deleted,
    )
    return PurgeReport(
        cutoff_records=cutoff_records,
        cutoff_access_log=cutoff_access_log,
        access_log_deleted=access_log_deleted,
        sign_in_log_deleted=sign_ins + failures,
        role_grants_deleted=grants,
        records_deleted=records_deleted,
    )
