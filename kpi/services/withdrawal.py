"""Withdrawing a submission filed under the wrong quarter or authority (issue 16)."""

import logging
from dataclasses import dataclass
from typing import cast

from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from accounts import permissions as access
from accounts.models import AccessLog, AnyUser, User
from accounts.services import record_access
from kpi.models import (
    CPPlan,
    Family,
    PeriodOfCare,
    Person,
    PreviousCPPlan,
    QuarterMeasures,
    Referral,
    Submission,
)
from kpi.selectors import submission_restored_by_withdrawing
from kpi.services.values import recompute_indicators

logger = logging.getLogger(__name__)

# Every record-level table holds its submission's id, so a withdrawal deletes each table's
# rows with one statement (no row-by-row cascade through Python, whatever the file's size).
RECORD_TABLES = (QuarterMeasures, PeriodOfCare, CPPlan, PreviousCPPlan, Referral, Person, Family)


@dataclass(frozen=True)
class WithdrawalReport:
    """What a withdrawal did; the page and the API both render this."""

    submission: Submission
    withdrawn: bool
    message: str
    restored: Submission | None = None
    rows_deleted: int = 0


def withdraw_submission(
    *,
    submission: Submission,
    user: AnyUser,
    reason: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> WithdrawalReport:
    """Withdraw a submission filed under the wrong quarter or authority (issue 16).

    Only the authority's analysts may. In one transaction: the submission is marked
    withdrawn with who, when and why; its record-level rows, and the file values its
    report quoted, are deleted (they are never current again, so the portal has no reason
    to keep them: docs/security.md, "Withdrawals"); if it was the quarter's current
    submission, the newest earlier accepted one that still has its rows becomes current
    again and the quarter's indicators are recomputed; and the withdrawal is written to the
    access log (`request`, when given, says from where). A submission that holds no rows
    (rejected, failed, still being checked, already withdrawn) is refused, as a value.
    """
    reason = Submission.WithdrawalReason(reason)
    if not access.can_upload_for(user, submission.authority_id):
        return WithdrawalReport(submission, False, "Only the authority's analysts may withdraw it.")
    try:
        with transaction.atomic():
            # can_upload_for held: the user is a signed-in analyst of the authority
            report = _withdraw(
                submission, user=cast(User, user), reason=reason, note=note, request=request
            )
    except IntegrityError:
        logger.exception("withdrawal of submission %s lost a race", submission.pk)
        return WithdrawalReport(
            submission,
            False,
            "Another change to this quarter's submissions happened at the same moment. "
            "Nothing was withdrawn; try again.",
        )
    logger.info(
        "submission %s %s by user %s: %s rows deleted, %s now current",
        submission.pk,
        "withdrawn" if report.withdrawn else "not withdrawn",
        getattr(user, "pk", None),
        report.rows_deleted,
        report.restored.pk if report.restored else "none",
    )
    return report


def _withdraw(submission, *, user, reason, note, request) -> WithdrawalReport:
    # Lock the quarter's submissions in id order: a concurrent import or withdrawal of the
    # same quarter waits, and this one then sees what that one did.
    same_quarter = {
        item.pk: item
        for item in Submission.objects.select_for_update()
        .filter(authority_id=submission.authority_id, quarter=submission.quarter)
        .order_by("pk")
    }
    locked = same_quarter.get(submission.pk)
    if locked is None:
        return WithdrawalReport(submission, False, f"Submission {submission.pk} no longer exists.")
    if not locked.is_withdrawable:
        return WithdrawalReport(
            locked,
            False,
            f"Submission {locked.pk} is {locked.get_status_display().lower()}: only an "
            "accepted or superseded submission can be withdrawn.",
        )
    was_current = locked.is_current
    restored = submission_restored_by_withdrawing(locked)
    locked.status = Submission.Status.WITHDRAWN
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_by = user
    locked.withdrawal_reason = reason
    locked.withdrawal_note = note
    locked.problems = []
    locked.save(
        update_fields=[
            "status",
            "withdrawn_at",
            "withdrawn_by",
            "withdrawal_reason",
            "withdrawal_note",
            "problems",
        ]
    )
    rows_deleted = _delete_record_rows(locked)
    if restored is not None:
        restored.status = Submission.Status.ACCEPTED
        restored.superseded_at = None
        restored.save(update_fields=["status", "superseded_at"])
    if was_current:
        recompute_indicators(authority=locked.authority, quarter=locked.quarter)
    record_access(
        request=request,
        user=user,
        action=AccessLog.Action.WITHDRAW,
        target=f"KPI submission {locked.pk} for {locked.quarter}: {reason.label}",
        authority=locked.authority,
    )
    if restored is not None:
        message = (
            f"Submission {locked.pk} is withdrawn. Submission {restored.pk} is the "
            f"current submission for {locked.quarter_label} again."
        )
    elif was_current:
        message = (
            f"Submission {locked.pk} is withdrawn. {locked.quarter_label} has no "
            "current submission now."
        )
    else:
        message = (
            f"Submission {locked.pk} is withdrawn. The current submission for "
            f"{locked.quarter_label} is unchanged."
        )
    return WithdrawalReport(locked, True, message, restored, rows_deleted)


def _delete_record_rows(submission: Submission) -> int:
    deleted = 0
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in RECORD_TABLES:
            table = quote(model._meta.db_table)
            column = quote(model._meta.get_field("submission").column)
            # Names from the models' own metadata; the id goes as a parameter.
            cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [submission.pk])  # noqa: S608
            deleted += max(cursor.rowcount, 0)
    return deleted
