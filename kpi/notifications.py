"""Telling the uploader what became of a cohort file imported in the background, by email
(Django's email framework: the console in development, SMTP by settings; README,
Configuration).

Only a background import is told: one checked in its own request showed its result at
once. The email names the authority, the quarter and the outcome, with counts, and links
to the submission's page; it never quotes the file (no row, column value or file name),
since an email leaves the portal's access control."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from kpi.models import Submission

logger = logging.getLogger(__name__)

OUTCOMES: dict[str, str] = {
    Submission.Status.ACCEPTED: "accepted",
    Submission.Status.SUPERSEDED: "accepted",
    Submission.Status.REJECTED: "rejected",
    Submission.Status.FAILED: "failed",
}
SUBJECTS = {
    "accepted": "Your cohort file for {authority}, {quarter} was accepted",
    "rejected": "Your cohort file for {authority}, {quarter} was rejected",
    "failed": "Your cohort file for {authority}, {quarter} could not be checked",
}


def submission_url(submission: Submission) -> str:
    """The submission's page as an absolute link (PORTAL_BASE_URL, as every email's links)."""
    path = reverse("kpi:submission-detail", kwargs={"pk": submission.pk})
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}"


def background_import_finished(submission: Submission) -> None:
    """Email the uploader once the surrounding transaction commits (at once outside one):
    an import rolled back tells nobody. Callers call this only when their own step ended
    the import, so each import is told once."""
    submission_id = submission.pk
    transaction.on_commit(lambda: tell_uploader(submission_id=submission_id))


def tell_uploader(*, submission_id: int) -> bool:
    """Email the submission's uploader its outcome; False when there is nobody to tell (an
    upload by the import_cohort command, or a user without an address), the submission
    has not finished, or the email could not be sent (logged)."""
    submission = (
        Submission.objects.select_related("authority", "uploaded_by").filter(pk=submission_id)
    ).first()
    if submission is None or submission.status not in OUTCOMES:
        return False
    uploader = submission.uploaded_by
    if uploader is None or not uploader.email:
        return False
    outcome = OUTCOMES[submission.status]
    body = render_to_string(
        "kpi/email/import_finished.txt",
        {
            "submission": submission,
            "outcome": outcome,
            "url": submission_url(submission),
            "upload_url": f"{settings.PORTAL_BASE_URL.rstrip('/')}"
            f"{reverse('kpi:submission-upload')}",
            "service_name": settings.PORTAL_SERVICE_NAME,
        },
    )
    subject = SUBJECTS[outcome].format(
        authority=submission.authority.name, quarter=submission.quarter_label
    )
    try:
        send_mail(subject, body, None, [uploader.email])
    except Exception:
        # The import's outcome is stored and on its page; a mail server that is down must
        # neither fail the worker's task nor stop a recovery half-way through its list.
        logger.exception("Could not email the uploader of submission %s", submission.pk)
        return False
    logger.info("Told the uploader of submission %s: %s", submission.pk, outcome)
    return True
