"""Aggregate returns: the figures authorities submit by form or CSV."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kpi.quarters import Quarter


class AggregateReturnQuerySet(models.QuerySet):
    def current(self) -> "AggregateReturnQuerySet":
        return self.filter(status=AggregateReturn.Status.ACCEPTED)


class AggregateReturn(models.Model):
    """One return of the figures authorities submit as aggregates (docs/kpi-specification.md §7),
    by form or CSV. Accepted returns for an authority and quarter form a history; one is current."""

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
