"""Family Safeguarding KPI data: the toolkit's definitions, cohorts, submissions and the
record-level rows of each submission.

Record-level rows (families, people, referrals, plans, periods of care, quarterly
measures) always belong to one Submission, so the indicators (issue 7) aggregate the rows
of *current* submissions in SQL: `Person.objects.filter(submission__in=Submission.objects
.current())`. Keys the authority gave (family, person, referral, plan and period keys) are
stored only as keyed hashes (docs/adr/0003-person-key-hashing.md).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kpi.definitions import Citation, indicator_citations
from kpi.quarters import Quarter
from kpi.specification import section_url

TOOLKIT_SOURCE = "Seed 001, Family Safeguarding KPI definitions Toolkit"


class FieldDefinition(models.Model):
    """One field of the toolkit's appendix, or one the portal added (X01 to X09)."""

    class ToolkitKind(models.TextChoices):
        FINAL = "Final", "Final"
        WORKING = "Working", "Working field"
        INDICATOR = "Indicator", "Indicator"
        ADDED = "Added by the portal", "Added by the portal"

    key = models.CharField(max_length=12, unique=True)
    code = models.CharField(
        max_length=8, blank=True, help_text="As printed in the toolkit; blank for the team field."
    )
    name = models.CharField(max_length=200)
    explanation = models.TextField()
    toolkit_kind = models.CharField(max_length=20, choices=ToolkitKind.choices)
    input_column = models.BooleanField(
        default=True, help_text="Accepted as a column of a cohort file (kpi-spec §2)."
    )
    note = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(max_length=200, default=TOOLKIT_SOURCE)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.code or '—'} {self.name}"


