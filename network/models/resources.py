"""The resources the reports point to, by practice model and authority."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from models_registry.models import LocalAuthority, PracticeModel
from network.models.group import CitedModel, Versioned


class Resource(CitedModel, Versioned):
    """A link or document the reports point readers to, tied to models and authorities."""

    class Kind(models.TextChoices):
        VISION = "vision", "Vision document"
        VIDEO = "video", "Video"
        BRIEFING = "briefing", "Briefing paper"
        BLOG = "blog", "Blog"
        EVALUATION = "evaluation", "Evaluation report"
        READING = "reading", "Reading and materials"
        WEBSITE = "website", "Website"

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    url = models.URLField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    practice_models = models.ManyToManyField(PracticeModel, blank=True, related_name="resources")
    authorities = models.ManyToManyField(LocalAuthority, blank=True, related_name="resources")
    position = models.PositiveSmallIntegerField(default=100)

    # Optimistic locking (issue 22): the regional team's pages claim the version a change
    # was read at, so a stale change never overwrites a newer one (seslip/locking.py).
    history = HistoricalRecords(m2m_fields=[practice_models, authorities])

    class Meta:
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:resource-list")
