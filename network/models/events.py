"""Events: their programme of sessions and workshop runs, and bookings of places with
workshop waiting lists (docs/network.md)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from models_registry.models import LocalAuthority, PracticeModel
from network.models.group import CitedModel, Meeting, ReferenceGroup, Versioned


class Event(CitedModel, Versioned):
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

    # Optimistic locking (issue 22): the regional team's pages claim the version a change
    # was read at, so a stale change never overwrites a newer one (seslip/locking.py).
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


class Session(CitedModel, Versioned):
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

    # Optimistic locking (issue 22): the regional team's pages claim the version a change
    # was read at, so a stale change never overwrites a newer one (seslip/locking.py).
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


class WorkshopRun(CitedModel, Versioned):
    """One run of a workshop; every workshop of the conference was to run twice."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="runs")
    number = models.PositiveSmallIntegerField()
    capacity = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Places in the room; empty while not set."
    )

    # Optimistic locking (issue 22): the regional team's pages claim the version a change
    # was read at, so a stale change never overwrites a newer one (seslip/locking.py).
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