class IndicatorDefinition(models.Model):
    """One of the toolkit's 20 indicators."""

    class Collection(models.TextChoices):
        RECORDS = "records", "Computed from record-level submissions"
        AGGREGATE = "aggregate", "Returned as a figure per quarter"
        BOTH = "both", "Both computed from records and returned as a figure"

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200)
    evidences = models.TextField("what it evidences")
    scope = models.TextField()
    data_source = models.CharField("data source or lead partner", max_length=200)
    method = models.TextField()
    collection = models.CharField(max_length=12, choices=Collection.choices)
    note = models.TextField(blank=True)
    fields = models.ManyToManyField(FieldDefinition, blank=True, related_name="indicators")
    source = models.CharField(max_length=200, default=TOOLKIT_SOURCE)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The toolkit's heading and the KPI specification's sections for this indicator."""
        return indicator_citations(self.number)

    @property
    def specification_anchor(self) -> str:
        """Where on the KPI specification page its first cited section is."""
        return section_url(self.citations[-1].locator)


class Cohort(models.Model):
    """A named window of Family Safeguarding start dates for one authority
    (docs/kpi-specification.md §2)."""

    authority = models.ForeignKey(
        "models_registry.LocalAuthority", on_delete=models.CASCADE, related_name="kpi_cohorts"
    )
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=60)
    start = models.DateField()
    end = models.DateField()
    source = models.CharField(max_length=200, default=TOOLKIT_SOURCE)

    class Meta:
        ordering = ["authority__name", "start"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "number"], name="kpi_cohort_number"),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="kpi_cohort_window"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.start:%b %Y} to {self.end:%b %Y})"


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


# The record-level tables below are written once, in bulk, by one import and never edited;
# their links are not checked row by row by foreign-key constraint triggers (which cost
# more than the rest of an import's database work together, docs/performance.md). They
# hold by construction: kpi.importer fills each table with one INSERT ... SELECT that joins
# the parent rows of the same submission (and picks each family's cohort from the
# submission's authority's own). tests/kpi/test_import.py checks every link below after
# imports. Django still cascades and protects deletes. Indexes a unique constraint already
# covers (its leading column) are not built twice.
RECORD_LINKS = (
    ("Person", "family_id", "Family"),
    ("Referral", "person_id", "Person"),
    ("PreviousCPPlan", "person_id", "Person"),
    ("CPPlan", "person_id", "Person"),
    ("PeriodOfCare", "person_id", "Person"),
    ("QuarterMeasures", "person_id", "Person"),
)


class Family(models.Model):
    """A family of one submission; its cohort follows its earliest R03 (docs/kpi-specification.md
    §2)."""

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="families",
        db_constraint=False,  # see RECORD_LINKS
        db_index=False,  # the kpi_family_key constraint's index leads with it
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, related_name="families", db_constraint=False
    )
    key_hash = models.CharField("R01 Family Grouping Key (keyed hash)", max_length=64)
    fs_start = models.DateField("FS start (earliest R03 of the family)")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "key_hash"], name="kpi_family_key"),
        ]

    def __str__(self) -> str:
        return f"Family #{self.pk} of submission {self.submission_id}"


class Person(models.Model):
    """A child (R02 filled) or an adult of a family, as of one submission."""

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="people",
        db_constraint=False,  # see RECORD_LINKS
        db_index=False,  # the kpi_person_key constraint's index leads with it
    )
    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="members", db_constraint=False
    )
    key_hash = models.CharField("D01 Person ID (keyed hash)", max_length=64)
    first_row = models.PositiveIntegerField(help_text="The person's first row in the file.")
    is_child = models.BooleanField()
    sex = models.CharField("D02 Sex", max_length=200, blank=True)
    age = models.PositiveSmallIntegerField("D04 Age", null=True, blank=True)
    ethnicity = models.CharField("D06 Ethnicity", max_length=200, blank=True)
    relationship = models.CharField("D07 Relationship Type", max_length=200, blank=True)
    fs_start = models.DateField("R03 First FS Case Worker Start Date")
    fs_team = models.CharField("Latest FS Case Worker Team", max_length=200, blank=True)
    fs_end = models.DateField("R04 Latest FS Case Worker End Date", null=True, blank=True)
    cohort_name = models.CharField("R05 Cohort (as given)", max_length=200, blank=True)
    uasc = models.BooleanField("X01 UASC", default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "key_hash"], name="kpi_person_key"),
        ]

    def __str__(self) -> str:
        return f"Person #{self.pk} of submission {self.submission_id}"


class Referral(models.Model):
    """A child's referral (R02, R06 to R09)."""

    person = models.OneToOneField(
        Person,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="referral",
        db_constraint=False,  # see RECORD_LINKS
    )
    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="referrals",
        db_constraint=False,  # see RECORD_LINKS
    )
    key_hash = models.CharField("R02 Referral Key (keyed hash)", max_length=64)
    start = models.DateField("R06 Referral Start Date", null=True, blank=True)
    category = models.CharField("R07 Referral Category of Need", max_length=2, blank=True)
    end = models.DateField("R08 Referral End Date", null=True, blank=True)
    previous_referrals = models.PositiveIntegerField(
        "R09 No. Previous Referrals", null=True, blank=True
    )

    def __str__(self) -> str:
        return f"Referral of person #{self.person_id}"


class CPPlan(models.Model):
    """A child protection plan (R10 to R12); `end` empty while the plan is open."""

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="cp_plans",
        db_constraint=False,  # see RECORD_LINKS
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="cp_plans",
        db_constraint=False,  # see RECORD_LINKS
        db_index=False,  # the kpi_cp_plan_key constraint's index leads with it
    )
    key_hash = models.CharField("R10 Unique Child Protection Plan Key (keyed hash)", max_length=64)
    start = models.DateField("R11 Child Protection Plan Start Date")
    end = models.DateField("R12 Child Protection Plan End Date", null=True, blank=True)

    class Meta:
        verbose_name = "child protection plan"
        constraints = [
            models.UniqueConstraint(fields=["person", "key_hash"], name="kpi_cp_plan_key"),
        ]

    def __str__(self) -> str:
        return f"Child protection plan #{self.pk}"


