"""The region's local authorities and the practice models they use.

Sources: seed 000 (SESLIP reference group minutes and overview, Feb 2020) and seed 001
(SESLIP report "Models of Social Work Practice", 2020).
"""

from django.db import models
from simple_history.models import HistoricalRecords


class SourcedModel(models.Model):
    """Every registry entry says where its facts come from (document and section)."""

    source = models.CharField(
        max_length=300,
        blank=True,
        help_text="Document and section the facts come from, e.g. 'Seed 001, §1.2.1'.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class LocalAuthority(SourcedModel):
    class Kind(models.TextChoices):
        COUNTY = "county", "County council"
        UNITARY = "unitary", "Unitary authority"
        METROPOLITAN = "metropolitan", "Metropolitan borough"
        LONDON_BOROUGH = "london_borough", "London borough"
        OTHER = "other", "Other"

    class OfstedJudgement(models.TextChoices):
        OUTSTANDING = "outstanding", "Outstanding"
        GOOD = "good", "Good"
        REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
        INADEQUATE = "inadequate", "Inadequate"
        NOT_INSPECTED = "not_inspected", "Not yet inspected"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    gss_code = models.CharField(
        "ONS/GSS code", max_length=9, blank=True, help_text="e.g. E06000036 (Bracknell Forest)"
    )
    region = models.CharField(max_length=60, default="South East")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.UNITARY)
    website = models.URLField(blank=True)
    ofsted_judgement = models.CharField(max_length=30, choices=OfstedJudgement.choices, blank=True)
    ofsted_date = models.DateField(null=True, blank=True)
    context = models.TextField(blank=True, help_text="The authority's own context, in plain text.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return self.name


class PracticeModel(SourcedModel):
    class Kind(models.TextChoices):
        ESTABLISHED = "established", "Established"
        PROPRIETARY = "proprietary", "Proprietary"
        BESPOKE = "bespoke", "Bespoke"
        IN_DEVELOPMENT = "in_development", "In development"

    name = models.CharField(max_length=160, unique=True)
    short_name = models.CharField(max_length=20, blank=True)
    slug = models.SlugField(max_length=160, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ESTABLISHED)
    overview = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
