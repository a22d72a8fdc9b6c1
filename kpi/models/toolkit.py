"""The toolkit's definitions (fields and indicators) and each authority's cohorts."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from kpi.definitions import TOOLKIT, Citation, indicator_citations
from kpi.specification import section_url

# Definitions and cohorts cite the toolkit by its title unless they say otherwise.
TOOLKIT_SOURCE = TOOLKIT


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
        default=True, help_text="Accepted as a column of a cohort file (KPI specification §4.5)."
    )
    note = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(
        max_length=200,
        default=TOOLKIT_SOURCE,
        help_text="The document, by its title, the entry comes from.",
    )

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
    source = models.CharField(
        max_length=200,
        default=TOOLKIT_SOURCE,
        help_text="The document, by its title, the entry comes from.",
    )

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
    source = models.CharField(
        max_length=200,
        default=TOOLKIT_SOURCE,
        help_text="The document, by its title, the entry comes from.",
    )
    # Who gave an authority its windows, and when (the regional team's cohort windows page).
    history = HistoricalRecords()

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