class PreviousCPPlan(models.Model):
    """The child's latest plan that ended before FS (R13 to R15)."""

    person = models.OneToOneField(
        Person,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="previous_cp_plan",
        db_constraint=False,  # see RECORD_LINKS
    )
    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="previous_cp_plans",
        db_constraint=False,  # see RECORD_LINKS
    )
    key_hash = models.CharField(
        "R13 Unique Previous Child Protection Plan Key (keyed hash)", max_length=64, blank=True
    )
    start = models.DateField("R14 Previous Child Protection Plan Start Date", null=True, blank=True)
    end = models.DateField("R15 Previous Child Protection Plan End Date", null=True, blank=True)

    class Meta:
        verbose_name = "previous child protection plan"

    def __str__(self) -> str:
        return f"Previous plan of person #{self.person_id}"


class PeriodOfCare(models.Model):
    """A period of care (R16 to R18); `end` empty while the child is still looked after."""

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="care_periods",
        db_constraint=False,  # see RECORD_LINKS
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="care_periods",
        db_constraint=False,  # see RECORD_LINKS
        db_index=False,  # the kpi_care_period_key constraint's index leads with it
    )
    key_hash = models.CharField("R16 CLA PK (keyed hash)", max_length=64)
    start = models.DateField("R17 CLA Start Date")
    end = models.DateField("R18 CLA End Date", null=True, blank=True)

    class Meta:
        verbose_name_plural = "periods of care"
        constraints = [
            models.UniqueConstraint(fields=["person", "key_hash"], name="kpi_care_period_key"),
        ]

    def __str__(self) -> str:
        return f"Period of care #{self.pk}"


