"""State changes of the reference group's data: action status, bookings, feedback."""

from dataclasses import dataclass, field

from django.db import transaction

from accounts.models import User
from models_registry.models import LocalAuthority
from network import notifications, permissions
from network.models import (
    Action,
    Booking,
    Event,
    FeedbackAnswer,
    FeedbackForm,
    FeedbackQuestion,
    FeedbackResponse,
    WorkshopPlace,
    WorkshopRun,
)
from seslip.wording import count_of


@transaction.atomic
def set_action_status(*, action: Action, status: str, user: User) -> Action:
    action.status = status
    action.status_note = ""
    # django-simple-history reads these two when the row is saved
    action._change_reason = f"Status set to {Action.Status(status).label} on the tracker"  # type: ignore[attr-defined]
    action._history_user = user  # type: ignore[attr-defined]
    action.full_clean()
    action.save()
    return action


# --- Bookings -------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendeeRequest:
    """One place asked for: who attends and which workshop run they choose for each run
    of the afternoon (at most one workshop per run)."""

    name: str
    email: str
    runs: tuple[WorkshopRun, ...] = ()


@dataclass
class BookingResult:
    bookings: list[Booking] = field(default_factory=list)
    waiting: list[WorkshopPlace] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _check_runs(event: Event, attendee: AttendeeRequest) -> str | None:
    numbers = [run.number for run in attendee.runs]
    sessions = [run.session_id for run in attendee.runs]
    if any(run.session.event_id != event.pk for run in attendee.runs):
        return f"{attendee.name}: choose workshops of this event."
    if len(set(numbers)) != len(numbers):
        return f"{attendee.name}: choose one workshop for each run."
    if len(set(sessions)) != len(sessions):
        return f"{attendee.name}: choose a different workshop for each run."
    return None


def book_places(
    *, event: Event, authority: LocalAuthority, attendees: list[AttendeeRequest], user: User
) -> BookingResult:
    """Book places for `authority`'s attendees, within its allowance, and their workshop
    places: confirmed while a run has room, on its waiting list once it is full.

    Capacity is enforced under concurrency by row locks, not by the check alone: the event
    row is locked first (so an authority's allowance is counted by one booking at a time)
    and then each chosen run, in primary-key order (so two bookings cannot deadlock); the
    count of confirmed places is taken after the lock. On SQLite the whole transaction
    holds the database's write lock (IMMEDIATE transactions), which serialises the same way.
    """
    result = BookingResult()
    if not permissions.can_book_for(user, authority):
        result.problems.append("You cannot book places for this authority.")
        return result
    for attendee in attendees:
        if problem := _check_runs(event, attendee):
            result.problems.append(problem)
    if result.problems:
        return result
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.status != Event.Status.OPEN:
            result.problems.append(f"{event.title} is not open for booking.")
            return result
        used = Booking.objects.filter(
            event=event, local_authority=authority, status=Booking.Status.CONFIRMED
        ).count()
        allowance = event.places_per_authority
        if allowance is not None and used + len(attendees) > allowance:
            left = max(allowance - used, 0)
            result.problems.append(
                f"{authority.name} has {left} of its {count_of(allowance, 'place')} left; "
                f"you asked for {len(attendees)}."
            )
            return result
        emails = [a.email.lower() for a in attendees]
        taken = Booking.objects.filter(
            event=event, status=Booking.Status.CONFIRMED, attendee_email__in=emails
        ).values_list("attendee_email", flat=True)
        if taken or len(set(emails)) != len(emails):
            names = ", ".join(sorted(set(taken))) or "the same address twice"
            result.problems.append(f"Each attendee needs their own place: {names}.")
            return result
        run_ids = sorted({run.pk for a in attendees for run in a.runs})
        locked = {
            run.pk: run
            for run in WorkshopRun.objects.select_for_update().filter(pk__in=run_ids).order_by("pk")
        }
        for attendee in attendees:
            booking = Booking.objects.create(
                event=event,
                local_authority=authority,
                attendee_name=attendee.name,
                attendee_email=attendee.email.lower(),
                booked_by=user,
            )
            result.bookings.append(booking)
            for chosen in attendee.runs:
                place = WorkshopPlace.objects.create(
                    booking=booking, run=locked[chosen.pk], status=_status_for(locked[chosen.pk])
                )
                if place.status == WorkshopPlace.Status.WAITING:
                    result.waiting.append(place)
        transaction.on_commit(lambda: notifications.booked(result.bookings))
    return result


def _status_for(run: WorkshopRun) -> str:
    """Confirmed while the run has room; the caller holds the run's row lock."""
    if run.capacity is None:
        return WorkshopPlace.Status.CONFIRMED
    confirmed = run.places.filter(status=WorkshopPlace.Status.CONFIRMED).count()
    if confirmed < run.capacity:
        return WorkshopPlace.Status.CONFIRMED
    return WorkshopPlace.Status.WAITING


def cancel_booking(*, booking: Booking, user: User) -> list[WorkshopPlace]:
    """Cancel a place and its workshop places; each freed workshop place goes to the first
    on that run's waiting list. Returns the promoted places."""
    promoted: list[WorkshopPlace] = []
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == Booking.Status.CANCELLED:
            return promoted
        # Lock the runs this booking frees places in, in primary-key order like bookings.
        list(
            WorkshopRun.objects.select_for_update()
            .filter(pk__in=booking.places.values("run_id"))
            .order_by("pk")
        )
        booking.status = Booking.Status.CANCELLED
        booking._history_user = user  # type: ignore[attr-defined]  # django-simple-history
        booking.save()
        places = list(booking.places.exclude(status=WorkshopPlace.Status.CANCELLED))
        for place in places:
            was_confirmed = place.status == WorkshopPlace.Status.CONFIRMED
            place.status = WorkshopPlace.Status.CANCELLED
            place._history_user = user  # type: ignore[attr-defined]  # django-simple-history
            place.save()
            if was_confirmed:
                promoted.extend(_promote(place.run))
        transaction.on_commit(lambda: notifications.cancelled(booking, promoted))
    return promoted


def _promote(run: WorkshopRun) -> list[WorkshopPlace]:
    """Fill the run's free places from its waiting list, first come first served."""
    promoted = []
    while _status_for(run) == WorkshopPlace.Status.CONFIRMED:
        waiting = (
            run.places.filter(
                status=WorkshopPlace.Status.WAITING, booking__status=Booking.Status.CONFIRMED
            )
            .order_by("created_at", "pk")
            .first()
        )
        if waiting is None:
            break
        waiting.status = WorkshopPlace.Status.CONFIRMED
        waiting._change_reason = "Promoted from the waiting list after a cancellation"  # type: ignore[attr-defined]
        waiting.save()
        promoted.append(waiting)
    return promoted


# --- Feedback -------------------------------------------------------------------------


@transaction.atomic
def submit_feedback(
    *, form: FeedbackForm, user: User, answers: dict[int, int | str | None], anonymous: bool
) -> FeedbackResponse:
    """Store one person's answers; an anonymous response keeps no link to the person."""
    response = FeedbackResponse.objects.create(
        form=form, respondent=None if anonymous and form.allow_anonymous else user
    )
    questions = {question.pk: question for question in form.questions.all()}
    FeedbackAnswer.objects.bulk_create(
        FeedbackAnswer(
            response=response,
            question=questions[pk],
            rating=value if questions[pk].kind == FeedbackQuestion.Kind.RATING else None,
            text="" if questions[pk].kind == FeedbackQuestion.Kind.RATING else str(value or ""),
        )
        for pk, value in answers.items()
        if pk in questions and value not in (None, "")
    )
    return response
