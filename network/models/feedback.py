"""Feedback forms for events and meetings, their questions and the responses."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from network.models.events import Event
from network.models.group import Meeting, Versioned


class FeedbackForm(Versioned):
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

    # Optimistic locking (issue 22): the regional team's pages claim the version a change
    # was read at, so a stale change never overwrites a newer one (seslip/locking.py).
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
        subject = self.event if self.event_id else self.meeting
        assert subject is not None  # the check constraint: an event or a meeting
        return subject


class FeedbackQuestion(Versioned):
    class Kind(models.TextChoices):
        TEXT = "text", "Free text"
        RATING = "rating", "Rating from 1 to 5"

    form = models.ForeignKey(FeedbackForm, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TEXT)
    required = models.BooleanField(default=False)

    # Optimistic locking (issue 22): the regional team's pages claim the version a change
    # was read at, so a stale change never overwrites a newer one (seslip/locking.py).
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
