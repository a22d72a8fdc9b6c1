"""The documents the portal's statements come from, and the citations that tie each
statement to a document and a place in it (docs/adr/0008-sources-and-citations.md).

A `Source` is one document: the five the portal was built from and every document they
cite that the portal relies on. A `Citation` ties any row (a registry fact, an adoption, an
evaluation, a finding) to a source and a locator written as the document numbers itself
(a section, page, paragraph or slide), and names the field it supports when it supports one
field only.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from seslip.wording import field_name_for
from sources.values import DatePrecision, PreciseDate


class Source(models.Model):
    class Kind(models.TextChoices):
        INDEPENDENT_EVALUATION = "independent_evaluation", "Independent evaluation"
        EVALUATION = "evaluation", "Evaluation (evaluator not named)"
        INSPECTION = "inspection", "Inspection"
        AUTHORITY_REPORT = "authority_report", "Authority's own report"
        PROVIDER_REPORT = "provider_report", "Provider's report"
        SURVEY = "survey", "Survey"
        MEETING_MINUTES = "meeting_minutes", "Meeting minutes"
        PRESENTATION = "presentation", "Presentation"
        COMMITTEE_REPORT = "committee_report", "Committee report"
        LEARNING_SUMMARY = "learning_summary", "Learning summary"
        TOOLKIT = "toolkit", "Toolkit or definitions"
        REFERENCE = "reference", "Reference data"

    key = models.SlugField(max_length=80, unique=True, help_text="Stable key the data files use.")
    title = models.CharField(
        max_length=300,
        blank=True,
        help_text="The title as published. Empty when no document gives it: the portal then "
        "says 'untitled (as cited in …)'; a title is never made up.",
    )
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the document is, in our words, for untitled documents "
        "(e.g. 'slides of the Signs of Safety EIP2 evaluation').",
    )
    cited_in = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="For an untitled document: the document that cites it.",
    )
    author = models.CharField(
        max_length=300, blank=True, help_text="Author or organisation, as the documents name them."
    )
    publisher = models.CharField(max_length=200, blank=True)
    date = models.DateField(null=True, blank=True, help_text="First day of the period below.")
    date_precision = models.CharField(max_length=10, choices=DatePrecision.choices, blank=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    producer = models.CharField(max_length=300, help_text="Who produced the document.")
    independent_of_model_owner = models.BooleanField(
        null=True,
        blank=True,
        help_text="Produced independently of the model's owner and of the authorities using "
        "it; empty where the documents do not say.",
    )
    independence_note = models.CharField(max_length=300, blank=True)
    url = models.URLField(
        max_length=400, blank=True, help_text="Only where the documents themselves give one."
    )
    note = models.TextField(blank=True)
    is_portal_document = models.BooleanField(
        default=False, help_text="One of the documents the portal was built from."
    )
    cites = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="cited_by")
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up with every save (optimistic locking)."
    )

    # Who changed a document's details and when (the regional team's pages, issue 22).
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-is_portal_document", "title", "description"]
        constraints = [
            models.CheckConstraint(
                name="source_title_or_citing_document",
                condition=~models.Q(title="") | models.Q(cited_in__isnull=False),
            ),
            models.CheckConstraint(
                name="source_date_has_precision",
                condition=models.Q(date__isnull=True, date_precision="")
                | (models.Q(date__isnull=False) & ~models.Q(date_precision="")),
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("sources:detail", kwargs={"key": self.key})

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        what = f"{self.description}: " if self.description else ""
        cited_in = self.cited_in.display_title if self.cited_in is not None else "another document"
        return f"{what}untitled (as cited in {cited_in})"

    @property
    def published(self) -> PreciseDate | None:
        return PreciseDate.from_fields(self.date, self.date_precision)


class Citation(models.Model):
    """One statement's source: which document, where in it, and which field it supports."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    locator = models.CharField(
        max_length=200,
        help_text="Where in the document, as it numbers itself: '§1.2.1', 'pp 9–10', "
        "'paragraph 13', 'slide \"Our Story: July 2016\"'.",
    )
    field = models.CharField(
        max_length=60, blank=True, help_text="The field it supports; empty for the whole entry."
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["content_type", "object_id", "position"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "source", "locator"],
                name="one_citation_per_place",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source.display_title}, {self.locator}"

    @property
    def field_label(self) -> str:
        return field_name_for(self.content_type_id, self.field)
