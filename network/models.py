"""The regional reference group and its events: members, meetings with their minutes,
decisions and actions, events with their programmes, bookings, feedback and resources.

Sources: the minutes of the SESLIP Models of Social Work Practice Reference Group meeting of
19 February 2020, and the foreword of the SESLIP report "Models of Social Work Practice"
(2020), which records the conference's cancellation. Every loaded entry carries citations to
the sources catalogue (`sources.Citation`: a document and a locator;
docs/adr/0008-sources-and-citations.md).
"""

import calendar
import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from models_registry.models import LocalAuthority, PracticeModel


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


class ReferenceGroup(CitedModel):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    purpose = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:group")


class Member(CitedModel):
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

    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "local_authority__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "name"], name="one_member_per_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.affiliation})"

    @property
    def affiliation(self) -> str:
        return self.local_authority.name if self.local_authority_id else self.organisation


class Meeting(CitedModel):
    group = models.ForeignKey(ReferenceGroup, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    date = models.DateField()
    starts_at = models.TimeField(null=True, blank=True, help_text="Empty when not recorded.")
    ends_at = models.TimeField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    purpose = models.TextField(blank=True)

    history = HistoricalRecords()

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


class MinuteSection(CitedModel):
    """One numbered section of a meeting's minutes, summarised in our words."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=200)
    body = models.TextField(blank=True, help_text="Paragraphs separated by blank lines.")

    history = HistoricalRecords()

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


class Attendance(CitedModel):
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

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "kind", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member", "kind"], name="one_listing_per_member_and_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member.name}: {self.get_kind_display()}"


class Decision(CitedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()

    history = HistoricalRecords()

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


class Action(CitedModel):
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

    history = HistoricalRecords(m2m_fields=[owners])

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


class Event(CitedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        OPEN = "open", "Open for booking"
        FULL = "full", "Full"
        CANCELLED = "cancelled", "Cancelled"
        HELD = "held", "Held"

    group = models.ForeignKey(
        ReferenceGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    planned_at = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planned_events",
        help_text="The meeting that planned it.",
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    date = models.DateField()
    starts_at = models.TimeField(null=True, blank=True, help_text="Empty when not recorded.")
    ends_at = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    aim = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    status_note = models.TextField(blank=True, help_text="Why, e.g. why it was cancelled.")
    places_per_authority = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Each authority's allowance of places."
    )
    costs_note = models.CharField(max_length=300, blank=True)
    bookings_administered_by = models.ForeignKey(
        LocalAuthority,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The authority helping to administer bookings.",
    )
    bookings_note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "title"]
        constraints = [
            models.CheckConstraint(
                name="event_ends_after_it_starts",
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gt=models.F("starts_at")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%-d %B %Y})"

    def get_absolute_url(self) -> str:
        return reverse("network:event-detail", kwargs={"slug": self.slug})

    @property
    def status_citations(self) -> list:
        """Where the status comes from, e.g. the report's foreword for the cancellation."""
        return self.cited_for("status")

    @property
    def is_bookable(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.FULL)


class Session(CitedModel):
    """One item of an event's programme."""

    class Kind(models.TextChoices):
        PRESENTATION = "presentation", "Model presentation"
        WORKSHOP = "workshop", "Workshop"
        TALK = "talk", "Talk"
        PLENARY = "plenary", "Plenary"

    class Part(models.TextChoices):
        MORNING = "morning", "Morning"
        AFTERNOON = "afternoon", "Afternoon"
        CLOSE = "close", "Close"
        UNPLACED = "unplaced", "Time not decided"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    slug = models.SlugField(max_length=120)
    kind = models.CharField(max_length=15, choices=Kind.choices)
    part = models.CharField(max_length=10, choices=Part.choices)
    position = models.PositiveSmallIntegerField(help_text="Order within the programme.")
    title = models.CharField(max_length=200)
    duration_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    practice_model = models.ForeignKey(
        PracticeModel,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_sessions",
    )
    presenting_authorities = models.ManyToManyField(
        LocalAuthority, blank=True, related_name="event_sessions"
    )
    presenter_note = models.CharField(max_length=200, blank=True)
    brief = models.TextField(blank=True, help_text="What the presenters were asked to cover.")
    tentative = models.BooleanField(default=False, help_text="Only possible, not agreed.")
    note = models.TextField(blank=True)

    history = HistoricalRecords(m2m_fields=[presenting_authorities])

    class Meta:
        ordering = ["event", "position"]
        constraints = [
            models.UniqueConstraint(fields=["event", "slug"], name="one_session_per_slug"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.event.get_absolute_url()

    @property
    def brief_points(self) -> list[str]:
        return [line.strip() for line in self.brief.splitlines() if line.strip()]


class WorkshopRun(CitedModel):
    """One run of a workshop; every workshop of the conference was to run twice."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="runs")
    number = models.PositiveSmallIntegerField()
    capacity = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Places in the room; empty while not set."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="one_run_per_number"),
        ]

    def __str__(self) -> str:
        return f"{self.session.title}, run {self.number}"

    def get_absolute_url(self) -> str:
        return self.session.get_absolute_url()


class Booking(models.Model):
    """One named place at an event, booked by an authority's editor."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        CANCELLED = "cancelled", "Cancelled"

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="bookings")
    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, related_name="event_bookings"
    )
    attendee_name = models.CharField(max_length=120)
    attendee_email = models.EmailField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="event_bookings"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "local_authority__name", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "attendee_email"],
                condition=Q(status="confirmed"),
                name="one_confirmed_place_per_attendee",
            )
        ]

    def __str__(self) -> str:
        return f"{self.attendee_name} ({self.local_authority}) at {self.event}"