class QuarterMeasures(models.Model):
    """A person's measures for the submission's quarter: police counts, attendance,
    substance misuse treatment and TOPS, domestic abuse and mental health
    (docs/kpi-specification.md §4.5)."""

    person = models.OneToOneField(
        Person,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="measures",
        db_constraint=False,  # see RECORD_LINKS
    )
    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="measures",
        db_constraint=False,  # see RECORD_LINKS
    )
    victim_before = models.PositiveIntegerField(
        "I01 Number of Times Previously a victim", null=True, blank=True
    )
    offender_before = models.PositiveIntegerField(
        "I02 Number of Times Previously an Offender", null=True, blank=True
    )
    victim_in_quarter = models.PositiveIntegerField(
        "I03 Number of Times a victim since FS intervention in Quarter", null=True, blank=True
    )
    offender_in_quarter = models.PositiveIntegerField(
        "I04 Number of Times an Offender since FS intervention in Quarter", null=True, blank=True
    )
    sessions_unauthorised = models.PositiveIntegerField(
        "I15 Count of Unauthorised Absence Sessions", null=True, blank=True
    )
    sessions_authorised = models.PositiveIntegerField(
        "I16 Count of Authorised Absence Sessions", null=True, blank=True
    )
    sessions_possible = models.PositiveIntegerField(
        "I17 Count of Total Possible Sessions", null=True, blank=True
    )
    treatment_start = models.DateField("I25 Structured treatment Start Date", null=True, blank=True)
    treatment_closed = models.DateField("I26 Closure Date", null=True, blank=True)
    treatment_closure_reason = models.CharField("I27 Closure Reason", max_length=30, blank=True)
    representation_6m = models.BooleanField(
        "I28 Re-presentation within 6 months", null=True, blank=True
    )
    initial_assessments = models.PositiveIntegerField(
        "I29 Number of Initial Assessments", null=True, blank=True
    )
    assessments_no_engagement = models.PositiveIntegerField(
        "I30 Number of Initial Assessments with no engagement", null=True, blank=True
    )
    treatments_non_engagement = models.PositiveIntegerField(
        "I31 Number of Treatment programs with non engagement", null=True, blank=True
    )
    tops_substance_initial = models.PositiveSmallIntegerField(
        "I32 Substance Misuse: Initial Score (TOPS)", null=True, blank=True
    )
    tops_substance_latest = models.PositiveSmallIntegerField(
        "I33 Substance Misuse: Latest Score (TOPS)", null=True, blank=True
    )
    tops_substance_end = models.PositiveSmallIntegerField(
        "I34 Substance Misuse: End Score (TOPS)", null=True, blank=True
    )
    tops_psychological_initial = models.PositiveSmallIntegerField(
        "I35 Psychological Wellbeing: Initial Score (TOPS)", null=True, blank=True
    )
    tops_psychological_latest = models.PositiveSmallIntegerField(
        "I36 Psychological Wellbeing: Latest Score (TOPS)", null=True, blank=True
    )
    tops_psychological_end = models.PositiveSmallIntegerField(
        "I37 Psychological Wellbeing: End Score (TOPS)", null=True, blank=True
    )
    tops_physical_initial = models.PositiveSmallIntegerField(
        "I38 Physical Health: Initial Score (TOPS)", null=True, blank=True
    )
    tops_physical_latest = models.PositiveSmallIntegerField(
        "I39 Physical Health: Latest Score (TOPS)", null=True, blank=True
    )
    tops_physical_end = models.PositiveSmallIntegerField(
        "I40 Physical Health: End Score (TOPS)", null=True, blank=True
    )
    tops_employment_initial = models.PositiveSmallIntegerField(
        "I41 Employment: Initial Score (TOPS)", null=True, blank=True
    )
    tops_employment_latest = models.PositiveSmallIntegerField(
        "I42 Employment: Latest Score (TOPS)", null=True, blank=True
    )
    tops_employment_end = models.PositiveSmallIntegerField(
        "I43 Employment: End Score (TOPS)", null=True, blank=True
    )
    tops_quality_of_life_initial = models.PositiveSmallIntegerField(
        "I44 Quality of Life: Initial Score (TOPS)", null=True, blank=True
    )
    tops_quality_of_life_latest = models.PositiveSmallIntegerField(
        "I45 Quality of Life: Latest Score (TOPS)", null=True, blank=True
    )
    tops_quality_of_life_end = models.PositiveSmallIntegerField(
        "I46 Quality of Life: End Score (TOPS)", null=True, blank=True
    )
    da_start = models.DateField("I47 DA Intervention Programme Start Date", null=True, blank=True)
    da_end = models.DateField("I48 DA Intervention Programme End Date", null=True, blank=True)
    da_outcome = models.CharField(
        "I49 DA Intervention Programme Outcome", max_length=30, blank=True
    )
    da_high_risk = models.BooleanField(
        "I66 DA 4 or more repeats in 12 months or cases going to MARAC", null=True, blank=True
    )
    depression_initial = models.PositiveSmallIntegerField(
        "X02 Depression Initial Score", null=True, blank=True
    )
    depression_interim = models.PositiveSmallIntegerField(
        "X03 Depression Interim Score", null=True, blank=True
    )
    depression_end = models.PositiveSmallIntegerField(
        "X04 Depression End Score", null=True, blank=True
    )
    anxiety_initial = models.PositiveSmallIntegerField(
        "X05 Anxiety Initial Score", null=True, blank=True
    )
    anxiety_interim = models.PositiveSmallIntegerField(
        "X06 Anxiety Interim Score", null=True, blank=True
    )
    anxiety_end = models.PositiveSmallIntegerField("X07 Anxiety End Score", null=True, blank=True)
    da_incidents_before = models.PositiveIntegerField(
        "X08 DA Incidents 12 Months Before FS", null=True, blank=True
    )
    da_incidents_since = models.PositiveIntegerField(
        "X09 DA Incidents Since FS", null=True, blank=True
    )

    class Meta:
        verbose_name_plural = "quarter measures"

    def __str__(self) -> str:
        return f"Measures of person #{self.person_id}"


