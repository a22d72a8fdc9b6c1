"""The reference group: its members, meetings with their minutes and attendance, decisions
and the actions tracker (docs/network.md)."""

import calendar
import datetime

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from models_registry.models import LocalAuthority


class CitedModel(models.Model):
    """A loaded fact says which documents of the sources catalogue it comes from and where
    in them (`citations`; a citation with a `field` supports that field only)."""

    citations = GenericRelation("sources.Citation")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def cited_for(self, field: str) -> list:
        """The citations supporting one field (from the prefetched citations)."""
        return [citation for citation in self.citations.all() if citation.field == field]

    @property
    def entry_citations(self) -> list:
        """The citations of the entry as a whole, not of one field."""
        return self.cited_for("")


class Versioned(models.Model):
    """A row the regional team edits on its own pages (regional/, issue 22): every change
    claims the version it was read at, so a stale change never overwrites a newer one
    (seslip/locking.py)."""

    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up with every save (optimistic locking)."
    )

    class Meta:
        abstract = True


class ReferenceGroup(Versioned, CitedModel):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    purpose = models.TextField(blank=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:group")


class Member(Versioned, CitedModel):
    """A person on the group, with their role and the authority they come from."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        SPONSOR = "sponsor", "Sponsor"
        MEMBER = "member", "Member"

    group = models.ForeignKey(ReferenceGroup, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    local_authority = models.ForeignKey(
        LocalAuthority,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_members",
        help_text="Empty for members from outside the authorities (e.g. SESLIP).",
    )
    organisation = models.CharField(
        max_length=120, blank=True, help_text="Organisation when not an authority, e.g. SESLIP."
    )
    job_title = models.CharField(max_length=120, blank=True)
    note = models.TextField(
        blank=True, help_text="Shown with the member: e.g. an inconsistency in the minutes."
    )

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["group", "local_authority__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "name"], name="one_member_per_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.affiliation})"

    @property
    def affiliation(self) -> str:
        authority = self.local_authority
        return authority.name if authority is not None else self.organisation


class Meeting(Versioned, CitedModel):
    group = models.ForeignKey(ReferenceGroup, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    date = models.DateField()
    starts_at = models.TimeField(null=True, blank=True, help_text="Empty when not recorded.")
    ends_at = models.TimeField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    purpose = models.TextField(blank=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-date", "title"]
        constraints = [
            models.CheckConstraint(
                name="meeting_ends_after_it_starts",
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gt=models.F("starts_at")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%-d %B %Y})"


class MinuteSection(Versioned, CitedModel):
    """One numbered section of a meeting's minutes, summarised in our words."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=200)
    body = models.TextField(blank=True, help_text="Paragraphs separated by blank lines.")

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="one_section_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.heading}"

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.body.split("\n\n") if part.strip()]


class Attendance(Versioned, CitedModel):
    """A member's presence at a meeting, as the minutes list it."""

    class Kind(models.TextChoices):
        ATTENDED = "attended", "Attended"
        APOLOGIES = "apologies", "Sent apologies"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="attendance")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    listed_as = models.CharField(
        max_length=120, blank=True, help_text="The affiliation as the minutes write it."
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in the list.")
    note = models.TextField(blank=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["meeting", "kind", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member", "kind"], name="one_listing_per_member_and_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member.name}: {self.get_kind_display()}"


class Decision(Versioned, CitedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="one_decision_per_position"
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class DuePrecision(models.TextChoices):
    """How precisely a due date is known: "early March" is not a day."""

    DAY = "day", "On the day"
    EARLY_MONTH = "early_month", "Early in the month"
    MONTH = "month", "During the month"


EARLY_MONTH_LAST_DAY = 10  # "early March": the first ten days, for the overdue rule only


class Action(Versioned, CitedModel):
    """A next step agreed at a meeting, with its owners, due date and status."""

    class Status(models.TextChoices):
        NOT_RECORDED = "not_recorded", "Outcome not recorded"
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "No longer needed"

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    number = models.PositiveSmallIntegerField()
    description = models.TextField()
    owners = models.ManyToManyField(Member, blank=True, related_name="actions")
    owner_note = models.CharField(
        max_length=200, blank=True, help_text="Who owns it when the minutes name no member."
    )
    due_date = models.DateField(
        null=True, blank=True, help_text="The day, or the first day of the month when less precise."
    )
    due_precision = models.CharField(
        max_length=12, choices=DuePrecision.choices, default=DuePrecision.DAY
    )
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.OPEN)
    status_note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords(m2m_fields=[owners], excluded_fields=["version"])

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="one_action_per_number"),
            models.CheckConstraint(
                name="imprecise_due_date_is_first_of_month",
                condition=Q(due_precision="day") | Q(due_date__isnull=True) | Q(due_date__day=1),
            ),
        ]

    def __str__(self) -> str:
        return f"Action {self.number}: {self.description[:60]}"

    @property
    def due_by(self) -> datetime.date | None:
        """The last day the due date allows: the day itself, the 10th for "early", the
        month's last day for a month."""
        if self.due_date is None:
            return None
        if self.due_precision == DuePrecision.EARLY_MONTH:
            return self.due_date.replace(day=EARLY_MONTH_LAST_DAY)
        if self.due_precision == DuePrecision.MONTH:
            last = calendar.monthrange(self.due_date.year, self.due_date.month)[1]
            return self.due_date.replace(day=last)
        return self.due_date

    @property
    def due_text(self) -> str:
        if self.due_date is None:
            return "No date set"
        if self.due_precision == DuePrecision.EARLY_MONTH:
            return f"Early {self.due_date:%B %Y}"
        if self.due_precision == DuePrecision.MONTH:
            return f"{self.due_date:%B %Y}"
        return f"{self.due_date:%-d %B %Y}"

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status in self.OPEN_STATUSES and self.due_by is not None and self.due_by < today
