"""What the submission pages show, worked out once so templates only display it."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from kpi.models import Submission
from seslip import csv_safety
from seslip.models import worker_is_running

STATUS_TAGS: dict[str, str] = {
    Submission.Status.RECEIVED: "govuk-tag--grey",
    Submission.Status.VALIDATING: "govuk-tag--blue",
    Submission.Status.ACCEPTED: "govuk-tag--green",
    Submission.Status.REJECTED: "govuk-tag--red",
    Submission.Status.SUPERSEDED: "govuk-tag--grey",
    Submission.Status.FAILED: "govuk-tag--orange",
    Submission.Status.WITHDRAWN: "govuk-tag--purple",
}

# `letter` is the spreadsheet column (C), `column` the field's code and name.
REPORT_HEADER = ("severity", "row", "letter", "column", "value", "message")


@dataclass(frozen=True)
class StatusTag:
    text: str
    css: str


def status_tag(submission: Submission) -> StatusTag:
    text = submission.get_status_display()
    if submission.is_current:
        text = "Accepted (current)"
    return StatusTag(text, STATUS_TAGS.get(submission.status, "govuk-tag--grey"))


def report_csv(submission: Submission) -> str:
    """The report as CSV, every cell safe to open in a spreadsheet (no formula runs)."""
    rows = ([problem.get(key, "") for key in REPORT_HEADER] for problem in submission.problems)
    return csv_safety.render_csv(REPORT_HEADER, rows)


# How long a file may wait for the background worker before its page says so.
QUEUE_PATIENCE = timedelta(minutes=1)


def worker_stopped_while_checking(submission: Submission, now: datetime | None = None) -> bool:
    """Whether the background worker checking this file has stopped (silent for a minute):
    the import died with it, though on SQLite it stays "checking" until a worker starts
    again and marks it failed (kpi.services.recovery.recover_interrupted_imports)."""
    return (
        submission.status == Submission.Status.VALIDATING
        and bool(submission.task_id)
        and not worker_is_running(now)
    )


@dataclass(frozen=True)
class QueueNotice:
    """A file waiting for the background worker for longer than QUEUE_PATIENCE: whether
    a worker is running (busy with other files) or none is (someone must start one)."""

    waiting_since: datetime
    worker_running: bool
    background_rows: int


def queue_notice(submission: Submission, now: datetime | None = None) -> QueueNotice | None:
    if submission.status != Submission.Status.RECEIVED:
        return None
    now = now or timezone.now()
    if now - submission.uploaded_at <= QUEUE_PATIENCE:
        return None
    return QueueNotice(
        waiting_since=submission.uploaded_at,
        worker_running=worker_is_running(now),
        background_rows=settings.KPI_BACKGROUND_ROWS,
    )


def finish_email_notice(submission: Submission, viewer_pk: int | None) -> str:
    """What the page of a file being checked in the background says about the email its
    uploader gets when the check finishes (kpi.notifications). A file checked in its
    upload's request has no task and sends no email: its uploader sees the result at once."""
    uploader = submission.uploaded_by
    if not submission.is_in_progress or not submission.task_id:
        return ""
    if uploader is None or not uploader.email:
        return ""
    if uploader.pk == viewer_pk:
        return "We will email you when it is finished."
    return f"We will email {uploader.email}, who uploaded it, when it is finished."
