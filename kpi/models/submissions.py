"""Submissions: one uploaded cohort file for one authority and quarter."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kpi.quarters import Quarter


class SubmissionQuerySet(models.QuerySet):
    def current(self) -> "SubmissionQuerySet":
        """The one accepted submission per authority and quarter (the constraint below)."""
        return self.filter(status=Submission.Status.ACCEPTED)


class Submission(models.Model):
    """One uploaded cohort file for one authority and quarter (docs/kpi-specification.md §2,
    §4–5)."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        VALIDATING = "validating", "Checking"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"
        SUPERSEDED = "superseded", "Superseded"
        FAILED = "failed", "Failed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class WithdrawalReason(models.TextChoices):
        """Why an analyst withdrew a submission; regional admins see this, never the note."""

        WRONG_QUARTER = "wrong_quarter", "It was filed under the wrong quarter"
        WRONG_AUTHORITY = "wrong_authority", "It holds another authority's data"
        WRONG_FILE = "wrong_file", "The wrong file was uploaded"
        OTHER = "other", "Another reason"

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel workbook (XLSX)"
        UNKNOWN = "", "Not recognised"

    authority = models.ForeignKey(
        "models_registry.LocalAuthority", on_delete=models.PROTECT, related_name="kpi_submissions"
    )
    quarter = models.CharField(max_length=7, help_text="YYYY-Qn, e.g. 2018-Q1.")
    sha256 = models.CharField("SHA-256 of the file", max_length=64, db_index=True)
    file_name = models.CharField(max_length=255, blank=True)
    file_format = models.CharField(max_length=4, choices=Format.choices, blank=True)
    file_size = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kpi_submissions",
    )
    uploaded_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RECEIVED)
    is_synthetic = models.BooleanField(
        default=False, help_text="Generated demonstration data, not a real authority's return."
    )
    rows_total = models.PositiveIntegerField(
        null=True, blank=True, help_text="Data rows in the file, when known before checking."
    )
    rows_processed = models.PositiveIntegerField(default=0)
    row_count = models.PositiveIntegerField(default=0)
    family_count = models.PositiveIntegerField(default=0)
    person_count = models.PositiveIntegerField(default=0)
    child_count = models.PositiveIntegerField(default=0)
    adult_count = models.PositiveIntegerField(default=0)
    cp_plan_count = models.PositiveIntegerField(default=0)
    care_period_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    problems = models.JSONField(
        default=list,
        blank=True,
        help_text="The report: errors then warnings, each with row, column, value and message.",
    )
    failure_message = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kpi_withdrawals",
    )
    withdrawal_reason = models.CharField(
        max_length=20, choices=WithdrawalReason.choices, blank=True
    )
    withdrawal_note = models.TextField(
        blank=True, help_text="The analyst's own words; shown only to the authority's analysts."
    )
    task_id = models.CharField(max_length=64, blank=True)
    pending_file = models.CharField(
        max_length=255, blank=True, help_text="Storage path of a file waiting for the worker."
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "quarter"],
                condition=Q(status="accepted"),
                name="kpi_one_current_submission_per_quarter",
            ),
            models.CheckConstraint(
                name="kpi_withdrawal_has_a_reason",
                condition=~Q(status="withdrawn")
                | (Q(withdrawn_at__isnull=False) & ~Q(withdrawal_reason="")),
            ),
        ]
        indexes = [models.Index(fields=["authority", "quarter", "status"])]

    def __str__(self) -> str:
        return f"{self.authority} {self.quarter} #{self.pk} ({self.get_status_display()})"

    @property
    def is_current(self) -> bool:
        return self.status == self.Status.ACCEPTED

    @property
    def is_withdrawable(self) -> bool:
        """Only a submission whose rows were stored (current or superseded) is withdrawn."""
        return self.status in (self.Status.ACCEPTED, self.Status.SUPERSEDED)

    @property
    def is_in_progress(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.VALIDATING)

    @property
    def quarter_label(self) -> str:
        return Quarter.parse(self.quarter).label

    @property
    def progress_percent(self) -> int | None:
        if not self.rows_total:
            return None
        return min(100, round(100 * self.rows_processed / self.rows_total))
