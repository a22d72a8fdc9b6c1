"""Indicator values: the figures the portal shows, one per authority, quarter, cohort, measure."""

from django.db import models
from django.db.models import Q

from kpi.models.submissions import Submission

# The cohort name of values over all of an authority's cohorts together.
ALL_COHORTS = "all"
ALL_COHORTS_NAME = "All cohorts"


class IndicatorValue(models.Model):
    """One measure of one indicator for an authority, quarter and cohort (or `all`),
    materialised from the current submission (kpi/indicators/, docs/kpi-specification.md §6) and
    recomputed whenever that changes. `suppressed` is decided with the value
    (kpi/disclosure.py); who may see a suppressed value is decided when it is shown."""

    ALL_COHORTS = ALL_COHORTS

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
        help_text="The return of figures the value came from (KPI specification §7).",
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
