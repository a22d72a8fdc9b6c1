"""The evidence library: evaluations, the findings they report, and how strong each is.

The strength scale is documented in docs/evidence-scale.md (a design-based scale after the
Maryland Scientific Methods Scale, given plain labels in the way the Foundations
Guidebook does). Self-reported local impact is kept but never rated like an evaluation.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from evidence.figure_fields import figure_constraints, figure_errors, figure_kind, figure_upper
from evidence.reviews import FindingReview as FindingReview  # its table, re-exported
from evidence.search import refresh_search_documents
from evidence.source_documents import SourceDocument
from sources.values import Figure

SAMPLE_FIGURES = ("sample_authorities", "sample_families", "sample_children", "sample_staff")
FINDING_FIGURES = ("value_before", "value_after", "comparison_value", "change_value", "sample_size")


class Strength(models.TextChoices):
    """Plain-language strength of evidence (docs/evidence-scale.md)."""

    STRONG = "strong", "Strong"
    MODERATE = "moderate", "Moderate"
    PRELIMINARY = "preliminary", "Preliminary"
    DESCRIPTIVE = "descriptive", "Descriptive only"
    NOT_RATED = "not_rated", "Not rated (self-reported)"


# Higher is stronger. Not rated sits below every rated level so it never outranks one.
STRENGTH_RANK: dict[str, int] = {
    Strength.STRONG: 4,
    Strength.MODERATE: 3,
    Strength.PRELIMINARY: 2,
    Strength.DESCRIPTIVE: 1,
    Strength.NOT_RATED: 0,
}

# The strongest plain label each Maryland SMS level can support (docs/evidence-scale.md).
STRENGTH_CEILING_FOR_SMS_LEVEL: dict[int, str] = {
    5: Strength.STRONG,
    4: Strength.STRONG,
    3: Strength.MODERATE,
    2: Strength.PRELIMINARY,
    1: Strength.DESCRIPTIVE,
}


class OutcomeDomain(models.Model):
    """The shared taxonomy of outcomes that findings are filed under (the map's columns)."""

    class Group(models.TextChoices):
        CHILDREN_AND_FAMILIES = "children_families", "Children and families"
        SERVICES = "services", "Services and system"
        WORKFORCE = "workforce", "Workforce"

    name = models.CharField(max_length=120, unique=True)
    short_name = models.CharField(max_length=40, help_text="Column heading on the evidence map.")
    slug = models.SlugField(max_length=80, unique=True)
    group = models.CharField(max_length=30, choices=Group.choices)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up with every save (optimistic locking)."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        # Findings are searched by their outcome's name too (a rename on /regional/).
        refresh_search_documents(self.findings.all())


class Evaluation(models.Model):
    class Kind(models.TextChoices):
        INDEPENDENT = "independent", "Independent evaluation"
        INTERIM = "interim", "Interim evaluation report"
        INSPECTION = "inspection", "Inspection"
        REVIEW = "review", "Review or summary of evaluations"
        SELF_REPORTED = "self_reported", "Internal or self-reported"

    class Design(models.TextChoices):
        RANDOMISED = "randomised", "Randomised trial"
        QUASI_EXPERIMENTAL = "quasi_experimental", "Quasi-experimental with comparison"
        BEFORE_AFTER_COMPARISON = "before_after_comparison", "Before-and-after with comparison"
        BEFORE_AFTER = "before_after", "Before-and-after without comparison"
        QUALITATIVE = "qualitative", "Qualitative or case study"
        MONITORING = "monitoring", "Monitoring data"
        INSPECTION = "inspection", "Inspection judgement"
        REVIEW = "review", "Review of other studies"

    class Status(models.TextChoices):
        PUBLISHED = "published", "Published"
        INTERIM = "interim", "Interim"
        DUE = "due", "Due"

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=300)
    evaluator = models.CharField(
        max_length=300, help_text="Authors or evaluating body, e.g. 'York Consulting'."
    )
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Year of publication; empty where the source omits it."
    )
    publisher = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=400, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    design = models.CharField(max_length=30, choices=Design.choices)
    period_covered = models.CharField(max_length=120, blank=True)
    sample = models.CharField(max_length=300, blank=True, help_text="Who was studied, in words.")
    sample_authorities = models.PositiveIntegerField(null=True, blank=True)
    sample_families = models.PositiveIntegerField(null=True, blank=True)
    sample_children = models.PositiveIntegerField(null=True, blank=True)
    sample_staff = models.PositiveIntegerField(null=True, blank=True)
    sample_authorities_kind = figure_kind("authorities")
    sample_authorities_upper = figure_upper("authorities", whole=True)
    sample_families_kind = figure_kind("families")
    sample_families_upper = figure_upper("families", whole=True)
    sample_children_kind = figure_kind("children")
    sample_children_upper = figure_upper("children", whole=True)
    sample_staff_kind = figure_kind("staff")
    sample_staff_upper = figure_upper("staff", whole=True)
    funder = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PUBLISHED)
    due = models.CharField(max_length=60, blank=True, help_text="When a due report is expected.")
    summary = models.TextField(help_text="What the evaluation did and found, in our own words.")
    practice_models = models.ManyToManyField(
        "models_registry.PracticeModel", related_name="evaluations", blank=True
    )
    authorities = models.ManyToManyField(
        "models_registry.LocalAuthority", related_name="evaluations", blank=True
    )
    source = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluations",
        help_text="The document this evaluation is (sources catalogue); its citations say "
        "where the portal reads it.",
    )
    citations = GenericRelation("sources.Citation")
    source_document = models.CharField(max_length=60, choices=SourceDocument.choices)
    source_section = models.CharField(
        max_length=120, help_text="Section or page of the source document, e.g. '§1.3'."
    )
    sms_level = models.PositiveSmallIntegerField(
        "Maryland SMS level",
        null=True,
        blank=True,
        help_text="1 to 5; empty for self-reported material, which is not rated.",
    )
    strength = models.CharField(max_length=20, choices=Strength.choices)
    strength_reason = models.TextField(help_text="Why this rating: design, rigour, caveats.")
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up with every save (optimistic locking)."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = [models.F("year").desc(nulls_last=True), "title"]
        constraints = [
            models.CheckConstraint(
                name="evaluation_self_reported_is_never_rated",
                condition=(
                    models.Q(kind="self_reported", strength="not_rated", sms_level__isnull=True)
                    | (~models.Q(kind="self_reported") & ~models.Q(strength="not_rated"))
                ),
            ),
            models.CheckConstraint(
                name="evaluation_sms_level_1_to_5",
                condition=models.Q(sms_level__isnull=True)
                | models.Q(sms_level__gte=1, sms_level__lte=5),
            ),
            *figure_constraints("evaluation", SAMPLE_FIGURES),
            models.CheckConstraint(
                name="evaluation_rating_has_a_reason", condition=~models.Q(strength_reason="")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.evaluator}, {self.year})"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        # Findings are searched by their evaluation's words too.
        refresh_search_documents(self.findings.all())

    def get_absolute_url(self) -> str:
        return reverse("evidence:evaluation", kwargs={"slug": self.slug})

    def figure(self, name: str) -> Figure | None:
        """One of the sample's figures ('sample_staff') as the source gives it."""
        return Figure.from_fields(
            getattr(self, f"{name}_kind"), getattr(self, name), getattr(self, f"{name}_upper")
        )

    def clean(self) -> None:
        """A rating may not exceed what the design supports (docs/evidence-scale.md); a
        range has both its ends."""
        if errors := figure_errors(self, SAMPLE_FIGURES):
            raise ValidationError(errors)
        if self.kind == self.Kind.SELF_REPORTED:
            if self.strength != Strength.NOT_RATED or self.sms_level is not None:
                raise ValidationError(
                    {"strength": "Self-reported material is kept but never rated."}
                )
            return
        if self.strength == Strength.NOT_RATED:
            raise ValidationError({"strength": "Only self-reported material is left unrated."})
        if self.sms_level is None:
            return
        ceiling = STRENGTH_CEILING_FOR_SMS_LEVEL.get(self.sms_level)
        if ceiling and STRENGTH_RANK[self.strength] > STRENGTH_RANK[ceiling]:
            raise ValidationError(
                {
                    "strength": f"SMS level {self.sms_level} supports at most "
                    f"'{Strength(ceiling).label}'."
                }
            )

    @property
    def is_self_reported(self) -> bool:
        return self.kind == self.Kind.SELF_REPORTED

    @property
    def strength_rank(self) -> int:
        return STRENGTH_RANK[self.strength]


