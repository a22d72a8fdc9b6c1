"""Reads for the reference group's pages and API."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from models_registry.models import LocalAuthority, PracticeModel
from network.models import (
    Action,
    Attendance,
    Booking,
    Decision,
    Event,
    FeedbackAnswer,
    FeedbackForm,
    FeedbackQuestion,
    FeedbackResponse,
    Meeting,
    Member,
    MinuteSection,
    ReferenceGroup,
    Resource,
    Session,
    WorkshopPlace,
    WorkshopRun,
)
from sources.selectors import citations_prefetch


def group() -> ReferenceGroup | None:
    return ReferenceGroup.objects.prefetch_related(citations_prefetch()).order_by("pk").first()


def members(of_group: ReferenceGroup) -> QuerySet[Member]:
    return (
        of_group.members.select_related("local_authority")
        .prefetch_related(citations_prefetch())
        .order_by("role", "local_authority__name", "organisation", "name")
    )


def members_for_authority(authority: LocalAuthority) -> list[Member]:
    return list(Member.objects.filter(local_authority=authority).select_related("group"))


def meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("group").annotate(
        action_count=Count("actions", distinct=True),
        attended_count=Count("attendance", filter=Q(attendance__kind="attended"), distinct=True),
    )


def meeting_detail(slug: str) -> Meeting:
    attendance = (
        Attendance.objects.select_related("member__local_authority")
        .prefetch_related(citations_prefetch())
        .order_by("position")
    )
    actions = Action.objects.prefetch_related(
        "owners__local_authority", citations_prefetch()
    ).order_by("number")
    return (
        Meeting.objects.select_related("group")
        .prefetch_related(
            Prefetch("attendance", queryset=attendance),
            Prefetch(
                "sections", queryset=MinuteSection.objects.prefetch_related(citations_prefetch())
            ),
            Prefetch("decisions", queryset=Decision.objects.prefetch_related(citations_prefetch())),
            Prefetch("actions", queryset=actions),
            "planned_events",
            citations_prefetch(),
        )
        .get(slug=slug)
    )


def actions() -> QuerySet[Action]:
    return (
        Action.objects.select_related("meeting")
        .prefetch_related("owners__local_authority", citations_prefetch())
        .order_by("due_date", "meeting__date", "number")
    )


def events() -> QuerySet[Event]:
    return Event.objects.annotate(session_count=Count("sessions"))


def event_detail(slug: str) -> Event:
    sessions = (
        Session.objects.select_related("practice_model")
        .prefetch_related("presenting_authorities", "runs", citations_prefetch())
        .order_by("position")
    )
    return (
        Event.objects.select_related("bookings_administered_by", "planned_at")
        .prefetch_related(Prefetch("sessions", queryset=sessions), citations_prefetch())
        .get(slug=slug)
    )


def sessions_for_model(practice_model: PracticeModel) -> list[Session]:
    return list(
        Session.objects.filter(practice_model=practice_model)
        .select_related("event")
        .prefetch_related("presenting_authorities")
        .order_by("-event__date", "position")
    )


def resources() -> QuerySet[Resource]:
    return Resource.objects.prefetch_related("practice_models", "authorities", citations_prefetch())


def resources_for_model(practice_model: PracticeModel) -> list[Resource]:
    return list(resources().filter(practice_models=practice_model))


@dataclass(frozen=True)
class RunLoad:
    run: WorkshopRun
    confirmed: int
    waiting: int

    @property
    def places_left(self) -> int | None:
        if self.run.capacity is None:
            return None
        return max(self.run.capacity - self.confirmed, 0)


def run_loads(event: Event) -> list[RunLoad]:
    runs = (
        WorkshopRun.objects.filter(session__event=event)
        .select_related("session")
        .annotate(
            confirmed=Count("places", filter=Q(places__status=WorkshopPlace.Status.CONFIRMED)),
            waiting=Count("places", filter=Q(places__status=WorkshopPlace.Status.WAITING)),
        )
        .order_by("session__position", "number")
    )
    return [RunLoad(run, run.confirmed, run.waiting) for run in runs]


def bookings(event: Event, authorities: QuerySet[LocalAuthority]) -> QuerySet[Booking]:
    places = WorkshopPlace.objects.select_related("run__session").exclude(
        status=WorkshopPlace.Status.CANCELLED
    )
    return (
        Booking.objects.filter(event=event, local_authority__in=authorities)
        .select_related("local_authority", "booked_by")
        .prefetch_related(Prefetch("places", queryset=places))
        .order_by("local_authority__name", "created_at")
    )


def places_used(event: Event, authority: LocalAuthority) -> int:
    return Booking.objects.filter(
        event=event, local_authority=authority, status=Booking.Status.CONFIRMED
    ).count()


def upcoming(today: datetime.date) -> tuple[list[Meeting], list[Event]]:
    return (
        list(Meeting.objects.filter(date__gte=today).order_by("date")),
        list(Event.objects.filter(date__gte=today).exclude(status="cancelled").order_by("date")),
    )


def feedback_forms_for(subject: Event | Meeting) -> QuerySet[FeedbackForm]:
    field = "event" if isinstance(subject, Event) else "meeting"
    return FeedbackForm.objects.filter(**{field: subject}).prefetch_related("questions")


@dataclass(frozen=True)
class QuestionSummary:
    question: FeedbackQuestion
    answered: int
    mean: float | None
    counts: list[tuple[int, int]]
    texts: list[str]


def feedback_summary(form: FeedbackForm) -> tuple[int, list[QuestionSummary]]:
    """How many responded, and per question: answers, the mean rating and each rating's
    count, or the free-text answers."""
    answers = FeedbackAnswer.objects.filter(response__form=form)
    by_question: dict[int, list[FeedbackAnswer]] = {}
    for answer in answers.order_by("response__submitted_at", "pk"):
        by_question.setdefault(answer.question_id, []).append(answer)
    summaries = []
    for question in form.questions.all():
        given = by_question.get(question.pk, [])
        ratings = [a.rating for a in given if a.rating is not None]
        summaries.append(
            QuestionSummary(
                question=question,
                answered=len(given),
                mean=round(sum(ratings) / len(ratings), 1) if ratings else None,
                counts=[(n, ratings.count(n)) for n in range(1, 6)] if ratings else [],
                texts=[a.text for a in given if a.text],
            )
        )
    return form.responses.count(), summaries


def feedback_responses(form: FeedbackForm) -> QuerySet[FeedbackResponse]:
    return form.responses.select_related("respondent").prefetch_related("answers")