class WorkshopPlace(models.Model):
    """A booked attendee's place (or place on the waiting list) in one workshop run."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        WAITING = "waiting", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="places")
    run = models.ForeignKey(WorkshopRun, on_delete=models.PROTECT, related_name="places")
    status = models.CharField(max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["run", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "run"],
                condition=~Q(status="cancelled"),
                name="one_live_place_per_booking_and_run",
            )
        ]

    def __str__(self) -> str:
        return f"{self.booking.attendee_name}: {self.run} ({self.get_status_display()})"


class Resource(CitedModel):
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

    history = HistoricalRecords(m2m_fields=[practice_models, authorities])

    class Meta:
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:resource-list")


class FeedbackForm(models.Model):
    """A feedback, learning and next-steps form for an event or a meeting (the minutes ask
    for one); its questions are set by a regional admin."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, null=True, blank=True, related_name="feedback_forms"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="feedback_forms"
    )
    title = models.CharField(max_length=200)
    is_open = models.BooleanField(default=False)
    allow_anonymous = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                name="feedback_for_one_event_or_meeting",
                condition=(Q(event__isnull=False) & Q(meeting__isnull=True))
                | (Q(event__isnull=True) & Q(meeting__isnull=False)),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def subject(self) -> "Event | Meeting":
        return self.event if self.event_id else self.meeting


class FeedbackQuestion(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", "Free text"
        RATING = "rating", "Rating from 1 to 5"

    form = models.ForeignKey(FeedbackForm, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TEXT)
    required = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["form", "position"]
        constraints = [
            models.UniqueConstraint(fields=["form", "position"], name="one_question_per_position")
        ]

    def __str__(self) -> str:
        return self.text


class FeedbackResponse(models.Model):
    """One person's answers; `respondent` is empty when they chose to answer anonymously."""

    form = models.ForeignKey(FeedbackForm, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_responses",
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["form", "submitted_at"]

    def __str__(self) -> str:
        return f"Response to {self.form}"


class FeedbackAnswer(models.Model):
    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(FeedbackQuestion, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_answer_per_question"
            ),
            models.CheckConstraint(
                name="rating_from_one_to_five",
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
            ),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question}"