class Direction(models.TextChoices):
    IMPROVED = "improved", "Improved"
    NO_CHANGE = "no_change", "No change"
    WORSE = "worse", "Worse"
    MIXED = "mixed", "Mixed"
    NOT_MEASURED = "not_measured", "Not measured"


class Significance(models.TextChoices):
    SIGNIFICANT = "significant", "Statistically significant"
    NOT_SIGNIFICANT = "not_significant", "Not statistically significant"
    NOT_STATED = "not_stated", "Not stated"


class FindingQuerySet(models.QuerySet):
    def published(self) -> "FindingQuerySet":
        return self.filter(status=Finding.Status.PUBLISHED)


class Finding(models.Model):
    """One thing an evaluation reports, filed under a model and an outcome domain."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (proposed, not yet public)"
        PUBLISHED = "published", "Published"
        SENT_BACK = "sent_back", "Sent back to the proposer for changes"
        DECLINED = "declined", "Declined"

    key = models.SlugField(
        max_length=120, unique=True, help_text="Stable identifier used in links and the API."
    )
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="findings")
    practice_model = models.ForeignKey(
        "models_registry.PracticeModel",
        on_delete=models.PROTECT,
        related_name="findings",
        null=True,
        blank=True,
        help_text="Empty only for findings about models in general (e.g. the regional survey).",
    )
    authority = models.ForeignKey(
        "models_registry.LocalAuthority",
        on_delete=models.PROTECT,
        related_name="findings",
        null=True,
        blank=True,
        help_text="The authority the finding is about, where it is local.",
    )
    outcome_domain = models.ForeignKey(
        OutcomeDomain, on_delete=models.PROTECT, related_name="findings"
    )
    statement = models.TextField(help_text="What was found, in our own words.")
    measure = models.CharField(max_length=300, blank=True)
    value_before = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    value_after = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    comparison_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    change_value = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="A change reported without before and after values, e.g. -66 (unit '%').",
    )
    comparison_label = models.CharField(
        max_length=120, blank=True, help_text="What the comparison value is, e.g. 'national'."
    )
    unit = models.CharField(max_length=60, blank=True)
    period = models.CharField(max_length=120, blank=True)
    sample_size = models.PositiveIntegerField("n", null=True, blank=True)
    value_before_kind = figure_kind("before")
    value_before_upper = figure_upper("before")
    value_after_kind = figure_kind("after")
    value_after_upper = figure_upper("after")
    comparison_value_kind = figure_kind("comparison")
    comparison_value_upper = figure_upper("comparison")
    change_value_kind = figure_kind("change")
    change_value_upper = figure_upper("change")
    sample_size_kind = figure_kind("n")
    sample_size_upper = figure_upper("n", whole=True)
    direction = models.CharField(max_length=20, choices=Direction.choices)
    significance = models.CharField(
        max_length=20, choices=Significance.choices, default=Significance.NOT_STATED
    )
    source_section = models.CharField(
        max_length=120, help_text="Where in the source document, e.g. '§1.3.6' or 'slide 12'."
    )
    page_reference = models.CharField(
        max_length=120,
        blank=True,
        help_text="Page of the original report where the source gives one, e.g. 'p11'.",
    )
    quotation = models.TextField(
        blank=True, help_text="A short quotation where the wording matters; shown as a quotation."
    )
    quotation_attribution = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_findings",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="published_findings",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up with every save (optimistic locking)."
    )
    search_document = SearchVectorField(
        null=True,
        editable=False,
        help_text="The weighted full-text document (PostgreSQL), kept by evidence.search.",
    )

    objects = FindingQuerySet.as_manager()
    citations = GenericRelation("sources.Citation")
    history = HistoricalRecords(excluded_fields=["search_document"])

    class Meta:
        ordering = ["evaluation", "position", "key"]
        constraints = [
            models.CheckConstraint(
                name="finding_quotation_is_attributed",
                condition=models.Q(quotation="") | ~models.Q(quotation_attribution=""),
            ),
            *figure_constraints("finding", FINDING_FIGURES),
        ]

    def __str__(self) -> str:
        return self.statement[:80]

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        refresh_search_documents(Finding.objects.filter(pk=self.pk))

    def get_absolute_url(self) -> str:
        return reverse("evidence:finding", kwargs={"key": self.key})

    def clean(self) -> None:
        if errors := figure_errors(self, FINDING_FIGURES):
            raise ValidationError(errors)

    def figure(self, name: str) -> Figure | None:
        """One of the finding's figures ('value_before', 'sample_size') as the source
        gives it: exact, a range, a lower bound or approximate."""
        return Figure.from_fields(
            getattr(self, f"{name}_kind"), getattr(self, name), getattr(self, f"{name}_upper")
        )