class IndicatorValue(models.Model):
    """One measure of one indicator for an authority, quarter and cohort (or `all`),
    materialised from the current submission (kpi/indicators/, docs/kpi-specification.md §6) and
    recomputed whenever that changes. `suppressed` is decided with the value
    (kpi/disclosure.py); who may see a suppressed value is decided when it is shown."""

    ALL_COHORTS = "all"

    authority = models.ForeignKey(
        "models_registry.LocalAuthority", on_delete=models.CASCADE, related_name="kpi_values"
    )
    quarter = models.CharField(max_length=7, help_text="YYYY-Qn")
    cohort = models.CharField(max_length=60, help_text="The cohort's name, or 'all'.")
    cohort_position = models.PositiveSmallIntegerField(
        default=0, help_text="Display order: the authority's cohorts by start, then all."
    )
    indicator = models.PositiveSmallIntegerField(help_text="The toolkit's number; 0 police.")
    measure = models.CharField(max_length=60)
    value = models.FloatField(null=True, blank=True)
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    people = models.PositiveIntegerField(default=0)
    suppressed = models.BooleanField(default=False)
    disclosure_rules = models.PositiveSmallIntegerField(
        default=0,
        help_text="Version of the disclosure rules that decided `suppressed` "
        "(kpi.disclosure.RULES_VERSION); older ones are recomputed after migrate.",
    )
    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="indicator_values",
        null=True,
        blank=True,
        help_text="The record-level submission the value was computed from.",
    )
    aggregate_return = models.ForeignKey(
        "AggregateReturn",
        on_delete=models.CASCADE,
        related_name="indicator_values",
        null=True,
        blank=True,
        help_text="The return of figures the value came from (kpi-spec §4).",
    )
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["authority__name", "quarter", "indicator", "measure", "cohort_position"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "quarter", "cohort", "measure"], name="kpi_one_value"
            ),
            models.CheckConstraint(
                name="kpi_value_has_one_source",
                condition=Q(submission__isnull=False, aggregate_return__isnull=True)
                | Q(submission__isnull=True, aggregate_return__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["quarter", "measure"]),
            models.Index(fields=["measure", "authority", "quarter"]),
        ]

    def __str__(self) -> str:
        return f"{self.authority} {self.quarter} {self.cohort} {self.measure}"


class AggregateReturnQuerySet(models.QuerySet):
    def current(self) -> "AggregateReturnQuerySet":
        return self.filter(status=AggregateReturn.Status.ACCEPTED)


class AggregateReturn(models.Model):
    """One return of the figures authorities submit as aggregates (docs/kpi-specification.md §7),
    by form or
    CSV. Accepted returns for an authority and quarter form a history; one is current."""

    class Status(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"
        SUPERSEDED = "superseded", "Superseded"

    class Source(models.TextChoices):
        FORM = "form", "Form"
        CSV = "csv", "CSV file"

    authority = models.ForeignKey(
        "models_registry.LocalAuthority", on_delete=models.PROTECT, related_name="kpi_returns"
    )
    quarter = models.CharField(max_length=7, help_text="YYYY-Qn")
    source = models.CharField(max_length=4, choices=Source.choices)
    sha256 = models.CharField(max_length=64, blank=True, help_text="Of the CSV file, if any.")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kpi_returns",
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=12, choices=Status.choices)
    problems = models.JSONField(default=list, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    objects = AggregateReturnQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "quarter"],
                condition=Q(status="accepted"),
                name="kpi_one_current_return_per_quarter",
            )
        ]

    def __str__(self) -> str:
        return f"{self.authority} {self.quarter} return #{self.pk} ({self.get_status_display()})"

    @property
    def quarter_label(self) -> str:
        return Quarter.parse(self.quarter).label


class AggregateFigure(models.Model):
    aggregate_return = models.ForeignKey(
        AggregateReturn, on_delete=models.CASCADE, related_name="figures"
    )
    measure = models.CharField(max_length=60)
    value = models.FloatField()
    people = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many people the figure rests on, where given."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["aggregate_return", "measure"], name="kpi_one_figure_per_measure"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure} = {self.value}"
