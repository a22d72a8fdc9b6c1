"""What the submission pages show, worked out once so templates only display it."""

import io
from dataclasses import dataclass

from kpi.models import Submission
from seslip import csv_safety

STATUS_TAGS = {
    Submission.Status.RECEIVED: "govuk-tag--grey",
    Submission.Status.VALIDATING: "govuk-tag--blue",
    Submission.Status.ACCEPTED: "govuk-tag--green",
    Submission.Status.REJECTED: "govuk-tag--red",
    Submission.Status.SUPERSEDED: "govuk-tag--grey",
    Submission.Status.FAILED: "govuk-tag--orange",
    Submission.Status.WITHDRAWN: "govuk-tag--purple",
}

REPORT_HEADER = ("severity", "row", "column", "value", "message")


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
    out = io.StringIO()
    writer = csv_safety.writer(out)
    writer.writerow(REPORT_HEADER)
    for problem in submission.problems:
        writer.writerow(["" if problem[k] is None else problem[k] for k in REPORT_HEADER])
    return out.getvalue()
