"""Record-level rows of a submission: families, people, referrals, plans, periods of care
and quarterly measures. Keys the authority gave are stored only as keyed hashes
(docs/adr/0003-person-key-hashing.md)."""

from django.db import models

from kpi.definitions import field_label
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
    key_hash = models.CharField(field_label("R01") + " (keyed hash)", max_length=64)
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
    key_hash = models.CharField(field_label("D01") + " (keyed hash)", max_length=64)
    first_row = models.PositiveIntegerField(help_text="The person's first row in the file.")
    is_child = models.BooleanField()
    sex = models.CharField(field_label("D02"), max_length=200, blank=True)
    age = models.PositiveSmallIntegerField(field_label("D04"), null=True, blank=True)
    ethnicity = models.CharField(field_label("D06"), max_length=200, blank=True)
    relationship = models.CharField(field_label("D07"), max_length=200, blank=True)
    fs_start = models.DateField(field_label("R03"))
    fs_team = models.CharField(field_label("TEAM"), max_length=200, blank=True)
    fs_end = models.DateField(field_label("R04"), null=True, blank=True)
    cohort_name = models.CharField(field_label("R05") + " (as given)", max_length=200, blank=True)
    uasc = models.BooleanField(field_label("X01"), default=False)

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
    key_hash = models.CharField(field_label("R02") + " (keyed hash)", max_length=64)
    start = models.DateField(field_label("R06"), null=True, blank=True)
    category = models.CharField(field_label("R07"), max_length=2, blank=True)
    end = models.DateField(field_label("R08"), null=True, blank=True)
    previous_referrals = models.PositiveIntegerField(field_label("R09"), null=True, blank=True)

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
    key_hash = models.CharField(field_label("R10") + " (keyed hash)", max_length=64)
    start = models.DateField(field_label("R11"))
    end = models.DateField(field_label("R12"), null=True, blank=True)

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
    key_hash = models.CharField(field_label("R13") + " (keyed hash)", max_length=64, blank=True)
    start = models.DateField(field_label("R14"), null=True, blank=True)
    end = models.DateField(field_label("R15"), null=True, blank=True)

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
    key_hash = models.CharField(field_label("R16") + " (keyed hash)", max_length=64)
    start = models.DateField(field_label("R17"))
    end = models.DateField(field_label("R18"), null=True, blank=True)

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
    victim_before = models.PositiveIntegerField(field_label("I01"), null=True, blank=True)
    offender_before = models.PositiveIntegerField(field_label("I02"), null=True, blank=True)
    victim_in_quarter = models.PositiveIntegerField(field_label("I03"), null=True, blank=True)
    offender_in_quarter = models.PositiveIntegerField(field_label("I04"), null=True, blank=True)
    sessions_unauthorised = models.PositiveIntegerField(field_label("I15"), null=True, blank=True)
    sessions_authorised = models.PositiveIntegerField(field_label("I16"), null=True, blank=True)
    sessions_possible = models.PositiveIntegerField(field_label("I17"), null=True, blank=True)
    treatment_start = models.DateField(field_label("I25"), null=True, blank=True)
    treatment_closed = models.DateField(field_label("I26"), null=True, blank=True)
    treatment_closure_reason = models.CharField(field_label("I27"), max_length=30, blank=True)
    representation_6m = models.BooleanField(field_label("I28"), null=True, blank=True)
    initial_assessments = models.PositiveIntegerField(field_label("I29"), null=True, blank=True)
    assessments_no_engagement = models.PositiveIntegerField(
        field_label("I30"), null=True, blank=True
    )
    treatments_non_engagement = models.PositiveIntegerField(
        field_label("I31"), null=True, blank=True
    )
    tops_substance_initial = models.PositiveSmallIntegerField(
        field_label("I32"), null=True, blank=True
    )
    tops_substance_latest = models.PositiveSmallIntegerField(
        field_label("I33"), null=True, blank=True
    )
    tops_substance_end = models.PositiveSmallIntegerField(field_label("I34"), null=True, blank=True)
    tops_psychological_initial = models.PositiveSmallIntegerField(
        field_label("I35"), null=True, blank=True
    )
    tops_psychological_latest = models.PositiveSmallIntegerField(
        field_label("I36"), null=True, blank=True
    )
    tops_psychological_end = models.PositiveSmallIntegerField(
        field_label("I37"), null=True, blank=True
    )
    tops_physical_initial = models.PositiveSmallIntegerField(
        field_label("I38"), null=True, blank=True
    )
    tops_physical_latest = models.PositiveSmallIntegerField(
        field_label("I39"), null=True, blank=True
    )
    tops_physical_end = models.PositiveSmallIntegerField(field_label("I40"), null=True, blank=True)
    tops_employment_initial = models.PositiveSmallIntegerField(
        field_label("I41"), null=True, blank=True
    )
    tops_employment_latest = models.PositiveSmallIntegerField(
        field_label("I42"), null=True, blank=True
    )
    tops_employment_end = models.PositiveSmallIntegerField(
        field_label("I43"), null=True, blank=True
    )
    tops_quality_of_life_initial = models.PositiveSmallIntegerField(
        field_label("I44"), null=True, blank=True
    )
    tops_quality_of_life_latest = models.PositiveSmallIntegerField(
        field_label("I45"), null=True, blank=True
    )
    tops_quality_of_life_end = models.PositiveSmallIntegerField(
        field_label("I46"), null=True, blank=True
    )
    da_start = models.DateField(field_label("I47"), null=True, blank=True)
    da_end = models.DateField(field_label("I48"), null=True, blank=True)
    da_outcome = models.CharField(field_label("I49"), max_length=30, blank=True)
    da_high_risk = models.BooleanField(field_label("I66"), null=True, blank=True)
    depression_initial = models.PositiveSmallIntegerField(field_label("X02"), null=True, blank=True)
    depression_interim = models.PositiveSmallIntegerField(field_label("X03"), null=True, blank=True)
    depression_end = models.PositiveSmallIntegerField(field_label("X04"), null=True, blank=True)
    anxiety_initial = models.PositiveSmallIntegerField(field_label("X05"), null=True, blank=True)
    anxiety_interim = models.PositiveSmallIntegerField(field_label("X06"), null=True, blank=True)
    anxiety_end = models.PositiveSmallIntegerField(field_label("X07"), null=True, blank=True)
    da_incidents_before = models.PositiveIntegerField(field_label("X08"), null=True, blank=True)
    da_incidents_since = models.PositiveIntegerField(field_label("X09"), null=True, blank=True)

    class Meta:
        verbose_name_plural = "quarter measures"

    def __str__(self) -> str:
        return f"Measures of person #{self.person_id}"
