"""Record-level rows of a submission: families, people, referrals, plans, periods of care
and quarterly measures. Keys the authority gave are stored only as keyed hashes
(docs/adr/0003-person-key-hashing.md)."""

from django.db import models

from kpi.models.submissions import Submission
from kpi.models.toolkit import Cohort

# The record-level tables below are written once, in bulk, by one import and never edited;
# their links are not checked row by row by foreign-key constraint triggers (which cost
# more than the rest of an import's database work together, docs/performance.md). They
# hold by construction: kpi.ingest.assembly fills each table with one INSERT ... SELECT that joins
# the parent rows of the same submission (and picks each family's cohort from the
# submission's authority's own). tests/kpi/services/test_import.py checks every link below after
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
        verbose_name_plural = "families"
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
        verbose_name_plural = "people"
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
