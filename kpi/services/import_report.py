"""What happened to one upload: the report the command, the upload page and the API render."""

from dataclasses import dataclass, field

from django.utils import timezone

from kpi.ingest.table import Problem
from kpi.models import Submission
from seslip.wording import count_of


class Outcome:
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNCHANGED = "unchanged"
    QUEUED = "queued"
    FAILED = "failed"


@dataclass
class ImportReport:
    """What happened to one upload; the command, page and API all render this."""

    outcome: str
    submission: Submission | None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0
    row_count: int = 0

    @property
    def ok(self) -> bool:
        """Accepted, a byte-identical re-upload, or waiting for the worker."""
        return self.outcome in (Outcome.ACCEPTED, Outcome.UNCHANGED, Outcome.QUEUED)

    @property
    def message(self) -> str:
        quarter = self.submission.quarter if self.submission else ""
        return {
            Outcome.ACCEPTED: f"Accepted: {count_of(self.row_count, 'row')} "
            f"{'is' if self.row_count == 1 else 'are'} now the current submission for {quarter}.",
            Outcome.UNCHANGED: "This file is byte for byte the current submission for "
            f"{quarter}: nothing has changed.",
            Outcome.QUEUED: "The file is large, so it is being checked in the background.",
            Outcome.REJECTED: f"Rejected with {count_of(self.error_count, 'error')}: "
            "nothing from the file was stored.",
            Outcome.FAILED: "The import failed unexpectedly; nothing from the file was stored.",
        }[self.outcome]

    @classmethod
    def from_submission(cls, submission: Submission, outcome: str) -> "ImportReport":
        problems = [Problem(**item) for item in submission.problems]
        return cls(
            outcome=outcome,
            submission=submission,
            errors=[p for p in problems if p.severity == Problem.ERROR],
            warnings=[p for p in problems if p.severity == Problem.WARNING],
            error_count=submission.error_count,
            warning_count=submission.warning_count,
            row_count=submission.row_count,
        )


def fail_import(submission: Submission, message: str) -> ImportReport:
    """Mark an import failed with a message for the uploader; nothing of it was stored."""
    submission.status = Submission.Status.FAILED
    submission.failure_message = message
    submission.finished_at = timezone.now()
    submission.save()
    return ImportReport(Outcome.FAILED, submission, [], [], 0)
